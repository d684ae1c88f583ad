"""The document in reading order: a catalog's units grouped by paragraph, for the reading
view (judging flow, pronouns and repetition across sentences, not one sentence at a time)."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Unit, paragraph_of


def paragraphs(units: Sequence[Unit]) -> list[list[int]]:
    """Indexes of the active units, grouped by paragraph in catalog order. A unit without a
    paragraph note (a catalog made by another tool) is a paragraph of its own."""
    out: list[list[int]] = []
    last: int | None = None
    for i, unit in enumerate(units):
        if unit.obsolete:
            continue
        number = paragraph_of(unit)
        if out and number is not None and number == last:
            out[-1].append(i)
        else:
            out.append([i])
        last = number
    return out
