"""The toolkit's screens under Pilot, on a real project (model assertions, then a snapshot)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from conftest import run_cli
from workbench.concordance import Hit
from workbench.formats import tmx
from workbench.formats.po import format_po, read_po
from workbench.model import Catalog, State, Unit
from workbench.project import find_project
from workbench.tui.concordance_screen import ConcordanceScreen
from workbench.tui.overview_screen import OverviewScreen
from workbench.tui.reading_screen import ReadingScreen
from workbench.tui.replace_screen import ReplaceScreen

CONFIG = '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en", "zh-Hans"]\nsources = "src"\n'
SIZE = (100, 24)


def make_project(root: Path) -> Path:
    (root / "workbench.toml").write_text(CONFIG, encoding="utf-8")
    (root / "src").mkdir()
    (root / "src" / "a.txt").write_text("自治區黨委開會。天氣很好。\n黨委書記發言。\n",
                                        encoding="utf-8")
    (root / "src" / "b.txt").write_text("村兩委換屆。\n", encoding="utf-8")
    assert run_cli("init", "--pretranslate", cwd=root).returncode == 0
    po = root / "locale/en/LC_MESSAGES/a.po"
    catalog = read_po(po)
    catalog.units[0].set_target("The regional Party Committee met.", State.TRANSLATED)
    catalog.units[2].set_target("The Party secretary spoke.", State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")
    (root / "tm").mkdir()
    memory = Catalog(units=[Unit(id="1", source="党委办公室", target="Party Committee office",
                                 state=State.TRANSLATED)], source_lang="zh-Hans",
                     target_lang="en")
    (root / "tm" / "old.tmx").write_bytes(tmx.write_tmx(memory))
    return root


def sync(test):  # type: ignore[no-untyped-def]
    """Run an async test with asyncio (the project has no async pytest plugin)."""
    @functools.wraps(test)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        asyncio.run(test(*args, **kwargs))
    return run


class Host(App[None]):
    """A bare app that opens one screen and keeps what it was dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.opened = screen
        self.result: Any = "open"

    def on_mount(self) -> None:
        def done(result: Any) -> None:
            self.result = result

        self.push_screen(self.opened, done)


async def settled(app: App[Any], pilot: Any) -> None:
    from textual.worker import WorkerCancelled

    for _ in range(3):
        for worker in list(app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()


# Concordance --------------------------------------------------------------------------------

@sync
async def test_concordance_searches_as_the_translator_types(tmp_path: Path) -> None:
    project = find_project(make_project(tmp_path), explicit=True)
    screen = ConcordanceScreen(project)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen.query_one(Input).has_focus
        await pilot.press(*"党委")
        await settled(app, pilot)
        assert [(h.source, h.kind) for h in screen.hits] == [
            ("自治區黨委開會。", "catalog"), ("黨委書記發言。", "catalog"),
            ("自治區黨委開會。", "catalog"),  # zh-Hans, pre-translated by OpenCC (fuzzy)
            ("黨委書記發言。", "catalog"), ("党委办公室", "memory")]
        assert screen.query_one(DataTable).row_count == 5
        await pilot.press("backspace", "backspace", *"沒有")
        await settled(app, pilot)
        assert screen.hits == []
        # not "no sentence holds it": untranslated sentences may well hold it
        status = str(screen.query_one("#concordance-status", Static).render())
        assert "untranslated ones are left out" in status
        await pilot.press("escape")
        assert app.result is None


@sync
async def test_enter_on_a_hit_dismisses_with_it(tmp_path: Path) -> None:
    project = find_project(make_project(tmp_path), explicit=True)
    screen = ConcordanceScreen(project, "secretary")
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert len(screen.hits) == 1
        await pilot.press("enter", "enter")  # to the table, then choose the row
        assert isinstance(app.result, Hit)
        assert app.result.target == "The Party secretary spoke."


def test_concordance_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    project = find_project(make_project(tmp_path), explicit=True)

    async def run_before(pilot: Any) -> None:
        await settled(pilot.app, pilot)

    assert snap_compare(Host(ConcordanceScreen(project, "黨委")), terminal_size=SIZE,
                        run_before=run_before)


# Project overview ---------------------------------------------------------------------------

@sync
async def test_overview_shows_every_catalog_and_opens_one(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    project = find_project(root, explicit=True)
    (root / "locale/zh_Hans/LC_MESSAGES/b.po").unlink()  # one catalog not made yet
    current = root / "locale/en/LC_MESSAGES/a.po"
    screen = OverviewScreen(project, current)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        en_a = screen.stats[(0, 0)]
        assert en_a is not None and en_a.units[State.TRANSLATED] == 2 and en_a.total_units == 3
        assert screen.stats[(1, 1)] is None
        assert "67% 2/3" in str(screen.query_one(DataTable).get_cell_at((0, 1)))
        assert screen.query_one(DataTable).cursor_coordinate == (0, 1)  # the open catalog
        await pilot.press("down", "right", "enter")
        assert app.result == root / "locale/zh_Hans/LC_MESSAGES/b.po"


def test_overview_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    project = find_project(make_project(tmp_path), explicit=True)

    async def run_before(pilot: Any) -> None:
        await settled(pilot.app, pilot)

    assert snap_compare(Host(OverviewScreen(project)), terminal_size=SIZE,
                        run_before=run_before)


# Reading view -------------------------------------------------------------------------------

@sync
async def test_reading_view_moves_toggles_and_edits(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    catalog = read_po(root / "locale/en/LC_MESSAGES/a.po")
    screen = ReadingScreen(catalog.units, 0, "zh-Hant", "en")
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen.groups == [[0, 1], [2]]
        first = screen.paragraph_text(0)
        assert first.plain == ("自治區黨委開會。天氣很好。\n"
                               "The regional Party Committee met. [天氣很好。]")
        await pilot.press("down")
        assert screen.current == 1
        await pilot.press("t")
        assert screen.mode == "translation"
        assert screen.paragraph_text(1).plain == "The Party secretary spoke."
        await pilot.press("t")
        assert screen.paragraph_text(0).plain == "自治區黨委開會。天氣很好。"
        await pilot.press("pagedown", "enter")
        assert app.result == 2


def test_reading_view_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    root = make_project(tmp_path)
    catalog = read_po(root / "locale/en/LC_MESSAGES/a.po")

    async def run_before(pilot: Any) -> None:
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(Host(ReadingScreen(catalog.units, 0, "zh-Hant", "en")),
                        terminal_size=SIZE, run_before=run_before)


# Find and replace ---------------------------------------------------------------------------

async def _planned(screen: ReplaceScreen, app: App[Any], pilot: Any, count: int) -> None:
    await settled(app, pilot)
    assert screen.planned >= count


@sync
async def test_replace_previews_then_returns_every_change(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    units = read_po(root / "locale/en/LC_MESSAGES/a.po").units
    screen = ReplaceScreen(units)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Party", "enter", *"CPC")
        await _planned(screen, app, pilot, 1)
        assert [(c.index, c.after) for c in screen.changes] == [
            (0, "The regional CPC Committee met."), (2, "The CPC secretary spoke.")]
        assert screen.query_one(DataTable).row_count == 2
        await pilot.press("alt+c")  # case ignored: nothing more here, but planned again
        await _planned(screen, app, pilot, 2)
        await pilot.press("enter")
        assert [c.after for c in app.result] == ["The regional CPC Committee met.",
                                                 "The CPC secretary spoke."]


@sync
async def test_replace_reports_a_bad_regex(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    screen = ReplaceScreen(read_po(root / "locale/en/LC_MESSAGES/a.po").units)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+x", *"(")
        await _planned(screen, app, pilot, 1)
        status = str(screen.query_one("#replace-status", Static).render())
        assert "not a regular expression" in status
        await pilot.press("ctrl+r")
        assert app.result == "open"  # nothing to apply: the screen stays


def test_replace_snapshot(tmp_path: Path, snap_compare: Any) -> None:
    root = make_project(tmp_path)
    units = read_po(root / "locale/en/LC_MESSAGES/a.po").units

    async def run_before(pilot: Any) -> None:
        await pilot.press(*"Party", "tab", *"CPC")
        await settled(pilot.app, pilot)

    assert snap_compare(Host(ReplaceScreen(units)), terminal_size=SIZE, run_before=run_before)


# Control characters in the file's text never reach the terminal ------------------------------

CONTROLS = "\x1b[31mred\x1b[0m\x07\x85"


def _controls_project(root: Path) -> Path:
    """The project, with an ESC sequence, a BEL and a C1 control in a source and a target."""
    root = make_project(root)
    po = root / "locale/en/LC_MESSAGES/a.po"
    catalog = read_po(po)
    catalog.units[1].source += CONTROLS
    catalog.units[1].set_target("Fine weather" + CONTROLS, State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")
    return po


def _shows_no_control(text: Text | str) -> None:
    plain = text.plain if isinstance(text, Text) else text
    assert "\x1b" not in plain and "\x07" not in plain and "\x85" not in plain, plain
    assert "␛[31mred␛[0m␇⟨U+0085⟩" in plain, plain


@sync
async def test_reading_view_shows_controls_as_symbols(tmp_path: Path) -> None:
    units = read_po(_controls_project(tmp_path)).units
    screen = ReadingScreen(units, 0, "zh-Hant", "en")
    async with Host(screen).run_test(size=SIZE) as pilot:
        await pilot.pause()
        both = screen.paragraph_text(0).plain.split("\n")
        _shows_no_control(both[0])  # the source
        _shows_no_control(both[1])  # the translation


@sync
async def test_replace_preview_shows_controls_as_symbols(tmp_path: Path) -> None:
    units = read_po(_controls_project(tmp_path)).units
    screen = ReplaceScreen(units)
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"weather", "tab", *"sky")
        await _planned(screen, app, pilot, 1)
        _number, source, change = screen.query_one(DataTable).get_row_at(0)
        _shows_no_control(source)
        _shows_no_control(change)


@sync
async def test_concordance_shows_controls_as_symbols(tmp_path: Path) -> None:
    project = find_project(_controls_project(tmp_path).parents[3], explicit=True)
    screen = ConcordanceScreen(project, "Fine weather")
    app = Host(screen)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert len(screen.hits) == 1
        source, target, _where = screen.query_one(DataTable).get_row_at(0)
        _shows_no_control(source)
        _shows_no_control(target)


@sync
async def test_reading_view_breaks_lines_by_chinese_rules(tmp_path: Path) -> None:
    """A long paragraph wrapped by Rich started lines with 。 and ，; the panels of the editor
    break by the Chinese rules, the reading view now too, at any width."""
    from workbench.tui.text import CLOSING, OPENING

    root = make_project(tmp_path)
    units = read_po(root / "locale/en/LC_MESSAGES/a.po").units
    units[0].source = "一。二三，四五六。「七八」九十！" * 12
    screen = ReadingScreen(units, 0, "zh-Hant", "en")
    async with Host(screen).run_test(size=SIZE) as pilot:
        for size in [SIZE, (81, 24), (60, 20), (47, 20)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            paragraph = screen.built[0]
            width = paragraph.content_region.width
            lines = [strip.text for strip in paragraph.render_lines(
                paragraph.content_region.reset_offset)]
            assert len(lines) == paragraph.content_region.height, size
            text = [line.rstrip() for line in lines if line.strip()]
            assert "".join(text[:-1]).startswith("一。二三，四五六。「七八」九十！" * 12), size
            assert not any(line[:1] in CLOSING for line in text), (size, width, text)
            assert not any(line[-1:] in OPENING for line in text), (size, width, text)
