"""The writing system of the target: Han characters in an English target, Traditional-only
characters in a Simplified one, a target that repeats the source, whitespace, doubled words."""

from __future__ import annotations

import itertools
import re

from workbench import langs
from workbench.checks.base import CheckContext, Severity, register
from workbench.convert import convert, to_simplified
from workbench.model import Unit
from workbench.words import is_han, tokenize_chinese

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_DOUBLED_LATIN_RE = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)
# Function characters whose doubling is a typo (的的, 了了); content reduplication such as
# 天天 or 一個個 is grammar and is left alone.
_DOUBLED_HAN_RE = re.compile(r"([的了是在和與与及或把被對对])\1(?!(.)\2)")  # not 的的確確 (AABB)
_SPACES = " \t\n\u3000\u00a0"


@register("script", Severity.ERROR, "no Han characters left in a non-Chinese target")
def check_han(unit: Unit, ctx: CheckContext) -> list[str]:
    if ctx.target_is_chinese or not ctx.target_lang:
        return []
    found = _HAN_RE.findall(unit.target)
    return [f"Chinese left in the target: {' '.join(found)[:40]}"] if found else []


@register("traditional", Severity.ERROR,
          "no Traditional-only characters in a Simplified target (as OpenCC t2s decides)")
def check_traditional(unit: Unit, ctx: CheckContext) -> list[str]:
    if not ctx.target_is_simplified:
        return []
    converted = to_simplified(unit.target)
    if converted == unit.target:
        return []
    if len(converted) == len(unit.target):
        pairs = sorted({f"{a}→{b}" for a, b in zip(unit.target, converted, strict=True)
                        if a != b})
    else:
        pairs = [converted[:40]]
    return ["Traditional characters in a Simplified target: " + " ".join(pairs)]


@register("simplified", Severity.WARNING,
          "no Simplified-only characters in a Traditional target (as OpenCC s2t decides)")
def check_simplified(unit: Unit, ctx: CheckContext) -> list[str]:
    if not ctx.target_lang or not langs.is_traditional(ctx.target_lang):
        return []
    config = {"TW": "s2tw", "HK": "s2hk"}.get(langs.region(ctx.target_lang) or "", "s2t")
    converted = convert(unit.target, config)
    if converted == unit.target or len(converted) != len(unit.target):
        return []
    # Only characters OpenCC changes that are not Traditional themselves (後 stays, 后 in
    # 皇后 stays: phrase-level conversion knows).
    pairs = sorted({f"{a}→{b}" for a, b in zip(unit.target, converted, strict=True)
                    if a != b and to_simplified(a) == a})
    return ["Simplified characters in a Traditional target: " + " ".join(pairs)] if pairs else []


@register("identical", Severity.WARNING, "the target is not a copy of the source")
def check_identical(unit: Unit, ctx: CheckContext) -> list[str]:
    if unit.target.strip() != unit.source.strip():
        return []
    if ctx.target_is_chinese and ctx.source_is_chinese:
        return []  # nothing to convert: 2024 or a name stays as it is; "traditional" checks it
    if not any(ch.isalpha() or is_han(ch) for ch in unit.source):
        return []  # numbers, codes, URLs stay as they are
    return ["the target is identical to the source"]


@register("empty", Severity.ERROR, "a translated unit has a target that is not just whitespace")
def check_empty(unit: Unit, ctx: CheckContext) -> list[str]:
    return ["the target is empty or only whitespace"] if not unit.target.strip() else []


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip(_SPACES)
    if not stripped:
        return text, ""
    start = text.index(stripped)
    return text[:start], text[start + len(stripped):]


@register("whitespace", Severity.WARNING,
          "leading and trailing whitespace, inner line breaks and tabs as in the source")
def check_whitespace(unit: Unit, ctx: CheckContext) -> list[str]:
    if not unit.target.strip(_SPACES):
        return []
    (sl, st), (tl, tt) = _edges(unit.source), _edges(unit.target)
    out = []
    if sl != tl:
        out.append(f"leading whitespace {tl!r} differs from the source's {sl!r}")
    if st != tt:
        out.append(f"trailing whitespace {tt!r} differs from the source's {st!r}")
    # Line breaks and tabs inside are layout (a table row, a verse): they must survive.
    for mark, name in (("\n", "line breaks"), ("\t", "tabs")):
        inner_source = unit.source.strip(_SPACES).count(mark)
        inner_target = unit.target.strip(_SPACES).count(mark)
        if inner_source != inner_target:
            out.append(f"{inner_target} {name} inside the target, {inner_source} in the source")
    return out


@register("doubled", Severity.WARNING, "no doubled words (\"the the\", 的的)")
def check_doubled(unit: Unit, ctx: CheckContext) -> list[str]:
    text = unit.target
    found = [m.group(0) for m in _DOUBLED_LATIN_RE.finditer(text)]
    if ctx.target_is_chinese and _DOUBLED_HAN_RE.search(text):
        # Only two separate words: 为了了解 and 目的的手段 double a character across words.
        words = tokenize_chinese(text)
        found += [a + b for a, b in itertools.pairwise(words)
                  if a == b and _DOUBLED_HAN_RE.fullmatch(a + b)]
    return [f"doubled word: {w!r}" for w in found]
