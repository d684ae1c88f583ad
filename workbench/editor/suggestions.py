"""What the suggestion panel offers for a unit, computed off the UI thread (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench import langs
from workbench.convert import convert_with_glossary
from workbench.editor.memory import TranslationMemory
from workbench.textdiff import Piece

if TYPE_CHECKING:
    from workbench.glossary import Glossary
    from workbench.refmemory import ReferenceMemory


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Something the translator can insert into the target."""

    kind: str  # "opencc", "tm", "ref" (a reference memory) or "glossary"
    text: str  # what gets inserted
    label: str  # what it is, for the panel ("OpenCC tw2s", "TM 87%", "glossary")
    detail: str = ""  # the matched source (TM) or the source term and note (glossary)
    diff: tuple[Piece, ...] = ()  # a reference match: from its source to the sentence


def opencc_config(source_lang: str, target_lang: str) -> str | None:
    try:
        return langs.opencc_config(source_lang, target_lang)
    except Exception:  # an odd tag in a foreign catalog: no conversion, not a crash
        return None


def suggestions_for(source: str, source_lang: str, target_lang: str,
                    memory: TranslationMemory | None, glossary: Glossary | None,
                    exclude: tuple[str, str] | None = None,
                    references: ReferenceMemory | None = None) -> list[Suggestion]:
    """OpenCC conversion (Simplified targets), memory matches, reference memory matches
    (tm/ and --tm, each with the diff of its source), then glossary terms."""
    found: list[Suggestion] = []
    config = opencc_config(source_lang, target_lang)
    if config is not None:
        draft = convert_with_glossary(source, config, glossary, target_lang)
        used = ", ".join(dict.fromkeys(o.target for o in draft.overrides))
        found.append(Suggestion("opencc", draft.text, f"OpenCC {config}",
                                f"glossary: {used}" if used else ""))
    if memory is not None:
        for match in memory.lookup(source, limit=5, exclude=exclude):
            origin = match.origin.rsplit("/", 1)[-1]  # the file name: the label is one line
            found.append(Suggestion("tm", match.target, f"TM {match.percent}% · {origin}",
                                    match.source))
    if references is not None:
        for ref in references.lookup(source, limit=5):
            origin = ref.origin.rsplit("/", 1)[-1]
            found.append(Suggestion("ref", ref.target, f"Ref {ref.percent}% · {origin}",
                                    ref.source, ref.diff if ref.percent < 100 else ()))
    if glossary is not None:
        seen: set[tuple[str, str]] = set()
        for found_term in glossary.find(source):
            term = found_term.term
            translation = glossary.translation(term, target_lang) if target_lang else None
            if not translation or (term.source, translation) in seen:
                continue
            seen.add((term.source, translation))
            detail = term.source + (f" — {term.note}" if term.note else "")
            found.append(Suggestion("glossary", translation, "glossary", detail))
    return found
