"""The alignment review screen: source and target bead by bead, with confidence.

Keys: a/enter accept, p/n merge the bead into the previous/next one, s split it, t/T give
the last target sentence to the next bead / take the next bead's first one, o/O the same for
source sentences, l low-confidence beads first (toggle), w write the catalog and finish,
q leave (the work is kept in a sidecar file next to OUT and resumed next time).

Every change is saved at once (atomically) to the sidecar. All text from the documents is
shown as rich Text, never parsed as markup.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from workbench.align.dp import Alignment
from workbench.align.editing import (
    BeadEditor,
    editor_for,
    finish_catalog_review,
    reviewed_alignment,
    sidecar_path,
    start_catalog_review,
)
from workbench.align.units import DEFAULT_THRESHOLD
from workbench.tui.text import fit, safe_text, visible, wrap_lines
from workbench.tui.widgets.bead_list import BeadList


class AlignReviewApp(App[Alignment | None]):
    """Returns the reviewed alignment (w) or None (q: left for later)."""

    TITLE = "workbench align: review"
    CSS = """
    #status { height: 1; background: $boost; padding: 0 1; }
    BeadList { height: 1fr; }
    #detail { height: 45%; border-top: solid $primary; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "accept"),
        Binding("enter", "accept", "accept", show=False, priority=True),
        Binding("p", "merge(-1)", "merge ↑"),
        Binding("n", "merge(1)", "merge ↓"),
        Binding("s", "split", "split"),
        Binding("t", "give('target')", "target → next"),
        Binding("T", "take('target')", "target ← next"),
        Binding("o", "give('source')", "source → next", show=False),
        Binding("O", "take('source')", "source ← next", show=False),
        Binding("l", "toggle_order", "low first"),
        Binding("w", "finish", "write"),
        Binding("q,escape", "leave", "leave"),
    ]

    def __init__(self, editor: BeadEditor, sidecar: str | os.PathLike[str],
                 threshold: float = DEFAULT_THRESHOLD) -> None:
        super().__init__()
        self.editor = editor
        self.sidecar = Path(sidecar)
        self.threshold = threshold
        self.low_first = False

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield BeadList(self.editor, self.threshold)
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild(0)
        self.editor.save(self.sidecar)

    # -- showing ----------------------------------------------------------------------------------

    @property
    def table(self) -> BeadList:
        return self.query_one(BeadList)

    @property
    def order(self) -> list[int]:
        """View row -> bead index."""
        return list(self.table.order)

    def rebuild(self, bead_index: int) -> None:
        """Show the beads (after an edit) with the cursor on `bead_index`."""
        beads = self.editor.beads
        order: list[int] | range = range(len(beads))
        if self.low_first:
            order = sorted(order, key=lambda k: (self.editor.reviewed[k], beads[k].confidence, k))
        k = max(0, min(bead_index, len(beads) - 1))
        self.table.set_order(order, order.index(k) if beads else 0)
        self.update_status()

    def on_bead_list_highlighted(self, event: BeadList.Highlighted) -> None:
        self.show_detail(event.bead_index)

    def show_detail(self, k: int) -> None:
        """The bead under the cursor in full, a sentence a line with its number (the keys move
        sentences), between a line of the bead before it (its last sentences) and one of the
        bead after (its first): a bead's edges are what a review decides."""
        a, beads = self.editor.alignment, self.editor.beads
        pane = self.query_one("#detail", Static)
        width = max(20, pane.content_size.width or self.size.width - 2)
        digits = len(str(max(len(a.source), len(a.target))))
        out = Text()

        def neighbour(n: int, mark: str) -> None:
            bead = beads[n]
            edge = -1 if n < k else 0
            sides = [f"{texts[ix[edge]]}" if ix else "—"
                     for texts, ix in ((a.source, bead.source), (a.target, bead.target))]
            line = f"{mark} #{n + 1} {bead.kind} {bead.confidence:.2f}  {sides[0]} │ {sides[1]}"
            out.append(fit(visible(line, newline="↵", tab="→"), width).rstrip() + "\n",
                       style="dim")

        if k > 0:
            neighbour(k - 1, "↑")
        bead = beads[k]
        out.append(f"#{k + 1} {bead.kind} {bead.confidence:.2f}"
                   f"{' ✓' if self.editor.reviewed[k] else ''}\n", style="bold")
        for texts, indexes, empty in ((a.source, bead.source, "(no source)"),
                                      (a.target, bead.target, "(no translation)")):
            if not indexes:
                out.append(f"  {empty}\n", style="dim italic")
            for i in indexes:
                prefix = f"  {i + 1:>{digits}} "
                lines = wrap_lines(visible(texts[i]), max(10, width - len(prefix)))
                for m, line in enumerate(lines):
                    out.append(prefix if m == 0 else " " * len(prefix), style="dim")
                    out.append_text(safe_text(line.rstrip("\n")))
                    out.append("\n")
        if k + 1 < len(beads):
            neighbour(k + 1, "↓")
        out.rstrip()
        pane.update(out)

    def on_resize(self) -> None:
        if self.table.order:
            self.show_detail(self.current)

    def update_status(self) -> None:
        beads = self.editor.beads
        low = sum(1 for k, b in enumerate(beads)
                  if b.confidence < self.threshold and not self.editor.reviewed[k])
        done = sum(self.editor.reviewed)
        status = Text()
        status.append(f"{len(beads)} beads · ")
        status.append(f"{low} under {self.threshold:.2f}", style="bold red" if low else "")
        status.append(f" · {done} reviewed · order: "
                      f"{'low confidence first' if self.low_first else 'document'}")
        self.query_one("#status", Static).update(status)

    @property
    def current(self) -> int:
        """The bead under the cursor."""
        order = self.table.order
        if not order:
            return 0
        return order[max(0, min(self.table.cursor_row, len(order) - 1))]

    # -- editing ----------------------------------------------------------------------------------

    def _changed(self, bead_index: int) -> None:
        self.editor.save(self.sidecar)
        self.rebuild(bead_index)

    def action_accept(self) -> None:
        k = self.editor.accept(self.current)
        self.editor.save(self.sidecar)
        table = self.table
        order = table.order
        row = table.cursor_row
        table.refresh_bead(k, row)
        self.update_status()
        # On to the next bead still to review, in view order.
        for r in range(row + 1, len(order)):
            if not self.editor.reviewed[order[r]]:
                table.move_cursor(r)
                return
        if row + 1 < len(order):
            table.move_cursor(row + 1)
        else:
            self.show_detail(k)

    def action_merge(self, direction: int) -> None:
        k = self.current
        self._changed(self.editor.merge(k, k + direction))

    def action_split(self) -> None:
        self._changed(self.editor.split(self.current))

    def action_give(self, side: str) -> None:
        self._changed(self.editor.give(self.current, side))

    def action_take(self, side: str) -> None:
        self._changed(self.editor.take(self.current, side))

    def action_toggle_order(self) -> None:
        self.low_first = not self.low_first
        self.rebuild(self.current)
        if self.low_first:
            self.table.move_cursor(0)

    def action_finish(self) -> None:
        self.editor.save(self.sidecar)
        self.exit(self.editor.alignment)

    def action_leave(self) -> None:
        self.editor.save(self.sidecar)
        self.exit(None)


def review_alignment(
    alignment: Alignment, out: str | os.PathLike[str], threshold: float = DEFAULT_THRESHOLD,
    *, headless: bool = False, auto_pilot: Any = None,
) -> Alignment | None:
    """Run the review screen; the reviewed alignment, or None when left for later.
    (`headless` and `auto_pilot` are Textual's, for tests of the whole round.)"""
    editor = editor_for(alignment, out)
    app = AlignReviewApp(editor, sidecar_path(out), threshold)
    result = app.run(headless=headless, auto_pilot=auto_pilot, size=(120, 40) if headless
                     else None)
    if result is None:
        return None
    return reviewed_alignment(editor)


def review_catalog(path: str | os.PathLike[str], threshold: float = DEFAULT_THRESHOLD, *,
                   headless: bool = False, auto_pilot: Any = None) -> bool:
    """`workbench edit OUT.po --align`: review an aligned catalog again and write it back.

    True when the catalog was written, False when the review was left for later (its state
    is kept in the sidecar file). See `start_catalog_review` for where the beads come from.
    """
    review = start_catalog_review(path)
    if review.discarded_stale:
        print(f"workbench: {path} changed since the review left in {sidecar_path(path)}; "
              "starting again from the catalog", file=sys.stderr)
    reviewed = review_alignment(review.alignment, path, threshold, headless=headless,
                                auto_pilot=auto_pilot)
    if reviewed is None:
        return False
    finish_catalog_review(review, reviewed, threshold)
    return True
