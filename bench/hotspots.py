"""Profile one in-process build with cProfile, to find where a missed target's time goes.

    .venv/bin/python bench/hotspots.py [--scale 10] [--sort tottime] [--top 40] [--out FILE.prof]

Imports are included (they are part of every build); ``--scale`` profiles a model with that
many times the points and actions (see ``models.py``). ``--out`` keeps the raw profile for
``python -m pstats`` or snakeviz.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

import models

REPO = Path(__file__).resolve().parents[1]


def build(model: Path) -> None:
    """Load the model and render every output in memory, as ``briefgen build`` does."""
    from briefgen.build import plan, render_all
    from briefgen.loader import load_session
    from briefgen.langs import LANGS
    from briefgen.resources import Resources

    render_all(load_session(model), plan(LANGS), Resources())


def main() -> None:
    """Profile a build of the (scaled) model and print the heaviest functions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=REPO / "source" / "session.yaml")
    parser.add_argument("--scale", type=int, default=1, help="points and actions multiplied by this")
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key (cumulative, tottime, …)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path, help="also save the raw profile here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefgen-profile-") as scratch:
        model = args.model
        if args.scale != 1:
            data = models.scaled(models.read(model), args.scale)
            model = models.write(data, Path(scratch), models.source_of(model, data))
        profiler = cProfile.Profile()
        profiler.runcall(build, model)
    if args.out:
        profiler.dump_stats(args.out)
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
