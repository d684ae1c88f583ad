"""OpenCC conversion between Traditional and Simplified Chinese, with the punctuation fixes."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import opencc

# OpenCC keeps corner quotes, which mainland Simplified text writes as curly quotes.
_CORNER_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _dictionary(name: str) -> dict[str, str]:
    folder = Path(opencc.__file__).parent / "dictionary"
    table = {}
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values.split():
            table[key] = values.split()[0]  # the first candidate, as OpenCC takes it
    return table


@cache
def _fast_t2s() -> Callable[[str], str]:
    """OpenCC's t2s, exactly, at str.translate speed.

    t2s is a forward maximum match over TSPhrases (a few hundred phrases) and TSCharacters
    (one character to one). The reimplementation in Python walks every character (about
    1.5 MB/s, the bottleneck of word counting); here one regex finds the phrases (leftmost,
    longest first, as the maximum match does) and str.translate does the characters between.
    """
    chars = _dictionary("TSCharacters.txt")
    phrases = _dictionary("TSPhrases.txt")
    if any(len(k) != 1 for k in chars):  # a dictionary this fast path does not understand
        return _converter("t2s").convert
    table = str.maketrans(chars)
    pattern = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))

    def t2s(text: str) -> str:
        if not text.isascii():
            parts = []
            pos = 0
            for m in pattern.finditer(text):
                parts.append(text[pos:m.start()].translate(table))
                parts.append(phrases[m.group()])
                pos = m.end()
            if parts:
                parts.append(text[pos:].translate(table))
                return "".join(parts)
            return text.translate(table)
        return text

    return t2s


def _convert(text: str, config: str) -> str:
    if config == "t2s":
        return _fast_t2s()(text)
    return _converter(config).convert(text)


def convert(text: str, config: str) -> str:
    """Convert with an OpenCC configuration ('t2s', 'tw2s', 'hk2s', 'tw2sp', 's2t', ...).

    Corner quotes become curly ones in Simplified output, as mainland text writes them.
    """
    out = _convert(text, config)
    if config.endswith(("2s", "2sp")):
        return out.translate(_CORNER_TO_CURLY)
    return out


def to_simplified(text: str, config: str = "t2s") -> str:
    """Traditional to Simplified characters only (quotes untouched): for matching and counting."""
    return _convert(text, config)


def is_convertible(text: str, config: str = "t2s") -> bool:
    """True when the conversion changes the text, i.e. it holds characters of the other script."""
    return to_simplified(text, config) != text
