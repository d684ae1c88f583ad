"""Progress as a bar and figures, by units and by words."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from workbench.editor.progress import Progress
from workbench.model import State


class ProgressView(Widget):
    """Two lines: units, then words ("counting…" until they are counted)."""

    progress: reactive[Progress | None] = reactive(None)
    """What to show (the editor screen binds it)."""

    def render(self) -> Text:
        if self.progress is None:
            return Text()
        return progress_text(self.progress, max(10, self.size.width or 80))


def _bar(counts: dict[State, int], width: int) -> Text:
    total = sum(counts.values()) or 1
    done = round(width * counts[State.TRANSLATED] / total)
    fuzzy = round(width * counts[State.FUZZY] / total)
    fuzzy = min(fuzzy, width - done)
    bar = Text(no_wrap=True, end="")
    bar.append("█" * done, style="green")
    bar.append("█" * fuzzy, style="yellow")
    bar.append("░" * (width - done - fuzzy), style="red dim")
    return bar


def _figures(label: str, counts: dict[State, int], compact: bool = False) -> Text:
    total = sum(counts.values())
    percent = 100.0 * counts[State.TRANSLATED] / total if total else 100.0
    text = Text(f"{label:<6}", style="bold", end="")
    if compact:  # a narrow terminal: the marks of the unit list instead of words
        text.append(f"✓{counts[State.TRANSLATED]:,} ", style="green")
        text.append(f"~{counts[State.FUZZY]:,} ", style="yellow")
        text.append(f"·{counts[State.UNTRANSLATED]:,} ", style="red")
        text.append(f"/{total:,} {percent:.0f}%")
        return text
    text.append(f"{counts[State.TRANSLATED]:>7,} translated ", style="green")
    text.append(f"{counts[State.FUZZY]:>6,} fuzzy ", style="yellow")
    text.append(f"{counts[State.UNTRANSLATED]:>7,} untranslated ", style="red")
    text.append(f"of {total:,}  {percent:5.1f}% done")
    return text


def _reading(fraction: float, counts: dict[State, int], width: int, compact: bool) -> Text:
    """The catalog still being read: how much, and the units so far."""
    done = round(width * fraction)
    text = Text(no_wrap=True, end="")
    text.append("█" * done, style="blue")
    text.append("░" * (width - done), style="blue dim")
    text.append(f" reading {100 * fraction:3.0f} %", style="bold")
    read = sum(counts.values())
    text.append(f"  {read:,} units so far" if compact else
                f"  {read:,} units read so far, the counts follow when all are")
    return text


def progress_text(progress: Progress, width: int) -> Text:
    bar_width = max(10, min(40, width // 3))
    compact = width - bar_width < 80
    out = Text(no_wrap=True, end="", overflow="ellipsis")
    if progress.reading is not None:
        out.append_text(_reading(progress.reading, progress.units, bar_width, compact))
    else:
        out.append_text(_bar(progress.units, bar_width))
        out.append(" ")
        out.append_text(_figures("units", progress.units, compact))
    out.append("\n")
    if progress.words is None:
        out.append("░" * bar_width + " ", style="dim")
        out.append("words counting…", style="dim italic")
    else:
        out.append_text(_bar(progress.words, bar_width))
        out.append(" ")
        out.append_text(_figures("words", progress.words, compact))
    return out
