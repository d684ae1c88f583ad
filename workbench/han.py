"""Which characters are Han: the one definition every module uses.

CJK Unified Ideographs and Extension A, the Compatibility Ideographs (豈 … 﫿: some are the
only encoding of a name's character in Big5-era text), and Extensions B–I on planes 2 and 3.
"""

from __future__ import annotations

import re

HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
"""The ranges as the body of a regular-expression class: `f"[{HAN_CLASS}]"`."""

HAN_RE = re.compile(f"[{HAN_CLASS}]")
HAN_RUN_RE = re.compile(f"[{HAN_CLASS}]+")


def is_han(ch: str) -> bool:
    """Whether the character `ch` is a Han character."""
    return HAN_RE.match(ch) is not None


def han_count(text: str) -> int:
    """How many Han characters `text` holds."""
    return len(HAN_RE.findall(text))
