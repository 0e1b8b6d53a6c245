"""The `pcdocs` command line. `main(argv) -> int` so tests can run it in-process.

Exit codes: 0 done (warnings allowed), 1 errors in the input, 2 wrong use of the command.
A user's mistake never shows a traceback; `--debug` shows one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NoReturn, TextIO

from pcdocs import __version__
from pcdocs.errors import BuildFailed, Finding, PcdocsError, UsageError
from pcdocs.model import fmt


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (zie 'pcdocs --help')", code="gebruik")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="pcdocs", description="P&C-documenten bouwen uit Markdown en gegevens.")
    p.add_argument("--version", action="version", version=f"pcdocs {__version__}")
    p.add_argument("--debug", action="store_true", help="toon de volledige foutmelding (voor "
                                                        "ontwikkelaars)")
    p.add_argument("-C", "--map", type=Path, default=Path.cwd(),
                   help="de repository (standaard: de huidige map)")
    sub = p.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)
    b = sub.add_parser("build", help="controleer alles en bouw site/ (met manifest.json)")
    b.add_argument("--strict", action="store_true", help="waarschuwingen gelden als fouten")
    b.add_argument("-q", "--stil", action="store_true", help="geen uitvoer behalve fouten")
    b.add_argument("--geen-pdf", action="store_true", help="alleen de site, zonder PDF's "
                   "(sneller tijdens het schrijven)")
    b.add_argument("--processen", type=int, default=None, metavar="N",
                   help="aantal processen voor de PDF's (standaard: het aantal kernen)")
    b.add_argument("--geen-cache", action="store_true",
                   help="alles opnieuw maken, zonder .pcdocs-cache/ te lezen of te vullen")
    b.add_argument("--shard", metavar="K/N", help="bouw alleen deel K van N (per organisatie "
                   "verdeeld), voor meerdere CI-machines; voeg samen met 'pcdocs merge'")
    b.add_argument("--uit", metavar="MAP", default="site",
                   help="de map voor de site, naast mkdocs.yml (standaard: site)")
    m = sub.add_parser("merge", help="voeg de delen van 'build --shard' samen tot één site")
    m.add_argument("delen", nargs="+", type=Path, metavar="MAP",
                   help="de uitvoer van elk deel (alle N, in willekeurige volgorde)")
    m.add_argument("--uit", type=Path, default=Path("site"), metavar="MAP",
                   help="waar de samengevoegde site komt (standaard: site)")
    s = sub.add_parser("serve", help="live voorbeeld in de browser, ververst bij elke wijziging")
    s.add_argument("document", nargs="?", help="alleen dit document: <org>/<jaar>/<doc> "
                                               "(sneller bij veel documenten)")
    s.add_argument("--adres", default="127.0.0.1:8000", help="host:poort (standaard "
                                                             "127.0.0.1:8000)")
    c = sub.add_parser("check", help="controleer gegevens en documenten zonder te bouwen")
    c.add_argument("--format", choices=("tekst", "json"), default="tekst")
    c.add_argument("--strict", action="store_true", help="waarschuwingen gelden als fouten")
    v = sub.add_parser("compare", help="vergelijk twee documenten, versies of git-revisies")
    v.add_argument("oud", help="het oude document: <org>/<jaar>/<doc>[:editie][@versie of "
                               "git-revisie]")
    v.add_argument("nieuw", help="het nieuwe document, net zo geschreven")
    v.add_argument("--format", choices=("tekst", "json"), default="tekst")
    n = sub.add_parser("new", help="nieuw document uit dat van een vorig jaar (overschrijft "
                                   "nooit iets)")
    n.add_argument("document", help="het nieuwe document: <org>/<jaar>/<doc>")
    n.add_argument("--from", dest="bron", required=True, metavar="DOCUMENT",
                   help="het document waarvan de opzet wordt overgenomen")
    u = sub.add_parser("publish", help="bevries een vastgestelde of vrijgegeven versie in "
                                       "archief/")
    u.add_argument("document", help="<org>/<jaar>/<doc>")
    u.add_argument("--vrijgeven", action="store_true",
                   help="publiceer ook een concept (uitdrukkelijk vrijgegeven versie)")
    f = sub.add_parser("cijfers", help="toon de cijfers van een gegevensmap met hun herkomst "
                                       "(ook zonder site, bijv. uit de bijlagen van een PDF)")
    f.add_argument("gegevensmap", help="de map onder data/, bijv. isd-bol/2025")
    f.add_argument("soort", nargs="?", help="alleen deze soort gegevens, bijv. "
                                            "weerstandsvermogen")
    j = sub.add_parser("sjabloon", help="schrijf een Excel-sjabloon voor een tabel (zoals "
                                        "inhuur of formatieanalyse)")
    j.add_argument("soort", nargs="?", help="de soort tabel, bijv. inhuur (zonder: de lijst)")
    j.add_argument("--map", dest="doelmap", type=Path, default=None, metavar="MAP",
                   help="de map waarin <soort>.xlsx komt (standaard: de huidige map)")
    return p


def _print_findings(findings: Sequence[Finding], out: TextIO) -> None:
    for finding in findings:
        label = "FOUT" if finding.severity == "error" else "LET OP"
        print(f"{label} {finding.format()}", file=out)


def _summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    return f"{errors} fout(en), {warnings} waarschuwing(en)"


def _cmd_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.build import build
    from pcdocs.output.shard import parse as parse_shard
    from pcdocs.support.progress import for_output

    try:
        progress = for_output(err, quiet=args.stil)
        try:
            result = build(args.map, strict=args.strict, pdf=not args.geen_pdf,
                           workers=args.processen, use_cache=not args.geen_cache,
                           progress=progress, site_name=_site_name(args.uit),
                           shard=parse_shard(args.shard) if args.shard else None)
        finally:
            progress.close()
    except BuildFailed as failed:
        if args.debug and failed.__cause__ is not None:  # (a full disk: the OSError's trace)
            raise
        _print_findings(failed.findings, err)
        print(f"Build afgebroken: {_summary(failed.findings)}. De vorige site/ is ongewijzigd.",
              file=err)
        return 1
    _print_findings(result.findings, err)
    if not args.stil:
        seconds = fmt.number(Decimal(f"{result.seconds:.1f}"), 1)
        pdfs = f", {result.editions} editie(s) per gemeente" if result.editions else ""
        if result.pdfs:
            pdfs += f" en {result.pdfs} PDF('s), {fmt.number(result.pdf_pages)} pagina's,"
        part = f"Deel {args.shard} van de site" if args.shard else "Site"
        print(f"{part} gebouwd in {seconds} s: {result.documents} document(en){pdfs} in "
              f"{result.site.name}/ ({_summary(result.findings)}).", file=out)
        if result.session is not None and result.session.disk.enabled:
            print(f"Uit de cache (.pcdocs-cache/, hergebruikt/gevraagd): "
                  f"{result.session.disk.summary() or 'niets'}.", file=out)
    return 0


def _site_name(text: str) -> str:
    name = text.strip().rstrip("/")
    if not name or "/" in name or name.startswith(".") or name in ("docs", "data", "archief"):
        raise UsageError(f"--uit '{text}' kan niet", code="gebruik",
                         hint="noem een nieuwe map naast mkdocs.yml, bijvoorbeeld site-1")
    return name


def _cmd_merge(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.output.shard import merge

    target = args.uit if args.uit.is_absolute() else args.map / args.uit
    folders = [f if f.is_absolute() else args.map / f for f in args.delen]
    try:
        written = merge(folders, target)
    except BuildFailed as failed:
        _print_findings(failed.findings, err)
        print(f"Samenvoegen afgebroken: {_summary(failed.findings)}. {target.name}/ is "
              "ongewijzigd.", file=err)
        return 1
    print(f"{len(folders)} delen samengevoegd in {target.name}/: "
          f"{fmt.number(written)} bestanden.", file=out)
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.check import check

    findings = check(args.map)
    failing = [f for f in findings if f.severity == "error" or args.strict]
    if args.format == "json":
        payload = {"findings": [
            {k: v for k, v in f.as_json().items()
             if k in ("severity", "code", "file", "line", "message", "hint")}
            for f in findings]}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        _print_findings(findings, out)
        print(f"Controle klaar: {_summary(findings)}.", file=out)
    return 1 if failing else 0


def _cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.preview import serve

    where = f"http://{args.adres}/"
    if args.document:
        where += args.document.split(":")[0].rstrip("/") + "/"
    print(f"Voorbeeld op {where} (stoppen met Ctrl+C)", file=out)
    serve(args.map, dev_addr=args.adres, document=args.document, debug=args.debug)
    return 0


def _cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.compare.command import compare, report

    result = compare(args.map, args.oud, args.nieuw)
    for warning in result.warnings:
        print(f"LET OP: {warning}", file=err)
    print(report(result.comparison, args.format), file=out, end="")
    return 0


def _cmd_new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.scaffold import scaffold, summary

    done = scaffold(args.map, args.document, args.bron)
    print("\n".join(summary(done)), file=out)
    return 0


def _cmd_publish(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.publish import publish, summary

    published = publish(args.map, args.document, release=args.vrijgeven)
    for line in summary(published, args.map):
        print(line, file=out)
    return 0


def _cmd_sjabloon(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.templates import kinds, summary, write_template

    if args.soort is None:
        print("Sjablonen: " + ", ".join(kinds()) + " (pcdocs sjabloon <soort>)", file=out)
        return 0
    written = write_template(args.soort, args.doelmap or Path.cwd())
    print("\n".join(summary(written)), file=out)
    return 0


def _cmd_cijfers(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from pcdocs.commands.figures import lines, list_figures

    listed = list_figures(args.map, args.gegevensmap, args.soort)
    for line in lines(listed):
        print(line, file=err if line.startswith("FOUT ") else out)
    return 1 if any(item.error is not None for item in listed) else 0


COMMANDS = {"build": _cmd_build, "merge": _cmd_merge, "check": _cmd_check, "serve": _cmd_serve,
            "compare": _cmd_compare, "new": _cmd_new, "publish": _cmd_publish,
            "sjabloon": _cmd_sjabloon, "cijfers": _cmd_cijfers}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    root = Path.cwd()
    try:
        args = _parser().parse_args(argv)
        root = args.map
        if args.command is None:
            raise UsageError("noem een opdracht: build, merge, serve, check, compare, new, "
                             "publish, sjabloon of cijfers (zie 'pcdocs --help')")
        return COMMANDS[args.command](args, out, err)
    except BuildFailed as failed:  # (compare, publish: a build inside refused the document)
        if debug:
            raise
        _print_findings(failed.findings, err)
        print(f"FOUT {failed.finding.format()}", file=err)
        return 1
    except PcdocsError as exc:
        if debug:
            raise
        print(f"FOUT {exc.finding.format()}", file=err)
        return 2 if isinstance(exc, UsageError) else 1
    except OSError as exc:  # a full disk, no permission, a file gone while it was read
        if debug:
            raise
        from pcdocs.commands.build import os_problem

        print(f"FOUT {os_problem(exc, root).format()}", file=err)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
