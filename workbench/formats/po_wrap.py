"""GNU gettext's way of writing a PO string: escapes, and line breaking at the page width.

msgmerge, msgcat and xgettext break a string after each `\\n`, then break each part where the
Unicode line-breaking algorithm (UAX #14) allows it, so that no line is wider than the page
(79 columns by default), never inside an escape sequence nor just before a final `\\n`. Width
is counted in terminal columns: a Han character takes two (and, in a legacy CJK charset, so do
the East Asian "ambiguous" characters). A changed entry of a catalog gettext wrapped is written
with these rules, so its lines look like the ones msgmerge would write.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# UAX #14 line-breaking classes (the ones that matter in catalogs; Hangul counts as ID, the
# other letters as AL), in the order of gnulib's pair table, which gettext uses. OP2/CP2 are
# the East Asian wide brackets, which may follow a letter or number at a break.
(WJ, GL, B2, BA, BB, HY, CL, CP, CP2, EX, IN, NS, OP, OP2, QU, IS, NU, PO, PR, SY, AL, ID,
 ZW, CM, SP) = range(25)

# gnulib's pair table (lbrktables.c, Unicode 16; like gettext it allows a break between "."
# and a letter, so that "sentence.</P>" breaks before the tag): rows the class before, columns
# the class after; D a break is allowed, I only when spaces separate them, P never. Numbers
# (UAX #14 rule LB25) never break inside: the NU row is adjusted for it.
_PAIRS = """
WJ  PIIIIIPPPPIIIIIPIIIPII
GL  PIIIIIPPPPIIIIIPIIIPII
B2  PIPIDIPPPPIIDDIPDDDPDD
BA  PDDIDIPPPPIIDDIPDDDPDD
BB  PIIIIIPPPPIIIIIPIIIPII
HY  PDDIDIPPPPIIDDIPIDDPDD
CL  PIDIDIPPPPIPDDIPDDDPDD
CP  PIDIDIPPPPIIDDIPIDDPID
CP2 PIDIDIPPPPIIDDIPDDDPDD
EX  PIDIDIPPPPIIDDIPDDDPDD
IN  PIDIDIPPPPIIDDIPDDDPDD
NS  PIDIDIPPPPIIDDIPDDDPDD
OP  PPPPPPPPPPPPPPPPPPPPPP
OP2 PPPPPPPPPPPPPPPPPPPPPP
QU  PIIIIIPPPPIIIIIPIIIPII
IS  PIDIDIPPPPIIDDIPIDDPDD
NU  PIDIDIPPPPIIIDIPIIIPID
PO  PIDIDIPPPPIIDDIPIDDPID
PR  PIDIDIPPPPIIDDIPIDDPII
SY  PIDIDIPPPPIIDDIPIDDPDD
AL  PIDIDIPPPPIIIDIPIIIPID
ID  PIDIDIPPPPIIDDIPDIDPDD
"""
_TABLE: list[str] = [row.split()[1] for row in _PAIRS.split("\n") if row.strip()]

_ASCII = {
    "!": EX, '"': QU, "$": PR, "%": PO, "'": QU, "(": OP, ")": CP, "+": PR, ",": IS, "-": HY,
    ".": IS, "/": SY, ":": IS, ";": IS, "?": EX, "[": OP, "\\": PR, "]": CP, "{": OP,
    "|": BA, "}": CL, " ": SP, "\t": BA,
}
_SPECIAL = {
    0xA0: GL, 0x2007: GL, 0x202F: GL, 0x2060: WJ, 0xFEFF: WJ, 0x200B: ZW, 0x00AD: BA,
    0x2010: BA, 0x2012: BA, 0x2013: BA, 0x2014: B2, 0x2024: IN, 0x2025: IN, 0x2026: IN,
    0x2018: QU, 0x2019: QU, 0x201C: QU, 0x201D: QU, 0x00AB: QU, 0x00BB: QU, 0x2039: QU,
    0x203A: QU, 0x3000: BA, 0x3001: CL, 0x3002: CL, 0xFF0C: CL, 0xFF0E: CL, 0xFE50: CL,
    0xFE52: CL, 0xFF61: CL, 0xFF64: CL, 0x3005: NS, 0x301C: NS, 0x303B: NS, 0x30FB: NS,
    0x30FC: NS, 0x309B: NS, 0x309C: NS, 0x309D: NS, 0x309E: NS, 0x30FD: NS, 0x30FE: NS,
    0xFF1A: NS, 0xFF1B: NS, 0xFF65: NS, 0xFF70: NS, 0xFF9E: NS, 0xFF9F: NS, 0xFF01: EX,
    0xFF1F: EX, 0xFE56: EX, 0xFE57: EX, 0xFF08: OP2, 0xFF3B: OP2, 0xFF5B: OP2, 0xFF5F: OP2,
    0xFF62: OP2, 0xFF09: CL, 0xFF3D: CL, 0xFF5D: CL, 0xFF60: CL, 0xFF63: CL, 0xFF05: PO,
    0xFFE0: PO, 0xFF04: PR, 0xFFE1: PR, 0xFFE5: PR, 0xFFE6: PR, 0x00B0: PO, 0x2030: PO,
    0x2032: PO, 0x2033: PO, 0x00A2: PO, 0x00A3: PR, 0x00A5: PR, 0x20AC: PR, 0x00B4: BB,
    0x2E3A: B2, 0x2E3B: B2, 0x2015: AL, 0x00B7: AL,
}
# Opening and closing CJK brackets 〈〉《》「」『』【】〔〕〖〗〘〙〚〛〝〞〟
for _cp in range(0x3008, 0x301C):
    _SPECIAL.setdefault(_cp, OP2 if _cp % 2 == 0 else CL)
_SPECIAL.update({0x3012: ID, 0x3013: ID, 0x301D: OP2, 0x301E: CL, 0x301F: CL})
_SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
for _ch in _SMALL_KANA:
    _SPECIAL[ord(_ch)] = NS


@lru_cache(maxsize=4096)
def _lb_class(ch: str) -> int:
    cls = _ASCII.get(ch)
    if cls is not None:
        return cls
    o = ord(ch)
    if o < 0x80:
        return NU if "0" <= ch <= "9" else AL
    cls = _SPECIAL.get(o)
    if cls is not None:
        return cls
    if unicodedata.category(ch) in ("Mn", "Me"):
        return CM
    if (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7A3 or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6
            or 0x20000 <= o <= 0x3FFFD):
        return ID
    if unicodedata.category(ch) == "Nd":
        return NU
    return AL


@lru_cache(maxsize=4096)
def char_width(ch: str, cjk: bool = False) -> int:
    """Terminal columns of a character, as gettext counts them."""
    if ch < "\u0300":
        return 1 if ch >= " " else 0
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F") or (cjk and eaw == "A"):
        return 2
    return 1


def text_width(text: str, cjk: bool = False) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(ch, cjk) for ch in text)


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}


def escape(text: str) -> str:
    """A string's content as a PO literal writes it (without the quotes)."""
    if not any(ch in _ESCAPES for ch in text):
        return text
    return "".join("\\" + _ESCAPES[ch] if ch in _ESCAPES else ch for ch in text)


def _breaks(chars: list[str], locked: list[bool]) -> list[bool]:
    """Where UAX #14 allows a break before each character (the pair-table algorithm)."""
    n = len(chars)
    allowed = [False] * n
    if n == 0:
        return allowed
    prev = _lb_class(chars[0])
    if prev == SP:
        prev = WJ
    elif prev == CM:
        prev = AL
    after_space = False
    for i in range(1, n):
        cls = _lb_class(chars[i])
        if cls == SP:
            after_space = True
            continue
        if cls == CM:
            if after_space:
                cls = AL  # a combining mark after a space stands alone
            else:
                after_space = False
                continue
        if cls == ZW or prev == ZW:
            allowed[i] = prev == ZW
        else:
            action = _TABLE[prev][cls]
            allowed[i] = action == "D" or (action == "I" and after_space)
        if locked[i]:
            allowed[i] = False
        prev = cls
        after_space = False
    return allowed


def _line_breaks(chars: list[str], locked: list[bool], width: int, start: int,
                 cjk: bool) -> list[int]:
    """Indices before which a line must break (gnulib's ulc_width_linebreaks)."""
    allowed = _breaks(chars, locked)
    result: list[int] = []
    column = start
    piece = 0
    last: int | None = None
    for i, ch in enumerate(chars):
        if allowed[i]:
            if last is not None and column + piece > width:
                result.append(last)
                column = 0
            last = i
            column += piece
            piece = 0
        piece += char_width(ch, cjk)
    if last is not None and column + piece > width:
        result.append(last)
    return result


def wrap_field(prefix: str, name: str, value: str, page_width: int, cjk: bool = False,
               split_newlines: bool = True) -> list[list[str]]:
    """The lines of `name "value"` as gettext writes them, grouped by portion (a part of the
    value ending with a newline); a leading `name ""` line is a group of its own.

    `page_width` 0 never breaks a line for its width (msgcat --no-wrap); `split_newlines`
    False writes each string on one line (the style of some other tools).
    """
    if split_newlines:
        portions = value.split("\n")
        portions = [p + "\n" for p in portions[:-1]] + ([portions[-1]] if portions[-1] else [])
        if not portions:
            portions = [""]
    else:
        portions = [value]
    groups: list[list[str]] = []
    first_line = True
    after_break = len(prefix) + 1
    limit = (page_width if page_width > 0 else 1 << 30) - 1 - after_break
    for index, portion in enumerate(portions):
        chars: list[str] = []
        locked: list[bool] = []
        for ch in portion:
            if ch in _ESCAPES:
                chars += ["\\", _ESCAPES[ch]]
                locked += [False, True]
            else:
                chars.append(ch)
                locked.append(False)
        if portion.endswith("\n"):
            locked[-2] = True  # never break just before the final \n
        more = index < len(portions) - 1
        while True:
            start = len(prefix) + (len(name) + 1 if first_line else 0) + 1 - after_break
            cuts = _line_breaks(chars, locked, limit, start, cjk) if page_width > 0 else []
            if first_line and chars and (more or start > limit or cuts):
                groups.append([f'{prefix}{name} ""'])
                first_line = False
                continue
            break
        lines: list[str] = []
        bounds = [0, *cuts, len(chars)]
        for k in range(len(bounds) - 1):
            text = "".join(chars[bounds[k]:bounds[k + 1]])
            if first_line:
                lines.append(f'{prefix}{name} "{text}"')
                first_line = False
            else:
                lines.append(f'{prefix}"{text}"')
        groups.append(lines)
    return groups


def wrap_references(refs: list[str], page_width: int) -> list[str]:
    """`#:` lines as gettext groups them: as many references a line as fit the page."""
    lines: list[str] = []
    line = "#:"
    column = 2
    for ref in refs:
        size = len(ref) + 1
        if column > 2 and column + size > page_width:
            lines.append(line)
            line = "#:"
            column = 2
        line += " " + ref
        column += size
    lines.append(line)
    return lines
