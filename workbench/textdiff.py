"""What changed between two sentences, character by character (no UI here: the editor and the
suggestion panel draw the pieces, the CLI prints them)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum


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


def plain(pieces: list[Piece]) -> str:
    """The diff as plain text: removed runs as [-…-], added runs as {+…+} (wdiff's marks)."""
    marks = {Change.SAME: "{}", Change.REMOVED: "[-{}-]", Change.ADDED: "{{+{}+}}"}
    return "".join(marks[p.change].format(p.text) for p in pieces)
