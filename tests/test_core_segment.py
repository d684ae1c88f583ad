"""Segmentation: the seed against a hand-made gold list, round trips, rules, invariants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, SEED, run_cli
from workbench.segment import segment_text, unwrap
from workbench.segment.rules import CHINESE, ENGLISH, Rule
from workbench.segment.segmenter import break_positions

GOLD = DATA / "seed.gold.txt"


def test_seed_matches_the_gold_list(seed_text: str) -> None:
    gold = GOLD.read_text(encoding="utf-8").splitlines()
    assert [s.text for s in segment_text(seed_text, "zh-Hant").segments] == gold


def test_seed_paragraphs_are_its_lines(seed_text: str) -> None:
    doc = segment_text(seed_text, "zh-Hant")
    lines = [ln for ln in seed_text.split("\n") if ln.strip()]
    assert [" ".join(s.text for s in para) for para in doc.paragraphs()] == [
        " ".join(s.text for s in segment_text(ln, "zh-Hant").segments) for ln in lines
    ]
    assert [s.line for s in doc.segments][:3] == [1, 2, 4]


@pytest.mark.parametrize("text", [
    "第一段。第二句！\r\n\r\n\u3000\u3000第二段？\r\n",
    "沒有最後的換行。",
    "\n\n開頭有空行。\n",
    "標題\n\n\n正文第一句。第二句。\n\n",
    "  \t  ",
    "",
])
def test_round_trip_is_byte_for_byte(text: str) -> None:
    assert segment_text(text, "zh-Hant").join() == text


def test_seed_round_trip(seed_text: str) -> None:
    assert segment_text(seed_text, "zh-Hant").join() == seed_text


@pytest.mark.parametrize(("text", "expected"), [
    ("他說：「走吧！」她笑了。", ["他說：「走吧！」", "她笑了。"]),
    ("真的嗎？！當然。", ["真的嗎？！", "當然。"]),
    ("他走了……她哭了。", ["他走了……", "她哭了。"]),
    # English titles and abbreviations right after a Han character (no space, no \b)
    ("美國總統Mr. Smith與Dr. Brown會面。", ["美國總統Mr. Smith與Dr. Brown會面。"]),
    ("水果，例如e.g. Apple 和 Banana。下一句。", ["水果，例如e.g. Apple 和 Banana。", "下一句。"]),
    # an ellipsis opening a paragraph or a quotation ends no sentence
    ("…… 他終於說話了。", ["…… 他終於說話了。"]),
    ("他說：「……我不知道。」她哭了。", ["他說：「……我不知道。」", "她哭了。"]),
    ("「……」他沉默了。", ["「……」", "他沉默了。"]),
    ("全區47.04萬名黨員。2萬余名黨員！", ["全區47.04萬名黨員。", "2萬余名黨員！"]),
    ("太方便了!”次仁說。", ["太方便了!”", "次仁說。"]),
    ("好! 走吧", ["好!", "走吧"]),
    ("版權所有????藏ICP備18000039號-1????", ["版權所有????藏ICP備18000039號-1????"]),
    ("一、二；三，四：五", ["一、二；三，四：五"]),
    ("《玉麥，我永遠的家》獲獎。（完）", ["《玉麥，我永遠的家》獲獎。", "（完）"]),
    ("他說 Hello. 然後走了。", ["他說 Hello. 然後走了。"]),
    ("引文 Mr. Smith went home. He slept. 完。", ["引文 Mr. Smith went home.", "He slept. 完。"]),
    ("第3.5版 e.g. 例子。", ["第3.5版 e.g. 例子。"]),
])
def test_chinese_rules(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment_text(text, "zh-Hant").segments] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("It costs $4.50 today. Fine.", ["It costs $4.50 today.", "Fine."]),
    ("Use e.g. apples. Or i.e. pears.", ["Use e.g. apples.", "Or i.e. pears."]),
    ("J. R. R. Tolkien wrote it. Yes.", ["J. R. R. Tolkien wrote it.", "Yes."]),
    ("The U.S. Army came. He left the U.S. He came back.",
     ["The U.S. Army came.", "He left the U.S.", "He came back."]),
    ('"Really?" she asked. (It was.) Done!', ['"Really?" she asked.', "(It was.)", "Done!"]),
    ("Wait... and see. Then go.", ["Wait... and see.", "Then go."]),
    ("See Fig. 3 and No. 5. Next.", ["See Fig. 3 and No. 5.", "Next."]),
])
def test_english_rules(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment_text(text, "en").segments] == expected


def test_blank_line_paragraphs_join_wrapped_lines() -> None:
    text = "A sentence that\nwraps. Another one.\n\nNew paragraph.\n"
    doc = segment_text(text, "en", "blank")
    assert [s.text for s in doc.segments] == ["A sentence that\nwraps.", "Another one.",
                                              "New paragraph."]
    assert [s.paragraph for s in doc.segments] == [0, 0, 1]
    assert doc.join() == text


def test_rules_are_data() -> None:
    assert all(isinstance(r, Rule) for r in CHINESE + ENGLISH)
    assert any(not r.breaks for r in ENGLISH)  # exceptions before breaks, SRX-style


_ALPHABET = "。！？!?.,、；：“”「」《》（）… \n\r\t\u3000黨員隊伍ab XYZ0123456789'\""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200), st.sampled_from(["zh-Hant", "zh-Hans", "en"]),
       st.sampled_from(["line", "blank"]))
def test_segmentation_loses_no_character(text: str, lang: str, mode: str) -> None:
    doc = segment_text(text, lang, mode)
    assert doc.join() == text
    for seg in doc.segments:
        assert seg.text and seg.text == seg.text.strip()
    assert all(s.before == "" for s in doc.segments[1:])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET + "….!?Mr.e.g", max_size=120),
       st.sampled_from([CHINESE, ENGLISH]))
def test_breaks_are_exactly_srx(text: str, rules: tuple[Rule, ...]) -> None:
    """The fast break finder agrees with SRX read literally: at every position, the first
    rule whose `before` ends there and whose `after` starts there decides."""
    import re

    expected = []
    for pos in range(1, len(text)):
        for rule in rules:
            if re.search(f"(?:{rule.before})\\Z", text[:pos], re.M) and \
                    re.match(rule.after, text[pos:], re.M):
                if rule.breaks:
                    expected.append(pos)
                break
    assert [p for p in break_positions(text, rules) if p < len(text)] == expected


@pytest.mark.timeout(20)
@pytest.mark.parametrize("text", [".", "a.", "!?", "。”", "U.S.", '說："好。"'])
def test_pathological_runs_stay_linear(text: str) -> None:
    for lang in ("en", "zh-Hant"):
        assert segment_text(text * 20_000 + " x\n", lang).join() == text * 20_000 + " x\n"


def test_cli_json_round_trip(tmp_path: Path) -> None:
    result = run_cli("segment", str(SEED), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    segments = json.loads(result.stdout)
    assert {"text", "after", "paragraph"} <= set(segments[0])
    rebuilt = "".join(s["before"] + s["text"] + s["after"] for s in segments)
    assert rebuilt == SEED.read_bytes().decode("utf-8")


def test_cli_crlf_json_round_trip(tmp_path: Path) -> None:
    path = DATA / "core" / "crlf.txt"
    result = run_cli("segment", str(path), "--json", "--lang", "zh-Hant", cwd=tmp_path)
    segments = json.loads(result.stdout)
    assert "".join(s["before"] + s["text"] + s["after"] for s in segments).encode() == \
        path.read_bytes()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_blank_line_paragraphs_with_any_line_ending(newline: str) -> None:
    text = newline.join(["It was a", "sunny day. The end", "came.", "", "Next one.", ""])
    doc = segment_text(text, "en", "blank")
    assert [s.unit_text for s in doc.segments] == ["It was a sunny day.", "The end came.",
                                                   "Next one."]
    assert [s.paragraph for s in doc.segments] == [0, 0, 1]
    assert doc.join() == text


def test_unwrap_joins_chinese_without_spaces() -> None:
    assert unwrap("被硬換行\n切成兩行。") == "被硬換行切成兩行。"
    assert unwrap("It has two\n   sentences.") == "It has two sentences."
    assert unwrap("中文 and\r\nEnglish") == "中文 and English"
    assert unwrap("no break") == "no break"


def test_units_hold_unwrapped_sentences(project_dir: Path) -> None:
    (project_dir / "seeds" / "wrapped.txt").write_text(
        "這是一個很長的句子，被硬換行\n切成兩行。第二句。\n", encoding="utf-8")
    with (project_dir / "workbench.toml").open("a", encoding="utf-8") as f:
        f.write('paragraphs = "blank"\n')
    assert run_cli("init", cwd=project_dir).returncode == 0
    pot = (project_dir / "locale" / "wrapped.pot").read_text(encoding="utf-8")
    assert 'msgid "這是一個很長的句子，被硬換行切成兩行。"' in pot


def test_blank_mode_starts_a_paragraph_at_list_items_and_clauses() -> None:
    text = ("標題\n- 列表一\n- 列表二\n\n第一條　本法適用於\n全國。\n第二條　其他。\n"
            "（一）甲；\n（二）乙。\n")
    doc = segment_text(text, "zh-Hant", "blank")
    assert [(s.paragraph, s.unit_text) for s in doc.segments] == [
        (0, "標題"), (1, "- 列表一"), (2, "- 列表二"), (3, "第一條　本法適用於全國。"),
        (4, "第二條　其他。"), (5, "（一）甲；"), (6, "（二）乙。")]
    assert doc.join() == text


@given(st.lists(st.sampled_from([*"天地人ab 。", "\n", "\n  ", " \n", "\r\n", "\u3000"]),
                min_size=1, max_size=20).map("".join))
def test_property_unit_offsets_find_their_character_in_the_wrapped_text(text: str) -> None:
    """`unwrapped_offset` maps an offset of a unit (its lines joined) back into the document's
    own lines: every character of the unit is found where it is in the text, in order."""
    from workbench.segment.segmenter import unwrapped_offset

    unit = unwrap(text)
    found = [unwrapped_offset(text, i) for i in range(len(unit))]
    assert found == sorted(found)
    assert all(text[at] == ch for at, ch in zip(found, unit, strict=True) if ch != " ")
