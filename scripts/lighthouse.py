"""Lighthouse on a built site: the portal and three document pages, on a phone and a desktop.

    .venv/bin/python scripts/lighthouse.py [SITE] [--zonder-gzip] [--herhaal N] [--json MAP]

Serves SITE (default `site/`, built with `pcdocs build`) on a free port of 127.0.0.1 from a
thread, runs the pinned Lighthouse (`node_modules/.bin/lighthouse`, npm) with Debian's chromium
(`CHROME_PATH`, default /usr/bin/chromium, headless) once per page and form factor, and prints
a Markdown table: performance, accessibility, best practices, LCP, bytes transferred, DOM size.
Mobile is Lighthouse's default (a mid-range phone on a throttled 4G connection, simulated);
desktop is `--preset=desktop`. Nothing leaves the machine: the site is served locally and
chromium runs without background networking.

Like any production web server, the local server compresses text (HTML, CSS, JS, JSON, SVG)
with gzip when the browser asks for it; `--zonder-gzip` serves every file as it is on disk
(as `python -m http.server` does), which measures the uncompressed bytes.

A benchmark, not a test: CI does not run it. The goals: accessibility 100 on every page,
mobile performance 90 or more.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ("", "szmh/2019/jaarplan/", "pijnacker-nootdorp/2022/voortgangsrapportage/",
         "iasz/2024/jaarplan/")
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-default-apps "
                "--disable-extensions --disable-sync")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map")


class _Handler(SimpleHTTPRequestHandler):
    """Serves the site quietly; with `compress`, text files gzipped as a web server does."""

    compress = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        requested = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and requested.endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # as is; or the redirect to a folder's address
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object `send_head` returns: the gzipped bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size],
                                                             self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


@contextmanager
def serve(site: Path, *, compress: bool = True) -> Iterator[str]:
    """`site` on a free port of 127.0.0.1, from a thread; yields the base URL."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_lighthouse(url: str, form_factor: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run; its JSON report (also written to `output`)."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
               "--only-categories=performance,accessibility,best-practices",
               f"--chrome-flags={CHROME_FLAGS}", "--locale=nl"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def row(page: str, form_factor: str, report: dict[str, Any]) -> list[str]:
    categories, audits = report["categories"], report["audits"]

    def score(name: str) -> str:
        value = categories[name]["score"]
        return "–" if value is None else str(round(value * 100))

    def numeric(name: str) -> float | None:
        audit = audits.get(name) or {}
        value = audit.get("numericValue")
        return float(value) if value is not None else None

    lcp = numeric("largest-contentful-paint")
    weight = numeric("total-byte-weight")
    dom = numeric("dom-size") or _dom_from_insight(audits)
    return [page or "(portaal)", form_factor, score("performance"), score("accessibility"),
            score("best-practices"),
            "–" if lcp is None else f"{lcp / 1000:.1f} s".replace(".", ","),
            "–" if weight is None else f"{weight / 1024:.0f} KB",
            "–" if dom is None else f"{dom:.0f}"]


def _dom_from_insight(audits: dict[str, Any]) -> float | None:
    details = (audits.get("dom-size-insight") or {}).get("details") or {}
    for item in details.get("items", []):
        if item.get("statistic") in ("Total elements", "Totaal aantal elementen"):
            value = item.get("value", {})
            return float(value.get("value", value)) if isinstance(value, dict) else float(value)
    return None


def failures(report: dict[str, Any]) -> list[str]:
    """The accessibility and best-practices audits that failed, for the reader to fix."""
    found = []
    for category in ("accessibility", "best-practices"):
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{category}: {ref['id']} – {audit['title']}")
    return found


def table(rows: list[list[str]]) -> str:
    header = ["pagina", "vorm", "performance", "toegankelijkheid", "best practices", "LCP",
              "bytes", "DOM-elementen"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--zonder-gzip", action="store_true",
                        help="serve the files uncompressed (as python -m http.server does)")
    parser.add_argument("--json", type=Path, help="keep the Lighthouse reports in this folder")
    parser.add_argument("--pagina", action="append", help="only this page (repeatable)")
    parser.add_argument("--vorm", choices=FORM_FACTORS, action="append",
                        help="only this form factor (repeatable)")
    parser.add_argument("--herhaal", type=int, default=1, metavar="N",
                        help="run each N times and report the run with the median performance "
                             "(scores vary with the machine's load)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is geen gebouwde site (geen index.html): pcdocs build")
    if not LIGHTHOUSE.exists():
        parser.error(f"{LIGHTHOUSE} ontbreekt: npm ci")
    rows: list[list[str]] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch, \
            serve(args.site, compress=not args.zonder_gzip) as base:
        folder = args.json or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for page in args.pagina or PAGES:
            for form_factor in args.vorm or FORM_FACTORS:
                name = (page.strip("/").replace("/", "-") or "portaal") + f"-{form_factor}"
                runs = [run_lighthouse(base + page, form_factor, folder / f"{name}-{i}.json")
                        for i in range(max(1, args.herhaal))]
                runs.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
                report = runs[len(runs) // 2]
                rows.append(row(page, form_factor, report))
                problems += [f"{page or '(portaal)'} {form_factor}: {p}"
                             for p in failures(report)]
                print(" | ".join(rows[-1]), file=sys.stderr)
    print(table(rows))
    if problems:
        print("\nNiet gehaald / failed audits:")
        for problem in dict.fromkeys(problems):
            print(f"- {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
