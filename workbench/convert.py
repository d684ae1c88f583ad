"""Traditional ⇄ Simplified conversion: OpenCC, the project glossary, Simplified punctuation.

The conversion itself is OpenCC's, with its current dictionaries and configurations, run by
the engine in `workbench.opencc` (exact on OpenCC's published test cases). On top of it:

- `convert` writes a Simplified target's punctuation the mainland way (「」 → “”, `,` → `，`
  next to Chinese), so a suggestion taken as it is passes `workbench check`;
- `convert_with_glossary` lets the project glossary's column for the target win over
  OpenCC for a term (proper names: 於梨華 → 於梨华, not 于梨华), and says where it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from workbench.han import is_han
from workbench.opencc import converter

if TYPE_CHECKING:
    from workbench.glossary import Glossary

# OpenCC keeps corner quotes, which mainland Simplified text writes as curly quotes.
_CORNER_TO_CURLY = {"「": "“", "」": "”", "『": "‘", "』": "’"}
# Half-width marks a Chinese text writes full width (as the "width" check asks).
_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Marks a space next to a full-width mark is dropped against, as against a Han character.
_CJK_MARKS = set("，；：？！（）。、“”‘’「」『』《》〈〉【】…")
_MARK_RUN = re.compile(r"[,;:?!]+")
_MARKUP_HINT = re.compile(r"[`:|(（_&<%{$@/-]")
_CORNER = re.compile("[「」『』]")
_BRACKET = re.compile(r"[()]")
_PUNCTUATION = re.compile(r"[,;:?!()「」『』]")


def is_simplified_config(config: str) -> bool:
    """True for the configurations whose output is Simplified (t2s, tw2s, hk2s, tw2sp...)."""
    return config.endswith(("2s", "2sp"))


def to_simplified(text: str, config: str = "t2s") -> str:
    """OpenCC's conversion alone (punctuation untouched): for matching and counting."""
    return converter(config)(text)


def is_convertible(text: str, config: str = "t2s") -> bool:
    """True when the conversion changes the text, i.e. it holds characters of the other script."""
    return to_simplified(text, config) != text


def convert(text: str, config: str) -> str:
    """Convert with an OpenCC configuration ('t2s', 'tw2s', 'hk2s', 'tw2sp', 's2t', ...).

    A Simplified output gets Simplified punctuation (`simplified_punctuation`).
    """
    out = converter(config)(text)
    return simplified_punctuation(out) if is_simplified_config(config) else out


# --- punctuation --------------------------------------------------------------------------

@cache
def _markup() -> re.Pattern[str]:
    """Code and markup keep their ASCII marks: the spans the checks leave out too."""
    from workbench.checks.markup import _SPANS  # not at import: checks import this module

    return _SPANS


def _punctuation_edits(text: str) -> dict[int, str]:
    """Index → replacement ('' drops the character) making the punctuation Simplified practice.

    A mark is Chinese when it belongs to Chinese text: , ; : ? ! and ) after Chinese (spaces
    between allowed: "台北 , 台中") or touching Chinese after them ("Hello,世界"), ( before
    Chinese or touching it before. A mark set apart from Chinese by a space after Latin text
    ("E370: 无法") is the spacing convention of software catalogs and stays, and so does
    anything inside code and markup (placeholders %(n)s, accelerators (_F), URLs, tags).
    """
    edits: dict[int, str] = {}
    n = len(text)
    protected = {i for m in _markup().finditer(text) for i in range(*m.span())} \
        if _MARKUP_HINT.search(text) else set()

    def neighbour(i: int, step: int) -> int:  # the next index that is not white space
        while 0 <= i < n and text[i].isspace():
            i += step
        return i

    def han_at(i: int) -> bool:
        return 0 <= i < n and is_han(text[i])

    def chinese_at(i: int) -> bool:
        return han_at(i) or (0 <= i < n and text[i] in _CJK_MARKS)

    def drop_spaces(start: int, stop: int) -> None:  # ASCII spaces in [start, stop), not lines
        if text[start:stop].strip(" ") == "":
            for k in range(start, stop):
                edits[k] = ""

    def widen(first: int, last: int) -> None:
        """Full-width marks for text[first..last], and no spaces between them and Chinese."""
        for k in range(first, last + 1):
            edits[k] = _TO_FULL[text[k]]
        before, after = neighbour(first - 1, -1), neighbour(last + 1, 1)
        if chinese_at(before):
            drop_spaces(before + 1, first)
        if chinese_at(after):
            drop_spaces(last + 1, after)

    def closing(i: int) -> bool:  # , ; : ? ! ) at i belong to Chinese text
        return chinese_at(neighbour(i - 1, -1)) or han_at(i + 1)

    def opening(i: int) -> bool:  # ( at i opens Chinese text
        return han_at(neighbour(i + 1, 1)) or han_at(i - 1)

    for m in _CORNER.finditer(text):
        edits[m.start()] = _CORNER_TO_CURLY[m.group()]
    for m in _MARK_RUN.finditer(text):
        first, last = m.start(), m.end() - 1
        if m.group().count("?") == len(m.group()) >= 3:
            # "????" stands for characters an encoding lost (as the segmenter reads it too),
            # not for questions: left as it is
            continue
        if first in protected or not (closing(first) or han_at(last + 1)):
            continue
        # "10:30" and "1,000" keep their ASCII separator (the check exempts them too).
        while last >= first and text[last] in ":," and text[last + 1:last + 2].isdecimal():
            last -= 1
        if last >= first and not protected.intersection(range(first, last + 1)):
            widen(first, last)
    # Brackets go in pairs: one full-width side and one ASCII side would be unbalanced.
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        i = m.start()
        if i in protected:
            continue
        if m.group() == "(":
            stack.append(i)
            continue
        start = stack.pop() if stack else None
        if closing(i) or (start is not None and opening(start)):
            for k in (i,) if start is None else (start, i):
                widen(k, k)
    for i in stack:  # an opening bracket never closed
        if opening(i):
            widen(i, i)
    return edits


def _apply(text: str, edits: dict[int, str]) -> str:
    parts: list[str] = []
    pos = 0
    for i in sorted(edits):
        parts += (text[pos:i], edits[i])
        pos = i + 1
    parts.append(text[pos:])
    return "".join(parts)


def _offsets(text: str, edits: dict[int, str]) -> list[int]:
    """Where each index of `text` (and its end) lands once `edits` are applied."""
    where = []
    shift = 0
    for i in range(len(text) + 1):
        where.append(i + shift)
        if edits.get(i) == "":
            shift -= 1
    return where


def simplified_punctuation(text: str) -> str:
    """「」『』 → “”‘’, and ASCII , ; : ? ! ( ) next to Chinese characters → full width.

    Spaces between such a mark and a Chinese character go ("台北 , 台中" → "台北，台中");
    "10:30", "1,000" and marks between Latin words stay as they are.
    """
    if not _PUNCTUATION.search(text):
        return text
    return _apply(text, _punctuation_edits(text))


# --- the glossary override ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Override:
    """A span of the converted text that comes from the glossary, not from OpenCC."""

    start: int  # offsets in the converted text
    end: int
    source: str  # the term as the source text writes it
    target: str  # the glossary's form, the converted text's [start:end]
    opencc: str  # what OpenCC would have written


@dataclass(frozen=True, slots=True)
class Conversion:
    text: str
    overrides: tuple[Override, ...] = ()


def _target_lang(config: str) -> str:
    if is_simplified_config(config):
        return "zh-Hans"
    return {"s2tw": "zh-Hant-TW", "s2twp": "zh-Hant-TW", "s2hk": "zh-Hant-HK",
            "s2hkp": "zh-Hant-HK"}.get(config, "zh-Hant")


def convert_with_glossary(text: str, config: str, glossary: Glossary | None = None,
                          target_lang: str | None = None) -> Conversion:
    """`convert`, where a glossary term's own entry for the target language wins over OpenCC.

    Only an explicit entry counts (a glossary row with a zh-Hans column for 乾安縣), and
    only where it differs from OpenCC's conversion of the term; the text around the term is
    converted as before. The overrides say where in the result the glossary's forms are.
    """
    engine = converter(config)
    simplified = is_simplified_config(config)
    pieces: list[str] = []
    spans: list[tuple[int, int, str, str, str]] = []
    pos = 0
    if glossary is not None and len(glossary):
        lang = target_lang or _target_lang(config)
        for match in glossary.find(text):
            wanted = glossary.translation(match.term, lang, fallback=False)
            term = text[match.start:match.end]
            if not wanted:
                continue
            opencc = engine(term)
            if wanted == opencc:
                continue
            pieces.append(engine(text[pos:match.start]))
            start = sum(map(len, pieces))
            pieces.append(wanted)
            spans.append((start, start + len(wanted), term, wanted, opencc))
            pos = match.end
    if not spans:
        return Conversion(convert(text, config))
    pieces.append(engine(text[pos:]))
    joined = "".join(pieces)
    if simplified and _PUNCTUATION.search(joined):
        edits = _punctuation_edits(joined)
        joined, where = _apply(joined, edits), _offsets(joined, edits)
        spans = [(where[s], where[e], term, wanted, opencc)
                 for s, e, term, wanted, opencc in spans]
    return Conversion(joined, tuple(Override(*span) for span in spans))
