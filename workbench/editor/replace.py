"""Find and replace in the targets of a catalog: a plan of every change (for the preview),
then applied as ordinary commits, and undone by applying the inverse plan."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import UsageError
from workbench.model import State, Unit


@dataclass(frozen=True, slots=True)
class Change:
    """One unit's target before and after."""

    index: int  # the unit's index in the catalog
    unit_id: str
    before: str
    after: str
    state: State  # the unit's state, kept by the replacement

    def inverse(self) -> Change:
        return Change(self.index, self.unit_id, self.after, self.before, self.state)


def pattern_for(find: str, *, regex: bool = False, case: bool = True) -> re.Pattern[str]:
    """The search as a compiled pattern; a bad regular expression is a UsageError."""
    if not find:
        raise UsageError("nothing to find")
    try:
        return re.compile(find if regex else re.escape(find), 0 if case else re.IGNORECASE)
    except re.error as exc:
        raise UsageError(f"not a regular expression: {exc}") from None


def plan_replace(units: Sequence[Unit], find: str, replacement: str, *, regex: bool = False,
                 case: bool = True) -> list[Change]:
    """Every target that changes when `find` becomes `replacement` (only translated and fuzzy
    units have targets to change; obsolete ones are left alone). With `regex`, `replacement`
    may name groups (\\1, \\g<name>)."""
    pattern = pattern_for(find, regex=regex, case=case)
    changes = []
    for i, unit in enumerate(units):
        if unit.obsolete or not unit.target or unit.state is State.UNTRANSLATED:
            continue
        try:  # a plain replacement is taken literally (no group references)
            after = pattern.sub(replacement if regex else lambda _m: replacement, unit.target)
        except (re.error, IndexError) as exc:
            raise UsageError(f"bad replacement: {exc}") from None
        if after != unit.target:
            changes.append(Change(i, unit.id, unit.target, after, unit.state))
    return changes


def undo_plan(changes: Sequence[Change]) -> list[Change]:
    """The changes that put every target back as it was."""
    return [c.inverse() for c in reversed(changes)]
