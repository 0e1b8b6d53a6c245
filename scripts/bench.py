"""Benchmark: pcdocs against the floor of the tools it stands on, in one command.

Every command runs in a fresh process on a copy of the content in a temporary folder (never
the repository's own docs/, data/, site/ or .pcdocs-cache/), `--runs` times:

1. full build vs floor: the cold `pcdocs build` (site and every PDF, empty cache) on the
   example content and on a generated corpus, against (a) a bare `mkdocs build` of the same
   pages with every macro already expanded (captured from an instrumented build) plus (b)
   WeasyPrint alone on the same print HTML, in a pool of one worker per core as pcdocs uses
   (and sequentially);
2. no-change rebuild: the same build again, with the cache the cold build filled;
3. preview loop: `pcdocs serve <document>`; the time from saving the page's Markdown, or a data
   file it shows, to the changed page over HTTP, on the example content and on corpora of
   two sizes;
4. the PDF step with 1 process against one per core;
5. peak memory of every command: RSS summed over its process tree, sampled from /proc;
6. optionally the build at scale (`--schaal 10,50`, `--pdf-schaal 10,20`).

    .venv/bin/python scripts/bench.py [--runs 3] [--corpus 10] [--json FILE]
    .venv/bin/python scripts/bench.py --snel      # one run each, corpus N=2, 3 edits per kind
    .venv/bin/python scripts/bench.py --fasen schaal --schaal 10,50 --pdf-schaal 10 --runs 1

The report (Markdown, decimal comma as in the README) goes to stdout, progress to stderr;
the exit status is 1 when any phase failed (the report says which and why). The measured
steps run this script again in a fresh process (`--fase cli|capture|weasyprint`, internal).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
BIN = Path(sys.executable).parent
PCDOCS, MKDOCS = BIN / "pcdocs", BIN / "mkdocs"
CONTENT = ("mkdocs.yml", "docs", "data", "macros", "archief")
SAMPLE_SECONDS = 0.025  # RSS sampling interval
POLL_SECONDS = 0.02  # HTTP polling interval of the preview loop
EDIT_TIMEOUT = 60.0  # a preview that shows no change within this is a failure
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
EXAMPLE_PREVIEW = ("iasz/2024/jaarplan", "data/iasz/2024/formatie.yaml")
VERSIONS = ("pcdocs", "mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "weasyprint",
            "pydyf", "markdown")


class Failed(Exception):
    """A measured command or phase failed; the message goes into the report."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- measuring one command -----------------------------------------------------------------

@dataclass
class Run:
    """One command in a fresh process: wall time, peak memory of its process tree, CPU."""

    command: list[str]
    seconds: float
    peak_rss: int  # bytes, the largest sum over the process tree
    peak_rss_process: int  # bytes, the largest single process
    cpu_seconds: float  # user + system of the process and the children it waited for
    code: int
    other_cores: float  # cores busy with other processes on average (from /proc/stat)
    info: dict[str, Any] = field(default_factory=dict)


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc/<pid>/task/*/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(f) for f in fields]
    busy = sum(ticks[:8]) - ticks[3] - ticks[4]  # all but idle and iowait (no guest: in user)
    return busy / os.sysconf("SC_CLK_TCK")


def rss_of(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Samples the RSS of a process tree every SAMPLE_SECONDS until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.peak_process = 0
        self.done = threading.Event()

    def sample(self) -> None:
        sizes = [rss_of(p) for p in process_tree(self.pid)]
        self.peak = max(self.peak, sum(sizes))
        self.peak_process = max(self.peak_process, *sizes, 0)

    def run(self) -> None:
        self.sample()
        while not self.done.wait(SAMPLE_SECONDS):
            self.sample()

    def stop(self) -> None:
        self.done.set()
        self.join()


def stop_group(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """End a child started in its own session: SIGINT (clean shutdown), then SIGKILL."""
    for sig, wait in ((signal.SIGINT, grace), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)


def tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


class Bench:
    """The temporary workspace, the environment of the children and the results."""

    def __init__(self, tmp: Path, args: argparse.Namespace) -> None:
        self.tmp, self.args = tmp, args
        self.logs = tmp / "logs"
        self.logs.mkdir()
        self.count = 0
        self.last_log = self.logs / "000.log"
        # bytecode as an installed pcdocs has it, kept in the workspace (not in the repository)
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp),
                        SOURCE_DATE_EPOCH=source_date_epoch(),
                        PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP"):
            self.env.pop(name, None)
        self.results: dict[str, Any] = {"failures": []}
        self.corpora: dict[int, Path] = {}

    def measure(self, command: Sequence[str | Path], cwd: Path,
                info: Path | None = None) -> Run:
        """Run `command` in a fresh process; its wall time, peak tree RSS and CPU time.
        With `info`, the command writes a JSON object there (read into Run.info)."""
        self.count += 1
        out = self.last_log = self.logs / f"{self.count:03d}.log"
        argv = [str(part) for part in command]
        with out.open("wb") as sink:
            started, busy = time.perf_counter(), busy_cpu_seconds()
            process = subprocess.Popen(argv, cwd=cwd, env=self.env, stdout=sink,
                                       stderr=subprocess.STDOUT, start_new_session=True)
            sampler = TreeSampler(process.pid)
            sampler.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            except BaseException:
                stop_group(process, grace=2.0)
                raise
            finally:
                sampler.stop()
            seconds = time.perf_counter() - started
            busy = busy_cpu_seconds() - busy
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise Failed(f"`{' '.join(argv[-6:])}` stopte met code {code}:\n{tail(out)}")
        data = json.loads(info.read_text(encoding="utf-8")) if info is not None else {}
        cpu = usage.ru_utime + usage.ru_stime
        return Run(argv, seconds, sampler.peak, sampler.peak_process, cpu, code,
                   max(0.0, busy - cpu) / seconds, data)

    def phase_command(self, name: str, *args: str | Path) -> tuple[list[str | Path], Path]:
        """This script in a fresh process, in one of its internal phases (see phase_main)."""
        self.count += 1
        info = self.logs / f"{self.count:03d}-{name}.json"
        return [sys.executable, Path(__file__), "--fase", name, info, *args], info

    def pcdocs_build(self, root: Path, *options: str, cold: bool = True) -> Run:
        """`pcdocs build -q OPTIONS` (the CLI's own code, in a fresh process); with `cold`
        the cache is removed first."""
        if cold:
            shutil.rmtree(root / ".pcdocs-cache", ignore_errors=True)
        command, info = self.phase_command("cli", "-C", root, "build", "-q", *options)
        return self.measure(command, root, info)

    def fail(self, phase: str, error: BaseException) -> None:
        message = str(error) if isinstance(error, Failed) else f"{type(error).__name__}: {error}"
        log(f"MISLUKT {phase}: {message.splitlines()[0] if message else ''}")
        self.results["failures"].append({"phase": phase, "error": message})

    def corpus(self, count: int) -> Path:
        """A corpus of `count` organisations (scripts/make_corpus.py), made once per run."""
        if count not in self.corpora:
            target = self.tmp / "corpus" / f"n{count}"
            target.parent.mkdir(exist_ok=True)
            log(f"corpus N={count} maken")
            subprocess.run([sys.executable, SCRIPTS / "make_corpus.py", str(count), "--uit",
                            target], check=True, env=self.env, stdout=subprocess.DEVNULL)
            self.corpora[count] = target
        return self.corpora[count]


def source_date_epoch() -> str:
    """The time of the repository's HEAD commit (what a build of the repository itself
    uses for its PDF dates); a copy outside git would otherwise fall back to 2000."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return os.environ["SOURCE_DATE_EPOCH"]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        stamp = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                               capture_output=True, text=True, check=True).stdout.strip()
        if stamp.isdigit():
            return stamp
    return "1704067200"  # 2024-01-01


def copy_content(source: Path, target: Path) -> Path:
    """The files a build reads (mkdocs.yml, docs/, data/, macros/, archief/) into `target`."""
    target.mkdir(parents=True)
    for name in CONTENT:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".pcdocs-cache"))
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


# -- internal phases (each in a fresh process) ---------------------------------------------

def phase_main(argv: list[str]) -> int:
    """`bench.py --fase NAME INFO.json ARGS...`: one measured step; writes INFO.json."""
    name, info, rest = argv[1], Path(argv[2]), argv[3:]
    if name == "cli":
        return phase_cli(info, rest)
    if name == "capture":
        return phase_capture(info, Path(rest[0]), Path(rest[1]))
    if name == "weasyprint":
        return phase_weasyprint(info, Path(rest[0]), int(rest[1]))
    print(f"onbekende fase {name}", file=sys.stderr)
    return 2


def phase_cli(info: Path, argv: list[str]) -> int:
    """The `pcdocs` command line itself; the BuildResult's figures go to `info`."""
    import pcdocs.commands.build as build_module
    from pcdocs.commands import cli

    original = build_module.build
    results: list[Any] = []

    def build(*args: Any, **kwargs: Any) -> Any:
        results.append(original(*args, **kwargs))
        return results[-1]

    build_module.build = build  # cli._cmd_build imports it when it runs
    code = cli.main(argv)
    data: dict[str, Any] = {"exit": code}
    if results:
        data |= result_info(results[-1])
    info.write_text(json.dumps(data), encoding="utf-8")
    return code


def result_info(result: Any) -> dict[str, Any]:
    """The figures of a pcdocs BuildResult that the report uses."""
    from pcdocs.support.cache import code_version

    data = {"code_version": code_version()[:12], "build_seconds": result.seconds,
            "documents": result.documents,
            "editions": result.editions, "pdfs": result.pdfs, "pdf_pages": result.pdf_pages}
    active = result.session
    if active is not None:
        data |= {"pages": len(active.pages), "pdf_seconds": active.pdf_seconds,
                 "pdf_workers": active.pdf_workers, "cache": active.disk.summary(),
                 "cache_hits": dict(active.disk.hits),
                 "cache_misses": dict(active.disk.misses)}
    return data


@dataclass
class Captured:
    """What an instrumented build saw MkDocs render."""

    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # src -> markdown, ...
    nav: Any = None
    theme_dirs: list[str] = field(default_factory=list)  # after on_config
    extra: dict[str, Any] = field(default_factory=dict)  # after on_config
    generated: dict[str, bytes] = field(default_factory=dict)  # src -> bytes (not Markdown)


def instrument(captured: Captured) -> None:
    """Wrap mkdocs-macros' on_page_markdown (it runs after pcdocs' own) and pcdocs'
    on_config and on_files, before MkDocs binds the plugins' methods."""
    from mkdocs_macros.plugin import MacrosPlugin

    from pcdocs.output.mkdocs_plugin import PcdocsPlugin, plugin_of

    markdown_hook = MacrosPlugin.on_page_markdown
    config_hook, files_hook = PcdocsPlugin.on_config, PcdocsPlugin.on_files

    def on_page_markdown(self: Any, markdown: str, **kwargs: Any) -> Any:
        expanded = markdown_hook(self, markdown, **kwargs)
        page = kwargs["page"]
        build = plugin_of(self.conf).session
        ctx = build.pages.get(page.file.src_uri) if build is not None else None
        captured.pages[page.file.src_uri] = {
            "markdown": markdown if expanded is None else expanded,
            "dest_uri": page.file.dest_uri, "meta": dict(page.meta),
            # the CSV/SVG files its macros made (pcdocs writes them and lets them go later)
            "assets": dict(ctx.assets) if ctx is not None else {}}
        return expanded

    def on_config(self: Any, config: Any) -> Any:
        config = config_hook(self, config)
        captured.nav = json.loads(json.dumps(config.nav))
        captured.theme_dirs = list(config.theme.dirs)
        captured.extra = json.loads(json.dumps(dict(config.extra), default=str))
        return config

    def on_files(self: Any, files: Any, **kwargs: Any) -> Any:
        files = files_hook(self, files, **kwargs)
        for file in files:
            if file.abs_src_path is None and not file.src_uri.endswith(".md"):
                captured.generated[file.src_uri] = file.content_bytes
        return files

    MacrosPlugin.on_page_markdown = on_page_markdown  # type: ignore[method-assign,assignment]
    PcdocsPlugin.on_config = on_config  # type: ignore[method-assign]
    PcdocsPlugin.on_files = on_files  # type: ignore[method-assign]


def phase_capture(info: Path, root: Path, out: Path) -> int:
    """Build `root` once (cold, with PDFs) with instrumentation; write the floor's MkDocs
    project to out/floor and the print jobs to out/print-jobs.json."""
    from pcdocs.commands.build import build

    captured = Captured()
    instrument(captured)
    result = build(root, pdf=True, use_cache=False)
    active = result.session
    assert active is not None
    pages = write_floor_project(root, out / "floor", captured, active)
    jobs = write_print_jobs(root, result.site, active, out / "print-jobs.json")
    data = result_info(result) | {"captured_pages": len(captured.pages), "floor": pages,
                                  "print_jobs": jobs}
    info.write_text(json.dumps(data), encoding="utf-8")
    return 0


def write_floor_project(root: Path, floor: Path, captured: Captured,
                        active: Any) -> dict[str, int]:
    """A plain MkDocs project: the same mkdocs.yml with only the search plugin and the
    captured nav, every page with its macros expanded, the assets pcdocs wrote next to the
    pages, and every other file of docs/."""
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_dir = root / config.get("docs_dir", "docs")
    config["plugins"] = [p for p in config.get("plugins", [])
                         if p == "search" or (isinstance(p, dict) and "search" in p)]
    config["nav"] = captured.nav
    config["extra"] = captured.extra
    config.pop("watch", None)  # only `serve` watches, and data/ is not there
    config["docs_dir"], config["site_dir"] = "docs", "site"
    docs = floor / "docs"
    docs.mkdir(parents=True)
    added = floor_theme(root, floor, config, captured.theme_dirs)
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    counts = {"theme_dirs_added": added, "pages": 0, "uncaptured_pages": 0, "other_files": 0,
              "generated_files": 0, "assets": 0, "assets_without_page": 0}
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.endswith(".md") and rel in captured.pages:
            continue
        counts["uncaptured_pages" if rel.endswith(".md") else "other_files"] += 1
        write_bytes(docs / rel, path.read_bytes())
    for src, page in captured.pages.items():
        write_bytes(docs / src, page_source(page).encode("utf-8"))
        counts["pages"] += 1
    for src, data in captured.generated.items():
        write_bytes(docs / src, data)
        counts["generated_files"] += 1
    for src, ctx in active.pages.items():  # any files added after the macros ran
        if src not in captured.pages:
            counts["assets_without_page"] += len(ctx.assets)
        else:
            captured.pages[src]["assets"].update(ctx.assets)
    for page in captured.pages.values():
        folder = (docs / page["dest_uri"]).parent
        for name, data in page["assets"].items():
            write_bytes(folder / name, data)
            counts["assets"] += 1
    return counts


def floor_theme(root: Path, floor: Path, config: dict[str, Any], dirs: list[str]) -> int:
    """The theme as pcdocs renders with it: folders its plugin put in front of the theme's
    (and the mkdocs.yml custom_dir) merged into one custom_dir of the floor project."""
    from mkdocs.theme import Theme

    theme = dict(config.get("theme") or {})
    custom = theme.get("custom_dir")
    if custom:
        theme["custom_dir"] = str(root / custom)
    base = set(Theme(**theme).dirs)
    added = [d for d in dirs if d not in base]
    if not added:
        return 0
    merged = floor / "theme-overrides"
    for folder in [*([theme["custom_dir"]] if custom else []), *reversed(added)]:
        shutil.copytree(folder, merged, dirs_exist_ok=True)  # dirs[0] last: it wins
    config["theme"] = {**(config.get("theme") or {}), "custom_dir": "theme-overrides"}
    return len(added)


def page_source(page: dict[str, Any]) -> str:
    """The expanded Markdown with the page's meta (title, status, ...) as front matter."""
    import yaml

    meta = page["meta"]
    try:
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) if meta else ""
    except yaml.YAMLError:
        front = yaml.safe_dump({k: str(v) for k, v in meta.items()}, allow_unicode=True)
    head = f"---\n{front}---\n\n" if front else ""
    return head + str(page["markdown"])


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_print_jobs(root: Path, site: Path, active: Any, target: Path) -> dict[str, int]:
    """Each PDF job of the build as WeasyPrint gets it: the composed print HTML, its base URL
    and the options pcdocs passes. The base URL named the build's scratch folder, renamed
    to site/ since: a symlink with the scratch folder's name keeps it (and every URL in the
    PDF) byte for byte the same."""
    from pcdocs.output import pdf, printing

    jobs, results = active.pdf_jobs, {r.name: r for r in active.pdf_results}
    for job in jobs:
        scratch = root / Path(job.base_dir).relative_to(root).parts[0]
        if not scratch.exists():
            scratch.symlink_to(site, target_is_directory=True)
    items = []
    for job in jobs:
        options = pdf.options(job)
        plain = {k: v.hex() if isinstance(v, bytes) else v for k, v in options.items()
                 if k != "attachments"}
        made = results.get(job.name)
        items.append({
            "name": job.name, "html": printing.compose(job.content, job.meta),
            "base_url": job.base_dir.rstrip("/") + "/", "options": plain,
            "bytes_options": [k for k, v in options.items() if isinstance(v, bytes)],
            "attachments": [{"filename": a.path, "name": a.name, "description": a.description}
                            for a in job.attachments],
            "created": job.created, "content_length": len(job.content),
            "pcdocs_pages": made.pages if made else None,
            "pcdocs_sha256": made.sha256 if made else None})
    stylesheet = str(pdf.ASSETS / "print.css")
    target.write_text(json.dumps({"stylesheet": stylesheet, "jobs": items}), encoding="utf-8")
    return {"jobs": len(items), "pages": sum(i["pcdocs_pages"] or 0 for i in items)}


_FLOOR: dict[str, Any] = {}  # per process: the stylesheet and fonts, made once


def floor_render(item: dict[str, Any], stylesheet: str, target: str) -> dict[str, Any]:
    """WeasyPrint alone: one print HTML with the options pcdocs uses, to a PDF file."""
    import hashlib

    from weasyprint import CSS, HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    started = time.perf_counter()
    if not _FLOOR:
        _FLOOR["fonts"] = FontConfiguration()
        _FLOOR["css"] = CSS(filename=stylesheet, font_config=_FLOOR["fonts"])
    created = dt.datetime.fromisoformat(item["created"])
    options = {k: bytes.fromhex(v) if k in item["bytes_options"] else v
               for k, v in item["options"].items()}
    options["attachments"] = [Attachment(**a, created=created, modified=created,
                                         relationship="Source") for a in item["attachments"]]
    document = HTML(string=item["html"], base_url=item["base_url"]).render(
        stylesheets=[_FLOOR["css"]], font_config=_FLOOR["fonts"], **options)
    data = document.write_pdf(**options)
    Path(target).write_bytes(data)
    return {"name": item["name"], "pages": len(document.pages),
            "seconds": time.perf_counter() - started,
            "identical": hashlib.sha256(data).hexdigest() == item["pcdocs_sha256"]}


def phase_weasyprint(info: Path, folder: Path, workers: int) -> int:
    """Every print job of the captured build with WeasyPrint alone: `workers` forked
    processes (the largest first, as pcdocs), or this process when 1."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    import weasyprint  # noqa: F401  (imported before forking, as pcdocs does)

    spec = json.loads((folder / "print-jobs.json").read_text(encoding="utf-8"))
    out = folder / f"pdf-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    order = sorted(enumerate(spec["jobs"]), key=lambda pair: -pair[1]["content_length"])
    started = time.perf_counter()
    if workers == 1:
        docs = [floor_render(item, spec["stylesheet"], str(out / f"{i}.pdf"))
                for i, item in order]
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            docs = list(pool.map(floor_render, [item for _, item in order],
                                 [spec["stylesheet"]] * len(order),
                                 [str(out / f"{i}.pdf") for i, _ in order]))
    seconds = time.perf_counter() - started
    info.write_text(json.dumps({"seconds": seconds, "workers": workers, "pdfs": len(docs),
                                "pages": sum(d["pages"] for d in docs),
                                "identical": sum(d["identical"] for d in docs), "docs": docs}),
                    encoding="utf-8")
    return 0


# -- 1, 2, 4: full build vs floor, rebuild, PDFs sequential vs parallel ---------------------

def capture(bench: Bench, label: str, content: Path) -> Path:
    """The instrumented build of a copy of `content`; returns the folder with the floor
    project and the print jobs."""
    folder = bench.tmp / label
    root = copy_repository(content, folder / "capture")
    log(f"{label}: geïnstrumenteerde build (pagina's na de macro's, print-HTML)")
    command, info = bench.phase_command("capture", root, folder)
    run = bench.measure(command, root, info)
    bench.results[label]["capture"] = asdict(run)
    return folder


def copy_repository(source: Path, target: Path) -> Path:
    """This repository's content, or a whole corpus without its outputs, into `target`."""
    if source == ROOT:
        return copy_content(source, target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(
        "site", "site.*", ".pcdocs-cache", "__pycache__"))
    return target


def floor_mkdocs(bench: Bench, folder: Path) -> Run:
    """(a) a bare `mkdocs build` of the expanded pages, in a fresh process."""
    floor = folder / "floor"
    shutil.rmtree(floor / "site", ignore_errors=True)
    run = bench.measure([MKDOCS, "build", "-f", floor / "mkdocs.yml"], floor)
    output = bench.last_log.read_text(encoding="utf-8", errors="replace")
    run.info = {"pages": sum(1 for p in (floor / "site").rglob("*.html")
                             if p.name != "404.html"),
                "warnings": sum(1 for line in output.splitlines()
                                if line.startswith("WARNING"))}
    return run


def floor_weasyprint(bench: Bench, folder: Path, workers: int) -> Run:
    """(b) WeasyPrint alone on the same print HTML, in a fresh process."""
    command, info = bench.phase_command("weasyprint", folder, str(workers))
    return bench.measure(command, folder, info)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        os.cpu_count() or 1


def full_build(bench: Bench, label: str, content: Path, *, rebuild: bool) -> None:
    """Requirements 1, 2 and 4 on one content: per run the cold build, (the rebuild, the
    cold build with one PDF process,) the floor's MkDocs build and WeasyPrint alone."""
    section: dict[str, Any] = {"runs": {}}
    bench.results[label] = section
    folder = capture(bench, label, content)
    root = copy_repository(content, folder / "repo")
    steps: list[tuple[str, Callable[[], Run]]] = [
        ("pcdocs", lambda: bench.pcdocs_build(root))]
    if rebuild:
        steps += [("rebuild", lambda: bench.pcdocs_build(root, cold=False)),
                  ("pcdocs_seq", lambda: bench.pcdocs_build(root, "--processen", "1"))]
    steps += [("floor_mkdocs", lambda: floor_mkdocs(bench, folder)),
              ("floor_weasyprint", lambda: floor_weasyprint(bench, folder, cores())),
              ("floor_weasyprint_seq", lambda: floor_weasyprint(bench, folder, 1))]
    failed: set[str] = set()  # a step that failed once is not tried again
    for number in range(1, bench.args.runs + 1):
        done: set[str] = set()
        for name, step in steps:
            if name in failed or (name == "rebuild" and "pcdocs" not in done):
                continue  # (the rebuild needs this run's cold build; its failure is reported)
            log(f"{label}: {name}, run {number}/{bench.args.runs}")
            try:
                section["runs"].setdefault(name, []).append(asdict(step()))
                done.add(name)
            except Exception as error:  # reported; the other steps still run
                failed.add(name)
                bench.fail(f"{label}: {name} (run {number})", error)


# -- 3: the preview loop --------------------------------------------------------------------

@dataclass
class Edit:
    """One kind of edit: how to change the file, and how to know the page shows it."""

    kind: str  # "tekst" or "gegevens"
    path: Path
    change: Callable[[int], tuple[str, Callable[[str], bool]]]  # edit k -> text, is-shown


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            body: bytes = answer.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def wait_until(url: str, shown: Callable[[str], bool], since: float,
               timeout: float = EDIT_TIMEOUT) -> float:
    """Seconds from `since` until a GET of `url` returns a page for which `shown` holds."""
    while True:
        page = fetch(url)
        now = time.perf_counter()
        if page is not None and shown(page):
            return now - since
        if now - since > timeout:
            raise Failed(f"{url}: na {timeout:.0f} s nog niet bijgewerkt")
        time.sleep(POLL_SECONDS)


PROSE_WORD = re.compile(r"(?<![\w{}])([a-z]{8,})(?![\w{}])")


def prose_line(lines: list[str]) -> tuple[int, re.Match[str]]:
    """The first line of plain prose in the body (no macro, HTML, table or link) with a
    word of eight letters or more, and that word."""
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    for number in range(start, len(lines)):
        line = lines[number]
        if line[:1].isalpha() and not re.search(r"[{}<>|\[\]`]", line):
            found = PROSE_WORD.search(line)
            if found:
                return number, found
    raise Failed("geen regel gewone tekst om te wijzigen")


def prose_edit(path: Path) -> Edit:
    """Replace one word of plain prose by a new word on every edit."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number, found = prose_line(lines)
    line = lines[number]

    def change(k: int) -> tuple[str, Callable[[str], bool]]:
        word = "meetwoord" + "".join(chr(ord("a") + int(d)) for d in str(k))
        changed = list(lines)
        changed[number] = line[:found.start()] + word + line[found.end():]
        return "\n".join(changed), lambda page: word in page

    return Edit("tekst", path, change)


def data_edit(path: Path, rel: str) -> Edit:
    """Change a head count (`vrouwen: N`) to N+1 and back; the page shows it in the figure's
    span (`data-source="<file>:<line>"`)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    matches = [(n, re.fullmatch(r"(\s+vrouwen:\s*)(\d+)(\s*(#.*)?)", line))
               for n, line in enumerate(lines)]
    found = [(n, m) for n, m in matches if m is not None]
    if not found:
        raise Failed(f"{path}: geen regel 'vrouwen: <getal>' om te wijzigen")
    number, match = found[0]
    value = int(match.group(2))

    def change(k: int) -> tuple[str, Callable[[str], bool]]:
        new = value + 1 if k % 2 else value
        changed = list(lines)
        changed[number] = f"{match.group(1)}{new}{match.group(3)}"
        span = re.compile(rf'data-source="{re.escape(rel)}:{number + 1}"[^>]*>{new}</span>')
        return "\n".join(changed), lambda page: span.search(page) is not None

    return Edit("gegevens", path, change)


def preview(bench: Bench, label: str, root: Path, document: str, data: str) -> None:
    """Requirement 3 on one repository: start `pcdocs serve <document>`, then alternate
    edits of the Markdown and of a data file the page shows."""
    markdown = root / "docs" / f"{document}.md"
    edits = [prose_edit(markdown), data_edit(root / data, data)]
    originals = {e.path: e.path.read_bytes() for e in edits}
    port = free_port()
    url = f"http://127.0.0.1:{port}/{document}/"
    out = bench.logs / f"serve-{label}.log"
    result: dict[str, Any] = {"document": document, "data": data, "times": {}}
    bench.results.setdefault("preview", {})[label] = result
    log(f"voorbeeld {label}: pcdocs serve {document}")
    with out.open("wb") as sink:
        started = time.perf_counter()
        server = subprocess.Popen(
            [str(PCDOCS), "-C", str(root), "serve", document, "--adres", f"127.0.0.1:{port}"],
            cwd=root, env=bench.env, stdout=sink, stderr=subprocess.STDOUT,
            start_new_session=True)
        sampler = TreeSampler(server.pid)
        sampler.start()
        try:
            result["startup_seconds"] = wait_until(url, lambda page: True, started, 300)
            for k in range(1, bench.args.bewerkingen + 1):
                for edit in edits:
                    text, shown = edit.change(k)
                    edit.path.write_text(text, encoding="utf-8")
                    seconds = wait_until(url, shown, time.perf_counter())
                    result["times"].setdefault(edit.kind, []).append(seconds)
                    time.sleep(0.3)  # let the server settle before the next save
        except Failed as error:
            raise Failed(f"{error}\nserver log:\n{tail(out)}") from error
        finally:
            for path, data_bytes in originals.items():
                path.write_bytes(data_bytes)
            stop_group(server)
            sampler.stop()
            result["peak_rss"] = sampler.peak
            result["server_exit"] = server.returncode
    built = re.findall(r"Documentation built in ([\d.]+) seconds",
                       out.read_text(encoding="utf-8", errors="replace"))
    result["mkdocs_build_seconds"] = [float(s) for s in built]


def corpus_preview_target(root: Path) -> tuple[str, str]:
    """Organisation 001's jaarplan in a corpus, and its formatie file."""
    sys.path.insert(0, str(SCRIPTS))
    from corpus_model import make_orgs

    slug = make_orgs(1, 1)[0].slug  # organisation k is the same in every corpus
    plan = sorted((root / "docs" / slug).glob("*/jaarplan.md"))[0]
    year = plan.parent.name
    return f"{slug}/{year}/jaarplan", f"data/{slug}/{year}/formatie.yaml"


# -- 6: scale -------------------------------------------------------------------------------

def scale(bench: Bench, counts: list[int], *, pdf: bool) -> None:
    key = "pdf_scale" if pdf else "scale"
    options = ("--geen-cache",) if pdf else ("--geen-pdf", "--geen-cache")
    section: dict[str, Any] = bench.results.setdefault(key, {})
    for count in counts:
        try:
            root = bench.corpus(count)
            for number in range(1, bench.args.runs + 1):
                log(f"schaal N={count}{' met PDFs' if pdf else ''}, run {number}")
                run = bench.pcdocs_build(root, *options)
                section.setdefault(str(count), []).append(asdict(run))
        except Exception as error:  # reported; the next size still runs
            bench.fail(f"{key} N={count}", error)


# -- the report -----------------------------------------------------------------------------

def num(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",").replace("-", "−")


def seconds_text(values: Sequence[float], digits: int = 1) -> str:
    """`12,3 s` or, with more runs, `12,3 s (11,9–13,0)` (median and min–max)."""
    if not values:
        return "–"
    middle = f"{num(statistics.median(values), digits)} s"
    if len(values) == 1:
        return middle
    return f"{middle} ({num(min(values), digits)}–{num(max(values), digits)})"


def mib(value: float) -> str:
    return f"{value / 2**20:.0f} MiB"


def ratio(a: float, b: float) -> str:
    return f"{num(a / b, 2)}x" if b else "–"


def runs_of(section: dict[str, Any], name: str) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = section.get("runs", {}).get(name, [])
    return runs


def walls(runs: list[dict[str, Any]]) -> list[float]:
    return [float(r["seconds"]) for r in runs]


def med(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def report_machine(machine: dict[str, Any]) -> list[str]:
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    return ["## Machine", "",
            f"- {machine['cores']} cores ({machine['cpu']}), {mib(machine['memory'])} RAM, "
            f"Linux {machine['kernel']}; load average {num(machine['load_start'], 2)} at the "
            f"start, {num(machine.get('load_end', 0.0), 2)} at the end",
            f"- Python {machine['python']}; {versions}",
            f"- pcdocs source: {machine['commit']}; {machine['date']}; runs per command: "
            f"{machine['runs']}", ""]


def report_floor(results: dict[str, Any], labels: list[tuple[str, str]]) -> list[str]:
    lines = ["## 1. Full build against its floor", "",
             "Cold `pcdocs build` (site and every PDF, empty cache) against (a) `mkdocs build` "
             "of the same pages with every macro already expanded (only the search plugin) "
             "plus (b) WeasyPrint alone on the same print HTML with the same options, "
             f"{results['machine']['cores']} worker processes as pcdocs. Wall time, median "
             "(min–max) of fresh processes; target ≤ 1,3x. The last column compares the CPU "
             "time (user + system of all processes), which depends less on what else the "
             "machine does.", "",
             "| content | pcdocs build | (a) mkdocs build | (b) WeasyPrint | floor (a)+(b) "
             "| pcdocs / floor | CPU time pcdocs / floor |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    notes = []
    for label, title in labels:
        section = results.get(label)
        if not section or not runs_of(section, "pcdocs"):
            continue
        pc, mk = walls(runs_of(section, "pcdocs")), walls(runs_of(section, "floor_mkdocs"))
        wp = walls(runs_of(section, "floor_weasyprint"))
        total = [a + b for a, b in zip(mk, wp, strict=False)]
        cpu = {name: med([r["cpu_seconds"] for r in runs_of(section, name)])
               for name in ("pcdocs", "floor_mkdocs", "floor_weasyprint")}
        lines.append(f"| {title} | {seconds_text(pc)} | {seconds_text(mk)} | "
                     f"{seconds_text(wp)} | {seconds_text(total)} | "
                     f"**{ratio(med(pc), med(total))}** | "
                     f"{ratio(cpu['pcdocs'], cpu['floor_mkdocs'] + cpu['floor_weasyprint'])} "
                     f"({num(cpu['pcdocs'])} s / "
                     f"{num(cpu['floor_mkdocs'] + cpu['floor_weasyprint'])} s) |")
        notes += floor_notes(section, title)
    return [*lines, "", *notes, ""] if notes else []


def floor_notes(section: dict[str, Any], title: str) -> list[str]:
    """What the two sides did, so the comparison can be trusted."""
    pc = runs_of(section, "pcdocs")
    info = pc[0]["info"]
    floor = section.get("capture", {}).get("info", {}).get("floor", {})
    mk = runs_of(section, "floor_mkdocs")
    wp, seq = runs_of(section, "floor_weasyprint"), runs_of(section, "floor_weasyprint_seq")
    pdf_par = [r["info"]["pdf_seconds"] for r in pc]
    rest = [r["seconds"] - p for r, p in zip(pc, pdf_par, strict=True)]
    notes = [f"- {title}: {info['documents']} documents, {info['editions']} editions, "
             f"{info.get('pages', '?')} pages, {info['pdfs']} PDFs with "
             f"{info['pdf_pages']} pages. pcdocs' PDF step inside the build "
             f"{seconds_text(pdf_par)}, the rest of the build (checks, MkDocs with pcdocs' "
             f"plugins, start-up) {seconds_text(rest)}."]
    if mk and floor:
        notes.append(f"  The floor project: {floor['pages']} expanded pages "
                     f"({mk[0]['info']['pages']} HTML pages written, "
                     f"{mk[0]['info']['warnings']} MkDocs warnings), {floor['assets']} "
                     f"generated CSV/SVG files, {floor['generated_files']} other generated "
                     f"file(s), {floor['other_files']} file(s) copied from docs/"
                     + (f"; the theme with the {floor['theme_dirs_added']} template folder(s) "
                        "pcdocs' plugin adds" if floor.get("theme_dirs_added") else "")
                     + (f", {floor['uncaptured_pages']} Markdown files copied as written "
                        "(not rendered by the instrumented build)"
                        if floor["uncaptured_pages"] else "") + ".")
    if wp:
        w = wp[0]["info"]
        notes.append(f"  WeasyPrint alone: {w['pdfs']} PDFs, {w['pages']} pages, "
                     f"{w['identical']} of {w['pdfs']} byte-identical to pcdocs' own; inside "
                     f"the process {seconds_text([r['info']['seconds'] for r in wp])} with "
                     f"{w['workers']} workers; sequentially "
                     f"{seconds_text(walls(seq))} (inside "
                     f"{seconds_text([r['info']['seconds'] for r in seq])}).")
        load = [med([r["other_cores"] for r in runs]) for runs in (pc, wp)]
        notes.append(f"  Other processes kept {num(load[0], 2)} cores busy on average during "
                     f"pcdocs' builds and {num(load[1], 2)} during WeasyPrint's (/proc/stat); "
                     "the side that had less of the machine looks slower than it is."
                     + quiet_floor(pc, mk, wp))
    return notes


QUIET = 0.25  # a run during which other processes kept fewer cores busy had the machine


def quiet(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in runs if r["other_cores"] < QUIET]


def quiet_floor(pc: list[dict[str, Any]], mk: list[dict[str, Any]],
                wp: list[dict[str, Any]]) -> str:
    """The comparison on the runs that had the machine to themselves, if there are any."""
    sides = [walls(quiet(runs)) for runs in (pc, mk, wp)]
    if not all(sides):
        return " No run of each side had the machine to itself (other load < " \
               f"{num(QUIET, 2)} cores)."
    floor = med(sides[1]) + med(sides[2])
    return (f" Only the runs that had the machine to themselves (other load < "
            f"{num(QUIET, 2)} cores; {len(sides[0])}, {len(sides[1])} and {len(sides[2])} "
            f"runs): pcdocs {seconds_text(sides[0])}, floor {num(floor)} s: "
            f"**{ratio(med(sides[0]), floor)}**.")


def report_rebuild(results: dict[str, Any]) -> list[str]:
    section = results.get("example")
    if not section or not runs_of(section, "rebuild"):
        return []
    cold, rebuilds = walls(runs_of(section, "pcdocs")), runs_of(section, "rebuild")
    clean = [r for r in rebuilds if not sum(r["info"].get("cache_misses", {}).values())]
    warm = walls(clean)
    hits = (clean or rebuilds)[-1]["info"].get("cache", "")
    lines = ["## 2. Rebuild without changes", "",
             "The cold build (`.pcdocs-cache/` removed) and the same build again; target "
             "≤ 0,25x.", "",
             "| content | cold build | rebuild | rebuild / cold | from the cache |",
             "| --- | --- | --- | --- | --- |",
             f"| example content | {seconds_text(cold)} | {seconds_text(warm)} | "
             f"**{ratio(med(warm), med(cold)) if warm else '–'}** | {hits} |", ""]
    for number, run in enumerate(rebuilds, start=1):
        if run not in clean:
            lines.append(f"Rebuild {number} ({num(run['seconds'])} s) is left out: the cache "
                         f"did not hold everything ({run['info'].get('cache', '?')}); the "
                         "cache is keyed by the pcdocs code, so the code most likely changed "
                         "between the cold build and the rebuild.")
    return [*lines, ""] if len(lines) > 8 else lines


def report_preview(results: dict[str, Any]) -> list[str]:
    preview_results = results.get("preview", {})
    if not preview_results:
        return []
    lines = ["## 3. Preview loop", "",
             "`pcdocs serve <document>`: seconds from saving the file to the moment a GET of "
             "the page returns the change (polled every 20 ms), median and max; target "
             "< 1 s. The preview looks at the document's files every 0,1 s.", "",
             "| repository | document | start-up | Markdown saved | data file saved "
             "| MkDocs rebuild (its timer) | peak RSS |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for label, r in preview_results.items():
        cells = []
        for kind in ("tekst", "gegevens"):
            times = r["times"].get(kind, [])
            cells.append(f"{num(med(times), 2)} s / {num(max(times), 2)} s ({len(times)}x)"
                         if times else "–")
        built = r.get("mkdocs_build_seconds", [])[1:]
        lines.append(f"| {label} | {r['document']} | "
                     f"{num(r.get('startup_seconds', 0.0))} s | {cells[0]} | {cells[1]} | "
                     f"{num(med(built), 2)} s | {mib(r.get('peak_rss', 0))} |")
    return [*lines, ""]


def report_pdf(results: dict[str, Any]) -> list[str]:
    section = results.get("example")
    if not section or not runs_of(section, "pcdocs_seq"):
        return []
    par = [r["info"]["pdf_seconds"] for r in runs_of(section, "pcdocs")]
    seq = [r["info"]["pdf_seconds"] for r in runs_of(section, "pcdocs_seq")]
    info = runs_of(section, "pcdocs")[0]["info"]
    pages = info["pdf_pages"] or 1
    cores_used = results["machine"]["cores"]
    return ["## 4. PDFs sequential against parallel", "",
            f"The PDF step of a cold `pcdocs build` ({info['pdfs']} PDFs, {pages} pages), "
            f"`--processen 1` against the default ({cores_used} workers); target ≥ 1,8x.", "",
            "| | PDF step | per page | whole build | speed-up |", "| --- | --- | --- | --- | --- |",
            f"| 1 process | {seconds_text(seq)} | {num(med(seq) / pages, 3)} s | "
            f"{seconds_text(walls(runs_of(section, 'pcdocs_seq')))} | |",
            f"| {cores_used} workers | {seconds_text(par)} | {num(med(par) / pages, 3)} s | "
            f"{seconds_text(walls(runs_of(section, 'pcdocs')))} | "
            f"**{ratio(med(seq), med(par))}** |", "", *floor_speedup(section),
            *quiet_speedup(section), ""]


def quiet_speedup(section: dict[str, Any]) -> list[str]:
    """The speed-ups on the runs that had the machine to themselves, if there are any."""
    pairs = []
    for what, (one, many), key in (
            ("pcdocs' PDF step", ("pcdocs_seq", "pcdocs"), "pdf_seconds"),
            ("WeasyPrint alone", ("floor_weasyprint_seq", "floor_weasyprint"), "seconds")):
        seq = [r["info"][key] for r in quiet(runs_of(section, one))]
        par = [r["info"][key] for r in quiet(runs_of(section, many))]
        if seq and par:
            pairs.append(f"{what} {seconds_text(seq)} against {seconds_text(par)}: "
                         f"**{ratio(med(seq), med(par))}**")
    if not pairs:
        return []
    return ["", f"Only the runs that had the machine to themselves (other load < "
                f"{num(QUIET, 2)} cores): " + "; ".join(pairs) + "."]


def floor_speedup(section: dict[str, Any]) -> list[str]:
    """The same comparison for WeasyPrint alone: what the machine allows at the moment."""
    par = [r["info"]["seconds"] for r in runs_of(section, "floor_weasyprint")]
    seq = [r["info"]["seconds"] for r in runs_of(section, "floor_weasyprint_seq")]
    if not par or not seq:
        return []
    others = [r["other_cores"] for name in ("pcdocs", "pcdocs_seq", "floor_weasyprint",
                                            "floor_weasyprint_seq")
              for r in runs_of(section, name)]
    return [f"WeasyPrint alone on the same print HTML: 1 process {seconds_text(seq)}, "
            f"{runs_of(section, 'floor_weasyprint')[0]['info']['workers']} workers "
            f"{seconds_text(par)}: {ratio(med(seq), med(par))}. Other processes kept "
            f"{num(med(others), 2)} cores busy on average during these runs (/proc/stat), "
            "so a speed-up well below the number of cores for both says more about the "
            "machine than about pcdocs."]


MEMORY_ROWS = (("pcdocs", "`pcdocs build` (cold)"), ("rebuild", "`pcdocs build` (rebuild)"),
               ("pcdocs_seq", "`pcdocs build --processen 1`"),
               ("floor_mkdocs", "floor: `mkdocs build`"),
               ("floor_weasyprint", "floor: WeasyPrint, workers"),
               ("floor_weasyprint_seq", "floor: WeasyPrint, 1 process"))


def report_memory(results: dict[str, Any], labels: list[tuple[str, str]]) -> list[str]:
    rows = []
    for label, title in labels:
        section = results.get(label) or {}
        for name, text in MEMORY_ROWS:
            runs = runs_of(section, name)
            if runs:
                rows.append(f"| {title} | {text} | {mib(max(r['peak_rss'] for r in runs))} | "
                            f"{mib(max(r['peak_rss_process'] for r in runs))} | "
                            f"{seconds_text([r['cpu_seconds'] for r in runs])} | "
                            f"{num(med([r['other_cores'] for r in runs]), 2)} |")
    if not rows:
        return []
    return ["## 5. Peak memory", "",
            "RSS summed over the process tree (the command and its worker processes; pages "
            "shared after fork count in each), sampled every 25 ms; the largest of the runs. "
            "CPU time: user + system of the process and its workers; other load: cores kept "
            "busy by other processes meanwhile (/proc/stat, median). The preview and scale "
            "tables give their own peaks.", "",
            "| content | command | peak RSS, tree | largest process | CPU time | other load |",
            "| --- | --- | --- | --- | --- | --- |", *rows, ""]


def report_scale(results: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, title in (("scale", "`pcdocs build --geen-pdf --geen-cache`"),
                       ("pdf_scale", "`pcdocs build --geen-cache` (with PDFs)")):
        section = results.get(key)
        if not section:
            continue
        if not lines:
            lines = ["## 6. Scale", "",
                     "Generated corpora (`scripts/make_corpus.py N`: N organisations with four "
                     "documents each); seconds per document show whether the time grows "
                     "linearly.", ""]
        lines += [f"### {title}", "",
                  "| corpus N | documents | editions | pages | PDFs (pages) | time "
                  "| per document | peak RSS, tree |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for count, runs in section.items():
            info = runs[0]["info"]
            times = walls(runs)
            pdfs = f"{info['pdfs']} ({info['pdf_pages']})" if info["pdfs"] else "–"
            lines.append(f"| {count} | {info['documents']} | {info['editions']} | "
                         f"{info.get('pages', '?')} | {pdfs} | {seconds_text(times)} | "
                         f"{num(med(times) / max(1, info['documents']), 2)} s | "
                         f"{mib(max(r['peak_rss'] for r in runs))} |")
        lines.append("")
    return lines


def measured(tree: Any) -> Iterator[dict[str, Any]]:
    """Every measured run (a Run as a dict) anywhere in the results."""
    if isinstance(tree, dict):
        if "command" in tree and "info" in tree:
            yield tree
            return
        tree = list(tree.values())
    if isinstance(tree, list):
        for item in tree:
            yield from measured(item)


def code_changes(results: dict[str, Any]) -> list[str]:
    """A warning when the pcdocs code (its cache hash) changed between the measured builds."""
    seen = {run["info"]["code_version"] for run in measured(results)
            if run["info"].get("code_version")}
    if len(seen) < 2:
        return []
    return ["## Warning", "",
            f"The pcdocs code changed while this benchmark ran ({len(seen)} versions of its "
            "code hash among the measured builds): figures of different versions are mixed, "
            "and a rebuild after a change finds nothing in the cache.", ""]


def report(results: dict[str, Any]) -> str:
    labels = [("example", "example content"),
              ("corpus", f"corpus N={results['settings']['corpus']}")]
    lines = ["# pcdocs against its floor (`scripts/bench.py`)", "",
             *report_machine(results["machine"]), *report_floor(results, labels),
             *report_rebuild(results), *report_preview(results), *report_pdf(results),
             *report_memory(results, labels), *report_scale(results)]
    lines += code_changes(results)
    failures = results["failures"]
    lines += ["## Failures", ""]
    if not failures:
        lines.append("None: every requested phase ran.")
    for failure in failures:
        lines += [f"- **{failure['phase']}** failed:", "", "  ```text",
                  *(f"  {line}" for line in failure["error"].splitlines()), "  ```"]
    skipped = results["settings"].get("skipped", [])
    if skipped:
        lines += ["", "Not requested in this run: " + ", ".join(skipped) + "."]
    lines.append(f"\nTotal time of this benchmark: {num(results['seconds'] / 60)} min.")
    return "\n".join(lines) + "\n"


# -- the machine -----------------------------------------------------------------------------

def machine(runs: int) -> dict[str, Any]:
    from importlib import metadata

    versions = {}
    for name in VERSIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "?")
    memory = next((int(line.split()[1]) * 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return {"cores": cores(), "cpu": cpu, "memory": memory, "kernel": platform.release(),
            "python": platform.python_version(), "versions": versions,
            "commit": git_state(), "load_start": os.getloadavg()[0], "runs": runs,
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def git_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--",
                                "pcdocs", "macros", "mkdocs.yml"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (" with uncommitted changes in pcdocs/" if dirty else "")


# -- main ------------------------------------------------------------------------------------

PHASES = ("voorbeeld", "corpus", "preview", "schaal")


def counts(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"geen lijst van getallen: {text}") from error
    if any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("elk getal moet minstens 1 zijn")
    return values


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--snel", action="store_true",
                        help="one run each, corpus N=2, 3 edits per kind: to try the script")
    parser.add_argument("--corpus", type=int, default=None,
                        help="corpus size for the full build against its floor (default 10)")
    parser.add_argument("--preview-schaal", type=counts, default=[10, 50],
                        help="corpus sizes for the preview loop (default 10,50)")
    parser.add_argument("--bewerkingen", type=int, default=None,
                        help="edits per kind in the preview loop (default 5)")
    parser.add_argument("--schaal", type=counts, default=[],
                        help="corpus sizes for `pcdocs build --geen-pdf --geen-cache`")
    parser.add_argument("--pdf-schaal", type=counts, default=[],
                        help="corpus sizes for the full build with PDFs (--geen-cache)")
    parser.add_argument("--fasen", default=",".join(PHASES),
                        help=f"which phases to run (default all: {','.join(PHASES)}; "
                             "schaal only with --schaal or --pdf-schaal)")
    parser.add_argument("--json", type=Path, help="write every raw figure to this file")
    parser.add_argument("--rapport", type=Path, metavar="JSON",
                        help="only print the report of an earlier run's --json file")
    args = parser.parse_args(argv)
    if args.snel:
        args.runs = 1
    args.corpus = args.corpus or (2 if args.snel else 10)
    args.bewerkingen = args.bewerkingen or (3 if args.snel else 5)
    args.fasen = [p.strip() for p in args.fasen.split(",") if p.strip()]
    unknown = set(args.fasen) - set(PHASES)
    if unknown or args.runs < 1:
        parser.error(f"onbekende fase(n): {', '.join(sorted(unknown))}" if unknown
                     else "--runs moet minstens 1 zijn")
    return args


def guarded(bench: Bench, phase: str, step: Callable[[], None]) -> None:
    try:
        step()
    except Exception as error:  # reported; the rest still runs
        bench.fail(phase, error)


def run_all(bench: Bench) -> None:
    args, skipped = bench.args, []
    if "voorbeeld" in args.fasen:
        guarded(bench, "example content: build against floor, rebuild, PDFs",
                lambda: full_build(bench, "example", ROOT, rebuild=True))
    else:
        skipped.append("example content (1, 2, 4)")
    if "corpus" in args.fasen:
        guarded(bench, f"corpus N={args.corpus}: build against floor",
                lambda: full_build(bench, "corpus", bench.corpus(args.corpus), rebuild=False))
    else:
        skipped.append("corpus (1)")
    if "preview" in args.fasen:
        run_previews(bench)
    else:
        skipped.append("preview loop (3)")
    if "schaal" in args.fasen and (args.schaal or args.pdf_schaal):
        scale(bench, args.schaal, pdf=False)
        scale(bench, args.pdf_schaal, pdf=True)
    else:
        skipped.append("scale (6; --schaal, --pdf-schaal)")
    bench.results["settings"]["skipped"] = skipped


def run_previews(bench: Bench) -> None:
    def example() -> None:
        root = copy_content(ROOT, bench.tmp / "preview-example")
        preview(bench, "example content", root, *EXAMPLE_PREVIEW)

    guarded(bench, "preview: example content", example)
    for count in bench.args.preview_schaal:
        def corpus(count: int = count) -> None:
            root = bench.corpus(count)
            preview(bench, f"corpus N={count}", root, *corpus_preview_target(root))

        guarded(bench, f"preview: corpus N={count}", corpus)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--fase"]:
        return phase_main(argv)
    args = parse(argv)
    if args.rapport:
        print(report(json.loads(args.rapport.read_text(encoding="utf-8"))))
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pcdocs-bench-") as tmp:
        bench = Bench(Path(tmp), args)
        bench.results["machine"] = machine(args.runs)
        bench.results["settings"] = {k: v for k, v in vars(args).items() if k != "json"}
        run_all(bench)
        bench.results["machine"]["load_end"] = os.getloadavg()[0]
        bench.results["seconds"] = time.perf_counter() - started
    if args.json:
        args.json.write_text(json.dumps(bench.results, indent=1, default=str),
                             encoding="utf-8")
    print(report(bench.results))
    return 1 if bench.results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
