"""The Word writer and its reference document: page setup, fonts, styles, lists, tables,
properties, reproducible bytes, errors; the real brief through the CLI; LibreOffice round trip."""

from __future__ import annotations

import io
import runpy
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length
from docx.text.paragraph import Paragraph as WordParagraph
from pypdf import PdfReader

from briefgen.cli import main as cli
from briefgen.doctree import (
    Box,
    Cell,
    Document,
    Heading,
    LineBreak,
    ListBlock,
    Meta,
    PageBreak,
    Paragraph,
    Span,
    Table,
    Text,
)
from briefgen.errors import OutputError, TemplateError
from briefgen.resources import Resources
from briefgen.writers import docx as writer

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "templates" / "reference.docx"
MINCHO, GOTHIC = "BIZ UD明朝 Medium", "BIZ UDゴシック"
MARKUP = "<b>a</b> & \"q\" 'a' ]]> &amp; 〈和〉"


def para(*nodes, role=None) -> Paragraph:
    return Paragraph(tuple(Text(n) if isinstance(n, str) else n for n in nodes), role)


def items(*texts: str) -> tuple:
    return tuple((para(text),) for text in texts)


def doc(*blocks, lang="ja", header=(), footer=()) -> Document:
    meta = Meta(title="概要 <1> & \"2\"", subject="都市間連携", author="環境省", keywords="気候, 都市")
    return Document(lang=lang, meta=meta, blocks=tuple(blocks), header=header, footer=footer)


def render(document: Document, resources: Resources | None = None) -> bytes:
    return writer.render(document, resources or Resources())


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


@pytest.fixture(autouse=True)
def no_source_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def sample() -> bytes:
    """A tree with every node kind, rendered once (without SOURCE_DATE_EPOCH)."""
    tree = doc(
        Box((para("別添資料 4", role="label"), Heading(0, (Text("表題"),))), role="band"),
        Heading(1, (Text("見出し1"),)),
        Heading(2, (Text("見出し2"),)),
        Heading(3, (Text("見出し3"),)),
        para("本文", Span("em", (Text("強調"),)), Span("strong", (Text("重要"),)),
             Span("cite", (Text("［II.5］"),)), LineBreak(), "二行目"),
        para(MARKUP, role="evidence"),
        para("役割なし", role="no-such-role"),
        PageBreak(),
        para("改ページ後"),
        header=(Text("別添資料 4"),),
        footer=(Text("出典"),),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return render(tree)


# --- the reference document -------------------------------------------------------------


def test_reference_is_what_its_build_script_makes():
    script = runpy.run_path(str(ROOT / "tools" / "make_reference_docx.py"), run_name="make_reference_docx")
    assert script["build"]() == REFERENCE.read_bytes()


def test_page_is_a4_portrait_with_25_mm_margins(sample):
    section = read(sample).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [25, 25, 25, 25]


@pytest.mark.parametrize(
    "style, east_asian, latin",
    [("Normal", MINCHO, "Times New Roman"), ("Title", GOTHIC, "Arial"), ("Heading 1", GOTHIC, "Arial"),
     ("Heading 2", GOTHIC, "Arial"), ("Heading 3", GOTHIC, "Arial"), ("List Bullet", MINCHO, "Times New Roman"),
     ("List Number", MINCHO, "Times New Roman"), ("Table Grid", MINCHO, "Times New Roman"),
     *[(name, MINCHO, "Times New Roman") for name in ("Action", "Rationale", "Evidence", "Note", "Context", "Small")],
     *[(name, GOTHIC, "Arial") for name in ("Subtitle", "Label", "Headline", "Conclusion", "Band")]],
)
def test_styles_name_their_east_asian_and_latin_fonts(sample, style, east_asian, latin):
    fonts = read(sample).styles[style].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == east_asian
    assert (fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi"))) == (latin, latin)


def test_document_defaults_name_fonts_and_languages(sample):
    rPr = read(sample).styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == MINCHO
    assert rPr.find(qn("w:rFonts")).get(qn("w:asciiTheme")) is None
    lang = rPr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-GB", "ja-JP")


def test_font_table_lets_word_substitute_japanese_faces(sample):
    fonts = {font.get(qn("w:name")): font for font in parse_xml(part(sample, "word/fontTable.xml"))}
    for name, alt, family in ((MINCHO, "BIZ UDMincho", "roman"), (GOTHIC, "BIZ UDGothic", "modern")):
        font = fonts[name]
        assert font.find(qn("w:altName")).get(qn("w:val")) == alt
        assert font.find(qn("w:charset")).get(qn("w:val")) == "80"
        assert font.find(qn("w:family")).get(qn("w:val")) == family
        assert font.find(qn("w:pitch")).get(qn("w:val")) == "fixed"
        assert len(font.find(qn("w:panose1")).get(qn("w:val"))) == 20


def test_nothing_of_the_default_template_is_left(sample):
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        text = b"".join(package.read(name) for name in package.namelist())
    for leftover in ("ＭＳ 明朝", "ＭＳ ゴシック", "python-docx", "2013-12-23", "Macintosh", "Letter"):
        assert leftover.encode() not in text
    theme = part(sample, "word/theme/theme1.xml").decode()
    for latin, east_asian in (("Arial", GOTHIC), ("Times New Roman", MINCHO)):
        assert f'<a:latin typeface="{latin}"/>' in theme and f'script="Jpan" typeface="{east_asian}"' in theme


def test_headings_have_outline_levels(sample):
    styles = read(sample).styles
    levels = [styles[f"Heading {n}"].element.pPr.outlineLvl.val for n in (1, 2, 3)]
    assert levels == [0, 1, 2]


def test_every_role_style_is_in_the_reference():
    styles = docx.Document(str(REFERENCE)).styles
    kinds = {style.name: style.type for style in styles}
    for role, names in writer.ROLE_STYLES.items():
        assert kinds.get(names.paragraph) == WD_STYLE_TYPE.PARAGRAPH, role
        assert names.frame is None or kinds.get(names.frame) == WD_STYLE_TYPE.TABLE, role


# --- body ------------------------------------------------------------------------------


def test_headings_map_to_title_and_heading_styles(sample):
    styles = [p.style.name for p in read(sample).paragraphs if p.text.startswith("見出し")]
    assert styles == ["Heading 1", "Heading 2", "Heading 3"]
    band = read(sample).tables[0]
    assert [p.style.name for p in band.cell(0, 0).paragraphs] == ["Label", "Title"]


def test_roles_take_their_style_and_unknown_roles_normal(sample):
    by_text = {p.text: p.style.name for p in read(sample).paragraphs}
    assert by_text[MARKUP] == "Evidence"
    assert by_text["役割なし"] == "Normal"


def test_spans_take_character_styles_and_breaks_are_breaks(sample):
    paragraph = next(p for p in read(sample).paragraphs if p.text.startswith("本文"))
    styled = {run.text: run.style.name for run in paragraph.runs if run.text}
    assert styled["強調"] == "Emphasis" and styled["重要"] == "Strong" and styled["［II.5］"] == "Citation"
    assert paragraph.text == "本文強調重要［II.5］\n二行目"
    assert paragraph._p.xpath("count(.//w:br)") == 1


def test_markup_characters_are_literal_text(sample):
    word = read(sample)
    assert MARKUP in [p.text for p in word.paragraphs]
    assert word.core_properties.title == "概要 <1> & \"2\""


def test_page_break_starts_the_next_paragraph_on_a_new_page(sample):
    paragraph = next(p for p in read(sample).paragraphs if p.text == "改ページ後")
    assert paragraph.paragraph_format.page_break_before is True


def test_body_of_the_reference_is_replaced(tmp_path):
    reference = docx.Document(str(REFERENCE))
    reference.add_paragraph("REFERENCE PLACEHOLDER")
    path = tmp_path / "reference.docx"
    reference.save(str(path))
    word = read(render(doc(para("本文")), Resources(overrides={"reference.docx": path})))
    assert [p.text for p in word.paragraphs] == ["本文"]
    assert word.sections[0].footer.paragraphs[0]._p.xpath("count(.//w:fldSimple)") == 1



@pytest.mark.parametrize("text", ["plain", " lead", "trail ", "\u3000全角\u3000", "a\tb\t", "a\nb", "a\r\nb\r",
                                  "\t \n", " a\tb \n c "])
def test_run_text_is_set_as_python_docx_run_text_sets_it(text):
    expected = WordParagraph(parse_xml(f'<w:p {nsdecls("w")}/>'), None).add_run()
    expected.text = text
    run = writer.add_run(parse_xml(f'<w:p {nsdecls("w")}/>'), None)
    writer.set_run_text(run, text)
    assert run.xml == expected._r.xml


def test_paragraphs_go_before_the_section_properties_in_order(sample):
    body = read(sample).element.body
    assert body[-1].tag == qn("w:sectPr")
    assert [p.text for p in read(render(doc(para("一"), para("二"), para("三")))).paragraphs] == ["一", "二", "三"]


# --- lists -----------------------------------------------------------------------------


def numbering_of(paragraph) -> tuple[int, int]:
    numPr = paragraph._p.pPr.numPr
    return numPr.numId.val, numPr.ilvl.val


def test_each_ordered_list_restarts_and_bullets_share_the_style_numbering():
    word = read(render(doc(
        ListBlock(True, items("一", "二")),
        para("間"),
        ListBlock(True, items("三", "四")),
        ListBlock(False, items("点一")),
        ListBlock(False, items("点二")),
    )))
    paragraphs = {p.text: p for p in word.paragraphs}
    first, second = numbering_of(paragraphs["一"])[0], numbering_of(paragraphs["三"])[0]
    assert numbering_of(paragraphs["二"])[0] == first != second
    numbering = word.part.numbering_part.element
    for num_id in (first, second):
        override = numbering.num_having_numId(num_id).xpath("w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val")
        assert override == ["1"]
    bullet_style_num = word.styles["List Bullet"].element.pPr.numPr.numId.val
    assert numbering_of(paragraphs["点一"])[0] == numbering_of(paragraphs["点二"])[0] == bullet_style_num
    assert [paragraphs[t].style.name for t in ("一", "点一")] == ["List Number", "List Bullet"]


def test_list_items_keep_roles_nest_and_indent_further_paragraphs():
    item = (para("行動", role="action"), para("理由", role="rationale"), ListBlock(False, items("入れ子")))
    word = read(render(doc(ListBlock(True, (item,)))))
    paragraphs = {p.text: p for p in word.paragraphs}
    assert paragraphs["行動"].style.name == "Action"
    assert numbering_of(paragraphs["行動"])[1] == 0
    assert paragraphs["理由"].style.name == "Rationale"
    assert paragraphs["理由"]._p.pPr.numPr is None
    assert paragraphs["理由"].paragraph_format.left_indent.twips == 420  # the level's text indent
    assert numbering_of(paragraphs["入れ子"])[1] == 1



def test_new_numbering_instances_take_the_lowest_free_ids_as_python_docx_does():
    ours, theirs = (parse_xml(f'<w:numbering {nsdecls("w")}><w:num w:numId="1"><w:abstractNumId w:val="7"/>'
                              '</w:num><w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>'
                              '<w:numIdMacAtCleanup w:val="3"/></w:numbering>') for _ in range(2))
    numbering = writer.Numbering(ours)
    assert [numbering.restarted(3, 0) for _ in range(3)] == [2, 4, 5]
    for _ in range(3):
        theirs.add_num(8).add_lvlOverride(ilvl=0).add_startOverride(1)
    assert ours.xml == theirs.xml
    assert ours[-1].tag == qn("w:numIdMacAtCleanup")


# --- tables and boxes --------------------------------------------------------------------


def test_table_has_style_widths_and_repeated_header_row():
    rows = ((Cell((para("名"),), True), Cell((para("所属"),), True)),
            (Cell((para("伊藤"),)), Cell((para("横浜市"), ListBlock(False, items("研修"))))))
    word = read(render(doc(Table(rows, widths=(1, 3)))))
    table = word.tables[0]
    assert table.style.name == "Table Grid"
    widths = [column.width for column in table.columns]
    assert widths[1] == 3 * widths[0]
    assert round(Length(sum(widths)).mm) == 160  # the text width
    header, body = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert body._tr.trPr.find(qn("w:tblHeader")) is None
    assert body._tr.trPr.find(qn("w:cantSplit")) is not None
    assert [p.style.name for p in header.cells[0].paragraphs] == ["Table Heading"]
    assert [p.text for p in body.cells[1].paragraphs] == ["横浜市", "研修"]
    assert [p.paragraph_format.keep_with_next for p in header.cells[0].paragraphs] == [True]
    assert [p.paragraph_format.keep_with_next for p in body.cells[1].paragraphs] == [None, None]


def test_boxes_are_one_cell_tables_in_the_role_style():
    word = read(render(doc(Box((para("背景"),), role="context"), Box((para("枠"),)))))
    context, plain = word.tables
    assert (context.style.name, plain.style.name) == ("Context Box", "Box")
    assert [p.text for p in context.cell(0, 0).paragraphs] == ["背景"]
    assert len(context.rows) == len(context.columns) == 1


# --- header, footer, properties ------------------------------------------------------------


def test_header_holds_the_header_text(sample):
    header = read(sample).sections[0].header
    assert [p.text for p in header.paragraphs] == ["別添資料 4"]
    assert header.paragraphs[0].style.name == "Header"


def test_footer_has_the_footer_text_and_a_centred_page_field(sample):
    footer = read(sample).sections[0].footer
    text, page = footer.paragraphs
    assert text.text == "出典"
    assert page._p.xpath("./w:fldSimple/@w:instr") == [" PAGE "]
    assert page.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_core_properties_come_from_the_tree_and_nothing_else(sample):
    properties = read(sample).core_properties
    assert (properties.title, properties.subject, properties.author, properties.keywords) == (
        "概要 <1> & \"2\"", "都市間連携", "環境省", "気候, 都市")
    assert (properties.language, properties.last_modified_by, properties.revision) == ("ja-JP", "環境省", 1)
    assert (properties.created, properties.modified, properties.comments) == (None, None, "")


def test_english_document_is_tagged_english():
    assert read(render(doc(para("text"), lang="en"))).core_properties.language == "en-GB"


def test_source_date_epoch_dates_the_document(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    properties = read(render(doc(para("本文")))).core_properties
    expected = datetime(2023, 11, 14, 22, 13, 20)
    assert properties.created.replace(tzinfo=None) == properties.modified.replace(tzinfo=None) == expected


def test_bad_source_date_epoch_is_an_output_error(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(OutputError) as caught:
        render(doc(para("本文")))
    assert str(caught.value) == "SOURCE_DATE_EPOCH: not a number of seconds since 1970: 'yesterday'"


# --- reproducible bytes ------------------------------------------------------------------


def test_same_tree_gives_identical_bytes(sample):
    tree = doc(para("一"), ListBlock(True, items("a")), Table(((Cell((para("b"),)),),)))
    assert render(tree) == render(tree)
    with zipfile.ZipFile(io.BytesIO(sample)) as package:
        infos = package.infolist()
    assert [info.filename for info in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert [info.filename for info in infos[2:]] == sorted(info.filename for info in infos[2:])


# --- errors ------------------------------------------------------------------------------


def reference_without(tmp_path: Path, *names: str) -> Path:
    reference = docx.Document(str(REFERENCE))
    for name in names:
        element = reference.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "house.docx"
    reference.save(str(path))
    return path


def test_reference_lacking_a_needed_style_is_named(tmp_path):
    path = reference_without(tmp_path, "Heading 2", "Heading 3")
    tree = doc(Heading(1, (Text("一"),)), Heading(2, (Text("二"),)))
    with pytest.raises(TemplateError) as caught:
        render(tree, Resources(overrides={"reference.docx": path}))
    assert str(caught.value) == f"{path}: reference document lacks style 'Heading 2'"


def test_every_missing_style_is_reported_before_rendering(tmp_path):
    path = reference_without(tmp_path, "Citation", "Table Grid")
    tree = doc(para(Span("cite", (Text("II.1"),))), Table(((Cell((para("x"),)),),)))
    with pytest.raises(TemplateError) as caught:
        render(tree, Resources(overrides={"reference.docx": path}))
    assert str(caught.value).splitlines() == [
        f"{path}: reference document lacks style 'Citation'",
        f"{path}: reference document lacks style 'Table Grid'",
    ]


def test_list_style_without_numbering_is_named(tmp_path):
    reference = docx.Document(str(REFERENCE))
    pPr = reference.styles["List Number"].element.pPr
    pPr.remove(pPr.numPr)
    path = tmp_path / "house.docx"
    reference.save(str(path))
    with pytest.raises(TemplateError) as caught:
        render(doc(ListBlock(True, items("一"))), Resources(overrides={"reference.docx": path}))
    assert str(caught.value) == f"{path}: reference document's style 'List Number' has no list numbering"


def test_missing_role_style_falls_back_to_normal(tmp_path):
    path = reference_without(tmp_path, "Evidence")
    word = read(render(doc(para("根拠", role="evidence")), Resources(overrides={"reference.docx": path})))
    assert word.paragraphs[0].style.name == "Normal"


@pytest.mark.parametrize("content", [b"not a zip at all", None], ids=["text", "zip"])
def test_reference_that_is_not_a_word_document(tmp_path, content):
    path = tmp_path / "reference.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("hello.txt", "not Word")
    else:
        path.write_bytes(content)
    with pytest.raises(OutputError) as caught:
        render(doc(para("本文")), Resources(overrides={"reference.docx": path}))
    assert str(caught.value) == f"{path}: not a Word document (.docx)"


# --- the real brief ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, Path]:
    """The bundled model's brief in both languages, written by ``briefgen docx``."""
    folder = tmp_path_factory.mktemp("briefs")
    made = {}
    for lang in ("ja", "en"):
        out = folder / f"brief.{lang}.docx"
        args = ["docx", "--model", str(ROOT / "source" / "session.yaml"), "--lang", lang, "-o", str(out)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        made[lang] = out
    return made


@pytest.mark.parametrize("lang, title, label", [("ja", "パネルディスカッション概要", "別添資料 4"),
                                                ("en", "Summary of the Panel Discussion", "Attachment 4")])
def test_real_brief(briefs, lang, title, label):
    word = docx.Document(str(briefs[lang]))
    assert word.paragraphs[0].style.name == "Title" and word.paragraphs[0].text == title
    assert word.sections[0].header.paragraphs[0].text == label
    assert word.core_properties.title == title
    assert word.core_properties.language == writer.LANGUAGE_TAGS[lang]
    used = {p.style.name for p in word.paragraphs}
    assert {"Heading 1", "Heading 2", "List Number", "Headline", "Evidence"} <= used
    assert word.tables and word.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_real_brief_is_reproducible(tmp_path):
    made = []
    for name in ("first.docx", "second.docx"):
        args = ["docx", "--model", str(ROOT / "source" / "session.yaml"), "-o", str(tmp_path / name)]
        assert CliRunner().invoke(cli, args).exit_code == 0
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]


# --- LibreOffice -----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_brief_to_pdf(briefs, tmp_path):
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(tmp_path), str(briefs["ja"])]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    pdf = PdfReader(tmp_path / "brief.ja.pdf")
    assert len(pdf.pages) >= 2
    assert "パネルディスカッション概要" in pdf.pages[0].extract_text()
