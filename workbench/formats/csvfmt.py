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

So that the file reads back exactly, a cell that itself starts with a quote gets one more in
front (`'-x` is written `''-x`): on reading, one leading quote is removed from every cell that
has one, and each text comes back as it was, whatever it starts with (`workbench import`
reads the file so). The id, source and target columns are all written this way.
"""

from __future__ import annotations

import csv
import io
import os
import re

from workbench.errors import InputError
from workbench.formats.base import Exchange, exported_units
from workbench.model import Catalog, State, Unit

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
    """The cell as written: a quote in front of a formula, and of a cell starting with a
    quote (so that `undefuse` gives back exactly what was written)."""
    return "'" + cell if defused(cell) or cell.startswith("'") else cell


def undefuse(cell: str) -> str:
    """The text a written cell holds: one leading quote removed."""
    return cell[1:] if cell.startswith("'") else cell


def write_csv(catalog: Catalog, include_obsolete: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for unit in exported_units(catalog, include_obsolete):
        state = "obsolete" if unit.obsolete else unit.state.label
        writer.writerow((defuse(unit.id), defuse(unit.source), defuse(unit.target), state))
    return buffer.getvalue().encode("utf-8-sig")


_STATES = {s.label: s for s in State}


# The header row as a spreadsheet saves it again: commas, or semicolons (Excel where the decimal
# mark is a comma), or tabs (Excel's "Unicode Text", UTF-16 with a byte-order mark).
_HEADER = re.compile(r"\A\ufeff?id([,;\t])source\1target\1state\b")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _head(data: bytes) -> str:
    if data.startswith(_WIDE_BOMS):
        return data[:200].decode("utf-16", "replace")
    return data[:100].decode("latin-1")


def is_csv(data: bytes) -> bool:
    """A file that starts as this module's CSV does (its header row), as written or as a
    spreadsheet saved it again."""
    return bool(_HEADER.match(_head(data).removeprefix("\xef\xbb\xbf")))


def read_csv(data: bytes, path: str | os.PathLike[str]) -> Exchange:
    """Read a CSV written by `write_csv` (and perhaps edited in a spreadsheet or a script).
    A spreadsheet may save it again in the system's encoding (GBK in Excel on a Chinese
    Windows, Big5 on a Taiwanese one) or as UTF-16 text with tabs: each is read, with a note
    when it was not UTF-8."""
    from workbench.textio import decode_bytes

    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            decoded = decode_bytes(data, path)
        except InputError:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(f"not valid UTF-8 ({exc.reason}), nor GB18030, Big5 or UTF-16 "
                             "text: save it from the spreadsheet as CSV UTF-8", path,
                             line) from None
        text = decoded.text
        if not decoded.encoding.startswith("utf-16"):
            notes.append(f"read as {decoded.encoding.upper()}: a spreadsheet saved it in the "
                         "system's encoding, not in UTF-8")
    sniffed = _HEADER.match(text)
    delimiter = sniffed.group(1) if sniffed else ","
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""),
                        delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:4]] != list(COLUMNS):
            raise InputError(f"expected the header row {','.join(COLUMNS)}", path, 1)
        catalog = Catalog()
        for row in reader:
            if not any(row):
                continue
            if len(row) < 4:
                raise InputError(f"{len(row)} columns, expected {len(COLUMNS)}", path,
                                 reader.line_num)
            uid, source, target, label = (row[0], row[1], row[2], row[3].strip().lower())
            obsolete = label == "obsolete"
            state = State.TRANSLATED if obsolete else _STATES.get(label)
            if state is None:
                raise InputError(f"unknown state {row[3]!r} (one of "
                                 f"{', '.join([*_STATES, 'obsolete'])})", path, reader.line_num)
            target = undefuse(target)
            catalog.units.append(Unit(id=undefuse(uid), source=undefuse(source), target=target,
                                      state=state if target else State.UNTRANSLATED,
                                      obsolete=obsolete))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path, reader.line_num) from None
    return Exchange(catalog, "csv", notes=notes)
