"""The target editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.events import Key, Paste
from textual.widgets import TextArea

from workbench.tui.actions import keys_of
from workbench.tui.text import pasted


class TargetArea(TextArea):
    """The target editor: Enter commits, Ctrl+J and Shift+Enter insert a line break, Alt+key
    is left to the screen's bindings.

    Enter and the line break are handled here, as the key arrives, not through bindings (which
    run later): keys a terminal delivers in one burst ("abc", Enter, "def") must land in order,
    "def" in the next unit and not in the one being committed.
    """

    COMMIT_KEYS = keys_of("commit")
    NEWLINE_KEYS = keys_of("newline") | {"newline"}  # "newline": a bare line feed

    def __init__(self, on_commit: Callable[[], None], **options: Any) -> None:
        super().__init__(**options)
        self.on_commit = on_commit

    async def _on_key(self, event: Key) -> None:
        if event.key in self.COMMIT_KEYS:
            event.stop()
            event.prevent_default()
            self.on_commit()
            return
        if event.key in self.NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if event.key.startswith("alt+"):
            # to the bindings, and not typed: without prevent_default TextArea's own handler
            # (next in the MRO) would type the letter of Alt+U and stop the event
            event.prevent_default()
            return
        await super()._on_key(event)

    async def _on_paste(self, event: Paste) -> None:
        # TextArea would insert ESC and other controls as they are, and draw them raw
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        start, end = self.selection
        self.replace(pasted(event.text), start, end, maintain_selection_offset=False)

    def action_newline(self) -> None:
        start, end = self.selection
        # as typing does: the cursor goes after the break
        self.replace("\n", start, end, maintain_selection_offset=False)
