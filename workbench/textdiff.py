"""What changed between two sentences, character by character (no UI here: the editor and the
suggestion panel draw the pieces, the CLI prints them)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum

from workbench.han import HAN_CLASS


class Change(str, Enum):
    SAME = "same"
    REMOVED = "removed"  # in the old text only
    ADDED = "added"  # in the new text only


@dataclass(frozen=True, slots=True)
class Piece:
    change: Change
    text: str


def char_diff(old: str, new: str) -> list[Piece]:
    """The pieces turning `old` into `new`: unchanged, removed and added runs, in reading
    order (a replacement is its removed run, then its added run)."""
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(Change.SAME, old[a1:a2]))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece(Change.REMOVED, old[a1:a2]))
        if op in ("insert", "replace"):
            pieces.append(Piece(Change.ADDED, new[b1:b2]))
    return pieces


# A word of a space-separated language, a run of spaces, or one character of anything else
# (a Han character is about a word, and Chinese has no spaces to split on).
_TOKEN = re.compile(rf"[^\W{HAN_CLASS}\u3040-\u30ff]+|\s+|.", re.DOTALL)


def word_diff(old: str, new: str) -> list[Piece]:
    """As `char_diff`, by words: "Party" → "CPC" reads as one word replaced, not as letters
    shuffled. Chinese text is still compared character by character."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece(Change.SAME, "".join(a[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece(Change.REMOVED, "".join(a[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece(Change.ADDED, "".join(b[b1:b2])))
    return pieces


def plain(pieces: list[Piece]) -> str:
    """The diff as plain text: removed runs as [-…-], added runs as {+…+} (wdiff's marks)."""
    marks = {Change.SAME: "{}", Change.REMOVED: "[-{}-]", Change.ADDED: "{{+{}+}}"}
    return "".join(marks[p.change].format(p.text) for p in pieces)
