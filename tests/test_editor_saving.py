"""The save/quit state without the UI: queued saves and quits, remembered answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.editor.saving import After, SaveState, disk_stamp, is_read_only


def test_a_save_during_a_write_follows_it_and_keeps_the_quit() -> None:
    state = SaveState().start()
    assert state.writing
    state = state.queue(then_quit=False).queue(then_quit=True).queue(then_quit=False)
    assert state.save_queued and state.quit_queued  # a later plain save does not drop the quit
    state, queued, then_quit = state.finish(then_quit=False)
    assert (queued, then_quit) == (True, True)
    assert state == SaveState()  # nothing left over for the next write
    state, queued, then_quit = state.start().finish(then_quit=False)
    assert (queued, then_quit) == (False, False)


@pytest.mark.parametrize(("queued", "then_quit", "dirty", "after"), [
    (False, False, False, After.STAY),
    (False, False, True, After.STAY),  # edits made while writing wait for the next Ctrl+S
    (True, False, False, After.STAY),  # the queued save has nothing left to write
    (True, False, True, After.SAVE),
    (False, True, False, After.QUIT),
    (True, True, False, After.QUIT),
    (False, True, True, After.SAVE_AND_QUIT),  # never quit with an edit unsaved
])
def test_after_save(queued: bool, then_quit: bool, dirty: bool, after: After) -> None:
    assert SaveState.after_save(queued, then_quit, dirty) is after


def test_a_declined_disk_change_is_not_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text("one", encoding="utf-8")
    stamp = disk_stamp(path)
    state = SaveState()
    assert state.should_check_disk(stamp)
    state = state.ask_about_disk()
    assert not state.should_check_disk(stamp)  # the question is open
    state = state.answered_disk(settled=False, stamp=stamp)
    assert state.declined == stamp and not state.should_check_disk(stamp)
    path.write_text("changed again", encoding="utf-8")
    assert state.should_check_disk(disk_stamp(path))  # a new change is asked about
    assert state.saved().declined is None
    assert state.answered_disk(settled=True, stamp=stamp).declined is None
    assert not SaveState().start().should_check_disk(stamp)  # not while writing
    path.unlink()
    assert disk_stamp(path) == (-1, -1)


def test_read_only_is_asked_once(tmp_path: Path) -> None:
    path = tmp_path / "a.po"
    path.write_text("one", encoding="utf-8")
    assert not is_read_only(path)
    path.chmod(0o444)
    assert is_read_only(path) and not is_read_only(tmp_path / "missing.po")
    state = SaveState().looked_at(is_read_only(path))
    assert state.warn_read_only
    assert state.looked_at(True) is state  # unchanged: the same value, no redraw
    assert not state.accept_read_only().warn_read_only
