"""Is this a word? jieba's dictionary, read as a file, without loading jieba.

jieba's segmenter spends a second or more building its model before the first cut; the
checks only need to know whether a few short strings are words of its dictionary (does
面包 cut across 裡面? is 对 the start of 对象?). Its words, sorted, are kept in the user's
cache folder as one UTF-8 text (derived once from the dictionary, about 3 MB): a run reads
those bytes without decoding them and answers each question by a binary search in them.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

# Bump when the cached layout changes: a cache written by another version is not read.
_CACHE_VERSION = 1


def _dictionary_file() -> Path | None:
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def sorted_words(data: bytes) -> bytes:
    """jieba's dictionary (lines "word frequency tag") as its words, sorted, one a line, with
    a line break before the first: UTF-8 sorts as the characters do."""
    words = {line.split(b" ", 1)[0] for line in data.split(b"\n")}
    words.discard(b"")
    return b"\n" + b"\n".join(sorted(words)) + b"\n"


def _cache_file(source: Path) -> Path:
    info = source.stat()
    stamp = hashlib.blake2b(repr([_CACHE_VERSION, str(source), info.st_size,
                                  info.st_mtime_ns]).encode(), digest_size=8).hexdigest()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "workbench" / f"jieba-words-{stamp}.txt"


@cache
def _words() -> bytes:
    """The sorted words (see sorted_words); b"" without jieba. A cache that cannot be read or
    written is derived again."""
    source = _dictionary_file()
    if source is None:
        return b""
    try:
        path: Path | None = _cache_file(source)
    except OSError:
        path = None
    if path is not None:
        try:
            data = path.read_bytes()
            if data.startswith(b"\n") and data.endswith(b"\n"):
                return data
        except OSError:
            pass
    words = sorted_words(source.read_bytes())
    if path is not None:
        from workbench.textio import atomic_write_bytes

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, words)
        except OSError:
            pass  # a read-only home: derive each run
    return words


def contains(words: bytes, word: bytes) -> bool:
    """Binary search for a line equal to `word` among sorted lines ("\\na\\nb\\n")."""
    lo, hi = 1, len(words)  # both the start of a line: the lines left are in [lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        start = words.rfind(b"\n", 0, mid) + 1  # the line around mid
        end = words.find(b"\n", start)
        line = words[start:end]
        if line == word:
            return True
        if line < word:
            lo = end + 1
        else:
            hi = start
    return False


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """A word of jieba's dictionary (which is in Simplified characters)."""
    return len(word) > 1 and "\n" not in word and contains(_words(), word.encode("utf-8"))


def simplified_word(text: str) -> bool:
    """`is_word` for Simplified or Traditional text: its characters made Simplified one by one
    (OpenCC's first choice for each), or as written (乾隆 stays 乾隆 in Simplified text)."""
    from workbench.checks.hanzi import tables

    simplified = tables("Hans").convert_chars(text)
    return is_word(simplified) or (simplified != text and is_word(text))


def crosses_a_word(text: str, start: int, end: int) -> bool:
    """Does a dictionary word of two or three characters cross the edge of text[start:end]
    (装 裡面|包含: 裡面 crosses the start of 面包)? Then text[start:end] is not a word there."""
    windows = []
    for edge in (start, end):
        if 0 < edge < len(text):
            windows += [text[max(0, edge - 1):edge + 1], text[max(0, edge - 2):edge + 1],
                        text[edge - 1:edge + 2]]
    return any(len(w) > 1 and w != text[start:end] and simplified_word(w) for w in windows)
