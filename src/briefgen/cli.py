"""The ``briefgen`` command line: the one place errors become messages and exit codes.

Exit codes: 0 success, 1 input or build error (one line per problem on stderr), 2 usage error.
Heavy modules (writers, reportlab, python-docx) are imported inside commands so that
``--help`` and ``validate`` start fast.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from pathlib import Path
from typing import Callable

import click

from . import __version__
from .errors import BriefgenError

DEFAULT_MODEL = Path("source/session.yaml")
AUDIENCES = ("national", "cities", "intermediaries")
LANG_CHOICE = click.Choice(["ja", "en"])


def reports_errors(command: Callable) -> Callable:
    """Turn library errors into lines on stderr and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BriefgenError as error:
            for line in str(error).splitlines() or [type(error).__name__]:
                click.echo(f"error: {line}", err=True)
            sys.exit(1)

    return wrapper


model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_MODEL,
    show_default=True,
    help="Session model (YAML).",
)
templates_option = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of templates that override the defaults file by file.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Turn a policy panel's session model into briefs, one-pagers and action lists.

    \b
    Example:
      briefgen validate
      briefgen build
    """
    _tolerate_narrow_consoles()


def _tolerate_narrow_consoles() -> None:
    """On a console that cannot show Japanese, escape what it cannot show rather than crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


@main.command()
@click.argument("model_path", metavar="[MODEL]", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_MODEL)
@reports_errors
def validate(model_path: Path) -> None:
    """Check a session model against its schema, its cross-references and its source text.

    \b
    Example:
      briefgen validate source/session.yaml
    """
    from .loader import load_session
    from .summary import describe

    session = load_session(model_path)
    click.echo(f"{model_path}: ok: {describe(session)}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the session model, for editors that check YAML.

    \b
    Example:
      briefgen schema > session.schema.json
    """
    import json

    from .model import Session

    click.echo(json.dumps(Session.model_json_schema(), ensure_ascii=False, indent=2))


def _write(model_path: Path, outputs, out: Path | None, resources) -> None:
    """Load the model once, render every output, then write them all or none, printing each path."""
    from .build import Renderer
    from .output import check_folder, write_set

    if out is not None:
        check_folder(out.parent)
    with Renderer(outputs, resources) as renderer:
        from .loader import load_session  # after the fork: the PDF writer loads meanwhile

        rendered = renderer.render_all(load_session(model_path))
    if out is None:
        Path("out").mkdir(exist_ok=True)
    files = {out or Path("out") / output.filename: data for output, data in rendered}
    write_set(files)
    for target in files:
        click.echo(str(target))


@main.command()
@model_option
@click.option("--lang", type=LANG_CHOICE, default="ja", show_default=True, help="Language of the brief.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), help="Output file [default: out/brief.LANG.docx].")
@click.option("--reference-doc", type=click.Path(path_type=Path, dir_okay=False), help="House-style .docx to take styles, page setup, header and footer from.")
@templates_option
@reports_errors
def docx(model_path: Path, lang: str, out: Path | None, reference_doc: Path | None, templates_dir: Path | None) -> None:
    """Write the Word executive brief.

    \b
    Example:
      briefgen docx --lang en -o brief.docx
    """
    from .pipeline import brief
    from .resources import Resources

    overrides = {"reference.docx": reference_doc} if reference_doc else {}
    _write(model_path, [brief(lang)], out, Resources(templates_dir, overrides))


@main.command()
@model_option
@click.option("--lang", type=LANG_CHOICE, default="ja", show_default=True, help="Language of the PDF.")
@click.option("--audience", type=click.Choice([*AUDIENCES, "all"]), default=None, help="Write the action list for this audience instead of the one-pager.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), help="Output file [default: out/onepager.LANG.pdf or out/actions-AUDIENCE.LANG.pdf].")
@templates_option
@reports_errors
def pdf(model_path: Path, lang: str, audience: str | None, out: Path | None, templates_dir: Path | None) -> None:
    """Write the one-page PDF of the conclusions, or an audience's action list.

    \b
    Example:
      briefgen pdf --lang en
      briefgen pdf --audience cities -o cities.pdf
    """
    from .pipeline import action_list, onepager
    from .resources import Resources

    if audience is None:
        outputs = [onepager(lang)]
    else:
        outputs = [action_list(a, lang) for a in (AUDIENCES if audience == "all" else [audience])]
    if out is not None and len(outputs) > 1:
        raise click.UsageError("-o names one file; --audience all writes three")
    _write(model_path, outputs, out, Resources(templates_dir))


class _Progress:
    """Progress on stderr: a self-updating line on a terminal, one line per file otherwise.

    The live line uses no colour, only a carriage return and erase-line, and is off on a
    dumb terminal, so NO_COLOR and TERM=dumb consoles get plain text.
    """

    def __init__(self, total: int, quiet: bool):
        self.total, self.done, self.quiet = total, 0, quiet
        self.live = sys.stderr.isatty() and not quiet and os.environ.get("TERM") != "dumb"

    def rendered(self, output) -> None:
        self.done += 1
        if self.live:
            click.echo(f"\rrendering {self.done}/{self.total}: {output.filename}\x1b[K", err=True, nl=False)

    def finish(self) -> None:
        if self.live:
            click.echo("\r\x1b[K", err=True, nl=False)


@main.command()
@model_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"), show_default=True, help="Output folder (created if it is the default).")
@click.option("--lang", type=click.Choice(["ja", "en", "all"]), default="all", show_default=True, help="Languages to build.")
@click.option("--only", type=click.Choice(["docx", "pdf", "actions"]), default=None, help="Build only the Word brief, the one-pager or the action lists.")
@templates_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@reports_errors
def build(model_path: Path, out_dir: Path, lang: str, only: str | None, templates_dir: Path | None, quiet: bool) -> None:
    """Write every output (Word brief, one-pager, three action lists) and a manifest.

    Everything is rendered before anything is written, and each file is replaced
    atomically, so a failure never leaves a torn or half-written file.

    \b
    Example:
      briefgen build
      briefgen build --lang en --only actions --out /tmp/briefs
    """
    from . import build as builder
    from .output import check_folder
    from .resources import Resources

    if out_dir != Path("out"):  # the default is made once there is something to put in it
        check_folder(out_dir)
    outputs = builder.plan(builder.langs_for(lang), only)
    progress = _Progress(len(outputs), quiet)
    with builder.Renderer(outputs, Resources(templates_dir)) as renderer:
        from .loader import load_session  # after the fork: the PDF writer loads meanwhile

        rendered = renderer.render_all(load_session(model_path), progress.rendered)
    progress.finish()
    if out_dir == Path("out"):
        out_dir.mkdir(exist_ok=True)
    for written in builder.write_all(rendered, out_dir, model_path.read_bytes()):
        if not quiet:
            click.echo(f"wrote {written.path} ({written.size:,} bytes)", err=True)
        click.echo(str(written.path))


@main.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), help="Draft model to write [default: stdout].")
@reports_errors
def ingest(source: Path, out: Path | None) -> None:
    """Draft a session model from a plain-text meeting summary (議事概要).

    Reads UTF-8 (with or without BOM) or Shift_JIS. Every value `to-review` in the draft
    is for a person to write; `briefgen validate` lists each one. A one-line account of
    what was found, and what could not be placed, goes to stderr. Without -o, the draft
    names its source relative to the current folder.

    \b
    Example:
      briefgen ingest minutes.txt -o source/minutes.yaml
    """
    from .ingest import ingest as draft_of
    from .output import write_atomic

    draft = draft_of(source, out)
    if out is None:
        click.echo(draft.yaml, nl=False)
    else:
        write_atomic(out, draft.yaml.encode("utf-8"))
    click.echo(draft.account, err=True)


def entry() -> None:
    """The console command: run the CLI without the cycle collector, then leave without
    freeing the heap object by object.

    One command makes little cyclic garbage, and collecting it cost a build about 0.08 s;
    freeing the parsed fonts and documents at interpreter exit about 0.15 s more, for
    nothing: every output is already written and synced, and the streams are flushed here.
    """
    gc.disable()
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
