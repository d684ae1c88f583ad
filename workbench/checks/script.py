"""The writing system of the target: Han characters in an English target, Traditional-only
characters in a Simplified one, a target that repeats the source, whitespace, doubled words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import cast

from workbench.checks.base import CheckContext, Severity, Targets, register
from workbench.checks.hanzi import catalog_usage, foreign_characters
from workbench.checks.markup import from_documents, looks_like_code, mask
from workbench.han import HAN_RUN_RE, is_han
from workbench.model import Unit

_DOUBLED_LATIN_RE = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)
# Without the word boundaries, which a filler "x" next to a word would break: every match of
# the above in the text masked with a non-letter is a match of this one in the shared mask.
_MAYBE_DOUBLED_LATIN_RE = re.compile(r"([^\W\d_]+)\s+\1", re.IGNORECASE)
# Function characters whose doubling is a typo (的的, 了了); content reduplication such as
# 天天 or 一個個 is grammar and is left alone.
_DOUBLED_HAN_RE = re.compile(r"([的了是在和與与及或把被對对])\1(?!(.)\2)")  # not 的的確確 (AABB)
_SPACES = " \t\n\u3000\u00a0"
_WIDE_MARKS = set("，。、；：？！（）「」『』《》〈〉【】“”‘’…")


@register("script", Severity.ERROR, Targets.NOT_CHINESE)
def check_han(unit: Unit, ctx: CheckContext) -> list[str]:
    """No Han characters are left in a non-Chinese target.

    A Chinese word left in an English target is an untranslated piece.
    """
    found = HAN_RUN_RE.findall(unit.target)
    return [f"Chinese left in the target: {' '.join(found)[:40]}"] if found else []


def _usage(ctx: CheckContext) -> Callable[[str, str], bool] | None:
    """The catalog's usage of phrases both scripts write (hanzi.catalog_usage), once per
    catalog; None for a lone unit."""
    if not ctx.units:
        return None
    usage = ctx.memo.get("script-usage")
    if usage is None:
        usage = ctx.memo["script-usage"] = catalog_usage([u.target for u in ctx.units])
    return cast("Callable[[str, str], bool]", usage)


@register("traditional", Severity.ERROR, Targets.SIMPLIFIED)
def check_traditional(unit: Unit, ctx: CheckContext) -> list[str]:
    """No Traditional-only characters in a Simplified target.

    Which characters are Traditional only comes from OpenCC's dictionaries (黨, 內, 務); a
    character Simplified text writes too (覆, 乾, 干) is evidence only inside a phrase that
    OpenCC's table writes otherwise and that is a word there (no word of jieba's dictionary
    crosses its edge), and that the catalog does not write so by convention (in 3 units or
    more, and at least twice as often as OpenCC's form).
    """
    if unit.target.isascii():
        return []
    pairs = foreign_characters(unit.target, "Hans", _usage(ctx))
    if not pairs:
        return []
    return ["Traditional characters in a Simplified target: " + " ".join(
        f"{a}→{b}" for a, b in pairs)]


@register("simplified", Severity.WARNING, Targets.TRADITIONAL)
def check_simplified(unit: Unit, ctx: CheckContext) -> list[str]:
    """No Simplified-only characters in a Traditional target.

    Which characters are Simplified only comes from OpenCC's dictionaries: a character that
    Traditional text writes too (台, 了, 占, 后, 面) is evidence only inside a phrase that
    OpenCC's table writes otherwise (以后 → 以後) and that is a word there: no word of jieba's
    dictionary crosses its edge (裡面包含 is not 面包). A catalog that writes such a phrase
    in 3 units or more, and at least twice as often as OpenCC's form, has made it its
    convention (占位符 for 佔位符 in Taiwan, 厘米 for 釐米 in Hong Kong): not reported.
    """
    if unit.target.isascii():
        return []
    pairs = foreign_characters(unit.target, "Hant", _usage(ctx))
    if not pairs:
        return []
    return ["Simplified characters in a Traditional target: " + " ".join(
        f"{a}→{b}" for a, b in pairs)]


# A word of prose: two letters or more, not all capitals (NOT, OK, GNU, UTF-8 are names and
# operators), not part of an identifier, a path or a call.
_PROSE_WORD = re.compile(r"(?<![\w./\\$%=-])[A-Za-z]?[a-z]{2,}(?![\w./\\(=\[-])")


# Usage notation: an optional group in brackets or a <metavariable>.
_SYNTAX_NOTATION = re.compile(r"\[[^\]\n]*\]|<[a-z][\w-]*>")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z]")
_NUMBER_WITH_UNIT = re.compile(r"\d[\d.,]*\s?[A-Za-z]{1,3}\b")
# An assignment or comparison (x = 1, done, pending = f(), a == b), or operands joined by
# an operator (start+step, obj) + offset, print >> f): code. Not * or %, which prose and
# reST write (*x* is false, 50% of).
_EXPRESSION = re.compile(r"[\w)\]*]\s*[-+*/%&|^<>!:=]?=\s*\S|[\w)]\s*(?:<<|>>|//|\+)\s*[\w(]")
# A name with initials, alone or heading a citation: A.M. Kuchling (...), M. Matsumoto and ...
_NAME = re.compile(r"^\W*(?:[A-Z]\.\s?)+[A-Z][a-z]+(?:\s*$|\s*[,(]|\s+and\s)")
# Fields joined by commas without a space (a CSV record: "Costs",150,3.95,"..."); prose puts
# a space after its commas, and 1,234 is a number.
_JOINED_FIELDS = re.compile(r",(?=[^\s\d])|(?<=\D),(?=\d)")
# A log record: an ISO date first, or logging's LEVEL:logger: prefix.
_LOG_RECORD = re.compile(r"^\s*(?:\d{4}-\d\d-\d\d\b|[A-Z]+:[\w.]+:\S)")
# English words that make a phrase of a few lower-case words prose (an option's help, "show
# all branches", "be more verbose") rather than a command or a type ("git refs list").
_FUNCTION_WORD_TEXT = """
a an the this that these those all any each every some no not only own other such same
of to in on at by for from with without into onto over under about after before between
through during until up down out off than then as if when while where how what which who
and or but nor so be is are was were been being am do does did done has have had can could
may might must shall should will would it its they them their there here more most less
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())
_SENTENCE_END = re.compile(r"[.!?:;。！？：；]\W*$")


@register("identical", Severity.WARNING)
def check_identical(unit: Unit, ctx: CheckContext) -> list[str]:
    """The target is not a copy of the source.

    Numbers (with their units), single letters, codes, terms and commands of one or two
    words (`decimal`, `signed char`, `pkg install`), commands and types of up to four words
    in lower case with no function word and no sentence's final mark (`git refs list`,
    `unsigned long long`; not `show all branches`), lists of single names (`stream,
    descriptions, verbosity`), names in capitals (`Brett Cannon`, `NOT`, mostly capitalised:
    `Guido van Rossum`) or with initials (`A.M. Kuchling`, a citation `M. Matsumoto and T.
    Nishimura, ...`), code samples (in a document, any unit of several lines: its paragraphs
    are one line), expressions and assignments (`x + offset`, `done, pending = f()`), log
    records (`WARNING:root:...`, a line that starts with a date), data records (fields joined
    by commas without spaces), usage and command lines, markup and placeholders may stay as
    they are: only a source of three words or more, mostly prose, counts.
    Between two Chinese scripts nothing is checked here ("traditional" is).
    """
    if unit.target.strip() != unit.source.strip():
        return []
    if ctx.target_is_chinese and ctx.source_is_chinese:
        return []  # nothing to convert: 2024 or a name stays as it is; "traditional" checks it
    prose = _NUMBER_WITH_UNIT.sub(" ", mask(unit.source))
    if any(is_han(ch) for ch in prose):
        return ["the target is identical to the source"]
    words = _PROSE_WORD.findall(prose)
    if not words or looks_like_code(prose):
        return []
    if len(words) < 3 or 3 * sum(w[0].isupper() for w in words) >= 2 * len(words):
        return []  # a term, a command, a name: decimal, pip install, Guido van Rossum
    if len(words) <= 4 and not any(ch.isupper() for ch in prose) \
            and not _SENTENCE_END.search(prose) and _FUNCTION_WORDS.isdisjoint(words):
        return []  # a command or a type: git refs list, unsigned long long (not: be verbose)
    items = prose.strip().strip("().").split(",")
    if len(items) > 1 and all(i.strip() and len(i.split()) == 1 for i in items):
        return []  # a list of names or values: stream, descriptions, verbosity
    if _EXPRESSION.search(prose) or _NAME.search(prose) or _LOG_RECORD.search(unit.source) \
            or len(_JOINED_FIELDS.findall(prose)) > 1:
        return []  # code, a name or citation, a program's log output, a data record
    if "\n" in unit.source.strip() and from_documents(unit.locations):
        return []  # a document's paragraphs are one line: this is a code block or its output
    if _SYNTAX_NOTATION.search(unit.source):
        return []  # a usage line: git add [<options>] [--] <pathspec>
    if _OPTION.search(unit.source) and not unit.source.rstrip().endswith((".", "!", "?")):
        return []  # a command line: python -m pip install SomePackage
    if not any(ch.isspace() for ch in prose.strip()):
        return []  # words joined without spaces are data: from:to, blob|tree, kt,kn,knots
    visible = sum(1 for ch in prose if not ch.isspace())
    if 2 * sum(map(len, words)) < visible:
        return []  # mostly syntax: a usage line, an expression, a list of codes
    return ["the target is identical to the source"]


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _same_columns(source: str, target: str) -> bool:
    """Padding to a column: the target's spaces make up for its wide characters, so each
    line takes as many terminal columns as the source's ("for two modes      " and
    "兩種模式           ")."""
    if source.strip(" ") == source or target.strip(" ") == target:
        return False
    lines = source.split("\n"), target.split("\n")
    return len(lines[0]) == len(lines[1]) and all(
        _columns(a) == _columns(b) for a, b in zip(*lines, strict=True))


def _edges(text: str) -> tuple[str, str]:
    head = text.lstrip(_SPACES)
    if not head:
        return text, ""
    body = head.rstrip(_SPACES)
    return text[:len(text) - len(head)], head[len(body):]


# Line breaks that are layout: a blank line (a new paragraph) and a line that starts indented
# (a command to type, a table row). A single break between prose lines is a soft wrap, which a
# translation re-wraps at its own width.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A comment line of a code sample (# …, // …, /* …) is prose a translation re-wraps: its
# lines are not counted.
_INDENTED_LINE = re.compile(r"(?<=\n)[ \t]+(?=\S)(?!#|//|/\*|\*/|\*\s)")


@register("whitespace", Severity.WARNING)
def check_whitespace(unit: Unit, ctx: CheckContext) -> list[str]:
    """Leading and trailing whitespace, blank lines, indented lines and tabs as in the source.

    Leading and trailing whitespace joins a message to what a program prints around it (a
    unit whose references are all documents, .rst .md .html ..., is a paragraph laid out
    again, spaces that pad wide characters to the source's columns keep the layout, and a
    full-width mark at the edge carries its own space, as in "error: " → "错误：": none of
    these is reported). Blank lines (paragraphs), lines that start indented
    (commands, table rows, code) and tabs are layout and must survive; a single line break
    inside prose is a soft wrap, re-wrapped freely, and so are the comment lines of code
    (# …, // …, /* …), which a translation re-wraps as prose.
    """
    out = []
    (sl, st), (tl, tt) = _edges(unit.source), _edges(unit.target)
    if (sl != tl or st != tt) and not from_documents(unit.locations) \
            and not _same_columns(unit.source, unit.target):
        # A full-width mark carries its own space: "error: " may be 错误：, " (x)" （x）
        if sl != tl and not (sl and not tl and unit.target[:1] in _WIDE_MARKS):
            out.append(f"leading whitespace {tl!r} differs from the source's {sl!r}")
        if st != tt and not (st and not tt and unit.target[-1:] in _WIDE_MARKS):
            out.append(f"trailing whitespace {tt!r} differs from the source's {st!r}")
    if "\n" in unit.source or "\n" in unit.target or "\t" in unit.source or "\t" in unit.target:
        source, target = unit.source.strip(_SPACES), unit.target.strip(_SPACES)
        for pattern, name in ((_BLANK_LINE, "blank lines"), (_INDENTED_LINE, "indented lines"),
                              (re.compile("\t"), "tabs")):
            inner_source = len(pattern.findall(source))
            inner_target = len(pattern.findall(target))
            if inner_source != inner_target:
                out.append(f"{inner_target} {name} inside the target, {inner_source} in the "
                           "source")
    return out


@register("doubled", Severity.WARNING)
def check_doubled(unit: Unit, ctx: CheckContext) -> list[str]:
    """No doubled words ("the the", 的的).

    In a Chinese target, a doubled function character (的的, 了了, 是是) counts unless one of
    the two makes a word of jieba's dictionary with its neighbour (为了了解, 目的的手段,
    对对象, 但是是 are not doubled). A doubling already in the
    source (`foo FOO`, code) is not the translator's, and code and markup are not looked at.
    """
    # First the mask the other checks share (cached); a match there is looked at again with a
    # filler that is no letter, as a masked span is no word: "%s %s" is no "x x".
    text = mask(unit.target)
    latin = _MAYBE_DOUBLED_LATIN_RE.search(text) is not None
    han = ctx.target_is_chinese and _DOUBLED_HAN_RE.search(text) is not None
    if not (latin or han):
        return []
    text = mask(unit.target, "\ufffc")
    found = []
    if latin:
        source = unit.source.casefold()
        found = [m.group(0) for m in _DOUBLED_LATIN_RE.finditer(text)
                 if not _doubled_in(m.group(1).casefold(), source)]
    if han:
        found += [m.group(0) for m in _DOUBLED_HAN_RE.finditer(text)
                  if not _joins_a_neighbour(text, m.start())]
    return [f"doubled word: {w!r}" for w in dict.fromkeys(found)] if found else []


def _joins_a_neighbour(text: str, i: int) -> bool:
    """Does text[i] (the first of a doubled character) end a word of jieba's dictionary with
    text[i - 1], or the second start one with text[i + 2]?"""
    from workbench.checks.lexicon import simplified_word

    return any(len(p) == 2 and simplified_word(p)
               for p in (text[max(0, i - 1):i + 1], text[i + 1:i + 3]))


def _doubled_in(word: str, source: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\s+{re.escape(word)}\b", source) is not None
