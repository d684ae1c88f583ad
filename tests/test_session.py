"""The editing session without the UI: journal, replay, atomic saves, the file on disk."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import ConflictError, InputError
from workbench.journal import Journal
from workbench.model import Catalog, State, Unit, make_unit_id
from workbench.session import EditSession, add_glossary_term
from workbench.storage.po import default_header, read_po, write_po

SOURCES = ["第一句。", "第二句。", "第三句。", "第四句。"]


def make_po(path: Path, sources: list[str] = SOURCES) -> Path:
    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(s, seen), s, auto_comments=[f"paragraph 1, sentence {n}"])
             for n, s in enumerate(sources, 1)]
    write_po(Catalog(units, "zh-Hant", "en", default_header("zh-Hant", "en")), path)
    return path


def test_commits_replayed_from_journal(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(0, "One.", State.TRANSLATED)
    session.commit(1, "Two?", State.FUZZY)
    session.commit(0, "One!", State.TRANSLATED)  # the last edit of a unit wins
    session.close()  # as if the process died: nothing saved
    assert read_po(path).units[0].target == ""
    again = EditSession.open(path)
    assert [(u.target, u.state) for u in again.units[:2]] == [
        ("One!", State.TRANSLATED), ("Two?", State.FUZZY)]
    assert again.restored == 2 and again.dirty
    again.save()
    assert not again.journal.exists() and not again.dirty
    assert read_po(path).units[0].target == "One!"


def test_torn_journal_line_is_ignored_and_next_record_kept(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(0, "One.", State.TRANSLATED)
    session.close()
    with session.journal.path.open("ab") as fh:
        fh.write(b'{"v": 1, "id": "x", "src": "y", "tar')  # a crash in the middle of a write
    again = EditSession.open(path)
    again.commit(2, "Three.", State.TRANSLATED)
    again.close()
    third = EditSession.open(path)
    assert third.units[0].target == "One." and third.units[2].target == "Three."


def test_journal_skips_edits_whose_source_changed(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(0, "One.", State.TRANSLATED)
    session.commit(1, "Two.", State.TRANSLATED)
    session.close()
    catalog = read_po(path)
    catalog.units[1].source = "第二句改了。"  # same id, different sentence (a git pull)
    write_po(catalog, path)
    again = EditSession.open(path)
    assert again.units[0].target == "One." and again.units[1].target == ""
    assert again.restored == 1 and again.skipped == 1


def test_save_refuses_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(0, "Mine.", State.TRANSLATED)
    assert not session.disk_changed()
    time.sleep(0.01)
    make_po(path, [*SOURCES, "第五句。"])
    theirs = path.read_bytes()
    assert session.disk_changed()
    with pytest.raises(ConflictError):
        session.save()
    assert path.read_bytes() == theirs and session.journal.exists()
    session.save(force=True)  # the translator chose to keep their version
    assert read_po(path).units[0].target == "Mine."
    assert not session.disk_changed()


def test_reload_keeps_unsaved_edits(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(3, "Four.", State.TRANSLATED)
    time.sleep(0.01)
    make_po(path, ["新的一句。", *SOURCES])
    fresh = session.reload()
    assert fresh.units[0].source == "新的一句。"
    assert fresh.units[4].target == "Four." and fresh.dirty


def test_edits_during_a_save_stay_unsaved(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(0, "One.", State.TRANSLATED)
    job = session.snapshot()
    session.commit(1, "Two.", State.TRANSLATED)  # while the worker writes
    session.finish_save(job, session.write(job))
    assert session.unsaved == {session.units[1].id} and session.journal.exists()
    session.close()
    again = EditSession.open(path)
    assert again.units[1].target == "Two."


def test_next_needing_work_wraps(tmp_path: Path) -> None:
    session = EditSession.open(make_po(tmp_path / "a.po"))
    session.commit(1, "Two.", State.TRANSLATED)
    session.commit(2, "Three?", State.FUZZY)
    assert session.next_needing_work(0) == 2
    assert session.next_needing_work(2) == 3
    assert session.next_needing_work(3) == 0
    assert session.next_needing_work(0, forward=False) == 3
    assert session.paragraph_neighbours(1) == ([session.units[0]], session.units[2:4])


def test_malformed_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "unterminated\n', encoding="utf-8")
    with pytest.raises(InputError):
        EditSession.open(bad)
    with pytest.raises(InputError):
        EditSession.open(tmp_path / "missing.po")


def test_add_glossary_term_keeps_other_translations(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("zh-Hant,zh-Hans,note\n西藏,西藏,region\n", encoding="utf-8")
    glossary = add_glossary_term(path, "西藏", "Tibet", "zh-Hant", "en")
    term = glossary.terms[0]
    assert term.translations == {"zh-Hans": "西藏", "en": "Tibet"} and term.note == "region"
    assert path.read_text(encoding="utf-8").splitlines() == [
        "zh-Hant,zh-Hans,en,note", "西藏,西藏,Tibet,region"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.text(max_size=12),
                          st.sampled_from([State.TRANSLATED, State.FUZZY])), max_size=12))
def test_journal_replay_restores_the_session(tmp_path_factory: pytest.TempPathFactory,
                                             edits: list[tuple[int, str, State]]) -> None:
    path = make_po(tmp_path_factory.mktemp("j") / "a.po")
    session = EditSession.open(path)
    for index, target, state in edits:
        session.commit(index, target, state)
    session.close()
    again = EditSession.open(path)
    assert [(u.target, u.state) for u in again.units] == \
        [(u.target, u.state) for u in session.units]
    assert Journal(path).exists() == bool(session.serial)


def test_commit_without_a_writable_journal_keeps_the_edit(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.journal.path.mkdir()  # the journal's name is taken: appending fails
    session.commit(0, "One.", State.TRANSLATED)
    assert isinstance(session.journal_error, OSError)
    assert session.units[0].target == "One." and session.dirty
    session.journal.path.rmdir()
    session.commit(1, "Two.", State.TRANSLATED)
    assert session.journal_error is None
    session.save()
    assert [u.target for u in read_po(path).units[:2]] == ["One.", "Two."]
