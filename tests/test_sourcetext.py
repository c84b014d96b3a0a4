"""Source text normalisation: statements stand in their lines however the PDF broke them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.sourcetext import SourceText, key
from conftest import SOURCE

CONCLUSION_2 = (
    "自治体単独で国際的な取組を長年に亘り継続していくことは、人的・財政的資源に限界があることから、"
    "ICLEI のような国際的ネットワークを有する機関が創設する内外関係者間の出会いの機会（マッチング）を"
    "活用することが効果的である。また国際連携の更なる推進に当たっては、日本側から何を伝えたいのかの"
    "観点だけでは所要の成果を挙げることは期待できず、先方側が何を求めているのかを把握する「翻訳的機能」"
    "を果たす機関による側面支援が不可欠である。"
)


@pytest.fixture(scope="module")
def source() -> SourceText:
    return SourceText.read(SOURCE)


def test_the_source_is_read_line_by_line(source):
    assert len(source.lines) == 267
    assert source.lines[2] == "パネルディスカッション概要 "


@given(st.text())
def test_key_removes_every_space_and_line_break_and_nothing_else(text):
    assert key(text) == "".join(character for character in text if not character.isspace())


def test_a_statement_stands_in_its_lines_across_pdf_line_breaks(source):
    assert source.holds(CONCLUSION_2, 23, 31)
    assert source.holds(CONCLUSION_2.replace("ICLEI のような", "ICLEIのような"), 23, 31)


@pytest.mark.parametrize("first, last", [(25, 31), (23, 29), (21, 31), (23, 33), (13, 45)], ids=["starts late", "ends early", "starts early", "ends late", "far too wide"])
def test_a_statement_must_start_on_its_first_line_and_end_on_its_last(source, first, last):
    assert not source.holds(CONCLUSION_2, first, last)


def test_an_altered_statement_does_not_stand(source):
    assert not source.holds(CONCLUSION_2.replace("不可欠", "必要"), 23, 31)


def test_a_statement_on_one_line_may_be_part_of_it(source):
    assert source.holds("排出削減対策の進捗", 57, 57)
    assert not source.holds("排出削減対策の進捗", 59, 59)


@pytest.mark.parametrize("first, last", [(0, 3), (266, 268), (31, 23)], ids=["before the first line", "after the last line", "reversed"])
def test_lines_outside_the_source_hold_nothing(source, first, last):
    assert not source.holds("別添資料", first, last)


def test_page_furniture_inside_a_statement_is_blanked(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text("冒頭の文章は\n\n- 2 -\n\n別添資料 4\n続いている。\n", encoding="utf-8")
    source = SourceText.read(path)
    assert source.lines[2] == source.lines[4] == ""
    assert source.holds("冒頭の文章は続いている。", 1, 6)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_sources_in_office_encodings_are_read(tmp_path, encoding):
    path = tmp_path / "summary.txt"
    path.write_bytes("【総括】都市間連携の\n\n成果を共有した。\n".encode(encoding))
    assert SourceText.read(path).holds("【総括】都市間連携の成果を共有した。", 1, 3)
