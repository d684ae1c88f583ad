"""CSV for spreadsheets and scripts: one row per unit, columns id, source, target, state.

RFC 4180 (CRLF rows, fields with commas, quotes or line breaks quoted), UTF-8 with a byte-order
mark: without it Excel reads Chinese text as mojibake, and Python's `utf-8-sig`, LibreOffice and
pandas all skip it.

The file is meant to be opened in a spreadsheet, which runs a cell starting with `=`, `+`, `-`
or `@` as a formula (`=HYPERLINK(...)` sending data away, `=cmd|...` DDE running a program):
CSV injection. As OWASP recommends, such a cell, and one starting with a tab or a carriage
return, is written with a single quote in front (`'=HYPERLINK(...)`), which a spreadsheet shows
as text and does not display. A cell starting with `-` is defused only when a formula could
follow (`-cmd|...`, `-A1+1`, `- item`), not before a plain number (`-5°C`, `-3.5 %`).
A script reading the file back must strip that quote from those cells (`defused` tells which).
"""

from __future__ import annotations

import csv
import io
import re

from workbench.formats.base import exported_units
from workbench.model import Catalog

COLUMNS = ("id", "source", "target", "state")
_FORMULA_START = ("=", "+", "@", "\t", "\r")
# After a minus sign: a number with no formula operators or function call is harmless text.
_PLAIN_NEGATIVE = re.compile(r"-[ \u00a0]*[0-9.,][^=+*/^&|!()@;<>\"']*\Z")


def defused(cell: str) -> bool:
    """A cell a spreadsheet could run as a formula (written with a `'` in front)."""
    if cell.startswith(_FORMULA_START):
        return True
    return cell.startswith("-") and len(cell) > 1 and not _PLAIN_NEGATIVE.match(cell)


def defuse(cell: str) -> str:
    return "'" + cell if defused(cell) else cell


def write_csv(catalog: Catalog, include_obsolete: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for unit in exported_units(catalog, include_obsolete):
        state = "obsolete" if unit.obsolete else unit.state.label
        writer.writerow((unit.id, defuse(unit.source), defuse(unit.target), state))
    return buffer.getvalue().encode("utf-8-sig")
