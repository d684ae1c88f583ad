"""Snapshot tests (pytest-textual-snapshot) of the editor's main screen and help screen on the
seed. Update after a deliberate change of the look with `pytest --snapshot-update`."""

from __future__ import annotations

from pathlib import Path

from test_tui import idle, make_project, ready, seed_po

from workbench.tui.app import make_app

SIZE = (130, 42)


def _app(project_dir: Path):  # type: ignore[no-untyped-def]
    project = make_project(project_dir)
    return make_app(seed_po(project), project, watch_disk=None, cursor_blink=False)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await ready(app, pilot)
    await pilot.pause()


def test_main_screen(project_dir: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(project_dir), terminal_size=SIZE, run_before=_settle)


def test_main_screen_after_work(project_dir: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def work(pilot) -> None:  # type: ignore[no-untyped-def]
        await _settle(pilot)
        await pilot.press(*"Copyright", "enter", *"Public security", "ctrl+t")
        await pilot.press("ctrl+g", "3", "enter")
        await idle(pilot.app)
        await pilot.pause()

    assert snap_compare(_app(project_dir), terminal_size=SIZE, run_before=work)


def test_help_screen(project_dir: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_app(project_dir), terminal_size=SIZE, run_before=_settle,
                        press=["f1"])
