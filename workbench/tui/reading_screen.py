"""The reading view: the document paragraph by paragraph, source, translation or both (T
toggles), with the current sentence highlighted; Up/Down move by sentence, Enter dismisses
with that sentence's index so the editor edits it.

Only a window of paragraphs around the cursor is built (a catalog may hold 100,000 units); it
moves with the cursor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from workbench import langs
from workbench.editor.reading import paragraphs
from workbench.model import State, Unit
from workbench.tui.text import visible, wrap_lines, wrap_text

WINDOW = 40  # paragraphs built on either side of the current one
MODES = ("both", "translation", "source")


class Paragraph(Widget):
    """A paragraph broken into lines by the Chinese rules (no line starts with 。，」 nor ends
    with 「), at whatever width it is given; Rich's own wrapping would break anywhere."""

    DEFAULT_CSS = "Paragraph { height: auto; }"

    def __init__(self, text: Text) -> None:
        super().__init__(classes="paragraph")
        self.text = text

    def set_text(self, text: Text) -> None:
        self.text = text
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(wrap_lines(self.text.plain, width))) if width > 1 else 1

    def render(self) -> Text:
        width = self.content_region.width
        return wrap_text(self.text, width) if width > 1 else self.text


class ReadingScreen(ModalScreen[int | None]):
    """Read the document; dismissed with the unit index to edit, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        # ahead of the scrolling body, which would take the arrows and pages for itself
        Binding("up", "move(-1)", "Previous sentence", show=False, priority=True),
        Binding("down", "move(1)", "Next sentence", show=False, priority=True),
        Binding("pageup", "move_paragraph(-1)", "Previous paragraph", show=False,
                priority=True),
        Binding("pagedown", "move_paragraph(1)", "Next paragraph", show=False, priority=True),
        Binding("t", "toggle_mode", "Source/translation"),
        Binding("enter", "edit", "Edit the sentence", priority=True),
    ]
    DEFAULT_CSS = """
    ReadingScreen { align: center middle; }
    ReadingScreen > Vertical { width: 96%; height: 94%; border: round $accent;
        background: $surface; padding: 0 1; }
    ReadingScreen #reading-status { height: 1; color: $text-muted; }
    ReadingScreen VerticalScroll { height: 1fr; }
    ReadingScreen .paragraph { margin: 0 0 1 0; }
    """

    mode: reactive[str] = reactive("both", init=False)
    """What each paragraph shows: "both" (source, then translation), "translation", "source"."""
    current: reactive[int] = reactive(0, init=False)
    """The unit index of the highlighted sentence."""

    def __init__(self, units: Sequence[Unit], current: int, source_lang: str,
                 target_lang: str) -> None:
        super().__init__()
        self.units = units
        self.groups = paragraphs(units)
        self.paragraph_of = {i: p for p, group in enumerate(self.groups) for i in group}
        self.order = [i for group in self.groups for i in group]
        self.position = {i: k for k, i in enumerate(self.order)}
        self.set_reactive(ReadingScreen.current,
                          current if current in self.paragraph_of else
                          (self.groups[0][0] if self.groups else 0))
        self.source_joiner = langs.sentence_joiner(source_lang)
        self.target_joiner = langs.sentence_joiner(target_lang)
        self.window = (0, 0)  # paragraphs built: [start, end)
        self.built: dict[int, Paragraph] = {}  # paragraph number -> its widget, in the window

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="reading-status")
            yield VerticalScroll(id="reading-body")

    def on_mount(self) -> None:
        self._rebuild()

    def _status(self) -> None:
        p = self.paragraph_of.get(self.current, 0)
        self.query_one("#reading-status", Static).update(Text(
            f"¶ {p + 1}/{len(self.groups)} {self.mode} · ↑↓ sentence · PgUp/PgDn ¶ · "
            "T toggle · Enter edit · Esc"))

    def paragraph_text(self, p: int) -> Text:
        """Paragraph `p` as shown: the current sentence reversed, untranslated ones dim."""
        text = Text()
        for side in ("source", "translation") if self.mode == "both" else (self.mode,):
            if text:
                text.append("\n")
            for k, i in enumerate(self.groups[p]):
                unit = self.units[i]
                if side == "source":
                    if k:
                        text.append(self.source_joiner)
                    piece, style = unit.source, "dim" if self.mode == "both" else ""
                else:
                    if k:
                        text.append(self.target_joiner)
                    if unit.target and unit.state is not State.UNTRANSLATED:
                        piece = unit.target
                        style = "italic yellow" if unit.state is State.FUZZY else ""
                    else:
                        piece, style = f"[{unit.source}]", "red"
                if i == self.current:
                    style = f"{style} reverse".strip()
                text.append(visible(piece), style=style)  # an ESC must not reach the terminal
        return text

    def _rebuild(self) -> None:
        body = self.query_one("#reading-body", VerticalScroll)
        p = self.paragraph_of.get(self.current, 0)
        start, end = max(0, p - WINDOW), min(len(self.groups), p + WINDOW + 1)
        self.window = (start, end)
        body.remove_children()  # no ids: the old widgets may still be leaving
        self.built = {q: Paragraph(self.paragraph_text(q)) for q in range(start, end)}
        body.mount_all(list(self.built.values()))
        self.call_after_refresh(self._scroll_to_current)
        self._status()

    def _scroll_to_current(self) -> None:
        p = self.paragraph_of.get(self.current, 0)
        widget = self.built.get(p)
        if widget is not None and widget.is_mounted:
            self.query_one("#reading-body", VerticalScroll).scroll_to_widget(widget,
                                                                             animate=False)

    def watch_current(self, old: int, new: int) -> None:
        p_old, p_new = self.paragraph_of.get(old, 0), self.paragraph_of.get(new, 0)
        start, end = self.window
        if not start <= p_new < end or (p_new - start < 5 and start) or \
                (end - p_new < 5 and end < len(self.groups)):
            self._rebuild()
            return
        for p in {p_old, p_new}:
            self.built[p].set_text(self.paragraph_text(p))
        self._scroll_to_current()
        self._status()

    def watch_mode(self) -> None:
        self._rebuild()

    def action_move(self, step: int) -> None:
        if not self.order:
            return
        position = self.position.get(self.current, 0)
        self.current = self.order[max(0, min(len(self.order) - 1, position + step))]

    def action_move_paragraph(self, step: int) -> None:
        if not self.groups:
            return
        p = self.paragraph_of.get(self.current, 0)
        self.current = self.groups[max(0, min(len(self.groups) - 1, p + step))][0]

    def action_toggle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]

    def action_edit(self) -> None:
        self.dismiss(self.current if self.groups else None)

    def action_close(self) -> None:
        self.dismiss(None)
