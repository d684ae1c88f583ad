"""Language tags (BCP 47 as translators write them) and what follows from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.errors import UsageError

_TAG = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
_SCRIPT_BY_REGION = {"TW": "Hant", "HK": "Hant", "MO": "Hant", "CN": "Hans", "SG": "Hans",
                     "CHT": "Hant", "CHS": "Hans"}  # .NET's legacy zh-CHT, zh-CHS

# Plural-Forms headers as GNU gettext's documentation gives them.
_PLURAL_FORMS = {
    "zh": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}


def normalize(tag: str) -> str:
    """Canonical BCP 47 casing with hyphens: 'zh_hant_tw' -> 'zh-Hant-TW', 'EN' -> 'en'."""
    tag = tag.strip()
    if not _TAG.match(tag):
        raise UsageError(f"not a language tag: {tag!r} (examples: zh-Hant, zh-Hans, en)")
    parts = re.split(r"[-_]", tag)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) in (2, 3) and (part.isalpha() or part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def gettext_code(tag: str) -> str:
    """The folder name under locale/: 'zh-Hans' -> 'zh_Hans', 'zh-Hant-TW' -> 'zh_Hant_TW'."""
    return normalize(tag).replace("-", "_")


def primary(tag: str) -> str:
    return normalize(tag).split("-")[0]


def script(tag: str) -> str | None:
    """The script subtag, inferred from the region for Chinese: 'zh-TW' -> 'Hant'."""
    parts = normalize(tag).split("-")
    for part in parts[1:]:
        if len(part) == 4:
            return part
    if parts[0] == "zh":
        for part in parts[1:]:
            if part in _SCRIPT_BY_REGION:
                return _SCRIPT_BY_REGION[part]
    return None


def region(tag: str) -> str | None:
    for part in normalize(tag).split("-")[1:]:
        if len(part) == 2 and part.isalpha():
            return part
    return None


def is_chinese(tag: str) -> bool:
    return primary(tag) in ("zh", "cmn", "yue", "lzh")


def is_traditional(tag: str) -> bool:
    return is_chinese(tag) and script(tag) == "Hant"


def is_simplified(tag: str) -> bool:
    """Chinese in Simplified script; a bare 'zh' counts as Simplified, as gettext's zh_CN does."""
    return is_chinese(tag) and script(tag) in ("Hans", None)


# Languages written without spaces between sentences (or words).
_UNSPACED = frozenset(("zh", "cmn", "yue", "lzh", "wuu", "hak", "nan", "ja", "th", "lo", "km",
                       "my"))


@dataclass(frozen=True, slots=True)
class Language:
    """A language tag and what follows from it, worked out once (`Language.of(tag)`)."""

    tag: str
    """The canonical BCP 47 tag: 'zh-Hant-TW'."""
    gettext_code: str
    """The folder name under locale/ and the PO `Language`: 'zh_Hant_TW'."""
    primary: str
    """The language subtag: 'zh'."""
    script: str | None
    """The script subtag, inferred from the region for Chinese: 'Hant'."""
    region: str | None
    """The region subtag: 'TW'."""

    @staticmethod
    @lru_cache(maxsize=256)
    def of(tag: str) -> Language:
        """The language of `tag` (any casing, `-` or `_`); UsageError when it is no tag."""
        canonical = normalize(tag)
        return Language(canonical, canonical.replace("-", "_"), canonical.split("-")[0],
                        script(canonical), region(canonical))

    @property
    def is_chinese(self) -> bool:
        return self.primary in ("zh", "cmn", "yue", "lzh")

    @property
    def is_traditional(self) -> bool:
        return self.is_chinese and self.script == "Hant"

    @property
    def is_simplified(self) -> bool:
        return self.is_chinese and self.script in ("Hans", None)

    @property
    def joins_with_space(self) -> bool:
        """Whether two sentences of this language stand apart with a space ('en') or run on
        ('zh', 'ja')."""
        return self.primary not in _UNSPACED


def sentence_joiner(tag: str) -> str:
    """What stands between two sentences of language `tag` joined in one unit: '' for
    Chinese and Japanese, a space otherwise (also for an odd tag from another tool's header,
    the safe bet)."""
    if not tag:
        return " "
    try:
        return " " if Language.of(tag).joins_with_space else ""
    except UsageError:
        return " "


def fits(lang: str, wanted: str) -> bool:
    """Whether text in `lang` serves where `wanted` is asked for (a memory's or a TMX variant's
    language for a catalog's): the same tag, or the same language when one of them names no
    script or region ('en-US' fits 'en'); Chinese must be in the same script ('zh-TW' fits
    'zh-Hant', 'zh-Hant' does not fit 'zh-Hans'). An empty side fits anything; a malformed
    tag fits nothing."""
    if not lang or not wanted:
        return True
    try:
        a, b = Language.of(lang), Language.of(wanted)
    except UsageError:
        return False
    if a.tag == b.tag:
        return True
    if a.primary != b.primary:
        return False
    if "-" not in a.tag or "-" not in b.tag:
        return True  # a bare 'zh' says nothing of the script: a zh file fits a zh-TW catalog
    if a.is_chinese:
        return (a.is_traditional, a.is_simplified) == (b.is_traditional, b.is_simplified)
    return False


def plural_forms(tag: str) -> str:
    return _PLURAL_FORMS.get(primary(tag), "nplurals=2; plural=(n != 1);")


def opencc_config(source: str, target: str, mainland_vocabulary: bool = False) -> str | None:
    """The OpenCC configuration converting `source` text into `target` script, or None.

    The Traditional variant picks the table: Taiwan (tw2s), Hong Kong (hk2s), otherwise the
    OpenCC standard (t2s). `mainland_vocabulary` asks for tw2sp (Taiwan phrases to mainland).
    """
    if is_traditional(source) and is_simplified(target):
        reg = region(source)
        if reg == "TW":
            return "tw2sp" if mainland_vocabulary else "tw2s"
        if mainland_vocabulary:
            return "tw2sp"
        if reg in ("HK", "MO"):
            return "hk2s"
        return "t2s"
    if is_simplified(source) and is_traditional(target):
        reg = region(target)
        if reg == "TW":
            return "s2twp" if mainland_vocabulary else "s2tw"
        if reg in ("HK", "MO"):
            return "s2hk"
        return "s2t"
    return None
