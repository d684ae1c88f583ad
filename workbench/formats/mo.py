"""Compiled gettext catalogs (MO files), in GNU gettext's format.

Like msgfmt, only translated units go in: fuzzy and obsolete ones are left out, so a program
shows the source rather than an unreviewed translation. Units keep their msgctxt, so a program
looks a sentence up with `pgettext(unit_id, source)`. Written here rather than with polib,
whose writer concatenates bytes in a loop and needs 14 s for a 100,000-unit catalog.
"""

from __future__ import annotations

import re
import struct

from workbench.errors import InputError
from workbench.model import Catalog, State, Unit

MAGIC = 0x950412DE


def _header_text(catalog: Catalog) -> str:
    # The strings are UTF-8 whatever the PO said; without a charset Python's gettext would
    # decode them as ASCII and fail.
    header = {**catalog.header, "Content-Type": "text/plain; charset=UTF-8"}
    return "".join(f"{key}: {value}\n" for key, value in header.items())


# A C format directive naming an <inttypes.h> macro (%<PRIuMAX>): its text depends on the
# system, and msgfmt writes such messages into the MO file's system-dependent segments.
_SYSDEP_RE = re.compile(r"%[-+ #0'I]*[0-9*]*(?:\.[0-9*]*)?<PRI[a-zA-Z0-9]+>")


def _is_sysdep(unit: Unit) -> bool:
    if "<PRI" not in unit.source and "<PRI" not in unit.target:
        return False
    texts = [unit.source, unit.source_plural or "", unit.target, *unit.target_plurals]
    return any(_SYSDEP_RE.search(t) for t in texts)


def write_mo(catalog: Catalog) -> bytes:
    """The catalog as a little-endian MO file without hash table (gettext and Python's gettext
    module do a binary search on the sorted keys then).

    Messages with system-dependent format strings (`%<PRIuMAX>`, as in git's catalogs) are
    refused: their MO form depends on the system's <inttypes.h>, which msgfmt knows."""
    included = [u for u in catalog.units if not u.obsolete and u.state is State.TRANSLATED]
    sysdep = [u for u in included if _is_sysdep(u)]
    if sysdep:
        first = sysdep[0]
        raise InputError(f"{len(sysdep)} messages use system-dependent format strings "
                         f"(such as %<PRIuMAX>, first at line {first.entry_line}): compile this "
                         "catalog with GNU msgfmt, which writes them for the system")
    pairs: dict[bytes, bytes] = {b"": _header_text(catalog).encode("utf-8")}
    for unit in included:
        key = unit.source
        value = unit.target
        if unit.source_plural is not None:
            key += "\0" + unit.source_plural
            value = "\0".join([unit.target, *unit.target_plurals])
        if unit.msgctxt is not None:
            key = unit.msgctxt + "\x04" + key
        pairs[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(pairs)
    count = len(keys)
    key_table = 28
    value_table = key_table + 8 * count
    data_start = value_table + 8 * count
    offsets: list[int] = []
    blobs: list[bytes] = []
    position = data_start
    for blob in [*keys, *(pairs[k] for k in keys)]:
        offsets += [len(blob), position]
        blobs.append(blob + b"\0")
        position += len(blob) + 1
    header = struct.pack("<7I", MAGIC, 0, count, key_table, value_table, 0, data_start)
    return header + struct.pack(f"<{4 * count}I", *offsets) + b"".join(blobs)
