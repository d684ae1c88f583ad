"""Pilot tests of `workbench edit`: the real app on the seed project, driven by keys."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import html
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.binding import Binding
from textual.message import Message
from textual.notifications import Notify

from workbench.catalogs import update_project
from workbench.formats.po import read_po, write_po
from workbench.model import State
from workbench.project import Project, find_project
from workbench.tui.app import EditorApp, make_app
from workbench.tui.dialogs import ChoiceScreen, HelpScreen
from workbench.tui.widgets.unit_list import UnitList

SIZE = (140, 44)
# A second document: one sentence of the seed with a character changed, already translated,
# so the seed's catalog gets a translation-memory match from another catalog.
SEED_SENTENCE = "“十四五”的壯闊征程,在雪域高原鐫刻下非凡印記。"
OTHER_SENTENCE = "“十四五”的壯闊征程,在雪域高原刻下了非凡印記。"
OTHER_TRANSLATION = "The magnificent journey of the 14th Five-Year Plan left its mark."
GLOSSARY = "zh-Hant,en,zh-Hans,note\n基層黨組織,primary-level Party organisation,,CPC term\n"


def sync(test):  # type: ignore[no-untyped-def]
    """Run an async test with asyncio (the project has no async pytest plugin)."""
    @functools.wraps(test)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        asyncio.run(test(*args, **kwargs))
    return run


# A text run of Rich's SVG export: its x (12.2 px a cell: Rich's 20 px font, 0.61 wide) and its
# line (the clip path it is drawn in).
_SVG_TEXT = re.compile(r'<text [^>]*?x="([\d.]+)"[^>]*?'
                       r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)"[^>]*>(.*?)</text>', re.S)
_CELL_PX = 12.2


def screen_text(app: EditorApp) -> str:
    """What the terminal shows, as plain text: the app's screenshot (Textual's public SVG
    export) read back, each run of text put at its cell (lines keep no trailing blanks)."""
    lines: dict[int, str] = {}
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        if text == "\n":  # the end of a line
            continue
        shown = lines.get(int(line), "")
        column = round(float(x) / _CELL_PX)
        shown += " " * (column - cell_len(shown))
        lines[int(line)] = shown + html.unescape(text).replace("\xa0", " ")
    return "\n".join(lines.get(n, "").rstrip() for n in range(app.size.height))


class Messages:
    """Every message the app's message pumps receive (run_test's message_hook): tests assert on
    what the app did, and wait for a condition to hold, checked as each message arrives (the
    app's own signals, not a clock)."""

    def __init__(self) -> None:
        self.seen: list[Message] = []
        self._waiting: list[tuple[Callable[[], bool], asyncio.Event]] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    def __call__(self, message: Message) -> None:
        self.seen.append(message)
        for condition, event in self._waiting:
            if not event.is_set() and condition() and self._loop is not None:
                self._loop.call_soon_threadsafe(event.set)  # a worker thread may post

    def notices(self) -> list[str]:
        """The notifications the app showed, in order."""
        return [str(m.notification.message) for m in self.seen if isinstance(m, Notify)]

    async def until(self, condition: Callable[[], bool], timeout: float = 30) -> None:
        """Return once `condition()` holds (a guard `timeout` fails the test)."""
        if condition():
            return
        self._loop = asyncio.get_running_loop()
        event = asyncio.Event()
        self._waiting.append((condition, event))
        try:
            await asyncio.wait_for(event.wait(), timeout)
        finally:
            self._waiting.remove((condition, event))


def make_project(root: Path) -> Project:
    (root / "seeds" / "001_other.txt").write_text(OTHER_SENTENCE + "\n", encoding="utf-8")
    (root / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    project = find_project(root, explicit=True)
    update_project(project)
    other = project.po_path(root / "seeds" / "001_other.txt", "en")
    catalog = read_po(other)
    catalog.units[0].set_target(OTHER_TRANSLATION, State.TRANSLATED)
    write_po(catalog, other)
    return project


@pytest.fixture
def project(project_dir: Path) -> Project:
    return make_project(project_dir)


def seed_po(project: Project, lang: str = "en") -> Path:
    return project.po_path(project.documents()[0], lang)


async def idle(app: EditorApp) -> None:
    """Wait for every worker to end (a cancelled one, replaced by a newer one, is fine)."""
    from textual.worker import WorkerCancelled

    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def settle(app: EditorApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Until no worker runs and the messages they posted are handled (a handler may start
    another worker: the memory's arrival asks for suggestions, a save follows a save), or the
    app is quitting."""
    for _ in range(50):  # a bound on workers starting workers, not a wait
        await idle(app)
        if app.return_value is not None:
            return
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            return
    raise AssertionError("the workers never stopped starting workers")


async def ready(app: EditorApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """The first screen drawn, then the background work done: memory index, word counts,
    glossary, suggestions."""
    editor = app.editor
    await asyncio.wait_for(editor.background_started.wait(), timeout=60)
    await settle(app, pilot)
    assert editor.memory is not None and editor.words is not None
    assert editor.session.project is None or editor.glossary is not None


def change_on_disk(path: Path, index: int, target: str) -> None:
    """Another tool writes the catalog: a new target, and a later mtime even on a coarse
    clock."""
    before = path.stat().st_mtime_ns
    catalog = read_po(path)
    catalog.units[index].set_target(target, State.TRANSLATED)
    write_po(catalog, path)
    later = max(path.stat().st_mtime_ns, before + 1_000_000_000)
    os.utime(path, ns=(later, later))



def index_of(app: EditorApp, source: str) -> int:
    return next(i for i, u in enumerate(app.editor.session.units) if u.source == source)


@sync
async def test_type_commit_move_save_reopen(project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.editor.current == 0 and app.focused is app.editor.target_area
        await pilot.press(*"Copyright", "ctrl+j", *"line 2?", "enter")
        await pilot.pause()
        unit = app.editor.session.units[0]
        assert unit.target == "Copyright\nline 2?" and unit.state is State.TRANSLATED
        assert app.editor.current == 1  # the next unit needing work
        await pilot.press(*"Second", "enter")
        assert app.editor.current == 2
        shown = screen_text(app)
        assert "2 translated" in shown
        # the list row; `!`: the check finds the source's number missing from "Second"
        assert "✓!藏公網安備 54010202000133號" in shown and "│ Second" in shown
        # undo and redo in the target
        await pilot.press(*"ab", "ctrl+z")
        await pilot.pause()
        assert app.editor.target_area.text != "ab"
        await pilot.press("ctrl+y")
        assert app.editor.target_area.text == "ab"
        await pilot.press("ctrl+z", "ctrl+z")
        # Alt+Down / Alt+Up move without committing as translated
        await pilot.press("alt+down")
        assert app.editor.current == 3
        await pilot.press("alt+up", "alt+up", "alt+up")
        assert app.editor.current == 0
        assert app.editor.target_area.text == "Copyright\nline 2?"
        # the list: Down moves, Enter takes the unit to the editor
        await pilot.press("tab")
        assert isinstance(app.focused, UnitList)
        await pilot.press("down", "down", "end")
        assert app.editor.current == len(app.editor.session.units) - 1
        await pilot.press("home", "down", "enter")
        assert app.editor.current == 1 and app.focused is app.editor.target_area
        # copy the source, then commit it
        await pilot.press("ctrl+o", "enter")
        assert app.editor.session.units[1].target == app.editor.session.units[1].source
        await pilot.press("ctrl+s")
        await idle(app)
        await pilot.pause()
        assert not app.editor.session.dirty and not app.editor.session.journal.exists()
        await pilot.press("ctrl+q")  # nothing unsaved: no question
        await pilot.pause()
    assert app.return_value == 0
    catalog = read_po(path)
    assert catalog.units[0].target == "Copyright\nline 2?"
    assert catalog.units[0].state is State.TRANSLATED
    assert 'msgstr ""\n"Copyright\\n"\n"line 2?"' in path.read_text(encoding="utf-8")
    # and reopening shows it
    again = make_app(path, project, watch_disk=None)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Copyright↵line 2?" in screen_text(again)


@sync
async def test_fuzzy_toggle_filter_search_goto(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"one", "enter", *"two", "enter")
        assert app.editor.current == 2
        await pilot.press("alt+up", "ctrl+t")  # unit 2 becomes fuzzy
        assert app.editor.session.units[1].state is State.FUZZY
        assert "1 fuzzy" in screen_text(app)
        await pilot.press("alt+f")
        assert list(app.editor.unit_list.rows) == [1]
        await pilot.press("alt+t")
        assert list(app.editor.unit_list.rows) == [0]
        await pilot.press("alt+u")
        assert 0 not in app.editor.unit_list.rows and 1 not in app.editor.unit_list.rows
        assert len(app.editor.unit_list.rows) == len(app.editor.session.units) - 2
        await pilot.press("ctrl+l")  # cycles untranslated -> fuzzy
        assert app.editor.view.filter == "fuzzy"
        await pilot.press("alt+a")
        assert len(app.editor.unit_list.rows) == len(app.editor.session.units)
        await pilot.press("ctrl+t")  # toggled back: translated
        assert app.editor.session.units[app.editor.current].state is State.TRANSLATED
        # search source and target; the list shows only the matches
        await pilot.press("ctrl+f", *"基層", "enter")
        await pilot.pause()
        rows = list(app.editor.unit_list.rows)
        assert rows and all("基層" in app.editor.session.units[i].source for i in rows)
        assert len(rows) < len(app.editor.session.units)
        shown = screen_text(app)
        assert f"{len(rows)} of {len(app.editor.session.units)} shown" in shown
        await pilot.press("ctrl+f", "backspace", *"two", "enter")
        assert list(app.editor.unit_list.rows) == [1]
        await pilot.press("ctrl+f", "backspace", "enter")
        assert len(app.editor.unit_list.rows) == len(app.editor.session.units)
        # go to unit N
        await pilot.press("ctrl+g", *"40", "enter")
        assert app.editor.current == 39 and app.editor.unit_list.unit_index == 39
        assert "#40" in screen_text(app)


@sync
async def test_suggestions_insert_each_kind(project: Project) -> None:
    # zh-Hans target: OpenCC conversion of the source
    app = make_app(seed_po(project, "zh-Hans"), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.editor.suggestions[0].kind == "opencc"
        await pilot.press("alt+1")
        assert app.editor.target_area.text == (
            "西藏自治区党委统战部版权所有????藏ICP备18000039号-1????")
    # English target: memory match from the other catalog, glossary term
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+g", *str(index_of(app, SEED_SENTENCE) + 1), "enter")
        await idle(app)
        await pilot.pause()
        tm = [s for s in app.editor.suggestions if s.kind == "tm"]
        assert tm and tm[0].text == OTHER_TRANSLATION
        assert "TM 9" in screen_text(app)  # a 9x% match, not exact
        assert "· 001_other.po" in screen_text(app)  # where it comes from
        await pilot.press("ctrl+r")  # Ctrl+R inserts the first suggestion
        assert app.editor.target_area.text == OTHER_TRANSLATION
        glossary_unit = next(i for i, u in enumerate(app.editor.session.units)
                             if "基層黨組織" in u.source)
        await pilot.press("ctrl+g", *str(glossary_unit + 1), "enter")
        await idle(app)
        await pilot.pause()
        number = next(n for n, s in enumerate(app.editor.suggestions, 1) if s.kind == "glossary")
        await pilot.press(f"alt+{number}")
        assert app.editor.target_area.text == "primary-level Party organisation"
        assert "CPC term" in screen_text(app)
        # the translation just committed is in the memory at once
        await pilot.press("ctrl+u", *"Five", "enter")
        assert app.editor.memory is not None
        source = app.editor.session.units[glossary_unit].source
        assert app.editor.memory.lookup(source)[0].target == "Five"


@sync
async def test_add_glossary_term(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"西藏", "enter", *"Tibet", "enter", *"a region", "enter")
        await pilot.pause()
        await idle(app)
        await pilot.pause()
        assert any(s.kind == "glossary" and s.text == "Tibet" for s in app.editor.suggestions)
    text = (project.root / "glossary.csv").read_text(encoding="utf-8")
    assert "西藏,Tibet,,a region" in text and "基層黨組織" in text


@sync
async def test_quit_asks_only_when_unsaved(project: Project) -> None:
    path = seed_po(project)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press(*"kept", "enter", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # cancel: still editing
        assert not isinstance(app.screen, ChoiceScreen)
        await pilot.press("ctrl+q", "s")  # save and quit
        await idle(app)
        await pilot.pause()
    assert app.return_value == 0
    assert read_po(path).units[0].target == "kept"


@sync
async def test_help_screen_and_palette(project: Project) -> None:
    app = make_app(seed_po(project), project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for keys in ("Ctrl+S", "Ctrl+Q", "Ctrl+F", "Alt+Up", "Ctrl+J", "Ctrl+Z", "Ctrl+G"):
            assert keys in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("?")  # typed into the target, not the help
        assert app.editor.target_area.text == "?"
        await pilot.press("tab", "?")  # from the list: help
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        from workbench.tui.actions import ACTIONS

        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert all(a.description in commands for a in ACTIONS if a.scope == "screen")
        await pilot.press(*"Show fuzzy", "enter")
        await pilot.pause()
        assert app.editor.view.filter == "fuzzy"


@sync
async def test_next_needing_work_wraps_around_with_a_notice(project: Project) -> None:
    """Enter on the last unit needing work goes back to the first one, and says so; the same
    rule in a filtered list; with nothing else to do it stays and says that."""
    app = make_app(seed_po(project), project, watch_disk=None)
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(app, pilot)
        editor = app.editor
        last = len(editor.session) - 1
        await pilot.press("ctrl+g", *str(last + 1), "enter", *"The end", "enter")
        assert editor.session.units[last].state is State.TRANSLATED
        assert editor.current == 0  # the first unit still needs work
        assert messages.notices()[-1] == "Wrapped around to the top."
        # the same rule in a filtered list: past its last row, back to its first
        await pilot.press("alt+u")
        rows = list(editor.unit_list.rows)
        assert last not in rows and editor.view.filter == "untranslated"
        await pilot.press("ctrl+g", *str(rows[-1] + 1), "enter", *"Done", "enter")
        assert editor.current == rows[0]
        assert messages.notices()[-1] == "Wrapped around to the top."
        # a search leaving one unit: Enter commits it and stays there
        await pilot.press("alt+a", "ctrl+f", *"藏公網安備", "enter", "enter")
        assert list(editor.unit_list.rows) == [1] and editor.current == 1
        await pilot.press(*"Public security", "enter")
        assert editor.current == 1 and editor.session.units[1].target == "Public security"
        assert messages.notices()[-1] == "Nothing left to translate here."


HOSTILE = [
    "[b]粗體[/b] bold 文字",
    "[@click=app.quit]x[/] 點擊這裡",
    "[red]紅色[/red] 和 [red",
    "unbalanced [ 括號 [/ ]",
    "ESC \x1b[31mred\x1b[0m 轉義\x07 bell \x1b]0;title\x07",
]


@sync
async def test_text_is_shown_verbatim(project: Project) -> None:
    """Markup-like text and control characters display as written and trigger nothing, in
    the list, the source, the editor, the suggestions, the context and the search results."""
    from workbench.formats.po import default_header
    from workbench.model import Catalog, Unit, make_unit_id

    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(s, seen), s, auto_comments=[f"paragraph 1, sentence {n}"])
             for n, s in enumerate(HOSTILE, 1)]
    # translated, with a similar source: its target comes back as a memory match
    units.append(Unit(make_unit_id("[b]粗體[/b] bold 文字!", seen), "[b]粗體[/b] bold 文字!",
                      "[@click=app.quit]q[/] \x1b[2J[red]", State.TRANSLATED,
                      auto_comments=["paragraph 2, sentence 1"]))
    path = project.locale_dir / "en" / "LC_MESSAGES" / "hostile.po"
    write_po(Catalog(units, "zh-Hant", "en", default_header("zh-Hant", "en")), path)
    (project.root / "glossary.csv").write_text(
        "zh-Hant,en,note\n粗體,\"[@click=app.quit]bold[/] [red]\",[b]note [/\n",
        encoding="utf-8")

    def check(app: EditorApp, *expected: str) -> str:
        """No control character reaches the terminal; the texts show as written (markup read
        as markup would hide its brackets; the click below shows none became an action)."""
        text = screen_text(app)
        assert not any(ch in text for ch in "\x1b\x07\x00"), text
        for item in expected:
            assert item in text, text
        return text

    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(app, pilot)
        assert app.editor.current == 0
        # the list, the source and the context (neighbours)
        check(app, "[b]粗體[/b] bold 文字", "[@click=app.quit]x[/] 點擊這裡",
              "[red]紅色[/red] 和 [red", "unbalanced [ 括號 [/ ]",
              "ESC ␛[31mred␛[0m 轉義␇ bell ␛]0;title␇")
        # suggestions: the memory match and the glossary term, verbatim
        text = check(app, "[@click=app.quit]q[/] ␛[2J[red]", "[@click=app.quit]bold[/] [red]",
                     "[b]note [/")
        assert "TM 9" in text
        # inserted into the editor: shown with stand-ins, committed as the original text
        await pilot.press("ctrl+r")
        assert app.editor.target_area.text == "[@click=app.quit]q[/] ␛[2J[red]"
        check(app, "[@click=app.quit]q[/] ␛[2J[red]")
        await pilot.press("enter")
        assert app.editor.session.units[0].target == "[@click=app.quit]q[/] \x1b[2J[red]"
        # a click on the row with the click "markup" only selects the row
        await pilot.click("#units", offset=(12, 2))
        await pilot.pause()
        assert app.is_running and app.editor.unit_list.unit_index == 1
        # search results
        await pilot.press("ctrl+f", *"[red", "enter")
        await pilot.pause()
        assert list(app.editor.unit_list.rows) == [0, 2, 5]  # 6: in its target
        check(app, "[red]紅色[/red] 和 [red", "search: [red")
        await pilot.press("ctrl+f", "backspace", *"轉義", "enter")
        await pilot.pause()
        assert list(app.editor.unit_list.rows) == [4]
        check(app, "ESC ␛[31mred␛[0m")
        app.editor.unit_list.focus()
        await pilot.press("enter")
        assert app.editor.target_area.text == ""
    assert app.return_value is None  # nothing quit the app
    saved = read_po(path)  # untouched units keep their exact text
    assert [u.source for u in saved.units][:5] == HOSTILE


@sync
async def test_context_other_target_diff_and_neighbours(project: Project) -> None:
    hans = seed_po(project, "zh-Hans")
    catalog = read_po(hans)
    catalog.units[3].set_target("5年来,我区坚持以习近平新时代中国特色社会主义思想为指导。",
                                State.TRANSLATED)
    write_po(catalog, hans)
    path = seed_po(project)
    catalog = read_po(path)
    unit = catalog.units[3]
    unit.previous_source = unit.source.replace("5年來", "五年來")
    unit.set_target("Over five years...", State.FUZZY)
    write_po(catalog, path)
    app = make_app(path, project, watch_disk=None)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.editor.current == 0  # the first unit needing work
        await pilot.press("alt+f")  # fuzzy only: unit 4
        assert app.editor.current == 3
        await pilot.pause()
        context = app.query_one("#context").render()
        shown = str(context)
        assert "zh-Hans (translated): 5年来,我区坚持" in shown
        assert "source changed: 五5年來" in shown  # "五" struck out, "5" added
        struck = [span for span in context.spans if "strike" in str(span.style)]
        assert struck and shown[struck[0].start:struck[0].end] == "五"
        assert "↑ “十四五”的壯闊征程" in shown  # the sentence before, same paragraph


def test_docs_and_help_show_the_registry() -> None:
    """docs/editor.md's key tables are the registry's, as generated; the help screen shows
    every key; the keys the registry says Textual provides are bound in Textual."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import TextArea

    from workbench.tui.actions import ACTIONS, markdown_key_table
    from workbench.tui.dialogs import help_table

    docs = (Path(__file__).resolve().parent.parent / "docs" / "editor.md").read_text(
        encoding="utf-8")
    start = docs.index("<!-- keys:")
    block = docs[docs.index("\n", start) + 1:docs.index("<!-- end of keys -->")]
    assert block == markdown_key_table(), "run: python -m workbench.tui.actions"
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO())
    console.print(help_table())
    help_text = console.export_text()
    textual_keys = {key for cls in (App, Screen, TextArea) for binding in cls.BINDINGS
                    if isinstance(binding, Binding) for key in binding.key.split(",")}
    textual_keys.add(App.COMMAND_PALETTE_BINDING)
    for action in ACTIONS:
        for key in action.key_label.split(" / "):
            if key.startswith("Alt+") and key[-1].isdigit():
                assert "Alt+1 … Alt+9" in help_text
                continue
            assert key in help_text, key
        if action.scope == "textual":
            assert set(action.keys.split(",")) <= textual_keys, action.id


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))),
       st.text(alphabet="ab\n中", max_size=3))
def test_editor_text_round_trip(text: str, typed: str) -> None:
    """What the editor shows never holds a control character, and maps back to the text
    (with what was typed) exactly."""
    from workbench.tui.text import editor_maps, from_editor, to_editor

    shown = to_editor(text)
    assert not any(ch in shown for ch in "\x1b\x00\x07\r\x85\u2028")
    assert from_editor(shown, text) == text
    if editor_maps(text):
        assert from_editor(shown + typed, text) == text + typed
