"""Timing and peak memory of child processes, and the statistics the benchmark reports."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

MIB = 1024 * 1024


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; carries the end of its stderr."""


@dataclass(frozen=True)
class Run:
    """One finished child process: wall and CPU seconds, and peak RSS in bytes.

    CPU time (user + system) is what the process, and any process it forked and reaped, cost
    whatever else the machine was doing; the peak RSS is that of the largest one of them.
    """

    wall: float
    cpu: float
    peak_rss: int
    stdout: str


def run(command: Sequence[str], cwd: Optional[Path] = None, env: Optional[dict] = None) -> Run:
    """Run ``command`` to completion; its rusage comes from wait4, so no other child of ours counts."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode != 0:
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise CommandFailed(f"{' '.join(map(str, command))}: exit {child.returncode}\n" + "\n".join(tail))
        cpu = usage.ru_utime + usage.ru_stime
        return Run(wall, cpu, usage.ru_maxrss * 1024, out.read().decode("utf-8", "replace"))


def repeat(measure: Callable[[], Run], runs: int, warmup: int = 1) -> list[Run]:
    """``runs`` measurements after ``warmup`` unrecorded ones (caches, page cache, pyc files)."""
    for _ in range(warmup):
        measure()
    return [measure() for _ in range(runs)]


def median(values: Sequence[float]) -> float:
    """The median: robust to the odd slow run on a shared machine."""
    return statistics.median(values)


def summary(runs: Sequence[Run]) -> dict:
    """Median and spread of wall time, median CPU time and the highest peak RSS of repeated runs."""
    walls = [r.wall for r in runs]
    return {
        "wall_median_s": median(walls),
        "cpu_median_s": median([r.cpu for r in runs]),
        "wall_min_s": min(walls),
        "wall_max_s": max(walls),
        "peak_rss_bytes": max(r.peak_rss for r in runs),
        "runs": len(runs),
    }


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of ys over xs: growth per step."""
    return statistics.linear_regression(xs, ys).slope


def tree_memory(command: Sequence[str], cwd: Optional[Path] = None, every: float = 0.002) -> dict:
    """Peak memory of ``command`` and the processes it forks, sampled from /proc while it runs.

    wait4 gives only the largest single process; a build with a forked writer uses two at
    once. PSS counts pages the two share once (split between them), RSS counts them twice.
    """
    child = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    peak_pss = peak_rss = processes = 0
    while child.poll() is None:
        pids = [child.pid, *_children(child.pid)]
        peak_pss = max(peak_pss, sum(_kib(pid, "smaps_rollup", "Pss:") for pid in pids) * 1024)
        peak_rss = max(peak_rss, sum(_kib(pid, "status", "VmRSS:") for pid in pids) * 1024)
        processes = max(processes, len(pids))
        time.sleep(every)
    return {"peak_pss_bytes": peak_pss, "peak_rss_sum_bytes": peak_rss, "processes": processes}


def _children(pid: int) -> list[int]:
    """The processes ``pid`` has forked and not yet reaped (Linux)."""
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _kib(pid: int, name: str, field: str) -> int:
    """A kB figure from /proc/PID/NAME, or 0 once the process has gone."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
