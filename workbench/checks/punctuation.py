"""Quotes and brackets, sentence-final punctuation, and full- or half-width punctuation."""

from __future__ import annotations

import re

from workbench.checks.base import CheckContext, Severity, register
from workbench.model import Unit
from workbench.words import is_han

PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "［": "］", "｛": "｝", "【": "】",
         "《": "》", "〈": "〉", "「": "」", "『": "』", "“": "”", "‘": "’", "〔": "〕",
         "〖": "〗"}
_CLOSERS = {v: k for k, v in PAIRS.items()}
_TRAILING = set("”’」』）)]】》〉\"' \t\u3000")

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


def _apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters, or after a plural s, is an apostrophe, not a closing quote."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isalpha() and (after.isalpha() or before in "sS")


def unbalanced(text: str) -> list[str]:
    """Quote and bracket marks without their partner, in order of appearance."""
    stack: list[tuple[str, int]] = []
    problems = []
    straight = {'"': 0}
    for i, ch in enumerate(text):
        if ch in PAIRS and not (ch == "‘" and _apostrophe(text, i)):
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if ch == "’" and _apostrophe(text, i) and not (stack and stack[-1][0] == "‘"):
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


@register("pairs", Severity.ERROR,
          "quotes and brackets (including 《》「」) are balanced in the target")
def check_pairs(unit: Unit, ctx: CheckContext) -> list[str]:
    found = unbalanced(unit.target)
    if not found:
        return []
    # A source that is itself unbalanced (a quotation spanning sentences) excuses the target.
    if unbalanced(unit.source):
        return []
    return ["unbalanced: " + "; ".join(found)]


def final_kind(text: str) -> str | None:
    """The kind of punctuation a sentence ends with, looking through closing quotes."""
    end = len(text)
    while end and text[end - 1] in _TRAILING:
        end -= 1
    if not end:
        return None
    if text[end - 1] == "." and text[max(0, end - 3):end] == "...":
        return "ellipsis"
    return _FINAL_KIND.get(text[end - 1])


@register("final-punctuation", Severity.WARNING,
          "the target ends with the same kind of punctuation as the source (。 . ？ ? ！ ! ：)")
def check_final(unit: Unit, ctx: CheckContext) -> list[str]:
    source, target = final_kind(unit.source), final_kind(unit.target)
    if source == target or (source, target) in _COMPATIBLE:
        return []
    if source is None:
        return [f"the source has no final punctuation, the target ends with a {target}"]
    if target is None:
        return [f"the source ends with a {source}, the target has no final punctuation"]
    return [f"the source ends with a {source}, the target with a {target}"]


def _han_near(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    after = text[i + 1:].lstrip()
    return bool(before and is_han(before[-1])) or bool(after and is_han(after[0]))


@register("width", Severity.WARNING,
          "full-width punctuation in a Chinese target (，not ,), none in other targets")
def check_width(unit: Unit, ctx: CheckContext) -> list[str]:
    text = unit.target
    if ctx.target_is_chinese:
        found = sorted({ch for i, ch in enumerate(text)
                        if ch in _TO_FULL and _han_near(text, i)
                        and not (ch in ":," and re.match(r"\d", text[i + 1:i + 2] or "x"))})
        if found:
            return ["half-width punctuation in Chinese text: " + ", ".join(
                f"'{ch}' (use '{_TO_FULL[ch]}')" for ch in found)]
        return []
    found = sorted({ch for ch in text if ch in _FULL_ONLY})
    return ["full-width punctuation in a non-Chinese target: " + " ".join(found)] if found else []
