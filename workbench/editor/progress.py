"""Progress of a catalog: units and source words per state.

Units are counted from the session's state bytes at once; words need the segmenter (jieba for
Chinese: pure Python, ~1.4 MB/s), so they are counted later, off the UI thread, and for a large
catalog in a child process so the editor's own process keeps its GIL, through the word cache
(workbench.editor.word_cache), which counts only sentences it has not seen.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.model import State

PROCESS_WORDS_ABOVE = 20_000
"""Units above which words are counted in a separate process (jieba holds the GIL)."""


@dataclass
class Progress:
    """Units and words per state; words are None until counted."""

    units: dict[State, int]
    words: dict[State, int] | None = None
    reading: float | None = None
    """How much of the catalog is read (0 to 1) while it is still being read (a progressive
    open: the counts are of the part read); None once it is all in."""


def count_words(sources: Sequence[str], lang: str) -> array[int]:
    """The word count of each source, in order (may run in another process: top-level)."""
    from workbench.words import count

    return array("I", (count(s, lang).words for s in sources))


class WordTotals:
    """Source words per state, kept up to date as units change state (no recount)."""

    def __init__(self, counts: array[int], states: Sequence[int]) -> None:
        self.counts = counts
        """Words of each unit's source, by unit index."""
        self.totals: dict[State, int] = dict.fromkeys(State, 0)
        for state, words in zip(states, counts, strict=True):
            self.totals[State(state)] += words

    def move(self, index: int, old: State, new: State) -> None:
        """Unit `index` went from state `old` to `new`."""
        words = self.counts[index]
        self.totals[old] -= words
        self.totals[new] += words
