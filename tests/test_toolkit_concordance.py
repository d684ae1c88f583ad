"""Concordance over the project's catalogs and reference memories, and its command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from workbench.concordance import Corpus, LiveCatalog, concordance, fold
from workbench.formats import tmx
from workbench.formats.po import format_po, read_po
from workbench.model import Catalog, State, Unit
from workbench.project import find_project

CONFIG = '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en"]\nsources = "src"\n'


def _project(tmp_path: Path) -> Path:
    (tmp_path / "workbench.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("自治區黨委開會。天氣很好。黨委書記發言。\n",
                                            encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    po = tmp_path / "locale/en/LC_MESSAGES/a.po"
    catalog = read_po(po)
    catalog.units[0].set_target("The regional Party Committee met.", State.TRANSLATED)
    catalog.units[1].set_target("Fine weather.", State.FUZZY)
    po.write_text(format_po(catalog), encoding="utf-8")
    (tmp_path / "tm").mkdir()
    memory = Catalog(units=[Unit(id="1", source="党委办公室", target="Party Committee office",
                                 state=State.TRANSLATED)],
                     source_lang="zh-Hans", target_lang="en")
    (tmp_path / "tm" / "old.tmx").write_bytes(tmx.write_tmx(memory))
    return tmp_path


def test_either_script_finds_catalogs_and_memories(tmp_path: Path) -> None:
    project = find_project(_project(tmp_path), explicit=True)
    for term in ("黨委", "党委"):
        hits = concordance(project, term)
        assert [(h.source, h.target, h.kind) for h in hits] == [
            ("自治區黨委開會。", "The regional Party Committee met.", "catalog"),
            ("党委办公室", "Party Committee office", "memory")]
        assert hits[0].origin == "locale/en/LC_MESSAGES/a.po" and hits[1].origin == "tm/old.tmx"
    # untranslated units only when asked
    assert len(concordance(project, "黨委", untranslated=True)) == 3


def test_translations_are_searched_too_any_case(tmp_path: Path) -> None:
    project = find_project(_project(tmp_path), explicit=True)
    assert [h.state for h in concordance(project, "party committee")] == \
        ["translated", "translated"]
    assert [h.source for h in concordance(project, "WEATHER")] == ["天氣很好。"]


def test_the_corpus_follows_the_file(tmp_path: Path) -> None:
    root = _project(tmp_path)
    project = find_project(root, explicit=True)
    assert len(concordance(project, "weather")) == 1
    po = root / "locale/en/LC_MESSAGES/a.po"
    catalog = read_po(po)
    catalog.units[1].set_target("Nice day.", State.TRANSLATED)
    po.write_text(format_po(catalog) + "\n", encoding="utf-8")  # a new size: not the cache
    assert concordance(project, "weather") == []


def test_limit_and_one_hit_per_sentence() -> None:
    corpus = Corpus.build("x", "en", "catalog",
                          [("黨委黨委", "a", "1", "translated"), ("黨委", "b", "2", "translated"),
                           ("無", "c", "3", "translated")])
    assert [h.unit_id for h in corpus.search(fold("黨委"), 10)] == ["1", "2"]
    assert [h.unit_id for h in corpus.search(fold("黨委"), 1)] == ["1"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.text("黨党委ab\t\nA", max_size=6), st.text("黨xyB", max_size=4)),
                max_size=8),
       st.text("黨党委abA", min_size=1, max_size=2))
def test_the_index_finds_what_a_plain_scan_finds(rows: list[tuple[str, str]],
                                                  term: str) -> None:
    records = [(s, t, str(n), "translated") for n, (s, t) in enumerate(rows)]
    corpus = Corpus.build("x", "en", "catalog", records)
    expected = [str(n) for n, (s, t) in enumerate(rows)
                if fold(term) in fold(s) or fold(term) in fold(t)]
    assert [h.unit_id for h in corpus.search(fold(term), 100, untranslated=True)] == expected


def test_command_text_json_and_exit_codes(tmp_path: Path) -> None:
    root = _project(tmp_path)
    text = run_cli("concordance", "党委", cwd=root)
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith("locale/en/LC_MESSAGES/a.po ") and lines[0].endswith("(translated)")
    assert lines[1:3] == ["  自治區黨委開會。", "  → The regional Party Committee met."]
    assert lines[3] == "tm/old.tmx 0"
    data = json.loads(run_cli("concordance", "黨委", "--json", cwd=root).stdout)
    assert [d["kind"] for d in data] == ["catalog", "memory"]
    assert run_cli("concordance", "沒有的詞", cwd=root).returncode == 1
    for bad in (["  "], ["x", "--limit", "0"], ["x", "--lang", "fr"]):
        result = run_cli("concordance", *bad, cwd=root)
        assert result.returncode == 2 and result.stderr.count("\n") == 1


@pytest.mark.parametrize("term", ["黨委", "party"])
def test_no_project_is_a_usage_error(tmp_path: Path, term: str) -> None:
    result = run_cli("concordance", term, cwd=tmp_path)
    assert result.returncode == 2 and "no workbench project" in result.stderr


def test_a_live_catalog_counts_its_unsaved_units(tmp_path: Path) -> None:
    root = _project(tmp_path)
    project = find_project(root, explicit=True)
    catalog = read_po(root / "locale/en/LC_MESSAGES/a.po")
    catalog.units[0].set_target("The committee sat.", State.TRANSLATED)  # was "... met."
    catalog.units[2].set_target("The secretary spoke.", State.TRANSLATED)  # was untranslated
    live = LiveCatalog("locale/en/LC_MESSAGES/a.po", "en", catalog.units,
                       frozenset({catalog.units[0].id, catalog.units[2].id}))
    hits = concordance(project, "黨委", live=live)
    assert [(h.target, h.kind) for h in hits] == [
        ("The committee sat.", "catalog"), ("The secretary spoke.", "catalog"),
        ("Party Committee office", "memory")]
