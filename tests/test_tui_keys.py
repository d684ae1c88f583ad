"""Keys as terminals send them (workbench.tui.keys): every key of a burst applies in order,
U+3000 and NBSP can be typed, Alt+F and Alt+digit arrive as such."""

from __future__ import annotations

from typing import ClassVar

import pytest
from test_tui import sync
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import TextArea

from workbench.tui.keys import OrderedInput, OrderedTextArea, parse_terminal_keys, typed_character


def terminal_keys(data: str) -> list[Key]:
    """The key events Textual makes of what a terminal sends, as one read."""
    parser = XTermParser()
    return [e for e in [*parser.feed(data), *parser.feed("")] if isinstance(e, Key)]


class Target(OrderedTextArea):
    def __init__(self) -> None:
        super().__init__(id="target", tab_behavior="focus")
        self.committed: list[str] = []

    def enter_pressed(self) -> None:  # as the editor's target: Enter commits and empties it
        self.committed.append(self.text)
        self.load_text("")


class Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("alt+down", "next", "Next"),
                                             Binding("ctrl+f", "ask", "Ask"),
                                             Binding("ctrl+q", "question", priority=True)]

    def __init__(self, area: type[TextArea] = Target) -> None:
        super().__init__()
        self.area = area
        self.moves = 0
        self.answers: list[str] = []

    def compose(self) -> ComposeResult:
        yield self.area()  # type: ignore[call-arg]
        yield OrderedInput(id="field", on_enter=self.answers.append)

    def on_mount(self) -> None:
        self.query_one("#target").focus()

    def action_next(self) -> None:
        # what Alt+Down does in the editor: the next unit, here the text so far is kept
        target = self.query_one(Target)
        target.committed.append(f"moved:{target.text}")
        target.load_text("")

    def action_ask(self) -> None:
        self.query_one("#field").focus()

    def action_question(self) -> None:
        self.push_screen(Question())


class Question(ModalScreen[None]):
    """A dialog a priority binding opens (Ctrl+Q's "unsaved edits" in the editor)."""

    def compose(self) -> ComposeResult:
        yield OrderedInput(id="answer")


async def burst(app: Keys, pilot, data: str) -> None:  # type: ignore[no-untyped-def]
    """`data` as a terminal delivers it in one read: every key posted before any runs."""
    for event in terminal_keys(data):
        app.post_message(event)
    for _ in range(10):
        await pilot.pause()


@pytest.mark.parametrize(("data", "committed"), [
    ("abcdef\x7f\x7f\r", ["abcd"]),  # Backspace Backspace Enter
    ("abc\x1b[DX\r", ["abXc"]),  # Left, X, Enter
    ("abc\x1b[D\x1b[D\x1b[3~\r", ["ac"]),  # Left Left Delete Enter
    ("ab\x1b[H>\x1b[F<\r", [">ab<"]),  # Home, End
    ("one\rtwo\x7f\rthree\r", ["one", "tw", "three"]),
    ("x\x1b[1;3By\r", ["moved:x", "y"]),  # Alt+Down: an App binding, between two keys
    ("Crash\n安全\r", ["Crash\n安全"]),  # Ctrl+J: a line break
])
@sync
async def test_a_burst_applies_every_key_in_order(data: str, committed: list[str]) -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await burst(app, pilot, data)
        assert app.query_one(Target).committed == committed


@sync
async def test_textarea_alone_reorders_a_burst() -> None:
    """What the ordered area fixes: Textual's TextArea runs Backspace (a binding, looked up
    when the event has bubbled to the App) after the keys that followed it."""

    class Plain(TextArea):
        def __init__(self) -> None:
            super().__init__(id="target")

    app = Keys(Plain)
    async with app.run_test() as pilot:
        await burst(app, pilot, "abcdef\x7f\x7fgh")
        assert app.query_one(Plain).text != "abcdgh"


@sync
async def test_keys_after_a_focus_change_go_to_the_new_focus_in_order() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        # Ctrl+F moves the focus to the field: the rest of the burst is typed there
        await burst(app, pilot, "ab\x06xy\x7fz\rq")
        assert app.query_one(Target).text == "ab"
        assert app.answers == ["xz"]  # Enter answered at once, before "q" was typed
        assert app.query_one(OrderedInput).value == "xzq"
        # Tab goes back: the keys after it land in the target
        await burst(app, pilot, "\x1b[Zcd")
        assert app.query_one(Target).text == "abcd"


@sync
async def test_keys_before_a_priority_binding_stay_where_they_were_typed() -> None:
    """A priority binding (Ctrl+Q) runs as soon as the App sees it, before the keys typed
    before it: they are still the target's, not the dialog's (where "d" could answer)."""
    app = Keys()
    async with app.run_test() as pilot:
        await burst(app, pilot, "abcd\x7fd\x11")
        assert isinstance(app.screen, Question)
        assert app.query_one(Target).text == "abcd"
        assert app.screen.query_one(OrderedInput).value == ""


@pytest.mark.parametrize("space", ["\u3000", "\xa0", "\u2007", "\u202f"])
@sync
async def test_space_separators_can_be_typed(space: str) -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await burst(app, pilot, f"中{space}文\r")
        assert app.query_one(Target).committed == [f"中{space}文"]
        await burst(app, pilot, "\x06" + space + "x")
        assert app.query_one(OrderedInput).value == space + "x"


def test_typed_character() -> None:
    assert typed_character(Key("ideographic_space", "\u3000")) == "\u3000"
    assert typed_character(Key("no_break_space", "\xa0")) == "\xa0"
    assert typed_character(Key("a", "a")) == "a"
    assert typed_character(Key("ctrl+a", "\x01")) is None
    assert typed_character(Key("down", None)) is None
    assert typed_character(Key("line_separator", "\u2028")) is None  # a line break, not a space


def test_alt_f_and_alt_digits_arrive_as_alt_keys() -> None:
    parse_terminal_keys()
    assert [e.key for e in terminal_keys("\x1bf")] == ["alt+f"]
    # several in one read (Textual's parser typed "^u" for the first of them)
    assert [e.key for e in terminal_keys("\x1b1\x1b9")] == ["alt+1", "alt+9"]
    assert [e.key for e in terminal_keys("\x1bu\x1bt\x1ba")] == ["alt+u", "alt+t", "alt+a"]
    assert [e.key for e in terminal_keys("\x1bb")] == ["ctrl+left"]
    # a real Ctrl+Right is still one, and a typed ¡ still a character
    assert [e.key for e in terminal_keys("\x1b[1;5C")] == ["ctrl+right"]
    assert [e.character for e in terminal_keys("¡")] == ["¡"]


@sync
async def test_linux_console_alt_down_is_joined() -> None:
    """The Linux console sends Alt+Down as ESC ESC [B: Escape then Down in one read."""
    app = Keys()
    async with app.run_test() as pilot:
        await burst(app, pilot, "x\x1b\x1b[By\r")
        assert app.query_one(Target).committed == ["moved:x", "y"]
        # Escape pressed on its own, then Down 50 ms later (as stamped on the events), is
        # Escape and Down: the Down moves to the next unit, nothing is committed by Alt+Down
        await burst(app, pilot, "ab")
        escape, down = terminal_keys("\x1b"), terminal_keys("\x1b[B")
        assert [e.key for e in escape + down] == ["escape", "down"]
        down[0].time = escape[0].time + 0.05
        for event in escape + down + terminal_keys("\r"):
            app.post_message(event)
        for _ in range(10):
            await pilot.pause()
        assert app.query_one(Target).committed[-1] == "ab"
