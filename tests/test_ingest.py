"""briefgen ingest on the bundled source text: the draft has the structure of the bundled model.

Texts are compared through ``sourcetext.key``, so spacing choices do not matter; what only
a person writes (English, headlines, ids of people and organisations) is not compared.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

import pytest
import yaml

from briefgen.errors import ModelError
from briefgen.ingest import ingest
from briefgen.loader import load_session
from briefgen.sourcetext import key

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source" / "panel-discussion-summary.ja.txt"
MODEL = ROOT / "source" / "session.yaml"


@pytest.fixture(scope="module")
def draft() -> dict:
    return yaml.safe_load(ingest(SOURCE).yaml)


@pytest.fixture(scope="module")
def bundled() -> dict:
    return yaml.safe_load(MODEL.read_text(encoding="utf-8"))


def _names(model: dict) -> dict[str, str]:
    return {person["id"]: person["name"] for person in model["people"]}


def _statement(statement: dict) -> tuple[str, list[int]]:
    return key(statement["ja"]), statement["lines"]


def _passage(passage: Optional[dict]) -> Optional[tuple]:
    if passage is None:
        return None
    tail = passage.get("tail")
    items = [_statement(item) for item in passage.get("items", [])]
    return _statement(passage["lead"]), items, _statement(tail) if tail else None


def _people(model: dict) -> list[tuple]:
    organisations = {o["id"]: (o["name"]["ja"], o["group"]) for o in model["organisations"]}
    return [
        (p["name"], p["title"]["ja"], organisations[p["organisation"]], p["group"], p["role"])
        for p in model["people"]
    ]


def _opening(model: dict) -> tuple:
    names = _names(model)
    labels = {m["id"]: (m["label"]["ja"], names[m["presenter"]]) for m in model["materials"]}
    presentations = [
        (names[p["presenter"]], _passage(p.get("report")), [labels[m] for m in p.get("materials", [])])
        for p in model["opening"]["presentations"]
    ]
    return _statement(model["opening"]["intro"]), presentations


def _exchange(model: dict) -> list[tuple]:
    names = _names(model)
    return [
        (
            item["id"],
            item["number"],
            [names[ident] for ident in item["asked"]],
            _statement(item["question"]),
            [(p["id"], names[p["speaker"]], _passage(p)) for p in item["points"]],
        )
        for item in model["exchange"]
    ]


def test_people_have_the_bundled_names_titles_organisations_groups_and_roles(draft, bundled):
    assert _people(draft) == _people(bundled)


def test_organisations_are_the_bundled_ones_with_their_groups(draft, bundled):
    def organisations(model: dict) -> set[tuple[str, str]]:
        return {(o["name"]["ja"], o["group"]) for o in model["organisations"]}

    assert organisations(draft) == organisations(bundled)


def test_summary_has_the_bundled_intro_and_conclusions(draft, bundled):
    def summary(model: dict) -> tuple:
        conclusions = [(c["id"], c["number"], _statement(c["text"])) for c in model["summary"]["conclusions"]]
        return _statement(model["summary"]["intro"]), conclusions

    assert summary(draft) == summary(bundled)


def test_opening_has_the_bundled_presenters_reports_and_materials(draft, bundled):
    assert _opening(draft) == _opening(bundled)


def test_materials_have_the_bundled_ids(draft, bundled):
    assert [m["id"] for m in draft["materials"]] == [m["id"] for m in bundled["materials"]]


@pytest.mark.parametrize("index", range(11))
def test_exchange_item_has_the_bundled_asked_question_and_points(draft, bundled, index):
    assert len(draft["exchange"]) == len(bundled["exchange"])
    assert _exchange(draft)[index] == _exchange(bundled)[index]


def test_document_names_the_bundled_moderator_title_and_label(draft, bundled):
    def document(model: dict) -> tuple:
        info = model["document"]
        return _names(model)[info["moderator"]], info["title"]["ja"], key(info["attachment_label"]["ja"])

    assert document(draft) == document(bundled)


def test_what_only_a_person_writes_is_marked_for_review(draft):
    person, conclusion = draft["people"][0], draft["summary"]["conclusions"][0]
    assert (person["romanised"], person["title"]["en"]) == ("to-review", "to-review")
    assert (conclusion["headline"], conclusion["text"]["en"]) == ({"ja": "to-review", "en": "to-review"}, "to-review")
    assert draft["document"]["subject"] == {"ja": "to-review", "en": "to-review"}
    assert [theme["points"] for theme in draft["themes"]] == [[p[0] for item in _exchange(draft) for p in item[4]]]


def test_account_counts_what_the_draft_holds():
    assert ingest(SOURCE).account == (
        f"{SOURCE}: 4 conclusions, 3 presentations, 11 exchange items, 17 points, 6 people; "
        "123 to review; not placed: none"
    )


def test_validate_finds_no_schema_or_traceability_problem_in_the_draft(tmp_path):
    shutil.copy(SOURCE, tmp_path / SOURCE.name)
    target = tmp_path / "draft.yaml"
    target.write_text(ingest(tmp_path / SOURCE.name, target).yaml, encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        load_session(target)
    left = {problem.message for problem in raised.value.problems}
    assert left == {"no action cites this conclusion as evidence", "to review"}
