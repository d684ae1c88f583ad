"""Build a document's units from its segments, and carry translations over when it changes.

This is msgmerge for documents: an unchanged sentence keeps its translation; an edited one gets
the closest earlier translation, marked fuzzy with the old source kept as `previous_source`; a
removed one becomes obsolete with its translation. Ids hash the sentence, not its position, so
inserting a paragraph moves nothing else.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from workbench.model import Catalog, State, Unit, make_unit_id, position_note
from workbench.segment import SegmentedText

FUZZY_THRESHOLD = 0.6  # similarity (difflib ratio on characters) to reuse a translation
MAX_PAIRS = 2_000_000  # beyond this many comparisons, only nearby sentences are compared
NEIGHBOURHOOD = 50  # how far (in units) a moved sentence is looked for in a large change


@dataclass
class MergeReport:
    """What a merge did, for the command's summary line."""

    kept: int = 0
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (new id, old id)
    revived: int = 0
    obsoleted: int = 0
    dropped: int = 0
    added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.fuzzy or self.revived or self.obsoleted or self.dropped or self.added)


def units_from_segments(segmented: SegmentedText, location: str) -> list[Unit]:
    """One unit per segment, with its stable id, file and line, paragraph and position."""
    seen: dict[str, int] = {}
    return [
        Unit(
            id=make_unit_id(seg.unit_text, seen),
            source=seg.unit_text,
            locations=[(location, seg.line)],
            auto_comments=[position_note(seg.paragraph + 1, seg.index + 1)],
        )
        for seg in segmented.segments
    ]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _best_pairs(new: list[tuple[int, Unit]], old: list[tuple[int, Unit]]) -> list[tuple[int, int]]:
    """Pairs (new index, old index) of the most similar sentences, each used at most once."""
    scored: list[tuple[float, int, int]] = []
    full = len(new) * len(old) <= MAX_PAIRS
    for n_pos, (n_idx, n_unit) in enumerate(new):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(n_unit.source)
        if full:
            window = old
        else:  # keep the work linear: compare with the old sentences at about the same place
            centre = round(n_pos * len(old) / max(len(new), 1))
            window = old[max(0, centre - NEIGHBOURHOOD): centre + NEIGHBOURHOOD]
        for o_idx, o_unit in window:
            matcher.set_seq1(o_unit.source)
            if matcher.real_quick_ratio() < FUZZY_THRESHOLD:
                continue
            if matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            score = matcher.ratio()
            if score >= FUZZY_THRESHOLD:
                scored.append((-score, n_idx, o_idx))
    scored.sort()
    used_new: set[int] = set()
    used_old: set[int] = set()
    pairs = []
    for _, n_idx, o_idx in scored:
        if n_idx in used_new or o_idx in used_old:
            continue
        used_new.add(n_idx)
        used_old.add(o_idx)
        pairs.append((n_idx, o_idx))
    return pairs


def _source_at(units: list[Unit], k: int) -> str | None:
    return units[k].source if 0 <= k < len(units) else None


def merge_units(template: list[Unit], old: list[Unit]) -> tuple[list[Unit], MergeReport]:
    """The units of `template` with the translations of `old` carried over (see module doc)."""
    report = MergeReport()
    new = [replace(u, locations=list(u.locations), auto_comments=list(u.auto_comments))
           for u in template]
    old_active = [u for u in old if not u.obsolete]
    old_obsolete = [u for u in old if u.obsolete]
    used: set[int] = set()  # indexes into old_active
    by_id = {u.id: i for i, u in enumerate(old_active)}
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(old_active):
        by_source[u.source].append(i)

    def carry(unit: Unit, source: Unit) -> None:
        unit.target = source.target
        unit.state = source.state
        unit.comments = list(source.comments)
        unit.flags = list(source.flags)
        unit.previous_source = source.previous_source if source.state is State.FUZZY else None
        unit.target_plurals = list(source.target_plurals)

    unmatched: list[int] = []
    for n_idx, unit in enumerate(new):
        found = by_id.get(unit.id)
        if found is None or found in used or old_active[found].source != unit.source:
            found = next((j for j in by_source.get(unit.source, ()) if j not in used), None)
        if found is None:
            unmatched.append(n_idx)
            continue
        used.add(found)
        carry(unit, old_active[found])
        report.kept += 1

    # A repeated sentence whose occurrences had different translations (they depend on the
    # context): ids number repeats in order, so when the number of occurrences changed, or an
    # occurrence moved to another context (paragraphs reordered), it may now hold another
    # occurrence's translation. Review it rather than trust it. One pass, sets and dicts:
    # this runs on every update of a catalog that may hold 100,000 units.
    context_dependent = {source for source, indexes in by_source.items()
                         if len(indexes) > 1 and len({old_active[i].target for i in indexes}) > 1}
    rechecked: list[tuple[str, str]] = []
    if context_dependent:
        new_count = Counter(u.source for u in new)
        old_index = {u.id: i for i, u in enumerate(old_active)}
        for n_idx, unit in enumerate(new):
            if unit.state is not State.TRANSLATED or unit.source not in context_dependent:
                continue
            was = old_index.get(unit.id)
            moved = was is not None and \
                _source_at(old_active, was - 1) != _source_at(new, n_idx - 1) and \
                _source_at(old_active, was + 1) != _source_at(new, n_idx + 1)
            if new_count[unit.source] != len(by_source[unit.source]) or moved:
                unit.state = State.FUZZY
                rechecked.append((unit.id, unit.id))

    # Exact matches among obsolete entries come back to life (as msgmerge does).
    obsolete_by_source = {u.source: u for u in old_obsolete if u.target}
    still: list[int] = []
    revived_sources: set[str] = set()
    for n_idx in unmatched:
        ghost = obsolete_by_source.get(new[n_idx].source)
        if ghost is not None and ghost.source not in revived_sources:
            carry(new[n_idx], ghost)
            revived_sources.add(ghost.source)
            report.revived += 1
        else:
            still.append(n_idx)

    # A new occurrence of a sentence already translated: propagate the translation, as CAT
    # tools do with repetitions, but for review (its context is new).
    not_propagated = []
    for n_idx in still:
        donor = next((old_active[i] for i in by_source.get(new[n_idx].source, ())
                      if old_active[i].target), None)
        if donor is None:
            not_propagated.append(n_idx)
            continue
        carry(new[n_idx], donor)
        new[n_idx].state = State.FUZZY
        new[n_idx].previous_source = None
        rechecked.append((new[n_idx].id, donor.id))
    still = not_propagated

    candidates = [(i, u) for i, u in enumerate(old_active) if i not in used and u.target]
    candidates += [(len(old_active) + j, u) for j, u in enumerate(old_obsolete)
                   if u.target and u.source not in revived_sources]
    pool = {i: u for i, u in candidates}
    for n_idx, o_idx in _best_pairs([(n, new[n]) for n in still], candidates):
        source = pool[o_idx]
        unit = new[n_idx]
        unit.target = source.target
        unit.state = State.FUZZY
        # The source the translation was made for, as msgmerge --previous keeps it: after
        # two edits in a row, #| shows the first text, not the intermediate one.
        unit.previous_source = source.previous_source if (
            source.state is State.FUZZY and source.previous_source) else source.source
        unit.comments = list(source.comments)
        unit.flags = list(source.flags)
        if o_idx < len(old_active):
            used.add(o_idx)
        else:
            revived_sources.add(source.source)
        report.fuzzy.append((unit.id, source.id))
    report.added = len(still) - len(report.fuzzy)
    report.fuzzy += rechecked

    result = new
    for i, u in enumerate(old_active):
        if i in used:
            continue
        if u.target:
            result.append(replace(u, obsolete=True, locations=[], auto_comments=[],
                                  previous_source=None))
            report.obsoleted += 1
        else:
            report.dropped += 1
    result.extend(u for u in old_obsolete if u.source not in revived_sources)
    return result, report


def merged_catalog(template: Catalog, old: Catalog | None) -> tuple[Catalog, MergeReport]:
    """`template` (units, languages, header) updated with the translations in `old`."""
    if old is None:
        return template, MergeReport(added=len(template.units))
    units, report = merge_units(template.units, old.units)
    header = dict(old.header) or dict(template.header)
    for key in ("Language", "X-Source-Language", "Content-Type", "Plural-Forms"):
        if key in template.header and not header.get(key):
            header[key] = template.header[key]
    merged = Catalog(units=units, source_lang=template.source_lang,
                     target_lang=template.target_lang, header=header,
                     header_comment=old.header_comment or template.header_comment,
                     path=template.path, po_source=old.po_source)
    return merged, report
