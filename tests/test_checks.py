"""The semantic checks: ids, references, coverage, numbering, traceability and corrections."""

from __future__ import annotations

from collections import Counter

import pytest

from briefgen.checks import nodes, references, statements
from briefgen.model import Bilingual, Conclusion, Point
from briefgen.sourcetext import SourceText, key
from conftest import SOURCE


def test_every_id_resolves_to_an_entity_of_the_kind_its_field_allows(session):
    entities = {node.id: node for _, node in nodes(session) if hasattr(node, "id")}
    found = list(references(nodes(session)))
    assert len(found) > 100
    assert all(isinstance(entities.get(ident), kinds) for _, ident, kinds in found)


def test_every_bullet_of_the_source_is_exactly_one_point(session):
    source = SourceText.read(SOURCE)
    bullets = [number for number, line in enumerate(source.lines, 1) if "⚫" in line]
    points = [node for _, node in nodes(session) if isinstance(node, Point)]
    assert len(bullets) == 17
    assert sorted(point.lead.lines[0] for point in points) == bullets
    for point in points:
        said, lead = key(source.lines[point.lead.lines[0] - 1].split("⚫", 1)[1]), key(point.lead.ja)
        assert said.startswith(lead) or lead.startswith(said), point.id


def test_every_text_has_english(session):
    texts = [node for _, node in nodes(session) if isinstance(node, Bilingual)]
    assert len(texts) > 100
    assert all(text.en.strip() for text in texts)


def test_every_correction_is_applied_to_the_one_statement_it_names(session):
    corrected = {correction.id: [] for correction in session.corrections}
    for _, statement in statements(session):
        for correction in session.corrections:
            if correction.find in statement.ja and statement.lines[0] <= correction.line <= statement.lines[1]:
                corrected[correction.id].append(statement)
    assert len(corrected) == 4
    for correction in session.corrections:
        [statement] = corrected[correction.id]
        assert statement.text("ja") == statement.ja.replace(correction.find, correction.replace)


def test_corrected_text_reads_context_not_contest(session):
    point = session.exchange[5].points[0]
    assert "コンテスト" in point.lead.ja
    assert "コンテクスト" in point.lead.text("ja")
    assert not any("コンテスト" in statement.text("ja") for _, statement in statements(session))
    assert point.lead.text("en") == point.lead.en


def test_every_conclusion_grounds_an_action_that_also_cites_a_point(session):
    kinds = {node.id: type(node) for _, node in nodes(session) if hasattr(node, "id")}
    cited = Counter(ident for action in session.actions for ident in action.evidence)
    assert all(cited[conclusion.id] for conclusion in session.summary.conclusions)
    for action in session.actions:
        assert {Conclusion, Point} <= {kinds[ident] for ident in action.evidence}, action.id


# Each case: text to replace, its replacement, text that starts on the line the problem is
# reported at (after the edit), and the problem's path and message.
CASES = {
    "unknown id": (
        "evidence: [c1, ex-2.p2]",
        "evidence: [c1, ex-12]",
        "evidence: [c1, ex-12]",
        "actions[14].evidence[1]: unknown id 'ex-12'",
    ),
    "unknown audience": (
        "- id: act-cities-5\n    audience: cities",
        "- id: act-cities-5\n    audience: ministries",
        "audience: ministries",
        "actions[9].audience: unknown audience 'ministries'",
    ),
    "unknown organisation": (
        "organisation: ibaraki-u",
        "organisation: tokyo-u",
        "organisation: tokyo-u",
        "people[0].organisation: unknown organisation 'tokyo-u'",
    ),
    "unknown material": ("materials: [mat-3]", "materials: [mat-9]", "materials: [mat-9]", "opening.presentations[2].materials[0]: unknown material 'mat-9'"),
    "unknown speaker": (
        "- id: ex-3.p1\n        speaker: p-yokohama",
        "- id: ex-3.p1\n        speaker: p-kyoto",
        "speaker: p-kyoto",
        "exchange[2].points[0].speaker: unknown person 'p-kyoto'",
    ),
    "unknown person asked": ("asked: [p-yokohama, p-saitama]", "asked: [p-yokohama, p-osaka]", "asked: [p-yokohama, p-osaka]", "exchange[7].asked[1]: unknown person 'p-osaka'"),
    "wrong kind of entity": ("moderator: p-iclei", "moderator: iclei-japan", "moderator: iclei-japan", "document.moderator: 'iclei-japan' is an organisation, expected a person"),
    "wrong kind of evidence": (
        "evidence: [ex-10.p1, ex-10.p2, ex-11.p1]",
        "evidence: [ex-10.p1, ex-10.p2, c1]",
        "evidence: [ex-10.p1, ex-10.p2, c1]",
        "summary.conclusions[3].evidence[2]: 'c1' is a conclusion, expected an exchange item or a point",
    ),
    "moderator who is a panelist": ("moderator: p-iclei", "moderator: p-ibaraki", "moderator: p-ibaraki", "document.moderator: 'p-ibaraki' has role 'panelist', expected 'moderator'"),
    "action without a conclusion": (
        "evidence: [c1, ex-2.p2]",
        "evidence: [ex-2.p1, ex-2.p2]",
        "evidence: [ex-2.p1, ex-2.p2]",
        "actions[14].evidence: evidence names no conclusion",
    ),
    "action without a point": ("evidence: [c1, ex-2.p2]", "evidence: [c1, c2]", "evidence: [c1, c2]", "actions[14].evidence: evidence names no point"),
    "conclusion that grounds no action": (
        "evidence: [c4, ex-10.p1, ex-10.p2, ex-11.p1]",
        "evidence: [c1, ex-10.p1, ex-10.p2, ex-11.p1]",
        "- id: c4",
        "summary.conclusions[3]: no action cites this conclusion as evidence",
    ),
    "point in no theme": (
        "points: [ex-11.p2, ex-11.p3]",
        "points: [ex-11.p2]",
        "- id: ex-11.p3",
        "exchange[10].points[2]: expected the point in exactly one theme, found none",
    ),
    "point in two themes": (
        "points: [ex-4.p1, ex-5.p1]",
        "points: [ex-4.p1, ex-5.p1, ex-3.p1]",
        "- id: ex-3.p1",
        "exchange[2].points[0]: expected the point in exactly one theme, found 't-continuity', 't-home'",
    ),
    "conclusions out of order": (
        "- id: c2\n      number: 2",
        "- id: c2\n      number: 3",
        "number: 3\n      headline:\n        ja: \"マッチング",
        "summary.conclusions[1].number: expected number 2, found 3",
    ),
    "exchange items out of order": (
        "- id: ex-4\n    number: 4",
        "- id: ex-4\n    number: 5",
        "number: 5\n    asked: [p-saitama]",
        "exchange[3].number: expected number 4, found 5",
    ),
    "statement altered": (
        "ICLEI のような国際的ネットワーク",
        "ICLEI などの国際的ネットワーク",
        '      text:\n        ja: "自治体単独で',
        "summary.conclusions[1].text: text does not match source lines 23-31",
    ),
    "statement on the wrong lines": (
        "lines: [23, 31]",
        "lines: [25, 31]",
        '      text:\n        ja: "自治体単独で',
        "summary.conclusions[1].text: text does not match source lines 25-31",
    ),
    "one-line statement altered": (
        "伊藤部長は、国際展開していく上での困難",
        "伊藤部長は、国際展開していく上での課題",
        '    question:\n      ja: "伊藤部長は',
        "exchange[2].question: text does not match source line 108",
    ),
    "missing source file": (
        "file: panel-discussion-summary.ja.txt",
        "file: missing.txt",
        "file: missing.txt",
        "document.source.file: cannot read source file 'missing.txt': no such file or directory",
    ),
    "correction that finds nothing": (
        'find: "コンテスト"',
        'find: "コンテクスト"',
        'find: "コンテクスト"',
        "corrections[2].find: 'コンテクスト' occurs 0 times in the statements covering line 155, expected once",
    ),
    "correction that finds too much": ('find: "コンテスト"', 'find: "現場"', 'find: "現場"', "corrections[2].find: '現場' occurs 3 times in the statements covering line 155, expected once"),
    "left for review": ('romanised: "Mimura"', "romanised: to-review", "romanised: to-review", "people[0].romanised: to review"),
    "correction on the wrong line": (
        "    line: 155\n",
        "    line: 75\n",
        'find: "コンテスト"',
        "corrections[2].find: 'コンテスト' occurs 0 times in the statements covering line 75, expected once",
    ),
}


@pytest.mark.parametrize("old, new, anchor, problem", CASES.values(), ids=CASES.keys())
def test_a_semantic_error_gives_one_located_problem(model, old, new, anchor, problem):
    model.replace(old, new)
    assert model.problems() == [model.at(model.line_of(anchor), problem)]


def test_a_duplicate_id_names_the_first_definition(model):
    first = model.line_of("- id: act-cities-4")
    second = model.replace("- id: act-cities-5", "- id: act-cities-4")
    assert model.problems() == [model.at(second, f"actions[9].id: duplicate id 'act-cities-4' (first defined at line {first})")]


def test_a_source_that_is_not_text_is_one_problem(model):
    source = model.path.parent / SOURCE.name
    source.write_bytes(source.read_text(encoding="utf-8").encode("utf-16"))
    line = model.line_of("file: panel-discussion-summary.ja.txt")
    reason = "not a text file (binary data)"
    assert model.problems() == [model.at(line, f"document.source.file: cannot read source file '{SOURCE.name}': {reason}")]



def test_every_semantic_problem_is_reported(model):
    audience = model.replace("- id: act-cities-5\n    audience: cities", "- id: act-cities-5\n    audience: ministries") + 1
    text = model.line_of('      text:\n        ja: "自治体単独で')
    model.replace("ICLEI のような国際的ネットワーク", "ICLEI などの国際的ネットワーク")
    unknown = model.replace("evidence: [c1, ex-2.p2]", "evidence: [c1, ex-12]")
    assert model.problems() == [
        model.at(text, "summary.conclusions[1].text: text does not match source lines 23-31"),
        model.at(audience, "actions[9].audience: unknown audience 'ministries'"),
        model.at(unknown, "actions[14].evidence[1]: unknown id 'ex-12'"),
    ]
