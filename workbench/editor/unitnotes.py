"""A unit's notes: the translator's own comment (`# ` lines of a PO entry), and the conflict
notes `workbench import` leaves when a file and the catalog disagree, removable once the
translator has chosen."""

from __future__ import annotations

from workbench.import_merge import CONFLICT_PREFIX
from workbench.model import Unit


def conflict_notes(unit: Unit) -> list[str]:
    """The import conflict notes of a unit, oldest first."""
    return [c for c in unit.comments if c.startswith(CONFLICT_PREFIX)]


def clear_conflicts(unit: Unit) -> int:
    """Remove the unit's import conflict notes (the conflict is resolved); returns how many.
    While a note stays, a later import never overwrites the unit silently."""
    kept = [c for c in unit.comments if not c.startswith(CONFLICT_PREFIX)]
    removed = len(unit.comments) - len(kept)
    unit.comments = kept
    return removed


def translator_comment(unit: Unit) -> str:
    """The translator's comment, one line per `#` line, without the conflict notes."""
    return "\n".join(c for c in unit.comments if not c.startswith(CONFLICT_PREFIX))


def set_translator_comment(unit: Unit, text: str) -> None:
    """Replace the translator's comment (conflict notes stay, after it); blank lines and
    trailing spaces go, as a PO comment cannot keep them apart from the next line."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    unit.comments = lines + conflict_notes(unit)
