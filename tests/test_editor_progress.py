"""Progress without the UI: word counts and totals per state."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.editor.progress import WordTotals, count_words
from workbench.model import State
from workbench.words import count

SOURCES = ["西藏自治區黨委統戰部版權所有", "“十四五”的壯闊征程,在雪域高原鐫刻下非凡印記。",
           "Wi-Fi and 1,234 words", "", "第一句。\n第二句。"]


def test_counts_are_the_words_measure() -> None:
    assert list(count_words(SOURCES, "zh-Hant")) == [count(s, "zh-Hant").words for s in SOURCES]
    assert count_words([], "zh-Hant") == array("I")


@settings(max_examples=100, deadline=None)
@given(units=st.lists(st.tuples(st.integers(0, 50), st.sampled_from(list(State))),
                      min_size=1, max_size=20),
       moves=st.lists(st.tuples(st.integers(0, 19), st.sampled_from(list(State))),
                      max_size=30))
def test_totals_follow_state_changes(units: list[tuple[int, State]],
                                     moves: list[tuple[int, State]]) -> None:
    """Moving units between states keeps the totals equal to a recount."""
    counts = array("I", (words for words, _ in units))
    states = bytearray(state for _, state in units)
    totals = WordTotals(counts, states)
    for index, new in moves:
        index %= len(units)
        totals.move(index, State(states[index]), new)
        states[index] = new
    assert totals.totals == WordTotals(counts, states).totals
    assert sum(totals.totals.values()) == sum(counts)
