"""Progress of a catalog: units and source words per state.

Units are counted from the session's state bytes at once; words need the segmenter (jieba for
Chinese: pure Python, ~1.4 MB/s), so they are counted later, off the UI thread, and for a large
catalog in a child process so the editor's own process keeps its GIL.
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


def count_words(sources: Sequence[str], lang: str) -> array[int]:
    """The word count of each source, in order (may run in another process: top-level)."""
    from workbench.words import count

    return array("I", (count(s, lang).words for s in sources))


_COUNT_SCRIPT = """
import json, sys
from workbench.editor.progress import count_words
data = json.load(sys.stdin)
sys.stdout.buffer.write(count_words(data["sources"], data["lang"]).tobytes())
"""


def count_words_elsewhere(sources: Sequence[str], lang: str) -> array[int] | None:
    """Word counts from a child process, so jieba does not hold this process's GIL for
    seconds; None if the child failed (then count here)."""
    import json
    import subprocess
    import sys

    payload = json.dumps({"lang": lang, "sources": list(sources)}, ensure_ascii=False)
    try:
        done = subprocess.run([sys.executable, "-c", _COUNT_SCRIPT], input=payload.encode(),
                              capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    counts = array("I")
    if done.returncode != 0 or len(done.stdout) != counts.itemsize * len(sources):
        return None
    counts.frombytes(done.stdout)
    return counts


def count_source_words(sources: Sequence[str], lang: str, elsewhere: bool | None = None
                       ) -> array[int]:
    """Word counts of the sources; `elsewhere`: count in a child process (None: when there
    are more than PROCESS_WORDS_ABOVE), falling back to this one if the child fails."""
    if elsewhere is None:
        elsewhere = len(sources) > PROCESS_WORDS_ABOVE
    counts = count_words_elsewhere(sources, lang) if elsewhere else None
    return count_words(sources, lang) if counts is None else counts


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
