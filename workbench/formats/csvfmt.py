"""CSV for spreadsheets and scripts: one row per unit, columns id, source, target, state.

RFC 4180 (CRLF rows, fields with commas, quotes or line breaks quoted), UTF-8 with a byte-order
mark: without it Excel reads Chinese text as mojibake, and Python's `utf-8-sig`, LibreOffice and
pandas all skip it. Cells are written as they are: a sentence starting with `=` is data, not a
formula, for every tool but a spreadsheet told to evaluate it.
"""

from __future__ import annotations

import csv
import io

from workbench.formats.base import exported_units
from workbench.model import Catalog

COLUMNS = ("id", "source", "target", "state")


def write_csv(catalog: Catalog, include_obsolete: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for unit in exported_units(catalog, include_obsolete):
        state = "obsolete" if unit.obsolete else unit.state.label
        writer.writerow((unit.id, unit.source, unit.target, state))
    return buffer.getvalue().encode("utf-8-sig")
