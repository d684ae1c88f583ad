"""OpenCC conversion between Traditional and Simplified Chinese, with the punctuation fixes."""

from __future__ import annotations

from functools import cache

import opencc

# OpenCC keeps corner quotes, which mainland Simplified text writes as curly quotes.
_CORNER_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """Convert with an OpenCC configuration ('t2s', 'tw2s', 'hk2s', 'tw2sp', 's2t', ...).

    Corner quotes become curly ones in Simplified output, as mainland text writes them.
    """
    out = _converter(config).convert(text)
    if config.endswith(("2s", "2sp")):
        return out.translate(_CORNER_TO_CURLY)
    return out


def to_simplified(text: str, config: str = "t2s") -> str:
    """Traditional to Simplified characters only (quotes untouched): for matching and counting."""
    return _converter(config).convert(text)


def is_convertible(text: str, config: str = "t2s") -> bool:
    """True when the conversion changes the text, i.e. it holds characters of the other script."""
    return to_simplified(text, config) != text
