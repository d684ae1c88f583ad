"""Partial and gapped translations: untranslated stretches come out as 1-0 beads, added
sentences as 0-1, and `align` says how much of each side it paired.

The documents are generated: sentences of a few shapes told apart by their numbers (a
translation keeps numbers, so each pair has its own evidence), aligned without embeddings.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import run_cli
from workbench.align.anchors import drop_outliers, longest_chain
from workbench.align.dp import _span_vectors, align_sentences
from workbench.align.embed import sentence_vectors

SHAPES = [
    ("他在{a}年買了{b}本書。", "In {a} he bought {b} books."),
    ("這座城市有{b}萬人口，建於{a}年。", "The city, founded in {a}, has {b}0,000 people."),
    ("{a}年的冬天特別冷，河上結了{b}厘米厚的冰。",
     "The winter of {a} was very cold, and the ice on the river was {b} centimetres thick."),
    ("她每天走{b}公里去學校。", "She walked {b} kilometres to school every day."),
    ("火車晚了{b}分鐘，我們在車站等到{a}年代的老鐘敲響。",
     "The train was {b} minutes late, and we waited until the old clock from the {a}s struck."),
    ("老師說這本書有{b}頁。", "The teacher said the book had {b} pages."),
]


def document(count: int = 60) -> tuple[list[str], list[str]]:
    zh, en = [], []
    for k in range(count):
        a, b = 1901 + k, 11 + 3 * k
        shape_zh, shape_en = SHAPES[k % len(SHAPES)]
        zh.append(shape_zh.format(a=a, b=b))
        en.append(shape_en.format(a=a, b=b))
    return zh, en


def pairs(result) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:  # type: ignore[no-untyped-def]
    return [(b.source, b.target) for b in result.beads]


def test_clean_document_is_all_one_to_one() -> None:
    zh, en = document()
    assert pairs(align_sentences(zh, en, "zh-Hant", "en")) == [
        ((k,), (k,)) for k in range(len(zh))]


def test_only_the_first_half_translated() -> None:
    zh, en = document()
    result = align_sentences(zh, en[:30], "zh-Hant", "en")
    got = pairs(result)
    assert got[:30] == [((k,), (k,)) for k in range(30)]
    assert got[30:] == [((k,), ()) for k in range(30, 60)]
    assert result.coverage() == ["target covers source sentences 1–30 of 60"]
    # Untranslated beads are never confident.
    assert all(b.confidence == 0.0 for b in result.beads[30:])


def test_a_block_left_untranslated() -> None:
    zh, en = document()
    result = align_sentences(zh, en[:20] + en[32:], "zh-Hant", "en")
    got = pairs(result)
    assert [((k,), ()) for k in range(20, 32)] == got[20:32]
    assert got[32:] == [((k,), (k - 12,)) for k in range(32, 60)]
    assert result.coverage() == ["target covers source sentences 1–20, 33–60 of 60"]


def test_added_sentences_are_zero_to_one() -> None:
    """A passage the translator added (one or two lone sentences are still often glued to a
    neighbour's bead without embeddings: see docs/align.md)."""
    zh, en = document()
    added = ["Nobody in the family remembered the name of the ship.",
             "It rained all afternoon.",
             "The ship had sailed from Genoa with a cargo of olive oil and marble."]
    result = align_sentences(zh, en[:25] + added + en[25:], "zh-Hant", "en")
    got = pairs(result)
    assert got[25:28] == [((), (25,)), ((), (26,)), ((), (27,))]
    assert ((25,), (28,)) in got and ((24,), (24,)) in got
    assert result.coverage()[1] == ("3 of 63 target sentences translate nothing in the "
                                    "source: 26–28")


def test_one_added_sentence_is_zero_to_one() -> None:
    """A single added sentence of many words, none of which the dictionary finds in the
    source next to it, comes out 0-1 rather than riding on its neighbour's bead, even where
    the neighbour's translation is a little short (so that lengths alone prefer the merge:
    a merge must beat the gap on evidence)."""
    zh, en = document()
    en[32] = en[32].replace(" thick", "")
    added = "Nobody in the family remembered the name of the ship, nor the captain who sailed it."
    got = pairs(align_sentences(zh, [*en[:33], added, *en[33:]], "zh-Hant", "en"))
    assert ((), (33,)) in got
    assert ((32,), (32,)) in got and ((33,), (34,)) in got


def test_one_sentence_into_four() -> None:
    """Beads larger than 1-3 exist (one long Chinese sentence, four English ones)."""
    zh, en = document(30)
    long_zh = "".join(zh[10:14])
    result = align_sentences([*zh[:10], long_zh, *zh[14:]], en, "zh-Hant", "en")
    assert ((10,), (10, 11, 12, 13)) in pairs(result)


def test_cli_reports_coverage_and_evidence(tmp_path: Path) -> None:
    zh, en = document()
    (tmp_path / "zh.txt").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en[:30]) + "\n", encoding="utf-8")
    res = run_cli("align", "zh.txt", "en.txt", "--sentences", "--no-embeddings",
                  "--source-lang", "zh-Hant", "-o", "out.po", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "target covers source sentences 1–30 of 60" in res.stderr
    assert "no sentence embeddings" in res.stderr


def test_wrong_anchor_dropped_and_chain_ordered() -> None:
    chain = longest_chain([(0, 0, 1.0), (5, 5, 1.0), (3, 40, 1.0), (10, 10, 1.0),
                           (20, 20, 1.0), (21, 80, 1.0), (30, 30, 1.0), (40, 40, 1.0)])
    assert (3, 40, 1.0) not in chain  # out of order
    kept = drop_outliers(chain, 50, 50)
    assert [(i, j) for i, j, _ in kept] == [(0, 0), (5, 5), (10, 10), (20, 20), (30, 30),
                                            (40, 40)]
    # A gap bends the path once: its anchors stay.
    gapped = [(0, 0, 1.0), (10, 10, 1.0), (20, 20, 1.0), (40, 21, 1.0), (50, 31, 1.0)]
    assert drop_outliers(gapped, 60, 41) == gapped


class CountingEmbedder:
    cache_name = "test-model"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.array([[len(t), 1.0, t.count("a")] for t in texts], dtype=np.float32)


def test_sentence_vectors_are_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = CountingEmbedder()
    texts = ["a cat", "a dog", "a cat", "banana"]
    v1 = sentence_vectors(first, texts)
    assert sorted(first.seen) == ["a cat", "a dog", "banana"]  # each distinct text once
    assert (tmp_path / "workbench" / "embeddings.sqlite").exists()
    again = CountingEmbedder()
    v2 = sentence_vectors(again, [*texts, "new one"])
    assert again.seen == ["new one"]
    np.testing.assert_allclose(v2[:4], v1)
    np.testing.assert_allclose(np.linalg.norm(v2, axis=1), 1.0, rtol=1e-5)


def test_span_vectors_are_normalised_sums() -> None:
    rng = np.random.default_rng(1)
    v = rng.normal(size=(6, 4)).astype(np.float32)
    spans = _span_vectors(v, 3)
    expected = v[2] + v[3] + v[4]
    np.testing.assert_allclose(spans[2][2], expected / np.linalg.norm(expected), rtol=1e-5)
    assert not spans[2][4:].any()  # past the end
    # A span given the vector of its text reads back that vector; the others stay sums,
    # whether read one row, a slice or a list of rows at a time.
    own = rng.normal(size=(2, 4)).astype(np.float32)
    spans[1].give([0, 3], own)
    np.testing.assert_array_equal(spans[1][[3, 0]], own[[1, 0]])
    np.testing.assert_array_equal(spans[1][3], own[1])
    sums = _span_vectors(v, 3)[1]
    np.testing.assert_array_equal(spans[1][1:3], sums[1:3])
    assert len(spans[1]) == 7 and spans[1].shape == (7, 4)


def test_long_documents_search_anchors_near_the_coarse_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past FULL_SEARCH pairs the anchors are searched in a window around the path that a
    coarser copy of the document traces: on a half translation with a lost block it finds
    every anchor the search over all pairs finds, and each window's overlaps are the ones
    the full comparison gives."""
    from workbench.align import anchors as anchor_search
    from workbench.align.dp import _anchor_tokens, _prepare

    zh, en = document(240)
    en = en[:60] + en[75:140]  # a block lost, then the translation stops
    tgt = _prepare(en, "en", "zh-Hant", None, "words")
    src = _prepare(zh, "zh-Hant", "en", None, "gloss", tgt)
    st, tt = _anchor_tokens(src), _anchor_tokens(tgt)
    lex = anchor_search.LexicalIndex(st, tt)
    full, _ = anchor_search.find_anchors(lex, None, None, 0.05, st, tt)
    lo = np.array([max(0, min(i - 10, len(en) - 21)) for i in range(len(zh))])
    window = lex.window(0, len(zh), lo, 21)
    every = lex.window(0, len(zh), np.zeros(len(zh), dtype=np.int64), len(en))
    for i in range(len(zh)):
        np.testing.assert_allclose(window[i], every[i, lo[i]:lo[i] + 21])
    monkeypatch.setattr(anchor_search, "FULL_SEARCH", 400)  # three levels of coarsening
    windowed, _ = anchor_search.find_anchors(lex, None, None, 0.05, st, tt)
    assert {(i, j) for i, j, _ in full} <= {(i, j) for i, j, _ in windowed}
    assert all(i - j in (0, 15) for i, j, _ in windowed)  # only true pairs
    assert len(windowed) > 100


def test_lone_sentences_count_less_in_a_free_translation() -> None:
    """Sharing no dictionary word with the source is evidence of an added sentence only
    where the translation is close enough for the dictionary to see: against a target whose
    sentences match none of the source near them the test weighs nothing."""
    from workbench.align.dp import Params, _prepare, _Scorer

    zh, en = document()
    tgt = _prepare(en, "en", "zh-Hant", None, "words")
    src = _prepare(zh, "zh-Hant", "en", None, "gloss", tgt)
    path = np.arange(len(zh) + 1, dtype=np.float64)
    assert _Scorer(src, tgt, Params(), None).lone_reliability(path) == 1.0
    unrelated = [f"Nobody in the village remembered the name of ship {k}, nor its captain."
                 for k in range(len(en))]
    other = _prepare(unrelated, "en", "zh-Hant", None, "words")
    src = _prepare(zh, "zh-Hant", "en", None, "gloss", other)
    assert _Scorer(src, other, Params(), None).lone_reliability(path) == 0.0


def test_a_gap_holding_both_sides_costs_more() -> None:
    """A source sentence left untranslated right beside an added target sentence is usually
    a weak translation of it: such a mixed gap costs `gap_mix` more than the gaps alone, so
    a pairing only a little dearer than the two gap beads wins (on MAC-Dev this removed
    every false 0-1 bead next to a deleted block)."""
    from workbench.align.dp import BEADS, _Band, _run_dp

    band = _Band.around(np.array([0.0, 1.0]), 5, 1)
    costs = [np.full((2, band.width), np.inf) for _ in BEADS]
    costs[BEADS.index((1, 1))][1, 1] = 1.0
    costs[BEADS.index((1, 0))][1, 0] = 0.3
    costs[BEADS.index((0, 1))][0, 1] = 0.3
    costs[BEADS.index((0, 1))][1, 1] = 0.3
    # Opening 0.3 + two gap sentences 0.6 = 0.9 against 1.0 for the pairing.
    kinds = [BEADS[t] for t, _, _ in _run_dp(costs, band, 1, 1, 0.3)]
    assert sorted(kinds) == [(0, 1), (1, 0)]
    kinds = [BEADS[t] for t, _, _ in _run_dp(costs, band, 1, 1, 0.3, gap_mix=0.3)]
    assert kinds == [(1, 1)]
