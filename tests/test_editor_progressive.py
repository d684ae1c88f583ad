"""A large catalog opened progressively: the first screenful read and drawn at once, the rest
read by a worker into the session. The reader in batches against read_po; the editor (Pilot)
drawing its first screen before the rest is in, taking commits meanwhile, saving only the whole
catalog (byte for byte as it was, but the edit), and a malformed entry near the end."""

from __future__ import annotations

import difflib
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tui import Messages, screen_text, settle, sync

from workbench.editor import loading
from workbench.editor.journal import Journal
from workbench.editor.loading import CatalogLoad
from workbench.editor.session import EditSession
from workbench.errors import InputError, WorkbenchError
from workbench.formats.po import PoReader, parse_po, read_po
from workbench.model import State, make_unit_id
from workbench.tui.app import make_app
from workbench.tui.messages import UnitsRead

SIZE = (120, 40)
HEADER = ('# A catalog large enough to be read progressively.\n'
          'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n'
          '"Language: en\\n"\n"X-Source-Language: zh-Hant\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


def big_po(count: int, untranslated: set[int], shared: dict[int, str] | None = None) -> str:
    """`count` entries in several styles polib would not write (wrapped strings, comments,
    flags), msgctxt `u<n>` unless `shared` gives another; translated but `untranslated`."""
    shared = shared or {}
    out = [HEADER]
    for n in range(count):
        target = "" if n in untranslated else f"Sentence {n}."
        lines = [f"#: doc.txt:{n + 1}"]
        if n % 7 == 3:
            lines.append(f"# note {n}")
        if n % 11 == 5:
            lines.append("#, c-format, no-wrap")
        lines.append(f'msgctxt "{shared.get(n, f"u{n:05d}")}"')
        if n % 5 == 2:  # wrapped the way some tool did, not as polib would
            lines += ['msgid ""', f'"第{n}句,"', '"還有下文。"']
        else:
            lines.append(f'msgid "第{n}句。"')
        lines.append(f'msgstr "{target}"')
        out.append("\n".join(lines) + "\n\n")
    return "".join(out).rstrip("\n") + "\n"


def fields(units):  # type: ignore[no-untyped-def]
    return [(u.id, u.context, u.has_context, u.source, u.target, u.state, u.obsolete,
             u.comments, u.locations, u.entry_line) for u in units]


def read_progressively(text: str, path: str, first: int, size: int) -> list:  # type: ignore[type-arg]
    reader = PoReader(text, path, provisional_ids=True)
    units = list(reader.read(first))
    while not reader.done:
        units += reader.read(size)
    reader.settle_ids()
    assert units == reader.units
    return units


# The reader in batches ---------------------------------------------------------------------

# "一"'s derived id as another entry's msgctxt: the id derived for one must step aside
_ENTRY = st.tuples(st.sampled_from([None, "", "a", "b", make_unit_id("一", {})]),
                   st.sampled_from(["一", "二", "三", "a\\nb"]), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(_ENTRY, max_size=14), st.integers(1, 4), st.integers(1, 5))
def test_read_in_batches_gives_the_ids_of_a_whole_read(entries, first, size) -> None:  # type: ignore[no-untyped-def]
    """Shared, empty and missing msgctxts, repeated sources, obsolete entries: the ids
    settled after a read in batches are those of a read at once."""
    seen: set[tuple[str | None, str, bool]] = set()
    text = HEADER
    for msgctxt, msgid, obsolete in entries:
        if (msgctxt, msgid, obsolete) in seen:
            continue  # a duplicate definition is an error either way
        seen.add((msgctxt, msgid, obsolete))
        prefix = "#~ " if obsolete else ""
        context = "" if msgctxt is None else f'{prefix}msgctxt "{msgctxt}"\n'
        text += f'{context}{prefix}msgid "{msgid}"\n{prefix}msgstr "x"\n\n'
    whole = parse_po(text, "t.po")
    assert fields(read_progressively(text, "t.po", first, size)) == fields(whole.units)


def test_a_msgctxt_shared_further_on_changes_an_id_already_read() -> None:
    text = big_po(40, set(), shared={3: "shared", 35: "shared"})
    reader = PoReader(text, "t.po", provisional_ids=True)
    early = reader.read(10)
    assert early[3].id == "shared"  # as far as the part read tells
    while not reader.done:
        reader.read(10)
    assert [unit.id for unit, _, _ in reader.id_changes] == ["shared"]  # unit 3's only
    reader.settle_ids()
    assert fields(reader.units) == fields(parse_po(text, "t.po").units)
    assert early[3].id != "shared" and early[3].msgctxt == "shared"


def test_a_malformed_entry_is_reported_by_the_batch_that_meets_it() -> None:
    text = big_po(50, set()).replace('msgstr "Sentence 45."', 'msgstr "Sentence 45.')
    reader = PoReader(text, "t.po", provisional_ids=True)
    assert len(reader.read(20)) == 20
    with pytest.raises(InputError) as caught:
        while True:
            reader.read(20)
    line = text.split("\n").index('msgstr "Sentence 45.') + 1
    assert str(caught.value) == f"t.po:{line}: expected a quoted string, found " \
        "'\"Sentence 45.'"
    assert reader.done and reader.read(20) == []


# The session -------------------------------------------------------------------------------

def test_session_commits_while_reading_and_saves_only_the_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    path.write_text(big_po(3000, {5, 2500}, shared={5: "shared", 2900: "shared"}),
                    encoding="utf-8")
    session = EditSession.open(path, progressive_above=0)
    try:
        assert session.loading is not None and len(session) == 1000  # up to 5, and more
        assert session.units[5].id == "shared"
        session.commit(5, "Five.", State.TRANSLATED)
        with pytest.raises(WorkbenchError, match="not all read"):
            session.snapshot()
        while session.loading is not None:
            added = session.add_batch(session.loading.read_batch(700))
            assert added.start == len(session) - len(added)
        assert len(session) == 3000 and session.states.count(State.UNTRANSLATED) == 1
        unit = session.units[5]
        assert unit.id != "shared" and unit.msgctxt == "shared"
        assert session.unsaved == {unit.id} and session.index_of(unit.id) == 5
        assert session.index_of(session.units[2900].id) == 2900
        # after a crash: the journal puts the edit back on that unit, and only there
        replayed = read_po(path)
        result = Journal(path).replay(replayed)
        assert result.restored == [unit.id]
        assert [u.target for u in replayed.units if u.target == "Five."] == ["Five."]
        assert replayed.units[5].target == "Five."
        session.save()
        assert read_po(path).units[5].target == "Five."
    finally:
        session.close()


def test_a_journal_to_replay_opens_the_whole_catalog_at_once(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    path.write_text(big_po(3000, {5}), encoding="utf-8")
    session = EditSession.open(path, progressive_above=0)
    session.commit(3, "Three.", State.TRANSLATED)
    session.close()  # as after a crash: the journal stays
    again = EditSession.open(path, progressive_above=0)
    try:
        assert again.loading is None and len(again) == 3000
        assert again.restored == 1 and again.units[3].target == "Three."
    finally:
        again.close()


# The editor ---------------------------------------------------------------------------------

class Gate:
    """Holds the loading worker before each batch until the test lets it read on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        read = CatalogLoad.read_batch

        def gated(load: CatalogLoad, size: int | None = None):  # type: ignore[no-untyped-def]
            assert self.open.wait(60), "the test never let the reading go on"
            return read(load, size)

        monkeypatch.setattr(CatalogLoad, "read_batch", gated)
        monkeypatch.setattr(loading, "BATCH", 700)


@asynccontextmanager
async def gated_editor(path: Path, text: str, monkeypatch: pytest.MonkeyPatch,
                       messages: Messages | None = None
                       ) -> AsyncIterator[tuple[Any, Any, Gate]]:
    """The editor on `text` written to `path`, opened progressively, its reading held at the
    gate (always let go at the end, so a failing test does not leave the worker waiting)."""
    path.write_text(text, encoding="utf-8")
    gate = Gate(monkeypatch)
    app = make_app(path, watch_disk=None, progressive_above=0)
    try:
        async with app.run_test(size=SIZE, message_hook=messages) as pilot:
            await app.editor.background_started.wait()
            yield app, pilot, gate
    finally:
        gate.open.set()


@sync
async def test_first_screen_then_commits_while_reading_then_a_save_of_the_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.po"
    original = big_po(3000, {40, 41, 2600}, shared={41: "shared", 2800: "shared"})
    messages = Messages()
    async with gated_editor(path, original, monkeypatch, messages) as (app, pilot, gate):
        editor = app.editor
        session = editor.session
        # drawn while the worker waits at the gate: the first 1000 units only
        assert session.loading is not None and len(session) == 1000
        assert not editor.catalog_loaded.is_set()
        shown = screen_text(app)
        assert "reading" in shown and "第40句。" in shown
        assert editor.current == 40  # the first unit needing work
        await pilot.press(*"Forty", "enter")
        assert session.units[40].target == "Forty" and editor.current == 41
        await pilot.press(*"Forty-one", "enter")  # its id changes once all is read
        # nothing else needs work in the part read: Enter stays, and goes on later
        assert editor.current == 41
        assert session.units[41].state is State.TRANSLATED
        await pilot.press("ctrl+s")  # waits for the whole catalog
        await pilot.press(*"x")  # typing goes on meanwhile
        assert path.read_text(encoding="utf-8") == original
        assert any("Saving once the whole catalog is read" in n
                   for n in messages.notices())
        await pilot.press("alt+u")  # the untranslated units so far: none
        assert list(editor.view.rows) == []
        gate.open.set()
        await editor.catalog_loaded.wait()
        assert editor.first_screen_at < editor.loaded_at
        assert len({id(m.batch) for m in messages.seen if isinstance(m, UnitsRead)}) == 3
        await settle(app, pilot)  # the save, the background work
        assert len(session) == 3000 and not session.dirty
        assert list(editor.view.rows) == [2600]  # the filter took the units read since
        # typing after Enter kept the translator on unit 41 (no jump under their hands)
        assert editor.current == 41 and session.units[41].id != "shared"
    saved = path.read_text(encoding="utf-8")
    catalog = read_po(path)
    assert len(catalog.units) == 3000
    assert (catalog.units[40].target, catalog.units[40].state) == ("Forty", State.TRANSLATED)
    assert (catalog.units[41].target, catalog.units[41].state) == ("Forty-onex", State.FUZZY)
    # every other line as it was: the two entries' msgstr, the fuzzy flag, the date
    changed = [line for line in difflib.unified_diff(original.split("\n"), saved.split("\n"),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")
               and "PO-Revision-Date" not in line]
    assert sorted(changed) == sorted(['-msgstr ""', '-msgstr ""', '+msgstr "Forty"',
                                      '+#, fuzzy', '+msgstr "Forty-onex"']), changed


@sync
async def test_enter_past_the_part_read_lands_on_the_next_unit_read_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    messages = Messages()
    async with gated_editor(tmp_path / "big.po", big_po(3000, {40, 2600}), monkeypatch,
                            messages) as (app, pilot, gate):
        editor = app.editor
        await pilot.press(*"Forty", "enter")
        assert editor.current == 40
        assert any("going on when more is read" in n for n in messages.notices())
        await pilot.press("ctrl+g")  # a unit not read yet: said, not a wrong jump
        await pilot.press(*"2601", "enter")
        assert editor.current == 40
        assert any("Going to unit 2,601 needs the whole catalog" in n
                   for n in messages.notices())
        gate.open.set()
        await editor.catalog_loaded.wait()
        await pilot.pause()
        assert editor.current == 2600 and app.focused is editor.target_area
        # said once, not again at each batch that did not have it
        assert sum("going on when more is read" in n for n in messages.notices()) == 1


@sync
async def test_a_syntax_error_near_the_end_closes_the_editor_with_path_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.po"
    text = big_po(3000, {40}).replace('msgid "第2991句。"', 'msgid "第2991句。')
    line = text.split("\n").index('msgid "第2991句。') + 1
    async with gated_editor(path, text, monkeypatch) as (app, pilot, gate):
        editor = app.editor
        await pilot.press(*"Forty")  # typed, not committed: journaled when it closes
        gate.open.set()
        await settle(app, pilot)
    assert app.return_code == 2
    assert str(app.load_error) == f"{path}:{line}: expected a quoted string, found " \
        "'\"第2991句。'"
    with pytest.raises(WorkbenchError, match="not all read"):
        editor.session.snapshot()
    assert path.read_text(encoding="utf-8") == text  # nothing written
    edits = Journal(path).read()
    assert [(e.target, e.state) for e in edits] == [("Forty", State.FUZZY)]
    # opened again (the journal to replay: all of it at once), the error comes at once
    with pytest.raises(InputError, match=f":{line}: expected a quoted string"):
        make_app(path, watch_disk=None, progressive_above=0)


def test_the_real_command_reports_a_late_syntax_error_as_path_line(tmp_path: Path) -> None:
    """`workbench edit` in a pseudo-terminal on a catalog over the size opened progressively
    (by default), malformed near its end: the screen comes, then the error line, exit 2."""
    from test_tui_disk import _read_until_closed, _reap, _spawn_editor

    count = 25_000
    text = big_po(count, {40}).replace(f'msgid "第{count - 9}句。"', f'msgid "第{count - 9}句。')
    assert len(text.encode()) > loading.PROGRESSIVE_ABOVE
    path = tmp_path / "big.po"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(f'msgid "第{count - 9}句。') + 1
    pid, fd = _spawn_editor(tmp_path, "edit", str(path))
    try:
        shown = _read_until_closed(fd)
    finally:
        status = _reap(pid, 30)
        os.close(fd)
    assert b"Units" in shown  # the editor was drawn before the error was found
    assert f"workbench: {path}:{line}: expected a quoted string".encode() in shown
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2
    assert path.read_text(encoding="utf-8") == text


@sync
async def test_save_and_quit_while_reading_saves_the_whole_then_quits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.po"
    async with gated_editor(path, big_po(3000, {40, 2600}), monkeypatch) as (app, pilot, gate):
        await pilot.press(*"Forty", "enter", "ctrl+q")
        await pilot.press("s")  # save & quit: once all is read
        assert app.return_value is None and app.editor.session.loading is not None
        gate.open.set()
        await settle(app, pilot)
    assert app.return_value == 0
    catalog = read_po(path)
    assert len(catalog.units) == 3000 and catalog.units[40].target == "Forty"
    assert not Journal(path).exists()


def test_the_file_signature_of_a_progressive_open_is_complete_once_read(tmp_path: Path) -> None:
    """Hashed with the rest of the file: once all is read, a change of the same size on disk
    is seen, and the file as it was is not taken for a change."""
    path = tmp_path / "big.po"
    path.write_text(big_po(3000, {5}), encoding="utf-8")
    session = EditSession.open(path, progressive_above=0)
    try:
        while session.loading is not None:
            session.add_batch(session.loading.read_batch())
        assert session.signature is not None and session.signature.digest
        assert not session.disk_changed()
        os.utime(path, ns=(1, 1))  # touched: the same bytes (the hash tells)
        assert not session.disk_changed()
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Sentence 7.", "Sentence 8."), encoding="utf-8")
        os.utime(path, ns=(2, 2))  # the same size: the hash tells
        assert session.disk_changed()
    finally:
        session.close()


def test_obsolete_entries_read_later_stay_in_the_file_not_in_the_list(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    obsolete = "".join(f'\n#~ msgctxt "old{n}"\n#~ msgid "舊{n}"\n#~ msgstr "Old {n}."\n'
                       for n in range(300))
    text = big_po(2000, {5}) + obsolete
    path.write_text(text, encoding="utf-8")
    session = EditSession.open(path, progressive_above=0)
    try:
        while session.loading is not None:
            session.add_batch(session.loading.read_batch(450))
        assert len(session) == 2000 and len(session.catalog.units) == 2300
        assert not any(u.obsolete for u in session.units)
        session.commit(5, "Five.", State.TRANSLATED)
        session.save()
    finally:
        session.close()
    saved = path.read_text(encoding="utf-8")
    assert saved.endswith(obsolete) and saved.count("\n") == text.count("\n")
