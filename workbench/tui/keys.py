"""Key parsing the editor needs from Textual's key table."""

from __future__ import annotations


def parse_alt_digits() -> None:
    """Let Alt+1 … Alt+9 arrive as such. Textual reads ESC + digit (what xterm, tmux and most
    terminals send for Alt+digit) as the character macOS's Option+digit types (ESC 1 as "¡"),
    so the suggestion keys would type symbols instead. Only the Escape-prefixed sequences are
    dropped: a typed "¡" or "£" is still a character."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    for digit in "0123456789":
        ANSI_SEQUENCES_KEYS.pop("\x1b" + digit, None)
