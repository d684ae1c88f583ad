"""The editing session without the UI: journal, replay, atomic saves, the file on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.editor.journal import Journal
from workbench.editor.session import EditSession, add_glossary_term
from workbench.errors import ConflictError, InputError
from workbench.formats.po import default_header, read_po, write_po
from workbench.model import Catalog, State, Unit, make_unit_id

SOURCES = ["第一句。", "第二句。", "第三句。", "第四句。"]


def make_po(path: Path, sources: list[str] = SOURCES) -> Path:
    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(s, seen), s, auto_comments=[f"paragraph 1, sentence {n}"])
             for n, s in enumerate(sources, 1)]
    write_po(Catalog(units, "zh-Hant", "en", default_header("zh-Hant", "en")), path)
    return path


def rewrite(path: Path, sources: list[str]) -> None:
    """Another tool writes the file: a later mtime even on a coarse clock."""
    before = path.stat().st_mtime_ns
    make_po(path, sources)
    later = max(path.stat().st_mtime_ns, before + 1_000_000_000)
    os.utime(path, ns=(later, later))


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
    rewrite(path, [*SOURCES, "第五句。"])
    theirs = path.read_bytes()
    assert session.disk_changed()
    with pytest.raises(ConflictError):
        session.save()
    assert path.read_bytes() == theirs and session.journal.exists()
    session.save(force=True)  # the translator chose to keep their version
    assert read_po(path).units[0].target == "Mine."
    assert not session.disk_changed()


def test_reload_keeps_the_languages_the_user_gave(tmp_path: Path) -> None:
    """A reload (the file changed on disk) used to forget --source-lang/--target-lang."""
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path, target_lang="de")
    assert session.target_lang == "de"
    fresh = session.reload()
    assert fresh.target_lang == "de" and fresh.languages == session.languages
    fresh.close()


def test_reload_keeps_unsaved_edits(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    session = EditSession.open(path)
    session.commit(3, "Four.", State.TRANSLATED)
    rewrite(path, ["新的一句。", *SOURCES])
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


def test_paragraph_neighbours(tmp_path: Path) -> None:
    session = EditSession.open(make_po(tmp_path / "a.po"))
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


def test_plural_forms_committed_replayed_and_saved(tmp_path: Path) -> None:
    """A plural entry: every form goes to the journal; an empty form keeps it untranslated
    (as the PO reader reads it), so Enter on the first form alone cannot mark it done."""
    path = tmp_path / "p.po"
    header = default_header("zh-Hant", "en")
    unit = Unit("a1", "一個蘋果", source_plural="%d個蘋果", target_plurals=[""])
    write_po(Catalog([unit, Unit("a2", "第二句。")], "zh-Hant", "en", header), path)
    session = EditSession.open(path)
    session.commit(0, "one apple", State.TRANSLATED)
    assert session.units[0].state is State.UNTRANSLATED  # msgstr[1] is empty
    session.commit(0, "one apple", State.TRANSLATED, ["%d apples"])
    assert session.units[0].state is State.TRANSLATED
    session.close()  # a crash: only the journal has it
    again = EditSession.open(path)
    unit = again.units[0]
    assert (unit.target, unit.target_plurals, unit.state) == (
        "one apple", ["%d apples"], State.TRANSLATED)
    again.save()
    saved = read_po(path).units[0]
    assert (saved.target, saved.target_plurals, saved.state) == (
        "one apple", ["%d apples"], State.TRANSLATED)


def test_touched_file_is_unchanged_and_hashed_once(tmp_path: Path) -> None:
    import os

    path = make_po(tmp_path / "t.po")
    session = EditSession.open(path)
    assert session.signature is not None
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # `touch`
    assert not session.disk_changed()
    # the new mtime is noted: the next check is a stat, not a read of the whole file
    assert session.signature.mtime_ns == path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace("第一句", "第1句"), encoding="utf-8")
    assert session.disk_changed()


def test_comment_edits_survive_a_kill_and_are_saved(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    from workbench.editor.unitnotes import conflict_notes, translator_comment
    from workbench.import_merge import CONFLICT_PREFIX

    path = tmp_path / "a.po"
    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(s, seen), s) for s in SOURCES]
    units[1].comments = ["old note", CONFLICT_PREFIX + "the file said 'Two'"]
    write_po(Catalog(units, "zh-Hant", "en", default_header("zh-Hant", "en")), path)
    code = ("import os, signal, sys; from workbench.editor.session import EditSession\n"
            "s = EditSession.open(sys.argv[1])\n"
            "s.set_translator_comment(0, 'check the name\\n\\nwith the author ')\n"
            "assert s.clear_conflicts(1) == 1 and s.clear_conflicts(1) == 0\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert read_po(path).units[0].comments == []  # nothing saved: only the journal has it
    again = EditSession.open(path)
    first, second = again.units[:2]
    assert translator_comment(first) == "check the name\nwith the author"
    assert second.comments == ["old note"] and not conflict_notes(second)
    assert again.restored == 2 and again.dirty
    again.commit(0, "One.", State.TRANSLATED)  # a later commit keeps the comment
    again.save()
    saved = read_po(path)
    assert saved.units[0].comments == ["check the name", "with the author"]
    assert saved.units[0].target == "One." and saved.units[1].comments == ["old note"]


def test_a_journal_without_comments_still_replays(tmp_path: Path) -> None:
    path = make_po(tmp_path / "a.po")
    unit = read_po(path).units[0]
    from workbench.editor.journal import source_hash

    # a record as the editor wrote it before comments were journaled
    Journal(path).path.write_text(
        f'{{"v": 1, "id": "{unit.id}", "src": "{source_hash(unit.source)}", '
        '"target": "One.", "state": "translated"}\n', encoding="utf-8")
    again = EditSession.open(path)
    assert (again.units[0].target, again.units[0].comments) == ("One.", [])
