"""Keys as terminals send them, applied in the order they arrive.

Three problems of Textual's key handling, fixed here for the widgets the translator types into:

- Order. A key a widget does not type itself (Backspace, Delete, the arrows, Home/End, Alt+Down,
  Ctrl+S) is not handled where it arrives: Textual lets the Key event bubble up the DOM, one
  message queue per ancestor, and only the App looks up bindings. Meanwhile the widget goes on
  with the next keys of its queue, so in a burst (SSH, mosh, tmux send-keys, a busy moment)
  `abcdef` Backspace Backspace Enter commits "abcdef" and the Backspaces land in the next unit.
  `OrderedTextArea`, `OrderedInput` (the dialogs' fields) and the unit list (`InOrder`) run
  every binding as its key comes, in the widget's own queue. The App
  forwards a whole burst to the widget focused when it arrived, so keys that come after one
  that moved the focus (Tab, Ctrl+F opening the search) are passed on to the new focus, still
  in order.
- Characters. Textual types only what `str.isprintable()` accepts, which refuses every space
  but U+0020: the ideographic space U+3000 and the no-break space U+00A0 could be pasted but
  not typed. `typed_character` accepts the space separators too.
- Alt+F. Textual reads ESC f (what xterm, tmux and the Linux console send for Alt+F) as
  Ctrl+Right and ESC digit as the symbol macOS's Option+digit types; `parse_terminal_keys`
  makes them arrive as Alt+F and Alt+digit. The Linux console sends Alt+Up/Down as Escape
  then the arrow (ESC ESC [A): `OrderedTextArea` joins the two when they arrive together.
"""

from __future__ import annotations

import asyncio
import contextlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from textual.events import Key
from textual.widgets import Input, TextArea

__all__ = ["ALT_PREFIXED", "InOrder", "OrderedInput", "OrderedTextArea", "parse_terminal_keys",
           "typed_character"]

# ESC + key, what terminals send for Alt+key (xterm's metaSendsEscape, tmux, the Linux console).
# ESC b stays Ctrl+Left, as Textual reads it (readline's backward-word): no binding uses Alt+B.
ALT_PREFIXED = {"\x1b" + key: f"alt+{key}" for key in "acdefghijklmnopqrstuvwxyz0123456789"}


@dataclass(frozen=True, slots=True)
class _KeyName:
    """What Textual's key table holds (it reads `.value`, as of its `Keys` enum)."""

    value: str


# Escape then one of these within this many seconds is Alt+key: two keys in one read of the
# terminal, as the Linux console sends Alt+Up (a person pressing Esc, Up takes far longer).
ESCAPE_JOINS = frozenset({"up", "down", "left", "right", "pageup", "pagedown"})
ESCAPE_JOIN_SECONDS = 0.02
SETTLE_SECONDS = 2.0  # the most a key waits for the App (which may be closing)


def parse_terminal_keys() -> None:
    """Let Alt+letter and Alt+digit arrive as such, however many come in one read.

    Textual reads ESC f as Ctrl+Right (readline's forward-word; macOS Terminal and iTerm2 send
    it for Option+Right) and ESC 1 as "¡" (macOS's Option+1), so Alt+F and the suggestion keys
    never reached their bindings. And Textual's parser knows ESC + letter only at the end of a
    read: when another ESC follows in the same read (Alt+U then Alt+T in a burst), it reissues
    the first as "^" and "u", typed. Entered in its table, each is a key of its own. A real
    Ctrl+Right (ESC [1;5C) is still Ctrl+Right, a typed "¡" still a character.
    """
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    for sequence, name in ALT_PREFIXED.items():
        # Textual's table is typed read-only; it is a dict, and this is where keys are taught
        cast("dict[str, object]", ANSI_SEQUENCES_KEYS)[sequence] = (_KeyName(name),)


def typed_character(event: Key) -> str | None:
    """The character a key types, or None for a key that types nothing.

    Textual's `Key.is_printable` is `str.isprintable()`, false for every space separator but
    U+0020: U+3000 (the ideographic space of Chinese and Japanese text), U+00A0 and the other
    fixed-width spaces would be dropped."""
    character = event.character
    if character is None or len(character) != 1:
        return None
    if character.isprintable() or unicodedata.category(character) == "Zs":
        return character
    return None


class InOrder:
    """What the ordered widgets share: keys for another widget passed on, bindings run now.
    A widget mixes it in, calls `_init_in_order()` and in its `_on_key` first `_passed_on`,
    then `_run_binding_now` for a key it does not handle itself."""

    _pending: list[Key]
    _pending_tries: int
    _handing_off: bool

    app: Any
    screen: Any

    def _init_in_order(self) -> None:
        self._pending = []
        self._pending_tries = 0
        self._handing_off = False

    def _away(self) -> bool:
        """Whether the focus is elsewhere: another widget, or a dialog over this one."""
        app = self.app
        return app.screen is not self.screen or app.focused not in (self, None)

    def _focus_now(self) -> tuple[Any, Any]:
        return self.app.screen, self.app.focused

    def _note_handoff(self, before: tuple[Any, Any]) -> None:
        """After this widget ran a key: if it moved the focus (Tab, Ctrl+F opening a dialog,
        Enter answering one), the keys already queued behind it are for the new focus.
        `before`: `_focus_now()` before the key ran."""
        screen, focused = self._focus_now()
        if screen is not before[0] or (screen is self.screen and focused is not before[1]
                                       and focused is not self):
            # (a dialog opened before, by a priority binding, may get its focus meanwhile:
            # that is not this key's doing)
            self._handing_off = self._away()

    def _passed_on(self, event: Key) -> bool:
        """Whether the key belongs to another widget (and was passed on to it, in order).

        The App forwards a whole burst to the widget focused when it arrived, before any of it
        runs: the keys after one of them that moved the focus belong to what has the focus now.
        Keys that came before a focus change this widget did not make (a priority binding like
        Ctrl+Q runs as soon as the App sees it; a worker's question) are still this widget's:
        they were typed into it, and are applied here."""
        if self._handing_off and not self._pending and not self._away():
            self._handing_off = False  # the focus came back: keys are forwarded here again
        if not self._handing_off:
            return False
        event.stop()
        event.prevent_default()
        self._pending.append(Key(event.key, event.character))
        self._pass_on()
        return True

    def _pass_on(self) -> None:
        app = self.app
        target = app.focused
        if target is None and self._pending_tries < 50:
            # a dialog just pushed is not mounted (nor focused) yet: wait for it
            self._pending_tries += 1
            app.set_timer(0.01, self._pass_on)
            return
        self._pending_tries = 0
        target = target or app.screen
        pending, self._pending = self._pending, []
        for key in pending:
            target.post_message(key)

    async def _run_binding_now(self, event: Key, key: str) -> None:
        """A key this widget does not type: run its binding (of this widget, like Backspace and
        the arrows, or above it, like the App's Alt+Down and Ctrl+S) now, before the next key in
        this queue. Bubbling would run it after them.

        The bindings are looked up from this widget up, as the App does from the focused
        widget when the event reaches it: the same, unless a priority binding (Ctrl+Q) already
        opened a dialog, and then the keys typed before it still apply here."""
        before = self._focus_now()
        if await self._run_binding(key):
            event.stop()
            # What the binding asked the App to do later (Widget.focus() is one) happens before
            # the next key: it may be for another widget now.
            settled = asyncio.Event()
            self.app.call_later(settled.set)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(settled.wait(), SETTLE_SECONDS)
            self._note_handoff(before)

    async def _run_binding(self, key: str) -> bool:
        app = self.app
        node: Any
        for node in self.ancestors_with_self:  # type: ignore[attr-defined]
            bindings = node._bindings
            if app._keymap:  # remapped keys, as Screen._binding_chain applies them
                bindings = bindings.copy()
                bindings.apply_keymap(app._keymap)
            for binding in bindings.key_to_bindings.get(key, ()):
                # priority bindings ran when the App saw the key
                if not binding.priority and await app.run_action(binding.action, node):
                    return True
            if node.is_modal:
                break  # nothing under a dialog
        return False


class OrderedTextArea(InOrder, TextArea):
    """A TextArea that applies every key in the order it arrives (see the module's docstring).

    Subclasses say what Enter does (`enter_pressed`, for the keys in COMMIT_KEYS) and which
    keys insert a line break (NEWLINE_KEYS).
    Alt+key never types its letter: it is for the App's bindings.
    """

    COMMIT_KEYS: frozenset[str] = frozenset({"enter"})
    NEWLINE_KEYS: frozenset[str] = frozenset({"ctrl+j", "shift+enter", "newline"})

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)
        self._init_in_order()
        self._escape_time: float | None = None

    def enter_pressed(self) -> None:
        """Enter: a line break by default."""
        self.action_newline()

    def action_newline(self) -> None:
        start, end = self.selection
        # as typing does: the cursor goes after the break
        self.replace("\n", start, end, maintain_selection_offset=False)

    async def _on_key(self, event: Key) -> None:
        self._restart_blink()
        event.prevent_default()  # TextArea's own handler: everything it did is done here
        if self._passed_on(event):
            return
        key = event.key
        if self._escape_time is not None:
            joined = key in ESCAPE_JOINS and event.time - self._escape_time < ESCAPE_JOIN_SECONDS
            self._escape_time = None
            if joined:
                key = f"alt+{key}"
        if key == "escape":
            self._escape_time = event.time
        if key in self.COMMIT_KEYS:
            event.stop()
            if not self.read_only:
                self.enter_pressed()
            return
        if key in self.NEWLINE_KEYS:
            event.stop()
            if not self.read_only:
                self.action_newline()
            return
        character = typed_character(event) if not key.startswith(("alt+", "ctrl+")) else None
        if character is not None:
            event.stop()
            if not self.read_only:
                start, end = self.selection
                self._replace_via_keyboard(character, start, end)
            return
        await self._run_binding_now(event, key)


class OrderedInput(InOrder, Input):
    """An Input that applies every key in the order it arrives, Enter included.

    Enter calls `on_enter` with the value at once when given: Input's own Enter posts a
    Submitted message to itself, which would be handled after the keys that follow it (those
    are for whatever the answer opens, not for this field)."""

    def __init__(self, *args: Any, on_enter: Callable[[str], None] | None = None,
                 **options: Any) -> None:
        super().__init__(*args, **options)
        self._init_in_order()
        self.on_enter = on_enter

    async def _on_key(self, event: Key) -> None:
        self._restart_blink()
        event.prevent_default()
        if self._passed_on(event):
            return
        if event.key == "enter" and self.on_enter is not None:
            event.stop()
            before = self._focus_now()
            self.on_enter(self.value)
            self._note_handoff(before)
            return
        character = typed_character(event) if not event.key.startswith(("alt+", "ctrl+")) \
            else None
        if character is not None:
            event.stop()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(character)
            else:
                self.replace(character, *selection)
            return
        await self._run_binding_now(event, event.key)

