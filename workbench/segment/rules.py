"""Sentence-break rules as data, one ordered list per language family (SRX semantics).

Each rule says whether text may break between a `before` and an `after` pattern. At a position
where several rules match, the first one in the list decides, so exceptions come before the
break rules they refine, exactly as in an SRX file's <languagerule>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One SRX rule: `before` must end, and `after` must start, at the break position."""

    breaks: bool
    before: str
    after: str
    why: str = ""


# Characters that close a quotation or bracket and stay with the sentence they end.
CLOSERS = "”’」』）】》〉〕｝］)\\]}\"'»›"
_C = f"[{CLOSERS}]"
# Closers that can only close (not the ASCII quotes, which also open): in corpora with spaces
# between tokens (研究 。 ” ) they stay with the sentence even after a space, and in
# hard-wrapped text even after the line break a wrap put before them (好了。⏎」說完).
_SURE_CLOSERS = CLOSERS.replace('"', "").replace("'", "")
_C_SPACED = f"(?:\\s*[{_SURE_CLOSERS}])"
# Chinese sentence-final punctuation (full-width and the half-width ideographic stop).
_ZH_FINAL = "。！？｡‼⁇⁈⁉"
_ZH_ELLIPSIS = "(?:…{2,}|⋯{2,}|…|⋯)"
# Every break rule's `before` ends with one of these: the segmenter only tries positions
# right after them.
END_CHARS = _ZH_FINAL + "…⋯.!?" + CLOSERS

# Abbreviations that are followed by a name or a number, never ending a sentence.
_EN_TITLES = (
    "Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Mt|Ft|Gen|Gov|Sen|Rep|Rev|Hon|Pres|Capt|Col|Lt|Sgt|Cpl|Adm|"
    "Maj|Messrs|Mme|Mlle|No|Nos|Nr|Art|Vol|Vols|Ch|Chap|Sec|Fig|Figs|Eq|Ref|pp|p|ed|eds|"
    "vs|v|cf|viz|approx|ca|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|"
    "Bros|Dept|Univ|Assn|Ave|Blvd|Rd|est|al"
)
_EN_FINAL = "[.!?…]"
# Words that usually start a sentence: after "U.S." they mean a new one begins.
_EN_STARTERS = (
    "The|A|An|He|She|It|I|We|They|You|This|That|These|Those|There|Here|His|Her|Its|Our|Their|"
    "My|Your|But|And|So|Yet|Or|In|On|At|For|If|When|While|After|Before|Since|As|Then|Now|Some|"
    "Many|Most|All|No|One|What|Who|Why|How|Where"
)

# The start of a Latin word: no ASCII letter or digit before it. Not `\b`, which a Han
# character before it does not give (美國總統Mr. Smith: 統 and M are both word characters).
_W = "(?<![A-Za-z0-9_])"

ENGLISH: tuple[Rule, ...] = (
    Rule(False, rf"{_W}(?:e\.g|i\.e|a\.k\.a|et al|viz|cf)\.", r"\s", "e.g. i.e. cf. and the like"),
    Rule(False, rf"{_W}(?:{_EN_TITLES})\.", r"\s", "titles and abbreviations (Mr. Dr. No. Fig.)"),
    Rule(False, rf"{_W}(?:[A-Za-z]\.){{2,}}", r"\s+[a-z0-9(]",
         "U.S. or a.m. before a lowercase word"),
    Rule(False, rf"{_W}(?:[A-Za-z]\.){{2,}}", rf"\s+(?!(?:{_EN_STARTERS})\b)[A-Z]",
         "U.S. before a capitalized word that does not usually start a sentence"),
    Rule(False, r"(?:^|[\s(\"“'‘])[A-Z]\.", r"\s", "initials (J. R. R. Tolkien)"),
    Rule(False, rf"{_EN_FINAL}+{_C}*", r"\s+[a-z]", "a lowercase word never starts a sentence"),
    Rule(False, rf"{_EN_FINAL}+{_C}*", r"\s+[,;:]", "punctuation that continues the sentence"),
    Rule(True, rf"(?:{_EN_FINAL}+|[{_ZH_FINAL}]+){_C}*", r"\s", "final mark, closers, space"),
    Rule(True, rf"[{_ZH_FINAL}]+{_C}*", rf"[^{CLOSERS}\s]", "a Chinese final mark"),
)

CHINESE: tuple[Rule, ...] = (
    Rule(False, rf"(?:^|[\s「『“‘（(《〈【]){_ZH_ELLIPSIS}", "",
         "an ellipsis opening a paragraph or a quotation ends nothing (…… 他終於說話了。)"),
    Rule(
        True,
        rf"(?:[{_ZH_FINAL}]|{_ZH_ELLIPSIS})[{_ZH_FINAL}…⋯!?]*{_C}*{_C_SPACED}*",
        rf"(?!{_C_SPACED})[^{_ZH_FINAL}…⋯!?{CLOSERS}]",
        "。！？ or an ellipsis, with any run of final marks and the closing quotes after it "
        "(also after a space: 研究 。 ”)",
    ),
    Rule(
        True,
        rf"[!?]+{_C}+",
        rf"[^{CLOSERS}!?]",
        "ASCII ! or ? followed by a closing quote or bracket",
    ),
    Rule(True, r"[!?]+", r"\s", "ASCII ! or ? followed by whitespace"),
    # English sentences inside Chinese text (a quoted passage, an English paragraph) end at a
    # '.' after a word, before a space and a capital; English abbreviations are exceptions as
    # in English. Before Han text the Chinese sentence goes on (他說 "Hello." 然後走了。).
    *(r for r in ENGLISH if not r.breaks and r.after == r"\s"),
    Rule(True, rf"[A-Za-z]{{2,}}\.{_C}*", r"\s+[A-Z]",
         "'.' ending an English sentence inside Chinese text, before the next one"),
    # Otherwise ASCII '.', ',', ':' and ';' never end a Chinese sentence (47.04, 1,000, 固本強基:).
)



# Languages without rules of their own: the final marks, no abbreviation list.
GENERIC: tuple[Rule, ...] = (
    Rule(True, rf"(?:{_EN_FINAL}+|[{_ZH_FINAL}]+){_C}*", r"\s", "final mark, closers, space"),
    Rule(True, rf"[{_ZH_FINAL}]+{_C}*", rf"[^{CLOSERS}\s]", "a CJK final mark"),
)

RULES_BY_LANGUAGE: dict[str, tuple[Rule, ...]] = {
    "zh": CHINESE,
    "ja": CHINESE,
    "en": ENGLISH,
}


def rules_for(primary_language: str, exceptions: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The rule list for a primary language subtag ('zh', 'en', ...), after the project's own
    exceptions (`[tool.workbench.segment] exceptions`), which come first as in SRX."""
    rules = RULES_BY_LANGUAGE.get(primary_language, GENERIC)
    return tuple(exception_rule(e) for e in exceptions) + rules if exceptions else rules


def exception_rule(text: str) -> Rule:
    """A project exception: never break right after `text` ("Mr.", "Dr.", "No."). A leading
    letter must not follow another ASCII letter (so "Dr." does not protect "Mdr."), but may
    follow a Han character: `美國總統Mr. Smith` has no word boundary before "Mr"."""
    guard = "(?<![A-Za-z])" if text[:1].isascii() and text[:1].isalpha() else ""
    return Rule(False, guard + re.escape(text), "", f"project exception {text!r}")
