"""The editor, round two, through Pilot: what is typed in a burst is what is committed at any
terminal size, search lands in the target, undo by words per unit, revert, Chinese line
breaking in the panels, the word-count cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import idle, make_project, ready, screen_text, seed_po, sync
from textual._xterm_parser import XTermParser
from textual.events import Key

from workbench.formats.po import default_header, read_po, write_po
from workbench.model import Catalog, State, Unit
from workbench.project import Project
from workbench.tui.app import EditorApp, make_app
from workbench.tui.dialogs import FullTextScreen, PluralScreen, TermScreen, TooSmallScreen
from workbench.tui.text import CLOSING
from workbench.tui.widgets.panels import MORE


@pytest.fixture
def project(project_dir: Path) -> Project:
    return make_project(project_dir)


async def burst(app: EditorApp, pilot, data: str) -> None:  # type: ignore[no-untyped-def]
    """`data` as a terminal delivers it in one read: every key posted before any runs."""
    parser = XTermParser()
    for event in [*parser.feed(data), *parser.feed("")]:
        if isinstance(event, Key):
            app.post_message(event)
    for _ in range(5):
        await pilot.pause()
    await idle(app)
    await pilot.pause()


def inside(app: EditorApp, selector: str) -> bool:
    region = app.query_one(selector).region
    return region.y >= 0 and region.bottom <= app.size.height and region.height >= 3


@pytest.mark.parametrize("size", [(80, 24), (120, 18), (160, 45), (40, 13)])
@sync
async def test_source_and_target_stay_in_view_and_typing_lands(project: Project,
                                                               size: tuple[int, int]) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        editor = app.editor
        assert inside(app, "#source") and inside(app, "#target")
        assert editor.target_area.content_region.height >= 1
        assert app.query_one("#source").content_region.height >= 1
        assert not isinstance(app.screen, TooSmallScreen)
        await burst(app, pilot, "first\x7fT\rsecond\r")
        units = editor.session.units
        assert (units[0].target, units[0].state) == ("firsT", State.TRANSLATED)
        assert units[1].target == "second"
        editor.session.journal.clear()


@sync
async def test_too_small_a_terminal_says_so_and_takes_no_text(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=(60, 12)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "too small" in screen_text(app)
        await burst(app, pilot, "lost\r\x1b1\x0f")  # typing, Enter, Alt+1, Ctrl+O
        editor = app.editor
        assert editor.session.units[0].target == "" and not editor.session.dirty
        assert editor.target_area.text == ""
        await pilot.resize_terminal(120, 18)
        await pilot.pause()
        await pilot.pause()
        assert app.screen is editor and app.focused is editor.target_area
        await burst(app, pilot, "kept\r")
        assert editor.session.units[0].target == "kept"
        editor.session.journal.clear()


@sync
async def test_search_lands_in_the_target_of_the_first_match(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        editor = app.editor
        # one burst: search, Enter, then the translation of the first match, Enter
        await burst(app, pilot, "\x06壯闊\rThe journey\r")
        first = next(i for i, u in enumerate(editor.session.units) if "壯闊" in u.source)
        assert editor.session.units[first].target == "The journey"
        assert editor.session.units[first].state is State.TRANSLATED
        assert editor.session.units[0].target == ""  # not the unit open before the search
        assert app.focused is editor.target_area
        editor.session.journal.clear()


@sync
async def test_a_burst_in_the_unit_list_applies_in_order(project: Project) -> None:
    """Down Down Enter then a translation, in one read: the list moves twice, Enter opens that
    unit in the target, and the text typed after it lands there (it used to be dropped, the
    list's keys running after the burst)."""
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        editor = app.editor
        editor.unit_list.focus()
        await pilot.pause()
        start = editor.unit_list.unit_index
        assert start is not None
        await burst(app, pilot, "\x1b[B\x1b[B\rThird one\x7fe\r")
        units = editor.session.units
        assert units[start + 2].target == "Third one"
        assert units[start + 2].state is State.TRANSLATED
        assert units[start].target == units[start + 1].target == ""
        assert app.focused is editor.target_area
        # back in the list: Up Up Enter opens the unit two above, typing goes there
        editor.unit_list.focus()
        await pilot.pause()
        here = editor.unit_list.unit_index
        assert here is not None and units[here - 2].target == ""
        await burst(app, pilot, "\x1b[A\x1b[A\rAbove\r")
        assert units[here - 2].target == "Above"
        editor.session.journal.clear()


@sync
async def test_enter_in_the_plural_dialog_applies_in_order(tmp_path: Path) -> None:
    """F3, the first form, Enter, the second form, Enter, in one read: each Enter moves on
    before the next key (Input's Enter used to post a message handled after the whole burst,
    so the second form was typed into the first field)."""
    path = tmp_path / "plural.po"
    unit = Unit("a1", "一個蘋果", source_plural="%d個蘋果", target_plurals=[""])
    write_po(Catalog([unit, Unit("a2", "第二句。")], "zh-Hant", "en",
                     default_header("zh-Hant", "en")), path)
    app = make_app(path, None, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await burst(app, pilot, "one apple\x1bOR\r%d apples\r")
        assert not isinstance(app.screen, PluralScreen)
        saved = app.editor.session.units[0]
        assert (saved.target, saved.target_plurals, saved.state) == (
            "one apple", ["%d apples"], State.TRANSLATED)
        app.editor.session.journal.clear()


@sync
async def test_enter_in_the_term_dialog_applies_in_order(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        # Ctrl+N, then source Enter target Enter note Enter, then typing in the target again
        await burst(app, pilot, "\x0e幹部\rcadre\rparty official\rThe")
        assert not isinstance(app.screen, TermScreen)
        assert app.focused is app.editor.target_area
        assert app.editor.target_area.text == "The"
    text = (project.root / "glossary.csv").read_text(encoding="utf-8")
    assert "幹部,cadre,,party official" in text  # the zh-Hans column stays empty


@sync
async def test_undo_by_words_kept_per_unit_and_revert(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        editor = app.editor
        area = editor.target_area
        await pilot.press(*"The Party committee")  # Textual undid all of it at once
        await pilot.press("ctrl+z")
        assert area.text == "The Party "
        # leave the unit and come back: its history is still there
        await pilot.press("alt+down")
        await pilot.press("alt+up")
        await pilot.pause()
        assert editor.current == 0 and area.text == "The Party "
        await pilot.press("ctrl+z")
        assert area.text == "The "
        await pilot.press("ctrl+y", "ctrl+y")
        assert area.text == "The Party committee"
        # revert: the unit as opened (empty, untranslated), even after a commit
        await pilot.press("enter", "alt+up")
        await pilot.pause()
        assert editor.session.units[0].state is State.TRANSLATED
        await pilot.press("alt+r")
        await pilot.pause()
        assert area.text == "" and editor.session.units[0].state is State.UNTRANSLATED
        assert editor.session.units[0].target == ""
        await pilot.press("ctrl+z")  # the revert is a step too
        assert area.text == "The Party committee"
        editor.session.journal.clear()


@sync
async def test_revert_goes_back_to_the_last_save(project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        editor = app.editor
        await pilot.press(*"saved", "enter", "alt+up", "ctrl+s")
        await idle(app)
        await pilot.pause()
        await pilot.press(*" and more", "alt+r")
        await pilot.pause()
        assert editor.target_area.text == "saved"
        assert editor.session.units[0].state is State.TRANSLATED
    assert read_po(path).units[0].target == "saved"


@sync
async def test_panels_break_lines_by_chinese_rules(project: Project) -> None:
    path = seed_po(project)
    catalog = read_po(path)
    # 160 columns: the source panel holds 46 Han characters a line; Rich would start the
    # second line with the comma
    catalog.units[0].source = "西" * 46 + "，" + "藏" * 10 + "。"
    write_po(catalog, path)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(app, pilot)
        source = app.query_one("#source")
        assert source.content_region.width == 92
        region = source.content_region
        lines = screen_text(app).splitlines()[region.y:region.y + region.height]
        shown = [line.split("│")[1].strip() for line in lines]  # the leftmost panel
        assert shown[0] == "西" * 45 and shown[1].startswith("西，藏")
        assert not any(line[:1] in CLOSING for line in shown)
        app.editor.session.journal.clear()


@sync
async def test_more_marker_follows_resizes(project: Project) -> None:
    path = seed_po(project)
    catalog = read_po(path)
    catalog.units[0].source = "很長的句子，" * 12 + "最後一句。"
    write_po(catalog, path)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(app, pilot)
        source = app.query_one("#source")
        assert source.border_subtitle == ""  # fits
        for size, cut in [((80, 29), True), ((160, 45), False), ((120, 18), True)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert (source.border_subtitle == MORE) is cut, size
        # resized while a window hides the editor
        await pilot.press("f2")
        assert isinstance(app.screen, FullTextScreen)
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert source.border_subtitle == ""
        app.editor.session.journal.clear()


@sync
async def test_second_opening_takes_word_counts_from_the_cache(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = seed_po(project)
    for counted in (True, False):
        app = make_app(path, project, watch_disk=None)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            editor = app.editor
            assert editor.words is not None and sum(editor.words.totals.values()) > 0
            assert (editor.words_counted > 0) is counted


@sync
async def test_a_translation_big5_cannot_hold_offers_to_save_as_utf8(tmp_path: Path) -> None:
    """Simplified Chinese typed into a Big5 catalog: nothing written, the editor asks; "Save as
    UTF-8" converts the catalog (header and bytes) and keeps every other entry as it was."""
    from conftest import DATA
    from workbench.tui.dialogs import ChoiceScreen

    path = tmp_path / "zh_TW.po"
    path.write_bytes((DATA / "po" / "vim_zh_TW_big5.po").read_bytes())
    before = path.read_bytes()
    app = make_app(path, None, watch_disk=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        editor = app.editor
        index = editor.current
        assert index is not None
        await pilot.press("end", *"简体", "enter", "ctrl+s")
        await idle(app)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "cannot be written in BIG5" in screen_text(app)
        assert path.read_bytes() == before  # nothing written
        await pilot.press("u")
        await idle(app)
        await pilot.pause()
        assert not editor.session.dirty
        await pilot.press("end", *"再", "enter", "ctrl+s")  # saving again asks nothing
        await idle(app)
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen) and not editor.session.dirty
    saved = read_po(path)
    assert "charset=UTF-8" in path.read_text(encoding="utf-8")
    assert "简体" in saved.units[index].target
    old = before.decode("big5hkscs").splitlines()
    new = path.read_bytes().decode("utf-8").splitlines()
    changed = [line for line in new if line not in old]
    assert all("简体" in line or "再" in line or "charset" in line or "Revision-Date" in line
               for line in changed), changed


@sync
async def test_the_unit_list_keeps_the_current_unit_in_view_when_resized(
        project: Project) -> None:
    """A smaller window (a tmux split, 80×24 to 40×13) left the list scrolled where it was:
    its one row showed the unit above, the highlighted one out of sight until the next move."""
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        units = app.editor.unit_list
        for _ in range(4):
            await pilot.press("alt+down")
        await pilot.pause()
        for size in [(80, 24), (60, 15), (40, 13), (120, 18)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            top = round(units.scroll_offset.y)
            height = units.scrollable_content_region.height
            assert height >= 1, size
            assert top <= units.cursor < top + height, (size, top, units.cursor, height)
        app.editor.session.journal.clear()


@sync
async def test_f2_shows_the_neighbouring_sentences_whole(project: Project) -> None:
    """F2 is where a cut panel is read whole; the sentences before and after in the context
    were still cut to the panel's width there ("↑ 西藏地廣人稀,確保黨的組織有效覆蓋是重大課…")."""
    path = seed_po(project)
    catalog = read_po(path)
    long = "很長的句子，" * 12 + "最後一句。"
    catalog.units[1].source = long
    catalog.units[0].auto_comments = ["paragraph 1, sentence 1"]
    catalog.units[1].auto_comments = ["paragraph 1, sentence 2"]
    write_po(catalog, path)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert app.editor.current == 0
        assert long not in app.editor.context_text.plain  # the panel cuts it
        await pilot.press("f2")
        assert isinstance(app.screen, FullTextScreen)
        assert f"↓ {long}" in app.screen.body.plain
        app.editor.session.journal.clear()


@sync
async def test_a_suggestion_key_typed_ahead_inserts_that_units_suggestion(
        project: Project) -> None:
    """Enter then Alt+1 in one burst (accepting the conversion unit after unit): the next
    unit's suggestions were still on their way from their worker, so Alt+1 said "No
    suggestion 1" and the Enter after it committed nothing."""
    from workbench.convert import convert

    app = make_app(seed_po(project, "zh-Hans"), project, watch_disk=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        editor = app.editor
        units = editor.session.units
        assert editor.current == 0
        await burst(app, pilot, "\x12\r\x1b1\r\x1b1\r")  # Ctrl+R, Enter, Alt+1, Enter, twice
        expected = [convert(unit.source, "t2s") for unit in units[:3]]
        assert [unit.target for unit in units[:3]] == expected
        assert all(unit.state is State.TRANSLATED for unit in units[:3])
        editor.session.journal.clear()


@pytest.mark.parametrize("size", [(40, 13), (60, 15), (80, 24)])
@sync
async def test_every_answer_of_a_question_is_shown_in_a_small_terminal(
        project: Project, size: tuple[int, int]) -> None:
    """At 40×13 (the smallest the editor takes) the quit question cut its answers after
    "Quit, don'": Cancel was off the dialog."""
    from textual.widgets import Button

    from workbench.tui.dialogs import ChoiceScreen

    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        await pilot.press(*"abc", "enter", "ctrl+q")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        box = app.screen.query_one(".dialog").content_region
        buttons = list(app.screen.query(Button))
        assert len(buttons) == 3
        for button in buttons:
            region = button.region
            assert region.width >= len(str(button.label)), (size, button.label, region)
            assert box.x <= region.x and region.right <= box.right, (size, button.label)
            assert box.y <= region.y and region.bottom <= box.bottom, (size, button.label)
            assert region.bottom <= app.size.height
        await pilot.press("escape")
        app.editor.session.journal.clear()
