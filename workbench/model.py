"""The catalog model: units of translation and the catalogs that hold them.

Plain data: no file format and no UI here. Storage modules map these to PO, XLIFF and TMX.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.formats.po import PoSource


class State(IntEnum):
    """Workflow state of a unit, ordered from least to most done."""

    UNTRANSLATED = 0
    FUZZY = 1  # has a target that needs review (pre-translated, source changed, low confidence)
    TRANSLATED = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(slots=True, eq=True)
class Unit:
    """One translatable sentence with its translation and everything known about it."""

    id: str  # stable id (PO msgctxt); survives insertions elsewhere in the document
    source: str
    target: str = ""
    state: State = State.UNTRANSLATED
    comments: list[str] = field(default_factory=list)  # the translator's notes ("# ")
    auto_comments: list[str] = field(default_factory=list)  # generated notes ("#.")
    locations: list[tuple[str, int]] = field(default_factory=list)  # (file, line) ("#:")
    previous_source: str | None = None  # source before it changed ("#| msgid")
    obsolete: bool = False  # kept only for its translation ("#~")
    flags: list[str] = field(default_factory=list)  # other flags than fuzzy ("#,")
    source_plural: str | None = None  # msgid_plural, for catalogs made by other tools
    target_plurals: list[str] = field(default_factory=list)  # msgstr[1..n]
    has_context: bool = True  # False: the file had no msgctxt, the id was derived from the source
    # The msgctxt when it is not the id: an empty one, or one several entries share (then the
    # id is derived from context and source, ids being unique). None: the msgctxt is the id.
    context: str | None = None
    previous_context: str | None = None  # "#| msgctxt"
    previous_source_plural: str | None = None  # "#| msgid_plural"
    # Where the unit's entry starts in the file it was read from (for `path:line:` reports).
    entry_line: int = field(default=0, compare=False)

    @property
    def msgctxt(self) -> str | None:
        """The PO msgctxt: None when the entry has none, which is not the same as ""."""
        if not self.has_context:
            return None
        return self.id if self.context is None else self.context

    @property
    def is_translated(self) -> bool:
        return self.state is State.TRANSLATED

    def set_target(self, target: str, state: State | None = None) -> None:
        """Set the translation; an empty one makes the unit untranslated."""
        self.target = target
        if not target:
            self.state = State.UNTRANSLATED
        elif state is not None:
            self.state = state
        elif self.state is State.UNTRANSLATED:
            self.state = State.TRANSLATED


def state_for(target: str, fuzzy: bool) -> State:
    """The state a PO entry's msgstr and fuzzy flag stand for (gettext's reading)."""
    if not target:
        return State.UNTRANSLATED
    return State.FUZZY if fuzzy else State.TRANSLATED


_POSITION_RE = re.compile(r"^paragraph (\d+), sentence (\d+)$")


def position_note(paragraph: int, sentence: int) -> str:
    """The `#.` note `workbench init` puts on a unit: where it stands in its document (from 1)."""
    return f"paragraph {paragraph}, sentence {sentence}"


def position_of_note(note: str) -> tuple[int, int] | None:
    """(paragraph, sentence) if `note` is a position note, else None."""
    m = _POSITION_RE.match(note)
    return (int(m.group(1)), int(m.group(2))) if m else None


def position_of(unit: Unit) -> tuple[int, int] | None:
    """(paragraph, sentence) from the unit's position note, counted from 1; None without one."""
    for comment in unit.auto_comments:
        position = position_of_note(comment)
        if position is not None:
            return position
    return None


def paragraph_of(unit: Unit) -> int | None:
    """The paragraph number of the unit's position note (from 1); None without one."""
    position = position_of(unit)
    return position[0] if position else None


_UNIT_ID_RE = re.compile(r"^[0-9a-f]{12}(\.\d+)?$")


def is_made_id(msgctxt: str) -> bool:
    """Whether a msgctxt is an id `make_unit_id` made (a hash: nothing for a person to read),
    not a context another tool's catalog gives its translators."""
    return _UNIT_ID_RE.match(msgctxt) is not None


def make_unit_id(source: str, seen: dict[str, int]) -> str:
    """A stable id for a unit: a hash of its source, numbered among repeats.

    Ids don't depend on position, so inserting a paragraph leaves every other id unchanged.
    `seen` counts the ids handed out so far in this document; the n-th repeat of a sentence
    (or, in theory, of a hash) gets the suffix `.n`.
    """
    base = hashlib.blake2b(source.encode("utf-8"), digest_size=6).hexdigest()
    count = seen.get(base, 0) + 1
    seen[base] = count
    return base if count == 1 else f"{base}.{count}"


@dataclass
class Catalog:
    """The units of one document in one target language (or none: a template)."""

    units: list[Unit] = field(default_factory=list)
    source_lang: str = ""
    target_lang: str = ""  # "" for a template (POT)
    header: dict[str, str] = field(default_factory=dict)  # PO header fields, in order
    header_comment: str = ""
    path: Path | None = None  # where it was read from or will be written to
    # The PO text it was read from, in which entries nobody changed are written back as they
    # were. Carry it along when deriving a catalog to write to the same file.
    po_source: PoSource | None = field(default=None, compare=False, repr=False)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)

    @property
    def active(self) -> list[Unit]:
        """Units that are not obsolete."""
        return [u for u in self.units if not u.obsolete]

    @property
    def obsolete(self) -> list[Unit]:
        return [u for u in self.units if u.obsolete]

    def by_id(self) -> dict[str, Unit]:
        """Active units by id (build once, look up many times)."""
        return {u.id: u for u in self.units if not u.obsolete}

    def counts(self) -> dict[State, int]:
        counts = dict.fromkeys(State, 0)
        for unit in self.units:
            if not unit.obsolete:
                counts[unit.state] += 1
        return counts

    def extend(self, units: Iterable[Unit]) -> None:
        self.units.extend(units)
