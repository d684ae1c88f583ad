"""Compiled gettext catalogs (MO files), in GNU gettext's format.

Like msgfmt, only translated units go in: fuzzy and obsolete ones are left out, so a program
shows the source rather than an unreviewed translation. The bytes are those of
`msgfmt --no-hash`, system-dependent strings (`%<PRIuMAX>`) included. Units keep their
msgctxt, so a program looks a sentence up with `pgettext(unit_id, source)`. Written here
rather than with polib,
whose writer concatenates bytes in a loop and needs 14 s for a 100,000-unit catalog.
"""

from __future__ import annotations

import re
import struct

from workbench.model import Catalog, State, Unit

MAGIC = 0x950412DE


_CHARSET_RE = re.compile(r"charset=([A-Za-z0-9._-]+)")


def _header_text(catalog: Catalog) -> str:
    raw = _read_header(catalog)
    if raw is not None:
        # msgfmt's: the header as the file has it (spacing, field order, a field given twice),
        # without its first POT-Creation-Date line
        lines = raw.splitlines(keepends=True)
        dated = next((i for i, line in enumerate(lines)
                      if line.startswith("POT-Creation-Date:")), None)
        if dated is not None:
            del lines[dated]
        typed = next((i for i, line in enumerate(lines) if line.startswith("Content-Type:")),
                     None)
        if typed is not None:
            m = _CHARSET_RE.search(lines[typed])
            if m and m.group(1).upper().replace("-", "") == "UTF8":
                return "".join(lines)
            if m:  # the strings are written in UTF-8, whatever the PO's charset
                lines[typed] = lines[typed][:m.start(1)] + "UTF-8" + lines[typed][m.end(1):]
                return "".join(lines)
    # The strings are UTF-8 whatever the PO said; without a charset Python's gettext would
    # decode them as ASCII and fail.
    header = {**catalog.header, "Content-Type": "text/plain; charset=UTF-8"}
    # msgfmt leaves the template's date out, so that an MO does not change with it alone.
    return "".join(f"{key}: {value}\n" for key, value in header.items()
                   if key != "POT-Creation-Date")


def _read_header(catalog: Catalog) -> str | None:
    """The header's msgstr as the catalog's file has it, while the header is still the one
    read from there; None otherwise."""
    if catalog.po_source is None or not catalog.header:
        return None
    from workbench.formats.po import header_msgstr, parse_header

    raw = header_msgstr(catalog.po_source.text)
    if raw is None or list(parse_header(raw).items()) != list(catalog.header.items()):
        return None
    return raw


# A C format directive naming an <inttypes.h> macro (%<PRIuMAX>): its text depends on the
# system, so msgfmt writes such messages as system-dependent strings (MO revision 1), which
# the C library completes when it loads the file.
_SYSDEP_RE = re.compile(
    r"%(?:[0-9]+\$)?[-+ #0'I]*(?:[0-9]+|\*(?:[0-9]+\$)?)?(?:\.(?:[0-9]+|\*(?:[0-9]+\$)?)?)?"
    r"<(PRI[a-zA-Z0-9]+)>")


def _is_sysdep(unit: Unit) -> bool:
    if "c-format" not in unit.flags:
        return False  # msgfmt reads <PRI...> as a macro only in a C format string
    texts = [unit.source, unit.source_plural or "", unit.target, *unit.target_plurals]
    return any("<PRI" in t and _SYSDEP_RE.search(t) for t in texts)


def _pair(unit: Unit) -> tuple[str, str]:
    key = unit.source
    value = unit.target
    if unit.source_plural is not None:
        key += "\0" + unit.source_plural
        value = "\0".join([unit.target, *unit.target_plurals])
    if unit.msgctxt is not None:
        key = unit.msgctxt + "\x04" + key
    return key, value


def _segments(text: str, upto: int | None = None) -> list[tuple[bytes, str | None]]:
    """A system-dependent string as (static bytes, macro name after them) pieces; macros
    only before `upto` (msgfmt reads the msgid of a plural key, not its msgid_plural)."""
    pieces: list[tuple[bytes, str | None]] = []
    start = 0
    for m in _SYSDEP_RE.finditer(text, 0, len(text) if upto is None else upto):
        pieces.append((text[start:m.start(1) - 1].encode("utf-8"), m.group(1)))
        start = m.end(1) + 1
    pieces.append((text[start:].encode("utf-8") + b"\0", None))
    return pieces


def _hash(data: bytes) -> int:
    """gettext's hash_string (hashpjw), on 32 bits."""
    value = 0
    for byte in data:
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def _hash_size(count: int) -> int:
    """msgfmt's hash table size: the next prime after 4/3 of the number of strings."""
    size = max(3, count * 4 // 3)
    while size > 3 and any(size % d == 0 for d in range(2, int(size ** 0.5) + 1)):
        size += 1
    return size


def write_mo(catalog: Catalog) -> bytes:
    """The catalog as a little-endian MO file, as `msgfmt --no-hash` writes it.

    Without system-dependent strings there is no hash table (gettext and Python's gettext
    module do a binary search on the sorted keys). Messages with `%<PRIuMAX>` and the like
    (git has 86) go into the system-dependent section with the hash table it needs, as msgfmt
    writes them; Python's gettext module does not read that section (it does not know them).
    """
    included = [u for u in catalog.units if not u.obsolete and u.state is State.TRANSLATED]
    pairs: dict[bytes, bytes] = {b"": _header_text(catalog).encode("utf-8")}
    sysdep: dict[str, str] = {}
    for unit in included:
        key, value = _pair(unit)
        if _is_sysdep(unit):
            sysdep[key] = value
        else:
            pairs[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(pairs)
    if not sysdep:
        return _plain(keys, pairs)
    return _with_sysdep(keys, pairs, sysdep)


def _plain(keys: list[bytes], pairs: dict[bytes, bytes]) -> bytes:
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


def _with_sysdep(keys: list[bytes], pairs: dict[bytes, bytes], sysdep: dict[str, str]) -> bytes:
    count = len(keys)
    dep_keys = list(sysdep)  # msgfmt keeps them in the catalog's order
    dep_count = len(dep_keys)
    originals = [_segments(k, k.find("\0") if "\0" in k else None) for k in dep_keys]
    translations = [_segments(sysdep[k]) for k in dep_keys]
    names: list[str] = []
    for pieces in [*originals, *translations]:
        for _, name in pieces:
            if name is not None and name not in names:
                names.append(name)
    hash_size = _hash_size(count + dep_count)
    key_table = 48
    value_table = key_table + 8 * count
    hash_table = value_table + 8 * count
    segment_table = hash_table + 4 * hash_size
    dep_key_table = segment_table + 8 * len(names)
    dep_value_table = dep_key_table + 4 * dep_count
    descriptors_at = dep_value_table + 4 * dep_count
    descriptor_sizes = [4 + 8 * len(p) for p in [*originals, *translations]]
    data_start = descriptors_at + sum(descriptor_sizes)

    blobs: list[bytes] = []
    position = data_start

    def place(blob: bytes) -> int:
        nonlocal position
        at = position
        blobs.append(blob)
        position += len(blob)
        return at

    table: list[int] = []
    for blob in [*keys, *(pairs[k] for k in keys)]:
        table += [len(blob), place(blob + b"\0")]
    segment_words: list[int] = []
    for name in names:
        encoded = name.encode("ascii") + b"\0"
        segment_words += [len(encoded), place(encoded)]
    descriptors: list[int] = []
    descriptor_offsets: list[int] = []
    at = descriptors_at
    for pieces, size in zip([*originals, *translations], descriptor_sizes, strict=True):
        descriptor_offsets.append(at)
        at += size
        start = place(b"".join(static for static, _ in pieces))
        descriptors.append(start)
        for static, name in pieces:
            descriptors += [len(static), 0xFFFFFFFF if name is None else names.index(name)]
    slots = [0] * hash_size
    for index, key in enumerate(keys):
        value = _hash(key.partition(b"\0")[0])  # a C string: a plural key ends at its msgid
        slot = value % hash_size
        step = 1 + value % (hash_size - 2)
        while slots[slot]:
            slot = slot - (hash_size - step) if slot >= hash_size - step else slot + step
        slots[slot] = index + 1
    header = struct.pack("<12I", MAGIC, 1, count, key_table, value_table, hash_size,
                         hash_table, len(names), segment_table, dep_count, dep_key_table,
                         dep_value_table)
    words = [*table, *slots, *segment_words, *descriptor_offsets, *descriptors]
    return header + struct.pack(f"<{len(words)}I", *words) + b"".join(blobs)
