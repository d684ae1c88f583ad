"""Text from files, made safe to show: never markup, no control character reaching the terminal.

Everything a catalog holds is untrusted. Widgets get `rich.text.Text` objects built here (never a
markup string), and control characters become visible stand-ins: C0 controls and DEL their
Unicode control pictures (ESC is shown as ␛), other invisible breaks and C1 controls as `⟨U+0085⟩`.
The target editor needs a reversible mapping instead (the translator edits the text), see
`to_editor` and `from_editor`.
"""

from __future__ import annotations

import itertools
import re

from rich.cells import cell_len, get_character_cell_size, set_cell_size
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


# Chinese line breaking (kinsoku): where the panels may break a line. --------------------------

# Closing punctuation never starts a line, opening punctuation never ends one (GB/T 15834, JIS X
# 4051). The ASCII ones too: a translator's English target mixes both.
CLOSING = frozenset("、。，．・：；？！）」』】〕〗〙〉》｝］”’…‥〜～%％,.:;?!)]}")
OPENING = frozenset("「『（【〔〖〘〈《｛［“‘([{")
_UNSPLIT = frozenset("…‥—")  # "……" and "——" are one mark each


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end after `before` with `after` starting the next one."""
    if after in CLOSING or before in OPENING or (before == after and before in _UNSPLIT):
        return False
    if before == " ":
        return after != " "  # after a run of spaces, which stay on the line they end
    if after == " ":
        return False
    # between two characters of which one is wide (CJK) or punctuation; not inside a word
    return (get_character_cell_size(before) == 2 or get_character_cell_size(after) == 2
            or before in CLOSING or after in OPENING)


def line_breaks(text: str, width: int) -> list[int]:
    """Where lines start when `text` is wrapped to `width` cells (offsets, 0 excluded), with
    Chinese line-breaking rules: no line starts with closing punctuation (、。，」) nor ends
    with opening punctuation (「（“); the character before such a break moves to the next
    line with it. Lines break between CJK characters and after spaces, not inside a Latin
    word; a line's trailing spaces do not count toward its width. A line break in the text
    always breaks. A word longer than a line is cut where it is full (where the rules hold
    if any place does); only a run of punctuation longer than a line breaks them.
    """
    width = max(2, width)  # a wide character needs two cells
    breaks: list[int] = []
    start = 0  # of the current line
    used = 0  # cells of the current line, up to i
    last_ok = -1  # the last offset in the current line where it may break
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            i += 1
            if i < n:
                breaks.append(i)
            start, used, last_ok = i, 0, -1
            continue
        if i > start and _may_break(text[i - 1], ch):
            last_ok = i
        cells = get_character_cell_size(ch)
        while used + cells > width and ch != " " and i > start:
            cut = last_ok if last_ok > start else _forced_cut(text, start, i)
            breaks.append(cut)
            start = cut
            used = sum(get_character_cell_size(c) for c in text[start:i])
            last_ok = max((j for j in range(start + 1, i + 1)
                           if _may_break(text[j - 1], text[j])), default=-1)
        used += 0 if ch == " " and used >= width else cells
        i += 1
    return breaks


def _forced_cut(text: str, start: int, end: int) -> int:
    """Where to cut a line with no break allowed (a long word): as late as it fits, and where
    the line-breaking rules hold if any place does ("translatio" "n。", not "translation" "。")."""
    for cut in range(end, start, -1):
        if text[cut] not in CLOSING and text[cut - 1] not in OPENING:
            return cut
    return end


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` cut into the lines `line_breaks` gives (joined, they are `text` again)."""
    offsets = [0, *line_breaks(text, width), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(offsets) if b > a]


def wrap_text(text: Text, width: int) -> Text:
    """A Text with its lines broken by Chinese rules to fit `width` cells, styles kept.

    The breaks are line ends Rich keeps as they are (it would break anywhere it likes)."""
    plain = text.plain
    breaks = [b for b in line_breaks(plain, width) if plain[b - 1] != "\n"]
    if not breaks:
        return text
    out = Text(end=text.end, no_wrap=text.no_wrap, overflow=text.overflow)
    out.style = text.style
    for n, piece in enumerate(text.divide(breaks)):
        if n:
            out.append("\n")
        out.append_text(_strip_soft_end(piece))
    return out


def _strip_soft_end(piece: Text) -> Text:
    """A line broken after spaces, without them (they would overflow the line)."""
    plain = piece.plain
    stripped = len(plain) - len(plain.rstrip(" "))
    if stripped and not plain.endswith("\n"):
        piece = piece[: len(plain) - stripped]
    return piece
