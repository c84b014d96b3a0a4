"""The benchmark's targets, and the results as a readable table beside them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from measure import MIB

KB = 1000

REFERENCE_IMPORTS_S = 0.19  # those imports when the targets were set, on a machine of this kind
TARGETS = {
    "build_wall_s": 0.6,
    "build_peak_rss_mib": 120,
    "speedup_vs_best": 4,
    "speedup_vs_per_pdf": 15,
    "help_s": 0.15,
    "validate_s": 0.3,
    "onepager_kb": 100,
    "actions_kb": 120,
    "brief_kb": 60,
    "batch_ms_per_document": 30,
    "batch_rss_growth_mib": 4,  # from model 10 to the last: "flat"
}


@dataclass(frozen=True)
class Row:
    """One line of the table: a label, the figure, and optionally a target and its verdict."""

    label: str
    value: str = ""
    target: str = ""
    ok: Optional[bool] = None
    note: str = ""
    key: str = ""  # names the target a verdict is for


def seconds(value: float) -> str:
    """A duration, in ms below one second."""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def mib(value: float) -> str:
    """Bytes as MiB."""
    return f"{value / MIB:.1f} MiB"


def kb(value: float) -> str:
    """Bytes as KB (1,000 bytes), the unit of the size targets."""
    return f"{value / KB:.1f} KB"


def ratio(value: float) -> str:
    """A speed-up or growth factor."""
    return f"{value:.1f}×"


def verdicts(results: dict) -> dict[str, bool]:
    """Each target met or not, by name, for the JSON."""
    return {row.key: row.ok for row in rows(results) if row.ok is not None}


def table(results: dict) -> str:
    """The whole report as fixed-width text."""
    lines = []
    for row in rows(results):
        if not row.value and row.ok is None and not row.note:
            lines.append(f"\n{row.label}")
            continue
        verdict = "" if row.ok is None else ("ok" if row.ok else "MISS")
        lines.append(f"  {row.label:<44} {row.value:>12}  {row.target:<12} {verdict:<5} {row.note}".rstrip())
    return "\n".join(lines).lstrip("\n")


def rows(results: dict) -> Iterator[Row]:
    """Every row of the report, section by section."""
    yield Row(_machine(results["machine"]))
    yield from _build(results["build"])
    yield from _startup(results["startup"])
    yield from _breakdown(results["breakdown"])
    yield from _sizes(results["build"])
    yield from _usual(results["build"])
    yield from _scaling(results["scaling"])
    yield from _batch(results["batch"])


def _machine(machine: dict) -> str:
    """The heading line: what the figures were measured on."""
    tools = ", ".join(f"{k} {v}" for k, v in machine["tools"].items())
    return (f"briefgen benchmark: {machine['cpus']} CPUs (load {machine['load']}), Python {machine['python']}; "
            f"{tools}; {machine['runs']} runs, medians")


def _limited(key: str, label: str, value: float, limit: float, show, note: str = "") -> Row:
    """A row whose figure must not exceed ``limit``; ``key`` names the target."""
    return Row(label, show(value), f"≤ {show(limit)}", value <= limit, note, key)


def _build(build: dict) -> Iterator[Row]:
    whole = build["briefgen"]
    yield Row(f"Full build: briefgen build, {build['files']} files, whole command")
    yield _limited("build_wall_s", "wall time (median)", whole["wall_median_s"], TARGETS["build_wall_s"], seconds,
                   f"min {seconds(whole['wall_min_s'])}, max {seconds(whole['wall_max_s'])}")
    yield Row("CPU time (median)", seconds(whole["cpu_median_s"]), note="both processes: above the wall time where the second core worked")
    memory = build["memory"]
    yield _limited("build_peak_rss_mib", f"peak memory, {memory['processes']} processes (PSS)", memory["peak_pss_bytes"],
                   TARGETS["build_peak_rss_mib"] * MIB, mib,
                   f"RSS summed {mib(memory['peak_rss_sum_bytes'])}; largest process {mib(whole['peak_rss_bytes'])}")


def _startup(startup: dict) -> Iterator[Row]:
    yield Row("Start-up (median)")
    yield Row("python -c pass (the floor)", seconds(startup["python"]["wall_median_s"]))
    yield Row("import reportlab, python-docx, jinja2", seconds(startup["reference_imports"]["wall_median_s"]),
              note=f"the targets assume {seconds(REFERENCE_IMPORTS_S)}: this machine's speed against theirs")
    for key, name in (("help", "--help"), ("validate", "validate")):
        run = startup[key]
        yield _limited(f"{key}_s", f"briefgen {name}", run["wall_median_s"], TARGETS[f"{key}_s"], seconds,
                       f"CPU {seconds(run['cpu_median_s'])}")


def _breakdown(breakdown: dict) -> Iterator[Row]:
    yield Row("In-process breakdown of one build: CPU time (fresh interpreter each run, medians)")
    for name, value in breakdown["imports_s"].items():
        yield Row(f"import {name}", seconds(value), note="added by this import")
    yield Row("model load + validation", seconds(breakdown["load_validate_s"]))
    for phase, label, first in (("compose", "template rendering (compose)", None),
                                ("docx", "docx writer", ("first-use extra", "docx_first_extra_s")),
                                ("pdf", "pdf writer", ("font loading", "font_loading_s"))):
        cold, warm = breakdown["cold_s"][phase], breakdown["warm_s"][phase]
        yield Row(f"{label}, all files", seconds(cold), note=f"warm {seconds(warm)}")
        if first:
            yield Row(f"  of which {first[0]}", seconds(breakdown[first[1]]), note="first render − warm render")
    yield Row("writing the files + manifest", seconds(breakdown["write_s"]))
    yield Row("interpreter exit after a build", seconds(breakdown["exit_s"]), note="freeing every object")
    yield Row("sum of the phases above", seconds(breakdown["sum_s"] + breakdown["exit_s"]),
              note="the rest of a build is interpreter start-up")
    for name, value in breakdown["importtime_top"]:
        yield Row(f"  -X importtime: {name}", seconds(value), note="its own modules")


def _sizes(build: dict) -> Iterator[Row]:
    usual = build.get("usual_sizes", {})
    yield Row("Output sizes (briefgen; the usual route's file and briefgen/usual ratio as a note)")
    for name, size in build["sizes"].items():
        limit = _size_limit(name)
        note = f"usual {kb(usual[name])}, {size / usual[name]:.2f}×" if name in usual else ""
        yield _limited(name, name, size, limit, kb, note) if limit else Row(name, kb(size), note=note)


def _size_limit(name: str) -> Optional[float]:
    """The size target of an output file by its kind; the brief as PDF has none."""
    for prefix, suffix, target in (("onepager", ".pdf", "onepager_kb"), ("actions", ".pdf", "actions_kb"),
                                   ("brief", ".docx", "brief_kb")):
        if name.startswith(prefix) and name.endswith(suffix):
            return TARGETS[target] * KB
    return None


def _usual(build: dict) -> Iterator[Row]:
    yield Row("Usual route on the same content (ratios paired run by run with briefgen build)")
    if "usual_missing" in build:
        yield Row(f"not measured: {build['usual_missing']}", note="briefgen's own figures above stand")
        return
    calls, pdfs = build["pandoc_calls"], build["soffice_pdfs"]
    for key, label, target in (("best", f"pandoc ×{calls} + one soffice for {pdfs} PDFs", "speedup_vs_best"),
                               ("per_pdf", f"pandoc ×{calls} + soffice ×{pdfs}, one per PDF", "speedup_vs_per_pdf")):
        route = build[key]
        yield Row(label, seconds(route["wall_median_s"]),
                  note=f"pandoc {seconds(route['pandoc_median_s'])}, soffice {seconds(route['soffice_median_s'])}, "
                       f"peak RSS {mib(route['peak_rss_bytes'])}")
        yield Row("  briefgen build is faster by", ratio(route["speedup_median"]), f"≥ {TARGETS[target]}×",
                  route["speedup_median"] >= TARGETS[target],
                  f"pairs {', '.join(ratio(r) for r in route['speedups'])}", target)


def _scaling(scaling: list[dict]) -> Iterator[Row]:
    yield Row("Scaling: briefgen build of larger models (whole process)")
    base = scaling[0]
    for scale in scaling:
        label = f"{scale['factor']}×: {scale['points']} points, {scale['actions']} actions"
        note = (f"{ratio(scale['wall_median_s'] / base['wall_median_s'])} the time, "
                f"RSS {mib(scale['peak_rss_bytes'])}, output {kb(scale['total_bytes'])}")
        yield Row(label, seconds(scale["wall_median_s"]), note=note)
        if scale is not base:
            yield Row("  time per 100 more points + actions", seconds(scale["seconds_per_100_more"]))


def _batch(batch: dict) -> Iterator[Row]:
    yield Row(f"Batch: {batch['count']} models built in one process (load + render_all each)")
    yield Row("first model (imports, fonts, templates)", seconds(batch["first_s"]))
    yield Row("each further model (median)", seconds(batch["further_median_s"]),
              note=f"last 10 / first 10 further: {batch['drift']:.2f}")
    yield _limited("batch_ms_per_document", "each further document (median)", batch["ms_per_document"] / 1000,
                   TARGETS["batch_ms_per_document"] / 1000, seconds,
                   f"CPU {batch['cpu_ms_per_document']:.0f} ms; {batch['documents']} documents a model")
    rss = batch["rss_after"]
    yield Row("RSS after model 1 / 10 / last", f"{mib(rss['1'])}", note=f"{mib(rss['10'])} / {mib(rss['last'])}")
    yield _limited("batch_rss_growth_mib", "RSS growth, model 10 → last", batch["rss_growth_bytes"], TARGETS["batch_rss_growth_mib"] * MIB, mib)
    opens = ", ".join(f"{name} ×{count}" for name, count in batch["font_opens"].items()) or "none"
    yield Row("font files opened (whole batch)", "", "once each", batch["fonts_once"], opens, "fonts_parsed_once")
