"""The PO reader's fast path (one regular expression match per simple entry) against its line
loop alone: on any text, the same entries, units and errors."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.formats import po

# Lines of every kind the line loop knows, and some it refuses.
ODD_LINES = ['#: a.c:1', '#: a.c:1 b.c:2', '#. note', '#.note', '# tc', '#', '#, fuzzy',
             '#, c-format, fuzzy', '#| msgid "old"', '#~ msgid "o"', '#~ msgstr "p"', '#x odd',
             '#~', 'msgctxt "c"', 'msgctxt ""', 'msgid "a"', 'msgid ""', 'msgid "e\\n"',
             'msgid "bad\\q"', 'msgstr "x"', 'msgstr ""', 'msgstr "y\\"z"', 'msgid_plural "as"',
             'msgstr[0] "x"', 'msgstr[1] "y"', '"cont"', '', '  ', 'msgid  "sp"', 'msgstr "t" ',
             'msgid "q"q"', 'garbage']
_COMMENTS = st.tuples(
    st.lists(st.sampled_from(["# tc", "#", "#  two spaces"]), max_size=2),
    st.lists(st.sampled_from(["#. note", "#.note", "#. "]), max_size=2),
    st.lists(st.sampled_from(["#: a.c:1", "#: a.c:1 b.c:2", "#: \u2068my doc.txt\u2069:3"]),
             max_size=2),
    st.lists(st.sampled_from(["#, fuzzy", "#, c-format, fuzzy", "#, no-wrap"]), max_size=2))
_STRING = st.sampled_from(["", "a", "b", "中文", 'say \\"hi\\"', "tab\\there", "nl\\n",
                           "bad\\q", "\\101"])


@st.composite
def simple_entry(draw: st.DrawFn) -> str:
    """An entry the fast path may take: comments, msgctxt, msgid, msgstr, blank lines."""
    lines = [line for group in draw(_COMMENTS) for line in group]
    context = draw(st.one_of(st.none(), _STRING))
    if context is not None:
        lines.append(f'msgctxt "{context}"')
    lines += [f'msgid "{draw(_STRING)}"', f'msgstr "{draw(_STRING)}"']
    lines += [""] * draw(st.integers(0, 2))
    return "\n".join(lines)


TEXTS = st.lists(st.one_of(simple_entry(), st.sampled_from(ODD_LINES)), max_size=12).map(
    "\n".join) | st.lists(simple_entry(), max_size=8).map("\n".join)
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def entry_fields(entry: po._Entry | tuple) -> tuple:  # type: ignore[type-arg]
    if isinstance(entry, tuple):
        entry = po._entry_of(entry)  # type: ignore[arg-type]
    return (entry.line, entry.obsolete, entry.comments, entry.auto_comments, entry.references,
            entry.flags, entry.fields, entry.seen_msgid, entry.seen_msgstr)


def outcome(text: str) -> tuple:  # type: ignore[type-arg]
    """What reading `text` gives: its entries and units, or the error."""
    try:
        entries = [entry_fields(e) for e in po._Parser("t.po").entries(text)]
        catalog = po.parse_po(text, "t.po")
    except InputError as exc:
        return ("error", str(exc))
    return entries, catalog.units, catalog.header, catalog.header_comment


@settings(max_examples=400, deadline=None)
@given(st.booleans(), TEXTS, st.sampled_from(["", "\n", "\n\n"]))
def test_the_fast_path_reads_as_the_line_loop(header: bool, body: str, end: str) -> None:
    text = (HEADER if header else "") + body + end
    fast = outcome(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(po, "_SIMPLE_ENTRY", re.compile(r"(?!)"))  # the line loop alone
        assert outcome(text) == fast


def test_the_fast_path_takes_the_common_entries() -> None:
    """It is used: a catalog as gettext and workbench write it goes through it."""
    text = HEADER + "".join(
        f'# tc\n#. paragraph {n}\n#: doc.txt:{n}\n#, fuzzy\nmsgctxt "u{n}"\nmsgid "第{n}句"\n'
        f'msgstr "S\\"{n}\\""\n\n' for n in range(50))
    entries = list(po._Parser("t.po").entries(text))
    assert sum(isinstance(e, tuple) for e in entries) == 51  # the header too
    units = po.parse_po(text, "t.po").units
    assert units[7].target == 'S"7"' and units[7].comments == ["tc"]
    assert units[7].locations == [("doc.txt", 7)] and units[7].entry_line == 3 + 8 * 7 + 1


@pytest.mark.parametrize("line", ["²", "9" * 5000, "１２", "-3"],
                         ids=["superscript", "5000-digits", "full-width", "negative"])
def test_a_reference_line_that_is_no_number_is_part_of_the_path(line: str) -> None:
    """'²' passes isdigit() and int() refuses it; 5,000 digits int() refuses too: the whole
    reference is then the path, as for a reference without a line (never a traceback)."""
    text = f'#: a.c:{line} b.c:7\nmsgid "a"\nmsgstr "b"\n'
    unit = po.parse_po_bytes(text.encode(), "x.po").units[0]
    assert unit.locations == [(f"a.c:{line}", 0), ("b.c", 7)]


@pytest.mark.parametrize(("head", "kind"), [
    ('<?xml version="1.0"?>\n<xliff version="1.2">', "an XLIFF file"),
    ('\ufeff<?xml version="1.0"?>\n<tmx version="1.4">', "a TMX file"),
    ("<html><body>", "an XML file")])
@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_an_xml_file_where_a_catalog_belongs_is_named(head: str, kind: str, codec: str) -> None:
    """XLIFF or TMX given to stats, check or edit: one line saying what it is and how to
    bring it in, not a syntax error at its first line."""
    with pytest.raises(InputError) as caught:
        po.parse_po_bytes((head + "\n</x>\n").encode(codec), "their.xlf")
    assert str(caught.value).startswith(f"their.xlf:1: {kind}, not a PO catalog")
    assert "workbench import" in str(caught.value)
