"""Typographic normalisation: full-width brackets in Japanese, curly quotes in English."""

from __future__ import annotations

import pytest

from briefgen.typeset import typeset


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('act as "translators": conveying', "act as “translators”: conveying"),
        ("Japan's strength; cities' experience", "Japan’s strength; cities’ experience"),
        ('an unpaired " stays', 'an unpaired " stays'),
        ("a (b) [c] 日本(語)", "a (b) [c] 日本(語)"),
    ],
)
def test_english_quotes_are_curled_and_nothing_else_changes(text, expected):
    assert typeset(text, "en") == expected
