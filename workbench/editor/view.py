"""The units the editor's list shows, and which one to go to next.

A view is a state filter and a search over a session's units; `rows` are the unit indices it
shows, in order (a `range` when it shows them all, so nothing is copied for 100,000 units).
"Next needing work" follows the rows: after the unit being left, the first untranslated or fuzzy
one, wrapping around to the top (the result says so, the translator is told).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.han import is_han
from workbench.model import State

if TYPE_CHECKING:
    from workbench.editor.session import EditSession

FILTERS = ("all", "untranslated", "fuzzy", "translated")
"""The list filters, in the order Ctrl+L cycles through them."""
FILTER_STATES = {"untranslated": State.UNTRANSLATED, "fuzzy": State.FUZZY,
                 "translated": State.TRANSLATED}
_NEEDS_WORK = (State.UNTRANSLATED, State.FUZZY)


@dataclass(frozen=True, slots=True)
class Next:
    """Where "next needing work" lands: a unit index, and whether it went past the last row
    and started again from the first."""

    index: int
    wrapped: bool = False


class CatalogView:
    """A filter and a search over a session's units, and the rows they leave."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        self.filter = "all"
        """One of FILTERS."""
        self.search = ""
        """Text the source or the target must contain (either Chinese script); "" for any."""
        self.rows: Sequence[int] = range(len(session.units))
        """Unit indices shown, ascending."""
        self._simplified_sources: list[str] | None = None

    @property
    def narrowed(self) -> bool:
        """True when a filter or a search hides some units."""
        return self.filter != "all" or bool(self.search)

    def set_filter(self, name: str) -> Sequence[int]:
        """Show only the units in a state ("all": every state); an unknown name is "all"."""
        self.filter = name if name in FILTERS else "all"
        return self.refresh()

    def next_filter(self) -> str:
        """The filter after the current one, as Ctrl+L cycles."""
        return FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]

    def set_search(self, text: str) -> Sequence[int]:
        self.search = text
        return self.refresh()

    def show_all(self) -> Sequence[int]:
        self.filter, self.search = "all", ""
        return self.refresh()

    def refresh(self) -> Sequence[int]:
        """Compute the rows again (the filter, the search or a unit's state changed)."""
        units = self.session.units
        wanted = FILTER_STATES.get(self.filter)
        needle = self.search.casefold()
        rows: Sequence[int]
        if wanted is None and not needle:
            rows = range(len(units))
        else:
            rows = self._matching(range(len(units)))
        self.rows = rows
        return rows

    def units_added(self, added: range) -> Sequence[int]:
        """Show the units a progressive open just added (`EditSession.add_batch`) that the
        filter and search let through, after the rows shown."""
        if isinstance(self.rows, range) and not self.narrowed:
            self.rows = range(len(self.session.units))
        elif added:
            self.rows = [*self.rows, *self._matching(added)]
        return self.rows

    def _matching(self, indices: range) -> list[int]:
        """The units among `indices` the filter and the search let through."""
        units = self.session.units
        wanted = FILTER_STATES.get(self.filter)
        needle = self.search.casefold()
        states = self.session.states
        found = [i for i in indices
                 if (wanted is None or states[i] == wanted)
                 and (not needle or needle in units[i].source.casefold()
                      or needle in units[i].target.casefold())]
        if needle and any(is_han(ch) for ch in needle):
            found = self._search_across_scripts(needle, wanted, found, indices)
        return found

    def _search_across_scripts(self, needle: str, wanted: State | None, found: list[int],
                               indices: range) -> list[int]:
        """Matches among `indices` of a Chinese search whatever its script: 党委 finds 黨委 in
        a Traditional source, 黨委 finds 党委 in a Simplified target (as the glossary
        matches)."""
        from workbench.convert import to_simplified

        simple = to_simplified(needle)
        units = self.session.units
        sources = self._simplified_sources
        if sources is None:
            sources = self._simplified_sources = []
        if len(sources) < len(units):  # once per unit: the sources never change while open
            new = units[len(sources):]
            joined = to_simplified("\n".join(u.source.replace("\n", " ") for u in new))
            converted = joined.casefold().split("\n")
            if len(converted) != len(new):  # one conversion is faster; this one is certain
                converted = [to_simplified(u.source).casefold() for u in new]
            sources.extend(converted)
        states = self.session.states
        hits = set(found)
        hits.update(i for i in indices
                    if (wanted is None or states[i] == wanted)
                    and (simple in sources[i] or simple in units[i].target.casefold()))
        return sorted(hits)

    def next_needing_work(self, index: int, wrap: bool = True) -> Next | None:
        """The first shown unit after unit `index` that is untranslated or fuzzy, wrapping
        around to the first row (unless not `wrap`: while a catalog is still being read, the
        next one may be in the part not read yet); None when no shown unit other than `index`
        needs work. `index` -1 starts from the top."""
        states = self.session.states
        rows = self.rows
        if isinstance(rows, range):  # every unit: bytes.find runs at C speed
            after = [i for i in (states.find(s, index + 1) for s in _NEEDS_WORK) if i >= 0]
            if after:
                return Next(min(after))
            if not wrap:
                return None
            before = [i for i in (states.find(s, 0, max(0, index)) for s in _NEEDS_WORK)
                      if i >= 0]
            return Next(min(before), wrapped=True) if before else None
        start = bisect_right(rows, index)
        for position in range(start, len(rows)):
            if states[rows[position]] in _NEEDS_WORK:
                return Next(rows[position])
        if not wrap:
            return None
        for position in range(start):
            if rows[position] != index and states[rows[position]] in _NEEDS_WORK:
                return Next(rows[position], wrapped=True)
        return None
