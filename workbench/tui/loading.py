"""A large catalog opened progressively, for the editor screen: the first screenful is drawn
at once, a worker reads the rest (workbench.editor.loading) and posts it a batch at a time;
the handlers here add each batch to the session on the UI thread and show it.

While the rest is read, the units read can be edited and committed (journaled as ever). What
needs the whole catalog waits for it: a save asked for is made once it is all in; "next needing
work" past the part read lands there when it comes; the screens over the whole catalog
(replace, reading view, concordance, overview, merge and split) say to try again in a moment.
A malformed entry further on closes the editor with the file's `path:line: message`, its
edits in the journal: a partial catalog is never saved. The attributes used are the screen's.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from typing import Any

from textual import work
from textual.worker import get_current_worker

from workbench.editor.session import EditSession
from workbench.errors import InputError
from workbench.tui.background import while_open
from workbench.tui.messages import CatalogReadFailed, UnitsRead

SWITCH_INTERVAL = 0.0005
"""Seconds a thread holds the GIL before handing it over, while the rest is read (Python's
default is 0.005)."""


class ProgressiveLoading:
    """The rest of the catalog read in the background, a mixin of the editor screen."""

    # the editor screen's (annotations only: the screen defines them)
    session: Any
    view: Any
    current: int | None
    total: int
    shown: int
    app: Any
    notify: Any
    post_message: Any
    unit_list: Any
    _update_progress: Any
    _editor_text: Any
    _keep_edit: Any
    _save: Any
    _start_background: Any
    _go_to_next_needing_work: Any

    catalog_loaded: asyncio.Event
    """Set once the whole catalog is in the session (at once for a catalog read at once):
    tests and the benchmark wait on it."""
    loaded_at: float | None
    """perf_counter() when the whole catalog was in (the benchmark reads it)."""
    _save_when_read: tuple[bool, bool] | None
    """A save asked for while reading: (force, then_quit), made once all is read."""
    _next_when_read: int | None
    """Enter was pressed on this unit with nothing needing work after it in the part read:
    the next unit needing work is looked for again as more comes (if the translator is still
    there and has typed nothing since)."""

    def _init_loading(self) -> None:
        self.catalog_loaded = asyncio.Event()
        self.loaded_at = None
        self._save_when_read = None
        self._next_when_read = None

    @property
    def reading(self) -> bool:
        """The catalog is still being read."""
        return self.session.loading is not None

    def still_reading(self, what: str) -> bool:
        """True (and the translator told) when `what` needs the whole catalog and it is still
        being read."""
        if self.session.loading is None:
            return False
        self.notify(f"{what} needs the whole catalog: still reading it "
                    f"({100 * self.session.loading.fraction:.0f} %), try again in a moment.",
                    severity="warning", timeout=3)
        return True

    def _start_loading(self) -> None:
        """After the first screen: read the rest, or start what follows a whole catalog."""
        if self.session.loading is not None:
            self._read_rest(self.session)
        else:
            self._catalog_in()

    def _catalog_in(self) -> None:
        self.loaded_at = time.perf_counter()
        self._start_background()
        self.catalog_loaded.set()

    @work(thread=True, exclusive=True, group="load")
    def _read_rest(self, session: EditSession) -> None:
        load = session.loading
        assert load is not None
        worker = get_current_worker()
        # millions of objects, none garbage: the collector's passes would only slow the read
        # (see make_app: the catalog is frozen out of its reach once read)
        enabled = gc.isenabled()
        gc.disable()
        # the UI thread waits for the GIL at every turn of its event loop: hand it over sooner
        # than every 5 ms, or each key pressed meanwhile would take tens of ms
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            while not worker.is_cancelled:
                try:
                    batch = load.read_batch()
                except InputError as exc:
                    self.post_message(CatalogReadFailed(exc, session))
                    return
                self.post_message(UnitsRead(batch, session))
                if batch.done:
                    return
        finally:
            sys.setswitchinterval(interval)
            if enabled:
                gc.enable()

    @while_open
    def on_units_read(self, message: UnitsRead) -> None:
        session = self.session
        if message.session is not session or session.loading is None:
            return
        added = session.add_batch(message.batch)
        self.unit_list.add_rows(self.view.units_added(added))
        self.total = len(session)
        self.shown = len(self.view.rows)
        self._update_progress()
        waiting, self._next_when_read = self._next_when_read, None
        if waiting is not None and self.current == waiting and self._editor_text() == \
                session.units[waiting].target:
            if session.loading is not None and \
                    self.view.next_needing_work(waiting, wrap=False) is None:
                self._next_when_read = waiting  # not in this batch either: said once is enough
            else:
                self._go_to_next_needing_work(waiting)
        if session.loading is None:
            gc.freeze()  # as make_app does: the collector need not walk the catalog again
            self._catalog_in()
            pending, self._save_when_read = self._save_when_read, None
            if pending is not None:
                self._save(*pending)

    @while_open
    def on_catalog_read_failed(self, message: CatalogReadFailed) -> None:
        if message.session is not self.session:
            return
        self._keep_edit()  # what is typed goes to the journal with the rest
        self.session.fail_load(message.error)
        self.app.load_error = message.error  # `workbench edit` says it and exits 2
        self.app.exit(2, return_code=2)

    def save_when_read(self, force: bool, then_quit: bool) -> None:
        """Save (and quit) once the whole catalog is read."""
        queued = self._save_when_read
        if queued is not None:
            force, then_quit = force or queued[0], then_quit or queued[1]
        self._save_when_read = (force, then_quit)
        loading = self.session.loading
        self.notify(f"Saving once the whole catalog is read ({100 * loading.fraction:.0f} % "
                    "so far).", timeout=3)

    def next_when_read(self, index: int) -> None:
        """Nothing needs work after unit `index` in the part read: look again as more comes."""
        self._next_when_read = index
        self.notify("Nothing needing work after this unit in the part read so far: going on "
                    "when more is read.", timeout=3)
