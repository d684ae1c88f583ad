"""The editor application: one screen (workbench.tui.editor_screen) on one catalog.

`make_app` builds it for the CLI, the Pilot tests, the snapshot tests and the benchmark.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.markup import escape as escape_markup
from textual.screen import Screen

from workbench.editor.loading import PROGRESSIVE_ABOVE
from workbench.editor.session import EditSession
from workbench.errors import InputError
from workbench.project import Project
from workbench.tui import actions
from workbench.tui.editor_screen import EditorScreen
from workbench.tui.keys import parse_terminal_keys

SHUTDOWN_SECONDS = 5.0
"""After SIGTERM, the most the editor takes to restore the terminal before it just ends."""


class EditorApp(App[int]):
    """Translate a catalog sentence by sentence; exits with 0."""

    CSS_PATH = "editor.tcss"
    TITLE = "workbench edit"
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(only_priority=True)

    def __init__(self, session: EditSession, **options: Any) -> None:
        """`options`: those of EditorScreen (watch_disk, word_processes, cursor_blink)."""
        super().__init__()
        parse_terminal_keys()
        self.editor = EditorScreen(session, **options)
        """The editor screen, at the bottom of the screen stack for the app's whole life."""
        self._signals: list[int] = []
        """The signals whose handler is the editor's (removed when it ends)."""
        self.load_error: InputError | None = None
        """Why the rest of a catalog opened progressively could not be read (the app exits
        with 2 then, and `workbench edit` reports it as a malformed file)."""

    def get_default_screen(self) -> Screen[Any]:
        return self.editor

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette lists every action of the registry (and Textual's own)."""
        for action in actions.palette_actions():
            # the palette reads help as markup: escape it (key labels hold no file text)
            yield SystemCommand(action.description,
                                escape_markup(f"{action.help}  ({action.key_label})"),
                                lambda a=action.action: self.run_action(a, self.editor))
        yield from super().get_system_commands(screen)

    def action_quit_editor(self) -> None:
        """Quit, asking first when something is unsaved (Ctrl+Q, from any screen)."""
        self.editor.action_quit_editor()

    async def action_quit(self) -> None:
        """Textual's own quit (the palette has it): the same question."""
        self.editor.action_quit_editor()

    def on_mount(self) -> None:
        # The terminal going (an SSH link dropping, a tmux pane killed: SIGHUP) or a polite
        # kill (SIGTERM) ended the editor at once, and the sentence being typed was lost:
        # only commits are journaled. Keep it first, as moving to another unit does.
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):  # (Windows has no SIGHUP)
            number = getattr(signal, name, None)
            if number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self._hang_up, number)
                self._signals.append(number)

    def _hang_up(self, number: int) -> None:
        """SIGHUP or SIGTERM: what is typed goes to the journal (as fuzzy, fsynced), then the
        editor ends, leaving the journal for the next opening; nothing is saved unasked.

        After SIGHUP the terminal is gone: restoring it is pointless, and Textual's shutdown,
        writing to it, could hang (a process left holding the catalog's lock), so the process
        ends at once, as the signal's default would have. After SIGTERM the terminal is
        restored as by Ctrl+Q, within a few seconds or not at all."""
        try:
            self.editor.keep_typing()
        finally:
            code = 128 + number
            if number == getattr(signal, "SIGHUP", None):
                os._exit(code)
            guard = threading.Timer(SHUTDOWN_SECONDS, os._exit, (code,))
            guard.daemon = True
            guard.start()
            self.exit(return_code=code)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in self._signals:
            loop.remove_signal_handler(number)
        self._signals.clear()
        self.editor.session.close()
        gc.unfreeze()  # see make_app: the catalog may go now


def make_app(path: str | os.PathLike[str], project: Project | None = None, *,
             source_lang: str | None = None, target_lang: str | None = None,
             progressive_above: int | None = PROGRESSIVE_ABOVE, **options: Any
             ) -> EditorApp:
    """The editor on a PO file (journal replayed). Raises InputError for a malformed file
    (for a file opened progressively, a malformed entry past its first screenful is found
    later: see EditorApp.load_error). `source_lang` / `target_lang`: the user's overrides of the
    catalog's languages; `progressive_above`: see EditSession.open (None: read it all first)."""
    session = EditSession.open(path, project, source_lang, target_lang,
                               progressive_above=progressive_above)
    # The catalog lives as long as the editor: keep the collector from walking its millions of
    # objects again and again (full collections would cost tens of ms per keypress).
    gc.freeze()
    return EditorApp(session, **options)
