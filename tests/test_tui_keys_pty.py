"""The real `workbench edit` in a pseudo-terminal, keys written as one burst (as SSH, mosh or
tmux send-keys deliver them): what is typed is what is saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_tui import make_project, seed_po
from test_tui_disk import _drain, _reap, _spawn_editor, _wait_for

from workbench.formats.po import read_po
from workbench.project import Project


@pytest.fixture
def project(project_dir: Path) -> Project:
    return make_project(project_dir)


def _type_save_quit(project: Project, burst: str) -> list[str]:
    """Open the seed's catalog, write `burst` at once, save (Ctrl+S), quit; the targets saved."""
    path = seed_po(project)
    before = path.stat().st_mtime_ns
    pid, fd = _spawn_editor(project.root, "edit", str(path))
    try:
        _wait_for(fd, b"Units")
        os.write(fd, (burst + "\x13").encode())  # one write: one read for the editor
        _wait_for(fd, b"Saved ")  # the notice: the save is finished, not only written
        assert path.stat().st_mtime_ns != before
        os.write(fd, b"\x11")  # Ctrl+Q: saved, nothing to ask
        _drain(fd, 0.5)
    finally:
        status = _reap(pid, 20)
        os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return [unit.target for unit in read_po(path).units]


def test_burst_with_backspace_left_and_delete_saves_what_was_typed(project: Project) -> None:
    targets = _type_save_quit(project, (
        "abcdef\x7f\x7f\r"  # Backspace Backspace Enter: "abcd" (it was "abcdef")
        "abc\x1b[DX\r"  # Left X Enter: "abXc" (it was "abcX")
        "one\x1b[D\x1b[D\x1b[3~\x1b[F!\r"  # Left Left Delete End ! Enter: "oe!"
        "中\u3000文\xa0x\r"  # an ideographic space and a no-break space, typed
    ))
    assert targets[:4] == ["abcd", "abXc", "oe!", "中\u3000文\xa0x"]
