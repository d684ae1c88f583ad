"""Concordance: every sentence of the project's catalogs and reference memories that holds a
word or phrase, in the source or in the translation, in either Chinese script.

Each catalog and memory becomes one searchable string: its units folded (Simplified, lower
case, as the editor's search folds) and joined one per line, with the offsets where each unit
starts. A search is then `str.find` over those strings (C speed: a few milliseconds for
100,000 units) and a bisect per hit. Folded corpora are cached by file mtime and size, so
the editor's concordance screen builds them once and then searches as the translator types.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import UsageError
from workbench.model import Unit
from workbench.project import Project
from workbench.textio import FileCache

DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Hit:
    """A sentence holding the term, with where it comes from."""

    source: str
    target: str
    origin: str  # the catalog or memory file, as the project writes paths
    unit_id: str  # the unit's id (catalogs) or entry number (memories)
    lang: str  # the target language
    kind: str  # "catalog" or "memory"
    state: str  # "translated", "fuzzy", "untranslated" (memories: "translated")

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "target": self.target, "origin": self.origin,
                "id": self.unit_id, "lang": self.lang, "kind": self.kind, "state": self.state}


def fold(text: str) -> str:
    """Text as the concordance compares it: Simplified characters, lower case, one line."""
    from workbench.convert import to_simplified

    text = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return (text if text.isascii() else to_simplified(text)).casefold()


@dataclass
class Corpus:
    """One file's sentences, folded into one searchable string."""

    origin: str
    lang: str
    kind: str
    records: list[tuple[str, str, str, str]] = field(default_factory=list)  # src, tgt, id, state
    haystack: str = ""
    starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, origin: str, lang: str, kind: str,
              records: list[tuple[str, str, str, str]]) -> Corpus:
        lines = [f"{s}\t{t}".replace("\n", " ").replace("\r", " ") for s, t, _, _ in records]
        folded = fold_lines(lines)
        starts, pos = [], 0
        for line in folded:
            starts.append(pos)
            pos += len(line) + 1
        return cls(origin, lang, kind, records, "\n".join(folded), starts)

    def search(self, needle: str, limit: int, untranslated: bool = False) -> Iterable[Hit]:
        """Hits for an already folded needle, in file order; untranslated units only when
        asked (they show where a term occurs, not how it was translated)."""
        found = 0
        at = self.haystack.find(needle)
        last = -1
        while at >= 0 and found < limit:
            n = bisect.bisect_right(self.starts, at) - 1
            if n != last:
                source, target, unit_id, state = self.records[n]
                last = n
                if untranslated or target:
                    yield Hit(source, target, self.origin, unit_id, self.lang, self.kind,
                              state)
                    found += 1
            # on to the next line: one hit per sentence
            nxt = self.starts[n + 1] if n + 1 < len(self.starts) else len(self.haystack)
            at = self.haystack.find(needle, max(at + 1, nxt))


def fold_lines(lines: list[str]) -> list[str]:
    """`fold` of many lines, converted in one call (much faster than one call per line)."""
    from workbench.convert import to_simplified

    joined = "\n".join(lines)
    folded = (joined if joined.isascii() else to_simplified(joined)).casefold().split("\n")
    if len(folded) != len(lines):  # a conversion that changed the line count: be certain
        folded = [fold(line) for line in lines]
    return folded


_corpora: FileCache[Corpus] = FileCache()


def catalog_corpus(path: Path, origin: str) -> Corpus:
    """The active units of a PO file (cached until it changes)."""
    def build() -> Corpus:
        from workbench.formats.po import read_po

        catalog = read_po(path)
        records = [(u.source, u.target, u.id, u.state.label) for u in catalog.units
                   if not u.obsolete]
        return Corpus.build(origin, catalog.target_lang, "catalog", records)

    return _corpora.get([path], (os.fspath(path.resolve()), "catalog"), build)


def memory_corpus(path: Path, origin: str, target_lang: str) -> Corpus:
    """The entries of a reference memory for one target (cached until it changes)."""
    def build() -> Corpus:
        from workbench.refmemory import load_entries

        records = [(e.source, e.target, str(n), "translated")
                   for n, e in enumerate(load_entries(path, target_lang))]
        return Corpus.build(origin, target_lang, "memory", records)

    return _corpora.get([path], (os.fspath(path.resolve()), f"memory:{target_lang}"), build)


def project_corpora(project: Project, targets: Sequence[str] | None = None,
                    extra_tm: Sequence[Path] = ()) -> list[Corpus]:
    """Every catalog of the project (for `targets`, default all) and its reference memories."""
    from workbench import langs
    from workbench.refmemory import reference_files

    wanted = {langs.normalize(t) for t in targets} if targets else None
    corpora = []
    for path in project.po_files():
        corpus = catalog_corpus(path, project.relative(path))
        if wanted is None or corpus.lang in wanted or not corpus.lang:
            corpora.append(corpus)
    for target in targets or project.targets:
        for path in reference_files(project.root, extra_tm):
            corpora.append(memory_corpus(path, project.relative(path), langs.normalize(target)))
    return corpora


def search(corpora: Iterable[Corpus], term: str, limit: int = DEFAULT_LIMIT,
           untranslated: bool = False) -> list[Hit]:
    """Up to `limit` sentences holding `term` in their source or translation."""
    needle = fold(term.strip())
    if not needle:
        raise UsageError("the concordance needs a word or phrase to look for")
    hits: list[Hit] = []
    for corpus in corpora:
        hits.extend(corpus.search(needle, limit - len(hits), untranslated))
        if len(hits) >= limit:
            break
    return hits


def concordance(project: Project, term: str, *, targets: Sequence[str] | None = None,
                extra_tm: Sequence[Path] = (), limit: int = DEFAULT_LIMIT,
                untranslated: bool = False, live: LiveCatalog | None = None) -> list[Hit]:
    """The project's sentences holding `term` (either script, any case): catalogs first, then
    the reference memories; untranslated units too when asked. `live`: a catalog open in the
    editor, whose unsaved units count as they are in memory, not as on disk."""
    corpora = project_corpora(project, targets, extra_tm)
    if live is None or not live.unsaved:
        return search(corpora, term, limit, untranslated)
    needle = fold(term.strip())
    hits = [h for h in search(corpora, term, limit + len(live.unsaved), untranslated)
            if not (h.origin == live.origin and h.unit_id in live.unsaved)]
    for unit in live.units:  # the few units edited since the save, as they are now
        if unit.id in live.unsaved and not unit.obsolete and (untranslated or unit.target) \
                and (needle in fold(unit.source) or needle in fold(unit.target)):
            hits.append(Hit(unit.source, unit.target, live.origin, unit.id, live.lang,
                            "catalog", unit.state.label))
    order = {c.origin: n for n, c in enumerate(corpora)}
    hits.sort(key=lambda h: (h.kind != "catalog", order.get(h.origin, len(order))))
    return hits[:limit]


@dataclass(frozen=True)
class LiveCatalog:
    """A catalog open in the editor: its units in memory and the ids edited since the save."""

    origin: str
    lang: str
    units: Sequence[Unit]
    unsaved: frozenset[str]
