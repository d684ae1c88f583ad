"""Writing a catalog back into the PO file it was read from, changing only what changed.

The file is parsed again (its text is kept with the catalog) and each unit is matched to the
entry it came from by (obsolete, msgctxt, msgid). An entry whose unit did not change is
copied: its wrapping, `#:` grouping, comment and flag order, anything. A changed entry keeps
the lines of the parts that did not change and gets the others written in the file's style
(wrap width, `#:` layout, detected from the file), the way gettext would write them. New
entries are written in that style; the header changes only in the fields that changed.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from workbench.formats.po import (
    CJK_CODECS,
    _Entry,
    _parse_collected,
    _reference_path,
    parse_header,
)
from workbench.formats.po_wrap import text_width, wrap_field, wrap_references
from workbench.model import Catalog, State, Unit
from workbench.textio import LINE_BREAK

_RANK = {"comment": 0, "auto": 1, "refs": 2, "flags": 3, "prev": 4, "ctx": 5, "id": 6, "idp": 7,
         "str": 8}
_FIELD_KIND = {"msgctxt": "ctx", "msgid": "id", "msgid_plural": "idp"}
DEFAULT_WIDTH = 79  # msgmerge's and msgcat's page width
_SAMPLE_LINES = 60_000  # enough of a file to tell its style


@dataclass
class Layout:
    width: int = DEFAULT_WIDTH  # 0: strings are not wrapped at a width
    split_newlines: bool = True  # a string breaks after each \n (gettext); False: one line
    refs: str = "wrap"  # "wrap" (as many as fit a line), "each" (one a line), "single"
    cjk: bool = False  # a legacy CJK charset: ambiguous-width characters take two columns


def detect_layout(lines: list[str], header: dict[str, str], codec: str) -> Layout:
    """The style the file's strings and references are written in."""
    layout = Layout(cjk=codec in CJK_CODECS)
    broken = 0  # widest line broken for width (not after a \n)
    broken_lines = long_lines = 0
    split = one_line_newline = False
    refs_multi = refs_long = refs_each = False
    previous: str | None = None  # the literal of the string line before, in this field
    previous_line = ""
    was_ref = False
    for line in lines[:_SAMPLE_LINES]:
        core = line
        if core.startswith("#~"):
            core = core[2:].lstrip(" ")
        if core.startswith("|"):
            core = core[1:].lstrip(" ")
        elif core.startswith("#|"):
            core = core[2:].lstrip(" ")
        if core.startswith("msg"):
            literal = core.partition(" ")[2].strip()
            if "\\n" in literal[1:-3]:
                one_line_newline = True
            if len(line) > DEFAULT_WIDTH and text_width(line, layout.cjk) > DEFAULT_WIDTH:
                long_lines += 1
            previous, previous_line = literal, line
            was_ref = False
            continue
        if core.startswith('"'):
            if previous is not None:
                if previous == '""':
                    split = True
                elif not previous.endswith('\\n"'):
                    broken = max(broken, text_width(previous_line, layout.cjk))
                    broken_lines += 1
            if len(line) > DEFAULT_WIDTH and text_width(line, layout.cjk) > DEFAULT_WIDTH:
                long_lines += 1
            previous, previous_line = core.strip(), line
            continue
        previous = None
        if line.startswith("#:"):
            count = len(line.split()) - 1
            if count > 1:
                refs_multi = True
                if len(line) > DEFAULT_WIDTH:
                    refs_long = True
            if was_ref:
                refs_each = True
            was_ref = True
        else:
            was_ref = False
    ours = header.get("X-Generator", "").startswith("workbench")
    # Wrapped by a tool when strings are broken for width more often than lines are too long
    # (a few hand-broken lines in an unwrapped file, or the reverse, do not decide).
    if broken_lines and broken_lines >= long_lines:
        layout.width = max(DEFAULT_WIDTH, broken) if broken <= 2 * DEFAULT_WIDTH else 0
    elif long_lines or ours:  # workbench writes with polib, unwrapped
        layout.width = 0
    layout.split_newlines = split or not one_line_newline
    if refs_long or (ours and not layout.width):
        layout.refs = "single"
    elif refs_each and not refs_multi:
        layout.refs = "each"
    return layout


def _fields(unit: Unit) -> tuple[object, ...]:
    return (unit.msgctxt, unit.source, unit.source_plural, unit.target, unit.target_plurals,
            unit.state, unit.comments, unit.auto_comments, unit.locations, unit.flags,
            unit.previous_source, unit.previous_context, unit.previous_source_plural,
            unit.obsolete)


def _comment_lines(mark: str, comments: list[str]) -> list[str]:
    """Comment lines, one per line of each comment: a line break inside one (a note of
    several lines from another tool) would otherwise start a line that is not PO."""
    return [mark + (" " + line if line else "")
            for comment in comments for line in LINE_BREAK.split(comment)]


def _kind(line: str, current: str | None) -> tuple[str, str | None]:
    """What a line of an entry is: (kind, the field continuation lines now belong to)."""
    core = line
    obsolete = core.startswith("#~")
    if obsolete:
        core = core[2:].lstrip(" ")
        if core.startswith("|"):
            return "prev", "prev"
        if not core:
            return "other", current
    if core.startswith("msg"):
        keyword = core.partition(" ")[0]
        kind = _FIELD_KIND.get(keyword, "str")
        return kind, kind
    if core.startswith('"'):
        return (current or "other"), current
    if not obsolete and core.startswith("#"):
        mark = core[1:2]
        if mark == "|":
            return "prev", "prev"
        if mark == ",":
            return "flags", None
        if mark == ":":
            return "refs", None
        if mark == ".":
            return "auto", None
        return "comment", None
    return "other", None


def _groups(body: list[str]) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    current: str | None = None
    for line in body:
        kind, current = _kind(line, current)
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(line)
        else:
            groups.append((kind, [line]))
    return groups


class _Writer:
    def __init__(self, catalog: Catalog) -> None:
        assert catalog.po_source is not None
        self.catalog = catalog
        source = catalog.po_source
        self.pairs: list[tuple[_Entry, Unit | None]] = []
        self.original = _parse_collected(source.text, catalog.path or "<catalog>", self.pairs,
                                         codec=source.style.codec)
        self.final_newline = source.text.endswith("\n")
        lines = source.text.split("\n")
        if self.final_newline:
            lines.pop()
        self.lines = lines
        self.layout = detect_layout(lines, self.original.header, source.style.codec)

    # -- spans of the original file -------------------------------------------------------

    def spans(self) -> list[tuple[list[str], list[str]]]:
        """Each original entry's lines and the blank lines after it."""
        starts = [entry.line - 1 for entry, _ in self.pairs] + [len(self.lines)]
        result = []
        for k in range(len(self.pairs)):
            span = self.lines[starts[k]:starts[k + 1]]
            end = len(span)
            while end > 0 and not span[end - 1].strip():
                end -= 1
            result.append((span[:end], span[end:]))
        return result

    # -- rendering ----------------------------------------------------------------------

    def wrap(self, prefix: str, name: str, value: str, no_wrap: bool = False) -> list[str]:
        """`no_wrap`: the entry's `#, no-wrap` flag, by which gettext breaks its strings only
        after a \n, never for the width."""
        layout = self.layout
        return [line for group in wrap_field(prefix, name, value, 0 if no_wrap else layout.width,
                                             layout.cjk, layout.split_newlines)
                for line in group]

    def references(self, unit: Unit) -> list[str]:
        refs = [_reference_path(p) + (f":{n}" if n else "") for p, n in unit.locations]
        if not refs:
            return []
        if self.layout.refs == "each":
            return [f"#: {ref}" for ref in refs]
        if self.layout.refs == "single":
            return ["#: " + " ".join(refs)]
        return wrap_references(refs, self.layout.width or DEFAULT_WIDTH)

    def parts(self, unit: Unit, flags: list[str]) -> dict[str, list[str]]:
        """Every part of the unit's entry, rendered."""
        obsolete = unit.obsolete
        prefix = "#~ " if obsolete else ""
        previous = "#~| " if obsolete else "#| "
        no_wrap = "no-wrap" in flags
        prev: list[str] = []
        for name, value in (("msgctxt", unit.previous_context), ("msgid", unit.previous_source),
                            ("msgid_plural", unit.previous_source_plural)):
            if value is not None:
                prev += self.wrap(previous, name, value, no_wrap)
        if unit.source_plural is not None:
            strs = [line for i, text in enumerate([unit.target, *unit.target_plurals])
                    for line in self.wrap(prefix, f"msgstr[{i}]", text, no_wrap)]
        else:
            strs = self.wrap(prefix, "msgstr", unit.target, no_wrap)
        return {
            "comment": _comment_lines("#", unit.comments),
            "auto": _comment_lines("#.", unit.auto_comments),
            "refs": self.references(unit),
            "flags": ["#, " + ", ".join(flags)] if flags else [],
            "prev": prev,
            "ctx": self.wrap(prefix, "msgctxt", unit.msgctxt, no_wrap)
            if unit.msgctxt is not None else [],
            "id": self.wrap(prefix, "msgid", unit.source, no_wrap),
            "idp": self.wrap(prefix, "msgid_plural", unit.source_plural, no_wrap)
            if unit.source_plural is not None else [],
            "str": strs,
        }

    def new_entry(self, unit: Unit) -> list[str]:
        flags = (["fuzzy"] if unit.state is State.FUZZY else []) + unit.flags
        parts = self.parts(unit, flags)
        return [line for kind in _RANK for line in parts[kind]]

    def changed_entry(self, body: list[str], entry: _Entry, old: Unit, unit: Unit) -> list[str]:
        """The entry with the parts that changed written anew, the others as they were."""
        old_fuzzy = "fuzzy" in entry.flags
        fuzzy = old_fuzzy if unit.state is old.state else unit.state is State.FUZZY
        if fuzzy == old_fuzzy and unit.flags == old.flags:
            flags = list(entry.flags)
        else:
            flags = (["fuzzy"] if fuzzy else []) + unit.flags
        changed = {
            "comment": unit.comments != old.comments,
            "auto": unit.auto_comments != old.auto_comments,
            "refs": unit.locations != old.locations,
            "flags": flags != entry.flags,
            "prev": (unit.previous_context, unit.previous_source, unit.previous_source_plural)
            != (old.previous_context, old.previous_source, old.previous_source_plural),
            "ctx": unit.msgctxt != old.msgctxt,
            "id": unit.source != old.source,
            "idp": unit.source_plural != old.source_plural,
            "str": (unit.target, unit.target_plurals) != (old.target, old.target_plurals),
        }
        parts = self.parts(unit, flags)
        groups: list[tuple[str, list[str] | None]] = list(_groups(body))
        present = {kind for kind, _ in groups}
        for kind in _RANK:  # parts the entry did not have: where gettext puts them
            if kind not in present and parts[kind]:
                at = next((i for i, (k, _) in enumerate(groups)
                           if _RANK.get(k, -1) > _RANK[kind]), len(groups))
                groups.insert(at, (kind, None))
        out: list[str] = []
        done: set[str] = set()
        for kind, lines in groups:
            if kind not in _RANK or (lines is not None and not changed[kind]):
                out += lines or []
            elif kind not in done:
                out += parts[kind]
                done.add(kind)
        return out

    def header(self, body: list[str] | None, entry: _Entry | None) -> list[str]:
        catalog = self.catalog
        header, comment = catalog.header, catalog.header_comment
        original = self.original
        if body is not None and list(header.items()) == list(original.header.items()) and \
                comment == original.header_comment:
            return body
        comment_lines = ["#" + (" " + c if c else "") for c in comment.split("\n")] \
            if comment else []
        if body is None or entry is None:
            if not header and not comment:
                return []
            value = "".join(f"{k}: {v}\n" for k, v in header.items())
            return [*comment_lines, 'msgid ""', *self.wrap("", "msgstr", value)]
        old_value = entry.joined("msgstr") or ""
        new_value = _revised_value(old_value, original.header, header)
        out: list[str] = []
        for kind, lines in _groups(body):
            if kind == "comment":
                if comment != original.header_comment:
                    out += comment_lines
                    comment_lines = []
                else:
                    out += lines
            elif kind == "str":
                out += self.header_msgstr(lines, new_value) if new_value != old_value else lines
            else:
                out += lines
        if comment_lines and comment != original.header_comment:
            out = comment_lines + out
        return out

    def header_msgstr(self, lines: list[str], value: str) -> list[str]:
        """The header's msgstr lines for `value`, reusing the lines of unchanged fields."""
        from workbench.formats.po import _Parser

        parser = _Parser(self.catalog.path or "<catalog>")
        pieces = []
        for line in lines:
            literal = line.partition(" ")[2] if line.startswith("msgstr") else line
            pieces.append(parser.string(literal.strip(), 0))
        old: dict[str, list[list[str]]] = {}
        out = ['msgstr ""']
        start = 0
        if pieces and pieces[0] == "":
            out = [lines[0]]
            start = 1
        text, group = "", []
        for line, piece in zip(lines[start:], pieces[start:], strict=True):
            text += piece
            group.append(line)
            if text.endswith("\n"):
                old.setdefault(text, []).append(group)
                text, group = "", []
        if group:  # a last field without \n
            old.setdefault(text, []).append(group)
        portions = value.splitlines(keepends=True)
        at = 0
        while at < len(portions):
            # a group of lines holds one field, or several ("...\nnext" lines): the longest
            # run of fields one unchanged group holds
            reach = next((k for k in range(min(len(portions) - at, 20), 0, -1)
                          if old.get("".join(portions[at:at + k]))), 1)
            portion = "".join(portions[at:at + reach])
            at += reach
            reused = old.get(portion)
            if reused:
                group = reused.pop(0)
                if group[0].startswith("msgstr"):
                    # the value began on the keyword line (OmegaT, KBabel write the first
                    # field there): that line goes first, as it was, or becomes a string line
                    if start == 0 and out == ['msgstr ""']:
                        out = []
                    else:
                        group = ['"' + group[0].partition('"')[2], *group[1:]]
                out += group
            else:
                rendered = wrap_field("", "msgstr", portion, self.layout.width, self.layout.cjk)
                out += rendered[-1] if rendered[0] == ['msgstr ""'] else \
                    ['"' + rendered[0][0].partition('"')[2]]
        return out

    # -- the file -----------------------------------------------------------------------

    def render(self, units: list[Unit]) -> str:
        spans = self.spans()
        first = self.pairs[0][0].line - 1 if self.pairs else len(self.lines)
        prefix = self.lines[:first]
        lookup: dict[tuple[bool, str | None, str], list[int]] = {}
        header_at: int | None = None
        for index, (_, old) in enumerate(self.pairs):
            if old is None:
                header_at = index
                continue
            lookup.setdefault((old.obsolete, old.msgctxt, old.source), []).append(index)
        # (lines, blank lines after them, index of the original entry or None for a new one)
        items: list[tuple[list[str], list[str], int | None]] = []
        if header_at is not None:
            body, trailer = spans[header_at]
            items.append((self.header(body, self.pairs[header_at][0]), trailer, header_at))
        else:
            lines = self.header(None, None)
            if lines:
                items.append((lines, [""], None))
        for unit in units:
            found = lookup.get((unit.obsolete, unit.msgctxt, unit.source))
            if not found:
                items.append((self.new_entry(unit), [""], None))
                continue
            index = found.pop(0)
            body, trailer = spans[index]
            entry, old = self.pairs[index]
            assert old is not None
            if _fields(unit) != _fields(old):
                body = self.changed_entry(body, entry, old, unit)
            items.append((body, trailer, index))
        final = spans[-1][1] if spans else []
        out = list(prefix)
        for k, (body, trailer, at) in enumerate(items):
            out += body
            if k == len(items) - 1:
                out += final
            elif at is not None and items[k + 1][2] == at + 1:
                out += trailer  # the entry that followed it in the file: as they were parted
            else:
                out += trailer or [""]
        text = "\n".join(out)
        if self.final_newline or (items and not self.pairs):  # comments alone stay as they were
            text += "\n"
        return text


def _revised_value(old: str, old_header: dict[str, str], header: dict[str, str]) -> str:
    """The header msgstr with the fields that changed rewritten, in the order it had; new
    fields at the end, removed ones gone, lines that are not fields kept. A field the file
    gives twice (vim's zh_CN has two POT-Creation-Date lines) keeps both lines, each with
    the new value if it changed."""
    remaining = dict(header)
    lines = []
    for line in old.splitlines(keepends=True):
        key, sep, _ = line.partition(":")
        key = key.strip()
        if sep and key in old_header:
            if key in header:
                remaining.pop(key, None)
                value = header[key]
                end = "\n" if line.endswith("\n") else ""  # a last field without one keeps so
                lines.append(line if value == old_header[key] else f"{key}: {value}{end}")
            continue
        lines.append(line)
    if remaining and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # a new field after a last one without \n: on a line of its own
    lines += [f"{k}: {v}\n" for k, v in remaining.items()]
    return "".join(lines)


def render_faithful(catalog: Catalog, units: list[Unit]) -> str:
    """The catalog, with these units, as the PO text of the file it was read from."""
    # Many small objects, none cyclic: the cycle collector would only slow this down.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Writer(catalog).render(units)
    finally:
        if enabled:
            gc.enable()


__all__ = ["Layout", "detect_layout", "parse_header", "render_faithful"]
