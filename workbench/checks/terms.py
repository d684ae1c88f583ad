"""Glossary: a term of the source whose agreed translation is missing from the target."""

from __future__ import annotations

import re
from functools import lru_cache

from workbench import langs
from workbench.checks.base import CheckContext, Severity, Targets, register
from workbench.model import Unit

ALTERNATIVES = re.compile(r"\s*[|;]\s*")  # "village committee|village committees"


def _fold(text: str, chinese: bool) -> str:
    text = text.casefold().replace("’", "'")
    if not chinese:
        return re.sub(r"\s+", " ", text)
    from workbench.convert import to_simplified  # OpenCC's converter: only with a glossary

    return to_simplified(text)


@lru_cache(maxsize=4096)  # built once per term, not once per unit it is found in
def _inflected(option: str) -> re.Pattern[str]:
    """An English term with room for inflection: secretary matches secretaries, committee
    committees, develop developed (the last letter may change, three more may follow)."""
    parts = []
    for word in option.split():
        stem = re.escape(word[:-1]) + r"\w{0,4}" if len(word) > 3 and word[-1].isalpha() \
            else re.escape(word)
        parts.append(stem)
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts))


@register("glossary", Severity.WARNING, Targets.KNOWN,
          applies_to="every translated unit, when the project has a glossary")
def check_glossary(unit: Unit, ctx: CheckContext) -> list[str]:
    """Each glossary term of the source has its agreed translation in the target.

    The project's glossary gives the agreed translations (alternatives separated by | or ;).
    A Chinese target is compared in Simplified characters, so either script matches; an
    English one allows inflection (committee, committees).
    """
    glossary = ctx.glossary
    if glossary is None or not len(glossary):
        return []
    matches = glossary.find(unit.source)
    if not matches:
        return []  # most units: the target need not be folded (OpenCC's conversion)
    chinese = langs.is_chinese(ctx.target_lang)
    target = _fold(unit.target, chinese)
    out = []
    for match in matches:
        agreed = glossary.translation(match.term, ctx.target_lang)
        if not agreed:
            continue
        options = [o for o in ALTERNATIVES.split(agreed) if o]
        if chinese:
            found = any(_fold(o, True) in target for o in options)
        else:
            found = any(_inflected(_fold(o, False)).search(target) for o in options)
        if not found:
            out.append(f"{match.term.source} → {agreed!r} not in the target")
    return out
