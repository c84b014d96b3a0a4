"""Find the people of a summary: surname and title, with their organisation where it is named.

Summaries name a participant in a few set ways: 三村特命教授(茨城大学), 横浜市伊藤部長,
横浜市の伊藤部長, 加藤 OECC 理事, イクレイ日本内田事務局長, or by surname and title alone
once introduced. A title found in the text anchors each mention; the surname is the run of
kanji before it, cut after an organisation's ending (…市, …省, …日本).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

TITLES = (
    "特命教授", "特任教授", "名誉教授", "准教授", "教授", "講師", "助教", "主任研究員", "上席研究員", "研究員",
    "事務総長", "事務局長", "局長", "部長", "次長", "課長補佐", "課長", "室長", "係長",
    "参事官", "審議官", "理事長", "理事", "副知事", "知事", "副市長", "市長", "町長", "村長",
    "区長", "所長", "センター長", "会長", "社長", "委員長", "大臣", "政務官",
)  # fmt: skip
_TITLE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))
_KANJI_RUN = re.compile(r"[一-龥々]+$")
_LATIN_ORG = r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Za-z][A-Za-z0-9&.\-]*)*"
_ORG = re.compile(
    rf"{_LATIN_ORG}|[ァ-ヶーA-Za-z]+(?:日本|ジャパン)|[ァ-ヶー]{{2,}}"
    r"|[一-龥々ぁ-んァ-ヶー]*(?:市|県|町|村|区|都|府|省|庁|大学院|大学|機構|協会|研究所|センター|財団)"
)
_ORG_ENDINGS = ("市", "県", "町", "村", "区", "都", "府", "省", "庁", "大学", "大学院", "日本")
_NAME_THEN_LATIN_ORG = re.compile(rf"([一-龥々]{{1,4}})\s*({_LATIN_ORG})\s*$")
_PAREN_ORG = re.compile(r"\s*[（(]([^（）()]{1,20})[）)]")
_PARTICLES = ("及び", "並びに", "と", "や", "の", "は", "が", "も", "を", "に", "で")
_WORD_CHAR = re.compile(r"[一-龥々ぁ-んァ-ヶーA-Za-z0-9]")
_NAME_LENGTHS = (2, 3, 1, 4)  # most surnames have two kanji
_NOT_NAMES = {"同", "両", "各", "当", "本", "前", "元", "新", "全", "現", "担当"}
_MODERATOR = re.compile(r"(?:進行役|司会者?|モデレーター|コーディネーター|ファシリテーター)\s*[：:は]?\s*$")
_SPEAKS = re.compile(r"\s*(?:からは|より|は|：|:)")
_CONNECTIVE = re.compile(r"(?:また|次に|続いて|さらに|最後に)、?")


@dataclass(frozen=True)
class Mention:
    """Where a text names a person (from the organisation, if named before, to the title)."""

    start: int
    end: int
    name: str
    title: str
    organisation: Optional[str]


def find_mentions(text: str) -> list[Mention]:
    """Every person the text names by surname and title, in order."""
    mentions = []
    for title in _TITLE.finditer(text):
        mention = _mention_at(text, title)
        if mention is not None and mention.name not in _NOT_NAMES:
            mentions.append(mention)
    return mentions


def _mention_at(text: str, title: re.Match) -> Optional[Mention]:
    """The mention whose title is ``title``: surname before it, organisation around it."""
    head = text[: title.start()]
    run = _KANJI_RUN.search(head)
    name = _surname(run.group()) if run else None
    if name is None:
        latin = _NAME_THEN_LATIN_ORG.search(head)
        if latin is None:
            return None
        name, organisation, start = latin.group(1), latin.group(2), latin.start()
    else:
        start = title.start() - len(name)
        organisation, start = _organisation_before(text, start) or (None, start)
    end = title.end()
    paren = _PAREN_ORG.match(text, end)
    if paren and _ORG.fullmatch(paren.group(1).strip()):
        organisation, end = paren.group(1).strip(), paren.end()
    return Mention(start, end, name, title.group(), organisation)


def _surname(run: str) -> Optional[str]:
    """The surname at the end of a kanji run, cut after an organisation's ending if any."""
    cuts = [0] + [i for i in range(1, len(run)) if run[:i].endswith(_ORG_ENDINGS)]
    names = [run[cut:] for cut in cuts if len(run) - cut in _NAME_LENGTHS]
    return min(names, key=lambda name: _NAME_LENGTHS.index(len(name)), default=None)


def _organisation_before(text: str, end: int) -> Optional[tuple[str, int]]:
    """The shortest organisation name that ends just before ``end`` (の or a space between)."""
    head = re.sub(r"(?:の|\s)+$", "", text[:end])
    for start in range(len(head) - 1, max(-1, len(head) - 20), -1):
        if _ORG.fullmatch(head[start:]) and _starts_word(head, start):
            return head[start:], start
    return None


def _starts_word(text: str, start: int) -> bool:
    """Whether a word may start at ``start``: after punctuation, a particle or a change of script."""
    if start == 0 or not _WORD_CHAR.match(text[start - 1]) or text[:start].endswith(_PARTICLES):
        return True
    return text[start - 1].isascii() != text[start].isascii()


def moderates(text: str, mention: Mention) -> bool:
    """Whether the text names the person as the moderator (進行役：…, 司会は…)."""
    return bool(_MODERATOR.search(text[: mention.start]))


def opening_mention(text: str) -> Optional[Mention]:
    """The person a passage opens with as its speaker: 伊藤部長（横浜市）からは、…"""
    connective = _CONNECTIVE.match(text)
    offset = connective.end() if connective else 0
    mentions = find_mentions(text)
    if mentions and mentions[0].start == offset and _SPEAKS.match(text, mentions[0].end):
        return mentions[0]
    return None


def group_of(organisation: str) -> Optional[str]:
    """The stakeholder group an organisation's name makes clear, else None."""
    if re.search(r"(?:省|庁|政府|内閣府?)$", organisation):
        return "national_government"
    if re.search(r"大学院?$", organisation):
        return "academia"
    if re.search(r"ICLEI|イクレイ|OECC|ネットワーク", organisation, re.IGNORECASE):
        return "intermediary"
    if re.search(r"[市県町村区都府道]$", organisation):
        return "city"
    return None
