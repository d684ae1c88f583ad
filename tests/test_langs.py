"""The language value type: one answer for a tag's parts and how its sentences join."""

import pytest

from workbench import langs
from workbench.errors import UsageError
from workbench.langs import Language


def test_language_of_a_tag_in_any_spelling() -> None:
    lang = Language.of("zh_hant_tw")
    assert (lang.tag, lang.gettext_code, lang.primary, lang.script, lang.region) == \
        ("zh-Hant-TW", "zh_Hant_TW", "zh", "Hant", "TW")
    assert lang.is_traditional and not lang.is_simplified
    assert Language.of("zh-CN").script == "Hans" and Language.of("zh-CN").is_simplified
    assert Language.of("zh-TW") is Language.of("zh-TW")  # worked out once
    with pytest.raises(UsageError):
        Language.of("not a tag")


@pytest.mark.parametrize(("tag", "joiner"), [
    ("zh-Hans", ""), ("zh_TW", ""), ("yue", ""), ("ja", ""), ("ja-JP", ""), ("th", ""),
    ("en", " "), ("en-US", " "), ("ko", " "), ("fr", " "),
    ("", " "), ("Chinese (traditional)", " "),  # an odd header value: spaces are the safe bet
])
def test_one_sentence_joiner_for_every_module(tag: str, joiner: str) -> None:
    assert langs.sentence_joiner(tag) == joiner


@pytest.mark.parametrize(("lang", "wanted", "fits"), [
    ("en-US", "en", True), ("en", "en-GB", True), ("en_US", "en-US", True),
    ("en-US", "en-GB", False), ("fr", "en", False),
    ("zh-TW", "zh-Hant", True), ("zh_Hant", "zh-Hant-TW", True), ("zh-Hant", "zh-Hans", False),
    ("zh-CN", "zh", True), ("zh", "zh-TW", True), ("zh", "zh_Hant", True),
    ("zh-Hans-CN", "zh-TW", False), ("", "en", True), ("not a tag", "en", False),
])
def test_one_rule_for_a_language_serving_another(lang: str, wanted: str, fits: bool) -> None:
    """TMX variants and reference memories are chosen by the same rule."""
    assert langs.fits(lang, wanted) is fits
