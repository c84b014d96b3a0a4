"""The forked PDF writer: it delivers the same bytes as this process, and any failure of it
costs time, never a file or an error message."""

from __future__ import annotations

import os
import signal

import pytest

from briefgen.build import Renderer, plan, render_all
from briefgen.errors import LayoutError
from briefgen.forked import ForkedWriter, usable_cores
from briefgen.langs import LANGS
from briefgen.pipeline import compose_output, render_document
from briefgen.resources import Resources

from conftest import ModelCopy

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="this system has no fork()")
HEADLINE = "en: \"Analyse Japanese cities' experience and communicate it abroad\""
EMOJI_HEADLINE = "en: \"Analyse Japanese cities' experience and communicate it abroad 😀\""


def pdf_jobs(session, resources):
    return [(o, compose_output(session, o, resources)) for o in plan(LANGS) if o.fmt == "pdf"]


@needs_fork
def test_the_helper_renders_every_document_it_is_sent_as_this_process_would(session):
    resources = Resources()
    jobs = pdf_jobs(session, resources)
    with ForkedWriter("pdf", resources) as helper:
        for output, document in jobs:
            helper.send(output, document)
        received = list(helper.received())
    assert [output for output, _ in received] == [output for output, _ in jobs]
    assert [data for _, data in received] == [render_document(o, d, resources) for o, d in jobs]


@needs_fork
def test_a_helper_that_fails_stops_and_delivers_only_what_came_before(model: ModelCopy):
    from briefgen.loader import load_session

    model.replace(HEADLINE, EMOJI_HEADLINE)
    resources = Resources()
    jobs = pdf_jobs(load_session(model.path), resources)
    with ForkedWriter("pdf", resources) as helper:
        for output, document in jobs:
            helper.send(output, document)
        received = [output for output, _ in helper.received()]
    assert received == [output for output, _ in jobs if output.lang == "ja"]  # brief.en.pdf has the emoji


@needs_fork
@pytest.mark.skipif(usable_cores() < 2, reason="one core: builds do not fork a helper")
def test_a_build_on_two_cores_forks_the_helper_and_gives_the_same_bytes(session):
    resources = Resources()
    with Renderer(plan(LANGS), resources) as renderer:
        assert renderer.helper is not None
        assert renderer.render_all(session) == render_all(session, plan(LANGS), resources)


@needs_fork
def test_what_a_killed_helper_did_not_deliver_is_rendered_here(session):
    resources = Resources()
    expected = render_all(session, plan(LANGS), resources)
    renderer = Renderer(plan(LANGS), resources, use_second_core=False)
    renderer.helper = ForkedWriter("pdf", resources)
    os.kill(renderer.helper.pid, signal.SIGKILL)
    with renderer:
        assert renderer.render_all(session) == expected


@needs_fork
def test_a_layout_error_is_reported_by_this_process_with_its_file(model: ModelCopy):
    from briefgen.loader import load_session

    model.replace(HEADLINE, EMOJI_HEADLINE)
    renderer = Renderer(plan(LANGS), Resources(), use_second_core=False)
    renderer.helper = ForkedWriter("pdf", renderer.resources)
    with renderer, pytest.raises(LayoutError) as raised:
        renderer.render_all(load_session(model.path))
    assert str(raised.value) == "brief.en.pdf: no font has U+1F600 '😀' (in: 1. Analyse Japanese cities' ex…)"


@needs_fork
def test_closing_ends_and_reaps_the_helper_whatever_it_was_doing():
    helper = ForkedWriter("pdf", Resources())
    helper.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(helper.pid, os.WNOHANG)


@needs_fork
def test_without_a_process_to_spare_everything_is_rendered_here(session, monkeypatch):
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    resources = Resources()
    expected = render_all(session, plan(LANGS), resources)
    monkeypatch.setattr(os, "fork", refuse)
    with Renderer(plan(LANGS), resources) as renderer:
        assert renderer.helper is None
        assert renderer.render_all(session) == expected


@needs_fork
def test_documents_and_files_larger_than_the_pipes_do_not_deadlock(session, monkeypatch):
    """Sender and helper each filling the pipe the other must empty must not wait forever."""
    monkeypatch.setattr("briefgen.forked.PIPE_BYTES", 0)  # the system's smallest pipes
    resources = Resources()
    brief_ja = pdf_jobs(session, resources)[0]
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("deadlocked"))
    signal.alarm(60)
    try:
        with ForkedWriter("pdf", resources) as helper:
            for _ in range(6):  # 6 × 34 KB of trees and 6 × 250 KB of PDF, through 4 KB pipes
                helper.send(*brief_ja)
            received = list(helper.received())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert len(received) == 6
