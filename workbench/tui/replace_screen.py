"""Find and replace across the catalog's targets: type what to find and what to put instead,
see every change before it is made (the target before and after, the difference marked),
Enter in the replacement field (or Ctrl+R) makes them all. The screen is dismissed with the
list of changes; the editor commits them (journaled like any commit) and keeps the list so
they can be undone together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from workbench.editor.replace import Change, plan_replace
from workbench.errors import UsageError
from workbench.model import Unit
from workbench.textdiff import Change as Diff
from workbench.textdiff import word_diff
from workbench.tui.text import visible

STYLES = {Diff.SAME: "", Diff.REMOVED: "strike red", Diff.ADDED: "underline bold green"}


def diff_text(before: str, after: str) -> Text:
    """The change from `before` to `after`, removed runs struck, added ones underlined (controls
    shown as symbols, as everywhere: an ESC in a target must not reach the terminal)."""
    text = Text(overflow="fold")
    for piece in word_diff(before, after):
        text.append(visible(piece.text), style=STYLES[piece.change])
    return text


class ReplaceScreen(ModalScreen[list[Change] | None]):
    """Plan a replacement over the catalog; dismissed with the changes to make, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+r", "apply", "Replace all"),
        Binding("alt+x", "toggle_regex", "Regex"),
        Binding("alt+c", "toggle_case", "Case"),
    ]
    DEFAULT_CSS = """
    ReplaceScreen { align: center middle; }
    ReplaceScreen > Vertical { width: 96%; height: 92%; border: round $accent;
        background: $surface; padding: 0 1; }
    ReplaceScreen Horizontal { height: 3; }
    ReplaceScreen Input { width: 1fr; }
    ReplaceScreen #replace-status { height: 1; color: $text-muted; }
    ReplaceScreen DataTable { height: 1fr; }
    """

    class Planned(Message):
        def __init__(self, key: tuple[str, str, bool, bool], changes: list[Change],
                     error: str = "") -> None:
            super().__init__()
            self.key, self.changes, self.error = key, changes, error

    def __init__(self, units: Sequence[Unit], find: str = "") -> None:
        super().__init__()
        self.units = units
        self.initial = find
        self.regex = False
        self.case = True
        self.changes: list[Change] = []
        """The changes previewed (what Replace all makes)."""
        self.planned = 0
        """Plans finished (tests wait on it)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            with Horizontal():
                yield Input(self.initial, placeholder="Find in the targets", id="replace-find")
                yield Input(placeholder="Replace with", id="replace-with")
            yield Static(id="replace-status")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="replace-preview")

    def on_mount(self) -> None:
        self._replan()

    def _key(self) -> tuple[str, str, bool, bool]:
        return (self.query_one("#replace-find", Input).value,
                self.query_one("#replace-with", Input).value, self.regex, self.case)

    @on(Input.Changed)
    def _changed(self) -> None:
        self._replan()

    def _replan(self) -> None:
        key = self._key()
        if not key[0]:
            self._show([], "")
            return
        self._plan(key)

    @work(thread=True, exclusive=True, group="replace")
    def _plan(self, key: tuple[str, str, bool, bool]) -> None:
        find, replacement, regex, case = key
        try:
            changes = plan_replace(self.units, find, replacement, regex=regex, case=case)
            self.post_message(self.Planned(key, changes))
        except UsageError as exc:
            self.post_message(self.Planned(key, [], str(exc)))

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        if message.key != self._key():
            return  # overtaken by typing
        self.planned += 1
        self._show(message.changes, message.error)

    def _show(self, changes: list[Change], error: str) -> None:
        self.changes = changes
        table = self.query_one(DataTable)
        table.clear(columns=True)
        width = max(self.query_one(Vertical).size.width - 4, 40)
        table.add_column("#", width=6)
        table.add_column("Source", width=(width - 12) // 2)
        table.add_column("Target: before → after", width=(width - 12) // 2)
        for change in changes[:2000]:  # the preview; every change is made
            table.add_row(Text(str(change.index + 1)),
                          Text(visible(self.units[change.index].source), overflow="fold"),
                          diff_text(change.before, change.after), height=None)
        flags = f"Alt+X regex {'on' if self.regex else 'off'} · Alt+C case " \
                f"{'exact' if self.case else 'any'}"
        if error:
            status = error
        elif not self._key()[0]:
            status = f"type what to find · {flags}"
        else:
            status = f"{len(changes)} to change · Enter: replace all (undoable) · {flags}"
        self.query_one("#replace-status", Static).update(Text(status))

    @on(Input.Submitted, "#replace-find")
    def _to_replacement(self) -> None:
        self.query_one("#replace-with", Input).focus()

    @on(Input.Submitted, "#replace-with")
    def _submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        # the plan shown is the plan for what is typed: recompute it here, synchronously, so
        # a keystroke the worker has not caught up with is never lost
        find, replacement, regex, case = self._key()
        if not find:
            return
        try:
            changes = plan_replace(self.units, find, replacement, regex=regex, case=case)
        except UsageError as exc:
            self.query_one("#replace-status", Static).update(Text(str(exc)))
            return
        self.dismiss(changes)

    def action_toggle_regex(self) -> None:
        self.regex = not self.regex
        self._replan()

    def action_toggle_case(self) -> None:
        self.case = not self.case
        self._replan()

    def action_close(self) -> None:
        self.dismiss(None)
