"""Whatever summary-like text it is given, ingest refuses it cleanly or drafts only traceable text."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.ingest import IngestError, ingest
from briefgen.ingest.text import decode, source_lines
from briefgen.sourcetext import SourceText

FRAGMENTS = [
    "【総括】", "【まとめ】", "I. 冒頭発表", " II. 意見交換", "第１ 意見交換", " 1. ", " １０．", "2)", " ⚫ ", " ・ ", "- 3 -",
    " 別添資料 4 ", "（了）", "", " ", "横浜市伊藤部長は、", "加藤 OECC 理事", "(茨城大学)", "三村特命教授からは、",
    "①脱炭素、②排出、③発信の 3点", "(1)調査、(2)育成", "ア．農業、イ．防災", "について報告があった。", "問われ、次のように応じた。",
    "日本 の 都市", "（進行役：イクレイ日本内田事務局長）", "発表資料 1-2", "ICLEI", "network", "。", "、", "　", "\t",
    "伊藤部長（横浜市）からは、", "横浜市とさいたま市の担当官は、", "以上", "Ⅲ．", "\f",
]  # fmt: skip
lines = st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join), min_size=1, max_size=25)


def statements(value: object) -> list[dict]:
    if isinstance(value, dict):
        own = [value] if "lines" in value else []
        return own + [s for item in value.values() for s in statements(item)]
    return [s for item in value for s in statements(item)] if isinstance(value, list) else []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=lines)
def test_every_drafted_statement_stands_in_its_lines(tmp_path: Path, lines: list[str]):
    path = tmp_path / "summary.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        draft = yaml.safe_load(ingest(path).yaml)
    except IngestError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
        return
    source = SourceText(path, source_lines(decode(path.read_bytes(), str(path))))
    for statement in statements(draft):
        assert statement["ja"].strip() and source.holds(statement["ja"], *statement["lines"]), statement
