"""Text from files, made safe to show: never markup, no control character reaching the terminal.

Everything a catalog holds is untrusted. Widgets get `rich.text.Text` objects built here (never a
markup string), and control characters become visible stand-ins: C0 controls and DEL their
Unicode control pictures (ESC is shown as ␛), other invisible breaks and C1 controls as `⟨U+0085⟩`.
The target editor needs a reversible mapping instead (the translator edits the text), see
`to_editor` and `from_editor`.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

__all__ = ["cell_len", "fit", "from_editor", "pasted", "safe_text", "to_editor", "visible"]

# C0 (but tab and newline), DEL, C1, line/paragraph separators, and the bidi overrides that
# could reorder what the terminal shows.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_PICTURES = {chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"}
_PICTURES["\x7f"] = "\u2421"


def _stand_in(m: re.Match[str]) -> str:
    ch = m.group()
    return _PICTURES.get(ch) or f"⟨U+{ord(ch):04X}⟩"


def visible(text: str, newline: str | None = None, tab: str | None = None) -> str:
    """`text` with every control character replaced by a visible stand-in.

    `newline` and `tab`, when given, replace line breaks and tabs too (one-line views).
    """
    out = _CONTROL_RE.sub(_stand_in, text)
    if newline is not None:
        out = out.replace("\n", newline)
    if tab is not None:
        out = out.replace("\t", tab)
    return out


def safe_text(text: str, style: str | Style = "", one_line: bool = False) -> Text:
    """A Text showing `text` verbatim (no markup parsed), controls made visible."""
    shown = visible(text, newline="↵" if one_line else None, tab="→" if one_line else None)
    return Text(shown, style=style, no_wrap=one_line, end="")


def fit(text: str, width: int) -> str:
    """Cut or pad a one-line string to exactly `width` terminal cells (CJK glyphs are two)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


# The editor: a reversible mapping. TextArea splits lines on every break str.splitlines() knows
# and would send ESC to the terminal as is, so those characters are swapped for stand-ins while
# editing and swapped back when the target is committed.
_TO_EDITOR = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"}
_TO_EDITOR[0x7F] = "\u2421"  # ␡
_TO_EDITOR.update({c: chr(0xF700 + c) for c in range(0x80, 0xA0)})  # C1: private use
_TO_EDITOR.update({0x2028: "\u2424", 0x2029: "\u204b"})  # ␤ ⁋
_FROM_EDITOR = {ord(v): k for k, v in _TO_EDITOR.items()}
_STAND_IN_RE = re.compile("[\u2400-\u2421\u2424\u204b\uf780-\uf79f]")


def editor_maps(original: str) -> bool:
    """Whether stand-ins map back to controls: not when the text already holds them literally
    (then what was typed is kept as typed, and nothing is lost)."""
    return not _STAND_IN_RE.search(original)


def to_editor(text: str) -> str:
    """The text as the target editor shows it: controls and odd line breaks as stand-ins."""
    return text.translate(_TO_EDITOR) if editor_maps(text) else visible(text)


def from_editor(shown: str, original: str) -> str:
    """The text behind what the editor shows (the inverse of `to_editor`)."""
    if shown == to_editor(original):
        return original
    if not editor_maps(original):
        return shown
    return shown.translate(_FROM_EDITOR)


def pasted(text: str, one_line: bool = False) -> str:
    """Text pasted into the target or a prompt, as the editor shows it: line ends as typed ones,
    controls as stand-ins (a paste must not send ESC to the terminal either). A stand-in maps
    back to its control when the target is committed, as for text read from the file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if one_line:
        text = text.split("\n", 1)[0]
    return text.translate(_TO_EDITOR)
