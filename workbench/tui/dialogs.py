"""Modal screens: help, the whole unit, a question with a few answers, a one-line prompt, a new
glossary term."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from workbench.tui.actions import help_sections
from workbench.tui.keys import OrderedInput
from workbench.tui.text import cell_len, from_editor, pasted, safe_text, to_editor


def help_table() -> Table:
    """Every key of the editor, from the action registry."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, rows in help_sections():
        table.add_row(Text(title, style="bold underline"), "")
        for keys, what in rows:
            table.add_row(Text(keys), Text(what))
    return table


class SafeInput(OrderedInput):
    """An Input that shows pasted control characters as stand-ins (never raw to the terminal)
    and applies the keys of a burst in order (workbench.tui.keys)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        text = pasted(event.text, one_line=True)
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)


class HelpScreen(ModalScreen[None]):
    """All the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Label("Keys of workbench edit  (Esc closes)", id="help-title")
            with VerticalScroll():
                yield Static(help_table(), id="help-table")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class FullTextScreen(ModalScreen[None]):
    """The whole of a unit whose source or context is longer than its panel (a scrolling view;
    the text comes from the file: a Text, never markup)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f2,q", "dismiss", "Close", show=True),
    ]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(id="full-box", classes="dialog"):
            yield Label(Text(f"{self.title_text}  (Esc closes)"), id="help-title")
            with VerticalScroll(id="full-scroll"):
                yield Static(self.body, id="full-text")

    def on_mount(self) -> None:
        self.query_one("#full-scroll").focus()  # Up/Down/PgUp/PgDn scroll at once

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


class PluralScreen(ModalScreen[None]):
    """Every form of a plural entry (msgstr[0..n-1]), one line each; a line break in a form is
    shown as ↵. Enter moves to the next field; in the last it answers the forms, Escape
    cancels.

    `on_answer`: called with the forms as the last Enter is handled, the dialog gone, as
    PromptScreen does: the keys typed after it in the same burst land after the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source: str, source_plural: str, forms: list[str],
                 on_answer: Callable[[list[str]], None]) -> None:
        super().__init__()
        self.source = source
        self.source_plural = source_plural
        self.forms = forms
        self.on_answer = on_answer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            question = Text("Plural forms; Enter in the last field commits them, Esc cancels\n",
                            style="bold")
            question.append("singular: ")
            question.append_text(safe_text(self.source, one_line=True))
            question.append("\nplural:   ")
            question.append_text(safe_text(self.source_plural, one_line=True))
            yield Static(question, classes="question")
            for n, form in enumerate(self.forms):
                yield SafeInput(value=to_editor(form).replace("\n", "↵"),
                                placeholder=f"msgstr[{n}]", id=f"form-{n}",
                                on_enter=functools.partial(self._entered, n))

    def _entered(self, field: int, _value: str) -> None:
        if field < len(self.forms) - 1:
            self.focus_next()  # at once, not later as Widget.focus(): the next key types there
            return
        forms = [from_editor(self.query_one(f"#form-{n}", Input).value.replace("↵", "\n"), form)
                 for n, form in enumerate(self.forms)]
        self.dismiss(None)
        self.on_answer(forms)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str]):
    """A question with a few answers; each answer has a key. Escape answers "cancel"."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "answer('cancel')", "Cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers`: (value, key, label); the question is shown verbatim."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(safe_text(self.question), classes="question")
            with Horizontal(classes="buttons"):
                for value, key, label in self.answers:
                    shown = "Esc" if key == "escape" else key
                    yield Button(f"{label} ({shown})", id=f"answer-{value}")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The answers side by side when they fit in the dialog, else one a line without
        borders: in a small terminal (40×13, a tmux split) the last ones were off the dialog."""
        buttons = list(self.query(Button))
        room = min(self.size.width * 9 // 10, 100) - 6  # .dialog: its width, border, padding
        needed = sum(max(16, cell_len(str(button.label)) + 4) + 2 for button in buttons)
        narrow = needed > room
        self.set_class(narrow, "-narrow")
        for button in buttons:
            button.compact = narrow

    def on_key(self, event: events.Key) -> None:
        for value, key, _ in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "answer-cancel").removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        self.dismiss(value)


class PromptScreen(ModalScreen[str | None]):
    """One line of input (go to unit, search). Enter answers, Escape cancels (None).

    `on_answer`: called with the answer as Enter is handled, the dialog gone (rather than by
    push_screen's callback, which runs later, in another queue): the keys typed after Enter in
    the same burst then land where the answer put the focus, after it moved."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "",
                 on_answer: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder_text = placeholder
        self.on_answer = on_answer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(Text(self.title_text), classes="question")
            yield SafeInput(value=self.value, placeholder=self.placeholder_text, id="prompt-input",
                            on_enter=self._answer)

    def _answer(self, value: str) -> None:
        if self.on_answer is None:
            self.dismiss(value)
            return
        self.dismiss(None)
        self.on_answer(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TermScreen(ModalScreen[None]):
    """A new glossary term: source, target, note. Enter moves to the next field; in the last
    it calls `on_answer` with the three (stripped), the dialog gone (see PluralScreen)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source_lang: str, target_lang: str,
                 on_answer: Callable[[str, str, str], None], target: str = "",
                 source: str = "") -> None:
        super().__init__()
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.on_answer = on_answer
        self.target = target
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(Text(f"New glossary term ({self.source_lang} → {self.target_lang}); "
                              "Enter in the last field adds it, Esc cancels"), classes="question")
            for field, value, placeholder in (
                    ("source", self.source, f"term in {self.source_lang}"),
                    ("target", self.target, f"term in {self.target_lang}"),
                    ("note", "", "note (optional)")):
                yield SafeInput(value=value, placeholder=placeholder, id=f"term-{field}",
                                on_enter=functools.partial(self._entered, field))

    def _entered(self, field: str, _value: str) -> None:
        if field != "note":
            self.focus_next()  # at once: the next key types there
            return
        source, target, note = (self.query_one(f"#term-{name}", Input).value.strip()
                                for name in ("source", "target", "note"))
        if not source or not target:
            self.notify("A term needs both a source and a target.", severity="warning")
            return
        self.dismiss(None)
        self.on_answer(source, target, note)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TooSmallScreen(ModalScreen[None]):
    """Covers the editor while the terminal is smaller than it can work in: says so, takes
    every key but the app's (Ctrl+Q), and goes when the terminal is large enough."""

    def __init__(self, least: tuple[int, int]) -> None:
        super().__init__()
        self.least = least

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self._show()

    def on_resize(self) -> None:
        self._show()

    def _show(self) -> None:
        width, height = self.app.size
        if width >= self.least[0] and height >= self.least[1]:
            if self.is_current:
                self.dismiss(None)
            return
        self.query_one("#too-small", Static).update(Text(
            f"Terminal too small: {width}×{height}.\nThe editor needs at least "
            f"{self.least[0]}×{self.least[1]}; make the window larger (Ctrl+Q quits)."))

    def on_key(self, event: events.Key) -> None:
        event.stop()  # typed here, nothing reaches the editor under it
        event.prevent_default()
