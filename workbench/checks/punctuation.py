"""Quotes and brackets, sentence-final punctuation, and full- or half-width punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.checks.base import CheckContext, Severity, Targets, register, register_catalog
from workbench.checks.markup import looks_like_code, mask
from workbench.han import HAN_CLASS, is_han
from workbench.model import Unit

PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "［": "］", "｛": "｝", "【": "】",
         "《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "‘": "’", "〔": "〕",
         "〖": "〗"}
_CLOSERS = {v: k for k, v in PAIRS.items()}
_TRAILING = set("”’」』》〉\"' \t\u3000")  # closing quotes; a final bracket ends a sentence

# Sentence-final marks by kind. An ellipsis may end where a full stop would.
_FINAL_KIND = {"。": "stop", ".": "stop", "．": "stop", "｡": "stop",
               "？": "question", "?": "question", "！": "exclamation", "!": "exclamation",
               "：": "colon", ":": "colon", "；": "semicolon", ";": "semicolon",
               "…": "ellipsis", "⋯": "ellipsis", "，": "comma", ",": "comma", "、": "comma"}
_COMPATIBLE = {("ellipsis", "stop"), ("stop", "ellipsis")}

# Half-width marks that a Chinese text writes full width, and the reverse for other languages.
_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_FULL_ONLY = set("，。、；：？！「」『』《》〈〉【】（）〔〕")


# "1)", "b)", "iv)", "一）" opening a list item: a closing bracket without an opening one.
_ENUMERATOR = re.compile(r"(?:^|[\s:：;；,，。])(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4}|"
                         r"[一二三四五六七八九十]{1,3})[)）]\Z")


def _letter(ch: str) -> bool:
    """A letter of an alphabet: Han characters are letters to str.isalpha, but no
    contraction joins them (‘元类混淆’ is quoted, not "元类混淆’s")."""
    return ch.isalpha() and not is_han(ch)


def _apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters, or after a plural s, is an apostrophe, not a closing quote."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return _letter(before) and (_letter(after) or before in "sS")


_PAIR_MARK = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values()) + '"') + "]")


def unbalanced(text: str) -> list[str]:
    """Quote and bracket marks without their partner, in order of appearance."""
    stack: list[tuple[str, int]] = []
    problems = []
    straight = {'"': 0}
    # ‘ between letters reads as a (reversed) apostrophe, but one that a later ’ needs is
    # its opening quote after all (F‘F’)
    ambiguous_openings = 0
    for m in _PAIR_MARK.finditer(text):  # the marks only, not every character of a paragraph
        i, ch = m.start(), m.group()
        if ch == "‘" and _apostrophe(text, i):
            ambiguous_openings += 1
        elif ch in PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if ch == "’" and _apostrophe(text, i) and not (stack and stack[-1][0] == "‘"):
                continue
            if ch == "’" and ambiguous_openings and not (stack and stack[-1][0] == "‘"):
                ambiguous_openings -= 1
                continue
            if ch in ")）" and _ENUMERATOR.search(text, 0, i + 1) and \
                    not (stack and stack[-1][0] == _CLOSERS[ch]):
                continue  # a list marker: 1) 2) a) 一）
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            else:
                problems.append(f"'{ch}' without its opening '{_CLOSERS[ch]}'")
        elif ch in straight:
            straight[ch] += 1
    problems += [f"'{ch}' without its closing '{PAIRS[ch]}'" for ch, _ in stack]
    if straight['"'] % 2:
        problems.append("an odd number of '\"'")
    return problems


_QUOTES = frozenset("\"'“”‘’「」『』«»")


def _splits_gnu_quote(text: str) -> bool:
    """A GNU-style `quote' the text opens and another message closes (bash's "matching
    keyword `"), or closes after another opened it ("'\\n\\n"): an odd number of backquotes,
    the last with no quote after it, or an odd number of straight quotes, the text starting
    with one."""
    ticks = text.count("`")
    if ticks % 2 and "'" not in text[text.rfind("`"):]:
        return True
    # closing one: the text starts with the quote ("don't" alone is an apostrophe)
    return text.lstrip()[:1] == "'" and text.count("'") % 2 == 1


@register("pairs", Severity.ERROR)
def check_pairs(unit: Unit, ctx: CheckContext) -> list[str]:
    """Quotes and brackets of the target are balanced, 《》「」（） included.

    A mixed pair such as `（…)` is a finding. An apostrophe between Latin letters (don’t)
    and a list marker (`1)`, `一）`) are not quotes or brackets; a source that is itself
    unbalanced (a quotation spanning sentences) excuses the target.
    """
    found = unbalanced(unit.target)
    if not found:
        return []
    # A source that is itself unbalanced (a quotation spanning sentences) excuses the target.
    if unbalanced(unit.source):
        return []
    if _splits_gnu_quote(unit.source):  # excuses the target's quotes, not its brackets
        found = [p for p in found if not (p.startswith("an odd number") or p[1] in _QUOTES)]
        if not found:
            return []
    return ["unbalanced: " + "; ".join(found)]


def final_kind(text: str, tokens: bool = False) -> str | None:
    """The kind of punctuation a sentence ends with, looking through closing quotes.

    A mark that follows a space or a quote, or another such mark, is a token the text talks
    about ("add ! to override", "after '?'", "lines starting with ???"), not punctuation;
    `tokens` counts it all the same."""
    end = len(text)
    while end and text[end - 1] in _TRAILING:
        end -= 1
    if not end:
        return None
    kind: str | None
    if text[end - 1] == "." and text[max(0, end - 3):end] == "...":
        kind, start = "ellipsis", end - 3
    elif text[max(0, end - 2):end] == "::":  # reST: a colon, then a literal block
        return "colon"
    else:
        kind, start = _FINAL_KIND.get(text[end - 1]), end - 1
    if kind is None:
        return None
    before = text[start - 1] if start else ""
    after = text[end:end + 1]
    if not tokens and text[start].isascii() and (not before or before.isspace()
                                  or (before in "'\"" and after == before)
                                  or (before in _FINAL_KIND and before not in "。.．")):
        return None  # "add ! to override", "after '?'", "starting with ???"
    return kind


_CLOSING_BRACKETS = ")）]］】"


def _inner_kind(text: str) -> str | None:
    """The mark inside a closing bracket that ends the text, a sentence in brackets
    ("(Contributed by X.)", "（由 X 贡献。）", "(… compiled!)."): its kind, or None."""
    text = text.rstrip("".join(_TRAILING))
    if text[-1:] in _FINAL_KIND:
        text = text[:-1]
    if len(text) > 1 and text[-1] in _CLOSING_BRACKETS:
        return _FINAL_KIND.get(text[-2])
    return None


def _agree(source: str | None, target: str | None) -> bool:
    return source == target or (source, target) in _COMPATIBLE


@register("final-punctuation", Severity.WARNING)
def check_final(unit: Unit, ctx: CheckContext) -> list[str]:
    """The target ends with the same kind of punctuation as the source.

    Kinds, not characters: 。 and . are both a full stop, ？ and ? a question, … and ... an
    ellipsis (which may stand for a full stop), reST's final :: a colon (set apart by a
    space, reST drops it, and the mark before it may end the target too); closing quotes are
    looked through, and a sentence in brackets may keep its mark inside them on either side
    ("(Contributed by X.)" and "（由 X 贡献。）"). A mark after a space or a quote is a
    token the text talks about ("add ! to override"), and code samples are not prose:
    neither is looked at.
    """
    if looks_like_code(unit.source):
        return []
    source, target = final_kind(unit.source), final_kind(unit.target)
    if _agree(source, target):
        return []
    stripped = unit.source.rstrip()
    if stripped.endswith(" ::") and _agree(final_kind(stripped[:-2].rstrip()), target):
        return []  # reST drops a "::" set apart by a space: "as follows. ::" ends with a stop
    # A sentence in brackets may keep its mark inside them on one side only: (… X.) / （… X。）
    inner_source, inner_target = _inner_kind(unit.source), _inner_kind(unit.target)
    if (inner_source and _agree(inner_source, target)) or (
            inner_target and _agree(source, inner_target)) or (
            inner_source and inner_source == inner_target):
        return []
    if final_kind(unit.source, tokens=True) == target or \
            source == final_kind(unit.target, tokens=True):
        return []  # "FOUND WITH %s !" ends with an exclamation after all
    if source is None:
        return [f"the source has no final punctuation, the target ends with a {target}"]
    if target is None:
        return [f"the source ends with a {source}, the target has no final punctuation"]
    return [f"the source ends with a {source}, the target with a {target}"]


def _attached_to_han(text: str, i: int) -> bool:
    """The mark touches the Han text it belongs to: , ; : ? ! ) the text before them, ( the
    text after it. Set apart by a space ("E370: 无法", "已存在 (请加 !)") it is the
    spacing convention of software catalogs around Latin text, not a Chinese sentence's mark.
    """
    ch = text[i]
    if ch == "(":
        return i + 1 < len(text) and is_han(text[i + 1])
    return i > 0 and is_han(text[i - 1])


# A catalog's own convention: a half-width mark after Han text that the catalog writes at
# least twice as often as the full-width one (vim's zh_TW "名稱錯誤: %s") is its style, not
# a slip; below MIN_USES uses there is no convention to speak of.
CONVENTION = 2.0
MIN_USES = 10


def _half_width_marks(target: str, source: str) -> set[str]:
    """The half-width marks of a Chinese target that touch Han text, outside markup and
    outside the source's own syntax (a list "a,b,c" written without spaces is data)."""
    text = mask(target)
    marks = {ch for i, ch in enumerate(text)
             if ch in _TO_FULL and _attached_to_han(text, i)
             and not (ch in ":," and re.match(r"\d", text[i + 1:i + 2] or "x"))}
    if marks:
        source = mask(source)
        marks = {ch for ch in marks if not _between_tokens(source, ch)}
    return marks


def _between_tokens(text: str, ch: str) -> bool:
    """Does the text write `ch` between two tokens without spaces ("a,b,c", "from:to"): its
    neighbours neither spaces, nor `ch`, nor Han characters?"""
    i = text.find(ch, 1)
    while 0 < i < len(text) - 1:
        before, after = text[i - 1], text[i + 1]
        if not (before.isspace() or after.isspace() or ch in (before, after)
                or is_han(before) or is_han(after)):
            return True
        i = text.find(ch, i + 1)
    return False


@register_catalog("width", Severity.WARNING, Targets.KNOWN,
                  applies_to="prose: reST roles and literals, a final `::`, accelerators (_F) "
                  "(&F), placeholders, tags and URLs are left out")
def check_width(units: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, str]]:
    """Full-width punctuation in a Chinese target (，not ,), none in other targets.

    In a Chinese target a half-width , ; : ? ! ( ) touching the Han text it belongs to is a
    finding ("文件,然后", "参数:", "(请"); set apart by a space it is the spacing convention of
    software catalogs, a colon or comma between digits is a number, and a mark the source
    writes without spaces around it ("a,b,c") is data. Code and markup keep their half-width
    characters by convention: reST roles and inline literals, a final `::`, UI accelerators
    such as (_F) and (&F), placeholders, tags and URLs are not looked at. A catalog that
    writes a mark half width after Han text at least twice as often as full width (and ten
    times or more) has made it its convention: that mark is not reported. In another target,
    full-width Chinese punctuation in prose is a finding.
    """
    if not ctx.target_is_chinese:
        for unit in units:
            found = sorted({ch for ch in mask(unit.target) if ch in _FULL_ONLY})
            if found:
                yield unit, "full-width punctuation in a non-Chinese target: " + " ".join(found)
        return
    found_by_unit = [(unit, _half_width_marks(unit.target, unit.source)) for unit in units
                     if any(ch in unit.target for ch in _TO_FULL)]
    half: dict[str, int] = {}
    for _, marks in found_by_unit:
        for ch in marks:
            half[ch] = half.get(ch, 0) + 1
    full = dict.fromkeys(half, 0)  # units that write the mark full width against Han text
    if half:
        for u in units:
            for ch in {_TO_HALF[m] for m in _FULL_AFTER_HAN.findall(u.target)} & half.keys():
                full[ch] += 1
    convention = {ch for ch, n in half.items()
                  if n >= MIN_USES and n >= CONVENTION * full[ch]}
    for unit, marks in found_by_unit:
        shown = sorted(marks - convention)
        if shown:
            yield unit, "half-width punctuation in Chinese text: " + ", ".join(
                f"'{ch}' (use '{_TO_FULL[ch]}')" for ch in shown)


# A full-width mark where the half-width one would be a finding: after Han text, or （ before
# it. One pattern for all the marks: each copy of the Han class costs a millisecond to compile.
_FULL_AFTER_HAN = re.compile(f"(?<=[{HAN_CLASS}])[，；：？！）]|（(?=[{HAN_CLASS}])")
_TO_HALF = {full: half for half, full in _TO_FULL.items()}
