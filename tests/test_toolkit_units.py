"""One unit's check findings (what the editor shows on commit) and its notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from workbench.editor.replace import plan_replace, undo_plan
from workbench.editor.unitcheck import catalog_context, unit_findings
from workbench.editor.unitnotes import (
    clear_conflicts,
    conflict_notes,
    set_translator_comment,
    translator_comment,
)
from workbench.errors import UsageError
from workbench.formats.po import format_po, read_po
from workbench.import_merge import CONFLICT_PREFIX
from workbench.model import Catalog, State, Unit
from workbench.project import find_project

CONFIG = ('[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en", "zh-Hans"]\nsources = "src"\n'
          'glossary = "glossary.csv"\n')


def _project(tmp_path: Path, extra: str = "") -> Path:
    (tmp_path / "workbench.toml").write_text(CONFIG + extra, encoding="utf-8")
    (tmp_path / "glossary.csv").write_text("zh-Hant,en,zh-Hans\n兩委,two committees,两委\n",
                                           encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("人口達1.2萬，佔68%。\n", encoding="utf-8")
    return tmp_path


def _context(tmp_path: Path, target: str = "en", extra: str = ""):  # type: ignore[no-untyped-def]
    project = find_project(_project(tmp_path, extra), explicit=True)
    return catalog_context(Catalog(source_lang="zh-Hant", target_lang=target), project)


def _unit(source: str, target: str) -> Unit:
    return Unit(id="x", source=source, target=target, state=State.FUZZY)


def test_numbers_and_glossary_findings_of_one_unit(tmp_path: Path) -> None:
    context = _context(tmp_path)
    found = unit_findings(_unit("人口達1.2萬，佔68%。", "Population 1,200, 86%."), context)
    assert [(f.check, f.severity) for f in found] == [("numbers", "error")] * 2
    assert "1.2萬" in found[0].message and "68%" in found[1].message
    assert unit_findings(_unit("人口達1.2萬，佔68%。", "Population 12,000, 68%."), context) == []
    terms = unit_findings(_unit("兩委開會。", "The committees met."), context)
    assert [f.check for f in terms] == ["glossary"]


def test_findings_match_the_check_command(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert run_cli("init", cwd=root).returncode == 0
    po = root / "locale/en/LC_MESSAGES/a.po"
    catalog = read_po(po)
    unit = catalog.units[0]
    unit.set_target("Population 1,200, 86%.", State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")
    result = run_cli("check", "--format", "json", str(po), cwd=root)
    cli = [(p["kind"], p["message"]) for r in json.loads(result.stdout)["catalogs"]
           for p in r["problems"] if p["kind"] not in ("untranslated", "fuzzy")]
    project = find_project(root, explicit=True)
    mine = [(f.check, f.message) for f in unit_findings(unit, catalog_context(catalog, project))]
    assert mine == cli and mine


def test_ignore_flags_and_settings_are_honoured(tmp_path: Path) -> None:
    unit = _unit("人口達1.2萬。", "Population 1,200.")
    unit.flags = ["ignore-numbers"]
    assert unit_findings(unit, _context(tmp_path)) == []


def test_skipped_checks_stay_skipped(tmp_path: Path) -> None:
    context = _context(tmp_path, extra='\n[workbench.check]\nskip = ["numbers"]\n')
    assert unit_findings(_unit("人口達1.2萬。", "Population 1,200."), context) == []


def test_an_empty_target_has_no_findings(tmp_path: Path) -> None:
    assert unit_findings(_unit("人口達1.2萬。", ""), _context(tmp_path)) == []


def test_conflict_notes_are_removable_and_the_comment_editable() -> None:
    unit = _unit("甲。", "A.")
    unit.comments = ["check with the author", f"{CONFLICT_PREFIX}imported translation "
                     "(translated): B."]
    assert conflict_notes(unit) == [unit.comments[1]]
    assert translator_comment(unit) == "check with the author"
    set_translator_comment(unit, "first line  \n\nsecond line")
    assert unit.comments[:2] == ["first line", "second line"] and conflict_notes(unit)
    assert clear_conflicts(unit) == 1 and unit.comments == ["first line", "second line"]
    assert clear_conflicts(unit) == 0


# Find and replace ---------------------------------------------------------------------------

def _units() -> list[Unit]:
    units = [Unit(id=str(n), source=f"句{n}。", target=t, state=s) for n, (t, s) in enumerate([
        ("The Party committee met.", State.TRANSLATED),
        ("party committee, again", State.FUZZY),
        ("", State.UNTRANSLATED),
        ("No match here.", State.TRANSLATED)])]
    units.append(Unit(id="old", source="舊。", target="Party committee", obsolete=True,
                      state=State.TRANSLATED))
    return units


def test_plan_replace_plain_case_and_regex() -> None:
    units = _units()
    plain = plan_replace(units, "Party committee", "Party Committee")
    assert [(c.index, c.after, c.state) for c in plain] == [
        (0, "The Party Committee met.", State.TRANSLATED)]
    loose = plan_replace(units, "party committee", "Party Committee", case=False)
    assert [c.after for c in loose] == ["The Party Committee met.", "Party Committee, again"]
    groups = plan_replace(units, r"(\w+) committee", r"committee of \1", regex=True)
    assert [c.after for c in groups] == ["The committee of Party met.",
                                         "committee of party, again"]
    literal = plan_replace(units, "met", r"\1 g<0>")  # plain: backslashes are text
    assert literal[0].after == r"The Party committee \1 g<0>."


def test_bad_patterns_are_usage_errors() -> None:
    for find, regex in (("", False), ("(", True)):
        with pytest.raises(UsageError):
            plan_replace(_units(), find, "x", regex=regex)
    with pytest.raises(UsageError):
        plan_replace(_units(), "(Party)", r"\2", regex=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("abAB ", max_size=8), min_size=1, max_size=6),
       st.text("abA", min_size=1, max_size=2), st.text("bB", max_size=2))
def test_undo_plan_puts_every_target_back(targets: list[str], find: str, repl: str) -> None:
    units = [Unit(id=str(n), source="甲", target=t, state=State.TRANSLATED if t else
                  State.UNTRANSLATED) for n, t in enumerate(targets)]
    before = [u.target for u in units]
    changes = plan_replace(units, find, repl)
    for c in changes:
        units[c.index].target = c.after
    for c in undo_plan(changes):
        assert units[c.index].target == c.before
        units[c.index].target = c.after
    assert [u.target for u in units] == before
