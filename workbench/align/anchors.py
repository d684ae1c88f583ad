"""The first pass: confident 1-1 pairs (anchors) found over the whole document.

Every source sentence is compared with every target sentence, through an inverted index
(dictionary stems weighted by how rare they are in the target, numbers and Latin words as
strong tokens) and, when embeddings are on, the cosine of the two sentences. A pair is an
anchor when each sentence is the other's best match by a clear margin; the anchors kept are
the longest chain of them in order (a translation keeps the order of its source). The
second pass (dp.py) aligns between anchors, so a translation that covers only part of its
source, or lost a passage, is found where it is rather than stretched over the whole text.
Long documents are not compared pair by pair: the anchors of a coarser copy (sentences
joined in pairs, recursively) trace a path, and each source sentence is compared with the
target sentences in a window around it (find_anchors), so the search grows as n log n.
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
    """Weighted overlap of source sentences with target sentences (all, or a window)."""

    def __init__(self, src_tokens: Sequence[frozenset], tgt_tokens: Sequence[frozenset]
                 ) -> None:
        self.src, tgt, self.idf = token_ids(src_tokens, tgt_tokens)
        self.m = len(tgt_tokens)
        limit = max(2.0, MAX_DF * self.m)
        postings: list[list[int]] = [[] for _ in range(len(self.idf))]
        for j, row in enumerate(tgt):
            for t in row:
                postings[t].append(j)
        # Every (token, target) posting as one sorted key, token * (m + 1) + target, so
        # that the postings of any token inside any window are found by one vectorised
        # bisection; tokens in too many sentences are left out.
        keys = [t * (self.m + 1) + np.array(p, dtype=np.int64)
                for t, p in enumerate(postings) if 0 < len(p) <= limit]
        self.keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        # The information each target sentence carries (for normalising).
        self.tgt_mass = np.array([self.idf[row].sum() for row in tgt]) if self.m else \
            np.zeros(0)
        self.src_mass = np.array([self.idf[row].sum() for row in self.src]) \
            if self.src else np.zeros(0)
        self.row_of = np.repeat(np.arange(len(self.src)), [len(r) for r in self.src])
        self.flat = np.concatenate(self.src) if self.src else np.zeros(0, dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum([len(r) for r in self.src])])

    def window(self, start: int, stop: int, lo: np.ndarray, width: int) -> np.ndarray:
        """Overlap of source sentences start..stop-1 with targets lo[i] .. lo[i]+width-1
        (a row per source sentence)."""
        a, b = int(self.starts[start]), int(self.starts[stop])
        rows = self.row_of[a:b] - start
        tokens = self.flat[a:b]
        base = tokens * (self.m + 1) + lo[rows + start]
        left = np.searchsorted(self.keys, base)
        right = np.searchsorted(self.keys, base + width)
        count = right - left
        out: np.ndarray = np.zeros((stop - start) * width)
        total = int(count.sum())
        if total:
            # Expand each (row, token) into its postings inside the window.
            which = np.repeat(np.arange(len(count)), count)
            offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
            hit = self.keys[left[which] + offset] - tokens[which] * (self.m + 1) \
                - lo[rows[which] + start]
            out = np.bincount(rows[which] * width + hit, weights=self.idf[tokens[which]],
                              minlength=(stop - start) * width)
        return out.reshape(stop - start, width)


# Up to this many source-target pairs the anchors are searched among all pairs; past it
# (long documents) among a window around the path found on a coarser copy of the documents
# (each side's sentences joined in pairs, recursively), so the search grows as n log n.
FULL_SEARCH = 2_500_000
WINDOW = 40  # half-width of the window, in target sentences


def find_anchors(
    lex: LexicalIndex,
    src_vectors: np.ndarray | None,
    tgt_vectors: np.ndarray | None,
    margin: float,
    src_tokens: Sequence[frozenset] | None = None,
    tgt_tokens: Sequence[frozenset] | None = None,
) -> tuple[list[tuple[int, int, float]], np.ndarray]:
    """Mutual best 1-1 pairs, each clearly better than the runner-up on both sides, in the
    longest ordered chain: (source, target, score); and every source sentence's best match.
    With the tokens given and a long document, the pairs compared are those near the path
    that a coarser copy of the document traces."""
    n, m = len(lex.src), lex.m
    if n == 0 or m == 0:
        return [], np.zeros(n, dtype=np.int64)
    if n * m <= FULL_SEARCH or src_tokens is None or tgt_tokens is None or n < 4 or m < 4:
        return _search(lex, src_vectors, tgt_vectors, margin,
                       np.zeros(n, dtype=np.int64), m)
    # The coarse copy: sentences 2k and 2k+1 of each side as one.
    cs, ct = _pairs_of(src_tokens), _pairs_of(tgt_tokens)
    cvs = _pairs_of_vectors(src_vectors) if src_vectors is not None else None
    cvt = _pairs_of_vectors(tgt_vectors) if tgt_vectors is not None else None
    coarse, _ = find_anchors(LexicalIndex(cs, ct), cvs, cvt, margin, cs, ct)
    coarse = drop_outliers(coarse, len(cs), len(ct))
    rows = [0.0] + [x for i, _, _ in coarse for x in (2 * i, 2 * i + 2)] + [float(n)]
    cols = [0.0] + [x for _, j, _ in coarse for x in (2 * j, 2 * j + 2)] + [float(m)]
    centers = np.interp(np.arange(n) + 0.5, rows, cols)
    width = min(m, 2 * WINDOW + 1)
    lo = np.clip(np.floor(centers).astype(np.int64) - WINDOW, 0, m - width)
    return _search(lex, src_vectors, tgt_vectors, margin, lo, width)


def _pairs_of(tokens: Sequence[frozenset]) -> list[frozenset]:
    return [tokens[k] | tokens[k + 1] if k + 1 < len(tokens) else tokens[k]
            for k in range(0, len(tokens), 2)]


def _pairs_of_vectors(vectors: np.ndarray) -> np.ndarray:
    n = len(vectors)
    out = vectors[0:n - 1:2] + vectors[1::2] if n > 1 else vectors.copy()
    if n % 2:
        out = np.concatenate([out, vectors[-1:]]) if n > 1 else out
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _search(
    lex: LexicalIndex, src_vectors: np.ndarray | None, tgt_vectors: np.ndarray | None,
    margin: float, lo: np.ndarray, width: int,
) -> tuple[list[tuple[int, int, float]], np.ndarray]:
    """The anchors among the pairs (i, lo[i] .. lo[i]+width-1)."""
    n, m = len(lex.src), lex.m
    best_j = np.zeros(n, dtype=np.int64)
    best = np.full(n, -np.inf)
    second = np.full(n, -np.inf)
    col_best = np.full(m, -np.inf)
    col_second = np.full(m, -np.inf)
    norm = np.sqrt(lex.tgt_mass + 1.0)
    full = width == m
    chunk = max(1, min(256, 2_000_000 // max(width, 1)))
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        r = np.arange(stop - start)
        cols = lo[start:stop, None] + np.arange(width)[None, :]
        rows = lex.window(start, stop, lo, width)
        # Cosine-like: overlap over the geometric mean of what each side could share.
        score = rows / (np.sqrt(lex.src_mass[start:stop] + 1.0)[:, None] * norm[cols])
        if src_vectors is not None and tgt_vectors is not None:
            if full:
                score = score + src_vectors[start:stop] @ tgt_vectors.T
            else:
                score = score + np.einsum("rd,rkd->rk", src_vectors[start:stop],
                                          tgt_vectors[cols])
        if width > 1:
            # The two best of each row (partitioned, not sorted: rows are long).
            top = np.argpartition(score, width - 2, axis=1)[:, -2:]
            swap = score[r, top[:, 0]] > score[r, top[:, 1]]
            top[swap] = top[swap][:, ::-1]
            second[start:stop] = score[r, top[:, 0]]
        else:
            top = np.zeros((stop - start, 1), dtype=np.int64)
        best_j[start:stop] = cols[r, top[:, -1]]
        best[start:stop] = score[r, top[:, -1]]
        # Best and second best of every column so far.
        if full:
            cmax = score.max(axis=0)
            c2 = np.partition(score, stop - start - 2, axis=0)[-2] if stop - start > 1 \
                else np.full(m, -np.inf)
        else:
            cmax, c2 = _column_top2(cols.ravel(), score.ravel(), m)
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


def _column_top2(cols: np.ndarray, scores: np.ndarray, m: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The best and second-best score of each column among scattered (column, score)."""
    order = np.lexsort((-scores, cols))
    c, s = cols[order], scores[order]
    first = np.ones(len(c), dtype=bool)
    first[1:] = c[1:] != c[:-1]
    best = np.full(m, -np.inf)
    best[c[first]] = s[first]
    nxt = np.zeros(len(c), dtype=bool)
    nxt[1:] = first[:-1] & ~first[1:]  # the element right after a column's first
    second = np.full(m, -np.inf)
    second[c[nxt]] = s[nxt]
    return best, second


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
