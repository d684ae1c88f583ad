"""Merging a file translated elsewhere (XLIFF, TMX, PO) into a catalog, losing nothing.

Units are matched by id (the msgctxt every export carries), then by source text (exactly,
then ignoring Unicode normalisation and runs of whitespace), so a TMX or a file whose ids another
tool rewrote still lands. Per matched unit:

- the imported target is empty: nothing changes (an import never erases a translation);
- the catalog has no translation: the imported one is taken with its state;
- same text: the state may go up (a fuzzy draft reviewed elsewhere becomes translated);
- the catalog has a fuzzy draft and the file a reviewed translation: the translation replaces
  the draft, which is what sending a file out for review is for;
- anything else is a conflict: two different translations, neither known to be the better
  one. Both are kept and the unit becomes fuzzy, so `workbench check` lists it until someone
  decides. With `prefer=imported` (the default: you import a file to take its translations)
  the imported text becomes the target and the catalog's one is kept in a translator comment
  `import conflict: previous translation (translated): ...`; with `prefer=existing` the
  catalog's target stays and the imported one goes in the comment. Comments are PO one-liners:
  a line break in a translation is written `\\n`, a backslash `\\\\`.

Translator comments from the file are added when the unit lacks them. Units of the file the
catalog does not have are reported, not added: the catalog's units come from the document.

A unit another tool split into sentences (XLIFF 2.0 segments, XLIFF 1.2 `<mrk mtype="seg">`)
matches a catalog unit holding the whole text, or else sentence by sentence the catalog's
units, which hold one sentence each. A gettext plural entry counts as translated only with
every plural form: a file that carries the first form only (another tool's TMX) leaves it fuzzy.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from workbench import langs
from workbench.errors import InputError, UsageError
from workbench.formats.base import Exchange, SegmentedUnit
from workbench.model import Catalog, State, Unit
from workbench.project import Project
from workbench.textio import LINE_BREAK

CONFLICT_PREFIX = "import conflict: "
_SPACE = re.compile(r"\s+")


class Prefer(str, Enum):
    """Which translation stays the target when the file and the catalog disagree."""

    IMPORTED = "imported"
    EXISTING = "existing"


@dataclass
class Conflict:
    unit_id: str
    source: str
    existing: str
    existing_state: State
    imported: str
    imported_state: State


@dataclass
class ImportReport:
    matched: int = 0
    filled: int = 0  # untranslated units that got a translation
    updated: int = 0  # drafts replaced by a reviewed translation, or states raised
    unchanged: int = 0
    empty: int = 0  # units of the file without a translation
    comments: int = 0  # translator comments added
    conflicts: list[Conflict] = field(default_factory=list)
    not_found: list[Unit] = field(default_factory=list)  # units of the file not in the catalog

    @property
    def changed(self) -> bool:
        return bool(self.filled or self.updated or self.comments or self.conflicts)


def escape_comment(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def unescape_comment(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), text)


def _comment_lines(comments: list[str]) -> list[str]:
    """A file's notes as PO comment lines: a note of several lines (Xcode, Angular and TMX
    notes often have them) is several `#` lines, a blank note none."""
    return [line for comment in comments for line in LINE_BREAK.split(comment.strip("\r\n"))
            if line.strip()]  # a line's own spaces stay (`#  x` is the comment ' x')


def _loose(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def same_language(a: str, b: str) -> bool:
    """Tags naming the same language for merging purposes: `langs.fits`, the one rule ('en-US'
    ~ 'en', a bare 'zh' ~ 'zh-TW', but 'zh-Hant' is not 'zh-Hans'); two tags spelled alike
    (an odd one too) are the same; an empty one names none."""
    if a.replace("_", "-").lower() == b.replace("_", "-").lower():
        return True
    return bool(a and b) and langs.fits(a, b)


def check_languages(catalog: Catalog, incoming: Catalog, path: str | os.PathLike[str],
                    target_lang: str | None = None) -> None:
    """Refuse a file in another target language than the catalog's (a clear mistake);
    `target_lang`: the catalog's as the command decided it (default: its header's)."""
    have, got = catalog.target_lang if target_lang is None else target_lang, incoming.target_lang
    if have and got and not same_language(have, got):
        raise UsageError(f"{os.fspath(path)}: the file's target language is {got}, "
                         f"the catalog's is {have}")


def merge_import(catalog: Catalog, incoming: Catalog,
                 prefer: Prefer | str = Prefer.IMPORTED) -> ImportReport:
    """Merge `incoming`'s translations into `catalog` (changed in place); see the module doc."""
    prefer = Prefer(prefer)
    report = ImportReport()
    # By id and source, or else by msgctxt and source: entries sharing a context (GNOME's
    # `unit-symbols`) have derived ids, and a file may name them by their context only.
    by_key = {(u.id, u.source): u for u in catalog.active}
    by_context = {(u.msgctxt, u.source): u for u in catalog.active
                  if u.msgctxt is not None and u.msgctxt != u.id}
    by_source: dict[str, list[Unit]] = defaultdict(list)
    by_loose: dict[str, list[Unit]] = defaultdict(list)
    for held in catalog.active:
        by_source[held.source].append(held)
        by_loose[_loose(held.source)].append(held)
    done: set[int] = set()  # ids (id()) of catalog units already given a translation
    pending: list[Unit] = []
    for inc in incoming.units:
        if inc.obsolete or not inc.source:  # an empty source is a PO header, not a sentence
            continue
        unit = by_key.get((inc.id, inc.source)) if inc.id else None
        if unit is None and inc.msgctxt is not None:
            unit = by_context.get((inc.msgctxt, inc.source)) or by_key.get(
                (inc.msgctxt, inc.source))
        if unit is not None:
            # Given again (an Xcode export repeats a string in each file that uses it): the
            # same unit, so the same translation is unchanged and another one a conflict.
            done.add(id(unit))
            _apply(unit, inc, prefer, report)
        else:
            pending.append(inc)
    # OmegaT's alternative translations go where their neighbours say, before the sentence's
    # default translation fills its other occurrences.
    pending = _place_alternatives(catalog, pending, done, prefer, report)
    # Then by source: every unit with that sentence not matched by id. When the file has the
    # sentence several times (a repeat whose translations depend on context), each goes to
    # one unit: the one at the same location if the file says, else the next in order.
    repeated = Counter(inc.source for inc in pending)
    for inc in pending:
        units = _by_source(inc, by_source, by_loose, done)
        if not units and isinstance(inc, SegmentedUnit) and inc.segments:
            _apply_segments(inc, by_source, by_loose, done, prefer, report)
            continue
        if not units:
            given = _given(inc, by_source, by_loose, done)
            if given is None:
                report.not_found.append(inc)
            else:  # the file repeats a sentence (a memory often does): the same unit again
                _apply(given, inc, prefer, report)
            continue
        if repeated[inc.source] > 1:
            here = [u for u in units if set(u.locations) & set(inc.locations)]
            units = here[:1] or units[:1]
        for unit in units:
            done.add(id(unit))
            _apply(unit, inc, prefer, report)
    return report


def _by_source(inc: Unit, by_source: dict[str, list[Unit]], by_loose: dict[str, list[Unit]],
               done: set[int]) -> list[Unit]:
    units = [u for u in by_source.get(inc.source, ()) if id(u) not in done]
    if not units:
        units = [u for u in by_loose.get(_loose(inc.source), ()) if id(u) not in done]
    plain = getattr(inc, "plain_source", None)
    if not units and plain is not None:  # the file's source has inline codes, ours none
        units = [u for u in by_loose.get(_loose(plain), ()) if id(u) not in done]
    return units


def _place_alternatives(catalog: Catalog, pending: list[Unit], done: set[int], prefer: Prefer,
                        report: ImportReport) -> list[Unit]:
    """Merge each OmegaT alternative translation of `pending` into the unit of its sentence
    whose neighbours in the catalog are the ones it names (`prev_source`, `next_source`: the
    sentences before and after it in OmegaT's document); the units left, and alternatives
    whose place the catalog no longer has, are returned (those then match by source)."""
    alternatives = [u for u in pending if isinstance(u, SegmentedUnit) and u.alternative]
    if not alternatives:
        return pending
    active = catalog.active
    places: dict[tuple[str, str | None, str | None], list[Unit]] = defaultdict(list)
    for n, unit in enumerate(active):
        before = active[n - 1].source if n else None
        after = active[n + 1].source if n + 1 < len(active) else None
        places[(unit.source, before, after)].append(unit)
    rest = []
    for inc in pending:
        units = []
        if isinstance(inc, SegmentedUnit) and inc.alternative:
            units = [u for u in places.get((inc.source, inc.prev_source, inc.next_source), ())
                     if id(u) not in done]
        if not units:
            rest.append(inc)
            continue
        done.add(id(units[0]))
        _apply(units[0], inc, prefer, report)
    return rest


def _given(inc: Unit, by_source: dict[str, list[Unit]], by_loose: dict[str, list[Unit]],
           done: set[int]) -> Unit | None:
    """For a sentence the file repeats more often than the catalog has it: the unit already
    given it that holds this translation, else the first one (a different translation of the
    same sentence is then a conflict, both kept); None when the catalog lacks the sentence."""
    units = [u for u in by_source.get(inc.source, ()) if id(u) in done] or \
        [u for u in by_loose.get(_loose(inc.source), ()) if id(u) in done]
    same = [u for u in units if u.target == inc.target]
    return (same or units)[0] if units else None


def _apply_segments(inc: SegmentedUnit, by_source: dict[str, list[Unit]],
                    by_loose: dict[str, list[Unit]], done: set[int], prefer: Prefer,
                    report: ImportReport) -> None:
    """A segmented unit whose whole text the catalog lacks: each sentence on its own."""
    for segment in inc.segments:
        if not segment.source.strip():
            continue
        segment.id = inc.id  # for the report
        segment.comments = list(inc.comments)
        units = _by_source(segment, by_source, by_loose, done)
        if not units:
            report.not_found.append(segment)
        for unit in units:
            done.add(id(unit))
            _apply(unit, segment, prefer, report)


def _plurals_from(unit: Unit, inc: Unit) -> list[str]:
    """The plural forms `unit` gets from `inc`: as many as the catalog's language has; the
    catalog's own when the file carries none (TMX, XLIFF 2.0)."""
    if unit.source_plural is None or inc.source_plural is None:
        return unit.target_plurals
    n = len(unit.target_plurals)
    forms = list(inc.target_plurals[:n])
    return forms + [""] * (n - len(forms))


def _shown(target: str, plurals: list[str], unit: Unit) -> str:
    """A translation for a comment: its plural forms too, as a JSON list."""
    if unit.source_plural is None or not plurals:
        return escape_comment(target)
    return escape_comment(json.dumps([target, *plurals], ensure_ascii=False))


def _apply(unit: Unit, inc: Unit, prefer: Prefer, report: ImportReport) -> None:
    before = (unit.target, list(unit.target_plurals), unit.state)
    _merge(unit, inc, prefer, report)
    if (unit.target, unit.target_plurals, unit.state) != before \
            and unit.state is State.TRANSLATED and unit.source_plural is not None \
            and not all(unit.target_plurals):
        unit.state = State.FUZZY  # a plural form is missing: not done, whatever the file says


def _merge(unit: Unit, inc: Unit, prefer: Prefer, report: ImportReport) -> None:
    report.matched += 1
    for comment in _comment_lines(inc.comments):
        if comment not in unit.comments and comment not in unit.auto_comments \
                and not comment.startswith(CONFLICT_PREFIX):
            unit.comments.append(comment)
            report.comments += 1
    if not inc.target or inc.state is State.UNTRANSLATED:
        report.empty += 1
        return
    plurals = _plurals_from(unit, inc)
    if unit.target == inc.target and unit.target_plurals == plurals:
        pending_conflict = any(c.startswith(CONFLICT_PREFIX) for c in unit.comments)
        if inc.state > unit.state and not pending_conflict:
            unit.state = inc.state
            if unit.state is State.TRANSLATED:
                unit.previous_source = None
            report.updated += 1
        else:
            report.unchanged += 1
        return
    if not unit.target:
        unit.target, unit.target_plurals, unit.state = inc.target, plurals, inc.state
        report.filled += 1
        return
    if unit.state is State.FUZZY and inc.state is State.TRANSLATED \
            and not any(c.startswith(CONFLICT_PREFIX) for c in unit.comments):
        unit.target, unit.target_plurals = inc.target, plurals
        unit.state, unit.previous_source = State.TRANSLATED, None
        report.updated += 1
        return
    report.conflicts.append(Conflict(unit.id, unit.source, unit.target, unit.state,
                                     inc.target, inc.state))
    if prefer is Prefer.IMPORTED:
        note = (f"{CONFLICT_PREFIX}previous translation ({unit.state.label}): "
                f"{_shown(unit.target, unit.target_plurals, unit)}")
        unit.target, unit.target_plurals = inc.target, plurals
    else:
        note = (f"{CONFLICT_PREFIX}imported translation ({inc.state.label}): "
                f"{_shown(inc.target, plurals, unit)}")
    if note not in unit.comments:
        unit.comments.append(note)
    unit.state = State.FUZZY


def find_catalog(exchange: Exchange, file: Path, project: Project) -> Path:
    """The project's PO file an imported file belongs to: named by the file's `original`, or
    found from its document name or its units' locations, and its target language."""
    original = exchange.original
    if original:
        # The file is untrusted: it may only name one of this project's own catalogs, never
        # an arbitrary PO file elsewhere on the disk for us to write to.
        catalogs = {p.resolve(): p for p in project.po_files()}
        for base in (project.root, Path.cwd(), file.parent):
            candidate = (base / original).resolve()
            if candidate in catalogs:
                return catalogs[candidate]
    lang = exchange.catalog.target_lang
    if not lang:
        raise InputError("the file names no target language: import it with --into PO", file)
    try:
        target = project.target_for(lang)
    except UsageError:
        matches = [t for t in project.targets if same_language(t, lang)]
        if len(matches) > 1:  # a bare 'zh' in a project translating into zh-Hans and zh-Hant
            raise UsageError(f"{file}: its target language {lang} could be any of "
                             f"{', '.join(matches)}: import it with --into PO") from None
        target = matches[0] if matches else ""
        if not target:
            raise UsageError(f"{file}: its target language {lang} is not one of the project's "
                             f"({', '.join(project.targets)})") from None
    documents = project.documents()
    stems = [Path(original).stem] if original else []
    stems += [Path(p).stem for u in exchange.catalog.units[:50] for p, _ in u.locations]
    if exchange.format == "po":
        stems.append(file.stem)
    for stem in stems:
        for doc in documents:
            if doc.stem == stem:
                po = project.po_path(doc, target)
                if po.is_file():
                    return po
                raise InputError(f"no catalog {po} for {doc.name} in {target}: run "
                                 "`workbench init` first", file)
    raise InputError("cannot tell which catalog this file belongs to (no original, no "
                     "locations matching a document): name it with --into PO", file)
