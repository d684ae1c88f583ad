"""Modal screens: help, a question with a few answers, a one-line prompt, a new glossary term."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from workbench.tui.actions import ACTIONS, EDITOR_KEYS, LIST_KEYS
from workbench.tui.text import safe_text


def help_table() -> Table:
    """Every key of the editor, from the action registry."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()

    def section(title: str) -> None:
        table.add_row(Text(title, style="bold underline"), "")

    section("In the target")
    for keys, what in EDITOR_KEYS:
        table.add_row(Text(keys), Text(what))
    section("In the unit list")
    for keys, what in LIST_KEYS:
        table.add_row(Text(keys), Text(what))
    groups: dict[str, list[tuple[str, str]]] = {}
    for action in ACTIONS:
        if action.id.startswith("insert_") and action.id not in ("insert_best", "insert_1"):
            continue
        keys = action.key_label
        if action.id == "insert_1":
            keys, what = "Alt+1 … Alt+9", "insert suggestion N into the target"
        else:
            what = action.help
        groups.setdefault(action.group, []).append((keys, what))
    for group, rows in groups.items():
        section(group)
        for keys, what in rows:
            table.add_row(Text(keys), Text(what))
    section("Anywhere")
    table.add_row(Text("Ctrl+P"), Text("command palette: every action by name"))
    return table


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
                    yield Button(f"{label} ({key})", id=f"answer-{value}")

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
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
    """One line of input (go to unit, search). Enter answers, Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder_text = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(Text(self.title_text), classes="question")
            yield Input(value=self.value, placeholder=self.placeholder_text, id="prompt-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TermScreen(ModalScreen[tuple[str, str, str] | None]):
    """A new glossary term: source, target, note."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source_lang: str, target_lang: str, target: str = "") -> None:
        super().__init__()
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt"):
            yield Static(Text(f"New glossary term ({self.source_lang} → {self.target_lang}); "
                              "Enter in the last field adds it, Esc cancels"), classes="question")
            yield Input(placeholder=f"term in {self.source_lang}", id="term-source")
            yield Input(value=self.target, placeholder=f"term in {self.target_lang}",
                        id="term-target")
            yield Input(placeholder="note (optional)", id="term-note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        source = self.query_one("#term-source", Input).value.strip()
        target = self.query_one("#term-target", Input).value.strip()
        note = self.query_one("#term-note", Input).value.strip()
        if event.input.id != "term-note":
            self.focus_next()
            return
        if not source or not target:
            self.notify("A term needs both a source and a target.", severity="warning")
            return
        self.dismiss((source, target, note))

    def action_cancel(self) -> None:
        self.dismiss(None)
