"""Words in Chinese and English text, and the counts translators are billed by.

jieba's dictionary is Simplified, so Traditional text is converted with OpenCC first and the
word boundaries are carried back to the original characters: a Traditional sentence and its
Simplified conversion split, and count, the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from workbench import langs
from workbench.han import HAN_CLASS, HAN_RE, han_count, is_han  # noqa: F401 (re-exported)

_WORDISH = re.compile(r"\w", re.UNICODE)
# Runs of letters/digits (Han included) between spaces and punctuation: OmegaT's unit for CJK.
_RUN_RE = re.compile(r"[^\W_]+(?:[-'.’][^\W_]+)*")
# English words: letters with inner apostrophes or hyphens; numbers with separators.
_LATIN_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


@lru_cache(maxsize=1)
def _jieba() -> ModuleType:
    import sys

    # jieba finds its dictionary through pkg_resources when it can: importing that alone
    # takes half a second. Without it jieba opens the file next to itself, the same file.
    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]

    import logging

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba



_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _is_word(token: str) -> bool:
    return bool(_WORDISH.search(token)) and not token.isspace()


def tokenize_chinese(text: str) -> list[str]:
    """jieba words of Chinese text (Traditional or Simplified), punctuation and spaces dropped.

    Traditional text is cut on its OpenCC Simplified conversion; when the conversion keeps the
    length (character for character, the usual case) the cuts map back one to one.
    """
    from workbench.convert import to_simplified

    # Full-width letters and digits (ＧＤＰ, ２０２４) as ASCII, one for one, so jieba sees
    # words, not a character each.
    simplified = to_simplified(text).translate(_FULL_WIDTH_ASCII)
    jieba = _jieba()
    if len(simplified) != len(text):
        return [t for t in jieba.cut(text) if _is_word(t)]
    out = []
    pos = 0
    for token in jieba.cut(simplified):
        end = pos + len(token)
        if _is_word(token):
            out.append(text[pos:end])
        pos = end
    return out


def tokenize(text: str, lang: str) -> list[str]:
    """Words of `text`: jieba words for Chinese, Unicode words otherwise."""
    if langs.is_chinese(lang):
        return tokenize_chinese(text)
    return _LATIN_WORD_RE.findall(text)


# Han characters are counted by deleting their runs: in Chinese text the runs are longer than
# what is between them, so there are fewer matches (a third faster than deleting the rest).
_HAN_RUN_RE = re.compile(f"[{HAN_CLASS}]+")
# A run of letters and digits: don't, U.S.A, Wi-Fi, 1,234 are one word each. It looks at the
# text with its Han runs taken out, so it needs no Han ranges (each copy of them costs a
# millisecond to compile, at every start of `check`).
_OTHER_WORD_RE = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")


def billing_words(text: str) -> int:
    """The `billing` measure: a Han character counts one, as Trados and memoQ count Chinese,
    other text by words. No tokenizer: cheap enough for `check` on 100,000 units."""
    # Han characters counted by deleting the rest (no match object per character), then the
    # other words.
    text = unicodedata.normalize("NFKC", text)
    # A space for each run keeps the words on either side apart, as the run did; the words
    # are then looked for in what is left, not in the Han text again.
    rest, runs = _HAN_RUN_RE.subn(" ", text)
    return len(text) - len(rest) + runs + len(_OTHER_WORD_RE.findall(rest))


@dataclass(frozen=True, slots=True)
class WordCounts:
    """The counts of one text, by the measures tools disagree on. Every command and the
    editor take their figures from here, under these names (see MEASURES)."""

    words: int  # jieba words (Chinese) or Unicode words: our figure
    han: int  # Han characters: what Trados, memoQ and pocount count as words in Chinese
    runs: int  # letter runs between spaces and punctuation: OmegaT's count for Chinese
    billing: int = 0  # Han characters plus the other words: what `check` reports

    def __add__(self, other: WordCounts) -> WordCounts:
        return WordCounts(self.words + other.words, self.han + other.han,
                          self.runs + other.runs, self.billing + other.billing)


ZERO = WordCounts(0, 0, 0, 0)

MEASURES = {
    "words": "words (jieba on the Simplified conversion, Traditional-aware)",
    "han": "Han characters (the CJK word unit of Trados, memoQ and pocount)",
    "runs": "runs between spaces and punctuation (OmegaT's count)",
    "billing": "Han characters plus other words (CAT tools' billing count; `check` reports it)",
}


@lru_cache(maxsize=200_000)
def count(text: str, lang: str) -> WordCounts:
    """Word counts of a text in language `lang` (the source language of its catalog, as
    `catalog_language.catalog_languages` decides it)."""
    return WordCounts(
        words=len(tokenize(text, lang)),
        han=han_count(text),
        runs=len(_RUN_RE.findall(unicodedata.normalize("NFKC", text))),
        billing=billing_words(text),
    )
