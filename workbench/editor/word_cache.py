"""Word counts of sentences, remembered across runs of the editor.

Counting the source words of a 100,000-unit Chinese catalog takes jieba about 20 seconds, and
the count of a sentence never changes (for one version of the measure): the progress bar of a
catalog opened before can show words at once. The cache is an SQLite table of 64-bit keys (a
hash of the measure, the language and the sentence) to counts, in the user's cache directory
(`$XDG_CACHE_HOME/workbench/words.sqlite`, by default `~/.cache/...`). Nothing depends on it:
when it cannot be read or written (a read-only home, a locked or damaged file), words are
counted as if it were empty.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["MEASURE", "cache_path", "cached_catalog", "cached_counts", "cached_counts_elsewhere",
           "measure_key"]

MEASURE = "words.count().words 1"
"""Change this when `workbench.words.count` counts differently: old entries are then ignored."""

_SCHEMA = ("CREATE TABLE IF NOT EXISTS words (key INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
           "CREATE TABLE IF NOT EXISTS catalogs (key BLOB PRIMARY KEY, counts BLOB NOT NULL)")


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "workbench" / "words.sqlite"


def measure_key(lang: str) -> bytes:
    """What a count depends on besides the sentence: the measure, the language, jieba's version
    (its dictionary decides Chinese words)."""
    try:
        from importlib.metadata import version

        jieba = version("jieba")
    except Exception:  # not installed as a distribution: no version to tell apart
        jieba = "?"
    return f"{MEASURE}\0{lang}\0jieba {jieba}\0".encode()


def _keys(sources: Sequence[str], lang: str) -> list[int]:
    prefix = hashlib.blake2b(measure_key(lang), digest_size=16)
    keys = []
    for source in sources:
        h = prefix.copy()
        h.update(source.encode("utf-8", "surrogatepass"))
        keys.append(int.from_bytes(h.digest()[:8], "little", signed=True))
    return keys


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=5)
    db.execute("PRAGMA journal_mode=WAL")  # editors on other catalogs read while one writes
    db.executescript(_SCHEMA)
    return db


def _whole_key(sources: Sequence[str], lang: str) -> bytes:
    """A hash of every sentence in order: the key of a catalog's whole list of counts."""
    h = hashlib.blake2b(measure_key(lang), digest_size=16)
    h.update("\0".join(sources).encode("utf-8", "surrogatepass"))
    h.update(len(sources).to_bytes(8, "little"))
    return h.digest()


def _whole_counts(db: sqlite3.Connection, whole: bytes, units: int) -> array[int] | None:
    row = db.execute("SELECT counts FROM catalogs WHERE key = ?", (whole,)).fetchone()
    if row is None:
        return None
    counts = array("I")
    counts.frombytes(row[0])
    return counts if len(counts) == units else None


def cached_catalog(sources: Sequence[str], lang: str, path: Path | None = None
                   ) -> array[int] | None:
    """The counts of a catalog whose sentences are all as when it was last counted, or None:
    one lookup, a few tens of milliseconds for 100,000 sentences (the editor tries it before
    it starts a child process)."""
    try:
        db = _connect(path or cache_path())
    except (sqlite3.Error, OSError):
        return None
    try:
        return _whole_counts(db, _whole_key(sources, lang), len(sources))
    except sqlite3.Error:
        return None
    finally:
        db.close()


def cached_counts(sources: Sequence[str], lang: str,
                  count: Callable[[Sequence[str], str], array[int]],
                  path: Path | None = None) -> tuple[array[int], int]:
    """The word count of each source, in order, and how many were counted (not cached).

    `count` counts a list of sentences (the editor passes one that may use a child process);
    only the sentences the cache does not know are given to it, and their counts are stored.
    A catalog whose sentences are all as last time is one lookup (its whole list of counts,
    kept as one row): hashing and looking up 100,000 sentences one by one takes a second.
    """
    path = path or cache_path()
    whole = _whole_key(sources, lang)
    db: sqlite3.Connection | None = None
    try:
        db = _connect(path)
        counts = _whole_counts(db, whole, len(sources))
        if counts is not None:
            db.close()
            return counts, 0
    except (sqlite3.Error, OSError):
        if db is not None:
            db.close()
        db = None
    keys = _keys(sources, lang)
    known: dict[int, int] = {}
    try:
        if db is not None:
            db.execute("CREATE TEMP TABLE want (key INTEGER PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO want VALUES (?)", ((k,) for k in keys))
            known = dict(db.execute(
                "SELECT words.key, words.n FROM want JOIN words USING (key)"))
            db.execute("DROP TABLE want")
    except sqlite3.Error:
        db.close()  # type: ignore[union-attr]
        db = None
    first: dict[int, int] = {}  # a key not cached -> the first unit with that sentence
    for i, key in enumerate(keys):
        if key not in known:
            first.setdefault(key, i)
    missing = list(first.values())
    if missing:
        fresh = count([sources[i] for i in missing], lang)
        for i, n in zip(missing, fresh, strict=True):
            known[keys[i]] = n
    counts = array("I", (known[key] for key in keys))
    if db is not None:
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)",
                               ((keys[i], known[keys[i]]) for i in missing))
                # this catalog as it is now, in one row (the previous version of it stays
                # until the cache is deleted: a few hundred kB per version)
                db.execute("INSERT OR REPLACE INTO catalogs VALUES (?, ?)",
                           (whole, counts.tobytes()))
        except sqlite3.Error:
            pass  # counted all the same; the next opening counts them again
        db.close()
    return counts, len(missing)


_SCRIPT = """
import json, sys
from workbench.editor.progress import count_words
from workbench.editor.word_cache import cached_counts
data = json.load(sys.stdin)
counts, counted = cached_counts(data["sources"], data["lang"], count_words)
sys.stdout.buffer.write(counted.to_bytes(8, "little") + counts.tobytes())
"""


def cached_counts_elsewhere(sources: Sequence[str], lang: str) -> tuple[array[int], int] | None:
    """`cached_counts` in a child process (hashing 100,000 sentences, the cache lookup and
    jieba all hold a GIL: not the editor's); None if the child failed (then count here)."""
    import json
    import subprocess
    import sys

    payload = json.dumps({"lang": lang, "sources": list(sources)}, ensure_ascii=False)
    try:
        done = subprocess.run([sys.executable, "-c", _SCRIPT], input=payload.encode(),
                              capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    counts = array("I")
    if done.returncode != 0 or len(done.stdout) != 8 + counts.itemsize * len(sources):
        return None
    counts.frombytes(done.stdout[8:])
    return counts, int.from_bytes(done.stdout[:8], "little")
