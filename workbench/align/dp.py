"""The alignment itself: bead costs and one banded dynamic-programming pass.

A bead joins a source span of a sentences to a target span of b (1-1, 1-2, 2-1, 2-2, 1-3, 3-1,
and 1-0 / 0-1 for omissions and additions). Its cost combines

- length: Gale–Church, with the character-length ratio measured on the document itself;
- anchors: numbers, Latin words, titles, quotations, ? and ! found on both sides;
- lexicon: CC-CEDICT glosses of the Chinese words found in the English sentence, and names
  spelt in pinyin (陈清扬 / Chen Qingyang); for two Chinese sides, shared words after OpenCC
  made them the same script;
- meaning (optional): cosine distance of multilingual embeddings of the two spans, normalised
  by each span's distance to random sentences (Vecalign's normalisation);
- paragraph ends that do not coincide (a soft anchor).

The DP only visits a band of target positions around an expected path (first the diagonal
the lengths predict, then the path found), so time and memory grow linearly. With
embeddings it runs twice: first with each span's vector the sum of its sentences' vectors,
then with the vector of the span's text, for the spans of the beads on paths nearly as good
as the first one (a forward and a backward pass tell which).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from workbench import langs
from workbench.align import features, lexicon

if TYPE_CHECKING:
    from workbench.align.embed import Embedder

# Up to five sentences a side: about 5 % of the beads of literary text are larger than 1-3
# (one long Chinese sentence often becomes four or five English ones). 2-4, 3-3 and larger
# are left out: one bead in 400 in MAC-Dev, and they swallow lone omissions.
BEADS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (2, 3), (3, 2),
    (1, 5), (5, 1), (1, 0), (0, 1))
MAX_SPAN = 5


@dataclass(frozen=True, slots=True)
class Bead:
    """Source and target sentence indexes (0-based) that translate each other."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    def ladder(self) -> str:
        return f"[{','.join(map(str, self.source))}]:[{','.join(map(str, self.target))}]"


@dataclass
class Alignment:
    source: list[str]
    target: list[str]
    beads: list[Bead]
    source_lang: str
    target_lang: str
    used_embeddings: bool = False
    source_paragraphs: list[int] | None = None
    target_paragraphs: list[int] | None = None
    # What the confidence of each bead was computed from (dp._bead_features), for calibration.
    bead_features: list[list[float]] | None = None

    def ladder(self) -> str:
        return "".join(b.ladder() + "\n" for b in self.beads)

    def coverage(self, hole: int = 3) -> list[str]:
        """How much of each side found a partner, in words: "target covers source sentences
        1-412 of 830", then the added target sentences if any. Holes shorter than `hole`
        sentences (a lone omission) do not split a range."""
        paired_s = sorted(i for b in self.beads if b.target for i in b.source)
        lines = [f"target covers source sentences {_ranges(paired_s, hole)} of "
                 f"{len(self.source)}" if paired_s else
                 f"target covers none of the {len(self.source)} source sentences"]
        added = sorted(j for b in self.beads if not b.source for j in b.target)
        if added:
            lines.append(f"{len(added)} of {len(self.target)} target sentences translate "
                         f"nothing in the source: {_ranges(added, 1)}")
        return lines


def _ranges(indexes: list[int], hole: int) -> str:
    """0-based indexes as 1-based ranges, "1-412, 430-830", bridging holes under `hole`."""
    runs: list[list[int]] = []
    for k in indexes:
        if runs and k - runs[-1][1] <= hole:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    return ", ".join(f"{a + 1}" if a == b else f"{a + 1}–{b + 1}" for a, b in runs)


@dataclass
class Params:
    """Weights of the cost, global knobs, never per document: the gap costs calibrated
    against the costs of true and random pairs, the rest tuned by a coordinate search on
    MAC-Dev documents 001-003 (clean and damaged copies); 004-006 held out. The bead
    priors without embeddings were searched again once the lone-sentence, gap and anchor
    terms were in (exact F1 0.794 -> 0.811 on 001-003, 0.837 -> 0.873 held out; lowering
    the dictionary's and the lengths' weights too gained a little more but glued added
    sentences onto their neighbours)."""

    band: int = 24  # half-width of the band, in target sentences
    w_len: float = 0.028  # per unit of delta^2/2 (Gale–Church)
    len_var: float = 4.0  # variance per character (times the length)
    w_lex: float = 0.45
    lex_ref: float = 0.44  # an overlap this good counts as a sure match
    w_anc: float = 0.125
    anc_bonus: float = 0.08  # reward per shared anchor
    w_emb: float = 0.0
    size_power: float = 0.375  # evidence cost scaled by (a*b) ** size_power
    skip: float = 0.3  # each sentence of a gap (1-0, 0-1 beads)
    gap_open: float = 0.3  # once per gap
    # A gap holding both sides (an untranslated source sentence beside an added target
    # sentence) is usually a weak pairing: it costs this much more.
    gap_mix: float = 0.3
    prior_2: float = 0.2  # 1-2, 2-1
    prior_22: float = 0.75
    prior_3: float = 0.48  # 1-3, 3-1
    # 1-4, 4-1: once priced as a 2-2 by accident (a * b == 4); priced as 1-3 plus one
    # sentence instead they lost 0.005 exact F1 held out with embeddings, 0.004 without.
    prior_14: float = 0.75
    prior_big: float = 0.3125  # each sentence past three in a bead (2-3, 1-5, ...)
    margin: float = 0.05  # anchors: best match ahead of the runner-up by this much
    # A merge must beat the gap on evidence: an edge sentence of a bead that shares no
    # dictionary word with the bead's other side although it holds lone_from..lone_full
    # words or more costs up to w_lone (see _Scorer.lone_members), scaled down in free
    # translations (lone_share, see _Scorer.lone_reliability).
    w_lone: float = 0.3
    lone_from: float = 3.0
    lone_full: float = 8.0
    lone_share: float = 0.06
    w_par: float = 0.6  # paragraph end on one side only
    # With embeddings, a second pass scores each span of several sentences by the embedding
    # of the span's text (see _align_prepared), for the beads that lie on a path within
    # `refine_margin` of the best one.
    refine_margin: float = 0.35
    # The vector of a long span's text fits a long sentence of the other side more easily
    # than the sum of its sentences' vectors did: beads of five sentences (2-3, 1-5) cost
    # more there (calibrated on 001-003: they swallowed a neighbour's sentence).
    refine_prior_big: float = 0.35
    # A 2-2 bead is two sentences whose boundary the translator moved, not two pairs: a
    # source sentence matches the *other* target sentence about as well as its own partner
    # does. With embeddings a 2-2 costs up to w_cross less when the best crossing cosine is
    # above the weakest straight one by cross_from .. cross_from + cross_span (measured on
    # MAC-Dev: median 0.03 for gold 2-2 beads, -0.25 for two gold 1-1 beads side by side,
    # 90th percentile -0.03).
    w_cross: float = 0.3
    cross_from: float = -0.05
    cross_span: float = 0.3

    @classmethod
    def for_embeddings(cls) -> Params:
        """With the meaning of the sentences known, the dictionary matters less and an
        omission must be surer."""
        return cls(w_lex=0.225, lex_ref=0.35, anc_bonus=0.0, w_emb=1.0, size_power=0.5,
                   skip=0.6, gap_open=0.3, prior_22=0.84, prior_2=0.25, prior_3=0.6,
                   prior_14=0.84, prior_big=0.25)


@dataclass
class _Side:
    lengths: np.ndarray
    anchors: list[frozenset[features.Anchor]]
    stems: list[frozenset[str]]
    known: np.ndarray
    strong: np.ndarray  # anchors that should appear on the other side
    boundary: np.ndarray | None  # paragraph starts at this position (len n+1)


def _prepare(
    sentences: Sequence[str], lang: str, other_lang: str, paragraphs: Sequence[int] | None,
    compare: str, other: _Side | None = None,
) -> _Side:
    """`compare` is "gloss" (Chinese side against an English one), "words" (two Chinese sides,
    or two non-Chinese: shared words), or "stems" (the English side)."""
    from workbench.convert import to_simplified
    from workbench.words import tokenize_chinese

    lengths = np.array([features.length(s, lang) for s in sentences], dtype=np.float64)
    anchor_sets = [features.anchors(s, lang) for s in sentences]
    stems: list[frozenset[str]] = []
    known: list[int] = []
    chinese = langs.is_chinese(lang)
    prefixes = None
    if compare == "gloss" and other is not None:
        prefixes = lexicon.name_prefixes(
            {t for stems in other.stems for t in stems if t.startswith(lexicon.NAME_MARK)})
    for s in sentences:
        if compare == "gloss":
            simplified = to_simplified(s)
            g, k = lexicon.chinese_glosses(tokenize_chinese(simplified))
            stems.append(g | lexicon.chinese_names(simplified, prefixes))
            known.append(k)
        elif chinese:
            words = frozenset(tokenize_chinese(to_simplified(s)))
            stems.append(words)
            known.append(len(words))
        else:
            e = lexicon.english_stems(s)
            if langs.is_chinese(other_lang):
                e = e | lexicon.english_names(s)
            stems.append(e)
            known.append(len(e))
    # Latin words are strong anchors only in Chinese text (in English every name is one).
    strong = np.array([sum(1 for t in a if chinese or t[0][0] != "w") for a in anchor_sets],
                      dtype=np.float64)
    boundary = None
    if paragraphs is not None and len(set(paragraphs)) > 1:
        b = np.zeros(len(sentences) + 1, dtype=bool)
        b[0] = b[-1] = True
        for i in range(1, len(sentences)):
            b[i] = paragraphs[i] != paragraphs[i - 1]
        boundary = b
    return _Side(lengths, anchor_sets, stems, np.array(known, dtype=np.float64), strong,
                 boundary)


class _Band:
    """Target positions lo[i]..hi[i] visited in row i (i source sentences consumed)."""

    def __init__(self, lo: np.ndarray, hi: np.ndarray, m: int) -> None:
        n1 = len(lo)
        lo = np.clip(lo.astype(np.int64), 0, m)
        hi = np.clip(hi.astype(np.int64), 0, m)
        lo = np.maximum.accumulate(lo)
        hi = np.maximum.accumulate(hi)
        lo[0] = 0
        hi[-1] = m
        hi = np.maximum(hi, lo)
        for i in range(1, n1):  # keep consecutive rows connected
            if lo[i] > hi[i - 1] + MAX_SPAN:
                lo[i] = hi[i - 1]
        self.lo = lo
        self.hi = hi
        self.width = int((hi - lo).max()) + 1
        self.m = m

    @classmethod
    def around(cls, centers: np.ndarray, half: int, m: int) -> _Band:
        return cls(np.floor(centers) - half, np.ceil(centers) + half, m)

    @classmethod
    def between(cls, points: list[tuple[int, int]], half: int, slack: int, m: int) -> _Band:
        """Rows between two anchor points stay in the rectangle the points span (widened by
        `slack`, in case an anchor is wrong) and within `half` of the line joining them."""
        n1 = points[-1][0] + 1
        lo = np.zeros(n1)
        hi = np.zeros(n1)
        for (ia, ja), (ib, jb) in itertools.pairwise(points):
            rows = np.arange(ia, ib + 1)
            center = ja + (jb - ja) * ((rows - ia) / (ib - ia) if ib > ia else 1.0)
            lo[ia:ib + 1] = np.maximum(ja - slack, np.floor(center) - half)
            hi[ia:ib + 1] = np.minimum(jb + slack, np.ceil(center) + half)
            # The rows at either end reach the point itself (and a run of 0-1 beads).
            lo[ia] = min(lo[ia], ja - slack)
            hi[ib] = max(hi[ib], jb)
        return cls(lo, hi, m)


def _pair_matrix(
    left: list[frozenset], right: list[frozenset], plo: np.ndarray, width: int
) -> np.ndarray:
    """Overlap |left[i] & right[j]| for j in plo[i] .. plo[i]+width-1."""
    n = len(left)
    out = np.zeros((max(n, 1), width), dtype=np.float32)
    m = len(right)
    for i in range(n):
        a = left[i]
        if not a:
            continue
        start = int(plo[i])
        row = [len(a & right[j]) for j in range(start, min(m, start + width))]
        out[i, :len(row)] = row
    return out



def _mean_cosine(spans: SpanVectors, sample: np.ndarray) -> np.ndarray:
    """Each span's mean cosine with the `sample` vectors, a block of rows at a time."""
    out = np.zeros(len(spans))
    for r in range(0, len(spans), 4096):
        out[r:r + 4096] = (spans[r:r + 4096] @ sample.T).mean(axis=1)
    return out


def _cosines(left: SpanVectors, right: SpanVectors, i: np.ndarray, j: np.ndarray
             ) -> np.ndarray:
    """left[i] . right[j] for index arrays where i is constant along each row. A row's
    targets are consecutive: a block of rows is one matrix product with the targets they
    cover, from which each row takes its own window (gathering a vector per cell was five
    times slower)."""
    out = np.zeros(i.shape)
    step = 64
    for r in range(0, i.shape[0], step):
        si, sj = i[r:r + step], j[r:r + step]
        first = int(sj.min())
        block = left[si[:, 0]] @ right[first:int(sj.max()) + 1].T
        out[r:r + step] = np.take_along_axis(block, sj - first, axis=1)
    return out


def _lookup(mat: np.ndarray, plo: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    n = mat.shape[0]
    ii = np.clip(i, 0, n - 1)
    k = j - plo[ii]
    ok = (i >= 0) & (i < n) & (k >= 0) & (k < mat.shape[1])
    return np.where(ok, mat[ii, np.clip(k, 0, mat.shape[1] - 1)], 0.0)


def _cumsum0(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


class _Scorer:
    """Bead costs over a band, vectorised over all rows at once."""

    def __init__(self, src: _Side, tgt: _Side, params: Params,
                 emb: tuple[list[SpanVectors], list[SpanVectors]] | None,
                 ratio: float | None = None, mirrored: bool = False) -> None:
        self.src, self.tgt, self.p = src, tgt, params
        self.mirrored = mirrored
        self.n, self.m = len(src.lengths), len(tgt.lengths)
        self.cs = _cumsum0(src.lengths)
        self.ct = _cumsum0(tgt.lengths)
        self.ratio = ratio if ratio is not None else self.ct[-1] / max(self.cs[-1], 1.0)
        self.lone_scale = 1.0  # see lone_reliability
        self.cks, self.ckt = _cumsum0(src.known), _cumsum0(tgt.known)
        self.cas, self.cat = _cumsum0(src.strong), _cumsum0(tgt.strong)
        self.emb = emb
        # Which spans of each size have a vector (all, unless the second pass embedded
        # only the spans its beads need).
        self.have: tuple[list[np.ndarray], list[np.ndarray]] | None = None
        if emb is not None:
            self._baselines()

    def use_spans(self, emb: tuple[list[SpanVectors], list[SpanVectors]],
                  have: tuple[list[np.ndarray], list[np.ndarray]]) -> None:
        self.emb, self.have = emb, have
        self._baselines()

    def _baselines(self) -> None:
        """Mean cosine distance of every span to random sentences of the other side."""
        assert self.emb is not None
        es, et = self.emb
        rng = np.random.default_rng(0)
        at_t = rng.integers(0, max(self.m, 1), size=min(64, self.m))
        at_s = rng.integers(0, max(self.n, 1), size=min(64, self.n))
        if self.mirrored:  # the same sentences as the scorer of the sides read forwards
            at_t, at_s = self.m - 1 - at_t, self.n - 1 - at_s
        sample_t, sample_s = et[0][at_t], es[0][at_s]
        self.base_s = [np.maximum(1.0 - _mean_cosine(e, sample_t), 0.05) for e in es]
        self.base_t = [np.maximum(1.0 - _mean_cosine(e, sample_s), 0.05) for e in et]

    def costs(self, band: _Band) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """For every bead type, cost[i, k] of the bead ending at (i, lo[i]+k) (inf where
        impossible), and the evidence part alone (for the confidence)."""
        p, n, m = self.p, self.n, self.m
        lo, hi, width = band.lo, band.hi, band.width
        # Pairs (i', j') the beads can touch.
        up = np.minimum(np.arange(n) + MAX_SPAN, n)
        plo = np.maximum(lo[np.minimum(np.arange(n) + 1, n)] - MAX_SPAN, 0)
        phi = hi[up]
        pwidth = int(max(1, (phi - plo).max() + 1)) if n else 1
        lex = _pair_matrix(self.src.stems, self.tgt.stems, plo, pwidth)
        anc = _pair_matrix(self.src.anchors, self.tgt.anchors, plo, pwidth)

        rows = np.arange(n + 1)[:, None]
        cols = lo[:, None] + np.arange(width)[None, :]
        inband = cols <= hi[:, None]
        out: list[np.ndarray] = []
        evid: list[np.ndarray] = []

        for a, b in BEADS:
            valid = inband & (rows >= a) & (cols >= b) & (cols <= m)
            i0 = np.clip(rows - a, 0, n)
            j0 = np.clip(cols - b, 0, m)
            if self.have is not None and a and b:
                valid = valid & self.have[0][a - 1][i0] & self.have[1][b - 1][j0]
            i1 = np.clip(rows, 0, n)
            j1 = np.clip(cols, 0, m)
            if a == 0 or b == 0:
                cost = np.full(valid.shape, p.skip)
                ev = np.full(valid.shape, np.nan)
            else:
                ls = self.cs[i1] - self.cs[i0]
                lt = self.ct[j1] - self.ct[j0]
                delta = (lt - self.ratio * ls) / np.sqrt(
                    p.len_var * (self.ratio * ls + lt) / 2 + 1.0)
                len_cost = np.minimum(delta * delta / 2, 12.0)
                mlex = np.zeros(valid.shape)
                manc = np.zeros(valid.shape)
                for da in range(a):
                    for db in range(b):
                        mlex += _lookup(lex, plo, i0 + da, j0 + db)
                        manc += _lookup(anc, plo, i0 + da, j0 + db)
                known = (self.cks[i1] - self.cks[i0] + self.ckt[j1] - self.ckt[j0]) / 2
                lone: float | np.ndarray = (self.lone_members(lex, plo, a, b, i0, j0)
                                           if p.w_lone and self.lone_scale and a + b > 2
                                           else 0.0)
                lexscore = mlex / (known + 1.0)
                lex_cost = 1.0 - np.minimum(lexscore / p.lex_ref, 1.0)
                strong = (self.cas[i1] - self.cas[i0] + self.cat[j1] - self.cat[j0]) / 2
                anc_cost = np.maximum(strong - manc, 0) / (strong + 1.0)
                ev = p.w_len * len_cost + p.w_lex * lex_cost + p.w_anc * anc_cost
                cross: float | np.ndarray = 0.0
                if self.emb is not None:
                    ev = ev + p.w_emb * self._emb_cost(a, b, i0, j0, valid)
                    if (a, b) == (2, 2) and p.w_cross:
                        cross = self._crossing(i0, j0)
                cost = (ev * (a * b) ** p.size_power + self._prior(a, b)
                        - p.anc_bonus * manc + p.w_lone * self.lone_scale * lone
                        - p.w_cross * cross)
            if (a and b and self.src.boundary is not None
                    and self.tgt.boundary is not None):
                # Where a pairing starts (so a gap between two paragraphs' ends, an omitted
                # closing sentence, is judged where it ends, not where it begins).
                # (The mirrored scorer's bead end is the start read forwards.)
                si, sj = (i1, j1) if self.mirrored else (i0, j0)
                mismatch = self.src.boundary[si] != self.tgt.boundary[sj]
                cost = cost + p.w_par * mismatch
            # Single precision: a book's arrays are the bulk of the memory, and a bead's
            # cost needs no more (the programme sums them in double precision).
            out.append(np.where(valid, cost, np.inf).astype(np.float32))
            evid.append(np.where(valid, ev, np.nan).astype(np.float32))
        return out, evid

    def _prior(self, a: int, b: int) -> float:
        p = self.p
        if a == b == 1:
            return 0.0
        if a * b == 2:
            return p.prior_2
        if a * b == 4:
            return p.prior_22 if a == 2 else p.prior_14
        if a + b == 4:
            return p.prior_3
        return p.prior_3 + p.prior_big * (a + b - 4)

    def lone_reliability(self, centers: np.ndarray) -> float:
        """How far a sentence sharing no dictionary word with its source can be trusted to
        translate nothing, in this document: 1 when nearly every target sentence of five
        words or more shares a word with a source sentence near the expected path, falling
        to 0 when `lone_share` of them share none (a free translation, where the
        dictionary sees little)."""
        p, n, m = self.p, self.n, self.m
        rows = np.clip(np.searchsorted(centers, np.arange(m) + 0.5) - 1, 0, n - 1)
        counted = lone = 0
        for j in range(m):
            if self.tgt.known[j] < 5:
                continue
            stems = self.tgt.stems[j]
            counted += 1
            i = int(rows[j])
            lone += not any(stems & self.src.stems[k]
                            for k in range(max(0, i - 2), min(n, i + 3)))
        share = lone / counted if counted else 1.0
        return float(np.clip(1.0 - share / p.lone_share, 0.0, 1.0))

    def lone_members(self, lex: np.ndarray, plo: np.ndarray, a: int, b: int,
                      i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        """The edge sentences of a bead that share no dictionary word with its other side
        although they hold many words: 0 for a sentence that shares one (or holds fewer
        than `lone_from` words), rising to 1 at `lone_full` words. An added sentence, which
        translates nothing, is one; a sentence that translates part of its neighbour is
        seldom one (measured on MAC-Dev: 4 % of the edge sentences of multi-sentence gold
        beads with five words or more, against half of the sentences of another book)."""
        p = self.p
        i0, j0 = np.broadcast_arrays(i0, j0)
        out = np.zeros(i0.shape)

        def words(known: np.ndarray, at: np.ndarray) -> np.ndarray:
            k = known[np.clip(at, 0, len(known) - 1)]
            return np.clip((k - p.lone_from) / (p.lone_full - p.lone_from), 0.0, 1.0)

        if b >= 2:
            for edge in (j0, j0 + b - 1):
                shared = sum(_lookup(lex, plo, i0 + da, edge) for da in range(a))
                out += (shared == 0) * words(self.tgt.known, edge)
        if a >= 2:
            for edge in (i0, i0 + a - 1):
                shared = sum(_lookup(lex, plo, edge, j0 + db) for db in range(b))
                out += (shared == 0) * words(self.src.known, edge)
        return out

    def _crossing(self, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        """For the 2-2 beads starting at (i0, j0): 0..1, how much better the best crossing
        pair of sentences fits than the weakest straight pair (see Params.w_cross)."""
        assert self.emb is not None
        es, et = self.emb[0][0], self.emb[1][0]
        i0, j0 = np.broadcast_arrays(i0, j0)
        i1, j1 = np.minimum(i0 + 1, self.n), np.minimum(j0 + 1, self.m)
        c11 = _cosines(es, et, i0, j0)
        c22 = _cosines(es, et, i1, j1)
        c12 = _cosines(es, et, i0, j1)
        c21 = _cosines(es, et, i1, j0)
        x = np.maximum(c12, c21) - np.minimum(c11, c22)
        return np.clip((x - self.p.cross_from) / self.p.cross_span, 0.0, 1.0)

    def _emb_cost(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray,
                  valid: np.ndarray) -> np.ndarray:
        assert self.emb is not None
        i0, j0 = np.broadcast_arrays(i0, j0)
        cos = _cosines(self.emb[0][a - 1], self.emb[1][b - 1], i0, j0)
        base = (self.base_s[a - 1][i0] + self.base_t[b - 1][j0]) / 2
        return np.where(valid, (1.0 - cos) / base, 1.0)


_PAIR, _SKIP_S, _SKIP_T = 0, 1, 2  # DP states: the last bead paired, was 1-0, was 0-1


def _run_dp(costs: list[np.ndarray], band: _Band, n: int, m: int, gap_open: float,
            gap_mix: float = 0.0, table: list[np.ndarray] | None = None,
            ) -> list[tuple[int, int, int]]:
    """The cheapest path; beads as (bead type, end i, end j), in order.

    Gaps cost an opening and then so much a sentence (affine, as in sequence alignment): a
    lone 1-0 or 0-1 bead stays dear, so a sentence that belongs to its neighbour's bead is
    not cut off, while a long untranslated or added stretch costs little per sentence and
    beats a run of weak pairings. A gap region may hold both 1-0 and 0-1 beads, for
    `gap_mix` more at each switch from one side to the other."""
    lo, width = band.lo, band.width
    inf = np.inf
    tot = np.full((3, n + 1, width), inf)
    best = np.full((n + 1, width), inf)  # the cheapest of the three states
    best_state = np.zeros((n + 1, width), dtype=np.int8)
    back_t = np.full((n + 1, width), -1, dtype=np.int8)  # bead type ending in _PAIR
    back_s = np.full((3, n + 1, width), -1, dtype=np.int8)  # previous state
    skip_s, skip_t = BEADS.index((1, 0)), BEADS.index((0, 1))
    pairs = [(t, a, b) for t, (a, b) in enumerate(BEADS) if a and b]
    for i in range(n + 1):
        pair = np.full(width, inf)
        pair_t = np.full(width, -1, dtype=np.int8)
        pair_s = np.zeros(width, dtype=np.int8)
        if i == 0:
            pair[0] = 0.0
        for t, a, b in pairs:
            if i < a:
                continue
            prev = i - a
            # Cell k of row i comes from cell k + d of row prev: a slice, not an index.
            d = int(lo[i] - b - lo[prev])
            k0, k1 = max(0, -d), min(width, width - d)
            if k0 >= k1:
                continue
            cand = best[prev, k0 + d:k1 + d] + costs[t][i, k0:k1]
            better = cand < pair[k0:k1]
            pair[k0:k1] = np.where(better, cand, pair[k0:k1])
            pair_t[k0:k1] = np.where(better, t, pair_t[k0:k1])
            pair_s[k0:k1] = np.where(better, best_state[prev, k0 + d:k1 + d], pair_s[k0:k1])
        # 1-0: down from the same target position in the row above.
        gap_s = np.full(width, inf)
        gap_s_from = np.full(width, -1, dtype=np.int8)
        if i > 0:
            d = int(lo[i] - lo[i - 1])
            k0, k1 = max(0, -d), min(width, width - d)
            if k0 < k1:
                above = np.stack([tot[_PAIR, i - 1, k0 + d:k1 + d] + gap_open,
                                  tot[_SKIP_S, i - 1, k0 + d:k1 + d],
                                  tot[_SKIP_T, i - 1, k0 + d:k1 + d] + gap_mix])
                state = np.argmin(above, axis=0)
                gap_s[k0:k1] = np.take_along_axis(above, state[None], 0)[0] \
                    + costs[skip_s][i, k0:k1]
                gap_s_from[k0:k1] = state
        # 0-1: along the row, T[k] = min(X[k-1], T[k-1]) + c[k] with X = min(pair + open,
        # 1-0 gap): a running minimum over the cumulated costs.
        enter = np.minimum(pair + gap_open, gap_s + gap_mix)
        enter_from = np.where(pair + gap_open <= gap_s + gap_mix, _PAIR, _SKIP_S).astype(np.int8)
        c = np.where(np.isinf(costs[skip_t][i]), 1e9, costs[skip_t][i]).astype(np.float64)
        cum = np.cumsum(c)
        shifted = np.concatenate([[inf], enter[:-1]])  # X[k-1]
        shifted_cum = np.concatenate([[0.0], cum[:-1]])
        gap_t = np.minimum.accumulate(shifted - shifted_cum) + cum
        gap_t = np.where(np.isinf(costs[skip_t][i]) | (gap_t >= 1e8), inf, gap_t)
        # Where the run of 0-1 beads ending at k began: from X[k-1] or from T[k-1].
        prev_t = np.concatenate([[inf], gap_t[:-1]])
        t_from = np.where(shifted <= prev_t, np.concatenate([[-1], enter_from[:-1]]),
                          _SKIP_T).astype(np.int8)
        tot[_PAIR, i], tot[_SKIP_S, i], tot[_SKIP_T, i] = pair, gap_s, gap_t
        best_state[i] = np.argmin(tot[:, i], axis=0)
        best[i] = np.min(tot[:, i], axis=0)
        back_t[i] = pair_t
        back_s[_PAIR, i], back_s[_SKIP_S, i], back_s[_SKIP_T, i] = pair_s, gap_s_from, t_from
    if table is not None:
        table.append(best)  # the cheapest cost of reaching each cell
    # Back from (n, m).
    path: list[tuple[int, int, int]] = []
    i, j = n, m
    state = int(np.argmin(tot[:, n, m - lo[n]]))
    while i > 0 or j > 0:
        k = j - lo[i]
        t = int(back_t[i, k]) if state == _PAIR else skip_s if state == _SKIP_S else skip_t
        prev_state = int(back_s[state, i, k])
        if t < 0 or (prev_state < 0 and (i, j) != (BEADS[t][0], BEADS[t][1])):
            raise RuntimeError("alignment band lost the path")  # a bug, not bad input
        a, b = BEADS[t]
        path.append((t, i, j))
        i, j = i - a, j - b
        state = prev_state
    path.reverse()
    return path


def _touches_edge(path: list[tuple[int, int, int]], band: _Band) -> bool:
    for _, i, j in path:
        if (band.lo[i] > 0 and j - band.lo[i] < 2) or (band.hi[i] < band.m and band.hi[i] - j < 2):
            return True
    return False


def _centers_from_path(path: list[tuple[int, int, int]], n: int) -> np.ndarray:
    centers = np.zeros(n + 1)
    i_prev, j_prev = 0, 0
    for t, i, j in path:
        a = BEADS[t][0]
        for r in range(i_prev, i + 1):
            centers[r] = j_prev + (j - j_prev) * ((r - i_prev) / a if a else 1.0)
        i_prev, j_prev = i, j
    return centers


# The chance that a bead is exactly right, a logistic function of what the aligner knows
# about it (see _bead_features), fitted on MAC-Dev documents 001-003, clean and damaged
# copies, by bench/fit_confidence.py, its intercept lowered until at least 97.5 % of the
# beads at or above the default threshold are right in every condition there; documents
# 004-006 are held out. Fitted again after the second pass and the crossing pairs: the
# old fit left 58 % of the right beads fuzzy with embeddings on the held-out documents.
_CALIBRATION: dict[bool, tuple[float, ...]] = {
    False: (1.539, -5.383, 2.035, 0.903, 0.415, -0.127, -2.288),
    True: (4.804, -5.174, 1.633, 1.037, 0.253, -0.487, -1.560),
}


def _bead_features(path: list[tuple[int, int, int]], evs: list[float],
                   anchors: set[tuple[int, int]], best_j: np.ndarray) -> list[list[float]]:
    """Per bead with two sides: evidence cost, 1-1, 1-2 or 2-1, an anchor, the share of its
    source sentences whose best match overall lies in the bead, next to a gap."""
    rows: list[list[float]] = []
    for k, ((t, i, j), ev) in enumerate(zip(path, evs, strict=True)):
        a, b = BEADS[t]
        if a == 0 or b == 0:
            rows.append([])
            continue
        near_gap = any(0 in BEADS[path[q][0]] for q in (k - 1, k + 1) if 0 <= q < len(path))
        agree = sum(1 for s in range(i - a, i) if j - b <= best_j[s] < j) / a
        rows.append([ev, float((a, b) == (1, 1)), float(a * b == 2),
                     float((a, b) == (1, 1) and (i - 1, j - 1) in anchors), agree,
                     float(near_gap)])
    return rows


def _confidence(features: list[float], embeddings: bool) -> float:
    if not features or math.isnan(features[0]):
        return 0.0
    coef = _CALIBRATION[embeddings]
    z = coef[0] + sum(c * f for c, f in zip(coef[1:], features, strict=True))
    return float(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    source_lang: str = "zh-Hant",
    target_lang: str = "en",
    *,
    source_paragraphs: Sequence[int] | None = None,
    target_paragraphs: Sequence[int] | None = None,
    embedder: Embedder | None = None,
    params: Params | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> Alignment:
    """Align two lists of sentences. `embedder` is an object with encode(list[str]) -> array,
    or None to align without meaning (lengths, anchors, dictionary only)."""
    s_zh, t_zh = langs.is_chinese(source_lang), langs.is_chinese(target_lang)
    p = params or (Params.for_embeddings() if embedder is not None else Params())
    if params is None and s_zh == t_zh:
        # One language on both sides (after OpenCC): a translation shares most of its words
        # and keeps its length, so both kinds of evidence can be trusted much more.
        p = replace(p, lex_ref=0.85, len_var=1.0, w_len=0.1)
    source, target = list(source), list(target)
    n, m = len(source), len(target)
    report = progress or (lambda stage, frac: None)
    if n == 0 or m == 0:
        beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return Alignment(source, target, beads, source_lang, target_lang)
    s_mode = "gloss" if s_zh and not t_zh else "words"
    t_mode = "gloss" if t_zh and not s_zh else "words"
    report("features", 0.0)
    # The English side first: its names tell which Chinese runs to spell in pinyin.
    if t_mode == "gloss":
        src = _prepare(source, source_lang, target_lang, source_paragraphs, s_mode)
        report("features", 0.5)
        tgt = _prepare(target, target_lang, source_lang, target_paragraphs, t_mode, src)
    else:
        tgt = _prepare(target, target_lang, source_lang, target_paragraphs, t_mode)
        report("features", 0.5)
        src = _prepare(source, source_lang, target_lang, source_paragraphs, s_mode, tgt)
    vectors = None
    embed_spans = None
    if embedder is not None:
        report("embeddings", 0.0)
        from workbench.align.embed import sentence_vectors
        from workbench.convert import to_simplified

        # Both Chinese sides in one script: the model then sees the same characters.
        texts_s = [to_simplified(s) for s in source] if s_zh else source
        texts_t = [to_simplified(t) for t in target] if t_zh else target
        vs = sentence_vectors(embedder, texts_s)
        report("embeddings", 0.5)
        vt = sentence_vectors(embedder, texts_t)
        vectors = (vs, vt)
        embed_spans = _span_embedder(embedder, (texts_s, "" if s_zh else " "),
                                     (texts_t, "" if t_zh else " "))
    report("aligning", 0.0)
    beads, features = _align_prepared(src, tgt, vectors, p, report, embed_spans)
    report("aligning", 1.0)
    return Alignment(source, target, beads, source_lang, target_lang, vectors is not None,
                     list(source_paragraphs) if source_paragraphs is not None else None,
                     list(target_paragraphs) if target_paragraphs is not None else None,
                     features)


def _span_embedder(embedder: Embedder, *sides: tuple[list[str], str]) -> SpanEmbedder:
    """Vectors of the texts of spans (start, size) of either side (0 source, 1 target), each
    side given as its sentences as the model sees them and what joins them (nothing between
    Chinese sentences, a space otherwise)."""
    from workbench.align.embed import sentence_vectors

    def embed(side: int, spans: list[tuple[int, int]]) -> np.ndarray:
        texts, sep = sides[side]
        return sentence_vectors(embedder, [sep.join(texts[i:i + k]) for i, k in spans])

    return embed


def _anchor_tokens(side: _Side) -> list[frozenset]:
    """Dictionary stems plus the strong anchors (numbers, Latin words) of each sentence."""
    return [stems | frozenset(a for a in anchors if a[0][0] in ("n", "w"))
            for stems, anchors in zip(side.stems, side.anchors, strict=True)]


class SpanVectors:
    """Unit vectors of the spans of `size` sentences starting at each row 0..n (rows past
    the end are zero), as an array of shape (n+1, dim) is read (`spans[rows]`, `len`), but
    computed from the sentences' running sum when read: stored, a book's five sizes on both
    sides took most of its memory (740 MB for 30,000 x 42,000 sentences). Some rows may be
    given a vector of their own: the embedding of the span's text (the second pass)."""

    def __init__(self, cum: np.ndarray, size: int) -> None:
        self.cum, self.size = cum, size
        self.n = cum.shape[0] - 1
        self.shape = (self.n + 1, cum.shape[1])
        self._row: np.ndarray | None = None  # start -> row of _given, or -1
        self._given = np.zeros((0, cum.shape[1]), dtype=np.float32)

    def __len__(self) -> int:
        return self.n + 1

    def __getitem__(self, key: int | slice | np.ndarray) -> np.ndarray:
        if isinstance(key, slice):
            return self._rows(np.arange(*key.indices(self.n + 1)))
        if isinstance(key, (int, np.integer)):
            return self._rows(np.array([key]))[0]
        return self._rows(np.asarray(key))

    def _rows(self, starts: np.ndarray) -> np.ndarray:
        inside = starts + self.size <= self.n
        first = np.where(inside, starts, 0)
        span = self.cum[np.where(inside, starts + self.size, 0)] - self.cum[first]
        out = span / np.maximum(np.linalg.norm(span, axis=-1, keepdims=True), 1e-9)
        if self._row is not None:
            row = self._row[starts]
            hit = row >= 0
            out[hit] = self._given[row[hit]]
        return out

    def give(self, starts: list[int], vectors: np.ndarray) -> None:
        """These spans' own vectors, in place of the sum of their sentences'."""
        self._row = np.full(self.n + 1, -1, dtype=np.int64)
        self._row[np.asarray(starts, dtype=np.int64)] = np.arange(len(starts))
        self._given = np.asarray(vectors, dtype=np.float32).reshape(len(starts), -1)


def _span_vectors(vectors: np.ndarray, max_size: int) -> list[SpanVectors]:
    """For size 1..max_size, the normalised sums of the vectors of the span of that size
    starting at each sentence: the first pass's stand-in for the vector of the span's text,
    which costs nothing."""
    n, dim = vectors.shape
    cum = np.zeros((n + 1, dim), dtype=np.float32)
    np.cumsum(vectors, axis=0, out=cum[1:])
    return [SpanVectors(cum, size) for size in range(1, max_size + 1)]


def _length_ratio(chain: list[tuple[int, int, float]], src: _Side, tgt: _Side) -> float | None:
    """Target length per unit of source length, measured between anchors over the stretches
    that look like plain translation (a stretch holding an untranslated passage or an added
    one is left out rather than allowed to stretch every other bead). None with too few
    anchors."""
    from workbench.align.anchors import ODD, slope_deviation, usual_slope

    if len(chain) < 3:
        return None
    cs, ct = _cumsum0(src.lengths), _cumsum0(tgt.lengths)
    slope = usual_slope(chain)
    ls = lt = 0.0
    for (i0, j0, _), (i1, j1, _) in itertools.pairwise(chain):
        if abs(slope_deviation(i1 - i0, j1 - j0, slope)) <= ODD:
            ls += cs[i1] - cs[i0]
            lt += ct[j1] - ct[j0]
    return lt / ls if ls > 0 and lt > 0 else None


SpanEmbedder = Callable[[int, list[tuple[int, int]]], np.ndarray]


def _with_spans(vectors: np.ndarray, needed: set[tuple[int, int]], texts: np.ndarray
                ) -> tuple[list[SpanVectors], list[np.ndarray]]:
    """The spans of the sentences' `vectors` with the `needed` spans' (start, size) the
    vectors of their `texts`, and for each size which rows have a vector (every single
    sentence)."""
    out = _span_vectors(vectors, MAX_SPAN)
    have = [np.ones(len(out[0]), dtype=bool)] + [np.zeros(len(arr), dtype=bool)
                                                  for arr in out[1:]]
    order = sorted(needed)
    texts = np.asarray(texts)
    for size in range(2, MAX_SPAN + 1):
        at = [k for k, (_, z) in enumerate(order) if z == size]
        starts = [order[k][0] for k in at]
        if starts:
            out[size - 1].give(starts, texts[at])
            have[size - 1][starts] = True
    return out, have


def _reversed(side: _Side) -> _Side:
    """The side read from its end: its DP's costs of reaching a cell are the costs of
    finishing from it."""
    return _Side(side.lengths[::-1].copy(), side.anchors[::-1], side.stems[::-1],
                 side.known[::-1].copy(), side.strong[::-1].copy(),
                 None if side.boundary is None else side.boundary[::-1].copy())


def _at(table: np.ndarray, band: _Band, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """table[i, j - lo[i]] where (i, j) lies in the band, inf elsewhere."""
    n = len(band.lo) - 1
    ii = np.clip(i, 0, n)
    k = j - band.lo[ii]
    ok = (i >= 0) & (i <= n) & (k >= 0) & (k < table.shape[1]) & (j <= band.hi[ii])
    return np.where(ok, table[ii, np.clip(k, 0, table.shape[1] - 1)], np.inf)


def _finishing_costs(scorer: _Scorer, band: _Band, vectors: tuple[np.ndarray, np.ndarray]
                     ) -> np.ndarray:
    """For every cell of the band, the cost of the cheapest way from it to the end: the same
    DP run on both sides reversed (n - i, m - j in its table)."""
    p, n, m = scorer.p, scorer.n, scorer.m
    back_scorer = _Scorer(_reversed(scorer.src), _reversed(scorer.tgt), p,
                          (_span_vectors(vectors[0][::-1], MAX_SPAN),
                           _span_vectors(vectors[1][::-1], MAX_SPAN)), scorer.ratio,
                          mirrored=True)
    back_scorer.lone_scale = scorer.lone_scale
    back_band = _Band(m - band.hi[::-1], m - band.lo[::-1], m)
    table: list[np.ndarray] = []
    _run_dp(back_scorer.costs(back_band)[0], back_band, n, m, p.gap_open, p.gap_mix, table)
    rows = np.arange(n + 1)[:, None]
    cols = band.lo[:, None] + np.arange(band.width)[None, :]
    return _at(table[0], back_band, n - rows, m - cols)


def _through(ahead: np.ndarray, rest: np.ndarray, band: _Band, cost: np.ndarray, a: int,
             b: int) -> np.ndarray:
    """For the a-b beads ending at each cell of the band, the cost of the cheapest whole path
    through them: reaching the bead (`ahead`, the DP's table), the bead, and going on from its
    end (`rest`, _finishing_costs)."""
    rows = np.arange(len(band.lo))[:, None]
    cols = band.lo[:, None] + np.arange(band.width)[None, :]
    return _at(ahead, band, rows - a, cols - b) + cost + rest


def _near_best_spans(
    scorer: _Scorer, band: _Band, costs: list[np.ndarray], ahead: np.ndarray,
    vectors: tuple[np.ndarray, np.ndarray], margin: float, path: list[tuple[int, int, int]],
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The source and target spans of two sentences or more, as (start, size), of the beads
    that lie on some path costing at most `margin` more than the best one, `path` (whose own
    spans are always among them). One bead type at a time: on a book, the arrays of all
    types at once took hundreds of megabytes."""
    rest = _finishing_costs(scorer, band, vectors)
    best = float(ahead[scorer.n, scorer.m - band.lo[scorer.n]])
    src = {(i - BEADS[t][0], BEADS[t][0]) for t, i, _ in path if BEADS[t][0] > 1}
    tgt = {(j - BEADS[t][1], BEADS[t][1]) for t, _, j in path if BEADS[t][1] > 1}
    for t, (a, b) in enumerate(BEADS):
        if a == 0 or b == 0 or a + b == 2:
            continue
        i, k = np.nonzero(_through(ahead, rest, band, costs[t], a, b) <= best + margin)
        j = band.lo[i] + k
        if a > 1:
            src.update((int(x), a) for x in np.unique(i - a))
        if b > 1:
            tgt.update((int(y), b) for y in np.unique(j - b))
    return src, tgt


def _align_prepared(
    src: _Side, tgt: _Side, vectors: tuple[np.ndarray, np.ndarray] | None, p: Params,
    report: Callable[[str, float], None], embed_spans: SpanEmbedder | None = None,
) -> tuple[list[Bead], list[list[float]]]:
    from workbench.align.anchors import LexicalIndex, drop_outliers, find_anchors

    n, m = len(src.lengths), len(tgt.lengths)
    src_tokens, tgt_tokens = _anchor_tokens(src), _anchor_tokens(tgt)
    lex = LexicalIndex(src_tokens, tgt_tokens)
    chain, best_j = find_anchors(lex, vectors[0] if vectors else None,
                                 vectors[1] if vectors else None, p.margin,
                                 src_tokens, tgt_tokens)
    del lex, src_tokens, tgt_tokens  # a sentence's tokens as sets: 50 MB for 10,000 pairs
    chain = drop_outliers(chain, n, m)
    emb = None
    if vectors is not None:
        emb = (_span_vectors(vectors[0], MAX_SPAN), _span_vectors(vectors[1], MAX_SPAN))
    scorer = _Scorer(src, tgt, p, emb, _length_ratio(chain, src, tgt))
    report("aligning", 0.2)
    target_pos = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
    if len(chain) >= 2:
        # The expected path runs through the anchors (and flat where one side ran out).
        rows = [0.0] + [x for i, _, _ in chain for x in (i, i + 1)] + [float(n)]
        cols = [0.0] + [x for _, j, _ in chain for x in (j, j + 1)] + [float(m)]
        centers = np.interp(np.arange(n + 1), rows, cols)
    else:
        # No anchors (very short or very free texts): the diagonal the lengths predict.
        want = _cumsum0(src.lengths) * scorer.ratio
        centers = np.interp(want, target_pos, np.arange(m + 1))
    if p.w_lone:
        scorer.lone_scale = scorer.lone_reliability(centers)
    half = p.band
    costs: list[np.ndarray] = []
    evid: list[np.ndarray] = []
    for attempt in range(6):
        # Widened around the path found while the path runs along the band's edge.
        band = _Band.around(centers, half, m)
        costs.clear()  # the narrower band's arrays go before the wider band's are made
        evid.clear()
        costs, evid = scorer.costs(band)
        table: list[np.ndarray] = []
        path = _run_dp(costs, band, n, m, p.gap_open, p.gap_mix, table)
        if band.width >= m + 1 or not _touches_edge(path, band):
            break
        centers = _centers_from_path(path, n)
        if attempt >= 1:
            half *= 2
        report("aligning", 0.2 + (attempt + 1) / 8)
    if embed_spans is not None and vectors is not None:
        # Second pass. A span of several sentences was scored by the sum of its sentences'
        # vectors, which tells poorly where one bead ends and the next begins: the model
        # reads a sentence that finishes its neighbour's thought ("She left after making
        # sure everything was fine.") on its own. Embedding the spans' texts, as Vecalign
        # and Bertalign do, costs several times the sentences themselves, so only the spans
        # of the beads on paths nearly as good as the best are embedded; the others are
        # left out of the second pass.
        report("aligning", 0.6)
        # A book's arrays are large: the first pass's evidence and span sums go before the
        # backward run makes its own (and the sums are made again, cheaply, after).
        del evid
        scorer.emb = emb = None
        need_s, need_t = _near_best_spans(scorer, band, costs, table[0], vectors,
                                          p.refine_margin, path)
        del costs, table
        es, have_s = _with_spans(vectors[0], need_s, embed_spans(0, sorted(need_s)))
        et, have_t = _with_spans(vectors[1], need_t, embed_spans(1, sorted(need_t)))
        report("aligning", 0.9)
        scorer.use_spans((es, et), (have_s, have_t))
        scorer.p = replace(p, prior_big=p.refine_prior_big)
        costs, evid = scorer.costs(band)
        path = _run_dp(costs, band, n, m, p.gap_open, p.gap_mix)
    evs = [float(evid[t][i, j - band.lo[i]]) for t, i, j in path]
    features = _bead_features(path, evs, {(i, j) for i, j, _ in chain}, best_j)
    beads = []
    for (t, i, j), f in zip(path, features, strict=True):
        a, b = BEADS[t]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)),
                          _confidence(f, vectors is not None)))
    return beads, features

