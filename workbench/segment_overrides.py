"""Merging and splitting segments, and keeping those choices in the project.

The segmenter is right by its rules, but a translator sometimes needs two sentences as one
(`“…深刻。”` and `卓嘎說。` make one English sentence) or one as two. The choice is stored in
`locale/<doc>.segments.toml` as the text on either side of the joint (not a unit number or
an offset), so it survives edits elsewhere in the document and `workbench init` re-applies it
after any source edit; an edit right at the joint makes it stop applying.

Ids: a unit's id is the hash of its source (see `model.make_unit_id`), so a merged or split
unit gets the id `init` computes for its new source, and every other unit keeps its own: the
catalog stays exactly what a later `init` (msgmerge-style update) reproduces. Translations:
a merge joins the two with the target language's sentence joiner (translated only when both
were); a split keeps the translation on the first part, fuzzy, with the old source as `#|`.
The rebuilt document (`export --format txt`) is unchanged by either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from workbench import langs
from workbench.errors import InputError, UsageError
from workbench.model import Catalog, State, Unit, make_unit_id, paragraph_of
from workbench.project import Project
from workbench.segment import Joint
from workbench.segment.segmenter import unwrapped_offset
from workbench.textio import read_toml

CONTEXT = 12  # characters kept on either side of a joint: enough to be specific


def overrides_path(project: Project, document: Path) -> Path:
    """Where a document's merges and splits are kept, beside its POT."""
    return project.locale_dir / f"{document.stem}.segments.toml"


def read_joints(project: Project, document: Path) -> tuple[Joint, ...]:
    """The merges and splits recorded for a document (none when there is no file)."""
    path = overrides_path(project, document)
    if not path.is_file():
        return ()
    data = read_toml(path)
    joints = []
    for kind in ("merge", "split"):
        entries = data.get(kind, [])
        if not isinstance(entries, list):
            raise InputError(f"[[{kind}]] must be an array of tables", path)
        for entry in entries:
            if not (isinstance(entry, dict) and isinstance(entry.get("before"), str)
                    and isinstance(entry.get("after"), str)
                    and entry["before"].strip() and entry["after"].strip()):
                raise InputError(f'each [[{kind}]] needs before = "…" and after = "…" '
                                 "(the text on either side)", path)
            joints.append(Joint(entry["before"], entry["after"], kind == "split"))
    return tuple(joints)


def write_joints(project: Project, document: Path, joints: tuple[Joint, ...]) -> None:
    """Record a document's merges and splits (the file goes away when there are none)."""
    from workbench.textio import atomic_write_text

    path = overrides_path(project, document)
    if not joints:
        path.unlink(missing_ok=True)
        return
    lines = [f"# Merged and split segments of {project.relative(document)}, each known by the",
             "# text on either side. `workbench init` applies them; delete an entry to undo it."]
    for joint in joints:
        lines += ["", "[[split]]" if joint.split else "[[merge]]",
                  f"before = {json.dumps(joint.before, ensure_ascii=False)}",
                  f"after = {json.dumps(joint.after, ensure_ascii=False)}"]
    atomic_write_text(path, "\n".join(lines) + "\n")


# Catalog operations --------------------------------------------------------------------------



def _index(catalog: Catalog, unit_id: str) -> int:
    for i, unit in enumerate(catalog.units):
        if unit.id == unit_id and not unit.obsolete:
            return i
    raise UsageError(f"no unit {unit_id} in the catalog")


def merge_units(catalog: Catalog, unit_id: str, source: str | None = None) -> Unit:
    """Merge unit `unit_id` with the next unit of its paragraph, in place; returns the merged
    unit. `source` is the merged sentence as the segmenter gives it (default: the two sources
    joined the source language's way)."""

    i = _index(catalog, unit_id)
    first = catalog.units[i]
    j = next((k for k in range(i + 1, len(catalog.units)) if not catalog.units[k].obsolete),
             None)
    if j is None:
        raise UsageError("the last unit has no next unit to merge with")
    second = catalog.units[j]
    if paragraph_of(first) != paragraph_of(second):
        raise UsageError("the next unit is in another paragraph: only sentences of one "
                         "paragraph can be merged")
    if source is None:
        source = first.source + langs.sentence_joiner(catalog.source_lang) + second.source
    targets = [u.target.strip() for u in (first, second) if u.target.strip()]
    target = langs.sentence_joiner(catalog.target_lang).join(targets)
    if not target:
        state = State.UNTRANSLATED
    elif first.is_translated and second.is_translated:
        state = State.TRANSLATED
    else:
        state = State.FUZZY
    merged = Unit(
        id=make_unit_id(source, {}),
        source=source,
        target=target,
        state=state,
        comments=first.comments + [c for c in second.comments if c not in first.comments],
        auto_comments=list(first.auto_comments),
        locations=list(first.locations),
        flags=list(dict.fromkeys(first.flags + second.flags)),
    )
    catalog.units[i:j + 1] = [merged]
    return merged


def split_unit(catalog: Catalog, unit_id: str, offset: int,
               sources: tuple[str, str] | None = None) -> tuple[Unit, Unit]:
    """Split unit `unit_id` at `offset` of its source, in place; the first part keeps the
    translation (fuzzy: it now translates more than its source), the second has none.
    `sources` are the two sentences as the segmenter gives them (default: the two parts)."""
    i = _index(catalog, unit_id)
    unit = catalog.units[i]
    head, tail = unit.source[:offset].strip(), unit.source[offset:].strip()
    if not 0 < offset < len(unit.source) or not head or not tail:
        raise UsageError(f"cannot split at {offset}: both parts need text")
    if sources is not None:
        head, tail = sources
    first = Unit(id=make_unit_id(head, {}), source=head, target=unit.target,
                 state=State.FUZZY if unit.target else State.UNTRANSLATED,
                 comments=list(unit.comments), auto_comments=list(unit.auto_comments),
                 locations=list(unit.locations), flags=list(unit.flags),
                 previous_source=unit.source if unit.target else None)
    second = Unit(id=make_unit_id(tail, {}), source=tail,
                  auto_comments=list(unit.auto_comments), locations=list(unit.locations))
    catalog.units[i:i + 1] = [first, second]
    return first, second


# In a project: record the choice, then update the POT and every target's PO ---------------

@dataclass(frozen=True)
class _Placed:
    """A segment of the document where it is: its unit id and offsets in the text."""

    unit_id: str
    paragraph: int
    start: int
    end: int
    text: str
    unit_text: str


def _placed(project: Project, document: Path) -> tuple[str, list[_Placed]]:
    from workbench.catalogs import load_document
    from workbench.textio import read_text

    text = read_text(document).text
    segmented = load_document(document, project.source_lang, project.paragraphs, project)
    seen: dict[str, int] = {}
    out = []
    pos = len(segmented.blank)
    for seg in segmented.segments:
        start = pos + len(seg.before)
        end = start + len(seg.text)
        out.append(_Placed(make_unit_id(seg.unit_text, seen), seg.paragraph, start, end,
                           seg.text, seg.unit_text))
        pos = end + len(seg.after)
    return text, out


def _find(placed: list[_Placed], unit_id: str, document: Path) -> int:
    for i, p in enumerate(placed):
        if p.unit_id == unit_id:
            return i
    raise UsageError(f"no unit {unit_id} in {document.name} as it is now: run `workbench init` "
                     "to bring its catalogs up to date")


def _segments_at(project: Project, document: Path, start: int, end: int) -> list[str]:
    """The unit texts of the segments between two offsets, after the latest joints."""
    _, placed = _placed(project, document)
    return [p.unit_text for p in placed if p.start < end and p.end > start]


@contextmanager
def _locked(project: Project, document: Path, held: Path | None) -> Iterator[None]:
    """Every PO of the document locked while its segments change (one open in an editor
    refuses the change before anything is written), but `held`, the one this process's
    editor holds already."""
    from workbench.editor.locking import CatalogLock

    with ExitStack() as locks:
        for target in project.targets:
            path = project.po_path(document, target)
            if path.exists() and (held is None or path.resolve() != held.resolve()):
                locks.enter_context(CatalogLock(path))
        yield


def _update(project: Project, document: Path, change: object) -> list[Path]:
    """Apply `change(catalog)` to the document's POT and existing POs and update them against
    the document as the joints now segment it; written only once all are computed."""
    from workbench.catalogs import plan_update
    from workbench.formats.po import read_po
    from workbench.textio import atomic_write_bytes

    results = []
    for target in ["", *project.targets]:
        path = project.po_path(document, target) if target else project.pot_path(document)
        if not path.exists():
            continue
        catalog = read_po(path)
        change(catalog)  # type: ignore[operator]
        results.append(plan_update(project, document, target, old=catalog))
    for result in results:
        if result.data is not None:
            atomic_write_bytes(result.path, result.data)
    return [r.path for r in results if r.data is not None]


def _at(text: str, joint: Joint, start: int, end: int) -> bool:
    """Whether `joint` applies at a position between `start` and `end` (a gap between two
    sentences, or one point)."""
    if joint.split:
        at = text.find(joint.before + joint.after, max(0, start - len(joint.before)))
        return at >= 0 and start <= at + len(joint.before) <= end
    return text.endswith(joint.before, 0, start) and text.startswith(joint.after, end)


def merge_in_project(project: Project, document: Path, unit_id: str,
                     held: Path | None = None) -> list[Path]:
    """Merge a unit with the next one in every catalog of the document and remember it;
    returns the files written. `held`: the catalog this process has open (and locked)."""
    with _locked(project, document, held):
        return _merge(project, document, unit_id)


def _merge(project: Project, document: Path, unit_id: str) -> list[Path]:
    text, placed = _placed(project, document)
    i = _find(placed, unit_id, document)
    if i + 1 >= len(placed) or placed[i + 1].paragraph != placed[i].paragraph:
        raise UsageError("the next unit is in another paragraph (or there is none): only "
                         "sentences of one paragraph can be merged")
    first, second = placed[i], placed[i + 1]
    # A split the translator made here is undone; otherwise the rules' break is overridden.
    joints = tuple(j for j in read_joints(project, document)
                   if not (j.split and _at(text, j, first.end, second.start)))
    write_joints(project, document, joints)
    merged = _segments_at(project, document, first.start, second.end)
    if len(merged) != 1:
        joint = Joint(text[max(first.start, first.end - CONTEXT):first.end],
                      text[second.start:min(second.end, second.start + CONTEXT)])
        write_joints(project, document, (*joints, joint))
        merged = _segments_at(project, document, first.start, second.end)
    return _update(project, document,
                   lambda catalog: _merge_if_present(catalog, unit_id, merged[0]))


def _merge_if_present(catalog: Catalog, unit_id: str, source: str) -> None:
    if any(u.id == unit_id and not u.obsolete for u in catalog.units):
        merge_units(catalog, unit_id, source)


def split_in_project(project: Project, document: Path, unit_id: str, offset: int,
                     held: Path | None = None) -> list[Path]:
    """Split a unit at `offset` of its source in every catalog of the document and remember
    it; returns the files written. `held`: the catalog this process has open (and locked)."""
    with _locked(project, document, held):
        return _split(project, document, unit_id, offset)


def _split(project: Project, document: Path, unit_id: str, offset: int) -> list[Path]:
    text, placed = _placed(project, document)
    seg = placed[_find(placed, unit_id, document)]
    if not 0 < offset < len(seg.unit_text) or not seg.unit_text[:offset].strip() or \
            not seg.unit_text[offset:].strip():
        raise UsageError(f"cannot split at {offset}: both parts need text")
    # A hard-wrapped sentence: the offset in the unit (its lines joined) is found in the
    # document's own lines.
    at = seg.start + unwrapped_offset(seg.text, offset)
    before, after = text[max(seg.start, at - CONTEXT):at], text[at:min(seg.end, at + CONTEXT)]
    left, right = at, at  # the merge a translator made here is undone
    while left > seg.start and text[left - 1].isspace():
        left -= 1
    while right < seg.end and text[right].isspace():
        right += 1
    old = read_joints(project, document)
    joints = tuple(j for j in old if j.split or not _at(text, j, left, right))
    parts: list[str] = []
    if len(joints) < len(old):  # the rules may break here by themselves once it is gone
        write_joints(project, document, joints)
        parts = _segments_at(project, document, seg.start, seg.end)
    head = _bare(seg.unit_text[:offset])
    if len(parts) != 2 or _bare(parts[0]) != head:
        write_joints(project, document, (*joints, Joint(before, after, split=True)))
        parts = _segments_at(project, document, seg.start, seg.end)
    if len(parts) != 2 or _bare(parts[0]) != head:
        write_joints(project, document, old)
        raise UsageError("the segmenter cannot split there")
    return _update(project, document,
                   lambda catalog: _split_if_present(catalog, unit_id, offset, parts))


def _bare(text: str) -> str:
    """A part of a sentence without its spaces: a hard-wrapped part may join its lines with a
    space where the whole sentence joined them with none."""
    return "".join(text.split())


def _split_if_present(catalog: Catalog, unit_id: str, offset: int, parts: list[str]) -> None:
    if any(u.id == unit_id and not u.obsolete for u in catalog.units):
        split_unit(catalog, unit_id, offset, (parts[0], parts[1]))
