"""Undo for the target editor: steps at word boundaries, kept per unit, and "revert unit".

Textual's TextArea groups typing by time (up to 100 characters without a 2-second pause go in
one step) and its history is gone when the editor loads another unit. Here a step ends where
a word ends (a word starts after a space or a mark, or when the script changes between Latin
and Han), at a pause, when the cursor jumps, or when typing turns into deleting; a paste or
an inserted suggestion is a step of its own. Each unit keeps its history while the editor is
open, and its baseline, the target as it was when the editor opened or last saved, for
"revert unit".

Locations are the editor's (row, column) pairs; nothing here knows the widget.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["MAX_STEPS", "PAUSE", "Snapshot", "TextHistory", "UndoBook"]

PAUSE = 1.0  # seconds without an edit that end a step
MAX_STEPS = 200  # per unit; the oldest go first
MAX_STEP_CHARS = 40  # a step of typing without a word boundary (Chinese) ends at this length

Location = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The target's text and cursor after a step."""

    text: str
    cursor: Location


def _kind(ch: str) -> str:
    """"w" for a word character of a Latin-like script, "h" for Han (and kana, hangul), "s" for
    spaces and marks: a step of typing ends where the kind changes into a word."""
    if ch.isspace():
        return "s"
    if unicodedata.category(ch)[0] in "PSZC":
        return "s"
    if unicodedata.east_asian_width(ch) in "WF":
        return "h"
    return "w"


def _typed(old: str, new: str) -> tuple[str, int, str] | None:
    """("insert" | "delete", offset, text) when `new` is `old` with one contiguous piece typed
    or deleted; None for anything else (a replacement)."""
    if len(new) > len(old):
        grown, kind = len(new) - len(old), "insert"
        long, short = new, old
    elif len(new) < len(old):
        grown, kind = len(old) - len(new), "delete"
        long, short = old, new
    else:
        return None
    start = 0
    limit = len(short)
    while start < limit and long[start] == short[start]:
        start += 1
    if long[start + grown:] != short[start:]:
        return None  # more than one place changed
    return kind, start, long[start:start + grown]


class TextHistory:
    """One unit's history: the states after each step, and where undo has got to."""

    def __init__(self, text: str, cursor: Location = (0, 0)) -> None:
        self._states: list[Snapshot] = [Snapshot(text, cursor)]
        self._index = 0
        self._open: tuple[str, int] | None = None  # the step typing may extend: (kind, end)
        self._last_time = float("-inf")
        self._step_chars = 0

    @property
    def current(self) -> Snapshot:
        return self._states[self._index]

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._states) - 1

    def close_step(self) -> None:
        """The next edit starts a new step (the cursor moved, the unit was left)."""
        self._open = None

    def record(self, text: str, cursor: Location, now: float) -> None:
        """The target after an edit, at time `now` (seconds, any clock)."""
        current = self._states[self._index]
        if text == current.text:
            return
        typed = _typed(current.text, text)
        extend = False
        if typed is not None and self._open is not None and now - self._last_time < PAUSE:
            kind, offset, piece = typed
            open_kind, open_end = self._open
            if kind == "insert" and open_kind == "insert" and offset == open_end \
                    and len(piece) == 1 and self._step_chars < MAX_STEP_CHARS:
                before = current.text[offset - 1] if offset > 0 else " "
                # a new word starts a step; spaces and marks end the word they follow
                extend = not (_kind(piece) != "s" and _kind(before) != _kind(piece))
            elif kind == "delete" and open_kind == "delete" and len(piece) == 1:
                # Backspace after Backspace (the gap moves left), Delete after Delete (it stays)
                extend = offset + 1 == open_end or offset == open_end
        del self._states[self._index + 1:]  # an edit after undo drops what was undone
        if extend:
            self._states[self._index] = Snapshot(text, cursor)
            self._step_chars += 1
        else:
            self._states.append(Snapshot(text, cursor))
            self._index += 1
            self._step_chars = 1
            if len(self._states) > MAX_STEPS + 1:
                del self._states[0]
                self._index -= 1
        self._last_time = now
        self._open = None
        if typed is not None and len(typed[2]) == 1:
            kind, offset, _piece = typed
            self._open = (kind, offset + 1 if kind == "insert" else offset)

    def undo(self) -> Snapshot | None:
        """The state before the last step, or None if there is none."""
        self._open = None
        if not self.can_undo:
            return None
        self._index -= 1
        return self._states[self._index]

    def redo(self) -> Snapshot | None:
        self._open = None
        if not self.can_redo:
            return None
        self._index += 1
        return self._states[self._index]


T = TypeVar("T")


class UndoBook(Generic[T]):
    """Every unit's history and baseline while the editor is open.

    `T` is what a baseline holds besides the text (the unit's state, for the editor)."""

    def __init__(self) -> None:
        self._histories: dict[int, TextHistory] = {}
        self._baselines: dict[int, tuple[str, T]] = {}

    def history(self, unit: int, text: str, cursor: Location) -> TextHistory:
        """The unit's history; begun at `text` the first time it is asked for."""
        found = self._histories.get(unit)
        if found is None or found.current.text != text:
            # first shown, or changed by something that is not an edit in the target (a plural
            # form, a reload): that change is where its history starts
            found = self._histories[unit] = TextHistory(text, cursor)
        found.close_step()
        return found

    def note_baseline(self, unit: int, target: str, extra: T) -> None:
        """What "revert unit" restores, noted before the unit's first change since the editor
        opened or last saved (later calls for the unit change nothing)."""
        self._baselines.setdefault(unit, (target, extra))

    def baseline(self, unit: int) -> tuple[str, T] | None:
        return self._baselines.get(unit)

    def saved(self, current: Callable[[int], tuple[str, T]]) -> None:
        """The catalog was saved: each unit's baseline is what it holds now."""
        for unit in self._baselines:
            self._baselines[unit] = current(unit)

    def clear(self) -> None:
        """A reloaded catalog: unit numbers may mean other units now."""
        self._histories.clear()
        self._baselines.clear()
