"""The first pass: confident 1-1 pairs (anchors) found over the whole document.

Every source sentence is compared with every target sentence, through an inverted index
(dictionary stems weighted by how rare they are in the target, numbers and Latin words as
strong tokens) and, when embeddings are on, the cosine of the two sentences. A pair is an
anchor when each sentence is the other's best match by a clear margin; the anchors kept are
the longest chain of them in order (a translation keeps the order of its source). The
second pass (dp.py) aligns between anchors, so a translation that covers only part of its
source, or lost a passage, is found where it is rather than stretched over the whole text.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence

import numpy as np

# Stems in more than this share of the target sentences tell nothing about which one.
MAX_DF = 0.1


def token_ids(
    src_tokens: Sequence[frozenset], tgt_tokens: Sequence[frozenset]
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Integer ids of the tokens present on the target side, for both sides, and the IDF of
    each id over the target sentences (a stem in every sentence weighs nothing)."""
    ids: dict[object, int] = {}
    tgt: list[np.ndarray] = []
    for tokens in tgt_tokens:
        tgt.append(np.array([ids.setdefault(t, len(ids)) for t in tokens], dtype=np.int64))
    df = np.zeros(len(ids))
    for row in tgt:
        df[row] += 1
    m = max(len(tgt_tokens), 1)
    idf = np.log((m + 1) / (df + 1)) if len(ids) else np.zeros(0)
    src = [np.array([ids[t] for t in tokens if t in ids], dtype=np.int64)
           for tokens in src_tokens]
    return src, tgt, idf


class LexicalIndex:
    """Weighted overlap of a source sentence with every target sentence."""

    def __init__(self, src_tokens: Sequence[frozenset], tgt_tokens: Sequence[frozenset]
                 ) -> None:
        self.src, tgt, self.idf = token_ids(src_tokens, tgt_tokens)
        self.m = len(tgt_tokens)
        limit = max(2.0, MAX_DF * self.m)
        postings: list[list[int]] = [[] for _ in range(len(self.idf))]
        for j, row in enumerate(tgt):
            for t in row:
                postings[t].append(j)
        self.postings = [np.array(p, dtype=np.int64) if len(p) <= limit else None
                         for p in postings]
        # The information each target sentence carries (for normalising).
        self.tgt_mass = np.array([self.idf[row].sum() for row in tgt]) if self.m else \
            np.zeros(0)

    def row(self, i: int) -> np.ndarray:
        parts, weights = [], []
        for t in self.src[i]:
            p = self.postings[t]
            if p is not None:
                parts.append(p)
                weights.append(np.full(len(p), self.idf[t]))
        if not parts:
            return np.zeros(self.m)
        return np.bincount(np.concatenate(parts), weights=np.concatenate(weights),
                           minlength=self.m)


def find_anchors(
    lex: LexicalIndex,
    src_vectors: np.ndarray | None,
    tgt_vectors: np.ndarray | None,
    margin: float,
) -> tuple[list[tuple[int, int, float]], np.ndarray]:
    """Mutual best 1-1 pairs, each clearly better than the runner-up on both sides, in the
    longest ordered chain: (source, target, score); and every source sentence's best match."""
    n, m = len(lex.src), lex.m
    if n == 0 or m == 0:
        return [], np.zeros(n, dtype=np.int64)
    best_j = np.zeros(n, dtype=np.int64)
    best = np.full(n, -np.inf)
    second = np.full(n, -np.inf)
    col_best = np.full(m, -np.inf)
    col_second = np.full(m, -np.inf)
    norm = np.sqrt(lex.tgt_mass + 1.0)
    chunk = 256
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        rows = np.stack([lex.row(i) for i in range(start, stop)])
        src_mass = np.array([lex.idf[lex.src[i]].sum() for i in range(start, stop)])
        # Cosine-like: overlap over the geometric mean of what each side could share.
        score = rows / (np.sqrt(src_mass + 1.0)[:, None] * norm[None, :])
        if src_vectors is not None and tgt_vectors is not None:
            score = score + src_vectors[start:stop] @ tgt_vectors.T
        r = np.arange(stop - start)
        if m > 1:
            # The two best of each row (partitioned, not sorted: rows are long).
            top = np.argpartition(score, m - 2, axis=1)[:, -2:]
            swap = score[r, top[:, 0]] > score[r, top[:, 1]]
            top[swap] = top[swap][:, ::-1]
            second[start:stop] = score[r, top[:, 0]]
        else:
            top = np.zeros((stop - start, 1), dtype=np.int64)
        best_j[start:stop] = top[:, -1]
        best[start:stop] = score[r, top[:, -1]]
        # Best and second best of every column so far.
        cmax = score.max(axis=0)
        c2 = np.partition(score, stop - start - 2, axis=0)[-2] if stop - start > 1 \
            else np.full(m, -np.inf)
        col_second = np.maximum(np.minimum(col_best, cmax), np.maximum(col_second, c2))
        col_best = np.maximum(col_best, cmax)
    candidates = []
    for i in range(n):
        j = int(best_j[i])
        if best[i] <= 0 or best[i] < col_best[j]:
            continue  # not the best source sentence for its target
        if best[i] - max(second[i], col_second[j]) < margin:
            continue
        candidates.append((i, j, float(best[i])))
    return longest_chain(candidates), best_j


def longest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest run of pairs increasing on both sides (patience sorting)."""
    pairs = sorted(pairs)
    tails: list[int] = []  # target index ending a chain of each length
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (_, j, _) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    out.reverse()
    return out


# A stretch between anchors whose count of target sentences per source sentence is this
# many times off the document's usual one is a gap, an insertion, or a wrong anchor.
ODD = math.log(2.5)


def slope_deviation(di: int, dj: int, slope: float) -> float:
    """How far (in log) a stretch of di source and dj target sentences is from `slope`."""
    return math.log((dj + 1) / ((di + 1) * slope))


def usual_slope(chain: list[tuple[int, int, float]]) -> float:
    """The median number of target sentences per source sentence between anchors."""
    slopes = [(j1 - j0 + 1) / (i1 - i0 + 1)
              for (i0, j0, _), (i1, j1, _) in itertools.pairwise(chain)]
    return float(np.median(slopes)) if slopes else 1.0


def drop_outliers(chain: list[tuple[int, int, float]], n: int, m: int
                  ) -> list[tuple[int, int, float]]:
    """A wrong anchor bends the path twice, one stretch too steep and the next too flat (or
    the other way round); a real gap or insertion bends it once. Anchors with odd stretches
    on both sides in opposite directions go, until none is left (the ends of the documents
    count as anchors for this)."""
    if len(chain) < 2:
        return chain
    slope = usual_slope(chain)
    points = [(-1, -1, 0.0), *chain, (n, m, 0.0)]
    changed = True
    while changed and len(points) > 3:
        changed = False
        devs = [slope_deviation(i1 - i0, j1 - j0, slope)
                for (i0, j0, _), (i1, j1, _) in itertools.pairwise(points)]
        worst, worst_k = 0.0, -1
        for k in range(1, len(points) - 1):
            left, right = devs[k - 1], devs[k]
            if left * right < 0 and min(abs(left), abs(right)) > ODD:
                badness = min(abs(left), abs(right))
                if badness > worst:
                    worst, worst_k = badness, k
        if worst_k > 0:
            del points[worst_k]
            changed = True
    return points[1:-1]
