"""What `workbench export` writes, read by the other tools of the trade: GNU gettext
(msgfmt, msgcat, msgunfmt), Python's gettext and csv modules, translate-toolkit (its XLIFF
and TMX readers, xliff2po), lxml against the XLIFF 1.2 strict schema, and `workbench import`
back into a copy of the catalog. Catalogs are copied out of the repository first: inside it
they would take this project's source language."""

from __future__ import annotations

import csv
import gettext
import io
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree

from conftest import DATA, run_cli

PO = DATA / "po"
# Big5, GBK with plurals, msgctxt (shared, empty, fuzzy plural), fuzzy and obsolete with #|,
# Qt contexts on every entry, plurals and python-format.
CORPUS = ["vim_zh_TW_big5.po", "vim_zh_CN_cp936_dated_twice.po", "gnome_calculator_msgctxt.po",
          "gnome_calculator_obsolete_previous.po", "kid3_zh_CN_crowdin_qt.po",
          "django_zh_Hans_transifex.po"]
EXT = {"po": "po", "mo": "mo", "xliff": "xlf", "xliff2": "xliff", "tmx": "tmx", "csv": "csv"}


def _export(name: str, fmt: str, tmp_path: Path) -> tuple[Path, Path]:
    """(the catalog's copy, the exported file)."""
    po = tmp_path / name
    shutil.copyfile(PO / name, po)
    out = tmp_path / f"out.{EXT[fmt]}"
    result = run_cli("export", str(po), "-f", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return po, out


def _entries(po: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(po)) if not e.obsolete]


@pytest.mark.parametrize("name", CORPUS)
def test_po_export_passes_msgfmt_checks_and_msgcat(name: str, tmp_path: Path) -> None:
    _, out = _export(name, "po", tmp_path)
    check = subprocess.run(["msgfmt", "--check-format", "--check-header", "--check-domain",
                            "-o", "/dev/null", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    cat = subprocess.run(["msgcat", str(out), "-o", str(tmp_path / "cat.po")],
                         capture_output=True, text=True)
    assert cat.returncode == 0, cat.stderr


@pytest.mark.parametrize("name", CORPUS)
def test_mo_unfmt_equals_msgfmts_and_gettext_reads_it(name: str, tmp_path: Path) -> None:
    po, ours = _export(name, "mo", tmp_path)
    theirs = tmp_path / "msgfmt.mo"
    subprocess.run(["msgfmt", "-o", str(theirs), str(po)], check=True)

    def unfmt(mo: Path) -> bytes:
        # Our MO of a legacy-charset catalog is UTF-8 where msgfmt keeps the charset
        # (docs/formats.md): compare both in UTF-8.
        text = subprocess.run(["msgunfmt", str(mo)], capture_output=True, check=True).stdout
        return subprocess.run(["msgconv", "-t", "UTF-8"], input=text, capture_output=True,
                              check=True).stdout
    assert unfmt(ours) == unfmt(theirs)
    with ours.open("rb") as f:
        translations = gettext.GNUTranslations(f)
    for entry in _entries(po):
        if entry.translated() and not entry.msgid_plural:
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            assert translations._catalog[key] == entry.msgstr  # type: ignore[attr-defined]


def test_xliff_locations_are_read_by_translate_toolkit(xliff_schema: etree.XMLSchema,
                                                       tmp_path: Path) -> None:
    """translate-toolkit's XLIFF reader takes one location per context-group of purpose
    `location` (as its po2xliff writes them): all of a unit's locations in one group gave it
    the first only."""
    from translate.storage import xliff

    po, out = _export("gnome_calculator_obsolete_previous.po", "xliff", tmp_path)
    assert xliff_schema.validate(etree.parse(str(out))), xliff_schema.error_log
    expected = {e.msgid: [f"{p}:{n}" if n else p for p, n in e.occurrences]
                for e in _entries(po)}
    assert any(len(v) > 1 for v in expected.values())
    # The plain XLIFF unit: for datatype="po" translate-toolkit switches to its PO dialect,
    # which wants every group named "po-reference" (invalid: names are unique in a <file>).
    ns = "urn:oasis:names:tc:xliff:document:1.2"
    units = []
    for el in etree.parse(str(out)).iter(f"{{{ns}}}trans-unit"):
        unit = xliff.Xliff1Unit.createfromxmlElement(el)
        unit.namespace = ns
        units.append(unit)
    assert {str(u.source): u.getlocations() for u in units} == expected


def test_xliff_states_read_by_translate_toolkit(tmp_path: Path) -> None:
    """Fuzzy stays fuzzy, untranslated untranslated, translated translated (a plural entry's
    group cannot say `approved` under the strict schema, so only single units are compared)."""
    from translate.storage import factory

    po, out = _export("gnome_calculator_obsolete_previous.po", "xliff", tmp_path)
    store = factory.getobject(str(out))
    units = {str(u.source): u for u in store.units if not u.hasplural()}
    entries = [e for e in _entries(po) if not e.msgid_plural]
    assert any(e.fuzzy for e in entries) and any(e.translated() for e in entries)
    for entry in entries:
        unit = units[entry.msgid]
        assert unit.isfuzzy() == ("fuzzy" in entry.flags and bool(entry.msgstr)), entry.msgid
        assert unit.istranslated() == entry.translated(), entry.msgid
        assert str(unit.target or "") == entry.msgstr


def test_tmx_contexts_and_languages_read_by_translate_toolkit(tmp_path: Path) -> None:
    """Every msgctxt is a `<prop type="x-context">`, as po2tmx writes it: a context that is
    also the unit's tuid was left out, and translate-toolkit read no context."""
    from translate.storage import factory

    po, out = _export("kid3_zh_CN_crowdin_qt.po", "tmx", tmp_path)
    store = factory.getobject(str(out))
    assert store.sourcelanguage == "en"
    root = etree.parse(str(out)).getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    tus = root.findall("body/tu")
    assert all({tuv.get(xml_lang) for tuv in tu.findall("tuv")} == {"en", "zh-CN"}
               for tu in tus)
    read = {(u.getcontext(), str(u.source)): str(u.target) for u in store.units}
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in _entries(po) if e.translated()}
    assert len(tus) == len(expected) == len(read)
    assert read == expected


CSV_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"

msgctxt "a,b"
msgid "One, two, \\"three\\""
msgstr "一，二，“三”, \\"四\\""

msgid "Line one\\nline two\\r\\nline three"
msgstr "第一行\\n第二行\\r\\n第三行"

#, fuzzy
msgid "=SUM(A1)"
msgstr "'草稿"

msgid "untranslated; with a semicolon"
msgstr ""
"""


def test_csv_reads_back_in_pythons_csv_module(tmp_path: Path) -> None:
    """RFC 4180 as Excel and LibreOffice read it: a UTF-8 byte-order mark, CRLF between
    records, a cell with a comma, a quote or a line break quoted, quotes doubled."""
    from workbench.formats.csvfmt import undefuse

    po = tmp_path / "zh_CN.po"
    po.write_text(CSV_PO, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run_cli("export", str(po), "-f", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,source,target,state\r\n")
    assert b'"One, two, ""three"""' in raw and b'"Line one\nline two\r\nline three"' in raw
    assert raw.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [[undefuse(c) for c in r[1:]] for r in rows[1:]] == [
        ['One, two, "three"', '一，二，“三”, "四"', "translated"],
        ["Line one\nline two\r\nline three", "第一行\n第二行\r\n第三行", "translated"],
        ["=SUM(A1)", "'草稿", "fuzzy"],
        ["untranslated; with a semicolon", "", "untranslated"],
    ]
    assert rows[1][0].startswith("a,b")


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx", "csv"])
@pytest.mark.parametrize("name", ["vim_zh_TW_big5.po", "vim_zh_CN_cp936_dated_twice.po",
                                  "gnome_calculator_msgctxt.po"])
def test_export_then_import_changes_nothing(name: str, fmt: str, tmp_path: Path) -> None:
    po, out = _export(name, fmt, tmp_path)
    result = run_cli("import", str(out), "--into", str(po))
    assert result.returncode == 0, result.stdout + result.stderr
    assert po.read_bytes() == (PO / name).read_bytes()


@pytest.mark.parametrize("name", CORPUS)
def test_xliff2_follows_the_core_rules(name: str, tmp_path: Path) -> None:
    """XLIFF 2.0 core rules a validator checks (no schema is kept here): BCP 47 `srcLang`
    and `trgLang`, unit and group ids unique in the <file>, `<notes>` before the segments,
    states from the core list, a state past `initial` only with a target; and each unit's
    state is its entry's (a fuzzy draft: `initial` with a target)."""
    po, out = _export(name, "xliff2", tmp_path)
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    root = etree.parse(str(out)).getroot()
    languages = {"vim_zh_TW_big5.po": "zh-Hant", "gnome_calculator_msgctxt.po": "zh-CN",
                 "gnome_calculator_obsolete_previous.po": "zh-CN",
                 "kid3_zh_CN_crowdin_qt.po": "zh-CN", "vim_zh_CN_cp936_dated_twice.po": "zh-CN",
                 "django_zh_Hans_transifex.po": "zh-CN"}
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", languages[name])
    (file,) = root.findall(f"{ns}file")
    ids = [el.get("id") for el in file.iter(f"{ns}unit", f"{ns}group")]
    assert len(ids) == len(set(ids))
    for el in file.iter(f"{ns}unit", f"{ns}group"):
        tags = [child.tag for child in el]
        if f"{ns}notes" in tags:
            assert tags.index(f"{ns}notes") == 0
    entries = {(e.msgctxt, e.msgid): e for e in _entries(po)}
    assert len(file.findall(f"{ns}unit")) + len(file.findall(f"{ns}group")) == len(entries)
    for unit in file.iter(f"{ns}unit"):
        (segment,) = unit.findall(f"{ns}segment")
        state = segment.get("state", "initial")
        target = segment.find(f"{ns}target")
        assert state in ("initial", "translated", "reviewed", "final")
        assert state == "initial" or target is not None
    for unit in file.findall(f"{ns}unit"):
        segment = unit.find(f"{ns}segment")
        source = "".join(segment.find(f"{ns}source").itertext())  # type: ignore[union-attr]
        entry = entries[(unit.get("name") if unit.get("name") is not None
                         else _context_of_id(unit.get("id"), entries, source), source)]
        target = segment.find(f"{ns}target")
        expected = ("translated" if entry.translated() else "initial")
        assert segment.get("state", "initial") == expected, source
        assert (target is not None and bool("".join(target.itertext()))) == bool(entry.msgstr)


def _context_of_id(uid: str | None, entries: dict, source: str) -> str | None:  # type: ignore[type-arg]
    """A unit's msgctxt when it has no `name`: its id is the msgctxt, if the catalog has one."""
    return uid if (uid, source) in entries else None
