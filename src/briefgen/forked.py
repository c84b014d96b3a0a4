"""A writer in a forked second process, so that a build uses a second core.

A build is mostly imports and layout, one after the other. Forked as a command starts, the
helper imports its writer and loads its fonts while this process loads the model and runs
the templates; it is then sent the composed document trees (never the model, which it does
not import) and sends back each file's bytes in order. The model is still loaded once and
the fonts once, by the one process that needs each.

The helper only ever saves time. Whatever it does not deliver — it failed, was killed, or
could not be started — is rendered by the caller, so the files and the error messages are
exactly those of a build in one process.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import signal
from queue import SimpleQueue
from threading import Thread
from typing import TYPE_CHECKING, BinaryIO, Iterator, NoReturn, Optional

from . import writers
from .pipeline import Output, render_document

if TYPE_CHECKING:
    from .doctree import Document
    from .resources import Resources

PIPE_BYTES = 1 << 20  # room for a build's trees and PDFs in the pipes, so neither side waits


def usable_cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class ForkedWriter:
    """The helper process for one format: started at once, sent documents one by one as they
    are composed, then read in the order sent, then closed."""

    def __init__(self, fmt: str, resources: Resources):
        self.fmt = fmt
        jobs_in, jobs_out = os.pipe()
        self._results, results_out = os.pipe()
        for end in (jobs_out, results_out):
            _widen(end)
        self._sent: list[Output] = []
        try:
            self.pid = os.fork()
        except OSError:  # no process to spare
            for fd in (jobs_in, jobs_out, self._results, results_out):
                os.close(fd)
            raise
        if self.pid == 0:
            os.close(jobs_out)
            os.close(self._results)
            _serve(fmt, resources, jobs_in, results_out)
        os.close(jobs_in)
        os.close(results_out)
        self._jobs: Optional[BinaryIO] = open(jobs_out, "wb")

    def send(self, output: Output, document: Document) -> None:
        """Hand the helper one document, which it starts on at once; a helper already gone
        is noticed when reading."""
        self._sent.append(output)
        try:
            if self._jobs is not None:
                pickle.dump((output, document), self._jobs, pickle.HIGHEST_PROTOCOL)
                self._jobs.flush()
        except OSError:  # BrokenPipeError: the helper has stopped
            self._end_jobs()

    def received(self) -> Iterator[tuple[Output, bytes]]:
        """The files rendered, in the order sent, until the helper finishes or stops."""
        self._end_jobs()
        with open(self._results, "rb", closefd=False) as pipe:
            for output in self._sent:
                try:
                    yield output, pickle.load(pipe)
                except (EOFError, OSError, pickle.UnpicklingError):
                    return

    def _end_jobs(self) -> None:
        """No more documents: the helper stops after the last one sent."""
        if self._jobs is not None:
            try:
                self._jobs.close()
            except OSError:  # the helper has stopped: nothing more to tell it
                pass
            self._jobs = None

    def close(self) -> None:
        """End the helper, finished or not, and reap it."""
        self._end_jobs()
        self._results = _closed(self._results)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)

    def __enter__(self) -> "ForkedWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _serve(fmt: str, resources: Resources, jobs_in: int, results_out: int) -> NoReturn:
    """The helper's whole life: get ready, render what it is sent, leave without a trace.

    Any failure ends it silently — the caller renders what did not arrive and reports any
    error itself — and it never runs the parent's exit handlers or flushes its buffers.
    """
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        documents = _read_as_sent(jobs_in)
        writer = writers.get(fmt)
        if hasattr(writer, "prepare"):
            writer.prepare(resources)
        with open(results_out, "wb") as results:
            for output, document in documents:
                pickle.dump(render_document(output, document, resources), results, pickle.HIGHEST_PROTOCOL)
                results.flush()
    except BaseException:
        pass
    finally:
        os._exit(0)


def _read_as_sent(fd: int) -> Iterator[tuple[Output, Document]]:
    """The documents sent, taken off the pipe by a thread as they come.

    The sender must never wait on the renderer: with both pipes full, the sender waiting to
    send and the helper waiting to return a file would each wait for the other for ever.
    """
    inbox: SimpleQueue = SimpleQueue()
    Thread(target=_take_in, args=(fd, inbox), daemon=True).start()
    return iter(inbox.get, None)


def _take_in(fd: int, inbox: SimpleQueue) -> None:
    """Put each document read from ``fd`` in ``inbox``, then None once the sender is done."""
    try:
        with open(fd, "rb") as pipe:
            while True:
                inbox.put(pickle.load(pipe))
    except BaseException:  # EOFError when the sender closes; anything else ends the helper too
        pass
    finally:
        inbox.put(None)


def _widen(fd: int) -> None:
    """Enlarge a pipe's buffer where the system allows it (Linux); elsewhere keep the default."""
    try:
        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ"), PIPE_BYTES)
    except (AttributeError, OSError):
        pass


def _closed(fd: int) -> int:
    """Close ``fd`` if still open; -1 marks it closed."""
    if fd >= 0:
        os.close(fd)
    return -1
