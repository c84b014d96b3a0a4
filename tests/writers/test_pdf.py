"""The PDF writer: one page means one page, fonts, kinsoku, glyph coverage, metadata, determinism.

Each check reads the PDF back (pypdf, pdfplumber, poppler's pdffonts) or looks at the line
breaker's own output; documents are built by hand here, and the real outputs come from
the bundled model through the pipeline and the CLI.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefgen import doctree as dt
from briefgen.cli import main
from briefgen.errors import LayoutError, TemplateError
from briefgen.pipeline import AUDIENCES, action_list, onepager, render_output
from briefgen.resources import Resources, default_templates_dir, fonts_dir
from briefgen.typeset import typeset
from briefgen.writers import pdf, pdf_fonts
from briefgen.writers.pdf_linebreak import NO_END, NO_START, Breaker, opportunities
from briefgen.writers.pdf_style import TextStyle
from briefgen.writers.pdf_text import Ink, TextBlock

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "panel-discussion-summary.ja.txt"
A4_HEIGHT = 841.8898  # pt
MM = 72 / 25.4

needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) is not installed: fonts are checked with pypdf only"
)

CONCLUSIONS = (
    "日本の都市では様々な先進的取組みが展開されている一方、それらの総体としての評価については十分に整理されていないことから、"
    "これら多様な取組みを俯瞰して政策促進の仕組みやその教訓（成功や失敗の要因など）を分析したうえで対外的に発信することが必要である。",
    "自治体単独で国際的な取組を長年に亘り継続していくことは、人的・財政的資源に限界があることから、ICLEI のような国際的ネットワークを"
    "有する機関が創設する内外関係者間の出会いの機会（マッチング）を活用することが効果的である。",
    "これまでの国際協力では、海外の国や機関が主催する議論の場に参加していくパターンが多い。一方近年、一部の都市においては、"
    "独自の課題を設定し、議論の場をオーガナイズする事例が見いだされる。（「参加型」から「オーガナイザー」への転換）",
    "なお国際協力の基盤は、相互の信頼関係にあるが、我が国各界における普段の積み重ねの結果、国際社会において"
    "「日本社会全体に対する信頼感が高い」ことが広く浸透しつつあることが日本の強みとして共有された。",
)


# --- building documents ---------------------------------------------------------------


def para(text: str, role: str | None = None) -> dt.Paragraph:
    return dt.Paragraph((dt.Text(text),), role)


def one_pager(bodies=CONCLUSIONS, lang: str = "ja", extra: tuple = ()) -> dt.Document:
    """A one-pager shaped like the real one: title band, conclusion boxes, footer box."""
    band = dt.Box((para("別添資料 4", "label"), dt.Heading(0, (dt.Text("パネルディスカッション概要"),)), para("気候変動対策", "subtitle")), "band")
    boxes = tuple(
        dt.Box((dt.Paragraph((dt.Span("strong", (dt.Text(f"{n}．結論の見出し"),)),), "headline"), para(body)), "conclusion")
        for n, body in enumerate(bodies, start=1)
    )
    footer = dt.Box((para("出典：パネルディスカッション概要", "small"),), "footer")
    meta = dt.Meta("パネルディスカッション概要", "都市間連携", "環境省、イクレイ日本", "結論、都市")
    return dt.Document(lang, meta, (band, *boxes, *extra, footer), fit="one-page")


def action_doc(items: int, lang: str = "ja") -> dt.Document:
    """A flowing action list with sections, a nested list and a table with a header row."""
    actions = tuple(
        (para(f"行動{n}：相手都市の関心を把握し、現地の人と一緒に考える。", "action"), para("理由：" + CONCLUSIONS[n % 4], "rationale"))
        for n in range(1, items + 1)
    )
    table = dt.Table(
        ((dt.Cell((para("項目"),), True), dt.Cell((para("内容"),), True)),)
        + tuple((dt.Cell((para(f"行{n}"),)), dt.Cell((para(CONCLUSIONS[n % 4][:60]),))) for n in range(40)),
        (1, 4),
    )
    nested = dt.ListBlock(False, ((para("入れ子の一"),), (para("入れ子の二"), dt.ListBlock(True, ((para("さらに下"),),)))))
    blocks = (
        dt.Heading(0, (dt.Text("行動リスト：都市"),)),
        dt.Heading(1, (dt.Text("結論1：発信する"),)),
        dt.ListBlock(True, actions, "action"),
        dt.Heading(1, (dt.Text("一覧"),)),
        nested,
        table,
        dt.Heading(2, (dt.Text("注"),)),
        para("注記。"),
    )
    meta = dt.Meta("行動リスト：都市", "都市間連携", "イクレイ日本", "都市")
    return dt.Document(lang, meta, blocks, header=(dt.Text("別添資料 4"),), footer=(dt.Text("出典：概要"),))


@pytest.fixture(autouse=True, scope="module")
def private_font_cache(tmp_path_factory):
    """Font caches go to a folder of this module's own, never the user's home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


def render(document: dt.Document, resources: Resources | None = None) -> bytes:
    return pdf.render(document, resources or Resources())


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def squeezed(text: str) -> str:
    """Text without line breaks and spaces, to compare Japanese across line breaks."""
    return re.sub(r"\s+", "", text)


def stylesheet_folder(tmp_path: Path, body: str) -> Resources:
    """A templates folder holding only a pdf-style.toml with the bundled faces and ``body``."""
    faces = '[fonts]\ngothic = "BIZUDPGothic-Regular.ttf"\nmincho = "BIZUDPMincho-Regular.ttf"\n'
    (tmp_path / "pdf-style.toml").write_text(faces + body, encoding="utf-8")
    return Resources(tmp_path)


# --- one page means one page -------------------------------------------------------------


def test_one_pager_is_one_page_holding_every_conclusion():
    data = render(one_pager())
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = squeezed(page_texts(data)[0])
    for body in CONCLUSIONS:
        assert squeezed(body) in text


def chars_of(data: bytes, needle: str) -> list[dict]:
    """The characters of the first line that starts with ``needle``'s first character run."""
    with pdfplumber.open(io.BytesIO(data)) as doc:
        chars = doc.pages[0].chars
    text = "".join(c["text"] for c in chars)
    start = text.index(needle)
    return chars[start : start + len(needle)]


def test_an_oversized_one_pager_shrinks_until_it_fits():
    normal = chars_of(render(one_pager()), CONCLUSIONS[3][:10])[0]["size"]
    data = render(one_pager(tuple(body * 3 for body in CONCLUSIONS)))
    shrunk = chars_of(data, CONCLUSIONS[3][:10])[0]["size"]
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert shrunk < normal
    assert squeezed(CONCLUSIONS[0] * 3) in squeezed(page_texts(data)[0])


def test_a_one_pager_past_the_floor_says_by_how_much_it_overflows(tmp_path):
    # 90 lines at the 8 pt floor with a pitch of 1.5 need 1080 pt; the frame is A4 less 40 mm.
    resources = stylesheet_folder(tmp_path, "[text]\nfont = \"mincho\"\nsize = 10\nleading = 1.5\n[page]\nmargin-top-mm = 20\nmargin-bottom-mm = 20\n[fit]\nfloor = 8\nstep = 0.9\n")
    lines = tuple(node for _ in range(90) for node in (dt.Text("国"), dt.LineBreak()))
    document = dt.Document("ja", dt.Meta("t"), (dt.Paragraph(lines),), fit="one-page")
    over = math.ceil((90 * 8 * 1.5 / (A4_HEIGHT - 40 * MM) - 1) * 100)
    assert over == 49
    with pytest.raises(LayoutError) as caught:
        render(document, resources)
    assert str(caught.value) == "one-pager overflows one A4 page by 49% at the 8 pt floor"


def test_a_far_oversized_one_pager_is_refused_with_the_bundled_stylesheet():
    with pytest.raises(LayoutError) as caught:
        render(one_pager(tuple(body * 12 for body in CONCLUSIONS)))
    over = re.fullmatch(r"one-pager overflows one A4 page by (\d+)% at the 8 pt floor", str(caught.value))
    assert over and int(over.group(1)) > 100


def test_a_one_pager_refuses_a_page_break():
    with pytest.raises(LayoutError) as caught:
        render(one_pager(extra=(dt.PageBreak(),)))
    assert str(caught.value) == "a one-page document cannot hold a page break"


def test_the_one_pager_has_no_page_number():
    assert not re.search(r"\d+ / \d+", page_texts(render(one_pager()))[0])


# --- fonts ------------------------------------------------------------------------------


def font_dicts(data: bytes) -> list:
    """Every font dictionary a page or a form XObject of the document uses."""
    found = {}

    def visit(resources):
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            found[ref.idnum] = ref.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(data)).pages:
        visit(page.get("/Resources"))
    return list(found.values())


@pytest.mark.parametrize("document", [one_pager(), action_doc(30)], ids=["one-pager", "action list"])
def test_every_font_is_an_embedded_truetype_subset(document):
    fonts = font_dicts(render(document))
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType"
        assert re.fullmatch(r"/[A-Z]{6}\+BIZUDP(Gothic|Mincho)-(Regular|Bold)", font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert "/ToUnicode" in font


@needs_poppler
@pytest.mark.parametrize("document", [one_pager(), action_doc(30)], ids=["one-pager", "action list"])
def test_pdffonts_lists_only_embedded_subset_truetype_fonts(tmp_path, document):
    path = tmp_path / "out.pdf"
    path.write_bytes(render(document))
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, kind, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (kind, emb, sub, uni) == ("TrueType", "yes", "yes", "yes"), row
        assert re.fullmatch(r"[A-Z]{6}\+BIZUDP\w+-\w+", name), row


@pytest.fixture
def counted_parses(monkeypatch, tmp_path) -> list[str]:
    """The font files parsed from now on, with no font loaded yet and an empty cache."""
    parsed = []

    class Counting(pdf_fonts.TTFont):
        def __init__(self, name, path, **kwargs):
            parsed.append(Path(path).name)
            super().__init__(name, path, **kwargs)

    monkeypatch.setattr(pdf_fonts, "TTFont", Counting)
    monkeypatch.setattr(pdf_fonts, "_LOADED", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return parsed


def test_fonts_are_parsed_once_per_process(counted_parses):
    for document in (one_pager(), action_doc(5), one_pager(lang="en"), action_doc(5, "en")):
        render(document)
    assert sorted(counted_parses) == ["BIZUDPGothic-Bold.ttf", "BIZUDPGothic-Regular.ttf", "BIZUDPMincho-Regular.ttf"]


def test_cached_fonts_give_the_same_bytes_as_parsed_ones(monkeypatch, counted_parses, tmp_path):
    parsed_fresh = render(one_pager())
    assert len(list((tmp_path / "briefgen").glob("font-*.marshal"))) == len(counted_parses) > 0
    monkeypatch.setattr(pdf_fonts, "_LOADED", {})
    counted_parses.clear()
    assert render(one_pager()) == parsed_fresh
    assert counted_parses == []


@pytest.mark.parametrize("damage", [lambda b: b[:-100], lambda b: b[:40] + b"x" + b[41:], lambda b: b""])
def test_a_damaged_font_cache_means_parsing_again(monkeypatch, counted_parses, tmp_path, damage):
    parsed_fresh = render(one_pager())
    first = sorted(counted_parses)
    for path in (tmp_path / "briefgen").glob("font-*.marshal"):
        path.write_bytes(damage(path.read_bytes()))
    monkeypatch.setattr(pdf_fonts, "_LOADED", {})
    counted_parses.clear()
    assert render(one_pager()) == parsed_fresh
    assert sorted(counted_parses) == first


def test_an_unwritable_font_cache_is_no_error(counted_parses, tmp_path):
    (tmp_path / "briefgen").write_text("a file where the folder would be")
    assert len(PdfReader(io.BytesIO(render(one_pager()))).pages) == 1
    assert counted_parses


def test_the_fonts_and_their_licence_ship_in_the_package():
    files = sorted(p.name for p in fonts_dir().iterdir())
    assert files == ["BIZUDPGothic-Bold.ttf", "BIZUDPGothic-Regular.ttf", "BIZUDPMincho-Regular.ttf", "OFL.txt"]
    licence = (fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "Copyright 2022 The BIZ UDGothic Project Authors" in licence
    assert "Copyright 2022 The BIZ UDMincho Project Authors" in licence
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


# --- no character silently lost -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("今日は良い天気です😀また明日", "no font has U+1F600 '😀' (in: 今日は良い天気です😀また明日)"),
        ("吉野家の「𠮷」は土に口と書く吉で、常用漢字の吉とは字形が異なる文字である。", "no font has U+20BB7 '𠮷' (in: 吉野家の「𠮷」は土に口と書く吉で、常用漢字の吉とは字形が異な…)"),
        ("Arabic script: سلام", "no font has U+0633 'س' (in: Arabic script: سلام)"),
    ],
)
def test_a_character_no_font_has_is_reported(text, message):
    with pytest.raises(LayoutError) as caught:
        render(one_pager(bodies=(text,)))
    assert str(caught.value) == message


def test_a_character_the_face_lacks_falls_back_to_another_face(tmp_path):
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVu Sans is not installed: it stands in for a face without Japanese glyphs")
    shutil.copy(dejavu, tmp_path)
    (tmp_path / "pdf-style.toml").write_text(
        '[fonts]\nlatin = "DejaVuSans.ttf"\ngothic = "BIZUDPGothic-Regular.ttf"\n'
        '[text]\nfont = "latin"\n[fallback]\nfaces = ["gothic"]\n',
        encoding="utf-8",
    )
    data = render(dt.Document("ja", dt.Meta("t"), (para("Tokyo 東京 Ωmega"),)), Resources(tmp_path))
    with pdfplumber.open(io.BytesIO(data)) as doc:
        fonts = {c["text"]: c["fontname"].split("+")[1] for c in doc.pages[0].chars}
    assert fonts["T"] == fonts["Ω"] == "DejaVuSans"
    assert fonts["東"] == fonts["京"] == "BIZUDPGothic-Regular"


# --- text: escaping, kinsoku, alignment -----------------------------------------------------


def test_spans_and_line_breaks():
    nodes = (
        dt.Text("本文"),
        dt.Span("strong", (dt.Text("強調"),)),
        dt.Span("em", (dt.Text("注目"),)),
        dt.LineBreak(),
        dt.Span("cite", (dt.Text("根拠"),)),
    )
    lines = lines_of_chars(render(dt.Document("ja", dt.Meta("t"), (dt.Paragraph(nodes),))))
    assert ["".join(c["text"] for c in line) for line in lines] == ["本文強調注目", "根拠"]
    faces = {c["text"]: (c["fontname"].split("+")[1], round(c["size"], 2)) for line in lines for c in line}
    assert faces["本"] == ("BIZUDPMincho-Regular", 10)
    assert faces["強"] == ("BIZUDPGothic-Bold", 10)
    assert faces["注"] == ("BIZUDPGothic-Regular", 10)
    assert faces["根"] == ("BIZUDPGothic-Regular", 8.5)


def test_markup_in_text_prints_literally():
    literal = "<b>太字</b> & &amp; \"引用\" 'quote' <br/>"
    document = dt.Document("en", dt.Meta("t"), (para(literal), dt.Paragraph((dt.Span("em", (dt.Text("<i>"),)),))))
    text = page_texts(render(document))[0]
    assert literal in text
    assert "<i>" in text


def widths(text: str) -> list[float]:
    """Full-width characters 1 em wide, the others half."""
    return [1.0 if ord(c) > 0x2000 else 0.5 for c in text]


def kinsoku_violations(lines: list[str]) -> list[str]:
    return [line for line in lines if line and (line[0] in NO_START or line[-1] in NO_END)]


@pytest.mark.parametrize("measure", range(6, 41))
def test_the_breaker_keeps_kinsoku_on_the_source_text(measure):
    text = re.sub(r"[\s⚫]+", "", SOURCE.read_text(encoding="utf-8"))[:3000]
    breaker = Breaker(text, widths(text))
    lines = [text[line.start : line.end] for line in breaker.lines(measure, measure)]
    assert "".join(lines) == text
    assert kinsoku_violations(lines) == []
    assert all(sum(widths(line)) <= measure for line in lines)


@pytest.mark.parametrize(
    "text, measure, expected",
    [
        ("あいうえお。かきくけこさ", 5, ["あいうえ", "お。かきく", "けこさ"]),  # 。 takes お down with it
        ("あいうえお」。かきくけこさし", 6, ["あいうえ", "お」。かきく", "けこさし"]),
        ("あいうえ（かきくけこさし", 5, ["あいうえ", "（かきくけ", "こさし"]),  # （ never ends a line
        ("あいうデータかきくけこ", 4, ["あいう", "データか", "きくけこ"]),  # ー never starts one
        ("あいうえっとかきくけこ", 4, ["あいう", "えっとか", "きくけこ"]),  # nor does a small kana
        ("日本ICLEIのような", 4, ["日本", "ICLEIの", "ような"]),  # no break inside a word
        ("あいうえおかきくけこさ", 5, ["あいうえお", "かきく", "けこさ"]),  # a last line gets three characters
    ],
)
def test_the_breaker_moves_prohibited_characters(text, measure, expected):
    lines = Breaker(text, widths(text)).lines(measure, measure)
    assert [text[line.start : line.end] for line in lines] == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="あいう漢字、。「」（）ーっャ・！？ ab", min_size=1, max_size=80), st.integers(min_value=4, max_value=20))
def test_broken_lines_keep_every_character_within_the_measure(text, measure):
    lines = Breaker(text, widths(text)).lines(measure, measure)
    pieces = [text[line.start : line.end] for line in lines]
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert [line.start for line in lines] == sorted(line.start for line in lines)
    for piece in pieces:
        assert not piece.startswith(" ") and not piece.endswith(" ")
        assert sum(widths(piece)) <= measure or len(piece) == 1


def extracted_lines(data: bytes) -> list[str]:
    return [line for text in page_texts(data) for line in text.splitlines()]


def test_break_opportunities_are_worked_out_once_per_text():
    text = CONCLUSIONS[2]
    assert opportunities(text) is opportunities(text)
    assert opportunities(text) == opportunities.__wrapped__(text)


def test_typeset_lines_keep_kinsoku():
    body = re.sub(r"[\s⚫]+", "", SOURCE.read_text(encoding="utf-8"))[:4000]
    document = dt.Document("ja", dt.Meta("t"), tuple(para(body[i : i + 400]) for i in range(0, len(body), 400)))
    lines = extracted_lines(render(document))
    assert len(lines) > 60
    assert kinsoku_violations(lines) == []


def lines_of_chars(data: bytes) -> list[list[dict]]:
    with pdfplumber.open(io.BytesIO(data)) as doc:
        chars = doc.pages[0].chars
    rows: dict[float, list[dict]] = {}
    for char in chars:
        rows.setdefault(round(char["top"]), []).append(char)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


def test_japanese_is_justified():
    lines = lines_of_chars(render(dt.Document("ja", dt.Meta("t"), (para(CONCLUSIONS[0]),))))
    right = max(c["x1"] for line in lines for c in line)
    assert len(lines) >= 3
    for line in lines[:-1]:
        assert line[-1]["x1"] == pytest.approx(right, abs=0.3)
    assert lines[-1][-1]["x1"] < right - 20


def test_the_last_line_of_a_justified_paragraph_is_not_stretched():
    per_line = len(lines_of_chars(render(dt.Document("ja", dt.Meta("t"), (para("国" * 200),))))[0])
    lines = lines_of_chars(render(dt.Document("ja", dt.Meta("t"), (para("国" * (3 * per_line - 3)),))))
    assert [len(line) for line in lines] == [per_line, per_line, per_line - 3]
    gaps = [b["x0"] - a["x1"] for a, b in zip(lines[-1], lines[-1][1:])]
    assert max(gaps) == pytest.approx(0, abs=0.01)


def test_english_is_ragged_right_and_never_hyphenated():
    text = (
        "Because local governments have only limited human and financial resources for sustaining "
        "international initiatives on their own over many years, it is effective for them to make use of "
        "the opportunities for domestic and overseas stakeholders to meet, created by organisations with "
        "international networks such as ICLEI; supporting assistance from intermediaries is indispensable."
    )
    lines = lines_of_chars(render(dt.Document("en", dt.Meta("t"), (para(text),))))
    assert len(lines) >= 3
    assert " ".join("".join(c["text"] for c in line) for line in lines) == text
    ends = [line[-1]["x1"] for line in lines[:-1]]
    assert max(ends) - min(ends) > 5
    for line in lines:
        gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:])]
        assert max(gaps) == pytest.approx(0, abs=0.05)


def test_a_split_paragraph_keeps_each_character_in_its_ink():
    mincho, bold = (pdf_fonts._register((fonts_dir() / name).resolve()).fontName for name in ("BIZUDPMincho-Regular.ttf", "BIZUDPGothic-Bold.ttf"))
    plain, strong = Ink(mincho, 10, None), Ink(bold, 10, None)
    runs = [("あいう", plain), ("", strong), ("えお", plain), ("かきくけ", strong), ("こ", plain)]
    block = TextBlock.from_runs(runs, TextStyle(font="mincho"))
    assert (block.starts, block.inks) == ([0, 5, 9], [plain, strong, plain])
    assert list(block._pieces(2, 7)) == [("うえお", plain), ("かき", strong)]
    assert list(block._pieces(4, 4)) == []
    tail = block._part(6, 10, False, True)
    assert (tail.text, tail.starts, tail.inks) == ("きくけこ", [0, 3], [strong, plain])


# --- metadata, outline, determinism -----------------------------------------------------------


def test_metadata_and_language_are_set():
    for lang, tag in (("ja", "ja-JP"), ("en", "en-US")):
        reader = PdfReader(io.BytesIO(render(one_pager(lang=lang))))
        meta = reader.metadata
        assert (meta.title, meta.author, meta.subject) == ("パネルディスカッション概要", "環境省、イクレイ日本", "都市間連携")
        assert meta["/Keywords"] == "結論、都市"
        assert reader.trailer["/Root"]["/Lang"] == tag


def test_the_same_tree_gives_the_same_bytes(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = render(action_doc(10)), render(action_doc(10))
    assert first == second
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20000101000000")


def test_the_creation_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    assert PdfReader(io.BytesIO(render(one_pager()))).metadata["/CreationDate"].startswith("D:20260101000000")


def test_long_lists_paginate_with_header_page_numbers_and_outline():
    data = render(action_doc(60))
    texts = page_texts(data)
    total = len(texts)
    assert total >= 3
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {total}" in text
        assert text.splitlines()[0] == "別添資料 4"
    reader = PdfReader(io.BytesIO(data))
    top = reader.outline
    assert top[0].title == "行動リスト：都市"
    assert [top[1][0].title, top[1][1].title, top[1][2][0].title] == ["結論1：発信する", "一覧", "注"]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_header_row_of_a_long_table_repeats_on_every_page():
    pages = [text for text in page_texts(render(action_doc(60))) if re.search(r"行\d+", text)]
    assert len(pages) >= 2
    assert all("項目" in text and "内容" in text for text in pages)


def test_a_page_break_starts_a_new_page():
    texts = page_texts(render(dt.Document("ja", dt.Meta("t"), (para("前"), dt.PageBreak(), para("後")))))
    assert [text.splitlines()[0] for text in texts] == ["前", "後"]


def test_no_line_is_lost_when_a_paragraph_splits_across_pages():
    long = "".join(CONCLUSIONS) * 12
    data = render(dt.Document("ja", dt.Meta("t"), (para(long),)))
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
    assert squeezed(long) == squeezed("".join(re.sub(r"\d+ / \d+", "", t) for t in page_texts(data)))


# --- the stylesheet -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, message",
    [
        ('[text]\nfont = "mincho"\nsiz = 10\n', "[text]: unknown key 'siz'"),
        ('[text]\nfont = "mincho"\ncolor = "navy"\n', "[text]: color: expected a colour \"#rrggbb\" or \"none\", got 'navy'"),
        ('[text]\nfont = "serif"\n', "face 'serif' is not declared in [fonts]"),
        ('[text]\nfont = "mincho"\n[fit]\nstep = 1.2\n', "[fit]: step: expected a number between 0 and 1, got 1.2"),
        ('[text]\nfont = "mincho"\n[p.conclusion.in.band]\nalign = "middle"\n', "[p.conclusion.in.band]: align: expected one of left, right, center, justify, got 'middle'"),
        ('[text]\nsize = 10\n', "[text]: 'font' is missing"),
        ('[text]\nfont = "mincho"\nsize = 0\n', "[text]: size: expected a number > 0, got 0"),
        ('[text]\nfont = "mincho"\n[list]\nnumber = "{n}.{m}"\n', "[list]: number: expected text with {n} where the number goes, got '{n}.{m}'"),
        ('[text]\nfont = "mincho"\n[paragraph]\n', "unknown section [paragraph]"),
    ],
)
def test_a_bad_stylesheet_is_a_template_error(tmp_path, body, message):
    resources = stylesheet_folder(tmp_path, body)
    with pytest.raises(TemplateError) as caught:
        render(one_pager(), resources)
    assert str(caught.value) == f"{tmp_path / 'pdf-style.toml'}: {message}"


def test_a_missing_or_broken_font_file_is_a_template_error(tmp_path):
    (tmp_path / "pdf-style.toml").write_text('[fonts]\nmincho = "Missing.ttf"\n[text]\nfont = "mincho"\n', encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(one_pager(), Resources(tmp_path))
    assert str(caught.value) == f"Missing.ttf: font not found in {tmp_path}, {default_templates_dir()}, {fonts_dir()}"
    (tmp_path / "Missing.ttf").write_text("not a font", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(one_pager(), Resources(tmp_path))
    assert str(caught.value).startswith(f"{tmp_path / 'Missing.ttf'}: not a usable TrueType font: ")


# --- the real outputs ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_real_one_pager(session, lang):
    data = render_output(session, onepager(lang), Resources())
    assert len(data) <= 100 * 1024
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    for text in (page_texts(data)[0], reader.pages[0].extract_text()):
        for conclusion in session.summary.conclusions:
            assert squeezed(typeset(conclusion.text.text(lang), lang)) in squeezed(text)
    if lang == "ja":
        assert kinsoku_violations(extracted_lines(data)) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_real_action_lists(session, audience, lang):
    data = render_output(session, action_list(audience, lang), Resources())
    assert len(data) <= 120 * 1024
    assert all(font["/BaseFont"][7] == "+" for font in font_dicts(data))
    if lang == "ja":
        assert kinsoku_violations(extracted_lines(data)) == []


def test_briefgen_pdf_writes_the_one_pager_and_every_action_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    model = str(ROOT / "source" / "session.yaml")
    runner = CliRunner()
    for args in (["pdf", "--model", model], ["pdf", "--model", model, "--lang", "en"], ["pdf", "--model", model, "--audience", "all"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(["onepager.ja.pdf", "onepager.en.pdf", *(f"actions-{a}.ja.pdf" for a in AUDIENCES)])
    assert all(p.read_bytes().startswith(b"%PDF-") for p in (tmp_path / "out").iterdir())
