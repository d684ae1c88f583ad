"""The text panels beside the target: the source, its context and the suggestions, and the
text each shows (built from the file's strings as Text: never markup)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from workbench import textdiff
from workbench.editor.loading import References
from workbench.editor.suggestions import Suggestion
from workbench.model import State, Unit, is_made_id, position_of_note
from workbench.textdiff import Change, Piece
from workbench.tui.text import fit, safe_text, visible

MORE = "more: F2 ↓"
"""The border subtitle of a panel that cuts its text."""


class FittedPanel(Static):
    """A Static whose height follows its content, between the min-height and max-height its
    CSS gives it; the screen is laid out only when that height changes (a layout re-renders
    every widget, three times the work of a key)."""

    _height: int | None = None

    def content_lines(self) -> tuple[int, int]:
        """The least and most lines of content the CSS allows (less the border and padding)."""
        gutter = self.styles.gutter.height
        low, high = self.styles.min_height, self.styles.max_height
        least = max(0, (low.cells or 0) - gutter) if low is not None else 0
        most = max(1, (high.cells or 0) - gutter) if high is not None else 1000
        return least, most

    def forget_height(self) -> None:
        """The terminal was resized: lay out on the next content, whatever its height."""
        self._height = None

    def show(self, content: RenderableType, page: int = 0) -> bool:
        """Show `content`; returns whether it is taller than the panel may be (then cut).

        `page`: round the height up to whole pages of this many lines and set it (a panel in a
        scrolling pane, which no max-height limits)."""
        least, most = (0, 1000) if page else self.content_lines()
        self.update(content, layout=False)
        width = self.content_region.width
        # Textual types the argument as its RulesMap; the widget's styles are what it reads
        height = self.visual.get_height(self.styles, width) if width > 0 else -1  # type: ignore[arg-type]
        cut = height > most and page == 0
        if height >= 0:
            height = max(least, min(most, height))
            if page > 0:
                height = max(1, -(-height // page)) * page
        if height < 0 or self._height != height:
            self._height = height
            if page > 0 and height > 0:
                self.styles.height = height  # lays out
            else:
                self.refresh(layout=True)
        return cut


class SuggestionsPane(VerticalScroll, can_focus=False):
    """Scrolls with the mouse; Tab goes between the list and the target only."""


DIFF_STYLES = {Change.SAME: "", Change.REMOVED: "strike red", Change.ADDED: "underline bold green"}


def diff_text(pieces: Iterable[Piece]) -> Text:
    """A diff (workbench.textdiff) drawn: removed struck through in red, added underlined in
    green."""
    text = Text(end="")
    for piece in pieces:
        text.append(visible(piece.text), style=DIFF_STYLES[piece.change])
    return text


def char_diff(old: str, new: str) -> Text:
    """What changed from `old` to `new`, character by character."""
    return diff_text(textdiff.char_diff(old, new))


def _line(text: str, width: int) -> str:
    """A one-line note cut to `width` cells for a panel; whole for the F2 window (`width` 0)."""
    shown = visible(text, newline="↵", tab="→")
    return fit(shown, width).rstrip() if width > 0 else shown


def _catalog_notes(unit: Unit, width: int) -> Text:
    """What a catalog made by another tool tells its translators: the msgctxt, the notes of
    the programmers ("#."), then, dimmed, the flags ("c-format": keep the placeholders) and
    where the string is used. A workbench project's units (hash ids, position notes, lines of
    the document shown as neighbours anyway) have nothing here."""
    text = Text(end="")
    msgctxt = unit.msgctxt
    if msgctxt is not None and is_made_id(msgctxt):
        # a project's unit: its place is the neighbours below, its flags check switches
        return text
    if msgctxt is not None:
        text.append("context: ", style="bold")
        text.append_text(safe_text(msgctxt, one_line=True) if msgctxt else Text('""'))
        text.append("\n")
    for note in unit.auto_comments:
        if position_of_note(note) is None:
            text.append("for translators: ", style="bold")
            text.append_text(safe_text(note, one_line=True))
            text.append("\n")
    flags = [flag for flag in unit.flags if not flag.startswith("ignore-")]  # check switches
    if flags:
        text.append(_line("flags: " + ", ".join(flags), width) + "\n", style="dim")
    if unit.locations:
        shown = ", ".join(f"{path}:{line}" if line else path for path, line in unit.locations)
        text.append(_line("used in: " + shown, width) + "\n", style="dim")
    return text


def context_text(unit: Unit, references: References, before: Sequence[Unit],
                 after: Sequence[Unit], width: int) -> Text:
    """Other languages' translations, what changed in a fuzzy source, the paragraph's
    neighbouring sentences (cut to `width`; whole when it is 0, for the F2 window), the plural
    forms and the notes."""
    text = _catalog_notes(unit, width)
    for lang, by_id in references.items():
        ref = by_id.get(unit.id)
        if ref and ref[1] and ref[0] == unit.source:
            text.append(f"{lang} ({ref[2].label}): ", style="bold")
            text.append_text(safe_text(ref[1]))
            text.append("\n")
    if unit.state is State.FUZZY and unit.previous_source is not None:
        text.append("source changed: ", style="bold")
        text.append_text(char_diff(unit.previous_source, unit.source))
        text.append("\n")
    for mark, neighbour in [("↑", n) for n in before] + [("↓", n) for n in after]:
        text.append(f"{mark} ", style="dim")
        text.append(_line(neighbour.source, width), style="dim")
        text.append("\n")
    if unit.source_plural is not None:  # the target is msgstr[0]; F3 edits them all
        text.append("plural (F3 edits every form): ", style="bold")
        text.append_text(safe_text(unit.source_plural, one_line=True))
        for n, form in enumerate(unit.target_plurals, 1):
            text.append(f"\nmsgstr[{n}]: ", style="bold")
            text.append_text(safe_text(form, one_line=True))
        text.append("\n")
    for comment in unit.comments:
        text.append("note: ", style="bold")
        text.append_text(safe_text(comment, one_line=True))
        text.append("\n")
    text.rstrip()
    return text


def suggestions_text(suggestions: Sequence[Suggestion], width: int) -> Text:
    """Each suggestion with its key, its label and its text; its detail on one line cut to
    `width` (the text above is what counts)."""
    text = Text(end="")
    if not suggestions:
        text.append("no suggestions", style="dim")
    for n, suggestion in enumerate(suggestions, 1):
        key = f"Alt+{n}" if n <= 9 else "    "
        text.append(f"{key} ", style="bold")
        text.append(visible(suggestion.label, newline="↵", tab="→") + "\n", style="cyan")
        text.append_text(safe_text(suggestion.text))
        text.append("\n")
        if suggestion.diff:  # a reference match: how its source differs from this sentence
            line = Text("   ").append_text(diff_text(suggestion.diff))
            line.truncate(width + 3, overflow="ellipsis")
            text.append_text(line)
            text.append("\n")
        elif suggestion.detail:
            text.append("   ")
            text.append(fit(visible(suggestion.detail, newline="↵", tab="→"),
                            width).rstrip(), style="dim")
            text.append("\n")
    text.rstrip()
    return text
