"""Per-sentence features that survive translation: lengths and anchors.

Anchors are numbers (Arabic, Chinese with 萬/億 magnitudes, English number words), Latin-script
words and acronyms, titles and quotations, and telling punctuation (？ ！ : …). Each sentence
gets a set of hashable tokens; repeated tokens are numbered so that set intersection counts
a multiset.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Any

from workbench import langs
from workbench.words import han_count

_ARABIC = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_ARABIC_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*([萬万億亿])")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_NUMBER = re.compile("[零〇一二两兩三四五六七八九十百千万萬亿億]{2,}|十")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_EN_NUMBER_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
}
_EN_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "a": 1}
_EN_NUMBER = re.compile(
    r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine|a|" + "|".join(_EN_NUMBER_WORDS)
    + r")[\s-]+)*(?:" + "|".join(_EN_NUMBER_WORDS) + r")s?\b", re.IGNORECASE)


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral such as 三千五百 or 两万三千 (None if not a number)."""
    total = 0
    section = 0  # below 萬
    last_big = 0  # the last 萬/億 seen: 三億五千萬 is 3*10^8 + 5000*10^4
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None:  # 一九八四: digit by digit
                return int("".join(str(_CN_DIGITS[c]) for c in text if c in _CN_DIGITS)) \
                    if all(c in _CN_DIGITS for c in text) else None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            if section == 0:
                section = 1
            big = _CN_BIG[ch]
            if last_big and big < last_big:
                total += section * big
            else:
                total = (total + section) * big
                last_big = big
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def english_number(phrase: str) -> int:
    total = 0
    current = 0
    for word in re.split(r"[\s-]+", phrase.lower().rstrip("s") if phrase.lower().endswith(
            ("hundreds", "thousands", "millions")) else phrase.lower()):
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word in ("hundred",):
            current = max(current, 1) * 100
        elif word in ("thousand", "million", "billion"):
            total += max(current, 1) * _EN_NUMBER_WORDS[word]
            current = 0
        elif word in _EN_NUMBER_WORDS:
            current += _EN_NUMBER_WORDS[word]
    return total + current


def _arabic(text: str) -> list[float]:
    values = []
    for m in _ARABIC_UNIT.finditer(text):
        values.append(float(m.group(1)) * _CN_BIG[m.group(2)])
    text = _ARABIC_UNIT.sub(" ", text)
    for m in _ARABIC.finditer(text):
        try:
            values.append(float(re.sub("[,，]", "", m.group())))
        except ValueError:
            continue
    return values


_PUNCT = {"？": "?", "?": "?", "！": "!", "!": "!", "：": ":", ":": ":", "；": ";", ";": ";",
          "……": "…", "…": "…", "...": "…"}
_QUOTES_OPEN = "“「『"
_TITLE = re.compile(r"《[^》]*》|〈[^〉]*〉")


Anchor = tuple[tuple[Any, ...], int]
"""An anchor token (`("n", 12.0)`, `("w", "tibet")`, `("t",)`) and its occurrence number."""


def anchors(text: str, lang: str) -> frozenset[Anchor]:
    """Tokens that should appear on both sides of a translation."""
    tokens: list[tuple[Any, ...]] = []
    chinese = langs.is_chinese(lang)
    for value in _arabic(text):
        tokens.append(("n", value))
    if chinese:
        for m in _CN_NUMBER.finditer(text):
            counted_number = chinese_number(m.group())
            if counted_number is not None and counted_number >= 10:
                tokens.append(("n", float(counted_number)))
        latin = [w.lower() for w in _LATIN.findall(text)]
        tokens.extend(("w", w) for w in latin)
        tokens.extend(("t",) for _ in _TITLE.findall(text))
    else:
        for m in _EN_NUMBER.finditer(text):
            value = english_number(m.group())
            if value >= 10:
                tokens.append(("n", float(value)))
        # Acronyms and words kept in Latin script in Chinese text: only capitalised ones.
        tokens.extend(("w", w.lower()) for w in _LATIN.findall(text) if w[:1].isupper())
        tokens.extend(("t",) for _ in re.findall(r"[“\"][A-Z][^”\"]{0,40}[”\"]", text))
        tokens.extend(("q",) for _ in range(text.count("“") + text.count('"') // 2))
    for mark, name in _PUNCT.items():
        if len(mark) == 1:
            tokens.extend(("p", name) for _ in range(text.count(mark)))
    if text.count("……") or text.count("..."):
        tokens.append(("p", "…"))
    if chinese:
        tokens.extend(("q",) for ch in text if ch in _QUOTES_OPEN)
    counted: Counter[tuple[Any, ...]] = Counter()
    out: set[Anchor] = set()
    for tok in tokens:
        counted[tok] += 1
        out.add((tok, counted[tok]))
    return frozenset(out)


def length(text: str, lang: str) -> int:
    """A length that grows with content: characters, spaces and punctuation left out;
    Chinese counted in characters, other languages in characters too (Gale-Church)."""
    if langs.is_chinese(lang):
        return max(1, han_count(text) + sum(1 for ch in text if ch.isalnum() and ord(ch) < 128))
    return max(1, sum(1 for ch in text if not ch.isspace() and not _is_punct(ch)))


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "P"
