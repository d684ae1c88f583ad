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
the lengths predict, then the path found), so time and memory grow linearly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from workbench import langs
from workbench.align import features, lexicon

BEADS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1))
MAX_SPAN = 3


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

    def ladder(self) -> str:
        return "".join(b.ladder() + "\n" for b in self.beads)


@dataclass
class Params:
    """Weights of the cost. Tuned on MAC-Dev as a whole (all six documents together, a dozen
    global knobs, coordinate search), never per document; see bench/align.py."""

    band: int = 24  # half-width of the band, in target sentences
    w_len: float = 0.028  # per unit of delta^2/2 (Gale–Church)
    len_var: float = 4.0  # variance per character (times the length)
    w_lex: float = 0.45
    lex_ref: float = 0.44  # an overlap this good counts as a sure match
    w_anc: float = 0.125
    anc_bonus: float = 0.08  # reward per shared anchor
    w_emb: float = 0.0
    size_power: float = 0.375  # evidence cost scaled by (a*b) ** size_power
    skip: float = 0.54  # a 1-0 or 0-1 bead
    prior_2: float = 0.25  # 1-2, 2-1
    prior_22: float = 0.6
    prior_3: float = 0.6  # 1-3, 3-1
    w_par: float = 0.6  # paragraph end on one side only

    @classmethod
    def for_embeddings(cls) -> Params:
        """With the meaning of the sentences known, the dictionary matters less and an
        omission must be surer."""
        return cls(w_lex=0.225, lex_ref=0.35, anc_bonus=0.0, w_emb=1.0, size_power=0.5,
                   skip=0.9)


@dataclass
class _Side:
    lengths: np.ndarray
    anchors: list[frozenset[object]]
    stems: list[frozenset[str]]
    known: np.ndarray
    strong: np.ndarray  # anchors that should appear on the other side
    boundary: np.ndarray | None  # paragraph starts at this position (len n+1)


def _prepare(
    sentences: Sequence[str], lang: str, other_lang: str, paragraphs: Sequence[int] | None,
    compare: str,
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
    for s in sentences:
        if compare == "gloss":
            simplified = to_simplified(s)
            g, k = lexicon.chinese_glosses(tokenize_chinese(simplified))
            stems.append(g | lexicon.chinese_names(simplified))
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
                      dtype=np.float64)  # type: ignore[index]
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

    def __init__(self, centers: np.ndarray, half: int, m: int) -> None:
        n1 = len(centers)
        lo = np.clip(np.floor(centers).astype(np.int64) - half, 0, m)
        hi = np.clip(np.ceil(centers).astype(np.int64) + half, 0, m)
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
                 emb: tuple[list[np.ndarray], list[np.ndarray]] | None) -> None:
        self.src, self.tgt, self.p = src, tgt, params
        self.n, self.m = len(src.lengths), len(tgt.lengths)
        self.cs = _cumsum0(src.lengths)
        self.ct = _cumsum0(tgt.lengths)
        self.ratio = self.ct[-1] / max(self.cs[-1], 1.0)
        self.cks, self.ckt = _cumsum0(src.known), _cumsum0(tgt.known)
        self.cas, self.cat = _cumsum0(src.strong), _cumsum0(tgt.strong)
        self.emb = emb
        if emb is not None:
            self._baselines()

    def _baselines(self) -> None:
        """Mean cosine distance of every span to random sentences of the other side."""
        assert self.emb is not None
        es, et = self.emb
        rng = np.random.default_rng(0)
        sample_t = et[0][rng.integers(0, max(self.m, 1), size=min(64, self.m))]
        sample_s = es[0][rng.integers(0, max(self.n, 1), size=min(64, self.n))]
        self.base_s = [np.maximum(1.0 - (e @ sample_t.T).mean(axis=1), 0.05) for e in es]
        self.base_t = [np.maximum(1.0 - (e @ sample_s.T).mean(axis=1), 0.05) for e in et]

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
                lexscore = mlex / (known + 1.0)
                lex_cost = 1.0 - np.minimum(lexscore / p.lex_ref, 1.0)
                strong = (self.cas[i1] - self.cas[i0] + self.cat[j1] - self.cat[j0]) / 2
                anc_cost = np.maximum(strong - manc, 0) / (strong + 1.0)
                ev = p.w_len * len_cost + p.w_lex * lex_cost + p.w_anc * anc_cost
                if self.emb is not None:
                    ev = ev + p.w_emb * self._emb_cost(a, b, i0, j0, valid)
                cost = (ev * (a * b) ** p.size_power
                        + self._prior(a, b) - p.anc_bonus * manc)
            if self.src.boundary is not None and self.tgt.boundary is not None:
                mismatch = self.src.boundary[i1] != self.tgt.boundary[j1]
                cost = cost + p.w_par * mismatch
            out.append(np.where(valid, cost, np.inf))
            evid.append(np.where(valid, ev, np.nan))
        return out, evid

    def _prior(self, a: int, b: int) -> float:
        p = self.p
        if a == b == 1:
            return 0.0
        if a * b == 2:
            return p.prior_2
        if a * b == 4:
            return p.prior_22
        return p.prior_3

    def _emb_cost(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray,
                  valid: np.ndarray) -> np.ndarray:
        assert self.emb is not None
        es, et = self.emb[0][a - 1], self.emb[1][b - 1]
        i0, j0 = np.broadcast_arrays(i0, j0)
        out = np.ones(i0.shape)
        step = max(1, 40000 // max(i0.shape[1], 1))
        for r in range(0, i0.shape[0], step):
            si, sj = i0[r:r + step], j0[r:r + step]
            cos = np.einsum("rkd,rkd->rk", es[si], et[sj])
            base = (self.base_s[a - 1][si] + self.base_t[b - 1][sj]) / 2
            out[r:r + step] = (1.0 - cos) / base
        return np.where(valid, out, 1.0)


def _run_dp(costs: list[np.ndarray], band: _Band, n: int, m: int
            ) -> list[tuple[int, int, int]]:
    """The cheapest path; beads as (bead type, end i, end j), in order."""
    lo, width = band.lo, band.width
    total = np.full((n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    ks = np.arange(width)
    skip_t = BEADS.index((0, 1))
    for i in range(n + 1):
        best = np.full(width, np.inf)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0
        for t, (a, b) in enumerate(BEADS):
            if a == 0 or i < a:
                continue
            prev = i - a
            kp = ks + lo[i] - b - lo[prev]
            ok = (kp >= 0) & (kp < width)
            cand = np.where(ok, total[prev, np.clip(kp, 0, width - 1)], np.inf) + costs[t][i]
            better = cand < best
            best = np.where(better, cand, best)
            arg = np.where(better, t, arg)
        # 0-1 beads move along the row: total[k] = min(best[k], total[k-1] + c[k]).
        c = costs[skip_t][i].copy()
        c[0] = 0.0
        c = np.where(np.isinf(c), 1e9, c)
        cum = np.cumsum(c)
        run = np.minimum.accumulate(best - cum) + cum
        row = np.minimum(best, run)
        from_left = row < best - 1e-9
        arg = np.where(from_left, skip_t, arg)
        row = np.where(np.isinf(costs[skip_t][i]) & from_left, np.inf, row)
        total[i] = row
        back[i] = arg
    # Back from (n, m).
    path: list[tuple[int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        if t < 0:
            raise RuntimeError("alignment band lost the path")  # a bug, not bad input
        a, b = BEADS[t]
        path.append((t, i, j))
        i, j = i - a, j - b
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


# Logistic calibration of the evidence cost into the chance that a bead is exactly right,
# fitted on MAC-Dev's beads (intercept, per unit of evidence cost, bonus for a 1-1 bead).
_CALIBRATION = {False: (2.0, -5.5, 1.56), True: (3.9, -4.2, 2.0)}


def _confidence(ev: float, kind: tuple[int, int], embeddings: bool) -> float:
    if 0 in kind or math.isnan(ev):
        return 0.0
    a, b, c = _CALIBRATION[embeddings]
    z = a + b * ev + (c if kind == (1, 1) else 0.0)
    return float(1.0 / (1.0 + math.exp(-z)))


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    source_lang: str = "zh-Hant",
    target_lang: str = "en",
    *,
    source_paragraphs: Sequence[int] | None = None,
    target_paragraphs: Sequence[int] | None = None,
    embedder: object | None = None,
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
    src = _prepare(source, source_lang, target_lang, source_paragraphs, s_mode)
    report("features", 0.5)
    tgt = _prepare(target, target_lang, source_lang, target_paragraphs, t_mode)
    emb = None
    if embedder is not None:
        report("embeddings", 0.0)
        from workbench.convert import to_simplified

        # Both Chinese sides in one script: the model then sees the same characters.
        es = _span_embeddings(embedder, [to_simplified(s) for s in source] if s_zh else source,
                              "" if s_zh else " ")
        report("embeddings", 0.5)
        et = _span_embeddings(embedder, [to_simplified(s) for s in target] if t_zh else target,
                              "" if t_zh else " ")
        emb = (es, et)
    report("aligning", 0.0)
    beads = _align_prepared(src, tgt, emb, p, report)
    report("aligning", 1.0)
    return Alignment(source, target, beads, source_lang, target_lang, emb is not None,
                     list(source_paragraphs) if source_paragraphs is not None else None,
                     list(target_paragraphs) if target_paragraphs is not None else None)


def _align_prepared(
    src: _Side, tgt: _Side, emb: tuple[list[np.ndarray], list[np.ndarray]] | None, p: Params,
    report: Callable[[str, float], None],
) -> list[Bead]:
    n, m = len(src.lengths), len(tgt.lengths)
    scorer = _Scorer(src, tgt, p, emb)
    # First band: the diagonal that the lengths predict.
    target_pos = np.concatenate([[0.0], np.cumsum(tgt.lengths)])
    want = _cumsum0(src.lengths) * scorer.ratio
    centers = np.interp(want, target_pos, np.arange(m + 1))
    half = p.band
    for attempt in range(6):
        band = _Band(centers, half, m)
        costs, evid = scorer.costs(band)
        path = _run_dp(costs, band, n, m)
        if band.width >= m + 1 or not _touches_edge(path, band):
            break
        centers = _centers_from_path(path, n)
        if attempt >= 1:
            half *= 2
        report("aligning", (attempt + 1) / 6)
    beads = []
    for t, i, j in path:
        a, b = BEADS[t]
        ev = float(evid[t][i, j - band.lo[i]])
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)),
                          _confidence(ev, (a, b), emb is not None)))
    return beads


def _span_embeddings(embedder: object, sentences: list[str], joiner: str) -> list[np.ndarray]:
    from workbench.align.embed import span_embeddings

    return span_embeddings(embedder, sentences, MAX_SPAN, joiner)  # type: ignore[arg-type]
