"""Inline codes of other tools' files, XLIFF 1.1 without a version, and the CSV round trip."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, run_cli
from workbench.formats import export_catalog, read_exchange
from workbench.formats.csvfmt import defuse, read_csv, undefuse, write_csv
from workbench.formats.po import format_po, read_po
from workbench.import_merge import merge_import
from workbench.model import Catalog, State, Unit

FORMATS_DATA = DATA / "formats"
# Duplicati's Angular client: its messages.zh-Hans.xlf cut to 5 units, and the same units of
# the messages.zh-Hans.json Angular's tools write next to it.
ANGULAR_XLF = FORMATS_DATA / "angular" / "messages.zh-Hans.xlf"
ANGULAR_JSON = FORMATS_DATA / "angular" / "messages.zh-Hans.json"
OMEGAT_TMX = FORMATS_DATA / "omegat" / "test-level2.tmx"  # OmegaT's own test data


def test_angular_placeholders_read_as_angular_writes_them() -> None:
    """`<x id="INTERPOLATION" equiv-text="{{ ... }}"/>` was dropped, leaving 'Download update
    - ' and double spaces: it is `{$INTERPOLATION}`, the text Angular's own JSON holds."""
    units = read_exchange(ANGULAR_XLF).catalog.units
    angular = json.loads(ANGULAR_JSON.read_text(encoding="utf-8"))["translations"]
    assert len(units) == len(angular) == 5
    for unit in units:
        assert unit.target.strip() == angular[unit.id].strip()
    by_id = {u.id: u for u in units}
    assert by_id["6824924874103099902"].source == (
        "{$START_TAG_SH_ICON}download{$CLOSE_TAG_SH_ICON} Download update - {$INTERPOLATION} ")
    assert "{$INTERPOLATION_1}" in by_id["1622563533269836843"].target
    assert all("  " not in u.target for u in units)


def test_angular_round_trip_through_every_exchange_format(tmp_path: Path) -> None:
    exchange = read_exchange(ANGULAR_XLF)
    catalog = Catalog(units=exchange.catalog.units, source_lang="en", target_lang="zh-Hans")
    want = [(u.source, u.target) for u in catalog.units]
    for fmt, ext in (("xliff", "xlf"), ("xliff2", "xliff"), ("tmx", "tmx"), ("csv", "csv")):
        path = tmp_path / f"again.{ext}"
        path.write_bytes(export_catalog(catalog, fmt).data)
        back = read_exchange(path, "zh-Hans").catalog.units
        assert [(u.source, u.target) for u in back] == want, fmt


def test_angular_translations_import_into_a_po_catalog(tmp_path: Path) -> None:
    """The placeholders survive into a PO file and out of it again."""
    exchange = read_exchange(ANGULAR_XLF)
    po = tmp_path / "zh_Hans.po"
    template = Catalog(units=[Unit(u.id, u.source, has_context=True)
                              for u in exchange.catalog.units])
    po.write_text(format_po(template), encoding="utf-8")
    result = run_cli("import", str(ANGULAR_XLF), "--into", str(po))
    assert result.returncode == 0, result.stdout + result.stderr
    catalog = read_po(po)
    assert [u.target for u in catalog.units] == [u.target for u in exchange.catalog.units]
    assert all(u.state is State.TRANSLATED for u in catalog.units)


def test_a_plain_catalog_still_matches_a_source_with_codes() -> None:
    """A catalog whose source never had the codes matches the file's source without them."""
    exchange = read_exchange(ANGULAR_XLF)
    catalog = Catalog(units=[Unit("d", "Details arrow-square-in")])
    report = merge_import(catalog, exchange.catalog)
    assert report.matched == 1
    assert catalog.units[0].target == \
        "详情 {$START_TAG_SH_ICON}arrow-square-in{$CLOSE_TAG_SH_ICON}"


def test_omegat_native_codes_are_their_text() -> None:
    units = read_exchange(OMEGAT_TMX, "be").catalog.units
    assert [(u.source, u.target) for u in units] == [
        ("entuv", "betuv"),
        ("First part internal end.", "First {\\test internal />} tr."),
        ("<a> zz <b>xx</c>", "First {\\test internal />} tr."),
    ]


XLIFF2_ANGULAR = """<?xml version="1.0" encoding="UTF-8" ?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">
  <file id="ngi18n" original="ng.template">
    <unit id="7056919470098446707">
      <notes>
        <note category="location">file.ts:3</note>
      </notes>
      <segment>
        <source>translatable element <pc id="0" equivStart="START_BOLD_TEXT" equivEnd="CLOSE_BOLD_TEXT" type="fmt" dispStart="&lt;b&gt;" dispEnd="&lt;/b&gt;">with placeholders</pc> <ph id="1" equiv="INTERPOLATION" disp="{{ interpolation}}"/></source>
        <target><ph id="1" equiv="INTERPOLATION" disp="{{ interpolation}}"/> élément traduisible <pc id="0" equivStart="START_BOLD_TEXT" equivEnd="CLOSE_BOLD_TEXT" type="fmt" dispStart="&lt;b&gt;" dispEnd="&lt;/b&gt;">avec des espaces réservés</pc></target>
      </segment>
    </unit>
    <unit id="okapi">
      <originalData><data id="d1">%s</data><data id="d2">&lt;b&gt;</data><data id="d3">&lt;/b&gt;</data></originalData>
      <segment>
        <source>Delete <ph id="1" dataRef="d1"/> <pc id="2" dataRefStart="d2" dataRefEnd="d3">now</pc>?</source>
        <target>Supprimer <ph id="1" dataRef="d1"/> <sc id="3" dataRef="d2"/>maintenant<ec startRef="3" dataRef="d3"/> ?</target>
      </segment>
    </unit>
  </file>
</xliff>
"""  # noqa: E501 (the first unit is Angular's xliff2 output as its own tests give it)


def test_xliff2_ph_pc_sc_ec(tmp_path: Path) -> None:
    path = tmp_path / "messages.fr.xlf"
    path.write_text(XLIFF2_ANGULAR, encoding="utf-8")
    first, second = read_exchange(path).catalog.units
    assert first.source == ("translatable element {$START_BOLD_TEXT}with placeholders"
                            "{$CLOSE_BOLD_TEXT} {$INTERPOLATION}")
    assert first.target == ("{$INTERPOLATION} élément traduisible {$START_BOLD_TEXT}avec des "
                            "espaces réservés{$CLOSE_BOLD_TEXT}")
    # Original data (Okapi): the codes are the text they stand for.
    assert (second.source, second.target) == ("Delete %s <b>now</b>?",
                                              "Supprimer %s <b>maintenant</b> ?")


def test_empty_codes_without_a_name_are_tokens_not_gaps(tmp_path: Path) -> None:
    path = tmp_path / "x.xlf"
    path.write_text("""<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="en" target-language="zh-CN" datatype="plaintext"><body>
<trans-unit id="1"><source>Press <x id="1"/> to <bx id="2"/>go<ex id="3" rid="2"/></source>
<target>按 <x id="1"/> <bx id="2"/>前进<ex id="3" rid="2"/></target></trans-unit>
</body></file></xliff>""", encoding="utf-8")
    unit = read_exchange(path).catalog.units[0]
    assert unit.source == "Press {$1} to {$2}go{/$3}"
    assert unit.target == "按 {$1} {$2}前进{/$3}"


XLIFF11 = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1">
  <file original="doc.txt" source-language="en-US" target-language="zh-CN" datatype="plaintext">
    <body>
      <trans-unit id="1" xml:space="preserve">
        <source>test</source>
        <target state="translated">测试</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_11_namespace_without_a_version_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.xlf"
    path.write_text(XLIFF11, encoding="utf-8")
    unit = read_exchange(path).catalog.units[0]
    assert (unit.source, unit.target, unit.state) == ("test", "测试", State.TRANSLATED)
    path.write_text(XLIFF11.replace("document:1.1", "document:1.0"), encoding="utf-8")
    assert read_exchange(path).catalog.units[0].target == "测试"
    path.write_text(XLIFF11.replace("document:1.1", "document:3.0"), encoding="utf-8")
    po = tmp_path / "zh_CN.po"
    po.write_text(format_po(Catalog(units=[Unit("1", "test")])), encoding="utf-8")
    result = run_cli("import", str(path), "--into", str(po))
    assert result.returncode == 2 and "unsupported XLIFF version" in result.stderr
    assert "Traceback" not in result.stderr


# CSV ---------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")))
def test_any_text_round_trips_through_csv(text: str) -> None:
    catalog = Catalog([Unit(text or "id", text, text, State.TRANSLATED if text else
                            State.UNTRANSLATED)])
    back = read_csv(write_csv(catalog), "x.csv").catalog.units
    assert [(u.id, u.source, u.target) for u in back] == [(text or "id", text, text)]
    assert undefuse(defuse(text)) == text


def test_csv_quote_prefix_is_reversible() -> None:
    """'-x and '=x already start with the quote the export puts before a formula: they came
    back without it (and an id starting with = was not defused at all)."""
    cells = ["'-5", "'=A1", "=A1", "''", "'", "-5°C", "- item", "=id"]
    catalog = Catalog([Unit(c, c, c, State.TRANSLATED) for c in cells])
    data = write_csv(catalog)
    assert b"\r\n=id," not in data  # every column is defused
    back = read_csv(data, "x.csv").catalog.units
    assert [(u.id, u.source, u.target) for u in back] == [(c, c, c) for c in cells]


def test_import_reads_our_csv_back_exactly(tmp_path: Path) -> None:
    po = tmp_path / "en.po"
    texts = ["'-already quoted", "=SUM(A1:A2)", "plain", "-cmd|' /C calc'!A0"]
    template = Catalog(units=[Unit(f"u{n}", f"源{n}") for n in range(len(texts))])
    po.write_text(format_po(template), encoding="utf-8")
    done = Catalog(units=[Unit(f"u{n}", f"源{n}", t, State.TRANSLATED)
                          for n, t in enumerate(texts)])
    csv_path = tmp_path / "sheet.csv"
    csv_path.write_bytes(export_catalog(done, "csv").data)
    result = run_cli("import", str(csv_path), "--into", str(po))
    assert result.returncode == 0, result.stdout + result.stderr
    assert [u.target for u in read_po(po).units] == texts


def test_malformed_csv_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,source,target,state\r\na,b,c,finished\r\n", encoding="utf-8")
    po = tmp_path / "x.po"
    po.write_text(format_po(Catalog(units=[Unit("a", "b")])), encoding="utf-8")
    result = run_cli("import", str(path), "--into", str(po))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "bad.csv:2:" in result.stderr


def test_angular_line_ranges_are_locations() -> None:
    """Angular gives the lines a message spans (`<context context-type="linenumber">5,6`): the
    location lost its line (0) for every message of more than one line."""
    units = read_exchange(ANGULAR_XLF).catalog.units
    assert units[0].locations == [
        ("projects/ngclient/src/app/about/about.component.html", 5),
        ("projects/ngclient/src/app/about/general/general.component.html", 6),
        ("projects/ngclient/src/app/backup/log/log.component.html", 60)]


def test_xliff_2_named_by_a_namespace_of_its_minor_version() -> None:
    """XLIFF 2.1 and 2.2 keep 2.0's namespace, but tools write `...:document:2.1` (and no
    version attribute): such a file was refused as an unsupported XLIFF version."""
    from workbench.formats.xliff import read_xliff

    data = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.1" srcLang="en" trgLang="zh">'
            '<file id="f"><unit id="u"><segment><source>Hello <ph id="p"/> world</source>'
            '<target>你好 <ph id="p"/> 世界</target></segment></unit></file></xliff>')
    [unit] = read_xliff(data.encode(), "x.xliff").catalog.units
    assert (unit.source, unit.target, unit.state) == ("Hello {$p} world", "你好 {$p} 世界",
                                                      State.TRANSLATED)
