"""Per-project segmentation exceptions, and merges and splits that persist in the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from workbench.formats.po import format_po, read_po
from workbench.model import State
from workbench.project import find_project
from workbench.segment import Joint, segment_text
from workbench.segment_overrides import (
    merge_in_project,
    merge_units,
    overrides_path,
    read_joints,
    split_in_project,
    split_unit,
)

MR = "美國總統Mr. Smith與Dr. Brown會面。"
CONFIG = '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en", "zh-Hans"]\nsources = "src"\n'
DOC = "“這件事很深刻。”卓嘎說。她走了。\n第二段第一句。第二段，第二句。\n"


def _project(tmp_path: Path, extra: str = "", text: str = DOC) -> Path:
    (tmp_path / "workbench.toml").write_text(CONFIG + extra, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(text, encoding="utf-8")
    return tmp_path


def _sources(path: Path) -> list[str]:
    return [u.source for u in read_po(path).active]


# Exceptions ---------------------------------------------------------------------------------

def test_built_in_titles_inside_chinese_keep_the_sentence_whole() -> None:
    # the English titles need no word boundary before them: a Han character is one
    assert len(segment_text(MR, "zh-Hant").segments) == 1


HR = "總理會見了Hr. Müller與Abt. Schmidt。"


def test_without_exceptions_other_abbreviations_inside_chinese_split() -> None:
    assert len(segment_text(HR, "zh-Hant").segments) == 3


def test_exceptions_keep_the_sentence_whole() -> None:
    segs = segment_text(HR + "下一句。", "zh-Hant", exceptions=("Hr.", "Abt."))
    assert [s.text for s in segs.segments] == [HR, "下一句。"]


def test_an_exception_does_not_protect_a_longer_word() -> None:
    # "Dr." protects Dr. but not "Mdr." (a letter before it), which still ends a sentence
    text = "He met Mdr. Brown.  Then left."
    assert len(segment_text(text, "en", exceptions=("Dr.",)).segments) == \
        len(segment_text(text, "en").segments)


def test_project_exceptions_apply_in_init(tmp_path: Path) -> None:
    project = _project(tmp_path, '\n[workbench.segment]\nexceptions = ["Mr.", "Dr."]\n',
                       MR + "\n")
    assert run_cli("init", cwd=project).returncode == 0
    assert _sources(project / "locale/en/LC_MESSAGES/a.po") == [MR]


@pytest.mark.parametrize("extra", [
    '\n[workbench.segment]\nexceptions = [1]\n',
    '\n[workbench.segment]\nexceptions = [""]\n',
    '\n[workbench.segment]\nexceptions = ["' + "x" * 41 + '"]\n',
    '\n[workbench.segment]\nexception = ["Mr."]\n',
    '\nsegment = 3\n',
])
def test_bad_exceptions_are_one_line_and_exit_2(tmp_path: Path, extra: str) -> None:
    result = run_cli("init", cwd=_project(tmp_path, extra))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "workbench.toml" in result.stderr
    assert "segment" in result.stderr


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="甲乙。，.! MrD\n「」", max_size=40),
       st.lists(st.tuples(st.text("甲乙。，.MrD", min_size=1, max_size=3),
                          st.text("甲乙。，.MrD", min_size=1, max_size=3), st.booleans()),
                max_size=3))
def test_joints_never_lose_text(text: str, joints: list[tuple[str, str, bool]]) -> None:
    segmented = segment_text(text, "zh-Hant", joints=tuple(Joint(*j) for j in joints))
    assert segmented.join() == text


# Catalog operations -------------------------------------------------------------------------

def _catalog(tmp_path: Path) -> tuple[Path, Path]:
    project = _project(tmp_path)
    assert run_cli("init", cwd=project).returncode == 0
    return project, project / "locale/en/LC_MESSAGES/a.po"


def test_merge_joins_translations_with_the_target_joiner(tmp_path: Path) -> None:
    _, po = _catalog(tmp_path)
    catalog = read_po(po)
    a, b = catalog.units[0], catalog.units[1]
    a.set_target("“This is deep,”", State.TRANSLATED)
    b.set_target("said Droga.", State.TRANSLATED)
    merged = merge_units(catalog, a.id)
    assert merged.source == "“這件事很深刻。”卓嘎說。"
    assert merged.target == "“This is deep,” said Droga." and merged.is_translated
    assert [u.source for u in catalog.units][:2] == [merged.source, "她走了。"]


def test_merge_with_an_untranslated_half_is_fuzzy(tmp_path: Path) -> None:
    _, po = _catalog(tmp_path)
    catalog = read_po(po)
    catalog.units[0].set_target("Deep.", State.TRANSLATED)
    assert merge_units(catalog, catalog.units[0].id).state is State.FUZZY


def test_merge_across_paragraphs_is_refused(tmp_path: Path) -> None:
    _, po = _catalog(tmp_path)
    catalog = read_po(po)
    with pytest.raises(Exception, match="another paragraph"):
        merge_units(catalog, catalog.units[2].id)


def test_split_keeps_the_translation_on_the_first_part_fuzzy(tmp_path: Path) -> None:
    _, po = _catalog(tmp_path)
    catalog = read_po(po)
    unit = catalog.units[4]
    unit.set_target("Second sentence, second part.", State.TRANSLATED)
    first, second = split_unit(catalog, unit.id, 4)
    assert (first.source, second.source) == ("第二段，", "第二句。")
    assert first.state is State.FUZZY and first.previous_source == "第二段，第二句。"
    assert second.state is State.UNTRANSLATED and not second.target


# In a project -------------------------------------------------------------------------------

def _translate_all(po: Path) -> None:
    catalog = read_po(po)
    for n, unit in enumerate(catalog.units):
        unit.set_target(f"S{n}.", State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")


def _export(project: Path, lang: str = "en") -> str:
    result = run_cli("export", "src/a.txt", "--format", "txt", "--lang", lang, "-o", "-",
                     cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_merge_persists_through_init_and_a_source_edit(tmp_path: Path) -> None:
    project_dir, po = _catalog(tmp_path)
    _translate_all(po)
    before = _export(project_dir)
    project = find_project(project_dir, explicit=True)
    doc = project_dir / "src/a.txt"
    first = read_po(po).units[0]
    written = merge_in_project(project, doc, first.id)
    assert po in written and project.pot_path(doc) in written
    assert overrides_path(project, doc).is_file()
    units = read_po(po).active
    assert units[0].source == "“這件事很深刻。”卓嘎說。" and units[0].target == "S0. S1."
    assert units[0].is_translated
    # the other units keep their ids, and the other target's catalog is merged too
    assert [u.id for u in units[1:]] == [u.id for u in read_po(po).active[1:]]
    assert _sources(project_dir / "locale/zh_Hans/LC_MESSAGES/a.po")[0] == units[0].source
    assert _export(project_dir) == before  # the rebuilt document is unchanged
    # init after the merge changes nothing; after a source edit elsewhere the merge stays
    assert run_cli("init", cwd=project_dir).stdout.count("unchanged") == 3
    doc.write_text("新的一句。" + DOC, encoding="utf-8")
    assert run_cli("init", cwd=project_dir).returncode == 0
    units = read_po(po).active
    assert units[1].source == "“這件事很深刻。”卓嘎說。" and units[1].target == "S0. S1."


def test_split_persists_and_keeps_the_document(tmp_path: Path) -> None:
    project_dir, po = _catalog(tmp_path)
    project = find_project(project_dir, explicit=True)
    doc = project_dir / "src/a.txt"
    before = _export(project_dir)
    unit = read_po(po).units[4]
    split_in_project(project, doc, unit.id, 4)
    assert _sources(po)[4:] == ["第二段，", "第二句。"]
    assert read_joints(project, doc) == (Joint("第二段，", "第二句。", True),)
    assert _export(project_dir) == before
    assert run_cli("init", cwd=project_dir).stdout.count("unchanged") == 3
    # merging back undoes the split: the override file goes away
    merge_in_project(project, doc, read_po(po).units[4].id)
    assert not overrides_path(project, doc).exists()
    assert _sources(po)[4:] == ["第二段，第二句。"]


def test_split_undoes_a_merge(tmp_path: Path) -> None:
    project_dir, po = _catalog(tmp_path)
    project = find_project(project_dir, explicit=True)
    doc = project_dir / "src/a.txt"
    merge_in_project(project, doc, read_po(po).units[0].id)
    merged = read_po(po).units[0]
    split_in_project(project, doc, merged.id, merged.source.index("卓"))
    assert read_joints(project, doc) == ()  # the rules break there again by themselves
    assert _sources(po)[:2] == ["“這件事很深刻。”", "卓嘎說。"]


def test_unknown_unit_is_a_usage_error(tmp_path: Path) -> None:
    project_dir, _ = _catalog(tmp_path)
    project = find_project(project_dir, explicit=True)
    with pytest.raises(Exception, match="workbench init"):
        merge_in_project(project, project_dir / "src/a.txt", "nope")


def test_segments_command_merges_splits_and_lists(tmp_path: Path) -> None:
    project_dir, po = _catalog(tmp_path)
    first = read_po(po).units[0]
    result = run_cli("segments", "merge", first.id, cwd=project_dir)
    assert result.returncode == 0, result.stderr
    assert "locale/en/LC_MESSAGES/a.po: merged" in result.stderr
    merged = read_po(po).units[0]
    assert merged.source == "“這件事很深刻。”卓嘎說。"
    assert run_cli("segments", "split", merged.id, "卓嘎", cwd=project_dir).returncode == 0
    assert _sources(po)[:2] == ["“這件事很深刻。”", "卓嘎說。"]
    last = read_po(po).units[4]
    assert run_cli("segments", "split", last.id, "4", cwd=project_dir).returncode == 0
    listed = run_cli("segments", "list", cwd=project_dir).stdout
    assert listed == "locale/a.segments.toml: split …第二段，|第二句。…\n"
    for bad in (["merge"], ["split", last.id], ["merge", "nope"],
                ["split", read_po(po).units[0].id, "不在"]):
        result = run_cli("segments", *bad, cwd=project_dir)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, bad


def test_a_catalog_open_in_an_editor_refuses_the_change(tmp_path: Path) -> None:
    from workbench.editor.locking import CatalogLock

    project_dir, po = _catalog(tmp_path)
    project = find_project(project_dir, explicit=True)
    doc = project_dir / "src/a.txt"
    before = po.read_bytes()
    with CatalogLock(project_dir / "locale/zh_Hans/LC_MESSAGES/a.po"):
        with pytest.raises(Exception, match="open in another editor"):
            merge_in_project(project, doc, read_po(po).units[0].id)
        assert not overrides_path(project, doc).exists() and po.read_bytes() == before
        # from this catalog's own editor: the other editor's catalog still refuses it
        with CatalogLock(po), pytest.raises(Exception, match="open in another editor"):
            merge_in_project(project, doc, read_po(po).units[0].id, held=po)
    # the editor's own catalog is not locked a second time by the process that holds it
    with CatalogLock(po):
        assert po in merge_in_project(project, doc, read_po(po).units[0].id, held=po)
