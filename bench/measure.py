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
    """One finished child process: wall and CPU seconds, and its own peak RSS in bytes.

    CPU time (user + system) is what the process cost whatever else the machine was doing.
    """

    wall: float
    cpu: float
    peak_rss: int
    stdout: str


def run(command: Sequence[str], cwd: Optional[Path] = None, env: Optional[dict] = None) -> Run:
    """Run ``command`` to completion; its rusage comes from wait4, so no other child counts."""
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
