"""The stages of ingest one by one: decoding, PDF repairs, blocks, enumerations, people, markers."""

from __future__ import annotations

import pytest

from briefgen.ingest.blocks import read_blocks
from briefgen.ingest.enumeration import split_passage
from briefgen.ingest.people import find_mentions, group_of, opening_mention
from briefgen.errors import SourceError
from briefgen.ingest.text import Span
from briefgen.sourcetext import decode, is_furniture
from briefgen.locations import Locator
from briefgen.model import Person
from briefgen.review import MARKER, find_review_markers


@pytest.mark.parametrize(
    "data, message",
    [(b"", "f.txt: empty file"), (b" \r\n\n", "f.txt: empty file"), (b"\x00\x01abc", "f.txt: not a text file (binary data)"),
     (b"\x81\x39\xff\xfe", "f.txt: not a text file (binary data)")],
)  # fmt: skip
def test_decode_refuses_with_one_line(data, message):
    with pytest.raises(SourceError) as raised:
        decode(data, "f.txt")
    assert str(raised.value) == message


def test_decode_reads_utf8_bom_and_shift_jis():
    text = "【総括】冒頭、横浜市伊藤部長"
    assert [decode(d, "f") for d in (text.encode(), b"\xef\xbb\xbf" + text.encode(), text.encode("cp932"))] == [text] * 3


@pytest.mark.parametrize("line", [" 別添資料 4 ", "- 2 -", "３", "12 / 30", "p. 4", "（了）", "以上"])
def test_page_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["", "1.", "資料について説明があった。", "3点"])
def test_not_page_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "raw, text",
    [(" 日本 の 都市 ", "日本の都市"), ("ICLEI のような", "ICLEI のような"), ("COP  29 を", "COP 29 を"), ("市民 1 人", "市民 1 人")],
)
def test_stray_spaces_between_japanese_characters_are_dropped(raw, text):
    span = Span.of_line(raw, 7)
    assert (span.text, set(span.lines)) == (text, {7})


def test_lines_join_without_space_except_between_words():
    joined = Span.of_line("資料 1-", 1).join(Span.of_line("2)を", 3)).join(Span.of_line("ICLEI", 5)).join(Span.of_line("network", 6))
    assert joined.text == "資料 1-2)をICLEI network"
    assert (joined[:4].lines, joined.lines[-7:]) == ((1, 1, 1, 1), (6,) * 7)


def blocks_of(text: str) -> list[tuple[str, int | None, str, int, int]]:
    return [(b.kind, b.number, b.text.text, b.whole.first, b.whole.last) for b in read_blocks(text.splitlines())]


def test_blocks_continue_a_sentence_broken_before_a_number_or_bullet():
    text = "題\n 1. 発表(資料 1-\n2)を踏まえ、\n・財政的にも検討した。\n 2. 次に移った。(了)"
    assert blocks_of(text) == [
        ("title", None, "題", 1, 1),
        ("numbered", 1, "発表(資料 1-2)を踏まえ、・財政的にも検討した。", 2, 4),
        ("numbered", 2, "次に移った。", 5, 5),
    ]


def test_blocks_indented_after_a_sentence_open_a_paragraph():
    text = "I. 冒頭発表\n意見交換に先立ち発表が\nあった。\n 伊藤部長からは報告が\n あった。"
    assert blocks_of(text) == [
        ("heading", None, "冒頭発表", 1, 1),
        ("para", None, "意見交換に先立ち発表があった。", 2, 3),
        ("para", None, "伊藤部長からは報告があった。", 4, 5),
    ]


def test_blocks_headings_in_every_numbering():
    text = "【まとめ】\n第１ 冒頭発表\nⅡ．意見交換\n１．質疑応答\n 2. 長い文の項目である。"
    kinds = [(kind, number, text) for kind, number, text, _, _ in blocks_of(text)]
    assert kinds == [
        ("summary", None, ""),
        ("heading", None, "冒頭発表"),
        ("heading", None, "意見交換"),
        ("heading", None, "質疑応答"),
        ("numbered", 2, "長い文の項目である。"),
    ]


def passage(text: str) -> tuple:
    lead, items, tail = split_passage(Span(text, tuple(range(1, len(text) + 1))))
    return lead.text, [item.text for item in items], tail.text if tail else None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("強みは、①A、②B、③Cの 3点である。", ("強みは、", ["A", "B", "C"], "の 3点である。")),
        ("点は、(1)A及び(2)Bという点である。以上。", ("点は、", ["A", "B"], "という点である。以上。")),
        ("分野は、ア．農業、イ．防災について報告があった。", ("分野は、", ["農業", "防災"], "について報告があった。")),
        ("感想は、①A。続き、②B。終わり。", ("感想は、", ["A。続き", "B。終わり。"], None)),
        ("①だけ、②では", ("①だけ、②では", [], None)),
        ("アジアとイクレイ", ("アジアとイクレイ", [], None)),
    ],
)
def test_enumeration_lead_items_and_tail(text, expected):
    assert passage(text) == expected


def test_enumeration_keeps_source_lines_of_each_part():
    span = Span.of_line("伊藤部長からは、①全体像、", 57).join(Span.of_line("②進捗について報告があった。", 59))
    lead, items, tail = split_passage(span)
    assert [(s.first, s.last) for s in (lead, *items, tail)] == [(57, 57), (57, 57), (59, 59), (59, 59)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("冒頭、三村特命教授(茨城大学)、", ("三村", "特命教授", "茨城大学")),
        ("踏まえ、環境省行木参事官及び", ("行木", "参事官", "環境省")),
        ("横浜市伊藤部長及び", ("伊藤", "部長", "横浜市")),
        ("及びさいたま市の衣目川課長補佐から", ("衣目川", "課長補佐", "さいたま市")),
        ("及びOECC加藤理事も", ("加藤", "理事", "OECC")),
        ("2. 加藤 OECC 理事は、", ("加藤", "理事", "OECC")),
        ("（進行役：イクレイ日本内田事務局長）", ("内田", "事務局長", "イクレイ日本")),
        ("⚫ 伊藤部長（横浜市）からは、", ("伊藤", "部長", "横浜市")),
        ("北海道大学 佐藤教授", ("佐藤", "教授", "北海道大学")),
        ("町田市村上課長", ("村上", "課長", "町田市")),
        ("中村知事は", ("中村", "知事", None)),
    ],
)
def test_mentions_name_title_and_organisation(text, found):
    assert [(m.name, m.title, m.organisation) for m in find_mentions(text)] == [found]


@pytest.mark.parametrize("text", ["市長自身が発言", "U-7 市長サミット", "④市長のリーダーシップ", "同教授は", "両市の担当官は"])
def test_titles_without_a_person_are_no_mention(text):
    assert find_mentions(text) == []


@pytest.mark.parametrize(
    "text, name", [("伊藤部長（横浜市）からは、", "伊藤"), ("また衣目川課長補佐からは、", "衣目川"), ("日本の伊藤部長は", None)]
)
def test_opening_mention_is_the_speaker_a_passage_opens_with(text, name):
    mention = opening_mention(text)
    assert (mention.name if mention else None) == name


@pytest.mark.parametrize(
    "organisation, group",
    [("環境省", "national_government"), ("気象庁", "national_government"), ("茨城大学", "academia"),
     ("北海道大学", "academia"), ("イクレイ日本", "intermediary"), ("OECC", "intermediary"), ("さいたま市", "city"),
     ("長野県", "city"), ("国立環境研究所", None), ("JICA", None)],
)  # fmt: skip
def test_group_is_given_only_where_the_organisation_makes_it_clear(organisation, group):
    assert group_of(organisation) == group


def test_review_markers_are_problems_at_their_lines():
    person = Person(id="p-1", name="内田", romanised=MARKER, organisation=MARKER,
                    title={"ja": "事務局長", "en": MARKER}, role="moderator", group="intermediary")  # fmt: skip
    where = Locator("draft.yaml", {(): 3, ("romanised",): 5, ("organisation",): 6, ("title",): 7, ("title", "en"): 9})
    assert [str(p) for p in find_review_markers(person, where, ())] == [
        "draft.yaml:5: romanised: to review",
        "draft.yaml:6: organisation: to review",
        "draft.yaml:9: title.en: to review",
    ]
