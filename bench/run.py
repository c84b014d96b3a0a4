"""Speed, memory and size of a full briefgen build, side by side with the usual pandoc route.

    .venv/bin/python bench/run.py [--runs 5] [--batch 50] [--json FILE] [--no-usual]

See bench/README.md for what each figure means. Nothing here is a test: run it by hand.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import measure
import models
import report
import usual
from inprocess import IMPORTS
from measure import CommandFailed, median, run

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
BRIEFGEN = Path(sys.executable).with_name("briefgen")
SCALES = (1, 10, 100)
SCALING_RUNS = 3  # the 100× build is slow; caches are warm from the full builds by then


class Bench:
    """One benchmark session: a model, a scratch folder and how many runs to take."""

    def __init__(self, model: Path, scratch: Path, runs: int):
        self.model, self.scratch, self.runs = model, scratch, runs

    def folder(self, name: str) -> Path:
        """A scratch folder, created on first use."""
        path = self.scratch / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def build(self, model: Path, out: Path) -> measure.Run:
        """``briefgen build`` of every output as a whole process."""
        return run(self.build_command(model, out), cwd=REPO)

    @staticmethod
    def build_command(model: Path, out: Path) -> list[str]:
        return [str(BRIEFGEN), "build", "-q", "--model", str(model), "--out", str(out)]

    def python(self, mode: str, *args: Path) -> dict:
        """A measurement of ``inprocess.py`` in a fresh interpreter, as JSON."""
        command = [sys.executable, str(HERE / "inprocess.py"), mode, *map(str, args)]
        return json.loads(run(command, cwd=REPO).stdout)

    def builds_and_usual(self, with_usual: bool) -> dict:
        """The full build, paired run by run with the usual route when its tools are present."""
        route, missing = self.route() if with_usual else (None, "skipped (--no-usual)")
        out = self.folder("build")
        self.build(self.model, out)  # warm-up: pyc files, disk cache
        rounds = [self.round(route, out) for _ in range(self.runs)]
        result = {
            "briefgen": measure.summary([r["briefgen"] for r in rounds]),
            "memory": measure.tree_memory(self.build_command(self.model, out), cwd=REPO),
            "files": len(_sizes(out)),
            "sizes": _sizes(out),
        }
        if route is None:
            return {**result, "usual_missing": missing}
        result["pandoc_calls"], result["soffice_pdfs"] = len(route.converted), len(route.printed)
        for key in ("best", "per_pdf"):
            result[key] = _paired([r["briefgen"] for r in rounds], [r[key] for r in rounds])
        usual_sizes = _sizes(self.folder("usual"))
        return {**result, "usual_sizes": {name: usual_sizes[name] for name in result["sizes"] if name in usual_sizes}}

    def round(self, route: usual.Route | None, out: Path) -> dict:
        """One build and, if measured, both variants of the usual route straight after it."""
        result = {"briefgen": self.build(self.model, out)}
        if route is not None:
            result["best"] = route.best(self.folder("usual"))
            result["per_pdf"] = route.per_pdf(self.folder("usual"))
        return result

    def route(self) -> tuple[usual.Route | None, str]:
        """The usual route over this model's Markdown, warmed up; or None and what is missing."""
        missing = [tool for tool, path in usual.tools().items() if path is None]
        if missing:
            return None, f"{' and '.join(missing)} not installed"
        markdown = self.folder("markdown")
        files = self.python("markdown", self.model, markdown)["files"]
        converted = tuple(dict.fromkeys(f["markdown"] for f in files))
        printed = tuple(f["markdown"] for f in files if f["target"].endswith(".pdf"))
        route = usual.Route(markdown, self.folder("lo-profile"), converted, printed)
        route.warm(self.folder("usual"))
        return route, ""

    def startup(self) -> dict:
        """Start-up of the interpreter alone, ``briefgen --help`` and ``briefgen validate``."""
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "reference_imports": [sys.executable, "-c", "import reportlab.platypus, docx, jinja2"],
            "help": [str(BRIEFGEN), "--help"],
            "validate": [str(BRIEFGEN), "validate", str(self.model)],
        }
        return {name: measure.summary(measure.repeat(lambda c=c: run(c, cwd=REPO), self.runs))
                for name, c in commands.items()}

    def breakdown(self) -> dict:
        """The in-process phases of a build, the median of fresh-interpreter runs."""
        self.python("breakdown", self.model)  # warm-up: pyc files, disk cache
        return _merge_breakdowns([self.python("breakdown", self.model) for _ in range(self.runs)]) | {
            "exit_s": self.exit_cost(),
            "importtime_top": _importtime_top(),
        }

    def exit_cost(self) -> float:
        """CPU time of the interpreter's exit after a build (freeing every object), the median."""
        out = self.folder("exit")
        command = [sys.executable, str(HERE / "inprocess.py"), "cli",
                   "build", "-q", "--model", str(self.model), "--out", str(out)]
        runs = measure.repeat(lambda: run(command, cwd=REPO), self.runs)
        return median([r.cpu - json.loads(r.stdout)["cpu_before_exit_s"] for r in runs])

    def scaling(self) -> list[dict]:
        """Whole-process builds of the model with 1×, 10× and 100× the points and actions."""
        results = []
        for factor in SCALES:
            data = models.scaled(models.read(self.model), factor)
            model = models.write(data, self.folder(f"scale-{factor}"), models.source_of(self.model, data))
            out = self.folder(f"scale-{factor}/out")
            runs = measure.repeat(lambda: self.build(model, out), min(self.runs, SCALING_RUNS), warmup=0)
            results.append({"factor": factor, **models.counts(data), **measure.summary(runs),
                            "total_bytes": sum(_sizes(out).values())})
        for scale in results[1:]:
            more = scale["points"] + scale["actions"] - results[0]["points"] - results[0]["actions"]
            scale["seconds_per_100_more"] = (scale["wall_median_s"] - results[0]["wall_median_s"]) / more * 100
        return results

    def batch(self, count: int) -> dict:
        """``count`` models (the real one, titles numbered) loaded and rendered in one process."""
        paths = []
        for number in range(1, count + 1):
            data = models.retitled(models.read(self.model), number)
            paths.append(models.write(data, self.folder(f"batch/{number:03}"), models.source_of(self.model, data)))
        return _batch_summary(self.python("batch", *paths))


def _sizes(folder: Path) -> dict[str, int]:
    """The size of each .docx and .pdf file in ``folder``, by name."""
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.suffix in (".docx", ".pdf")}


def _paired(builds: list[measure.Run], routes: list[dict]) -> dict:
    """A usual-route variant beside the builds it was paired with, and the speed-up of each pair."""
    speedups = [route["wall_s"] / build.wall for build, route in zip(builds, routes)]
    return {
        "wall_median_s": median([r["wall_s"] for r in routes]),
        "pandoc_median_s": median([r["pandoc_s"] for r in routes]),
        "soffice_median_s": median([r["soffice_s"] for r in routes]),
        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in routes),
        "speedups": speedups,
        "speedup_median": median(speedups),
    }


def _merge_breakdowns(runs: list[dict]) -> dict:
    """Per-phase medians over runs of ``inprocess.py breakdown``."""
    phases = [_phases(r) for r in runs]
    merged = {key: median([p[key] for p in phases]) for key in phases[0] if not isinstance(phases[0][key], dict)}
    for key in ("imports_s", "cold_s", "warm_s"):
        merged[key] = {name: median([p[key][name] for p in phases]) for name in phases[0][key]}
    return merged


def _phases(result: dict) -> dict:
    """One breakdown run reduced to phase totals, cold (first use) and warm."""
    cold, warm = result["cold"], result["warm"]

    def total(rows: list[dict], fmt: str | None) -> float:
        return sum(r["render_s"] for r in rows if r["fmt"] == fmt) if fmt else sum(r["compose_s"] for r in rows)

    def first_extra(fmt: str) -> float:
        index = next(i for i, r in enumerate(cold) if r["fmt"] == fmt)
        return cold[index]["render_s"] - warm[index]["render_s"]

    totals = {name: {"compose": total(rows, None), "docx": total(rows, "docx"), "pdf": total(rows, "pdf")}
              for name, rows in (("cold_s", cold), ("warm_s", warm))}
    phases = {
        "imports_s": result["imports_s"],
        "load_validate_s": result["load_validate_s"],
        "font_loading_s": first_extra("pdf"),
        "docx_first_extra_s": first_extra("docx"),
        "write_s": result["write_s"],
        "peak_rss_bytes": result["peak_rss_bytes"],
        **totals,
    }
    phases["sum_s"] = (sum(result["imports_s"].values()) + result["load_validate_s"]
                       + sum(totals["cold_s"].values()) + result["write_s"])
    return phases


def _importtime_top(count: int = 8) -> list[tuple[str, float]]:
    """Import time of a build by top-level package (its modules' own time), from ``-X importtime``."""
    code = "import " + ", ".join(IMPORTS)
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=REPO)
    found: dict[str, float] = {}
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s+([\w.]+)$", line)
        if match:
            package = match.group(2).split(".")[0]
            found[package] = found.get(package, 0.0) + int(match.group(1)) / 1e6
    return sorted(found.items(), key=lambda pair: -pair[1])[:count]


def _batch_summary(batch: dict) -> dict:
    """Time per further model and document, drift, RSS across the batch, and font file opens."""
    per_model = batch["models"]
    further = [m["seconds"] for m in per_model[1:]]
    further_cpu = median([m["cpu_s"] for m in per_model[1:]])
    rss = [m["rss_bytes"] for m in per_model]
    documents = per_model[0]["documents"]
    head, tail = further[:10], further[-10:]
    return {
        "count": len(per_model),
        "documents": documents,
        "first_s": per_model[0]["seconds"],
        "further_median_s": median(further),
        "ms_per_document": median(further) / documents * 1000,
        "cpu_ms_per_document": further_cpu / documents * 1000,
        "drift": median(tail) / median(head),
        "rss_after": {"1": rss[0], "10": rss[min(9, len(rss) - 1)], "last": rss[-1]},
        "rss_growth_bytes": rss[-1] - rss[min(9, len(rss) - 1)],
        "rss_slope_bytes_per_model": measure.slope(range(len(rss)), rss),
        "font_opens": batch["font_opens"],
        "fonts_once": bool(batch["font_opens"]) and all(n == 1 for n in batch["font_opens"].values()),
        "peak_rss_bytes": batch["peak_rss_bytes"],
        "per_model": per_model,
    }


def machine(runs: int) -> dict:
    """What the figures were measured on: they only compare within one run on one machine."""
    found = usual.tools()
    return {
        "cpus": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "tools": {tool: usual.version(tool) if path else "absent" for tool, path in found.items()},
        "runs": runs,
    }


def arguments() -> argparse.Namespace:
    """The command line; fewer than five runs would make medians meaningless."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each timing (default 5, at least 5)")
    parser.add_argument("--batch", type=int, default=50, help="models in the one-process batch (default 50)")
    parser.add_argument("--model", type=Path, default=REPO / "source" / "session.yaml", help="session model")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    parser.add_argument("--no-usual", action="store_true", help="skip the pandoc/LibreOffice route")
    args = parser.parse_args()
    if args.runs < 5 or args.batch < 11:
        parser.error("--runs must be at least 5 and --batch at least 11")
    return args


def compile_package() -> None:
    """Byte-compile briefgen as an installed package is, so start-up is not timed compiling.

    An editable install under PYTHONDONTWRITEBYTECODE would otherwise recompile every module
    on every run, which no installed copy does.
    """
    import briefgen

    compileall.compile_dir(Path(briefgen.__file__).parent, quiet=1)


def main() -> int:
    """Measure everything, print the table, and write the JSON if asked; 1 if a command failed."""
    args = arguments()
    compile_package()
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as scratch:
        bench = Bench(args.model.resolve(), Path(scratch), args.runs)
        try:
            results = {
                "machine": machine(args.runs),
                "build": bench.builds_and_usual(not args.no_usual),
                "startup": bench.startup(),
                "breakdown": bench.breakdown(),
                "scaling": bench.scaling(),
                "batch": bench.batch(args.batch),
            }
        except CommandFailed as error:
            print(f"benchmark stopped: {error}", file=sys.stderr)
            return 1
    results["targets"] = report.TARGETS
    results["verdicts"] = report.verdicts(results)
    print(report.table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
