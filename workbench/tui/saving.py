"""Saving, quitting and the file on disk, for the editor screen: one write at a time on a
worker, a save or quit asked for meanwhile following it, the read-only and changed-on-disk
questions. The state is one value, `workbench.editor.saving.SaveState`; this mixin turns it
into dialogs and workers. The attributes it uses are the screen's.
"""

from __future__ import annotations

from typing import Any

from textual import work

from workbench.editor.saving import After, SaveState, disk_stamp, is_read_only
from workbench.editor.session import DiskSignature, SaveJob
from workbench.errors import ConflictError, UnencodableError, WorkbenchError
from workbench.tui.dialogs import ChoiceScreen
from workbench.tui.messages import SaveFinished


class SavingActions:
    """Ctrl+S, Ctrl+Q and the disk watch of the editor screen."""

    # the editor screen's (annotations only: the screen defines them)
    session: Any
    save_state: SaveState
    unsaved: int
    undo: Any
    app: Any
    notify: Any
    post_message: Any
    run_worker: Any
    _keep_edit: Any
    _reload: Any
    save_when_read: Any

    def action_save(self) -> None:
        self._save()

    def _save(self, force: bool = False, then_quit: bool = False, to_utf8: bool = False) -> None:
        if self.session.loading is not None:
            self._keep_edit()
            self.save_when_read(force, then_quit)  # a part of the catalog is never written
            return
        if self.save_state.writing:
            self.save_state = self.save_state.queue(then_quit)  # follows this write (a quit too)
            return
        self._keep_edit()
        self.save_state = self.save_state.looked_at(is_read_only(self.session.path))
        if self.save_state.warn_read_only:
            def done(answer: str | None) -> None:
                if answer == "save":
                    self.save_state = self.save_state.accept_read_only()
                    self._save(force, then_quit)

            self.app.push_screen(ChoiceScreen(
                f"{self.session.path} is read-only. Save over it anyway (it stays read-only)? "
                "Your edits are in the journal meanwhile.",
                [("save", "y", "Save anyway"), ("cancel", "escape", "Cancel")]), done)
            return
        if not force and self.session.disk_changed():
            self._ask_about_disk(saving=True, then_quit=then_quit)
            return
        job = self.session.snapshot(to_utf8)
        self.save_state = self.save_state.start()
        self._write(job, force, then_quit)

    @work(thread=True, exclusive=True, group="save")
    def _write(self, job: SaveJob, force: bool, then_quit: bool) -> None:
        try:
            signature = self.session.write(job, force)
        except (WorkbenchError, OSError) as exc:
            self.post_message(SaveFinished(job, None, exc, then_quit))
            return
        self.post_message(SaveFinished(job, signature, None, then_quit))

    def on_save_finished(self, message: SaveFinished) -> None:
        """A write ended: what was asked meanwhile follows (a save, a quit)."""
        self.save_state, queued, then_quit = self.save_state.finish(message.then_quit)
        if message.error is not None:
            if isinstance(message.error, ConflictError):
                self._ask_about_disk(saving=True, then_quit=then_quit)
                return
            if isinstance(message.error, UnencodableError):
                self._ask_to_convert(message.error, then_quit)
                return
            self.notify(f"Not saved: {message.error}", severity="error", markup=False)
            return
        self.session.finish_save(message.job, message.signature)
        units = self.session.units
        self.undo.saved(lambda i: (units[i].target, units[i].state))
        self.save_state = self.save_state.saved()
        self.unsaved = len(self.session.unsaved)
        self.notify(f"Saved {self.session.path.name}", markup=False, timeout=2)
        after = SaveState.after_save(queued, then_quit, self.session.dirty)
        if after is After.QUIT:
            self.app.exit(0)
        elif after is not After.STAY:
            self._save(then_quit=after is After.SAVE_AND_QUIT)

    def _ask_to_convert(self, error: UnencodableError, then_quit: bool) -> None:
        """A translation the catalog's legacy charset cannot hold (Simplified Chinese in a Big5
        file): nothing was written; convert the catalog to UTF-8, or go on editing."""
        def done(answer: str | None) -> None:
            if answer == "convert":
                self._save(then_quit=then_quit, to_utf8=True)

        where = f"{self.session.path.name}:{error.line}" if error.line else self.session.path.name
        self.app.push_screen(ChoiceScreen(
            f"Not saved: {where}: {error.message.partition(': nothing written')[0]}. Convert the "
            "catalog to UTF-8 and save (its header then says charset=UTF-8; the unchanged "
            "entries stay as they are)? Your edits are in the journal meanwhile.",
            [("convert", "u", "Save as UTF-8"), ("cancel", "escape", "Keep editing")]), done)

    def action_quit_editor(self) -> None:
        self._keep_edit()
        if not self.session.dirty:
            self.app.exit(0)
            return

        def done(answer: str | None) -> None:
            if answer == "save":
                self._save(then_quit=True)
            elif answer == "discard":
                self.session.journal.clear()
                self.app.exit(0)

        self.app.push_screen(ChoiceScreen(
            f"{len(self.session.unsaved):,} "
            f"{'unit has' if len(self.session.unsaved) == 1 else 'units have'} unsaved edits.",
            [("save", "s", "Save & quit"), ("discard", "d", "Quit, don't save"),
             ("cancel", "escape", "Cancel")]), done)

    def check_disk(self) -> None:
        """Say so when the file changed on disk since it was read (every `watch_disk` seconds;
        not while asking or saving, nor again for the same change). Said, not asked: a
        question popping up while the translator types took the next key as its answer
        ("k" of a word: keep mine, and the next save overwrote the other tool's change). The
        next save asks: reload, keep mine, or cancel."""
        path = self.session.path
        if self.session.loading is not None:
            return  # the file was read at opening; a reload waits for the whole catalog
        self.save_state = self.save_state.looked_at(is_read_only(path))
        stamp = disk_stamp(path)
        if self.save_state.should_check_disk(stamp) and self.session.disk_changed():
            self.save_state = self.save_state.noticed_change(stamp)
            self.notify(f"{self.session.path.name} changed on disk (another tool, a git pull?). "
                        "Ctrl+S asks whether to reload it (your unsaved edits "
                        "re-applied) or keep your version.", severity="warning",
                        markup=False, timeout=8)

    def _ask_about_disk(self, saving: bool, then_quit: bool) -> None:
        if self.save_state.asking_about_disk:
            return
        self.save_state = self.save_state.ask_about_disk()
        keep = "Keep mine and save" if saving else "Keep mine"

        def done(answer: str | None) -> None:
            # Cancel: not asked again every 2 s for the same change (the title keeps saying
            # it, and a save still asks); any other answer settles it
            self.save_state = self.save_state.answered_disk(answer in ("reload", "keep"),
                                                disk_stamp(self.session.path))
            if answer == "reload":
                self._reload()
            elif answer == "keep":
                # the translator's version wins: the next save may overwrite the file
                self.session.signature = DiskSignature.of(self.session.path)
                if saving:
                    self._save(force=True, then_quit=then_quit)

        self.app.push_screen(ChoiceScreen(
            f"{self.session.path} changed on disk since it was opened (another tool, a git "
            "pull?). Reload it (your unsaved edits are re-applied where their sentence is "
            "unchanged) or keep your version?",
            [("reload", "r", "Reload"), ("keep", "k", keep), ("cancel", "escape", "Cancel")]),
            done)

