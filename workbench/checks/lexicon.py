"""Is this a word? jieba's dictionary, read as a file, without loading jieba.

jieba's segmenter spends a second or more building its model before the first cut; the
checks only need to know whether a few short strings are words of its dictionary (does
面包 cut across 裡面? is 对 the start of 对象?), which a lookup in the dictionary's text
answers: one read of the file (about 3 MB) per run, and only when a check asks.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path


@cache
def _dictionary() -> str:
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        return ""
    # A newline first, so every word is found as "\n<word> ".
    return "\n" + (Path(spec.origin).parent / "dict.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """A word of jieba's dictionary (which is in Simplified characters)."""
    return len(word) > 1 and f"\n{word} " in _dictionary()


def simplified_word(text: str) -> bool:
    """`is_word` for Simplified or Traditional text."""
    from workbench.convert import to_simplified

    simplified = to_simplified(text)
    return is_word(simplified if len(simplified) == len(text) else text)


def crosses_a_word(text: str, start: int, end: int) -> bool:
    """Does a dictionary word of two or three characters cross the edge of text[start:end]
    (装 裡面|包含: 裡面 crosses the start of 面包)? Then text[start:end] is not a word there."""
    windows = []
    for edge in (start, end):
        if 0 < edge < len(text):
            windows += [text[max(0, edge - 1):edge + 1], text[max(0, edge - 2):edge + 1],
                        text[edge - 1:edge + 2]]
    return any(len(w) > 1 and w != text[start:end] and simplified_word(w) for w in windows)
