"""In-process measurements, each run in a fresh interpreter by ``run.py``; prints JSON.

    python bench/inprocess.py breakdown MODEL   imports, load, compose and each writer, cold and warm (CPU time)
    python bench/inprocess.py batch MODEL...    load + render_all per model, RSS after each
    python bench/inprocess.py markdown MODEL OUT   every output as Markdown (the md writer), into OUT
    python bench/inprocess.py cli ARGS...       a briefgen command, then the CPU time used before exit
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
IMPORTS = (  # in the order the commands need them: --help, validate, compose, writers
    "briefgen.cli",
    "briefgen.loader",
    "briefgen.compose",
    "briefgen.writers.docx",
    "briefgen.writers.pdf",
)


def timed(function, *args, **kwargs):
    """``function(*args)`` and the CPU seconds it took: on a shared machine, wall time is noise."""
    start = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - start


def rss() -> int:
    """The current resident set size of this process, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def peak_rss() -> int:
    """The highest resident set size this process has reached, in bytes."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def breakdown(model: Path) -> dict:
    """Where a build's time goes, phase by phase, in the order a build meets them."""
    imports = {name: timed(importlib.import_module, name)[1] for name in IMPORTS}
    from briefgen.build import plan, write_all
    from briefgen.pipeline import compose_output
    from briefgen.loader import load_session
    from briefgen.langs import LANGS
    from briefgen.resources import Resources
    from briefgen import writers

    session, load = timed(load_session, model)
    resources, outputs = Resources(), plan(LANGS)
    passes = []
    for _ in ("cold", "warm"):
        rows = []
        for output in outputs:
            document, composing = timed(compose_output, session, output, resources)
            data, rendering = timed(writers.get(output.fmt).render, document, resources)
            rows.append({"file": output.filename, "fmt": output.fmt, "compose_s": composing,
                         "render_s": rendering, "data": data})
        passes.append(rows)
    with tempfile.TemporaryDirectory() as folder:
        rendered = [(o, row["data"]) for o, row in zip(outputs, passes[0])]
        _, writing = timed(write_all, rendered, Path(folder), model.read_bytes())
    return {
        "imports_s": imports,
        "load_validate_s": load,
        "cold": _strip(passes[0]),
        "warm": _strip(passes[1]),
        "write_s": writing,
        "peak_rss_bytes": peak_rss(),
    }


def _strip(rows: list[dict]) -> list[dict]:
    """Per-output rows without the rendered bytes."""
    return [{k: v for k, v in row.items() if k != "data"} for row in rows]


def batch(models: list[Path]) -> dict:
    """Build each model in turn in this one process; how time and memory evolve across them."""
    font_opens: Counter = Counter()
    sys.addaudithook(lambda event, args: _count_font_open(font_opens, event, args))
    from briefgen.build import plan, render_all
    from briefgen.loader import load_session
    from briefgen.langs import LANGS
    from briefgen.resources import Resources

    resources, outputs = Resources(), plan(LANGS)
    per_model = []
    for model in models:
        start, cpu = time.perf_counter(), time.process_time()
        rendered = render_all(load_session(model), outputs, resources)
        per_model.append({"seconds": time.perf_counter() - start, "cpu_s": time.process_time() - cpu,
                          "rss_bytes": rss(), "documents": len(rendered)})
        del rendered
    return {"models": per_model, "font_opens": dict(font_opens), "peak_rss_bytes": peak_rss()}


def _count_font_open(counter: Counter, event: str, args: tuple) -> None:
    """Audit hook: count each opening of a font file, to show fonts are parsed once."""
    if event == "open" and isinstance(args[0], (str, Path)) and str(args[0]).lower().endswith(FONT_SUFFIXES):
        counter[Path(args[0]).name] += 1


def markdown(model: Path, out: Path) -> dict:
    """Every output of a build as Markdown through the writer registry: the usual route's input."""
    from briefgen.build import plan
    from briefgen.loader import load_session
    from briefgen.langs import LANGS
    from briefgen.pipeline import Output, render_output
    from briefgen.resources import Resources

    start = time.perf_counter()
    session, resources = load_session(model), Resources()
    files = []
    for output in plan(LANGS):
        as_markdown = Output(output.kind, "md", output.lang, output.audience)
        path = out / as_markdown.filename
        path.write_bytes(render_output(session, as_markdown, resources))
        files.append({"markdown": path.name, "target": output.filename})
    return {"seconds": time.perf_counter() - start, "files": files}


def cli(args: list[str]) -> dict:
    """Run a briefgen command here; the CPU time spent so far, so the caller can time the exit.

    The time counts the processes the command forked and reaped (the PDF writer), as the
    caller's figure for the whole process does.
    """
    from briefgen.cli import main as briefgen

    with contextlib.redirect_stdout(io.StringIO()):
        briefgen(args, standalone_mode=False)
    spent = os.times()
    return {"cpu_before_exit_s": spent.user + spent.system + spent.children_user + spent.children_system}


def main(argv: list[str]) -> None:
    """Run one measurement mode and print its result as JSON on stdout."""
    mode, args = argv[0], argv[1:]
    paths = [Path(a) for a in args]
    if mode == "breakdown":
        result = breakdown(paths[0])
    elif mode == "batch":
        result = batch(paths)
    elif mode == "markdown":
        result = markdown(paths[0], paths[1])
    elif mode == "cli":
        result = cli(args)
    else:
        raise SystemExit(f"unknown mode {mode!r}; see the module docstring")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
