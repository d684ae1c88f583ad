"""Corrections to an alignment, as the review screen makes them; no UI here.

The beads always cover every sentence of both sides once, in order, and none is empty:
each operation keeps that true (tests check it with Hypothesis). A bead the reviewer has
touched or accepted gets confidence 1.0 and counts as reviewed. The state saves to a JSON
sidecar (atomically) so a review can be left and resumed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.align.dp import Alignment, Bead
from workbench.align.units import alignment_from_catalog, to_units
from workbench.errors import ConflictError, InputError
from workbench.formats.po import read_po, revised_header, write_po
from workbench.model import Catalog
from workbench.textio import atomic_write_text

SIDECAR_SUFFIX = ".align.json"
FORMAT_VERSION = 1


def sidecar_path(out: str | os.PathLike[str]) -> Path:
    out = Path(out)
    return out.with_name(out.name + SIDECAR_SUFFIX)


def _stamp_path(out: str | os.PathLike[str]) -> Path:
    return Path(str(sidecar_path(out)) + ".catalog")


def catalog_fingerprint(out: str | os.PathLike[str]) -> str:
    import hashlib

    return hashlib.sha256(Path(out).read_bytes()).hexdigest()


def review_matches_catalog(out: str | os.PathLike[str]) -> bool:
    """Whether the review left next to an aligned catalog was made on the catalog as it is
    now (`workbench edit OUT.po --align`): a catalog edited or re-aligned since makes the
    review stale, and resuming it would overwrite that work."""
    stamp = _stamp_path(out)
    return sidecar_path(out).exists() and stamp.exists() and \
        stamp.read_text(encoding="ascii").strip() == catalog_fingerprint(out)


def remember_catalog(out: str | os.PathLike[str]) -> None:
    atomic_write_text(_stamp_path(out), catalog_fingerprint(out) + "\n")


def forget_review(out: str | os.PathLike[str]) -> None:
    sidecar_path(out).unlink(missing_ok=True)
    _stamp_path(out).unlink(missing_ok=True)


@dataclass
class BeadEditor:
    alignment: Alignment
    reviewed: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.reviewed) != len(self.alignment.beads):
            self.reviewed = [False] * len(self.alignment.beads)

    @property
    def beads(self) -> list[Bead]:
        return self.alignment.beads

    def __len__(self) -> int:
        return len(self.beads)

    # -- operations: each returns the index of the bead the cursor should be on ---------------

    def accept(self, k: int) -> int:
        self._set(k, self.beads[k])
        return k

    def merge(self, k: int, into: int) -> int:
        """Merge bead k into its neighbour `into` (k - 1 or k + 1): e.g. an orphan target
        sentence (a 0-1 bead) joins the bead before or after it."""
        if into not in (k - 1, k + 1) or not 0 <= into < len(self.beads):
            return k
        a, b = sorted((k, into))
        first, second = self.beads[a], self.beads[b]
        merged = Bead(first.source + second.source, first.target + second.target, 1.0)
        self.beads[a:b + 1] = [merged]
        self.reviewed[a:b + 1] = [True]
        return a

    def split(self, k: int) -> int:
        """Split a bead after its first sentences: 2-1 -> 1-1 + 1-0, 1-2 -> 1-1 + 0-1,
        2-2 -> 1-1 + 1-1, and 1-1 -> 1-0 + 0-1 (the two sentences do not match)."""
        bead = self.beads[k]
        if len(bead.source) + len(bead.target) < 2:
            return k
        if len(bead.source) == 1 and len(bead.target) == 1:
            parts = [Bead(bead.source, (), 1.0), Bead((), bead.target, 1.0)]
        else:
            parts = [Bead(bead.source[:1], bead.target[:1], 1.0),
                     Bead(bead.source[1:], bead.target[1:], 1.0)]
        parts = [p for p in parts if p.source or p.target]
        self.beads[k:k + 1] = parts
        self.reviewed[k:k + 1] = [True] * len(parts)
        return k

    def give(self, k: int, side: str) -> int:
        """Move the last sentence of `side` ("source"/"target") of bead k to bead k+1 (a new
        bead when k is the last)."""
        bead = self.beads[k]
        own = getattr(bead, side)
        if not own:
            return k
        moved = own[-1:]
        if k + 1 < len(self.beads):
            nxt = self.beads[k + 1]
            self._set(k + 1, _with(nxt, side, moved + getattr(nxt, side)))
        else:
            self.beads.append(_with(Bead((), (), 1.0), side, moved))
            self.reviewed.append(True)
        self._set(k, _with(bead, side, own[:-1]))
        return self._drop_empty(k)

    def take(self, k: int, side: str) -> int:
        """Move the first sentence of `side` of bead k+1 into bead k."""
        if k + 1 >= len(self.beads):
            return k
        nxt = self.beads[k + 1]
        theirs = getattr(nxt, side)
        if not theirs:
            return k
        bead = self.beads[k]
        self._set(k, _with(bead, side, getattr(bead, side) + theirs[:1]))
        self._set(k + 1, _with(nxt, side, theirs[1:]))
        return self._drop_empty(k)

    # -- helpers --------------------------------------------------------------------------------

    def _set(self, k: int, bead: Bead) -> None:
        self.beads[k] = Bead(bead.source, bead.target, 1.0)
        self.reviewed[k] = True

    def _drop_empty(self, k: int) -> int:
        keep = [i for i, b in enumerate(self.beads) if b.source or b.target]
        if len(keep) == len(self.beads):
            return k
        self.alignment.beads = [self.beads[i] for i in keep]
        self.reviewed = [self.reviewed[i] for i in keep]
        return max(0, min(k, len(self.beads) - 1))

    def check(self) -> None:
        """Every sentence once, in order, no empty bead (a bug otherwise, not bad input)."""
        src = [i for b in self.beads for i in b.source]
        tgt = [j for b in self.beads for j in b.target]
        assert src == list(range(len(self.alignment.source))), src
        assert tgt == list(range(len(self.alignment.target))), tgt
        assert all(b.source or b.target for b in self.beads)

    # -- the sidecar ----------------------------------------------------------------------------

    def to_json(self) -> str:
        a = self.alignment
        return json.dumps({
            "version": FORMAT_VERSION,
            "source_lang": a.source_lang, "target_lang": a.target_lang,
            "source": a.source, "target": a.target,
            "beads": [[list(b.source), list(b.target), round(b.confidence, 4), r]
                      for b, r in zip(self.beads, self.reviewed, strict=True)],
        }, ensure_ascii=False, indent=0)

    def save(self, path: str | os.PathLike[str]) -> None:
        atomic_write_text(path, self.to_json())


def load_sidecar(path: str | os.PathLike[str], source: list[str] | None = None,
                 target: list[str] | None = None) -> BeadEditor | None:
    """The saved review, or None if there is none or it belongs to other texts."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION:
            return None
        if (source is not None and data["source"] != source) or (
                target is not None and data["target"] != target):
            return None
        beads = [Bead(tuple(s), tuple(t), float(c)) for s, t, c, _ in data["beads"]]
        reviewed = [bool(r) for *_, r in data["beads"]]
        alignment = Alignment(list(data["source"]), list(data["target"]), beads,
                              data["source_lang"], data["target_lang"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"unreadable review file: {exc}", path) from exc
    editor = BeadEditor(alignment, reviewed)
    try:
        editor.check()
    except AssertionError as exc:
        raise InputError("review file does not cover every sentence once", path) from exc
    return editor


def _with(bead: Bead, side: str, sentences: tuple[int, ...]) -> Bead:
    if side == "source":
        return Bead(sentences, bead.target, bead.confidence)
    return Bead(bead.source, sentences, bead.confidence)


def reviewed_alignment(editor: BeadEditor) -> Alignment:
    """The alignment as reviewed: beads the reviewer accepted or made are sure (1.0)."""
    a = editor.alignment
    beads = [Bead(b.source, b.target, 1.0 if r else b.confidence)
             for b, r in zip(editor.beads, editor.reviewed, strict=True)]
    return Alignment(a.source, a.target, beads, a.source_lang, a.target_lang,
                     a.used_embeddings, a.source_paragraphs, a.target_paragraphs)


def editor_for(alignment: Alignment, out: str | os.PathLike[str]) -> BeadEditor:
    """Resume the review saved next to OUT when it is about the same texts, else start one."""
    saved = load_sidecar(sidecar_path(out), alignment.source, alignment.target)
    return saved if saved is not None else BeadEditor(alignment)


@dataclass
class CatalogReview:
    """An aligned catalog opened for review again (`workbench edit OUT.po --align`)."""

    path: Path
    catalog: Catalog
    alignment: Alignment
    stamp: tuple[int, int]  # the file's mtime and size when read: a save checks them
    discarded_stale: bool = False  # a review left for an older catalog was dropped


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def start_catalog_review(path: str | os.PathLike[str]) -> CatalogReview:
    """The beads to review: from the review left unfinished next to the catalog when it was
    made on the catalog as it is now, else from the catalog's own `align` comments."""
    path = Path(path)
    catalog = read_po(path)
    stamp = _stat(path)
    saved = None
    stale = False
    if sidecar_path(path).exists():
        if review_matches_catalog(path):
            saved = load_sidecar(sidecar_path(path))
        else:
            stale = True
            forget_review(path)
    alignment = saved.alignment if saved else alignment_from_catalog(catalog)
    if alignment is None:
        raise InputError("not a catalog made by `workbench align` (no `align` comments to "
                         "review, or its sentences cannot be recovered)", path)
    remember_catalog(path)
    return CatalogReview(path, catalog, alignment, stamp, stale)


def finish_catalog_review(review: CatalogReview, reviewed: Alignment, threshold: float
                          ) -> None:
    """Write the reviewed beads back as the catalog (locations and header kept), unless the
    file changed on disk meanwhile."""
    lines = [0] * len(reviewed.source)
    name = ""
    beads = iter(b for b in review.alignment.beads if b.source)
    for unit in review.catalog.units:
        bead = next(beads, None) if not unit.obsolete else None
        if bead is not None and unit.locations:
            name = name or unit.locations[0][0]
            for i in bead.source:
                lines[i] = unit.locations[0][1]
    result = to_units(reviewed, threshold, source_name=name,
                      source_lines=lines if name else None)
    result.header = revised_header(review.catalog.header)
    result.header_comment = review.catalog.header_comment
    result.po_source = review.catalog.po_source
    if _stat(review.path) != review.stamp:
        raise ConflictError(f"{review.path} changed on disk during the review; nothing was "
                            "written: run the command again to review it as it is now")
    write_po(result, review.path)
    forget_review(review.path)
