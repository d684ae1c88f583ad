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
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Static

from workbench import langs
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


class AlignReviewApp(App[Alignment | None]):
    """Returns the reviewed alignment (w) or None (q: left for later)."""

    TITLE = "workbench align: review"
    CSS = """
    #status { height: 1; background: $boost; padding: 0 1; }
    DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "accept"),
        Binding("enter", "accept", "accept", show=False, priority=True),  # not DataTable's
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
        self.order: list[int] = []  # view row -> bead index

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild(0)
        self.editor.save(self.sidecar)

    # -- showing ----------------------------------------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def _columns(self) -> tuple[int, int]:
        # The fixed columns (5 + 4 + 6), one cell of padding each side of the five columns,
        # the vertical scrollbar (2) and a cell to spare: what is left is the two texts'.
        width = max(40, self.size.width or 100)
        text = max(10, (width - 15 - 10 - 2 - 1) // 2)
        return text, text

    def _cells(self, k: int) -> list[Text]:
        a = self.editor.alignment
        bead = self.editor.beads[k]
        reviewed = self.editor.reviewed[k]
        conf = Text(f"{bead.confidence:.2f}",
                    style="green" if reviewed else
                    ("bold red" if bead.confidence < self.threshold else ""))
        if reviewed:
            conf.append(" ✓")
        source = Text(langs.sentence_joiner(a.source_lang).join(a.source[i] for i in bead.source))
        target = Text(langs.sentence_joiner(a.target_lang).join(a.target[j] for j in bead.target))
        if not bead.source:
            source = Text("(no source)", style="dim italic")
        if not bead.target:
            target = Text("(no translation)", style="dim italic")
        return [Text(str(k + 1)), Text(bead.kind), conf, source, target]

    def rebuild(self, bead_index: int) -> None:
        """Refill the table (after an edit) and put the cursor on `bead_index`."""
        beads = self.editor.beads
        self.order = list(range(len(beads)))
        if self.low_first:
            self.order.sort(key=lambda k: (self.editor.reviewed[k], beads[k].confidence, k))
        table = self.table
        table.clear(columns=True)
        src_w, tgt_w = self._columns()
        table.add_column("#", width=5)
        table.add_column("bead", width=4)
        table.add_column("conf", width=6)
        table.add_column("source", width=src_w)
        table.add_column("target", width=tgt_w)
        for k in self.order:
            table.add_row(*self._cells(k), height=None, key=str(k))
        if self.order:
            row = self.order.index(max(0, min(bead_index, len(beads) - 1)))
            table.move_cursor(row=row)
        self.update_status()

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
        if not self.order:
            return 0
        return self.order[max(0, min(self.table.cursor_row, len(self.order) - 1))]

    # -- editing ----------------------------------------------------------------------------------

    def _changed(self, bead_index: int) -> None:
        self.editor.save(self.sidecar)
        self.rebuild(bead_index)

    def action_accept(self) -> None:
        k = self.editor.accept(self.current)
        self.editor.save(self.sidecar)
        row = self.order.index(k)
        self.table.update_cell_at(Coordinate(row, 2), self._cells(k)[2])
        self.update_status()
        # On to the next bead still to review, in view order.
        for r in range(row + 1, len(self.order)):
            if not self.editor.reviewed[self.order[r]]:
                self.table.move_cursor(row=r)
                return
        if row + 1 < len(self.order):
            self.table.move_cursor(row=row + 1)

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
        self.rebuild(self.order[0] if self.low_first and self.order else self.current)
        if self.low_first:
            self.table.move_cursor(row=0)

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
