"""The aligner's second pass with embeddings: spans scored by the vectors of their texts,
for the beads of the paths nearly as good as the best (found by a forward and a backward
run of the same DP)."""

from __future__ import annotations

import dataclasses
import zlib

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from workbench.align import dp
from workbench.align.embed import sentence_vectors

DIM = 32
ALIGN = DATA / "align"
ZH = (ALIGN / "story.zh-Hant.txt").read_text(encoding="utf-8").splitlines()
EN = (ALIGN / "story.en.txt").read_text(encoding="utf-8").splitlines()


def _basis(k: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[k] = 1.0
    return v


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


class TableEmbedder:
    """Vectors given by a table; any other text gets a fixed random vector of its own."""

    def __init__(self, table: dict[str, np.ndarray] | None = None) -> None:
        self.table = table or {}
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        out = []
        for text in texts:
            if text in self.table:
                out.append(self.table[text])
            else:
                rng = np.random.default_rng(zlib.crc32(text.encode("utf-8")))
                out.append(rng.normal(size=DIM).astype(np.float32))
        return np.stack(out)


def test_second_pass_reads_the_text_of_a_span() -> None:
    """The second target sentence reads like the second source sentence on its own, but the
    first two target sentences together say what the first source sentence says. The sum
    of their vectors misses it; the vector of their text does not."""
    source = ["甲乙丙丁戊己庚辛壬癸。", "子丑寅卯辰巳午未申酉。"]
    target = ["Alpha bravo charlie delta.", "Echo foxtrot golf hotel.", "India juliet kilo lima."]
    table = {
        source[0]: _basis(0), source[1]: _basis(1),
        target[0]: _unit(_basis(0) + 0.3 * _basis(5)), target[1]: _basis(1),
        target[2]: _unit(_basis(1) + 0.5 * _basis(2)),
        f"{target[0]} {target[1]}": _basis(0), f"{target[1]} {target[2]}": _basis(3),
    }
    # The meaning alone decides: no lengths, dictionary or anchors; every span's text is
    # embedded in the second pass.
    params = dataclasses.replace(dp.Params.for_embeddings(), w_len=0, w_lex=0, w_anc=0,
                                 w_lone=0, skip=3.0, refine_margin=5.0)
    embedder = TableEmbedder(table)
    result = dp.align_sentences(source, target, "zh-Hant", "en", embedder=embedder,
                                params=params)
    assert [(b.source, b.target) for b in result.beads] == [((0,), (0, 1)), ((1,), (2,))]
    assert f"{target[0]} {target[1]}" in embedder.seen
    # Without the span's text among those embedded, the first pass's reading stays.
    first_only = dp.align_sentences(source, target, "zh-Hant", "en",
                                    embedder=TableEmbedder(table),
                                    params=dataclasses.replace(params, refine_margin=-1.0))
    assert [(b.source, b.target) for b in first_only.beads] == [((0,), (0,)),
                                                                 ((1,), (1, 2))]


def _paragraphs(count: int, breaks: list[int]) -> list[int]:
    return [sum(1 for b in breaks if b <= i) for i in range(count)]


def _scored(source: list[str], target: list[str], breaks: list[int], target_breaks: list[int]
            ) -> tuple[list[tuple[int, int, int]], dp._Band, list[np.ndarray], float]:
    n, m = len(source), len(target)
    tgt = dp._prepare(target, "en", "zh-Hant", _paragraphs(m, target_breaks), "words")
    src = dp._prepare(source, "zh-Hant", "en", _paragraphs(n, breaks), "gloss", tgt)
    embedder = TableEmbedder()
    vectors = (sentence_vectors(embedder, source), sentence_vectors(embedder, target))
    emb = (dp._span_vectors(vectors[0], dp.MAX_SPAN), dp._span_vectors(vectors[1], dp.MAX_SPAN))
    scorer = dp._Scorer(src, tgt, dp.Params.for_embeddings(), emb)
    band = dp._Band.around(np.linspace(0, m, n + 1), 3, m)
    costs, _ = scorer.costs(band)
    table: list[np.ndarray] = []
    path = dp._run_dp(costs, band, n, m, scorer.p.gap_open, scorer.p.gap_mix, table)
    rest = dp._finishing_costs(scorer, band, vectors)
    through = [dp._through(table[0], rest, band, cost, a, b)
               for (a, b), cost in zip(dp.BEADS, costs, strict=True)]
    return path, band, through, float(table[0][n, m - band.lo[n]])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ZH), min_size=1, max_size=10),
       st.lists(st.sampled_from(EN), min_size=1, max_size=12),
       st.lists(st.integers(1, 9), max_size=3), st.lists(st.integers(1, 11), max_size=3))
def test_the_backward_run_prices_the_best_path_exactly(
        source: list[str], target: list[str], breaks: list[int], target_breaks: list[int],
) -> None:
    """Reaching a bead, the bead, and going on from it cost together exactly the best path's
    cost for every pairing bead of the best path, and never less for any other bead: else
    the second pass would leave out beads it needs (paragraph ends included, which are
    judged where a bead starts and so where the backward run's bead ends)."""
    path, band, through, best = _scored(source, target, breaks, target_breaks)
    for t, i, j in path:
        a, b = dp.BEADS[t]
        if a and b:
            assert abs(through[t][i, j - band.lo[i]] - best) <= 1e-6 * max(1.0, abs(best))
    for t, (a, b) in enumerate(dp.BEADS):
        if a and b:
            assert np.nanmin(through[t]) >= best - 1e-6 * max(1.0, abs(best))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ZH), max_size=10), st.lists(st.sampled_from(EN), max_size=12),
       st.floats(-1.0, 3.0))
def test_the_second_pass_covers_every_sentence_in_order(
        source: list[str], target: list[str], margin: float) -> None:
    """Whatever spans the second pass embeds (none, some, all), the beads cover both sides."""
    params = dataclasses.replace(dp.Params.for_embeddings(), refine_margin=margin)
    result = dp.align_sentences(source, target, "zh-Hant", "en", embedder=TableEmbedder(),
                                params=params)
    assert [i for b in result.beads for i in b.source] == list(range(len(source)))
    assert [j for b in result.beads for j in b.target] == list(range(len(target)))
    assert all(b.source or b.target for b in result.beads)


def _two_two_case(first_target: np.ndarray) -> tuple[list[str], list[str], dict]:
    """Two padded 1-1 pairs on each side of two source and two target sentences."""
    zh_pad = ["一二三四五六七八九十。", "金木水火土日月星辰海。", "春夏秋冬东南西北中央。",
              "赤橙黄绿青蓝紫黑白灰。"]
    en_pad = ["One two three four five.", "Metal wood water fire earth.",
              "Spring summer autumn winter.", "Red orange yellow green blue."]
    pair = ["甲乙丙丁戊己庚辛壬癸。", "子丑寅卯辰巳午未申酉。"]
    tpair = ["Alpha bravo charlie delta.", "Echo foxtrot golf hotel."]
    table = {text: _basis(10 + k) for k, texts in enumerate(zip(zh_pad, en_pad, strict=True))
             for text in texts}
    table.update({pair[0]: _basis(0), pair[1]: _basis(1), tpair[0]: first_target,
                  tpair[1]: _unit(_basis(1) + 0.5 * _basis(2)),
                  "".join(pair): _unit(_basis(0) + _basis(1)),
                  " ".join(tpair): _unit(_basis(0) + _basis(1))})
    return zh_pad[:2] + pair + zh_pad[2:], en_pad[:2] + tpair + en_pad[2:], table


def test_a_crossing_pair_is_one_two_two_bead() -> None:
    """The first target sentence says more of the second source sentence than of the first
    (the translator moved the boundary): with the crossing evidence the four sentences are
    one 2-2 bead; without it, or when the first target sentence is mostly the first source
    sentence's, two 1-1 beads."""
    params = dataclasses.replace(dp.Params.for_embeddings(), w_len=0, w_lex=0, w_anc=0,
                                 w_lone=0, skip=3.0, refine_margin=5.0)

    def middle(first_target: np.ndarray, w_cross: float) -> list:
        source, target, table = _two_two_case(first_target)
        result = dp.align_sentences(source, target, "zh-Hant", "en",
                                    embedder=TableEmbedder(table),
                                    params=dataclasses.replace(params, w_cross=w_cross))
        return [(b.source, b.target) for b in result.beads][1:-1]

    crossing = _unit(0.6 * _basis(0) + _basis(1))
    assert middle(crossing, params.w_cross) == [((1,), (1,)), ((2, 3), (2, 3)), ((4,), (4,))]
    assert middle(crossing, 0.0) == [((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))]
    straight = _unit(_basis(0) + 0.3 * _basis(1))
    assert middle(straight, params.w_cross) == [((1,), (1,)), ((2,), (2,)), ((3,), (3,)),
                                                ((4,), (4,))]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 50), st.integers(1, 6), st.integers(0, 2**31 - 1))
def test_single_precision_costs_find_the_double_precision_path(
        n: int, m: int, half: int, seed: int) -> None:
    """The bead costs are kept in single precision (a book's arrays are most of its memory):
    the programme must find the same path and the same costs as with the same values in
    double precision. (A running sum over a row of 0-1 costs, with 1e9 standing for the
    cells outside the document, once summed in single precision and lost every cost.)"""
    rng = np.random.default_rng(seed)
    band = dp._Band.around(np.linspace(0, m, n + 1), half, m)
    cols = band.lo[:, None] + np.arange(band.width)[None, :]
    outside = cols > np.minimum(band.hi, m)[:, None]
    costs32 = []
    for _ in dp.BEADS:
        cost = rng.uniform(0.0, 3.0, size=(n + 1, band.width)).astype(np.float32)
        # Every bead possible inside the band: a narrow band's rows may meet by one bead
        # only (a 1-5 from one row's last cell), as the first pass's costs allow.
        cost[outside] = np.inf
        costs32.append(cost)
    costs64 = [c.astype(np.float64) for c in costs32]
    tables32: list[np.ndarray] = []
    tables64: list[np.ndarray] = []
    path32 = dp._run_dp(costs32, band, n, m, 0.3, 0.3, tables32)
    path64 = dp._run_dp(costs64, band, n, m, 0.3, 0.3, tables64)
    assert path32 == path64
    assert np.array_equal(tables32[0], tables64[0])
