"""Schaalcorpus: N fictieve organisaties met elk vier P&C-documenten, om pcdocs op schaal te meten.

    .venv/bin/python scripts/make_corpus.py N [--uit MAP] [--seed S]
    .venv/bin/pcdocs -C MAP check --strict
    .venv/bin/pcdocs -C MAP build --geen-pdf

Writes a complete pcdocs repository into MAP (default `.corpus/n<N>/` in this repository;
`/.corpus/` belongs in .gitignore): `mkdocs.yml` and `macros/` copied from this repository,
the theme's `docs/assets/`, a portal page, and per organisation `data/<slug>/` with its data
files and
`docs/<slug>/<year>/{jaarplan,meerjarenbeleidsplan,uitvoeringsplan,voortgangsrapportage}.md`.
The documents use the seeds' building blocks with generated data; every figure is a macro.

The same N and seed give byte-identical output, and organisation k is the same in every
corpus with at least k organisations. The script never writes into a repository's `docs/` or
`data/`, nor into a folder that is not empty unless an earlier run made it (it leaves a
marker file `.pcdocs-corpus`); such a folder is emptied and filled again.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import NoReturn

import corpus_jaarplan
import corpus_plannen
import corpus_text
from corpus_model import Org, dump_yaml, make_orgs

ROOT = Path(__file__).resolve().parents[1]
MARKER = ".pcdocs-corpus"
PROFILE = {
    "kans": [{"klasse": 1, "naam": "Klein"}, {"klasse": 2, "naam": "Gemiddeld"},
             {"klasse": 3, "naam": "Hoog"}],
    "omvang": [{"klasse": 1, "tot": 250000}, {"klasse": 2, "van": 250000, "tot": 1000000},
               {"klasse": 3, "van": 1000000, "tot": 2500000},
               {"klasse": 4, "van": 2500000, "tot": 5000000}, {"klasse": 5, "van": 5000000}],
}


def default_folder(count: int) -> Path:
    return ROOT / ".corpus" / f"n{count}"


def refusal(out: Path) -> str | None:
    """Why the corpus may not be written into `out` (an absolute path), or None."""
    for folder in (out, *out.parents):
        if not (folder / "mkdocs.yml").is_file():
            continue
        for name in ("docs", "data"):
            if out.is_relative_to(folder / name):
                return (f"{out} ligt in {name}/ van de pcdocs-repository {folder}; het corpus "
                        "komt nooit tussen echte documenten of gegevens")
        if out == folder and not (folder / MARKER).is_file():
            return f"{out} is een pcdocs-repository; geef een eigen map voor het corpus"
    if out.exists() and not out.is_dir():
        return f"{out} is een bestand, geen map"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return (f"{out} is niet leeg en niet door dit script gemaakt (er staat geen {MARKER} "
                "in); kies een lege of nieuwe map")
    return None


def corpus_files(count: int, seed: int) -> dict[str, bytes]:
    """Every file of the corpus, by its path relative to the corpus folder."""
    files: dict[str, bytes] = {
        MARKER: (f"Gemaakt door scripts/make_corpus.py {count} --seed {seed}.\n"
                 "Het script mag deze map leegmaken en opnieuw vullen.\n").encode(),
        "mkdocs.yml": _mkdocs(count),
        "README.md": (f"# Schaalcorpus pcdocs ({count} fictieve organisaties, seed {seed})\n\n"
                      "Gemaakt door `scripts/make_corpus.py`; niet met de hand bewerken. "
                      "Controleren en bouwen: `pcdocs -C <deze map> check --strict` en "
                      "`pcdocs -C <deze map> build --geen-pdf`.\n").encode(),
        "docs/index.md": corpus_text.index_page(count, seed).encode(),
    }
    for base in (ROOT / "macros", ROOT / "docs" / "assets"):
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    for org in make_orgs(count, seed):
        for rel, text in organisation_files(org).items():
            assert rel not in files, rel
            files[rel] = text.encode()
    return files


def _mkdocs(count: int) -> bytes:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name:.*$",
                  f"site_name: Schaalcorpus pcdocs – {count} fictieve organisaties", text)
    text = re.sub(r"(?m)^site_description:.*$",
                  "site_description: Gegenereerde, fictieve P&C-documenten om de bouw van "
                  "pcdocs op schaal te meten.", text)
    return text.encode()


def organisation_files(org: Org) -> dict[str, str]:
    jaarplan = corpus_jaarplan.jaarplan(org)
    meerjarenplan = corpus_plannen.meerjarenplan(org)
    uitvoeringsplan = corpus_plannen.uitvoeringsplan(org)
    voortgang = corpus_plannen.voortgang(org)
    data = {
        "organisatie.yaml": dump_yaml(
            {"naam": org.naam, "korte_naam": org.kort, "soort": org.soort,
             "huiskleur": org.kleur, "gemeenten": [{"naam": g.naam} for g in org.gemeenten]},
            "Fictieve organisatie, gemaakt door scripts/make_corpus.py."),
        "risicoprofiel.yaml": dump_yaml(PROFILE, "Klassen voor kans en netto verwachte "
                                                 "omvang van risico's; gelden voor elk jaar."),
        f"{jaarplan.year}/kerncijfers.yaml": dump_yaml(
            jaarplan.kerncijfers | uitvoeringsplan.kerncijfers, "Losse kerncijfers (fictief)."),
        f"{voortgang.year}/kerncijfers.yaml": dump_yaml(
            meerjarenplan.kerncijfers | voortgang.kerncijfers, "Losse kerncijfers (fictief)."),
    }
    for part in (jaarplan.files, meerjarenplan.files, uitvoeringsplan.files, voortgang.files):
        assert not set(part) & set(data), set(part) & set(data)
        data |= part
    files = {f"data/{org.slug}/{rel}": text for rel, text in data.items()}
    docs = {"jaarplan": (jaarplan.year, corpus_text.jaarplan(org, jaarplan)),
            "meerjarenbeleidsplan": (meerjarenplan.year,
                                     corpus_text.meerjarenplan(org, meerjarenplan)),
            "uitvoeringsplan": (uitvoeringsplan.year,
                                corpus_text.uitvoeringsplan(org, uitvoeringsplan)),
            "voortgangsrapportage": (voortgang.year, corpus_text.voortgang(org, voortgang))}
    for doc, (year, text) in docs.items():
        files[f"docs/{org.slug}/{year}/{doc}.md"] = text
    return files


def write(out: Path, files: dict[str, bytes]) -> None:
    if out.is_dir() and (out / MARKER).is_file():  # an earlier corpus: replace it whole
        for child in sorted(out.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    for rel, content in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


class _Parser(argparse.ArgumentParser):
    """argparse with its error messages in Dutch (the ones users meet)."""

    WORDS = (("the following arguments are required", "deze argumenten ontbreken"),
             ("unrecognized arguments", "onbekende argumenten"),
             ("invalid int value", "geen geheel getal"),
             ("expected one argument", "verwacht een waarde"))

    def error(self, message: str) -> NoReturn:
        for english, dutch in self.WORDS:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(
        prog="make_corpus.py", description="Schrijf een schaalcorpus: N fictieve organisaties "
        "met elk een jaarplan, meerjarenbeleidsplan, uitvoeringsplan en voortgangsrapportage.")
    parser.add_argument("aantal", type=int, metavar="N", help="het aantal organisaties")
    parser.add_argument("--uit", type=Path, metavar="MAP",
                        help="de map voor het corpus (standaard .corpus/n<N>/ in de repository)")
    parser.add_argument("--seed", type=int, default=1,
                        help="startwaarde van het toeval (standaard 1); dezelfde N en seed "
                             "geven dezelfde bestanden")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the error
        return int(exc.code or 0)
    if args.aantal < 1:
        print("make_corpus: N moet minstens 1 zijn", file=sys.stderr)
        return 2
    out = (args.uit if args.uit is not None else default_folder(args.aantal)).resolve()
    problem = refusal(out)
    if problem is not None:
        print(f"make_corpus: {problem}", file=sys.stderr)
        return 2
    files = corpus_files(args.aantal, args.seed)
    write(out, files)
    size = sum(len(c) for c in files.values())
    print(f"{args.aantal} organisaties, {len(files)} bestanden ({size / 1_000_000:.1f} MB) "
          f"geschreven naar {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
