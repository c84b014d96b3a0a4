"""The per-user cache: entries come back whole or not at all, and a broken cache is no error."""

from __future__ import annotations

import pytest

from briefgen import usercache


@pytest.fixture(autouse=True)
def cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))


def test_an_entry_comes_back_as_stored(tmp_path):
    usercache.store("entry", b"payload")
    assert usercache.load("entry") == b"payload"
    assert [p.name for p in (tmp_path / "briefgen").iterdir()] == ["entry"]


@pytest.mark.parametrize("damage", [lambda b: b[:-1], lambda b: b[:5] + b"x" + b[6:], lambda b: b""], ids=["cut", "changed", "empty"])
def test_a_damaged_entry_is_absent(tmp_path, damage):
    usercache.store("entry", b"payload")
    path = tmp_path / "briefgen" / "entry"
    path.write_bytes(damage(path.read_bytes()))
    assert usercache.load("entry") is None


def test_an_unwritable_cache_is_passed_over(tmp_path):
    (tmp_path / "briefgen").write_text("a file where the folder would be")
    usercache.store("entry", b"payload")
    assert usercache.load("entry") is None


def test_the_cache_follows_xdg_cache_home(monkeypatch, tmp_path):
    assert usercache.cache_dir() == tmp_path / "briefgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert usercache.cache_dir() == tmp_path / ".cache" / "briefgen"
