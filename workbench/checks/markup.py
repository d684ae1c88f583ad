"""Spans of a unit that are not prose: code and markup that keep their own characters.

reST roles and literals (:func:`open`, ``code``, a final `::`), UI accelerators ((_C), (&F)),
placeholders, tags and URLs are written the same in every language: checks about punctuation,
doubled words or untranslated text look at the prose around them only.
"""

from __future__ import annotations

import re
from functools import lru_cache

# What a URL or an option's value is made of: not spaces, and not Chinese text or punctuation,
# which follows them without a space ("见 https://x.org/。", "「--empty=」動作").
_CODE_CHARS = r"[^\s\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_GUARDED = re.compile(
    # Every alternative starts with one of these characters: the lookahead rejects the other
    # positions of a long paragraph at once instead of trying every alternative there.
    r"(?=[`:|(（_&<%{$hfmw-])(?:"
    r"``.+?``"  # reST inline literal
    r"|(?::[\w.+-]+)+:`[^`]*`"  # reST role :func:`open` (and :py:func:`x`)
    r"|`[^`\n]+`_{0,2}"  # interpreted text, a reference `name`_, Markdown code
    r"|\|[\w -]+\|"  # reST substitution |version|
    r"|::(?=\s*$)"  # a literal block follows (Sphinx keeps the two colons)
    r"|[(（][_&][A-Za-z0-9][)）]"  # UI accelerator (_F) (&F)
    r"|(?<![\w&])[_&](?=[A-Za-z0-9])"  # accelerator inside a label: _File, &Open
    # URLs: one class for the three kinds (each copy of a class with the Han ranges costs a
    # millisecond to compile, at every start)
    rf"|\b(?:(?:https?|ftp|file)://|mailto:|www\.){_CODE_CHARS}+"
    r"|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # tags
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"  # entities
    r"|%(?:\d+\$|\([A-Za-z_]\w*\))?[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcsp]"
    r"|\{[\w.]*(?:![rsa])?(?::[^{}]*)?\}"  # brace placeholders
    r"|\$\{?[A-Za-z_]\w*\}?"  # shell variables
    rf"|(?<![\w-])--?[A-Za-z][\w-]*(?:={_CODE_CHARS}*)?"  # command-line options
    r")",
    re.MULTILINE)
_MAIL = re.compile(r"\b[\w.-]+@[\w-]+(?:\.[\w-]+)+")


@lru_cache(maxsize=1)
def spans_pattern() -> re.Pattern[str]:
    """Every span in one pattern, for `workbench.convert` (which keeps their marks as they
    are) and the numbers check; mask() runs the two parts apart, the mail pattern only on
    texts with an @. Compiled on first use: most runs never need it."""
    return re.compile(f"{_MAIL.pattern}|{_GUARDED.pattern}", re.MULTILINE)


def __getattr__(name: str) -> re.Pattern[str]:
    if name in ("SPANS", "_SPANS"):  # _SPANS: the name workbench.convert imports
        return spans_pattern()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_MAYBE_SPAN = re.compile(r"[`:|(（_&<%{$@/-]|www\.")


# Several checks mask the same texts, unit checks first, then catalog checks over all units:
# room for the sources and targets of a large catalog.
@lru_cache(maxsize=1 << 17)
def mask(text: str, filler: str = "x") -> str:
    """The text with every code and markup span replaced by `filler` (one per span), so
    what stays is prose and punctuation next to prose is still next to something."""
    if not _MAYBE_SPAN.search(text):
        return text
    if "@" in text:
        text = _MAIL.sub(filler, text)
    return _GUARDED.sub(filler, text)


def spans(text: str) -> list[str]:
    return spans_pattern().findall(text)


_CODE_MARKS = re.compile(
    r"^\s*(?:>>>|\.\.\. |\$ |#include|import |def |class |from [\w.]+ import|@\w+)"
    r"|[;{}]\s*$|==|!=|->|=>|^\s*\w+(?:\.\w+)*\(.*\)\s*$"
    r"|^\s*[\w.\[\]]+\s*:?=\s*\S", re.MULTILINE)  # an assignment: x = 1, (i := f())


# Every mark above holds one of these (or starts a line with a keyword): a scan for them
# clears most prose at C speed before the alternatives are tried at every position.
_MAYBE_CODE = re.compile(r"[>$#@;{}=(]|\.\.\. |^\s*(?:import|def|class|from) ", re.MULTILINE)


@lru_cache(maxsize=1 << 16)  # final-punctuation and length ask about the same sources
def looks_like_code(text: str) -> bool:
    """A code sample: prompts, definitions, imports, statement ends, operators, or a line
    that is one call (prose that mentions open() is not code)."""
    return _MAYBE_CODE.search(text) is not None and _CODE_MARKS.search(text) is not None


# Files whose text is a document: its units are paragraphs a renderer lays out again, so
# whitespace at their edges means nothing (in a program's message it joins it to others).
DOCUMENT_SUFFIXES = (".rst", ".md", ".txt", ".html", ".htm", ".xml", ".tex", ".adoc",
                     ".texi", ".pod", ".page", ".docbook", ".ipynb")


def from_documents(locations: list[tuple[str, int]]) -> bool:
    return bool(locations) and all(path.endswith(DOCUMENT_SUFFIXES) for path, _ in locations)
