"""Benchmark: the PDF step of `pcdocs build` on a copy of the example repository.

Reports, for every PDF (documents and per-gemeente editions): pages, seconds per document
and per page, sequential (one process) against parallel (a worker per core), WeasyPrint's
own rate on the same print HTML with the same options (PDF/A-3a, tags, attachments) and
without them, and the peak memory (RSS) of the build process and of its largest PDF worker.
Each phase runs in a fresh process.

    .venv/bin/python scripts/bench_pdf.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _copy(target: Path) -> Path:
    for name in ("mkdocs.yml", "docs", "data", "macros"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def _phase(mode: str, root: Path) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    from pcdocs.commands.build import build

    if mode in ("seq", "par"):
        result = build(root, workers=1 if mode == "seq" else None, use_cache=False)
        assert result.session is not None
        s = result.session
        return {"pdf_seconds": s.pdf_seconds, "build_seconds": result.seconds,
                "docs": [{"name": r.name, "pages": r.pages, "seconds": r.seconds,
                          "compose": r.compose_seconds} for r in s.pdf_results],
                "rss_self": _rss(resource.RUSAGE_SELF),
                "rss_workers": _rss(resource.RUSAGE_CHILDREN)}
    # raw: WeasyPrint itself on the same HTML, stylesheet and fonts: with the same options
    # (PDF/A-3a, tags, attachments), and plain (none of them) to show what those cost
    from weasyprint import HTML

    from pcdocs.output import pdf, printing

    result = build(root, pdf=True, workers=None, use_cache=False)
    assert result.session is not None
    css = pdf.stylesheet()
    _scratch_is_site(root, result.session.pdf_jobs)
    docs = []
    for job in result.session.pdf_jobs:
        html = printing.compose(job.content, job.meta)
        timings = {}
        for name, opts in (("same", pdf.options(job)), ("plain", {})):
            started = time.perf_counter()
            document = HTML(string=html, base_url=job.base_dir + "/").render(
                stylesheets=[css], font_config=pdf._font_config(), **opts)
            document.write_pdf(**opts)
            timings[name] = time.perf_counter() - started
        docs.append({"name": job.name, "pages": len(document.pages), **timings,
                     "seconds": timings["same"]})
    return {"docs": docs}


def _scratch_is_site(root: Path, jobs: list[Any]) -> None:
    """The build rendered into a scratch folder that it then renamed to site/: that name
    points at site/ again, so the jobs' charts and attachments are found."""
    for job in jobs:
        scratch = root / Path(job.base_dir).relative_to(root).parts[0]
        if not scratch.exists():
            scratch.symlink_to(root / "site", target_is_directory=True)


def _rss(who: int) -> int:
    return resource.getrusage(who).ru_maxrss // 1024  # MiB


def _run(mode: str, root: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--fase", mode, str(root)],
                          capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fase", choices=("seq", "par", "raw"))
    parser.add_argument("root", nargs="?", type=Path)
    args = parser.parse_args()
    if args.fase:
        print(json.dumps(_phase(args.fase, args.root)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = _copy(Path(tmp))
        runs: dict[str, list[dict[str, Any]]] = {"seq": [], "par": [], "raw": []}
        for _ in range(args.runs):
            for mode in runs:
                runs[mode].append(_run(mode, root))
    _report(runs)


def _median_per_doc(runs: list[dict[str, Any]], key: str = "seconds"
                    ) -> dict[str, tuple[int, float]]:
    names = [d["name"] for d in runs[0]["docs"]]
    return {n: (next(d["pages"] for d in runs[0]["docs"] if d["name"] == n),
                min(d[key] for r in runs for d in r["docs"] if d["name"] == n))
            for n in names}


def _report(runs: dict[str, list[dict[str, Any]]]) -> None:
    seq, raw = _median_per_doc(runs["seq"]), _median_per_doc(runs["raw"])
    plain = _median_per_doc(runs["raw"], "plain")
    print(f"{'PDF':48} {'blz':>4} {'pcdocs s':>8} {'s/blz':>6} {'WP s':>6} {'pcdocs/WP':>9} "
          f"{'WP kaal s':>9}")
    for name, (pages, seconds) in seq.items():
        same = raw[name][1]
        print(f"{name:48} {pages:4d} {seconds:8.2f} {seconds / pages:6.3f} {same:6.2f} "
              f"{(seconds / same - 1) * 100:+8.0f}% {plain[name][1]:9.2f}")
    total_pages = sum(p for p, _ in seq.values())
    compose = _median_per_doc(runs["seq"], "compose")
    print(f"print-HTML samenstellen (per PDF, in de werker): "
          f"{sum(s for _, s in compose.values()) / len(compose):.2f} s gemiddeld")
    s_seq = statistics.median(r["pdf_seconds"] for r in runs["seq"])
    s_par = statistics.median(r["pdf_seconds"] for r in runs["par"])
    s_raw = sum(s for _, s in raw.values())
    s_plain = sum(s for _, s in plain.values())
    print(f"\n{len(seq)} PDF's, {total_pages} pagina's; per PDF de snelste van "
          f"{len(runs['seq'])} runs, de PDF-stap als mediaan")
    print(f"PDF-stap sequentieel  {s_seq:6.1f} s  ({s_seq / total_pages:.3f} s/blz)")
    print(f"PDF-stap parallel     {s_par:6.1f} s  ({s_par / total_pages:.3f} s/blz)  "
          f"versnelling {s_seq / s_par:.2f}x")
    print(f"WeasyPrint zelf, zelfde HTML en opties   {s_raw:6.1f} s  "
          f"({s_raw / total_pages:.3f} s/blz)")
    print(f"WeasyPrint zonder PDF/A, tags, bijlagen {s_plain:6.1f} s  "
          f"({s_plain / total_pages:.3f} s/blz)")
    print(f"piekgeheugen: build-proces {max(r['rss_self'] for r in runs['par'])} MiB, "
          f"grootste PDF-werker {max(r['rss_workers'] for r in runs['par'])} MiB; "
          f"sequentieel {max(r['rss_self'] for r in runs['seq'])} MiB")


if __name__ == "__main__":
    main()
