"""Exchange formats on third-party catalogs: unique ids when entries share a msgctxt, the
languages every format writes, and the round trip back through `import`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import DATA, run_cli
from workbench.catalog_language import catalog_languages
from workbench.formats import export_catalog, read_exchange
from workbench.formats.base import exchange_ids
from workbench.formats.po import format_po, parse_po, read_po
from workbench.formats.tmx import read_tmx, write_tmx
from workbench.formats.xliff import read_xliff, write_xliff, write_xliff2
from workbench.import_merge import merge_import
from workbench.model import Catalog, State, Unit

FORMATS_DATA = DATA / "formats"
# GNOME Calculator's zh_CN.po, cut: 15 entries, 7 of them with msgctxt "unit-symbols".
CALC = FORMATS_DATA / "gnome-calculator" / "zh_CN.po"
NS12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
NS20 = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def _calc() -> Catalog:
    catalog = read_po(CALC)
    assert sum(1 for u in catalog.units if u.msgctxt == "unit-symbols") == 7
    return catalog


def test_shared_msgctxt_gives_unique_schema_valid_xliff12(xliff_schema: etree.XMLSchema) -> None:
    catalog = _calc()
    doc = etree.fromstring(export_catalog(catalog, "xliff", original="zh_CN.po").data)
    assert xliff_schema.validate(doc), xliff_schema.error_log
    units = doc.findall(".//x:trans-unit", NS12)
    ids = [u.get("id") for u in units]
    assert len(ids) == len(set(ids)) == 15
    # The context is the unit's resource name where the id had to differ from it.
    shared = [u for u in units if u.get("resname") == "unit-symbols"]
    assert len(shared) == 7
    # ... and its id one the reader derived from context and source (stable across exports)
    assert all(re.fullmatch(r"[0-9a-f]{12}(\.\d+)?", u.get("id")) for u in shared)
    again = etree.fromstring(export_catalog(_calc(), "xliff", original="zh_CN.po").data)
    assert [u.get("id") for u in again.findall(".//x:trans-unit", NS12)] == ids


def test_shared_msgctxt_gives_unique_xliff2_ids_and_tmx_tuids() -> None:
    catalog = _calc()
    doc = etree.fromstring(export_catalog(catalog, "xliff2").data)
    units = doc.findall(".//x:unit", NS20)
    assert len({u.get("id") for u in units}) == len(units) == 15
    assert sum(u.get("name") == "unit-symbols" for u in units) == 7
    tmx = etree.fromstring(export_catalog(catalog, "tmx").data)
    tuids = [tu.get("tuid") for tu in tmx.iter("tu")]
    assert len(set(tuids)) == len(tuids) == 15
    assert sum(p.text == "unit-symbols" for p in tmx.iter("prop")
               if p.get("type") == "x-context") == 7


def test_ids_are_stable_when_the_catalog_changes_elsewhere() -> None:
    catalog = _calc()
    before = dict(zip(((u.id, u.source) for u in catalog.units), exchange_ids(catalog.units),
                      strict=True))
    added = Unit("unit-symbols", "furlong,furlongs,fur", "弗隆", State.TRANSLATED)
    moved = [catalog.units[-1], added, *catalog.units[:-1]]
    after = dict(zip(((u.id, u.source) for u in moved), exchange_ids(moved), strict=True))
    assert all(after[key] == value for key, value in before.items())
    assert exchange_ids(catalog.units) == exchange_ids(_calc().units)  # and at every export


def test_a_context_that_is_not_an_nmtoken_or_empty_still_gets_an_id() -> None:
    units = [Unit("menu item", "Open", "打开"), Unit("", "Open", "开"), Unit("", "Close", "关")]
    ids12, ids20 = exchange_ids(units), exchange_ids(units, nmtoken=True)
    assert ids12[0] == "menu item" and all(ids12[1:]) and len(set(ids12)) == 3
    assert all(re.fullmatch(r"[\w.:-]+", i) for i in ids20) and len(set(ids20)) == 3


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_round_trip_lands_every_unit_on_its_entry(fmt: str, tmp_path: Path) -> None:
    catalog = _calc()
    data = export_catalog(catalog, fmt, original="zh_CN.po").data
    # The translator changes every translation; sources stay as they are.
    text = data.decode("utf-8")
    for unit in catalog.units:
        if unit.target:
            text = text.replace(f">{unit.target}<", f">{unit.target}（改）<", 1)
    path = tmp_path / f"back.{fmt}"
    path.write_text(text, encoding="utf-8")
    incoming = read_exchange(path, "zh-CN").catalog
    fresh = _calc()
    report = merge_import(fresh, incoming)
    assert not report.not_found and report.matched == 15
    for unit in fresh.units:
        assert unit.target.endswith("（改）"), (unit.id, unit.source, unit.target)


def test_a_file_naming_units_by_their_shared_context_still_lands(tmp_path: Path) -> None:
    """An XLIFF of the old export (every `unit-symbols` entry with that id) or of a tool that
    names units by msgctxt: matched by context and source."""
    catalog = _calc()
    body = "".join(
        f'<trans-unit id="{u.msgctxt or u.id}"><source>{u.source}</source>'
        f'<target state="translated">{u.target}!</target></trans-unit>'
        for u in catalog.units if u.msgctxt == "unit-symbols")
    path = tmp_path / "old.xlf"
    path.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                    '<file original="x" source-language="en" target-language="zh-CN" '
                    f'datatype="po"><body>{body}</body></file></xliff>', encoding="utf-8")
    report = merge_import(catalog, read_exchange(path).catalog)
    assert report.matched == 7 and not report.not_found
    assert all(u.target.endswith("!") == (u.msgctxt == "unit-symbols") for u in catalog.units)


def test_import_matches_by_context_and_source_not_source_alone() -> None:
    """Two entries with one source and two contexts each get their own translation back."""
    catalog = Catalog(units=[Unit("unit-symbols", "deg", "", has_context=True),
                             Unit("unit-format", "deg", "", has_context=True),
                             Unit("unit-symbols", "rad", "", has_context=True)],
                      source_lang="en", target_lang="zh-CN")
    theirs = Catalog(units=[Unit(u.id, u.source, t, State.TRANSLATED, has_context=True)
                            for u, t in zip(catalog.units, ["度符号", "%s度", "弧度"],
                                            strict=True)],
                     source_lang="en", target_lang="zh-CN")
    for write, read in ((write_xliff, read_xliff), (write_xliff2, read_xliff)):
        fresh = Catalog(units=[Unit(u.id, u.source) for u in catalog.units])
        report = merge_import(fresh, read(write(theirs), "x").catalog)
        assert [u.target for u in fresh.units] == ["度符号", "%s度", "弧度"], write
        assert report.matched == 3
    fresh = Catalog(units=[Unit(u.id, u.source) for u in catalog.units])
    merge_import(fresh, read_tmx(write_tmx(theirs), "x.tmx").catalog)
    assert [u.target for u in fresh.units] == ["度符号", "%s度", "弧度"]


# Languages ---------------------------------------------------------------------------------

NO_LANGUAGE = r'''# An upstream catalog naming no language in its header.
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

#: src/main.c:10
msgid "Open a file"
msgstr "打开文件"

#: src/main.c:11
msgid "Save the document before closing?"
msgstr "关闭之前要保存文档吗？"
'''


def _upstream(tmp_path: Path, name: str = "po/zh_CN.po") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NO_LANGUAGE, encoding="utf-8")
    return path


def test_tmx_export_of_a_third_party_catalog_uses_the_inferred_languages(tmp_path: Path
                                                                          ) -> None:
    po = _upstream(tmp_path)
    result = run_cli("export", str(po), "-f", "tmx", "-o", str(tmp_path / "out.tmx"),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = etree.parse(str(tmp_path / "out.tmx"))
    assert doc.find("header").get("srclang") == "en"
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in doc.iter("tuv")}
    assert langs == {"en", "zh-CN"}
    # The PO export adds no Language header of its own: inferred is not written.
    result = run_cli("export", str(po), "-f", "po", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and "Language:" not in result.stdout


def test_xliff_writes_the_inferred_languages_not_und(tmp_path: Path) -> None:
    po = _upstream(tmp_path, "zh-Hant.po")
    (tmp_path / "zh-Hant.po").write_text(NO_LANGUAGE.replace("打开文件", "開啟檔案"),
                                        encoding="utf-8")
    for fmt, ext in (("xliff", "xlf"), ("xliff2", "xliff")):
        out = tmp_path / f"out.{ext}"
        assert run_cli("export", str(po), "-f", fmt, "-o", str(out)).returncode == 0
        data = out.read_text(encoding="utf-8")
        assert "und" not in re.findall(r'(?:source-language|srcLang)="([^"]*)"', data)
        assert re.search(r'(?:target-language|trgLang)="zh-Hant"', data), data


def test_overrides_on_export(tmp_path: Path) -> None:
    po = _upstream(tmp_path, "upload.po")
    out = tmp_path / "out.tmx"
    result = run_cli("export", str(po), "-f", "tmx", "-o", str(out), "--source-lang", "en-US",
                     "--target-lang", "zh-SG")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert 'srclang="en-US"' in text and 'xml:lang="zh-SG"' in text
    bad = run_cli("export", str(po), "-f", "tmx", "-o", str(tmp_path / "b.tmx"),
                  "--target-lang", "not a tag")
    assert bad.returncode == 2 and "--target-lang" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_stats_shows_the_languages_it_used(tmp_path: Path) -> None:
    po = _upstream(tmp_path)
    result = run_cli("stats", str(po), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(en (from text) → zh-CN (from path))" in result.stdout
    data = json.loads(run_cli("stats", str(po), "--json", cwd=tmp_path).stdout)
    entry = data["catalogs"][0]
    assert (entry["source_lang"], entry["source_lang_from"]) == ("en", "text")
    assert (entry["target_lang"], entry["target_lang_from"]) == ("zh-CN", "path")
    forced = json.loads(run_cli("stats", str(po), "--json", "--source-lang", "zh",
                                cwd=tmp_path).stdout)["catalogs"][0]
    assert (forced["source_lang"], forced["source_lang_from"]) == ("zh", "override")
    text = run_cli("stats", str(po), "--target-lang", "zh-SG", cwd=tmp_path).stdout
    assert "(en (from text) → zh-SG (from override))" in text


def test_check_uses_the_inferred_target(tmp_path: Path) -> None:
    po = _upstream(tmp_path)
    data = json.loads(run_cli("check", str(po), "--format", "json", cwd=tmp_path).stdout)
    assert data["catalogs"][0]["language"] == "zh-CN"


def test_import_refuses_another_language_only_when_the_catalog_states_one(tmp_path: Path
                                                                          ) -> None:
    po = _upstream(tmp_path, "upload.po")  # Simplified text, no header, no path language
    catalog = read_po(po)
    catalog.units[0].set_target("開啟檔案", State.TRANSLATED)
    xlf = tmp_path / "tw.xlf"
    xlf.write_bytes(export_catalog(catalog, "xliff", languages=catalog_languages(
        catalog, None, "en", "zh-TW")).data)
    result = run_cli("import", str(xlf), "--into", str(po), "--dry-run")
    # 'zh-Hans' told by the text is a guess, no reason to refuse (1: a conflict is reported)
    assert result.returncode == 1 and "conflict" in result.stdout, result.stderr
    result = run_cli("import", str(xlf), "--into", str(po), "--dry-run",
                     "--target-lang", "zh-CN")
    assert result.returncode == 2 and "zh-TW" in result.stderr


def test_editor_word_total_is_the_stats_total(tmp_path: Path) -> None:
    """The editor counted an English-source catalog as Chinese ('zh' when the header names
    no source): its word total differed from `stats` on the same file."""
    from workbench.editor.progress import count_words
    from workbench.editor.session import EditSession
    from workbench.stats import catalog_stats

    po = _upstream(tmp_path)
    session = EditSession.open(po)
    try:
        stats = catalog_stats(read_po(po), catalog_languages(read_po(po), po))
        assert session.source_lang == stats.source_lang == "en"
        editor_total = sum(count_words([u.source for u in session.units], session.source_lang))
        assert editor_total == stats.total.words == 8
        assert session.languages.describe() == "en (from text) → zh-CN (from path)"
    finally:
        session.close()


def test_editor_save_writes_no_inferred_language(tmp_path: Path) -> None:
    from workbench.editor.session import EditSession

    po = _upstream(tmp_path)
    session = EditSession.open(po, target_lang="zh-SG")
    try:
        assert session.target_lang == "zh-SG"  # the override, for this session only
        session.commit(0, "打开一个文件", State.TRANSLATED)
        session.save()
    finally:
        session.close()
    text = po.read_text(encoding="utf-8")
    assert "打开一个文件" in text
    assert "Language:" not in text and "X-Source-Language" not in text


def test_check_json_calls_its_measure_billing_words(tmp_path: Path) -> None:
    from workbench.words import count

    po = _upstream(tmp_path)
    data = json.loads(run_cli("check", str(po), "--format", "json").stdout)["catalogs"][0]
    assert "words" not in data
    catalog = read_po(po)
    assert data["billing_words"] == sum(count(u.source, "en").billing for u in catalog.units)
    stats = json.loads(run_cli("stats", str(po), "--json").stdout)["catalogs"][0]
    assert stats["billing"]["total"] == data["billing_words"]


def test_inferred_languages_are_not_saved_by_an_import(tmp_path: Path) -> None:
    po = _upstream(tmp_path)
    theirs = read_po(po)
    theirs.units[0].set_target("打开一个文件", State.TRANSLATED)
    xlf = tmp_path / "back.xlf"
    xlf.write_bytes(export_catalog(theirs, "xliff").data)
    result = run_cli("import", str(xlf), "--into", str(po))
    assert result.returncode in (0, 1), result.stderr
    text = po.read_text(encoding="utf-8")
    assert "打开一个文件" in text and "Language:" not in text
    assert "X-Source-Language" not in text


def test_sample_catalog_is_what_msgfmt_accepts() -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt not installed")
    import subprocess

    out = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(CALC)],
                         capture_output=True, text=True, check=True)
    assert "15 translated messages" in out.stderr
    assert len(parse_po(format_po(read_po(CALC))).units) == 15


def test_editor_title_says_where_the_languages_came_from(tmp_path: Path) -> None:
    """The title showed `zh → ?` for an English-source catalog named po/zh_CN.po."""
    import asyncio

    from workbench.tui.app import make_app

    po = _upstream(tmp_path)

    async def run() -> str:
        app = make_app(po, None, watch_disk=None)
        async with app.run_test(size=(140, 30)) as pilot:
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            return "\n".join("".join(seg.text for seg in strip) for strip in strips)

    shown = asyncio.run(run())
    assert "en (from text) → zh-CN (from path)" in shown


_contexts = st.one_of(st.none(), st.sampled_from(["", "unit-symbols", "menu item", "a"]),
                      st.text(max_size=6))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_contexts, st.text(min_size=1, max_size=8)), max_size=12))
def test_exchange_ids_are_unique_and_xliff2_ids_are_nmtokens(entries: list) -> None:  # type: ignore[type-arg]
    units = [Unit(ctx if ctx is not None else "", src, has_context=ctx is not None)
             for ctx, src in entries]
    for nmtoken in (False, True):
        ids = exchange_ids(units, nmtoken=nmtoken)
        assert len(set(ids)) == len(ids) and all(ids)
        if nmtoken:
            assert all(re.fullmatch(r"[\w.:-]+", i) for i in ids)
        assert ids == exchange_ids(list(units), nmtoken=nmtoken)  # the same at every export


def test_xliff12_group_not_to_translate_is_left_out() -> None:
    """translate="no" on a <group> holds for what it holds, as on a <trans-unit> (and as
    XLIFF 2.0 inherits it)."""
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="en" target-language="zh-CN" datatype="plaintext">
    <body>
      <group id="brand" translate="no">
        <trans-unit id="name"><source>Acme</source></trans-unit>
      </group>
      <group id="menu">
        <trans-unit id="open"><source>Open</source><target>\xe6\x89\x93\xe5\xbc\x80</target>
        </trans-unit>
      </group>
    </body>
  </file>
</xliff>"""
    units = read_xliff(data, "a.xlf").catalog.units
    assert [(u.id, u.source, u.target) for u in units] == [("open", "Open", "打开")]
