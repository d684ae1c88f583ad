"""Reference memories: TMX, PO and XLIFF files in the project's `tm/` folder (or named with
`--tm FILE`), searched for suggestions and exact matches without ever touching a catalog, as
OmegaT's `tm/` folder and Poedit's memory are.

Loading is a plain function (the editor runs it in a worker for large files) with a cache
keyed by each file's path, mtime and size, so a 100,000-entry TMX is parsed once per change.
Chinese sources are matched script-insensitively: the index holds each source folded to
Simplified and lower case (as the editor's search folds), so a zh-Hans memory serves a
zh-Hant project. A match carries the character diff between its source and the sentence.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench import langs
from workbench.editor.memory import MIN_SCORE, TranslationMemory
from workbench.errors import InputError
from workbench.model import State
from workbench.project import Project
from workbench.textdiff import Piece, char_diff
from workbench.textio import FileCache

FOLDER = "tm"
SUFFIXES = (".tmx", ".po", ".xlf", ".xliff")


@dataclass(frozen=True, slots=True)
class Entry:
    """One translated sentence of a reference file."""

    source: str
    target: str


@dataclass(frozen=True, slots=True)
class ReferenceMatch:
    """A reference entry similar to the sentence looked up."""

    source: str
    target: str
    score: float
    origin: str  # the file, as the project writes paths
    diff: tuple[Piece, ...]  # from the entry's source to the sentence looked up

    @property
    def percent(self) -> int:
        return 100 if self.score >= 1.0 else min(99, int(self.score * 100))


def reference_files(root: Path, extra: Sequence[Path] = ()) -> list[Path]:
    """The project's `tm/` files (any depth, sorted) and the files named on the command line."""
    folder = root / FOLDER
    found = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not p.name.startswith(".")) if folder.is_dir() else []
    for path in extra:
        if not path.is_file():
            raise InputError("no such translation memory", path)
        if path not in found:
            found.append(path)
    return found



_entries: FileCache[tuple[Entry, ...]] = FileCache()


def load_entries(path: Path, target_lang: str, source_lang: str = "") -> tuple[Entry, ...]:
    """The translated entries of one reference file for `target_lang` (none when the file is
    for another language); cached until the file's mtime or size changes. `source_lang`: the
    project's, for a TMX that names none (srclang="*all*")."""
    from workbench.formats import read_exchange

    def build() -> tuple[Entry, ...]:
        exchange = read_exchange(path, target_lang, source_lang)
        catalog = exchange.catalog
        if not langs.fits(catalog.target_lang, target_lang):
            return ()
        return tuple(Entry(u.source, u.target) for u in catalog.units
                     if not u.obsolete and u.target and u.source
                     and (u.state is State.TRANSLATED or exchange.format == "tmx"))

    return _entries.get([path], (os.fspath(path.resolve()), target_lang, source_lang), build)


class ReferenceMemory:
    """The entries of several reference files, searchable by similarity and by exact source."""

    def __init__(self, source_lang: str = "zh-Hant") -> None:
        self._fold_chinese = _is_chinese(source_lang)
        self._memory = TranslationMemory()
        self._entries: list[list[Entry]] = []
        self._origins: list[str] = []
        self._exact: dict[str, tuple[str, str]] = {}  # folded source -> (target, origin)

    def fold(self, text: str) -> str:
        """A sentence as the index holds it: Simplified, lower case (for Chinese sources)."""
        if self._fold_chinese and not text.isascii():
            from workbench.convert import to_simplified

            return to_simplified(text).casefold()
        return text.casefold()

    def __len__(self) -> int:
        return sum(len(e) for e in self._entries)

    @property
    def origins(self) -> list[str]:
        return list(self._origins)

    def entries(self) -> Iterable[tuple[Entry, str]]:
        """Every entry with the file it comes from."""
        for entries, origin in zip(self._entries, self._origins, strict=True):
            for entry in entries:
                yield entry, origin

    def add_entries(self, entries: Sequence[Entry], origin: str) -> None:
        index = len(self._origins)
        self._origins.append(origin)
        self._entries.append(list(entries))
        sources = [e.source for e in entries]
        if self._fold_chinese:  # one conversion of the whole file is much faster than many
            from workbench.convert import to_simplified

            joined = to_simplified("\n".join(s.replace("\n", " ") for s in sources))
            folded = joined.casefold().split("\n")
            if len(folded) != len(sources):
                folded = [self.fold(s) for s in sources]
        else:
            folded = [s.casefold() for s in sources]
        for n, (entry, key) in enumerate(zip(entries, folded, strict=True)):
            self._memory.add(key, entry.target, str(index), str(n))
            self._exact.setdefault(key, (entry.target, origin))

    def exact(self, source: str) -> tuple[str, str] | None:
        """(target, origin) of an entry with the same source (script and case aside)."""
        return self._exact.get(self.fold(source))

    def lookup(self, source: str, limit: int = 5, min_score: float = MIN_SCORE
               ) -> list[ReferenceMatch]:
        """The best matches for `source`, best first, each with its diff to `source`."""
        out = []
        for m in self._memory.lookup(self.fold(source), limit=limit, min_score=min_score):
            entry = self._entries[int(m.origin)][int(m.unit_id)]
            out.append(ReferenceMatch(entry.source, entry.target, m.score,
                                      self._origins[int(m.origin)],
                                      tuple(char_diff(entry.source, source))))
        return out


def _is_chinese(lang: str) -> bool:
    try:
        return langs.is_chinese(lang)
    except Exception:
        return False


def load_reference_memory(files: Sequence[Path], source_lang: str, target_lang: str,
                          name: Callable[[Path], str] | None = None) -> ReferenceMemory:
    """A memory of the reference files for one target language. `name(path)` gives the origin
    shown with a match (default: the path as given). The memory built is cached too, until
    one of the files changes: indexing 100,000 entries takes seconds, a lookup microseconds."""
    origins = [name(path) if name else os.fspath(path) for path in files]
    def build() -> ReferenceMemory:
        memory = ReferenceMemory(source_lang)
        for path, origin in zip(files, origins, strict=True):
            entries = load_entries(path, target_lang, source_lang)
            if entries:
                memory.add_entries(entries, origin)
        return memory

    return _memories.get(files, (tuple(origins), source_lang, target_lang), build)


_memories: FileCache[ReferenceMemory] = FileCache()


def project_reference_memory(project: Project, target_lang: str,
                             extra: Sequence[Path] = ()) -> ReferenceMemory:
    """The reference memory of a project (`tm/` and `extra` files) for one target."""
    return load_reference_memory(reference_files(project.root, extra), project.source_lang,
                                 target_lang, project.relative)
