"""The toolkit inside the editor (Pilot, the real app on the seed project): findings on commit,
glossary terms in the source, reference-memory suggestions, and the keys that open the
concordance, the reading view, find and replace, the overview, merge and split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_tui import SIZE, idle, index_of, make_project, ready, seed_po, sync

from workbench.formats import tmx
from workbench.formats.po import read_po
from workbench.model import Catalog, State, Unit
from workbench.project import Project
from workbench.segment_overrides import overrides_path
from workbench.tui.app import make_app
from workbench.tui.concordance_screen import ConcordanceScreen
from workbench.tui.dialogs import PromptScreen
from workbench.tui.overview_screen import OverviewScreen
from workbench.tui.reading_screen import ReadingScreen
from workbench.tui.replace_screen import ReplaceScreen

FIRST = "西藏自治區黨委統戰部版權所有????藏ICP備18000039號-1????"
TERM_SENTENCE = "基層黨組織是黨的執政之基、力量之源。"


@pytest.fixture
def project(project_dir: Path) -> Project:
    return make_project(project_dir)


def plain(markup: object) -> str:
    """A border title as the terminal shows it (Textual keeps it as markup)."""
    from rich.text import Text

    return Text.from_markup(str(markup)).plain


def _app(project: Project) -> Any:
    return make_app(seed_po(project), project, watch_disk=None, cursor_blink=False)


async def _go(app: Any, pilot: Any, source: str) -> None:
    app.editor._move_to(index_of(app, source))
    await pilot.pause()


@sync
async def test_findings_show_after_commit_and_the_commit_stands(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        editor = app.editor
        assert editor.current == 0
        await pilot.press(*"Copyright", "enter")  # the source's numbers are missing
        unit = editor.session.units[0]
        assert unit.target == "Copyright" and unit.state is State.TRANSLATED
        assert [f.check for f in editor.findings_of(0)] == ["numbers"] * len(
            editor.findings_of(0)) and editor.findings_of(0)
        assert 0 in editor.unit_list.flagged
        assert editor.current != 0
        # the unit the editor moved to says what was found in the one committed
        assert plain(editor.target_area.border_subtitle).startswith("↑ #1 ⚠ numbers: number")
        await pilot.press("alt+up")
        await pilot.pause()
        assert editor.current == 0
        assert plain(editor.target_area.border_subtitle).startswith("⚠ numbers: number")
        # fixed: the mark goes
        editor.target_area.text = "Copyright 18000039-1"
        await pilot.press("enter")
        assert editor.findings_of(0) == [] and 0 not in editor.unit_list.flagged


@sync
async def test_edits_restored_from_the_journal_are_checked(project: Project) -> None:
    """A crash (kill -9) after a commit with a finding: the edit comes back from the journal
    when the catalog is opened again, and so does its `!` in the list."""
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"Copyright", "enter")  # the source's numbers are missing
        assert 0 in app.editor.unit_list.flagged
    # Left unsaved, as kill -9 leaves it: the catalog as it was, the commit in the journal.
    reopened = _app(project)
    async with reopened.run_test(size=SIZE) as pilot:
        await ready(reopened, pilot)
        await pilot.pause()
        assert reopened.editor.session.restored == 1
        assert 0 in reopened.editor.unit_list.flagged


@sync
async def test_glossary_terms_are_marked_in_the_source(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _go(app, pilot, TERM_SENTENCE)
        panel = app.editor._panel("#source")
        shown = panel.renderable if hasattr(panel, "renderable") else panel.render()
        spans = [(s.start, s.end) for s in shown.spans if "underline" in str(s.style)]
        assert spans == [(0, 5)] and shown.plain[:5] == "基層黨組織"


@sync
async def test_reference_memory_suggests_with_a_diff(project: Project) -> None:
    (project.root / "tm").mkdir()
    memory = Catalog(units=[Unit(id="1", source="基層黨組織是黨的執政之基。",
                                 target="Primary-level Party organisations are the base.",
                                 state=State.TRANSLATED)], source_lang="zh-Hant",
                     target_lang="en")
    (project.root / "tm" / "old.tmx").write_bytes(tmx.write_tmx(memory))
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        for _ in range(200):
            if app.editor.reference_memory is not None:
                break
            await pilot.pause(0.01)
        await _go(app, pilot, TERM_SENTENCE)
        await idle(app)
        await pilot.pause()
        refs = [s for s in app.editor.suggestions if s.kind == "ref"]
        assert [s.text for s in refs] == ["Primary-level Party organisations are the base."]
        assert refs[0].label.startswith("Ref ") and refs[0].label.endswith("old.tmx")
        assert "".join(p.text for p in refs[0].diff if p.change.value != "removed") == \
            TERM_SENTENCE


@sync
async def test_concordance_key_finds_and_goes_to_a_unit(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f5")
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        await pilot.press(*"执政之基")  # Simplified finds the Traditional source
        await idle(app)
        await pilot.pause()
        ours = [h for h in screen.hits if h.origin.endswith("en/LC_MESSAGES/"
                                                            + seed_po(project).name)]
        assert not ours  # untranslated: the concordance shows how terms were translated
        await pilot.press("escape")
        # committed, not saved: the concordance shows the catalog as the editor holds it
        app.editor.session.commit(index_of(app, TERM_SENTENCE), "The base.", State.TRANSLATED)
        await pilot.press("f5", *"执政之基")
        screen = app.screen
        await idle(app)
        await pilot.pause()
        row = next(n for n, h in enumerate(screen.hits) if h.target == "The base.")
        await pilot.press("down", *["down"] * row, "enter")
        await pilot.pause()
        assert app.screen is app.editor
        assert app.editor.current == index_of(app, TERM_SENTENCE)


@sync
async def test_reading_view_key_edits_the_chosen_sentence(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f4")
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("pagedown", "pagedown", "down", "enter")
        await pilot.pause()
        assert app.screen is app.editor
        assert app.editor.current == 3 and app.editor.target_area.has_focus


@sync
async def test_replace_across_the_catalog_and_undo(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        session = app.editor.session
        for source, target in ((FIRST, "Party site"), (TERM_SENTENCE, "Party organisations")):
            session.commit(index_of(app, source), target, State.TRANSLATED)
        app.editor._show_unit(app.editor.current)  # the editor shows what was committed
        await pilot.press("alt+h")
        assert isinstance(app.screen, ReplaceScreen)
        await pilot.press(*"Party", "enter", *"CPC", "enter")
        await pilot.pause()
        assert app.screen is app.editor
        assert session.units[index_of(app, FIRST)].target == "CPC site"
        assert session.units[index_of(app, TERM_SENTENCE)].target == "CPC organisations"
        assert session.units[index_of(app, TERM_SENTENCE)].state is State.TRANSLATED
        await pilot.press("alt+z")
        await pilot.pause()
        assert session.units[index_of(app, FIRST)].target == "Party site"
        assert session.units[index_of(app, TERM_SENTENCE)].target == "Party organisations"


@sync
async def test_undoing_a_replacement_keeps_what_is_being_typed(project: Project) -> None:
    """Alt+Z redrew the unit being edited from the catalog: a sentence typed there since the
    replacement, not committed yet, was lost."""
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        editor, session = app.editor, app.editor.session
        first = index_of(app, FIRST)
        session.commit(first, "Party site", State.TRANSLATED)
        editor._show_unit(first)  # the editor shows what was committed
        await pilot.press("alt+down")
        here = editor.current
        assert here is not None and here != first
        await pilot.press("alt+h")
        assert isinstance(app.screen, ReplaceScreen)
        await pilot.press(*"Party", "enter", *"CPC", "enter")
        await pilot.pause()
        assert session.units[first].target == "CPC site"
        await pilot.press(*"typed since")  # in the current unit, no Enter
        await pilot.press("alt+z")
        await pilot.pause()
        assert session.units[first].target == "Party site"
        assert editor.target_area.text.endswith("typed since")
        assert session.units[here].target.endswith("typed since")  # kept, as fuzzy
        session.journal.clear()


@sync
async def test_overview_opens_another_catalog(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"Copyright")
        await pilot.press("alt+o")
        assert isinstance(app.screen, OverviewScreen)
        await idle(app)
        await pilot.pause()
        await pilot.press("left", "enter")  # the seed in the other target (zh-Hans, first)
        await pilot.pause()
    assert app.next_catalog == project.po_path(project.documents()[0], "zh-Hans")
    # the typed target was kept (fuzzy) and saved before switching
    saved = read_po(seed_po(project)).units[0]
    assert (saved.target, saved.state) == ("Copyright", State.FUZZY)


@sync
async def test_merge_and_split_keys(project: Project) -> None:
    app = _app(project)
    document = project.documents()[0]
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        index = index_of(app, TERM_SENTENCE)
        following = app.editor.session.units[index + 1].source
        app.editor._move_to(index)
        await pilot.pause()
        await pilot.press(*"The base.")
        await pilot.press("f8")
        await idle(app)
        await pilot.pause()
        merged = app.editor.session.units[index]
        assert merged.source == TERM_SENTENCE + following
        assert merged.target == "The base." and app.editor.current == index
        from workbench.tui.widgets.title import TitleBar

        assert app.editor.query_one(TitleBar).total == len(app.editor.session)
        assert overrides_path(project, document).is_file()
        await pilot.press("f9")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*following[:4], "enter")
        await idle(app)
        await pilot.pause()
        units = app.editor.session.units
        assert (units[index].source, units[index + 1].source) == (TERM_SENTENCE, following)
        assert not overrides_path(project, document).exists()  # back to the rules' break


@sync
async def test_selected_source_text_becomes_the_term(project: Project) -> None:
    from workbench.tui.dialogs import TermScreen
    from workbench.tui.widgets.source_area import SourceArea

    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        editor = app.editor
        await _go(app, pilot, TERM_SENTENCE)
        await pilot.press(*"The base", "shift+home")  # the target selection: its translation
        await pilot.press("alt+s")
        area = editor.query_one("#source-select", SourceArea)
        assert area.display and area.has_focus and area.text == TERM_SENTENCE
        assert not editor.query_one("#source").display
        await pilot.press("home", *["shift+right"] * 3)
        await pilot.press("x")  # read-only: nothing typed reaches the source
        assert area.text == TERM_SENTENCE and area.selected_text == "基層黨"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TermScreen)
        # Escape returns to the target; another unit shows the source panel again
        await pilot.press("escape")
        assert not area.display and editor.target_area.has_focus
        assert editor.query_one("#source").display
        await pilot.press("alt+s", "alt+down")
        await pilot.pause()
        assert not area.display and editor.query_one("#source").display
    text = (project.root / "glossary.csv").read_text(encoding="utf-8")
    assert "基層黨,The base,," in text


@sync
async def test_split_at_the_cursor_of_the_source(project: Project) -> None:
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        index = index_of(app, TERM_SENTENCE)
        app.editor._move_to(index)
        await pilot.pause()
        await pilot.press("alt+s", "f9")  # at the start: nothing to split
        assert len(app.editor.session.units[index].source) == len(TERM_SENTENCE)
        await pilot.press("home", *["right"] * 6, "f9")
        await idle(app)
        await pilot.pause()
        units = app.editor.session.units
        assert (units[index].source, units[index + 1].source) == (
            TERM_SENTENCE[:6], TERM_SENTENCE[6:])
        assert not app.editor.source_area.display


@sync
async def test_comment_edited_and_conflict_notes_removed(project: Project) -> None:
    from workbench.editor.unitnotes import conflict_notes, translator_comment
    from workbench.formats.po import write_po
    from workbench.import_merge import CONFLICT_PREFIX

    path = seed_po(project)
    catalog = read_po(path)
    catalog.units[0].comments = [CONFLICT_PREFIX + "previous translation (translated): Old"]
    write_po(catalog, path)
    app = _app(project)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        editor = app.editor
        app.editor._move_to(0)
        await pilot.pause()
        assert "import conflict" in editor.context_text.plain
        await pilot.press("alt+c")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"check | ask the author", "enter")
        await pilot.pause()
        unit = editor.session.units[0]
        assert translator_comment(unit) == "check\nask the author" and conflict_notes(unit)
        assert "note: ask the author" in editor.context_text.plain
        await pilot.press("alt+k")
        await pilot.pause()
        assert not conflict_notes(unit) and "import conflict" not in editor.context_text.plain
        assert editor.unsaved == 1
        await pilot.press("alt+c")  # the prompt offers the comment as it is
        assert app.screen.query_one("#prompt-input").value == "check | ask the author"
        await pilot.press("escape", "ctrl+s")
        await idle(app)
        await pilot.pause()
    assert read_po(path).units[0].comments == ["check", "ask the author"]
