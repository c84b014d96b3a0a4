"""Atomic output: a set of files is replaced whole or not at all, leaving no temporary files."""

from __future__ import annotations

import pytest

from briefgen.errors import OutputError
from briefgen.output import write_set


def test_a_set_is_written_and_no_temporary_file_remains(tmp_path):
    write_set({tmp_path / "a.pdf": b"A", tmp_path / "b.pdf": b"B"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.pdf": b"A", "b.pdf": b"B"}


def test_a_failure_while_staging_replaces_nothing(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"old")
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(OutputError) as raised:
        write_set({tmp_path / "a.pdf": b"new", tmp_path / "b.pdf": b"B"})
    assert str(raised.value) == f"{tmp_path / 'b.pdf'}: is a folder, not a file"
    assert (tmp_path / "a.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]


def test_leftovers_of_a_killed_write_are_removed(tmp_path):
    leftover = tmp_path / ".a.pdf.x1y2z3.tmp"
    leftover.write_bytes(b"half")
    other = tmp_path / ".notes.txt.x1y2z3.tmp"
    other.write_bytes(b"not ours")
    write_set({tmp_path / "a.pdf": b"A"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.x1y2z3.tmp", "a.pdf"]
