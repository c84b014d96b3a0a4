"""Compose: the bundled templates against the real session model, and every template error."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from briefgen.compose import _environment, compose
from briefgen.doctree import Box, Document, Heading, LineBreak, ListBlock, Paragraph, Span, Table, Text, plain_text
from briefgen.errors import BriefgenError, TemplateError
from briefgen.loader import load_session
from briefgen.model import Action, Bilingual, Session, Statement
from briefgen.resources import Resources, default_templates_dir
from briefgen.treexml import parse
from briefgen.typeset import typeset

ROOT = Path(__file__).resolve().parents[1]
AUDIENCES = ("national", "cities", "intermediaries")
LANGS = ("ja", "en")
LITERAL = "<b>bold</b> &amp; **strong** {{ x }} {% raw %} 1. <!-- note --> ]]> &lt;"


@pytest.fixture(scope="module")
def session() -> Session:
    return load_session(ROOT / "source" / "session.yaml")


def blocks_of(document: Document):
    """Every block of the document, depth first, boxes, list items and cells included."""
    def walk(blocks):
        for block in blocks:
            yield block
            if isinstance(block, Box):
                yield from walk(block.blocks)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    yield from walk(item)
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        yield from walk(cell.blocks)

    return list(walk(document.blocks))


def paragraphs(document: Document, role: str | None = "any") -> list[str]:
    return [plain_text(b.children) for b in blocks_of(document) if isinstance(b, Paragraph) and role in ("any", b.role)]


def headings(document: Document, level: int) -> list[str]:
    return [plain_text(b.children) for b in blocks_of(document) if isinstance(b, Heading) and b.level == level]


def user_templates(tmp_path: Path, **files: str) -> Resources:
    """A user templates folder holding ``files``, by name."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Resources(tmp_path)


def minimal(body: str) -> str:
    """A brief template whose third line is ``body``."""
    return f'<document lang="{{{{ lang }}}}">\n<meta title="t"/>\n{body}\n</document>\n'


def compose_error(session: Session, resources: Resources, kind: str = "brief") -> str:
    with pytest.raises(TemplateError) as error:
        compose(session, kind, "en", resources)
    return str(error.value)


# --- every output -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("kind", "audience", "fit"), [("brief", None, "flow"), ("onepager", None, "one-page")] + [("actions", a, "flow") for a in AUDIENCES])
def test_every_kind_composes_in_both_languages(session, kind, audience, fit, lang):
    document = compose(session, kind, lang, Resources(), audience=audience)
    assert (document.lang, document.fit) == (lang, fit)
    assert headings(document, 0) and document.meta.title
    assert document.meta.author == ("、" if lang == "ja" else ", ").join(o.name.text(lang) for o in session.organisations)


@pytest.mark.parametrize("lang", LANGS)
def test_onepager_holds_each_conclusion_headline_and_full_text_in_a_box(session, lang):
    document = compose(session, "onepager", lang, Resources())
    boxes = [b for b in document.blocks if isinstance(b, Box)]
    assert [b.role for b in boxes] == ["band", "conclusion", "conclusion", "conclusion", "conclusion", "footer"]
    number = "{}．" if lang == "ja" else "{}. "
    for box, conclusion in zip(boxes[1:5], session.summary.conclusions):
        headline, text = (plain_text(b.children) for b in box.blocks)
        assert headline == number.format(conclusion.number) + conclusion.headline.text(lang)
        assert text == typeset(conclusion.text.text(lang), lang)


def test_onepager_footer_names_source_organisations_panellists_and_moderator(session):
    document = compose(session, "onepager", "en", Resources())
    assert document.blocks[-1].role == "footer"
    source, organisations, panellists, moderator = paragraphs(document, "small")
    assert source == "Source: " + session.document.source.title.en
    assert organisations == "Participating organisations: " + ", ".join(o.name.en for o in session.organisations)
    assert panellists.startswith("Panellists: Specially Appointed Professor Mimura (Ibaraki University), ")
    assert all(p.display_name("en") in panellists for p in session.people if p.role == "panelist")
    assert moderator == "Moderator: Secretary General Uchida (ICLEI Japan)"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_action_list_holds_exactly_its_audiences_actions(session, audience, lang):
    document = compose(session, "actions", lang, Resources(), audience=audience)
    own = [a for a in session.actions if a.audience == audience]
    assert sorted(paragraphs(document, "action")) == sorted(a.text.text(lang) for a in own)
    assert len(paragraphs(document, "rationale")) == len(paragraphs(document, "evidence")) == len(own)
    everything = "\n".join(paragraphs(document))
    assert not [a.id for a in session.actions if a.audience != audience and a.text.text(lang) in everything]
    name = next(a.name.text(lang) for a in session.audiences if a.id == audience)
    assert name in headings(document, 0)[0]


@pytest.mark.parametrize("lang", LANGS)
def test_action_list_opens_with_the_conclusions_headlines_in_a_context_box(session, lang):
    document = compose(session, "actions", lang, Resources(), audience="cities")
    context = next(b for b in document.blocks if isinstance(b, Box))
    assert context.role == "context"
    headlines = [plain_text(b.children) for b in context.blocks if b.role == "headline"]
    assert [h[-len(c.headline.text(lang)):] for h, c in zip(headlines, session.summary.conclusions)] == [
        c.headline.text(lang) for c in session.summary.conclusions
    ]


def test_action_list_groups_actions_under_the_first_conclusion_each_cites(session):
    document = compose(session, "actions", "en", Resources(), audience="national")
    groups = {}
    for action in session.actions:
        if action.audience == "national":
            first = next(e for e in action.evidence if e.startswith("c"))
            groups.setdefault(int(first[1:]), []).append(action.text.en)
    assert headings(document, 1) == [
        f"Conclusion {c.number}: {c.headline.en}" for c in session.summary.conclusions if c.number in groups
    ]
    lists = [b for b in document.blocks if isinstance(b, ListBlock)]
    assert [[plain_text(item[0].children) for item in block.items] for block in lists] == [groups[n] for n in sorted(groups)]


def test_action_list_of_500_actions_composes_every_action_once(session):
    many = session.model_copy(deep=True)
    many.actions = [
        Action(
            id=f"act-many-{n}",
            audience="cities",
            text=Bilingual(ja=f"行動{n}", en=f"Action {n}"),
            rationale=Bilingual(ja=f"理由{n}", en=f"Rationale {n}"),
            evidence=[f"c{n % 4 + 1}", "ex-3.p1"],
        )
        for n in range(500)
    ]
    document = compose(many, "actions", "en", Resources(), audience="cities")
    assert len(headings(document, 1)) == 4
    assert sorted(paragraphs(document, "action")) == sorted(f"Action {n}" for n in range(500))


@pytest.mark.parametrize("lang", LANGS)
def test_brief_holds_every_conclusion_and_action_text(session, lang):
    document = compose(session, "brief", lang, Resources())
    text = paragraphs(document)
    for conclusion in session.summary.conclusions:
        assert typeset(conclusion.text.text(lang), lang) in text
    assert paragraphs(document, "action") == [typeset(a.text.text(lang), lang) for a in session.actions]
    why = "理由：" if lang == "ja" else "Rationale: "
    assert paragraphs(document, "rationale") == [why + typeset(a.rationale.text(lang), lang) for a in session.actions]


def test_brief_sections_header_and_participants_table(session):
    document = compose(session, "brief", "en", Resources())
    assert headings(document, 1) == [
        "Key messages", "Background", "Main discussion points", "Recommendations by audience", "Participants", "Sources",
    ]
    assert headings(document, 2)[-5:] == [a.name.en for a in session.audiences] + ["Materials cited by the panel", "How this brief was prepared"]
    assert plain_text(document.header) == session.document.attachment_label.en
    table = next(b for b in blocks_of(document) if isinstance(b, Table))
    assert len(table.rows) == 1 + len(session.people)
    assert all(cell.header for cell in table.rows[0])
    assert [plain_text(c.blocks[0].children) for c in table.rows[-1]] == ["Uchida", "Secretary General", "ICLEI Japan", "Moderator"]


def test_brief_attributes_each_point_above_it_to_its_exchange_item_and_speaker(session):
    cites = paragraphs(compose(session, "brief", "en", Resources()), "attribution")
    assert "II.5 · Counsellor 行木 (Ministry of the Environment)" in cites
    assert "II.7 · Specially Appointed Professor Mimura (Ibaraki University)" in cites
    ja = paragraphs(compose(session, "brief", "ja", Resources()))
    lead = typeset(session.exchange[4].points[0].lead.text("ja"), "ja")
    assert ja[ja.index("II.5 · 行木参事官（環境省）") + 1] == lead


def test_brief_lists_each_correction_and_names_the_source(session):
    text = paragraphs(compose(session, "brief", "en", Resources()))
    assert any(session.document.source.file in t and session.document.source.title.en in t for t in text)
    for fix in session.corrections:
        assert f"Line {fix.line}: “{fix.find}” → “{fix.replace}”. {fix.why.en}" in text


def test_action_evidence_names_each_conclusion_and_exchange_citation_once(session):
    edited = session.model_copy(deep=True)
    edited.actions[0].evidence = ["c2", "ex-10.p1", "ex-10.p2", "ex-3.p1"]
    document = compose(edited, "brief", "en", Resources())
    expected = (
        "Evidence: Conclusion 2; II.10 · Counsellor 行木 (Ministry of the Environment); II.3 · Director General Ito (City of Yokohama)"
    )
    evidence = [b.children for b in blocks_of(document) if isinstance(b, Paragraph) and b.role == "evidence"]
    assert [children for children in evidence if plain_text(children) == expected] == [(Span("cite", (Text(expected),)),)]


# --- model text ---------------------------------------------------------------------------


def test_corrected_text_is_used(session):
    text = paragraphs(compose(session, "brief", "ja", Resources()))
    assert any("現場のコンテクストに読み替える" in t for t in text)
    assert [t for t in text if "コンテスト" in t] == [t for t in text if t.startswith("155行目")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("教訓(成功や失敗の要因など)を分析", "教訓（成功や失敗の要因など）を分析"),
        ("三村特命教授(茨城大学)、", "三村特命教授（茨城大学）、"),
        ("資料[1]を参照", "資料［1］を参照"),
        ("実績が紹介された(別添資料 2)。", "実績が紹介された（別添資料 2）。"),
        ("ICLEI (Local Governments for Sustainability) は", "ICLEI (Local Governments for Sustainability) は"),
        ("括弧(の閉じない文", "括弧(の閉じない文"),
        ("「翻訳」と“翻訳”", "「翻訳」と“翻訳”"),
    ],
)
def test_half_width_brackets_by_japanese_text_become_full_width(text, expected):
    assert typeset(text, "ja") == expected


def test_english_text_is_not_typeset(session):
    assert typeset("a (b) [c] 日本(語)", "en") == "a (b) [c] 日本(語)"
    en = paragraphs(compose(session, "brief", "en", Resources()))
    assert session.summary.conclusions[0].text.en in en


def test_brief_typesets_model_brackets_in_japanese(session):
    text = paragraphs(compose(session, "brief", "ja", Resources()))
    assert any(t.startswith("冒頭、三村特命教授（茨城大学）、") for t in text)
    assert not any("(" in t or ")" in t for t in text if t.startswith("冒頭、"))


@pytest.mark.parametrize("lang", LANGS)
def test_markup_characters_in_model_text_come_out_literally(session, lang):
    edited = session.model_copy(deep=True)
    conclusion = edited.summary.conclusions[0]
    conclusion.text = Statement(ja=LITERAL, en=LITERAL, lines=conclusion.text.lines)
    conclusion.headline = Bilingual(ja=LITERAL, en=LITERAL)
    edited.actions[0].text = Bilingual(ja=LITERAL, en=LITERAL)
    onepager = compose(edited, "onepager", lang, Resources())
    assert paragraphs(onepager)[3] == LITERAL
    assert paragraphs(onepager, "headline")[0].endswith(LITERAL)
    assert LITERAL in paragraphs(compose(edited, "brief", lang, Resources()), "action")
    actions = compose(edited, "actions", lang, Resources(), audience=edited.actions[0].audience)
    assert LITERAL in paragraphs(actions, "action")
    assert any(h.endswith(LITERAL) for h in headings(actions, 1))


def test_model_text_stays_text_where_a_template_turns_autoescaping_off(session, tmp_path):
    edited = session.model_copy(deep=True)
    edited.document.title = Bilingual(ja=LITERAL, en=LITERAL)
    template = minimal("{% autoescape false %}<p>{{ session.document.title | t }}</p>{% endautoescape %}")
    assert paragraphs(compose(edited, "brief", "en", user_templates(tmp_path, **{"brief.xml.j2": template}))) == [LITERAL]


def test_same_model_gives_the_same_tree(session):
    assert compose(session, "brief", "ja", Resources()) == compose(session.model_copy(deep=True), "brief", "ja", Resources())


# --- template errors ----------------------------------------------------------------------


def test_misspelt_field_names_template_line_and_field(session, tmp_path):
    template = minimal("{% for c in session.summary.conclusions %}\n<p>{{ c.headlin | t }}</p>\n{% endfor %}")
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:4: undefined: 'briefgen.model.Conclusion object' has no attribute 'headlin'"


def test_syntax_error_names_template_and_line(session, tmp_path):
    template = minimal("<p>{{ session.document.title | t }</p>")
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:3: template syntax error: unexpected '}'"


def test_syntax_error_in_a_shared_file_names_that_file(session, tmp_path):
    message = compose_error(session, user_templates(tmp_path, **{"_labels.xml.j2": '{% set key_messages = {"ja": "x" %}\n'}))
    assert message == "_labels.xml.j2:1: template syntax error: unexpected '}'"


def test_sandbox_refuses_reaching_into_python(session, tmp_path):
    template = minimal("<p>{{ ''.__class__.__mro__ }}</p>")
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:3: template not allowed: access to attribute '__class__' of 'str' object is unsafe."


def test_model_private_state_is_out_of_reach(session, tmp_path):
    template = minimal("<p>{{ session.summary.intro._corrected }}</p>")
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:3: template not allowed: access to attribute '_corrected' of 'Statement' object is unsafe."


def test_missing_template_is_reported_with_the_folders_searched(session):
    with pytest.raises(TemplateError) as error:
        compose(session, "memo", "en", Resources())
    assert str(error.value) == f"memo.xml.j2: template not found in {default_templates_dir()}"


def test_missing_imported_template_names_the_importing_line(session, tmp_path):
    resources = user_templates(tmp_path, **{"brief.xml.j2": minimal('{% import "_nope.xml.j2" as n %}')})
    message = compose_error(session, resources)
    assert message == f"brief.xml.j2:3: template not found: _nope.xml.j2 (searched {tmp_path}, {default_templates_dir()})"


def test_unknown_id_is_undefined_where_used(session, tmp_path):
    template = minimal('<p>{{ person("nobody").name }}</p>')
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:3: undefined: no person with id 'nobody'"


def test_any_other_failure_in_a_template_names_its_line(session, tmp_path):
    template = minimal('<p>{{ 1 + "a" }}</p>')
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:3: template error: TypeError: unsupported operand type(s) for +: 'int' and 'str'"


def test_action_that_cites_no_conclusion_cannot_be_grouped(session):
    edited = session.model_copy(deep=True)
    edited.actions[0].evidence = ["ex-3.p1", "ex-5.p1"]
    lines = (default_templates_dir() / "actions.xml.j2").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "action_groups(audience)" in text)
    with pytest.raises(TemplateError) as error:
        compose(edited, "actions", "en", Resources(), audience=edited.actions[0].audience)
    assert str(error.value) == f"actions.xml.j2:{line}: template error: ValueError: action '{edited.actions[0].id}' cites no conclusion"


def test_printing_none_is_an_error_not_the_word_none(session, tmp_path):
    template = minimal('<p>{{ person("p-moe").romanised }}</p>')
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": template}))
    assert message == "brief.xml.j2:3: undefined: the value is None: the model has nothing to print here"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("<div>x</div>", "rendered XML line 3: unknown element <div>"),
        ('<p class="x">x</p>', "rendered XML line 3: <p> has no attribute 'class'"),
        ("<p><h1>x</h1></p>", "rendered XML line 3: <h1> is not allowed here"),
        ("loose words", "rendered XML line 2: text outside a paragraph after <meta>: 'loose words'"),
        ('<table widths="2,x"><tr><td>a</td></tr></table>', "rendered XML line 3: <table> widths must be positive numbers separated by commas, not '2,x'"),
    ],
)
def test_rendered_xml_outside_the_vocabulary_is_an_error_naming_the_template(session, tmp_path, body, problem):
    message = compose_error(session, user_templates(tmp_path, **{"brief.xml.j2": minimal("{% autoescape false %}" + body + "{% endautoescape %}")}))
    assert message == f"brief.xml.j2: {problem}"


def test_rendered_xml_that_is_not_well_formed_is_an_error_naming_the_template(session, tmp_path):
    resources = user_templates(tmp_path, **{"brief.xml.j2": minimal("<p>a & b</p>")})
    assert compose_error(session, resources).startswith("brief.xml.j2: rendered XML line 3: not well-formed: ")


def test_unknown_audience_is_an_error(session):
    with pytest.raises(BriefgenError) as error:
        compose(session, "actions", "en", Resources(), audience="press")
    assert str(error.value) == "no audience 'press' in the model (it has national, cities, intermediaries)"


def test_user_folder_overrides_one_file_and_the_rest_come_from_the_defaults(session, tmp_path):
    labels = (default_templates_dir() / "_labels.xml.j2").read_text(encoding="utf-8")
    assert '"en": "Key messages"' in labels
    resources = user_templates(tmp_path, **{"_labels.xml.j2": labels.replace('"en": "Key messages"', '"en": "For ministers"')})
    document = compose(session, "brief", "en", resources)
    assert headings(document, 1)[:2] == ["For ministers", "Background"]
    assert headings(compose(session, "brief", "en", Resources()), 1)[0] == "Key messages"


def test_templates_compiled_by_one_process_serve_the_next_until_they_change(session, tmp_path, monkeypatch):
    """A fresh process is stood for by a fresh environment; the cache lives in the user cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    resources = user_templates(folder, **{"brief.xml.j2": minimal("<p>first</p>")})
    assert paragraphs(compose(session, "brief", "en", resources)) == ["first"]
    assert list((tmp_path / "cache" / "briefgen").glob("template-*.jinja"))
    _environment.cache_clear()
    compiled = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert paragraphs(compose(session, "brief", "en", resources)) == ["first"]
    monkeypatch.setattr(jinja2.Environment, "compile", compiled)
    _environment.cache_clear()
    (folder / "brief.xml.j2").write_text(minimal("<p>second</p>"), encoding="utf-8")
    assert paragraphs(compose(session, "brief", "en", resources)) == ["second"]


# --- the XML vocabulary -------------------------------------------------------------------


def test_layout_whitespace_is_dropped_and_inline_content_makes_a_paragraph():
    document = parse(
        '<document lang="en"><meta title="T"/>\n  <p>\n    a  <em>b</em>\n    c<br/>\n d </p>\n'
        "<ul>\n  <li>\n    item <strong>one</strong>\n  </li>\n  <li><p>x</p><p>y</p></li>\n</ul></document>",
        "t.xml.j2",
    )
    paragraph, items = document.blocks
    assert paragraph.children == (Text("a  "), Span("em", (Text("b"),)), Text(" c"), LineBreak(), Text("d"))
    assert items.items == (
        (Paragraph((Text("item "), Span("strong", (Text("one"),)))),),
        (Paragraph((Text("x"),)), Paragraph((Text("y"),))),
    )
    assert (document.meta.title, document.fit, document.header) == ("T", "flow", ())
