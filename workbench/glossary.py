"""The project glossary: agreed translations of recurring terms.

Stored as CSV (RFC 4180, UTF-8) with a header row of language tags and an optional `note`
column, e.g. `zh-Hant,en,zh-Hans,note`; the first column is the source language. CSV because
every spreadsheet and terminology tool (OmegaT, Weblate, translate-toolkit's csv2tbx) reads and
writes it, and a translator can fix a term in any editor.

Matching is script-insensitive: a term written in Traditional characters also matches its
Simplified form (and the reverse), so one glossary serves sources of either variant.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbench import langs
from workbench.convert import to_simplified
from workbench.errors import InputError
from workbench.textio import atomic_write_text, read_text

NOTE = "note"


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    translations: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    term: Term


def _fold(text: str) -> str:
    """The form terms are matched on: Simplified, case-folded (for Latin terms)."""
    return to_simplified(text).casefold()


@dataclass
class Glossary:
    source_lang: str = "zh-Hant"
    languages: list[str] = field(default_factory=list)  # target columns, in file order
    terms: list[Term] = field(default_factory=list)
    path: Path | None = None
    _index: dict[str, list[tuple[str, Term]]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def _built(self) -> dict[str, list[tuple[str, Term]]]:
        # Terms by their first folded character, longest first: a scan of the text then only
        # tries the few terms that can start at each position.
        if self._index is None:
            index: dict[str, list[tuple[str, Term]]] = {}
            for term in self.terms:
                key = _fold(term.source)
                if key:
                    index.setdefault(key[0], []).append((key, term))
            for candidates in index.values():
                candidates.sort(key=lambda c: -len(c[0]))
            self._index = index
        return self._index

    def find(self, text: str) -> list[Match]:
        """Terms in `text`, longest match first at each place, not overlapping.

        OpenCC's Traditional-to-Simplified conversion is character for character, so offsets
        in the folded text are offsets in `text`.
        """
        index = self._built()
        if not index:
            return []
        folded = _fold(text)
        if len(folded) != len(text):  # a conversion that changed the length: match as is
            folded = text.casefold() if len(text.casefold()) == len(text) else text
        found: list[Match] = []
        i = 0
        while i < len(folded):
            for key, term in index.get(folded[i], ()):
                if folded.startswith(key, i) and _word_edges(folded, i, i + len(key)):
                    found.append(Match(i, i + len(key), term))
                    i += len(key)
                    break
            else:
                i += 1
        return found

    def translation(self, term: Term, lang: str, fallback: bool = True) -> str | None:
        """The agreed translation of a term into `lang` (by exact tag, then by language).

        Without a column for a Simplified `lang`, the term's Simplified form, unless
        `fallback` is False (the OpenCC override wants only what the glossary says).
        """
        lang = langs.normalize(lang)
        if term.translations.get(lang):
            return term.translations[lang]
        for tag, text in term.translations.items():
            if text and langs.primary(tag) == langs.primary(lang) and (
                langs.script(tag) == langs.script(lang) or not langs.is_chinese(lang)
            ):
                return text
        if fallback and langs.is_simplified(lang):  # no column: the source term, Simplified
            return to_simplified(term.source)
        return None

    def add(self, term: Term) -> None:
        """Add a term, or replace the one with the same source."""
        for lang in term.translations:
            if lang not in self.languages:
                self.languages.append(lang)
        self.terms = [t for t in self.terms if t.source != term.source] + [term]
        self._index = None


def _word_edges(text: str, start: int, end: int) -> bool:
    """A Latin-script term must not match inside a longer word ("AI" in "MAIN")."""
    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()
    if latin(text[start]) and start > 0 and latin(text[start - 1]):
        return False
    return not (latin(text[end - 1]) and end < len(text) and latin(text[end]))


def parse_glossary(text: str, path: str | os.PathLike[str] = "<glossary>") -> Glossary:
    rows = csv.reader(io.StringIO(text))
    try:
        header = next(rows)
    except StopIteration:
        return Glossary(path=Path(path))
    except csv.Error as exc:
        raise InputError(f"not a CSV glossary: {exc}", path, 1) from None
    header = [h.strip() for h in header]
    if not header or not header[0] or header[0].lower() == NOTE:
        raise InputError("the first row must name the languages, e.g. zh-Hant,en,zh-Hans,note",
                         path, 1)
    try:
        columns = [h if h.lower() == NOTE else langs.normalize(h) for h in header]
    except Exception as exc:  # an unknown tag
        raise InputError(f"bad language tag in the header: {exc}", path, 1) from None
    glossary = Glossary(source_lang=columns[0], path=Path(path),
                        languages=[c for c in columns[1:] if c != NOTE])
    try:
        for row in rows:
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) > len(columns):
                raise InputError(f"{len(row)} fields, the header has {len(columns)}",
                                 path, rows.line_num)
            values = dict(zip(columns, (v.strip() for v in row), strict=False))
            glossary.terms.append(Term(
                source=values[columns[0]],
                translations={c: v for c, v in values.items()
                              if c not in (NOTE, columns[0]) and v},
                note=values.get(NOTE, ""),
            ))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path, rows.line_num) from None
    return glossary


def load_glossary(path: str | os.PathLike[str] | None, source_lang: str = "zh-Hant") -> Glossary:
    """The glossary at `path`; an empty one when there is no file yet."""
    if path is None or not Path(path).exists():
        return Glossary(source_lang=source_lang, path=Path(path) if path else None)
    return parse_glossary(read_text(path).text, path)


def format_glossary(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([glossary.source_lang, *glossary.languages, NOTE])
    for term in glossary.terms:
        writer.writerow([term.source, *(term.translations.get(lang, "")
                                        for lang in glossary.languages), term.note])
    return out.getvalue()


def save_glossary(glossary: Glossary, path: str | os.PathLike[str] | None = None) -> None:
    target = path or glossary.path
    if target is None:
        raise ValueError("the glossary has no path")
    atomic_write_text(target, format_glossary(glossary))
