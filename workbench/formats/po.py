"""Gettext PO/POT files: a fast streaming reader and a polib-based writer.

polib writes (it is the reference implementation most tools agree with) with wrapping off, so a
small source edit is a one-line diff. Reading uses the parser below: polib needs about 2 s for a
100,000-unit catalog, this parser a quarter of that (one regular expression match for an entry
written the usual way, a line loop for the others), and the editor and `check` must stay fast
at that size. Tests check both readers agree on every fixture. `PoReader` reads a batch of
entries at a time, so that the editor can show a large catalog's first units at once.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import __version__, langs
from workbench.errors import InputError, UnencodableError, UsageError
from workbench.model import Catalog, State, Unit, make_unit_id, state_for
from workbench.textio import CP936_EURO, LINE_BREAK, atomic_write_bytes, line_number, read_bytes

if TYPE_CHECKING:
    import polib

GENERATOR = f"workbench {__version__}"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v", "'": "'", "?": "?"}
# A numeric escape is a byte (`\344\270\255`, as `msgcat --escape` writes 中): a run of
# them is one piece, read in the file's charset as msgfmt reads it.
_ESCAPE_RE = re.compile(r'\\(?:([ntr"\\abfv\'?])|((?:[0-7]{1,3}|x[0-9a-fA-F]{1,2})'
                        r'(?:\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}))*))')
_BYTE_ESCAPE_RE = re.compile(r"([0-7]{1,3})|x([0-9a-fA-F]{1,2})")
# The header's charset: on a line that is no comment (a comment before the header may mention
# another: "converted from charset=GBK"); lines may end in CR alone.
_CHARSET_RE = re.compile(rb"(?:\A|[\r\n])[^#\r\n]*?charset=([A-Za-z0-9._-]+)")


def _unescape_match(m: re.Match[str], codec: str = "utf-8") -> str:
    if m.group(1):
        return _ESCAPES[m.group(1)]
    values = [int(octal, 8) if octal else int(hexa, 16)
              for octal, hexa in _BYTE_ESCAPE_RE.findall(m.group(2))]
    if max(values) >= 0x80 and max(values) <= 0xFF:
        try:
            return bytes(values).decode(codec)
        except UnicodeDecodeError:
            pass  # not text in that charset: each escape its own character, as before
    return "".join(map(chr, values))


def _escape_codec(codec: str) -> str:
    """The charset a numeric escape's bytes are in: the file's, but UTF-8 for a UTF-16 file
    (no gettext tool reads one; its escapes came from a UTF-8 original)."""
    return "utf-8" if codec.startswith("utf-16") else codec


def _unescape(inner: str, codec: str) -> str:
    if codec == "utf-8":
        return _ESCAPE_RE.sub(_unescape_match, inner)
    return _ESCAPE_RE.sub(lambda m: _unescape_match(m, codec), inner)


class _Entry:
    """An entry being parsed: each field a list of string pieces until the entry ends."""

    __slots__ = ("auto_comments", "comments", "fields", "flags", "line", "obsolete",
                 "references", "seen_msgid", "seen_msgstr")

    def __init__(self, line: int, obsolete: bool) -> None:
        self.line = line
        self.obsolete = obsolete
        self.comments: list[str] = []
        self.auto_comments: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.fields: dict[str, list[str]] = {}
        self.seen_msgid = False
        self.seen_msgstr = False

    def joined(self, name: str) -> str | None:
        pieces = self.fields.get(name)
        return None if pieces is None else "".join(pieces)


_KEYWORDS = frozenset(("msgctxt", "msgid", "msgid_plural", "msgstr"))
_KEYWORD_LINE_RE = re.compile(
    r'(msgctxt|msgid_plural|msgid|msgstr\[[ \t]*\d+[ \t]*\]|msgstr)(?=[ \t"]|$)[ \t]*(.*)\Z',
    re.DOTALL)


_PO_STRING = r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"\n'
_SIMPLE_ENTRY = re.compile(
    # comment lines in the order gettext writes them: translator's ("# " or a bare "#"),
    # extracted ("#."), references ("#:"), flags ("#,"); each group may be empty
    r"((?:#(?: [^\n]*)?\n)*)((?:#\.[^\n]*\n)*)((?:#:[^\n]*\n)*)((?:#,[^\n]*\n)*)"
    rf"(?:msgctxt {_PO_STRING})?msgid {_PO_STRING}msgstr {_PO_STRING}"
    r"\n*(?=#[^~|\n]|#\n|msgctxt |msgid |\Z)")  # blank lines, then another entry or the end
"""An entry the line loop would read the same way (see `_Parser.entries`)."""

_Simple = tuple[int, str, str, str, str, str | None, str, str]
"""An entry `_SIMPLE_ENTRY` read: its first line; its translator comment, extracted comment,
reference and flag lines (each group as in the file, "" for none); msgctxt (None without),
msgid and msgstr, unescaped."""


def _simple_escaped(simple: _Simple, codec: str = "utf-8") -> _Simple | None:
    """A simple entry whose strings have escapes, unescaped; None for an escape
    `_Parser.string` refuses (the line loop then says where)."""
    values: list[str | None] = []
    for inner in simple[5:]:
        if inner is not None and "\\" in inner:
            rest = _ESCAPE_RE.sub("", inner)
            if '"' in rest or "\\" in rest:
                return None
            inner = _unescape(inner, codec)
        values.append(inner)
    return (*simple[:5], values[0], values[1] or "", values[2] or "")


def _translator_comments(lines: str) -> list[str]:
    return [line[2:] for line in lines[:-1].split("\n")] if lines else []


def _extracted_comments(lines: str) -> list[str]:
    return [line[3:] if line[2:3] == " " else line[2:] for line in lines[:-1].split("\n")] \
        if lines else []


def _references(lines: str) -> list[str]:
    # the lines' references in one string: a reference never spans lines
    return _split_references(lines[2:-1].replace("\n#:", " ")) if lines else []


def _flags(lines: str) -> list[str]:
    return [f.strip() for f in lines[2:-1].replace("\n#,", ",").split(",") if f.strip()] \
        if lines else []


def _entry_of(simple: _Simple) -> _Entry:
    """A simple entry as the line loop makes entries (for the writer, and the header)."""
    line, notes, extracted, references, flags, msgctxt, msgid, msgstr = simple
    entry = _Entry(line, False)
    entry.comments = _translator_comments(notes)
    entry.auto_comments = _extracted_comments(extracted)
    entry.references = _references(references)
    entry.flags = _flags(flags)
    if msgctxt is not None:
        entry.fields["msgctxt"] = [msgctxt]
    entry.fields["msgid"] = [msgid]
    entry.fields["msgstr"] = [msgstr]
    entry.seen_msgid = entry.seen_msgstr = True
    return entry


class _Parser:
    def __init__(self, path: str | os.PathLike[str], codec: str = "utf-8") -> None:
        self.path = path
        self.codec = codec
        """The file's charset, in which a numeric escape's bytes are read."""
        self.position = 0
        """Where in the text `entries` is, when it yields an entry (for progress)."""

    def error(self, line: int, message: str) -> InputError:
        return InputError(message, self.path, line)

    def string(self, literal: str, line: int) -> str:
        """The value of a quoted PO string literal."""
        if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
            literal = literal.rstrip()
            if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
                raise self.error(line, f"expected a quoted string, found {literal[:40]!r}")
        inner = literal[1:-1]
        if "\\" not in inner:
            if '"' in inner:
                raise self.error(line, "unescaped double quote inside a string")
            return inner
        rest = _ESCAPE_RE.sub("", inner)
        if '"' in rest or "\\" in rest:
            raise self.error(line, "invalid escape or unescaped quote in string")
        return _unescape(inner, self.codec)

    def keyword(self, line: str, number: int) -> tuple[str, str]:
        """Split `msgstr[1] "..."` into ('msgstr[1]', '"..."'), checking the keyword. As for
        msgfmt, a tab or no space at all may part them (`msgstr\t"..."`, `msgid"..."`)."""
        m = _KEYWORD_LINE_RE.match(line)
        if m is None:
            raise self.error(number, f"syntax error: {line[:40]!r}")
        keyword = m.group(1)
        if keyword.startswith("msgstr["):
            keyword = "msgstr[" + keyword[7:-1].strip(" \t") + "]"  # msgstr[ 1 ]: msgfmt's
        return keyword, m.group(2).strip()

    def entries(self, text: str) -> Iterator[_Entry | _Simple]:
        """The entries of a PO text, in order.

        Most entries are a few comments, msgctxt, msgid and msgstr on one line each: one
        regular expression match reads such an entry (a `_Simple`) when nothing before it
        is pending and the line after it starts another entry, so that it is the entry the line
        loop below would read. Anything else (the header, wrapped strings, plurals, obsolete
        and previous-source lines, odd spacing, errors) goes through the line loop.
        """
        entry: _Entry | None = None
        current: list[str] | None = None  # the field that continuation lines append to
        string = self.string
        simple = _SIMPLE_ENTRY.match
        number = 0
        position = 0
        size = len(text)
        while position <= size:  # as text.split("\n"): a last line after the last newline
            if entry is None or entry.seen_msgstr:
                m = simple(text, position)
                if m is not None:
                    found: _Simple | None = (number + 1, *m.groups())  # type: ignore[assignment]
                    msgctxt, msgid, msgstr = m.group(5, 6, 7)
                    if "\\" in msgid or "\\" in msgstr or (msgctxt and "\\" in msgctxt):
                        found = _simple_escaped(found, self.codec)  # type: ignore[arg-type]
                    if found is not None:
                        if entry is not None:
                            self.position = position
                            yield entry
                            entry = None
                        current = None
                        self.position = position
                        yield found
                        end = m.end()
                        number += text.count("\n", position, end)
                        position = end
                        continue
            end = text.find("\n", position)
            if end < 0:
                end = size
            line = text[position:end]
            position = end + 1
            number += 1
            first = line[:1]
            if first == " " or first == "\t":  # msgfmt skips white space before a keyword
                line = line.lstrip(" \t")
                first = line[:1]
            if first == '"':
                if current is None:
                    raise self.error(number, "string continuation without a keyword before it")
                line = line.rstrip()
                if line[-1] == '"' and len(line) > 1 and "\\" not in line \
                        and '"' not in line[1:-1]:
                    current.append(line[1:-1])  # no escapes: what string() would return
                else:
                    current.append(string(line, number))
                continue
            if first == "#" and line[1:2] == "~":
                line = line[2:].lstrip(" ")
                first = line[:1]
                obsolete = True
                if first == "|":  # "#~|": the previous msgid of an obsolete fuzzy entry
                    line = "#" + line
                    first = "#"
                elif first == '"':
                    if current is None:
                        raise self.error(number, "string continuation without a keyword")
                    current.append(string(line.rstrip(), number))
                    continue
                if not line.strip():
                    continue
            else:
                obsolete = False
            if first == "m":
                keyword, _, literal = line.rstrip().partition(" ")
                if keyword in _KEYWORDS:  # the common case, checked inline: no call
                    literal = literal.strip()
                else:
                    keyword, literal = self.keyword(line.rstrip(), number)
                if keyword in ("msgctxt", "msgid") and entry is not None and entry.seen_msgstr:
                    self.position = position
                    yield entry
                    entry = None
                if entry is None:
                    entry = _Entry(number, obsolete)
                elif entry.fields and obsolete != entry.obsolete:
                    raise self.error(number, "an entry mixes obsolete (#~) and live lines")
                fields = entry.fields
                if keyword == "msgid":
                    if entry.seen_msgid:
                        raise self.error(entry.line, "msgid without msgstr")
                    entry.seen_msgid = True
                elif keyword == "msgctxt":
                    if entry.seen_msgid or "msgctxt" in fields:
                        raise self.error(number, "msgctxt after msgid")
                else:
                    if not entry.seen_msgid:
                        raise self.error(number, f"{keyword} without msgid")
                    if keyword in fields:
                        raise self.error(number, f"duplicate {keyword}")
                    if keyword[:6] == "msgstr":
                        entry.seen_msgstr = True
                if obsolete:
                    entry.obsolete = True
                if (len(literal) > 1 and literal[0] == '"' and literal[-1] == '"'
                        and "\\" not in literal and '"' not in literal[1:-1]):
                    current = fields[keyword] = [literal[1:-1]]  # no escapes: string() as is
                else:
                    current = fields[keyword] = [string(literal, number)]
                continue
            if first == "#":
                kind = line[1:2]
                if kind == "|":
                    rest = line[2:].strip()
                    if rest[:1] == '"':
                        if current is None:
                            raise self.error(number, "continuation line without a field")
                        current.append(string(rest, number))
                        continue
                    if entry is not None and entry.seen_msgid:
                        if not entry.seen_msgstr:
                            raise self.error(number, "previous-source comment inside an entry")
                        self.position = position
                        yield entry
                        entry = None
                    if entry is None:
                        entry = _Entry(number, obsolete)
                    elif obsolete:
                        entry.obsolete = True
                    keyword, literal = self.keyword(rest, number)
                    if keyword[:6] == "msgstr":
                        raise self.error(number, "msgstr in a #| comment")
                    current = entry.fields["previous_" + keyword] = [string(literal, number)]
                    continue
                if entry is not None and entry.seen_msgid:
                    if not entry.seen_msgstr:
                        raise self.error(number, "missing msgstr before the next entry")
                    self.position = position
                    yield entry
                    entry = None
                if entry is None:
                    entry = _Entry(number, obsolete)
                current = None
                line = line.rstrip("\r")
                if kind == ",":
                    entry.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
                elif kind == ":":
                    entry.references.extend(_split_references(line[2:]))
                elif kind == ".":
                    entry.auto_comments.append(line[3:] if line[2:3] == " " else line[2:])
                elif kind == " " or kind == "":
                    entry.comments.append(line[2:])
                else:
                    entry.comments.append(line[1:])
                continue
            if line.strip():
                raise self.error(number, f"syntax error: {line.strip()[:40]!r}")
            current = None
        if entry is not None:
            if not entry.seen_msgid and entry.fields:
                raise self.error(number, "entry without msgid at end of file")
            if entry.seen_msgid and not entry.seen_msgstr:
                raise self.error(number, "missing msgstr at end of file")
            if entry.seen_msgid:
                self.position = position
                yield entry


# File names with spaces are wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, as
# GNU gettext 0.22 writes them: `#: \u2068my doc.txt\u2069:12`.
_FSI, _PDI = "\u2068", "\u2069"
_REFERENCE_RE = re.compile(f"{_FSI}[^{_PDI}]*{_PDI}\\S*|\\S+")


def _split_references(text: str) -> list[str]:
    if _FSI not in text:
        return text.split()
    return _REFERENCE_RE.findall(text)


def _parse_reference(ref: str) -> tuple[str, int]:
    path, sep, line = ref.rpartition(":")
    number = line_number(line) if sep else None
    if number is None:  # no line, or none that is a number ('a.c:²'): all of it the path
        path, number = ref, 0
    if path.startswith(_FSI) and path.endswith(_PDI):
        path = path[1:-1]
    return path, number


def _reference_path(path: str) -> str:
    return f"{_FSI}{path}{_PDI}" if any(ch.isspace() for ch in path) else path


def header_msgstr(text: str) -> str | None:
    """The msgstr of a PO text's header entry, as written; None when the first entry is
    not the header (reads only that entry)."""
    try:
        for item in _Parser("<header>").entries(text):
            if isinstance(item, tuple):
                return item[7] if item[5] is None and item[6] == "" else None
            if not item.obsolete and "msgctxt" not in item.fields \
                    and item.joined("msgid") == "":
                return item.joined("msgstr")
            return None
    except InputError:
        return None
    return None


def parse_header(msgstr: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            header[key.strip()] = value.strip()
    return header


def parse_po(text: str, path: str | os.PathLike[str] = "<string>") -> Catalog:
    """Parse PO text into a Catalog; malformed input raises InputError with the line.

    The catalog remembers the text, so that writing it back keeps every entry nobody changed
    exactly as it was (see `format_po`).
    """
    style = PoStyle()
    if "\r" in text:
        text = _normalize_newlines(text, style)
    catalog = _parse_collected(text, path)
    catalog.po_source = PoSource(text, style)
    return catalog


def _parse_collected(text: str, path: str | os.PathLike[str],
                     collect: list[tuple[_Entry, Unit | None]] | None = None,
                     codec: str = "utf-8") -> Catalog:
    # Millions of small objects, none cyclic: the cycle collector would only slow this down.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        reader = PoReader(text, path, collect=collect, codec=codec)
        reader.read()
        return reader.catalog
    finally:
        if gc_was_enabled:
            gc.enable()


def _normalize_newlines(text: str, style: PoStyle) -> str:
    """The text with LF line ends; `style` learns the line end the file mostly uses (CRLF, CR
    or LF) and, when it mixes them, the text as it was."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    style.newline = max((crlf, "\r\n"), (cr, "\r"), (lf, "\n"))[1]
    if sum(1 for n in (crlf, cr, lf) if n) > 1:
        style.mixed_text = text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_RESYNC_WINDOW = 400  # lines a changed region may span before difflib takes over
_RESYNC_RUN = 3  # lines that must agree for a resynchronisation to count


def _same_lines(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines the writer copied: old[i] is new[j]. The writer changes a few
    entries and copies the rest in order, so the lists are walked together and, past a
    change, met again at the nearest run of equal lines; difflib only for the rest of a file
    changed beyond that (it is slow on 100,000 lines)."""
    pairs: list[tuple[int, int]] = []
    i = j = 0
    n, m = len(old), len(new)
    while i < n and j < m:
        if old[i] == new[j]:
            pairs.append((i, j))
            i += 1
            j += 1
            continue
        found = None
        for reach in range(1, 2 * _RESYNC_WINDOW):
            for di in range(max(0, reach - _RESYNC_WINDOW), min(reach, _RESYNC_WINDOW) + 1):
                a, b = i + di, j + reach - di
                if a < n and b < m and old[a:a + _RESYNC_RUN] == new[b:b + _RESYNC_RUN]:
                    found = a, b
                    break
            if found is not None:
                break
        if found is None:
            from difflib import SequenceMatcher

            matcher = SequenceMatcher(None, old[i:], new[j:])
            pairs += [(i + a + k, j + b + k)
                      for a, b, size in matcher.get_matching_blocks() for k in range(size)]
            break
        i, j = found
    return pairs


def _with_line_ends(text: str, source: PoSource) -> str:
    """LF text written from a file that mixed its line ends (a CRLF header comment over LF
    entries: Weblate keeps what it was given): every line that was in the file gets the
    line end it had there, the others the file's usual one."""
    mixed = source.style.mixed_text
    assert mixed is not None
    if text == source.text:
        return mixed
    ends = LINE_BREAK.findall(mixed)
    old, new = source.text.split("\n"), text.split("\n")
    line_end: list[str | None] = [None] * len(new)
    pairs = _same_lines(old, new)
    for i, j in pairs:
        if i < len(ends):
            line_end[j] = ends[i]
    newline = source.style.newline
    out: list[str] = []
    for j, line in enumerate(new[:-1]):
        end = line_end[j] or newline
        if end == "\r" and j + 2 < len(new) and new[j + 1] == "" \
                and (line_end[j + 1] or newline) == "\n":
            end = "\r\n"  # CR, then an empty LF line, would read as one CRLF
        out += (line, end)
    out.append(new[-1])
    return "".join(out)


class PoReader:
    """A PO text read a batch of entries at a time, into `catalog`.

    `read_po` reads it all at once; the editor reads the first screenful, shows it, and reads
    the rest on a worker thread (`provisional_ids`: see `read`). Malformed input raises
    InputError (`path:line: message`) from the `read` that meets it; the reader is done then.
    """

    def __init__(self, text: str, path: str | os.PathLike[str], style: PoStyle | None = None,
                 *, collect: list[tuple[_Entry, Unit | None]] | None = None,
                 provisional_ids: bool = False, codec: str | None = None) -> None:
        if codec is None:
            codec = style.codec if style is not None else "utf-8"
        self.parser = _Parser(path, _escape_codec(codec))
        self._entries = self.parser.entries(text)
        self._text = text
        self.catalog = Catalog(path=Path(path))
        if style is not None:
            self.catalog.po_source = PoSource(text, style)
        self.units: list[Unit] = self.catalog.units
        """Every unit read so far, in file order (`catalog.units` unless `provisional_ids`:
        then the caller, who shows the units, puts them in the catalog)."""
        if provisional_ids:
            self.units = []
        self.collect = collect
        self.provisional = _ProvisionalIds() if provisional_ids else None
        self.id_changes: list[tuple[Unit, str, str | None]] = []
        """With `provisional_ids`, once done: the units whose id the whole file decides
        otherwise than the part read when they were (see `_final_ids`), and their id and
        context."""
        self.done = False
        self._seen: dict[tuple[str | None, str, bool], int] = {}
        self._header_done = False
        self._nplurals: int | None = None

    @property
    def fraction(self) -> float:
        """How much of the text is read, 0 to 1."""
        if self.done:
            return 1.0
        return min(1.0, self.parser.position / max(1, len(self._text)))

    def read(self, limit: int | None = None) -> list[Unit]:
        """Read up to `limit` more units (None: all the rest); returns them.

        Ids: a msgctxt is a unit's id when one active entry alone has it, which only the whole
        file tells. Read at once, the ids are settled at the end. With `provisional_ids`, each
        unit gets a unique id as it is read; `id_changes` lists, once done, the few units the
        rest of the file gives another (a msgctxt a later entry shares).
        """
        if self.done:
            return []
        try:
            units = self._read(limit)
        except InputError:
            self.done = True
            raise
        if self.provisional is not None:
            self.provisional.assign(units)
            self.units.extend(units)
        if self.done:
            catalog = self.catalog
            if self.provisional is not None:
                self.id_changes = _final_ids(self.units)
            else:
                _apply_ids(_final_ids(catalog.units))
        return units

    def settle_ids(self) -> None:
        """Give the units the ids `id_changes` lists (when nobody else holds them yet)."""
        _apply_ids(self.id_changes)
        self.id_changes = []

    def _read(self, limit: int | None) -> list[Unit]:
        parser = self.parser
        catalog = self.catalog
        collect = self.collect
        seen = self._seen
        nplurals = self._nplurals
        out: list[Unit] = catalog.units if self.provisional is None else []
        start = len(out)
        stop = -1 if limit is None else start + limit
        entry: _Entry | None = None
        for item in self._entries:
            if isinstance(item, tuple):  # a simple entry (see _Parser.entries): the common case
                line, notes, extracted, references, flag_lines, msgctxt, msgid, msgstr = item
                if (msgid or msgctxt is not None) and collect is None:
                    key = (msgctxt, msgid, False)
                    if key in seen:
                        raise parser.error(line, "duplicate message definition (first at "
                                           f"line {seen[key]})")
                    seen[key] = line
                    flag_list = _flags(flag_lines) if flag_lines else []
                    fuzzy = "fuzzy" in flag_list
                    # as below, with what a simple entry has not: plurals, previous strings
                    out.append(Unit(
                        id=msgctxt or "", source=msgid, target=msgstr,
                        state=(State.FUZZY if fuzzy else State.TRANSLATED) if msgstr
                        else State.UNTRANSLATED,
                        comments=_translator_comments(notes) if notes else [],
                        auto_comments=_extracted_comments(extracted) if extracted else [],
                        locations=[_parse_reference(r) for r in _references(references)]
                        if references else [],
                        flags=[f for f in flag_list if f != "fuzzy"] if fuzzy else flag_list,
                        has_context=msgctxt is not None,
                        context="" if msgctxt == "" else None, entry_line=line))
                    if len(out) == stop:
                        break
                    continue
                entry = _entry_of(item)
            else:
                entry = item
            # Each field joined once; most entries have only msgctxt, msgid and msgstr.
            joined = {k: "".join(v) for k, v in entry.fields.items()}
            get = joined.get
            msgid = get("msgid") or ""
            msgctxt = get("msgctxt")
            if msgid == "" and msgctxt is None and not entry.obsolete:
                if self._header_done:
                    raise parser.error(entry.line, "a second header entry (empty msgid)")
                self._header_done = True
                catalog.header = parse_header(get("msgstr") or "")
                nplurals = self._nplurals = _nplurals(catalog.header, parser, entry.line)
                catalog.header_comment = "\n".join(entry.comments)
                catalog.source_lang = _language(catalog.header.get("X-Source-Language", ""))
                catalog.target_lang = _language(catalog.header.get("Language", ""))
                if collect is not None:
                    collect.append((entry, None))
                continue
            key = (msgctxt, msgid, entry.obsolete)
            if key in seen and not entry.obsolete:
                raise parser.error(
                    entry.line, f"duplicate message definition (first at line {seen[key]})")
            seen[key] = entry.line
            target = get("msgstr")
            plurals: list[tuple[int, str]] = []
            has_plural = "msgid_plural" in entry.fields
            if target is None:
                plurals = sorted((int(k[7:-1]), "".join(v)) for k, v in entry.fields.items()
                                 if k[:7] == "msgstr[")
                if not has_plural:
                    raise parser.error(entry.line, "msgstr[n] without msgid_plural")
                if [n for n, _ in plurals] != list(range(len(plurals))):
                    raise parser.error(entry.line, "plural forms must be msgstr[0], msgstr[1], ... "
                                       "without gaps")
                if nplurals == 0 and any(t for _, t in plurals):
                    # a template's empty forms (every xgettext POT with plurals) are fine
                    raise parser.error(entry.line, "a translated plural entry, but the "
                                       "Plural-Forms header is still the template's placeholder")
                if nplurals and len(plurals) != nplurals and not entry.obsolete:
                    raise parser.error(entry.line, f"{len(plurals)} plural forms, but the header's "
                                       f"Plural-Forms says nplurals={nplurals}")
                target = plurals[0][1] if plurals else ""
            elif has_plural:
                raise parser.error(entry.line, "msgid_plural needs msgstr[0], msgstr[1], ... "
                                   "instead of msgstr")
            flags = entry.flags
            fuzzy = "fuzzy" in flags
            unit = Unit(
                id=msgctxt or "",
                source=msgid,
                target=target,
                # A plural entry with an empty form is not translated, whatever its first form.
                state=state_for(target if all(t for _, t in plurals) else "", fuzzy),
                comments=entry.comments,
                auto_comments=entry.auto_comments,
                locations=[_parse_reference(r) for r in entry.references],
                previous_source=get("previous_msgid"),
                obsolete=entry.obsolete,
                flags=[f for f in flags if f != "fuzzy"] if fuzzy else flags,
                source_plural=get("msgid_plural"),
                target_plurals=[t for _, t in plurals[1:]],
                has_context=msgctxt is not None,
                context="" if msgctxt == "" else None,
                previous_context=get("previous_msgctxt"),
                previous_source_plural=get("previous_msgid_plural"),
                entry_line=entry.line,
            )
            out.append(unit)
            if collect is not None:
                collect.append((entry, unit))
            if len(out) == stop:
                break
        else:
            self.done = True
        return out if start == 0 else out[start:]


_PLURAL_FORMS_RE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_PLURAL_EXPR_RE = re.compile(r"^[\sn0-9()?:<>=!%&|+\-*/]+$")


def _nplurals(header: dict[str, str], parser: _Parser, line: int) -> int | None:
    """nplurals of a Plural-Forms header, None when there is none; an error when it is the
    template placeholder or not a valid C expression of n."""
    value = header.get("Plural-Forms")
    if value is None:
        return None
    if "INTEGER" in value and "EXPRESSION" in value:
        return 0  # xgettext's template placeholder: fine until a plural entry needs it
    m = _PLURAL_FORMS_RE.match(value)
    if not m or not _PLURAL_EXPR_RE.match(m.group(2)) or int(m.group(1)) < 1:
        raise parser.error(line, f"invalid Plural-Forms header: {value.strip()[:60]!r}")
    return int(m.group(1))


def _final_ids(units: list[Unit]) -> list[tuple[Unit, str, str | None]]:
    """The units whose id and context are not yet what the whole file makes them, with those.

    A msgctxt is the id when one active entry alone has it (workbench's catalogs). Entries
    without msgctxt, with `msgctxt ""`, or sharing one (GNOME's "unit-symbols") keep their
    context in `Unit.context` and get ids derived from context and source, unique per file.
    Reads only what a unit's entry says (`msgctxt`, source, obsolete: nothing an edit changes),
    so the editor computes this on a worker while the units are being edited.
    """
    # Unit.msgctxt, inline: this runs over every unit of a catalog
    msgctxts = [(u.id if u.context is None else u.context) if u.has_context else None
                for u in units]
    distinct = set(msgctxts)
    if len(distinct) == len(units) and None not in distinct and "" not in distinct:
        # each entry has a msgctxt of its own (workbench's catalogs): each is its id
        return [(u, c or "", None) for u, c in zip(units, msgctxts, strict=True)
                if u.id != c or u.context is not None]
    contexts: dict[str, int] = {}
    for unit, msgctxt in zip(units, msgctxts, strict=True):
        if msgctxt and not unit.obsolete:
            contexts[msgctxt] = contexts.get(msgctxt, 0) + 1
    taken = {c for c in msgctxts if c and contexts.get(c, 0) <= 1}
    seen: dict[str, int] = {}
    changes = []
    for unit, msgctxt in zip(units, msgctxts, strict=True):
        if msgctxt and contexts.get(msgctxt, 0) <= 1:
            unit_id, context = msgctxt, None
        else:
            context = msgctxt  # None, "" or a shared one
            basis = unit.source if context is None else f"{context}\x04{unit.source}"
            unit_id = make_unit_id(basis, seen)
            while unit_id in taken:
                unit_id = make_unit_id(basis, seen)
            taken.add(unit_id)
        if unit_id != unit.id or context != unit.context:
            changes.append((unit, unit_id, context))
    return changes


def _apply_ids(changes: list[tuple[Unit, str, str | None]]) -> None:
    for unit, unit_id, context in changes:
        unit.id = unit_id
        unit.context = context


class _ProvisionalIds:
    """Unique ids for units read a batch at a time, as `_final_ids` would give them if the
    rest of the file brings no msgctxt already seen (it seldom does)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.seen: dict[str, int] = {}

    def assign(self, units: list[Unit]) -> None:
        taken = self.taken
        for unit in units:
            msgctxt = unit.msgctxt
            if msgctxt and msgctxt not in taken:
                unit.id, unit.context = msgctxt, None
            else:
                basis = unit.source if msgctxt is None else f"{msgctxt}\x04{unit.source}"
                unit_id = make_unit_id(basis, self.seen)
                while unit_id in taken:
                    unit_id = make_unit_id(basis, self.seen)
                unit.id, unit.context = unit_id, msgctxt
            taken.add(unit.id)


@dataclass
class PoStyle:
    """How a PO file was written, so that it is written back the same way."""

    newline: str = "\n"  # "\r\n" (Windows) or "\r" (classic Mac) when the file used them
    bom: bool = False  # a UTF-8 byte-order mark before the text
    charset: str = "UTF-8"  # as the header declares it
    codec: str = "utf-8"  # the Python codec its bytes were read with
    mixed_text: str | None = None  # a file that mixes line ends: its text as it was


@dataclass
class PoSource:
    """The text a catalog was read from (LF line ends): its untouched entries are written
    back from it, so a one-unit edit is a one-entry diff."""

    text: str
    style: PoStyle


# gettext's charset names (msgfmt accepts them case-insensitively) and the Python codecs that
# read them, the exact one first: a file its declared charset cannot decode (a "GB2312" file
# with GBK characters, a "BIG5" one with the Microsoft or HKSCS additions) is read with the
# smallest superset that can, and written back with it under the header it had.
_CODECS: dict[str, tuple[str, ...]] = {
    "UTF-8": ("utf-8",), "UTF8": ("utf-8",),
    "BIG5": ("big5", "cp950", "big5hkscs"), "BIG-5": ("big5", "cp950", "big5hkscs"),
    "CN-BIG5": ("big5", "cp950", "big5hkscs"), "CP950": ("cp950", "big5hkscs"),
    "BIG5-HKSCS": ("big5hkscs",), "BIG5HKSCS": ("big5hkscs",),
    "GB2312": ("gb2312", "gbk", "gb18030"), "EUC-CN": ("gb2312", "gbk", "gb18030"),
    "EUCCN": ("gb2312", "gbk", "gb18030"), "GBK": ("gbk", "gb18030"),
    "CP936": ("gbk", "gb18030"), "GB18030": ("gb18030",),
}
_UNSUPPORTED = {"EUC-TW", "EUCTW"}  # no Python codec
CJK_CODECS = frozenset(("big5", "cp950", "big5hkscs", "gb2312", "gbk", "gb18030", "euc_jp",
                        "shift_jis", "cp932", "euc_kr", "cp949", "johab"))
_UTF8_BOM = b"\xef\xbb\xbf"


def codecs_for(charset: str) -> tuple[str, ...]:
    """The Python codecs for a charset a PO header names; UsageError when there is none."""
    name = charset.strip().upper()
    if not name or name == "CHARSET":  # none, or the xgettext template placeholder
        return ("utf-8",)
    if name in _CODECS:
        return _CODECS[name]
    if name in _UNSUPPORTED:
        raise UsageError(f"charset {charset} cannot be read here: convert the file first "
                         "(msgconv -t UTF-8)")
    try:
        return (codecs.lookup(name).name,)
    except LookupError:
        raise UsageError(f"unknown charset {charset!r} in the header") from None


def declared_charset(header: dict[str, str]) -> str:
    m = re.search(r"charset=([A-Za-z0-9._-]+)", header.get("Content-Type", ""))
    return m.group(1) if m else ""


_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def _utf16(data: bytes) -> tuple[str, bool] | None:
    """(codec, has a BOM) for a PO file saved as UTF-16 (Windows editors do), else None.
    Without a BOM it shows in its ASCII start (a comment, msgid): every other byte is NUL."""
    bom = _UTF16_BOMS.get(data[:2])
    if bom is not None:
        return bom, True
    head = data[:256]
    half = len(head) // 2
    if half >= 4:
        if head[1::2].count(0) >= half * 0.9 and head[0::2].count(0) == 0:
            return "utf-16-le", False
        if head[0::2].count(0) >= half * 0.9 and head[1::2].count(0) == 0:
            return "utf-16-be", False
    return None


def is_utf16_po(data: bytes) -> bool:
    """Whether bytes holding NULs are a PO file saved as UTF-16 (not a binary file)."""
    return _utf16(data) is not None


def _decode_utf16(data: bytes, path: str | os.PathLike[str], codec: str, bom: bool
                  ) -> tuple[str, PoStyle]:
    """A UTF-16 file is read as such and written back so (gettext's own tools read no
    UTF-16: `--to-utf8` converts it)."""
    body = data[2:] if bom else data
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, "replace").count("\n") + 1
        raise InputError(f"not valid UTF-16: {exc.reason}", path, line) from None
    # the header's charset, looked for in the head first (as _decode does): encoding the
    # whole text of a large catalog only for it would be a copy of the file for nothing
    m = (_CHARSET_RE.search(text[:65536].encode("utf-8", "replace"))
         or _CHARSET_RE.search(text.encode("utf-8", "replace")))
    style = PoStyle(bom=bom, charset=m.group(1).decode("ascii") if m else "UTF-16",
                    codec=codec)
    return text, style


def _decode(data: bytes, path: str | os.PathLike[str]) -> tuple[str, PoStyle]:
    wide = _utf16(data)
    if wide is not None:
        return _decode_utf16(data, path, *wide)
    style = PoStyle()
    if data.startswith(_UTF8_BOM):
        data = data[3:]
        style.bom = True
    # The header comes first, but may follow a long comment (git's has 180 lines).
    m = _CHARSET_RE.search(data, 0, 65536) or _CHARSET_RE.search(data)
    declared = m.group(1).decode("ascii") if m else ""
    try:
        candidates = codecs_for(declared)
    except UsageError as exc:
        raise InputError(str(exc), path, data[: m.start(1)].count(b"\n") + 1 if m else 1) \
            from None
    style.charset = declared or "UTF-8"
    first_error: UnicodeDecodeError | None = None
    for codec in candidates:
        try:
            text = data.decode(codec, CP936_EURO if codec == "gbk" else "strict")
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        style.codec = codec
        return text, style
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    raise InputError(f"not valid {declared or 'UTF-8'}: {first_error.reason}", path, line)


def decode_po(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode PO bytes by the charset its header declares (UTF-8 when it says nothing)."""
    return _decode(data, path)[0]


def _po_text(data: bytes, path: str | os.PathLike[str]) -> tuple[str, PoStyle]:
    """The text of a PO file's bytes, with LF line ends, and how the file was written;
    InputError for bytes that are no PO text (empty, binary, not in the charset the header
    declares)."""
    if not data or data.isspace():  # not data.strip(): that copies a 24 MB file
        raise InputError("PO file is empty", path)
    if b"\x00" in data and _utf16(data) is None:
        raise InputError("binary file, expected a PO file", path)
    if data.lstrip(b" \t\r\n")[:1] not in (b"#", b"m"):  # no PO text starts so
        _refuse_xml(data, path)
    text, style = _decode(data, path)
    if "\r" in text:
        text = _normalize_newlines(text, style)
    return text, style


def _refuse_xml(data: bytes, path: str | os.PathLike[str]) -> None:
    """An XML file (XLIFF, TMX) where a PO catalog is expected is named for what it is, with
    the command that brings it in (it was a syntax error at its first line)."""
    from workbench.formats import _xml  # only for files that start as no PO file does

    head = _xml.xml_head(data)
    if head is None:
        return
    kind = ("an XLIFF file" if "<xliff" in head else "a TMX file" if "<tmx" in head
            else "an XML file")
    raise InputError(f"{kind}, not a PO catalog: `workbench import FILE --into CATALOG.po` "
                     "brings its translations into a catalog", path, 1)


def parse_po_bytes(data: bytes, path: str | os.PathLike[str]) -> Catalog:
    """Parse a PO file's bytes, remembering its charset, BOM and line ends for writing."""
    text, style = _po_text(data, path)
    catalog = _parse_collected(text, path, codec=style.codec)
    catalog.po_source = PoSource(text, style)
    return catalog


def po_reader(data: bytes, path: str | os.PathLike[str], *, provisional_ids: bool = False
              ) -> PoReader:
    """A reader of a PO file's bytes (see `PoReader`), nothing read yet."""
    text, style = _po_text(data, path)
    return PoReader(text, path, style, provisional_ids=provisional_ids)


def read_po(path: str | os.PathLike[str]) -> Catalog:
    """Read a PO or POT file. Raises InputError (with a line number when it has one)."""
    return parse_po_bytes(read_bytes(path, "PO file"), path)


def po_date(moment: datetime) -> str:
    """A moment as PO headers write dates (`2026-11-27 17:30+0000`)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def po_timestamp() -> str:
    """Now for a generated file, or SOURCE_DATE_EPOCH when it is set (the reproducible-builds
    convention: generated files then do not change with the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return po_date(datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit()
                   else datetime.now(timezone.utc))


def default_header(source_lang: str, target_lang: str, project: str = "") -> dict[str, str]:
    """A standard header; `target_lang` '' makes a template (POT) header.

    The template has no Plural-Forms (they belong to a target language) so that it, too,
    passes `msgfmt --check`.
    """
    now = po_date(datetime.now(timezone.utc))
    header = {
        "Project-Id-Version": project or "PACKAGE VERSION",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": langs.gettext_code(target_lang) if target_lang else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": langs.plural_forms(target_lang) if target_lang else "",
        "X-Generator": GENERATOR,
        "X-Source-Language": langs.normalize(source_lang) if source_lang else "",
    }
    if not target_lang:
        del header["Plural-Forms"]
    return header


def _language(value: str) -> str:
    """A header's Language as a BCP 47 tag ('zh_Hans' -> 'zh-Hans', a POSIX locale name
    'zh_LATN@pinyin' -> 'zh-Latn' as the path's is read); kept as is if not a tag."""
    try:
        return langs.normalize(value) if value else ""
    except UsageError:
        from workbench.catalog_language import tag_of

        return tag_of(value, known_only=True) or value


def revised_header(header: dict[str, str]) -> dict[str, str]:
    """The header after a translator's save: only what gettext's editors change.

    PO-Revision-Date is now; X-Generator is updated only in catalogs workbench generated
    (another tool's catalog keeps naming that tool).
    """
    revised = dict(header)
    if revised:
        revised["PO-Revision-Date"] = po_date(datetime.now(timezone.utc))
        if revised.get("X-Generator", "").startswith("workbench"):
            revised["X-Generator"] = GENERATOR
    return revised


def utf8_header(header: dict[str, str]) -> dict[str, str]:
    """The header of the catalog converted to UTF-8 (its Content-Type says so)."""
    converted = dict(header)
    content_type = converted.get("Content-Type", "")
    if "charset=" in content_type:
        converted["Content-Type"] = re.sub(r"charset=[A-Za-z0-9._-]+", "charset=UTF-8",
                                           content_type)
    else:
        converted["Content-Type"] = "text/plain; charset=UTF-8"
    return converted


def _to_entry(unit: Unit) -> polib.POEntry:
    import polib  # only the fallback writer needs it: not imported on a read

    flags = (["fuzzy"] if unit.state is State.FUZZY else []) + unit.flags
    kwargs: dict[str, object] = {
        "msgid": unit.source,
        "msgstr": unit.target,
        "tcomment": "\n".join(unit.comments),
        "comment": "\n".join(unit.auto_comments),
        "occurrences": [(_reference_path(p), str(n) if n else "") for p, n in unit.locations],
        "flags": flags,
        "previous_msgid": unit.previous_source,
        "previous_msgctxt": unit.previous_context,
        "previous_msgid_plural": unit.previous_source_plural,
        "obsolete": unit.obsolete,
    }
    if unit.msgctxt is not None:
        kwargs["msgctxt"] = unit.msgctxt
    if unit.source_plural is not None:
        kwargs["msgid_plural"] = unit.source_plural
        kwargs["msgstr"] = ""
        kwargs["msgstr_plural"] = dict(enumerate([unit.target, *unit.target_plurals]))
    return polib.POEntry(**kwargs)


def _as_template(unit: Unit) -> Unit:
    return replace(unit, target="", state=State.UNTRANSLATED, comments=[], previous_source=None,
                   previous_context=None, previous_source_plural=None,
                   target_plurals=[""] * len(unit.target_plurals))


def format_po(catalog: Catalog, template: bool = False) -> str:
    """The catalog as PO text (POT when `template`: targets and states dropped).

    A catalog read from a file is written in that file's style: every entry that did not
    change is the text it was read from, byte for byte; changed and new entries are written
    as the tool that made the file would (see `workbench.formats.po_write`). A catalog
    workbench makes is written by polib, unwrapped.
    """
    text, newline = _render(catalog, template)
    return text if newline == "\n" else text.replace("\n", newline)


def _render(catalog: Catalog, template: bool) -> tuple[str, str]:
    """The catalog as PO text with LF line ends, and the line end the file is to have."""
    if catalog.po_source is not None:
        from workbench.formats.po_write import render_faithful

        units = [_as_template(u) for u in catalog.units if not u.obsolete] if template \
            else catalog.units
        text = render_faithful(catalog, units)
        if catalog.po_source.style.mixed_text is not None:
            return _with_line_ends(text, catalog.po_source), "\n"
        return text, catalog.po_source.style.newline
    return _format_polib(catalog, template), "\n"


def _format_polib(catalog: Catalog, template: bool) -> str:
    import polib

    po = polib.POFile(wrapwidth=0)
    po.header = catalog.header_comment
    po.metadata = dict(catalog.header)
    po.metadata_is_fuzzy = template
    for unit in catalog.units:
        if template:
            if unit.obsolete:
                continue
            unit = _as_template(unit)
        po.append(_to_entry(unit))
    text = po.__unicode__()
    if not catalog.header_comment and text.startswith("#\n"):
        text = text[2:]  # polib writes an empty comment line for an empty header comment
    return text if text.endswith("\n") else text + "\n"


def po_bytes(catalog: Catalog, template: bool = False, to_utf8: bool = False) -> bytes:
    """The catalog as the bytes of a PO file, in the charset its header declares.

    A character that charset cannot hold is an InputError (nothing is written), unless
    `to_utf8`: then the file becomes UTF-8, its header saying so.
    """
    if to_utf8:
        catalog = replace(catalog, header=utf8_header(catalog.header))
    text, newline = _render(catalog, template)
    style = catalog.po_source.style if catalog.po_source is not None else None
    charset = declared_charset(catalog.header) or (style.charset if style else "UTF-8")
    if style is not None and charset.upper() == style.charset.upper() and not to_utf8:
        codec = style.codec
    else:
        try:
            codec = codecs_for(charset)[0]
        except UsageError as exc:
            raise InputError(str(exc), catalog.path) from None
    wide = codec.startswith("utf-16")
    if wide and newline != "\n":  # in the text: a byte replace could hit half a character
        text, newline = text.replace("\n", newline), "\n"
    try:
        data = text.encode(codec, CP936_EURO if codec == "gbk" else "strict")
        if catalog.po_source is not None and style is not None and codec == style.codec:
            _check_declared(text, catalog.po_source)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start]
        line = text.count("\n", 0, text.find(bad)) + 1
        raise UnencodableError(
            f"{bad!r} (U+{ord(bad):04X}) cannot be written in {charset}, the catalog's "
            "charset: nothing written (--to-utf8 converts the catalog to UTF-8)",
            catalog.path, line) from None
    if newline != "\n":
        data = data.replace(b"\n", newline.encode("ascii"))
    if style is not None and style.bom and codec == "utf-8":
        data = _UTF8_BOM + data
    elif style is not None and style.bom and wide:
        data = "\ufeff".encode(codec) + data
    return data


def _check_declared(text: str, source: PoSource) -> None:
    """A file read with a superset of its declared charset (GBK characters in a "GB2312" file)
    keeps the characters it had, but gets no new ones its declared charset lacks: msgfmt, which
    reads it in that charset, would refuse them."""
    style = source.style
    strict = codecs_for(style.charset)[0]
    if strict == style.codec:
        return
    try:
        text.encode(strict)
        return
    except UnicodeEncodeError:
        pass
    had = {ch for ch in set(source.text) if not _encodable(ch, strict)}
    for ch in set(text):
        if ch not in had and not _encodable(ch, strict):
            raise UnicodeEncodeError(strict, ch, 0, 1, "not in the declared charset")


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def write_po(catalog: Catalog, path: str | os.PathLike[str], template: bool = False,
             to_utf8: bool = False) -> None:
    """Write the catalog atomically as PO (or POT), in its charset (see `po_bytes`)."""
    atomic_write_bytes(path, po_bytes(catalog, template, to_utf8))
