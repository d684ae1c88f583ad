"""OpenCC conversion: OpenCC's published test cases, the errors of issue 14, the classes of
OpenCC's behaviour, the fast path against the reference loops, punctuation, the glossary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks.base import CheckContext
from workbench.checks.punctuation import check_pairs, check_width, unbalanced
from workbench.convert import (
    convert,
    convert_with_glossary,
    is_convertible,
    simplified_punctuation,
    to_simplified,
)
from workbench.glossary import parse_glossary
from workbench.model import Unit
from workbench.opencc import CONFIG_NAMES, converter, dictionary, load_config, shared_characters

CASES_FILE = Path(__file__).parent / "data" / "opencc" / "testcases.json"


def _published_cases() -> list[tuple[str, str, str, str]]:
    # OpenCC reads the file with rapidjson's trailing-comma flag; json does not have one.
    text = re.sub(r",(\s*[}\]])", r"\1", CASES_FILE.read_text(encoding="utf-8"))
    return [(config, case["id"], case["input"], expected)
            for case in json.loads(text)["cases"]
            for config, expected in case["expected"].items()]


PUBLISHED = _published_cases()


def test_the_published_cases_cover_the_four_configurations() -> None:
    counts = {c: sum(1 for case in PUBLISHED if case[0] == c) for c in CONFIG_NAMES}
    assert counts["t2s"] == 55 and counts["tw2s"] == 32 and counts["hk2s"] == 21
    assert counts["tw2sp"] == 53 and counts["s2t"] == 96 and counts["s2twp"] == 84
    assert set(counts) >= {case[0] for case in PUBLISHED}  # every configuration is shipped


@pytest.mark.parametrize(("config", "case_id", "text", "expected"), PUBLISHED,
                         ids=[f"{c}-{i}" for c, i, _, _ in PUBLISHED])
def test_opencc_published_case(config: str, case_id: str, text: str, expected: str) -> None:
    engine = converter(config)
    assert engine(text) == expected
    assert engine.reference.convert(text) == expected  # both implementations


GOLDEN = Path(__file__).parent / "data" / "opencc" / "golden"


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2twp", "s2hk", "s2hkp"])
def test_opencc_golden_text(config: str) -> None:
    """OpenCC's golden files: the US constitution in Simplified, converted by OpenCC."""
    source = (GOLDEN / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    expected = (GOLDEN / f"us_constitution_zhs.{config}.txt").read_text(encoding="utf-8")
    assert converter(config)(source) == expected


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_fast_path_equals_reference_on_long_text(config: str) -> None:
    engine = converter(config)
    for path in (GOLDEN / "us_constitution_zhs.txt", GOLDEN / "us_constitution_zhs.s2twp.txt"):
        text = path.read_text(encoding="utf-8")
        assert engine(text) == engine.reference.convert(text)


# --- the errors of issue 14 ---------------------------------------------------------------

@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s", "tw2sp"])
def test_tai_is_simplified(config: str) -> None:
    assert to_simplified("擡頭", config) == "抬头"


@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s", "tw2sp"])
@pytest.mark.parametrize("simplified", ["抬", "抬头", "什么", "为什么", "怎么", "这么多"])
def test_simplified_text_stays(config: str, simplified: str) -> None:
    assert to_simplified(simplified, config) == simplified


@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s"])
def test_a_simplified_document_stays_as_it_is(config: str) -> None:
    """Mixed documents quote Simplified text: 7,700 characters of it come through unchanged.
    (tw2sp does change it, by design: 建立 → 创建, 查德 → 乍得 are Taiwan vocabulary.)"""
    text = (GOLDEN / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    assert to_simplified(text, config) == text


@pytest.mark.parametrize("config", ["t2s", "tw2s", "hk2s", "tw2sp"])
def test_names_are_not_over_simplified(config: str) -> None:
    assert to_simplified("乾安縣", config) == "乾安县"
    assert to_simplified("乾隆", config) == "乾隆"


def test_tw2sp_keeps_words_that_only_contain_a_taiwan_phrase() -> None:
    assert to_simplified("軟體動物", "tw2sp") == "软体动物"  # a mollusc, not 软件动物
    assert to_simplified("方程式", "tw2sp") == "方程式"  # an equation, not 方程序
    assert to_simplified("軟體", "tw2sp") == "软件"
    assert to_simplified("程式", "tw2sp") == "程序"


# --- the classes of OpenCC's behaviour ----------------------------------------------------

def test_phrase_over_character() -> None:
    # 乾 alone becomes 干 (乾燥); the phrase dictionary keeps it in 乾隆 and 乾元.
    assert to_simplified("乾燥乾杯乾隆乾元", "t2s") == "干燥干杯乾隆乾元"
    # 瞭 alone stays (瞭望); in 瞭解 and 一目瞭然 the phrase makes it 了.
    assert to_simplified("瞭望瞭解一目瞭然", "t2s") == "瞭望了解一目了然"
    assert convert("頭髮髮型", "s2t") == "頭髮髮型"
    assert convert("头发发展", "s2t") == "頭髮發展"
    assert convert("后来皇后", "s2t") == "後來皇后"


def test_variants() -> None:
    # Taiwan writes 偽 and 裡, OpenCC's standard 僞 and 裏; both end as the same Simplified.
    assert to_simplified("偽造裡面臺灣", "tw2s") == "伪造里面台湾"
    assert to_simplified("綫", "hk2s") == "线"
    assert convert("伪造里面", "s2tw") == "偽造裡面"
    assert convert("线", "s2hk") == "線"
    assert convert("偽造", "tw2t") == "僞造"


def test_taiwan_and_hong_kong_phrases() -> None:
    assert to_simplified("計程車資訊滑鼠印表機", "tw2sp") == "出租车信息鼠标打印机"
    assert to_simplified("計程車", "tw2s") == "计程车"  # tw2s keeps the vocabulary
    assert convert("软件出租车", "s2twp") == "軟體計程車"
    assert convert("软件", "s2tw") == "軟件"


def test_characters_outside_the_bmp() -> None:
    assert to_simplified("\U0002005e", "t2s") == "\U0002003e"  # 𠁞 → 𠀾
    assert to_simplified("\U000205e3", "t2s") == "\u34c6"  # to a BMP character
    assert convert("\U000201b2", "s2t") == "\u5123"
    # A compatibility ideograph beyond the BMP is normalized first (U+2F800 → 丽).
    assert to_simplified("\U0002f800", "t2s") == "\u4e3d"
    assert to_simplified("\uf900", "t2s") == "岂"
    # Surrounding text is untouched and not shifted.
    assert to_simplified("a\U0002005e發b", "t2s") == "a\U0002003e发b"


def test_tofu_risk_dictionary_is_optional() -> None:
    assert converter("t2s")("㑮") == "\U0002b748"  # OpenCC's library default, its cases' too
    assert converter("t2s", include_tofu=False)("㑮") == "㑮"
    assert "TSCharactersExt" not in load_config("t2s", include_tofu=False).dictionaries()


def test_ideographic_description_sequences_are_copied_whole() -> None:
    # OpenCC copies an unmatched IDS as one unit: its components are not characters.
    assert to_simplified("⿰車專車專", "t2s") == "⿰車專车专"
    assert to_simplified("⿱艹⿰車專車", "tw2s") == "⿱艹⿰車專车"
    assert to_simplified("⿰車", "t2s") == "⿰车"  # incomplete: not a sequence


def test_ascii_and_empty_text() -> None:
    for config in CONFIG_NAMES:
        assert converter(config)("") == ""
        assert converter(config)("plain ASCII, 123") == "plain ASCII, 123"


def test_is_convertible() -> None:
    assert is_convertible("這是")
    assert not is_convertible("这是")


# --- the fast path is the reference loop -------------------------------------------------

def _alphabet(*names: str) -> str:
    chars = {ch for name in names for key in list(dictionary(name))[::7] for ch in key}
    return "".join(sorted(chars)) + "，。「」a1 \n\U0002f800⿰\uffff"


_T_ALPHABET = _alphabet("TSPhrases", "TWPhrasesRev", "TWVariantsRevPhrases",
                        "HKVariantsRevPhrases", "TSCharactersExt")
_S_ALPHABET = _alphabet("STPhrases", "STPhrases_GeneratedFromRegionalPhrases", "TWPhrases")


def _phrasal_text(alphabet: str, keys: list[str]) -> st.SearchStrategy[str]:
    # Whole dictionary keys glued together make the matches overlap and compete.
    return st.lists(st.one_of(st.sampled_from(keys), st.text(alphabet=alphabet, max_size=3)),
                    max_size=12).map("".join)


_T_KEYS = sorted(k for name in ("TSPhrases", "TWPhrasesRev", "TWVariantsRevPhrases",
                                "HKVariantsRevPhrases", "HKPhrasesRev")
                 for k in dictionary(name))
_S_KEYS = sorted(k for name in ("STPhrases_GeneratedFromRegionalPhrases", "TWPhrases",
                                "HKPhrases", "TWVariantsPhrases", "HKVariantsPhrases")
                 for k in dictionary(name)) + list(dictionary("STPhrases"))[::50]


@settings(max_examples=300, deadline=None)
@given(_phrasal_text(_T_ALPHABET, _T_KEYS),
       st.sampled_from(["t2s", "tw2s", "hk2s", "tw2sp", "hk2sp", "tw2t", "hk2t"]))
def test_fast_path_equals_reference_traditional(text: str, config: str) -> None:
    engine = converter(config)
    assert engine(text) == engine.reference.convert(text)


@settings(max_examples=300, deadline=None)
@given(_phrasal_text(_S_ALPHABET, _S_KEYS),
       st.sampled_from(["s2t", "s2tw", "s2twp", "s2hk", "s2hkp", "t2tw", "t2hk"]))
def test_fast_path_equals_reference_simplified(text: str, config: str) -> None:
    engine = converter(config)
    assert engine(text) == engine.reference.convert(text)


def test_t2s_tw2s_hk2s_dictionaries_map_equal_lengths() -> None:
    """The premise of the length property below, checked on the data itself."""
    for config in ("t2s", "tw2s", "hk2s"):
        for name in load_config(config).dictionaries():
            assert all(len(k) == len(v) for k, v in dictionary(name).items()), name


@settings(max_examples=300, deadline=None)
@given(_phrasal_text(_T_ALPHABET, _T_KEYS), st.sampled_from(["t2s", "tw2s", "hk2s"]))
def test_t2s_tw2s_hk2s_never_add_or_lose_characters(text: str, config: str) -> None:
    out = to_simplified(text, config)
    assert len(out) == len(text)
    # and every character is either kept or replaced by a character-table candidate
    for a, b in zip(text, out, strict=True):
        assert a == b or not (a.isascii() or b.isascii())


_IN_DICTIONARIES = {ch for name in ("STPhrases", "TWPhrasesRev", "TWPhrases", "HKPhrases",
                                     "HKPhrasesRev", "TSPhrases", "JPShinjitaiPhrases")
                    for key, value in dictionary(name).items() for ch in key + value}
_FOREIGN = "".join(ch for ch in "abzXY019 ,.!?\n\tжЯ😀é—·" if ch not in _IN_DICTIONARIES)


@settings(max_examples=300, deadline=None)
@given(_phrasal_text(_FOREIGN, _T_KEYS + _S_KEYS), st.sampled_from(CONFIG_NAMES))
def test_characters_no_dictionary_knows_pass_through(text: str, config: str) -> None:
    """Whatever the dictionaries do to the Chinese, every other character comes out, in order."""
    out = converter(config)(text)
    assert [ch for ch in out if ch in _FOREIGN] == [ch for ch in text if ch in _FOREIGN]


# --- punctuation --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("關于干部沖鋒斗爭「好」", "关于干部冲锋斗争“好”"),
    ("他說『好』", "他说‘好’"),
    ("台北, 台中:高雄; 好? 好!", "台北，台中：高雄；好？好！"),
    ("中文(English)", "中文（English）"),
    ("中文 (English) 文字", "中文 (English) 文字"),  # set apart: a catalog's convention
    ("這是(英文)", "这是（英文）"),
    ("E370: 無法開啟", "E370: 无法开启"),
    ("Hello,世界", "Hello，世界"),
    ("檔案(_F)", "档案(_F)"),  # an accelerator is markup (t2s keeps the vocabulary)
    ("時間10:30,很好", "时间10:30，很好"),
    ("共1,000人", "共1,000人"),
    ("Hello, world (yes)", "Hello, world (yes)"),
    ("網站????", "网站????"),  # characters an encoding lost, not questions (check agrees)
    ("真的?!", "真的？！"),
    ("共%(count)d個", "共%(count)d个"),
    ("第一行,\n第二行", "第一行，\n第二行"),
])
def test_simplified_punctuation(text: str, expected: str) -> None:
    assert convert(text, "t2s") == expected


def test_traditional_output_keeps_its_punctuation() -> None:
    assert convert("「头发」,好", "s2tw") == "「頭髮」,好"


_CTX = CheckContext("zh-Hant", "zh-Hans")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中文發展 ,;:?!()「」『』ab12\t\n%s_F{}", max_size=30))
def test_converted_punctuation_passes_the_checks(text: str) -> None:
    out = convert(text, "tw2s")
    unit = Unit(id="u", source=text, target=out)
    assert list(check_width([unit], _CTX)) == []
    if not unbalanced(text):
        assert list(check_pairs(unit, _CTX)) == []


def test_punctuation_never_touches_latin_text() -> None:
    assert simplified_punctuation("a, b: c; (d)?") == "a, b: c; (d)?"


# --- the glossary override ----------------------------------------------------------------

GLOSSARY = """zh-Hant,en,zh-Hans,note
於曉華,Yu Xiaohua,於晓华,a person: 於 is her surname
乾安縣,Qian'an County,乾安县,
發展,development,,no zh-Hans column: OpenCC decides
"""


def test_glossary_overrides_opencc_for_its_terms() -> None:
    glossary = parse_glossary(GLOSSARY)
    assert to_simplified("於曉華", "tw2s") == "于晓华"  # what OpenCC alone writes
    result = convert_with_glossary("作家於曉華, 生於吉林乾安縣。", "tw2s", glossary)
    assert result.text == "作家於晓华，生于吉林乾安县。"
    [override] = result.overrides  # 乾安縣: OpenCC agrees, nothing to override
    assert result.text[override.start:override.end] == "於晓华"
    assert (override.source, override.target, override.opencc) == ("於曉華", "於晓华", "于晓华")


def test_glossary_override_spans_follow_punctuation_edits() -> None:
    glossary = parse_glossary(GLOSSARY)
    result = convert_with_glossary("「作家」 , 於曉華 ,於曉華", "t2s", glossary)
    assert result.text == "“作家”，於晓华，於晓华"
    assert [result.text[o.start:o.end] for o in result.overrides] == ["於晓华", "於晓华"]


def test_glossary_without_a_target_column_does_not_override() -> None:
    glossary = parse_glossary(GLOSSARY)
    assert convert_with_glossary("發展", "t2s", glossary).overrides == ()
    assert convert_with_glossary("發展", "t2s", None).text == "发展"


def test_glossary_matches_either_script() -> None:
    glossary = parse_glossary(GLOSSARY)
    result = convert_with_glossary("于晓华", "t2s", glossary)  # already Simplified, OpenCC's form
    assert result.text == "於晓华"


# --- for the checks -----------------------------------------------------------------------

def test_shared_characters() -> None:
    shared = shared_characters()
    assert {"乾", "后", "干", "台"} <= shared
    assert not {"擡", "這", "这", "發", "发"} & shared
