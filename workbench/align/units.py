"""Beads into units (a catalog), the ladder format, and beads back out of an aligned catalog.

One unit per bead with a source side: msgid the source sentences joined (no space between
Chinese sentences, one space otherwise), msgstr the target sentences. A `#.` comment records
the bead (`align 2-1 [3,4]:[5] confidence 0.83`) so the alignment can be read back for review.
Beads under the threshold are fuzzy; 1-0 beads are untranslated units; the sentences of 0-1
beads go into a comment of the unit before them (or after, at the start), so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench import langs
from workbench.align.dp import Alignment, Bead
from workbench.errors import InputError
from workbench.model import Catalog, State, Unit, make_unit_id

# Confidence is the estimated chance that the bead is exactly right (calibrated on MAC-Dev
# documents 001-003). At this threshold at least 95 % of the beads above it were right on
# those documents, clean and damaged, with and without embeddings, and on the held-out
# documents 004-006 at least 96.5 %. Under it a bead is fuzzy: to be checked.
DEFAULT_THRESHOLD = 0.94
ALIGN_COMMENT = re.compile(
    r"^align (\d+)-(\d+) \[([\d,]*)\]:\[([\d,]*)\] confidence ([\d.]+)$")
ORPHAN_PREFIX = "unaligned target "  # + "[7]: text"
SENTENCES_PREFIX = "align sentences "  # + "12,7 | 30,25": lengths of the joined sentences
_LADDER = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]")




def join_sentences(sentences: Sequence[str], lang: str) -> str:
    return langs.sentence_joiner(lang).join(sentences)


def bead_comment(bead: Bead) -> str:
    return (f"align {bead.kind} [{','.join(map(str, bead.source))}]:"
            f"[{','.join(map(str, bead.target))}] confidence {bead.confidence:.2f}")


def to_units(
    alignment: Alignment,
    threshold: float = DEFAULT_THRESHOLD,
    source_name: str = "",
    source_lines: Sequence[int] | None = None,
) -> Catalog:
    """The alignment as a catalog (target language = the translation's)."""
    src, tgt = alignment.source, alignment.target
    units: list[Unit] = []
    seen: dict[str, int] = {}
    pending: list[str] = []  # orphan target sentences before the first unit
    for bead in alignment.beads:
        if not bead.source:
            notes = [f"{ORPHAN_PREFIX}[{j}]: {tgt[j]}" for j in bead.target]
            if units:
                units[-1].auto_comments.extend(notes)
            else:
                pending.extend(notes)
            continue
        source = join_sentences([src[i] for i in bead.source], alignment.source_lang)
        target = join_sentences([tgt[j] for j in bead.target], alignment.target_lang)
        if not target:
            state = State.UNTRANSLATED
        elif bead.confidence < threshold:
            state = State.FUZZY
        else:
            state = State.TRANSLATED
        unit = Unit(id=make_unit_id(source, seen), source=source, target=target, state=state,
                    auto_comments=[bead_comment(bead)])
        if len(bead.source) > 1 or len(bead.target) > 1:
            # Where the joined sentences begin, so a later review gets them back exactly.
            unit.auto_comments.append(
                SENTENCES_PREFIX + ",".join(str(len(src[i])) for i in bead.source) + " | "
                + ",".join(str(len(tgt[j])) for j in bead.target))
        if source_name:
            line = source_lines[bead.source[0]] if source_lines else bead.source[0] + 1
            unit.locations.append((source_name, line))
        if pending:
            unit.auto_comments.extend(pending)
            pending = []
        units.append(unit)
    return Catalog(units=units, source_lang=alignment.source_lang,
                   target_lang=alignment.target_lang)


def format_ladder(beads: Sequence[Bead]) -> str:
    """One bead a line, `[0,1]:[0]`, 0-based (the gold files' and the aligners' format)."""
    return "".join(b.ladder() + "\n" for b in beads)


def parse_ladder(text: str, path: str = "<ladder>") -> list[tuple[tuple[int, ...],
                                                                  tuple[int, ...]]]:
    """Read `[i,j]:[k]` lines (spaces allowed, a trailing `:score` ignored)."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LADDER.match(line)
        if not m:
            raise InputError("not a ladder line ([i,j]:[k] expected)", path, number)
        out.append((tuple(int(x) for x in m.group(1).replace(" ", "").split(",") if x),
                    tuple(int(x) for x in m.group(2).replace(" ", "").split(",") if x)))
    return out


def beads_from_catalog(catalog: Catalog) -> list[Bead] | None:
    """The beads recorded in an aligned catalog's comments (None if it is not one),
    with the 0-1 beads put back where their sentences were."""
    beads: list[Bead] = []
    for unit in catalog.units:
        found = None
        orphans: list[int] = []
        for comment in unit.auto_comments:
            m = ALIGN_COMMENT.match(comment)
            if m:
                found = Bead(tuple(int(x) for x in m.group(3).split(",") if x),
                             tuple(int(x) for x in m.group(4).split(",") if x),
                             float(m.group(5)))
            elif comment.startswith(ORPHAN_PREFIX):
                orphans.append(int(comment[len(ORPHAN_PREFIX) + 1:].split("]", 1)[0]))
        if found is None:
            return None
        beads.append(found)
        beads.extend(Bead((), (j,), 0.0) for j in orphans)
    return _ordered(beads)


def _ordered(beads: list[Bead]) -> list[Bead]:
    """Put 0-1 beads between the beads whose targets surround them."""
    main = [b for b in beads if b.source]
    orphans = sorted((b for b in beads if not b.source), key=lambda b: b.target[0])
    out: list[Bead] = []
    k = 0
    for bead in main:
        first = min(bead.target) if bead.target else None
        while k < len(orphans) and first is not None and orphans[k].target[0] < first:
            out.append(orphans[k])
            k += 1
        out.append(bead)
    out.extend(orphans[k:])
    return out


def _split(text: str, count: int, lang: str, lengths: list[int] | None = None
           ) -> list[str] | None:
    """A bead's joined sentences back into `count` sentences: by the lengths the catalog
    recorded, else by cutting again with the segmenter that cut them; None when neither
    gives `count` sentences."""
    if count == 1:
        return [text]
    if lengths and len(lengths) == count:
        gap = len(langs.sentence_joiner(lang))
        out, pos = [], 0
        for n in lengths:
            out.append(text[pos:pos + n])
            pos += n + gap
        if pos - gap == len(text):
            return out
    from workbench.segment import segment_text

    pieces = [s.unit_text for s in segment_text(text, lang).segments]
    return pieces if len(pieces) == count else None


def _recorded_lengths(unit: Unit) -> tuple[list[int] | None, list[int] | None]:
    """The sentence lengths `to_units` recorded for a multi-sentence bead (source, target)."""
    for comment in unit.auto_comments:
        if comment.startswith(SENTENCES_PREFIX):
            sides = comment[len(SENTENCES_PREFIX):].split("|")
            if len(sides) == 2:
                source, target = ([int(n) for n in side.split(",") if n.strip().isdigit()]
                                  for side in sides)
                return source, target
    return None, None


def alignment_from_catalog(catalog: Catalog) -> Alignment | None:
    """An aligned catalog (made by `workbench align`) back into its alignment, for review;
    None if the catalog carries no bead comments or its sentences cannot be recovered."""
    beads = beads_from_catalog(catalog)
    if not beads:
        return None
    size_s = max((i for b in beads for i in b.source), default=-1) + 1
    size_t = max((j for b in beads for j in b.target), default=-1) + 1
    source: list[str | None] = [None] * size_s
    target: list[str | None] = [None] * size_t
    units = iter(u for u in catalog.units if not u.obsolete)
    for bead in beads:
        if not bead.source:
            continue
        unit = next(units, None)
        if unit is None:
            return None
        lengths = _recorded_lengths(unit)
        for indexes, text, lang, store, known in (
                (bead.source, unit.source, catalog.source_lang or "zh-Hant", source, lengths[0]),
                (bead.target, unit.target, catalog.target_lang or "en", target, lengths[1])):
            if not indexes:
                continue
            found = _split(text, len(indexes), lang, known)
            if found is None:
                return None
            for k, sentence in zip(indexes, found, strict=True):
                store[k] = sentence
        for comment in unit.auto_comments:
            if comment.startswith(ORPHAN_PREFIX):
                index, _, text = comment[len(ORPHAN_PREFIX) + 1:].partition("]: ")
                if index.isdigit() and int(index) < size_t:
                    target[int(index)] = text
    if any(s is None for s in source) or any(t is None for t in target):
        return None
    return Alignment([s for s in source if s is not None], [t for t in target if t is not None],
                     beads, catalog.source_lang or "zh-Hant", catalog.target_lang or "en")
