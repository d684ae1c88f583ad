"""The editor never loses work: kill -9 after a commit, the file changed on disk, bad files,
and how `workbench edit` finds what to open."""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui import (
    SIZE,
    Messages,
    change_on_disk,
    idle,
    make_project,
    ready,
    screen_text,
    seed_po,
    sync,
)

from conftest import run_cli
from workbench.cli.edit_cmd import resolve_catalog
from workbench.editor.session import EditSession
from workbench.errors import InputError, UsageError
from workbench.formats.po import read_po
from workbench.model import State
from workbench.project import Project
from workbench.tui.app import make_app
from workbench.tui.dialogs import ChoiceScreen


@pytest.fixture
def project(project_dir: Path) -> Project:
    return make_project(project_dir)


def _drain(fd: int, seconds: float) -> bytes:
    """Read what the child wrote to the terminal for up to `seconds` (it must not block)."""
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready_fds, _, _ = select.select([fd], [], [], 0.05)
        if ready_fds:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def _spawn_editor(cwd: Path, *args: str) -> tuple[int, int]:
    """The real `workbench` command on a pseudo-terminal of 120x40: (pid, terminal fd)."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    pid, fd = pty.fork()
    if pid == 0:  # the child
        import fcntl
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-m", "workbench", *args], env)
    return pid, fd


def _reap(pid: int, seconds: float = 10) -> int:
    """The child's wait status; killed (SIGKILL) if it has not ended within `seconds`."""
    guard = threading.Timer(seconds, os.kill, (pid, signal.SIGKILL))
    guard.start()
    try:
        return os.waitpid(pid, 0)[1]
    finally:
        guard.cancel()


def _read_until_closed(fd: int, seconds: float = 30) -> bytes:
    """Read what the child writes until it closes the terminal (it ended), at most `seconds`."""
    out = b""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side of the terminal is closed
            break
        if not chunk:
            break
        out += chunk
    return out


def _wait_for(fd: int, text: bytes, seconds: float = 30) -> bytes:
    shown = b""
    deadline = time.monotonic() + seconds
    while text not in shown and time.monotonic() < deadline:
        shown += _drain(fd, 0.1)
    assert text in shown, shown[-500:]
    return shown


def test_edit_in_a_terminal_opens_project_catalog_and_quits(project: Project) -> None:
    pid, fd = _spawn_editor(project.root, "edit", "--lang", "en")
    try:
        _wait_for(fd, b"LC_MESSAGES/000_fa12286181b4949c.po")
        os.write(fd, b"\x11")  # Ctrl+Q: nothing unsaved, no question
        _read_until_closed(fd)
    finally:
        status = _reap(pid)
        os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _typing_then(project: Project, end: Callable[[int, int], None]) -> EditSession:
    """Commit a unit, type into the next without Enter, `end(pid, fd)` the editor; the
    catalog reopened with its journal."""
    path = seed_po(project)
    before = path.read_bytes()
    pid, fd = _spawn_editor(project.root, "edit", str(path))
    closed = False
    try:
        _wait_for(fd, b"Units")
        os.write(fd, b"committed\rbeing typed")
        _wait_for(fd, b"being typed")  # on screen: in the target, not committed
        end(pid, fd)
        closed = end is _hang_up
    finally:
        status = _reap(pid, 20)
        if not closed:
            os.close(fd)
    assert not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL), "hung"
    # Ended as a shell reports a signal's ending (128 + its number), not as a success.
    ended_by = signal.SIGHUP if end is _hang_up else signal.SIGTERM
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + ended_by
    assert path.read_bytes() == before  # not saved: the journal has the edits
    return EditSession.open(path, project)


def _hang_up(pid: int, fd: int) -> None:
    os.close(fd)  # the terminal goes (an SSH link drops, a tmux pane is killed): SIGHUP


def _terminate(pid: int, fd: int) -> None:
    os.kill(pid, signal.SIGTERM)
    _drain(fd, 0.2)


@pytest.mark.parametrize("end", [_hang_up, _terminate], ids=["SIGHUP", "SIGTERM"])
def test_text_being_typed_survives_a_hang_up(project: Project,
                                             end: Callable[[int, int], None]) -> None:
    """The SSH link drops while a sentence is half typed: SIGHUP ended the editor at once
    and the sentence was lost (only commits were journaled). It is kept as fuzzy, as moving
    to another unit keeps it, and the next opening restores it."""
    session = _typing_then(project, end)
    assert session.restored == 2
    assert (session.units[0].target, session.units[0].state) == ("committed", State.TRANSLATED)
    assert (session.units[1].target, session.units[1].state) == ("being typed", State.FUZZY)
    session.journal.clear()


def test_commit_survives_kill_9(project: Project) -> None:
    """The real `workbench edit` in a pseudo-terminal: type, Enter, SIGKILL, reopen."""
    path = seed_po(project)
    before = path.read_bytes()
    pid, fd = _spawn_editor(project.root, "edit", str(path))
    try:
        _wait_for(fd, b"Units")
        # \n is what a terminal sends for Ctrl+J (a line break), \r for Enter (commit); sent
        # in one burst, the keys after an Enter belong to the next unit
        os.write(fd, "Crash-safe\n安全\rSecond\r".encode())
        journal = path.with_name(path.name + ".journal")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            _drain(fd, 0.05)
            if journal.exists() and "Second" in journal.read_text(encoding="utf-8"):
                break
        os.kill(pid, signal.SIGKILL)
    finally:
        status = _reap(pid)
        os.close(fd)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert path.read_bytes() == before  # not saved: only the journal has the edit
    session = EditSession.open(path, project)
    assert session.units[0].target == "Crash-safe\n安全"
    assert session.units[1].target == "Second"
    assert session.units[0].state is State.TRANSLATED
    assert session.restored == 2 and session.dirty
    session.close()

    @sync
    async def reopen() -> None:
        app = make_app(path, project, watch_disk=None)
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            assert "Crash-safe↵安全" in screen_text(app)
            assert "2 unsaved" in screen_text(app)
            await pilot.press("ctrl+s")
            await idle(app)
            await pilot.pause()
        assert read_po(path).units[0].target == "Crash-safe\n安全"
        assert not session.journal.exists()

    reopen()


@sync
async def test_changed_on_disk_reload(project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=0.05)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(app, pilot)
        await pilot.press(*"mine", "enter")  # unit 1, committed, unsaved
        await pilot.press(*"draft")  # unit 2, typed, not committed
        change_on_disk(path, 5, "theirs")
        # the editor's own timer notices the change and says so; the save asks
        await messages.until(lambda: app.editor.save_state.declined is not None)
        await pilot.pause()
        assert "changed on disk" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("r")
        await pilot.pause()
        units = app.editor.session.units
        assert units[5].target == "theirs"  # their change is in
        assert units[0].target == "mine"  # and my unsaved edit re-applied
        assert (units[1].target, units[1].state) == ("draft", State.FUZZY)  # kept, unconfirmed
        assert app.editor.current == 1 and app.editor.target_area.text == "draft"
        assert app.editor.session.dirty


@sync
async def test_changed_on_disk_does_not_take_the_keys_typed(project: Project) -> None:
    """The disk watch asked with a dialog popping up over the target: the next key typed was
    its answer ("k" of "kind": keep mine, the next save overwrote the other tool's change) and
    the rest of the word was lost. It says so instead, and the save asks."""
    path = seed_po(project)
    app = make_app(path, project, watch_disk=0.05)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(app, pilot)
        change_on_disk(path, 5, "theirs")
        theirs = path.read_bytes()
        await messages.until(lambda: app.editor.save_state.declined is not None
                             or isinstance(app.screen, ChoiceScreen))
        await pilot.press(*"kind", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
        assert app.editor.session.units[0].target == "kind"
        assert any("changed on disk" in notice for notice in messages.notices())
        assert "changed on disk" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # asked, nothing written
        assert path.read_bytes() == theirs


@sync
async def test_changed_on_disk_never_silently_overwritten(project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"mine", "enter")
        change_on_disk(path, 5, "theirs")
        theirs = path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # cancel: nothing written
        await idle(app)
        assert path.read_bytes() == theirs
        await pilot.press("ctrl+s", "k")  # keep mine: now it is written
        await idle(app)
        await pilot.pause()
        saved = read_po(path)
        assert saved.units[0].target == "mine" and not app.editor.session.dirty


def test_malformed_catalog_exits_2_without_starting(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    done = run_cli("edit", str(bad), cwd=project.root)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stdout
    binary = tmp_path / "binary.po"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    done = run_cli("edit", str(binary), cwd=project.root)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    done = run_cli("edit", str(tmp_path / "missing.po"), cwd=project.root)
    assert done.returncode == 2 and "no such catalog" in done.stderr


def _args(project: Project, path: str | None = None, lang: str | None = None
          ) -> argparse.Namespace:
    return argparse.Namespace(project=str(project.root), path=path, lang=lang)


def test_what_edit_opens(project_dir: Path) -> None:
    from workbench.project import find_project

    project = find_project(project_dir, explicit=True)  # not initialised: no catalogs yet
    document = project.documents()[0]
    path, found = resolve_catalog(_args(project))
    assert path == project.po_path(document, "zh-Hans") and path.exists()  # first target
    assert found is not None and found.root == project.root
    path, _ = resolve_catalog(_args(project, lang="en"))
    assert path == project.po_path(document, "en") and path.exists()
    assert project.pot_path(document).exists()
    other = project_dir / "seeds" / "002_more.txt"
    other.write_text("第二篇。\n", encoding="utf-8")
    path, _ = resolve_catalog(_args(project, str(other), "en"))
    assert path == project.po_path(other, "en")
    assert [u.source for u in read_po(path).units] == ["第二篇。"]
    path, found = resolve_catalog(_args(project, str(path)))
    assert path == project.po_path(other, "en") and found is not None
    with pytest.raises(UsageError):
        resolve_catalog(_args(project, lang="fr"))
    with pytest.raises(InputError):
        resolve_catalog(_args(project, str(project_dir / "seeds" / "nope.txt")))
