"""Translation memory: the translated sentences of every catalog of a project, searchable by
similarity of their source.

Finding similar sentences among 100,000 by comparing each one would take seconds, so the memory
keeps an inverted index of character bigrams (Chinese has no spaces; two characters are about a
word). A lookup counts shared bigrams to rank candidates by their Dice coefficient, drops those
whose length alone rules them out, and computes the precise similarity (difflib's ratio, the
measure `workbench init` uses to carry fuzzy translations) only for the best few.
"""

from __future__ import annotations

import bisect
import difflib
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.model import Catalog, State

MIN_SCORE = 0.5  # below this a match costs the translator more than it saves
CANDIDATES = 40  # candidates ranked by bigrams that get the precise ratio


@dataclass(frozen=True, slots=True)
class TMMatch:
    """A translated sentence similar to the one looked up."""

    source: str
    target: str
    score: float  # 1.0 for the same sentence
    origin: str  # the catalog it comes from (a path as the project writes it)
    unit_id: str

    @property
    def percent(self) -> int:
        """The similarity as a whole percent; 100 only for an exact match."""
        if self.score >= 1.0:
            return 100
        return min(99, int(self.score * 100))


def bigrams(text: str) -> set[str]:
    """The distinct character bigrams of a text (the text itself when shorter than two)."""
    if len(text) < 2:
        return {text} if text else set()
    return {text[i:i + 2] for i in range(len(text) - 1)}


class TranslationMemory:
    """An append-only store of (source, target) pairs with a bigram index.

    Updating a unit retires its old entry and appends a new one, so indices never move.
    """

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._targets: list[str] = []
        self._origins: list[int] = []
        self._ids: list[str] = []
        self._gram_counts = array("I")
        self._postings: dict[str, array[int]] = {}
        self._origin_names: list[str] = []
        self._origin_index: dict[str, int] = {}
        self._live: dict[tuple[int, str], int] = {}  # (origin, unit id) -> entry
        self._retired: set[int] = set()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._live)

    def _origin(self, name: str) -> int:
        index = self._origin_index.get(name)
        if index is None:
            index = self._origin_index[name] = len(self._origin_names)
            self._origin_names.append(name)
        return index

    def add(self, source: str, target: str, origin: str, unit_id: str) -> None:
        """Add or replace the entry of unit `unit_id` of catalog `origin` (empty target: remove)."""
        with self._lock:
            origin_index = self._origin(origin)
            key = (origin_index, unit_id)
            old = self._live.pop(key, None)
            if old is not None:
                self._retired.add(old)
            if not source or not target:
                return
            entry = len(self._sources)
            self._sources.append(source)
            self._targets.append(target)
            self._origins.append(origin_index)
            self._ids.append(unit_id)
            grams = bigrams(source)
            self._gram_counts.append(len(grams))
            postings = self._postings
            for gram in grams:
                posting = postings.get(gram)
                if posting is None:
                    postings[gram] = array("I", (entry,))
                else:
                    posting.append(entry)
            self._live[key] = entry

    def add_catalog(self, catalog: Catalog, origin: str) -> int:
        """Add the translated units of a catalog; returns how many."""
        added = 0
        for unit in catalog.units:
            if unit.state is State.TRANSLATED and not unit.obsolete and unit.target:
                self.add(unit.source, unit.target, origin, unit.id)
                added += 1
        return added

    def lookup(self, source: str, limit: int = 5, min_score: float = MIN_SCORE,
               exclude: tuple[str, str] | None = None) -> list[TMMatch]:
        """The best matches for `source`, best first; `exclude` is (origin, unit id) of the
        unit being translated, which must not suggest itself."""
        import numpy as np

        grams = bigrams(source)
        if not grams:
            return []
        with self._lock:
            entries = len(self._sources)
            excluded = -1
            if exclude is not None and exclude[0] in self._origin_index:
                excluded = self._live.get((self._origin_index[exclude[0]], exclude[1]), -1)
            postings = [self._postings[g] for g in grams if g in self._postings]
            if not postings:
                return []
            # Shared bigrams per entry, counted in C: one bincount over the postings.
            hits = np.concatenate([np.frombuffer(p, dtype=np.uint32) for p in postings])
            shared = np.bincount(hits, minlength=entries)
            del hits
            found = np.flatnonzero(shared)
            gram_counts = np.frombuffer(self._gram_counts, dtype=np.uint32)[found]
            # Dice coefficient of the bigram sets: a cheap stand-in for the character ratio.
            dice = 2.0 * shared[found] / (len(grams) + gram_counts)
            del gram_counts
            keep = dice >= min_score * 0.6
            if self._retired or excluded >= 0:
                dead = np.fromiter((e for e in self._retired), dtype=np.int64,
                                   count=len(self._retired))
                if excluded >= 0:
                    dead = np.append(dead, excluded)
                keep &= ~np.isin(found, dead)
            found, dice = found[keep], dice[keep]
            if len(found) > CANDIDATES:
                top = np.argpartition(-dice, CANDIDATES)[:CANDIDATES]
                found, dice = found[top], dice[top]
            order = np.argsort(-dice, kind="stable")
            candidates = [(self._sources[e], self._targets[e], self._origins[e], self._ids[e])
                          for e in found[order].tolist()]
            origin_names = list(self._origin_names)
        length = len(source)
        matches: list[TMMatch] = []
        seen: set[tuple[str, str]] = set()
        scores: list[float] = []  # of the matches kept, best first
        for cand_source, cand_target, origin, unit_id in candidates:
            if 2.0 * min(length, len(cand_source)) / (length + len(cand_source)) < min_score:
                continue  # the ratio cannot reach the threshold with lengths this different
            if (cand_source, cand_target) in seen:
                continue
            if cand_source == source:
                score = 1.0
            else:
                # the same measure as workbench.msgmerge.similarity; its cheap upper bound first
                # skips candidates that cannot beat the matches already kept
                matcher = difflib.SequenceMatcher(None, source, cand_source, autojunk=False)
                if len(scores) >= limit and matcher.quick_ratio() <= scores[limit - 1]:
                    continue
                score = matcher.ratio()
            if score >= min_score:
                bisect.insort(scores, score, key=lambda x: -x)
                seen.add((cand_source, cand_target))
                matches.append(TMMatch(cand_source, cand_target, score, origin_names[origin],
                                       unit_id))
        matches.sort(key=lambda m: (-m.score, m.origin, m.unit_id))
        return matches[:limit]


def build_memory(catalogs: Iterable[tuple[Catalog, str]]) -> TranslationMemory:
    """A memory of the translated units of (catalog, origin name) pairs."""
    memory = TranslationMemory()
    for catalog, origin in catalogs:
        memory.add_catalog(catalog, origin)
    return memory
