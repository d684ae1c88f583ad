"""Regression tests for bugs found using the editor in a real terminal (tmux): keys as a
terminal sends them, small terminals, the list's scrolling, the changed-on-disk question."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.cells import cell_len
from test_tui import (
    SEED_SENTENCE,
    SIZE,
    Messages,
    change_on_disk,
    idle,
    make_project,
    ready,
    screen_text,
    seed_po,
    settle,
    sync,
)
from textual._xterm_parser import XTermParser
from textual.events import Key, Paste
from textual.widgets import Input, Static

from workbench.formats.po import default_header, read_po, write_po
from workbench.model import Catalog, State, Unit
from workbench.project import Project
from workbench.tui.app import make_app
from workbench.tui.dialogs import ChoiceScreen, FullTextScreen, PluralScreen
from workbench.tui.keys import parse_terminal_keys
from workbench.tui.widgets.unit_list import UnitList


@pytest.fixture
def project(project_dir: Path) -> Project:
    return make_project(project_dir)


def terminal_events(data: str) -> list[Key]:
    """The key events Textual makes of what a terminal (or tmux) sends."""
    parser = XTermParser()
    events = [*parser.feed(data), *parser.feed("")]  # "": the end of input, no more to wait for
    return [event for event in events if isinstance(event, Key)]


def terminal_keys(data: str) -> list[str]:
    return [event.key for event in terminal_events(data)]


def test_alt_digits_arrive_as_alt_keys() -> None:
    # xterm and tmux send Alt+1 as ESC 1; Textual read it as "¡" (macOS Option+1)
    parse_terminal_keys()
    assert terminal_keys("\x1b1") == ["alt+1"]
    assert terminal_keys("\x1b9") == ["alt+9"]
    assert terminal_keys("£") == ["pound_sign"]  # a typed symbol is still a symbol


@sync
async def test_alt_keys_in_the_target_run_their_action_and_type_nothing(project: Project
                                                                         ) -> None:
    app = make_app(seed_po(project, "zh-Hans"), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        before = app.editor.target_area.text
        for event in terminal_events("\x1bu"):  # Alt+U: was typed as "u" into the target
            app.post_message(event)
        await pilot.pause()
        assert app.editor.target_area.text == before
        assert app.editor.view.filter == "untranslated"
        await pilot.press("alt+a", "alt+t", "alt+a")
        assert app.editor.target_area.text == before and app.editor.view.filter == "all"
        # Alt+1 as tmux sends it (ESC 1), through the parser: inserts suggestion 1
        parse_terminal_keys()
        area = app.editor.target_area
        area.load_text("")
        for event in terminal_events("\x1b1"):
            app.post_message(event)
        await pilot.pause()
        assert area.text == app.editor.suggestions[0].text


@sync
async def test_list_shows_the_unit_after_go_to_clears_a_search(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+f", *"黨委", "enter")  # a short list: no scrollbar
        await pilot.pause()
        assert len(app.editor.unit_list.rows) < 10
        await pilot.press("ctrl+g", *"40", "enter")  # not a match: the search goes
        await pilot.pause()
        units = app.editor.unit_list
        assert app.editor.current == 39 and units.unit_index == 39
        top = round(units.scroll_offset.y)
        assert top <= units.cursor < top + units.scrollable_content_region.height
        assert "40 · " in screen_text(app)  # the row is on screen


@sync
async def test_small_terminal_keeps_target_and_context_whole(project: Project) -> None:
    app = make_app(seed_po(project, "zh-Hans"), project, watch_disk=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+g", "4", "enter")  # a long sentence
        await pilot.pause()
        target = app.editor.target_area
        context = app.query_one("#context")
        assert target.content_region.height >= 3
        # the context panel ends inside the screen (its bottom border drawn)
        assert context.region.bottom <= app.query_one("#workspace").region.bottom
        lines = screen_text(app).splitlines()
        assert sum(line.startswith("╰") for line in lines) >= 3  # list, source/target, context
        assert "locale/" in lines[0] and "…" in lines[0]  # the file, cut (not wrapped away)


@sync
async def test_changed_on_disk_is_said_once_and_cancel_is_not_asked_again_every_check(
        project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=None)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(app, pilot)
        change_on_disk(path, 5, "theirs")
        for _ in range(5):  # what the timer does every 2 s: said once, never asked
            app.editor.check_disk()
            await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
        assert sum("changed on disk" in n for n in messages.notices()) == 1
        assert "changed on disk" in screen_text(app)  # the title says it
        await pilot.press(*"mine", "ctrl+s")  # a save asks
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        for _ in range(5):  # many checks
            app.editor.check_disk()
            await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)  # was asked again at once
        assert "changed on disk" in screen_text(app)
        await pilot.press("ctrl+s")  # a save still asks
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("k")
        await settle(app, pilot)
        assert not app.editor.session.dirty
        assert read_po(path).units[0].target == "mine"
        assert "changed on disk" not in screen_text(app).splitlines()[0]


@sync
async def test_save_and_quit_while_a_save_is_running_still_saves_and_quits(
        project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=None)
    write = app.editor.session.write
    written = threading.Event()  # the first write holds until the test lets it go

    def slow_write(job, force=False):  # type: ignore[no-untyped-def]
        assert written.wait(timeout=30)  # as a 100,000-unit catalog takes seconds
        return write(job, force)

    app.editor.session.write = slow_write  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"first", "enter", "ctrl+s")
        assert app.editor.save_state.writing
        assert "saving…" in screen_text(app).splitlines()[0]
        await pilot.press(*"second", "enter", "ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("s")  # was dropped: the app stayed open, the second edit unsaved
        assert app.editor.save_state.save_queued and app.editor.save_state.quit_queued
        written.set()
        await settle(app, pilot)
    assert app.return_value == 0
    units = read_po(path).units
    assert (units[0].target, units[1].target) == ("first", "second")


@sync
async def test_long_source_says_it_is_cut_and_f2_shows_all(project: Project) -> None:
    path = seed_po(project)
    catalog = read_po(path)
    catalog.units[0].source = "很長的句子," * 120 + "最後一句。"
    write_po(catalog, path)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.editor.current == 0
        source = app.query_one("#source")
        assert "F2" in str(source.border_subtitle)
        assert "最後一句" not in screen_text(app)  # the panel cuts it...
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FullTextScreen)
        await pilot.press("end")
        await pilot.pause()
        assert "最後一句。" in screen_text(app)  # ...the whole text is one key away
        await pilot.press("escape")
        await pilot.press("alt+down")  # a short sentence: no mark
        assert not source.border_subtitle


@sync
async def test_suggestion_details_stay_on_one_line_in_a_narrow_terminal(project: Project
                                                                        ) -> None:
    path = seed_po(project)
    catalog = read_po(path)
    for n, unit in enumerate(catalog.units[10:16]):  # memory matches enough to scroll
        unit.source = SEED_SENTENCE.replace("非凡", "非凡" * (n + 1))
        unit.set_target(f"Translation {n}", State.TRANSLATED)
    write_po(catalog, path)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        index = next(i for i, u in enumerate(app.editor.session.units) if u.source == SEED_SENTENCE)
        await pilot.press("ctrl+g", *str(index + 1), "enter")
        await idle(app)
        await pilot.pause()
        pane = app.query_one("#suggestions-pane")
        assert len(app.editor.suggestions) >= 5 and pane.show_vertical_scrollbar
        lines = app.query_one("#suggestions", Static).render().plain.splitlines()
        details = [line for line in lines if line.startswith("   ")]
        # a detail line cut to fit (…) and not wrapped: each one on one line of the pane
        assert len(details) == len([s for s in app.editor.suggestions if s.detail])
        width = pane.scrollable_content_region.width
        assert all(cell_len(line) <= width for line in details), (width, details)
        assert not any(line.strip() == "…" for line in screen_text(app).splitlines())


@sync
async def test_plural_forms_edited_with_f3(tmp_path: Path) -> None:
    path = tmp_path / "plural.po"
    unit = Unit("a1", "一個蘋果", source_plural="%d個蘋果", target_plurals=[""])
    write_po(Catalog([unit, Unit("a2", "第二句。")], "zh-Hant", "en",
                     default_header("zh-Hant", "en")), path)
    app = make_app(path, None, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.editor.current == 0
        await pilot.press(*"one apple", "enter")  # the first form alone: not translated
        assert app.editor.session.units[0].state is State.UNTRANSLATED
        await pilot.press("alt+up", "f3")
        await pilot.pause()
        assert isinstance(app.screen, PluralScreen)
        await pilot.press("enter", *"%d apples", "enter")
        await pilot.pause()
        assert app.editor.session.units[0].state is State.TRANSLATED
        assert "msgstr[1]: %d apples" in screen_text(app)
        await pilot.press("alt+down", "f3")  # not a plural entry: no dialog
        assert not isinstance(app.screen, PluralScreen)
        await pilot.press("ctrl+s")
        await idle(app)
        await pilot.pause()
    saved = read_po(path).units[0]
    assert (saved.target, saved.target_plurals, saved.state) == (
        "one apple", ["%d apples"], State.TRANSLATED)


@sync
async def test_search_finds_either_script(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)  # English targets
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+f", *"黨委", "enter")  # Traditional, as the source
        traditional = list(app.editor.unit_list.rows)
        await pilot.press("ctrl+f", *["backspace"] * 2, *"党委", "enter")  # a Simplified IME
        await pilot.pause()
        simplified = list(app.editor.unit_list.rows)
        assert traditional and simplified == traditional
        assert all("黨委" in app.editor.session.units[i].source for i in simplified)


@sync
async def test_read_only_catalog_is_not_replaced_without_asking(project: Project) -> None:
    path = seed_po(project)
    path.chmod(0o444)
    before = path.read_bytes()
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert "read-only" in screen_text(app).splitlines()[0]
        await pilot.press(*"mine", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        await idle(app)
        assert path.read_bytes() == before and app.editor.session.dirty  # in the journal only
        await pilot.press("ctrl+s", "y")
        await settle(app, pilot)
        assert not app.editor.session.dirty
        # the file stays read-only, and the title keeps saying so (it stopped once accepted)
        assert "read-only" in screen_text(app).splitlines()[0]
    assert read_po(path).units[0].target == "mine"
    assert not path.stat().st_mode & 0o222  # still read-only


def _raw_controls(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in screen_text(app).splitlines()
            if any(ch in line for ch in "\x1b\x07\x00")]


@sync
async def test_pasted_control_characters_never_reach_the_terminal(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.post_message(Paste("a\x1b[31mb\r\nc\x07d"))  # as a terminal's bracketed paste
        await pilot.pause()
        assert app.editor.target_area.text == "a␛[31mb\nc␇d"
        assert not _raw_controls(app)
        await pilot.press("enter")  # the target holds what was pasted
        assert app.editor.session.units[0].target == "a\x1b[31mb\nc\x07d"
        await pilot.press("ctrl+f")
        await pilot.pause()
        app.post_message(Paste("x\x1by\nsecond line"))
        await pilot.pause()
        assert app.screen.query_one(Input).value == "x␛y"
        assert not _raw_controls(app)


@sync
async def test_empty_catalog_has_nothing_to_type_into(tmp_path: Path) -> None:
    path = tmp_path / "empty.po"
    obsolete = Unit("a1", "舊句子。", "Old.", State.TRANSLATED, obsolete=True)
    write_po(Catalog([obsolete], "zh-Hant", "en", default_header("zh-Hant", "en")), path)
    before = path.read_bytes()
    app = make_app(path, None, watch_disk=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "no units to translate" in screen_text(app)
        await pilot.press(*"hello", "enter", "ctrl+t", "ctrl+o", "alt+1", "f2", "f3")
        await pilot.press("ctrl+g", "1", "enter", "ctrl+l", "ctrl+f", "x", "enter")
        await pilot.pause()
        assert app.editor.target_area.text == "" and not app.editor.session.dirty
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
    assert app.return_value == 0
    assert path.read_bytes() == before  # the obsolete entry untouched


@sync
async def test_a_stale_highlight_does_not_pull_the_editor_back(project: Project) -> None:
    # Keys typed in one burst ("one", Enter, "two", Enter, "thr") run before the list's
    # Highlighted messages of the moves reach the app; a late one used to move the editor
    # back, commit "thr" as fuzzy and put the cursor at the end.
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"one", "enter", *"two", "enter", *"thr")
        assert app.editor.current == 2
        app.editor.post_message(UnitList.Highlighted(1))  # the late message of the first move
        await pilot.pause()
        assert app.editor.current == 2 and app.editor.target_area.text == "thr"
        assert app.editor.session.units[2].state is State.UNTRANSLATED  # nothing committed
        await pilot.press("left", "X")  # the cursor stayed where the translator typed
        assert app.editor.target_area.text == "thXr"


def test_context_shows_what_another_tools_catalog_tells_its_translators() -> None:
    from workbench.model import make_unit_id, position_note
    from workbench.tui.widgets.panels import context_text

    foreign = Unit("menu", "Open", context="menu", auto_comments=["TRANSLATORS: a verb"],
                   locations=[("src/app.c", 12), ("src/menu.c", 0)], flags=["c-format"])
    shown = context_text(foreign, {}, [], [], 60).plain
    assert "context: menu" in shown and "for translators: TRANSLATORS: a verb" in shown
    assert "flags: c-format" in shown and "used in: src/app.c:12, src/menu.c" in shown
    # a project's own unit: its hash id and position note say nothing to a person
    own = Unit(make_unit_id("第一句。", {}), "第一句。", auto_comments=[position_note(1, 1)],
               locations=[("seeds/a.txt", 1)], flags=["ignore-width"])
    assert context_text(own, {}, [], [], 60).plain == ""
    assert "[b]" in context_text(Unit("x", "y", context="[b]bold[/b]"), {}, [], [], 60).plain
