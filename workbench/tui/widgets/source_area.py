"""The source sentence as read-only text the keyboard can select in (the source panel is a
Static: nothing there takes a cursor)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea


class SourceArea(TextArea):
    """Shown in place of the source panel while the translator selects in the source (arrows
    move, Shift+arrows select); Ctrl+N offers the selection as a glossary term, F9 splits the
    sentence at the cursor, Escape returns to the target (the screen's `leave_source`).
    The text is loaded as it is: a TextArea never reads markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.leave_source", "Back to the target", show=False)]

    def __init__(self, **options: object) -> None:
        super().__init__(read_only=True, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus", **options)  # type: ignore[arg-type]

    def offset_of_cursor(self) -> int:
        """The cursor as a character offset into the text."""
        return len(self.document.get_text_range((0, 0), self.cursor_location))
