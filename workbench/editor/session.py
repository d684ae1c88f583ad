"""An editing session: one catalog opened for translation, with its journal and its file on disk.

No UI here: the editor (workbench.tui) drives this model, and tests drive it directly. Every
commit goes to the journal before anything else happens, so a crash loses nothing; saving writes
the PO atomically and refuses to overwrite a file that changed on disk since it was read.

A large catalog opens progressively: `open` reads its first screenful, `loading` reads the rest
on a worker and the session takes it a batch at a time (`add_batch`). Meanwhile the units read
can be edited and committed; a snapshot (a save) waits for the whole catalog.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from workbench import langs
from workbench.catalog_language import (
    TEAM,
    TEXT,
    CatalogLanguages,
    catalog_languages,
    project_source,
)
from workbench.editor import unitnotes
from workbench.editor.journal import Edit, Journal, journal_path, source_hash
from workbench.editor.loading import Batch, CatalogLoad, read_first_screen
from workbench.errors import ConflictError, InputError, WorkbenchError
from workbench.formats.po import po_reader, revised_header, utf8_header, write_po
from workbench.glossary import Glossary, Term, load_glossary, save_glossary
from workbench.model import Catalog, State, Unit, paragraph_of
from workbench.project import Project, catalog_path
from workbench.textio import read_bytes


@dataclass(frozen=True, slots=True)
class DiskSignature:
    """What a file looked like when it was read: cheap stat fields and a content hash."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> DiskSignature | None:
        try:
            stat = path.stat()
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        return cls.of_bytes(stat, data)

    @classmethod
    def of_bytes(cls, stat: os.stat_result, data: bytes) -> DiskSignature:
        """The signature of bytes read from a file whose stat (taken before reading) this is:
        the session's catalog and its signature then come from the very same bytes."""
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.blake2b(data).hexdigest())

    def matches(self, path: Path) -> bool:
        """True when the file still holds what was read (stat first, hash only if it moved)."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return False
        if stat.st_mtime_ns == self.mtime_ns and stat.st_size == self.size:
            return True
        if stat.st_size != self.size:
            return False
        current = DiskSignature.of(path)
        return current is not None and current.digest == self.digest


@dataclass(frozen=True, slots=True)
class SaveJob:
    """A snapshot of the catalog being written, and the commit count it includes."""

    catalog: Catalog
    serial: int


def _copy(unit: Unit) -> Unit:
    return copy.copy(unit)


class EditSession:
    """A catalog being translated: its active units, committed edits, journal and disk state."""

    def __init__(self, catalog: Catalog, path: Path, project: Project | None = None,
                 languages: CatalogLanguages | None = None, *,
                 signature: DiskSignature | None = None,
                 loading: CatalogLoad | None = None) -> None:
        self.catalog = catalog
        self.path = path
        self.project = project
        # Decided as every command decides them (header, path, text); shown in the title.
        self.languages = languages or catalog_languages(
            catalog, path, project_source=project_source(path, project))
        self.source_lang = self.languages.source or "zh"
        self.target_lang = self.languages.target
        self.units: list[Unit] = catalog.active
        self.states = bytearray(u.state for u in self.units)
        """State of each unit, for finding the next unit that needs work at C speed."""
        self.signature = signature or DiskSignature.of(path)
        self.loading = loading
        """The rest of the catalog being read (a progressive open); None once it is all in."""
        self.load_error: InputError | None = None
        """Why the rest of the catalog could not be read: the session cannot be saved then."""
        self.journal = Journal(path)
        self.unsaved: set[str] = set()
        """Ids of units committed since the last save."""
        self.restored = 0
        """Units whose unsaved edits were restored from the journal when the session opened."""
        self.skipped = 0
        """Journal edits that no longer apply (their sentence changed on disk)."""
        self._index = {u.id: i for i, u in enumerate(self.units)}
        self.serial = 0
        """Number of commits so far: tells a finished save whether edits came in meanwhile."""
        self._committed_at: dict[str, int] = {}
        self.journal_error: OSError | None = None
        """Why the last commit could not be journaled (None when it was)."""
        self.overrides: tuple[str | None, str | None] = (None, None)
        """The source and target languages the user gave when opening (kept on reload)."""

    @classmethod
    def open(cls, path: str | os.PathLike[str], project: Project | None = None,
             source_lang: str | None = None, target_lang: str | None = None, *,
             progressive_above: int | None = None) -> EditSession:
        """Read a PO file and replay its journal. Raises InputError for a malformed file.

        `progressive_above`: a file of more bytes is read up to its first unit needing work and
        a screenful past it; `loading` reads the rest (see the module doc). Not when a journal
        is to be replayed (its edits must be in before anything is shown or edited), nor when
        the catalog's languages can only be told from its whole text.
        """
        po_path = Path(path)
        if not po_path.exists():
            raise InputError("no such catalog", po_path)
        # Reading 100,000 units allocates millions of objects and none is garbage: without the
        # collector's passes over them the read takes a third less time.
        enabled = gc.isenabled()
        gc.disable()
        try:
            try:
                stat = po_path.stat()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", po_path) from None
            data = read_bytes(po_path, "PO file")
            progressive = progressive_above is not None and len(data) > progressive_above \
                and not journal_path(po_path).exists()
            reader = po_reader(data, po_path, provisional_ids=progressive)
            if progressive:
                # the hash of the bytes comes with the rest (20 ms less before the first
                # screen); meanwhile the file is only looked at once all is read
                signature = DiskSignature(stat.st_mtime_ns, stat.st_size, "")
                read_first_screen(reader)
            else:
                signature = DiskSignature.of_bytes(stat, data)
                reader.read()
            catalog = reader.catalog
            if progressive:
                catalog.units.extend(reader.units)
            known = project_source(po_path, project)
            languages = catalog_languages(catalog, po_path, source_lang, target_lang,
                                          project_source=known)
            if not reader.done and _languages_from_text(languages):
                catalog.units.extend(reader.read())  # the languages need the whole text
                languages = catalog_languages(catalog, po_path, source_lang, target_lang,
                                              project_source=known)
            if progressive and reader.done:
                reader.settle_ids()
            if reader.done and not signature.digest:  # read whole after all
                signature = DiskSignature.of_bytes(stat, data)
            session = cls(catalog, po_path, project, languages, signature=signature,
                          loading=None if reader.done else CatalogLoad(reader, data))
            del data
            session.overrides = (source_lang, target_lang)
            session._replay()
        finally:
            if enabled:
                gc.enable()
        return session

    # Progressive open ------------------------------------------------------------------------

    def add_batch(self, batch: Batch) -> range:
        """Take units the loading worker read (on the thread that edits); returns the indices
        of the active units added. The last batch settles the ids (`PoReader.read`) and ends
        `loading`."""
        assert self.loading is not None
        self.catalog.units.extend(batch.units)
        units = self.units
        start = len(units)
        units.extend(u for u in batch.units if not u.obsolete)
        added = range(start, len(units))
        self.states.extend(units[i].state for i in added)
        index = self._index
        for i in added:
            index[units[i].id] = i
        self.loading.fraction = batch.fraction
        if batch.done:
            self._settle_ids(batch.id_changes)
            signature = self.signature
            if batch.digest is not None and signature is not None and not signature.digest:
                self.signature = DiskSignature(signature.mtime_ns, signature.size, batch.digest)
            self.loading = None
        return added

    def _settle_ids(self, changes: list[tuple[Unit, str, str | None]]) -> None:
        """Give units the ids the whole file decides. A unit committed under its old id is
        journaled again under the new one (a replay skips the old record: no unit has that id
        and this unit's source)."""
        index = self._index
        moved: list[tuple[int, str, Unit]] = []
        for unit, unit_id, context in changes:
            old = unit.id
            unit.id, unit.context = unit_id, context
            if unit.obsolete:
                continue
            at = index.pop(old, None)
            if at is not None:
                moved.append((at, old, unit))
        for at, old, unit in moved:
            index[unit.id] = at
            if old in self.unsaved:
                self.unsaved.discard(old)
                self.unsaved.add(unit.id)
                self._committed_at[unit.id] = self._committed_at.pop(old, self.serial)
                self._journal(unit, tuple(unit.target_plurals)
                              if unit.source_plural is not None else None, tuple(unit.comments))

    def fail_load(self, error: InputError) -> None:
        """The rest of the file is malformed: the session holds part of a catalog, which must
        never be saved (`snapshot` refuses); the edits committed are in the journal."""
        self.load_error = error

    def _journal(self, unit: Unit, plurals: tuple[str, ...] | None,
                 comments: tuple[str, ...] | None = None) -> None:
        """Append a unit's target and state to the journal; a failure is kept in
        `journal_error` (the edit stays in memory, the editor warns)."""
        try:
            self.journal.append(Edit(unit.id, source_hash(unit.source), unit.target,
                                     unit.state, plurals, comments))
        except OSError as exc:
            self.journal_error = exc
        else:
            self.journal_error = None

    def _replay(self) -> None:
        if not self.journal.exists():
            return
        result = self.journal.replay(self.catalog)
        self.restored = len(result.restored)
        self.skipped = result.skipped
        self.unsaved.update(result.restored)
        for unit_id in result.restored:
            index = self._index.get(unit_id)
            if index is not None:
                self.states[index] = self.units[index].state

    def __len__(self) -> int:
        return len(self.units)

    def index_of(self, unit_id: str) -> int | None:
        return self._index.get(unit_id)

    @property
    def dirty(self) -> bool:
        return bool(self.unsaved)

    def commit(self, index: int, target: str, state: State,
               plurals: list[str] | None = None) -> Unit:
        """Record a unit's new target and state: journal first (durable), then the model.

        `plurals`: the other forms (msgstr[1..n]) of a plural entry, when they were edited. A
        plural entry with an empty form is untranslated, whatever its first form (as the PO
        reader, and gettext, read it)."""
        unit = self.units[index]
        if unit.source_plural is None:
            plurals = None
        forms = unit.target_plurals if plurals is None else plurals
        if not target or (unit.source_plural is not None and not all(forms)):
            state = State.UNTRANSLATED
        elif state is State.UNTRANSLATED:
            state = State.TRANSLATED
        if unit.target == target and unit.state is state and (
                plurals is None or plurals == unit.target_plurals):
            return unit
        try:
            self.journal.append(Edit(unit.id, source_hash(unit.source), target, state,
                                     None if plurals is None else tuple(plurals)))
        except OSError as exc:
            # a read-only folder, a full disk: the edit stays in memory and the editor warns
            # (saving may still work, or not: either way the translator must know)
            self.journal_error = exc
        else:
            self.journal_error = None
        unit.target = target
        if plurals is not None:
            unit.target_plurals = list(plurals)
        unit.state = state
        self.states[index] = state
        self.unsaved.add(unit.id)
        self.serial += 1
        self._committed_at[unit.id] = self.serial
        return unit

    def set_comments(self, index: int, comments: list[str]) -> Unit:
        """Record a unit's new `#` comment lines, journaled like a commit (the record keeps
        the unit's target and state as they are)."""
        unit = self.units[index]
        if comments == unit.comments:
            return unit
        try:
            self.journal.append(Edit(unit.id, source_hash(unit.source), unit.target,
                                     unit.state, comments=tuple(comments)))
        except OSError as exc:
            self.journal_error = exc
        else:
            self.journal_error = None
        unit.comments = list(comments)  # a new list: a snapshot being saved keeps the old
        self.unsaved.add(unit.id)
        self.serial += 1
        self._committed_at[unit.id] = self.serial
        return unit

    def set_translator_comment(self, index: int, text: str) -> Unit:
        """Replace the translator's comment of a unit (its conflict notes stay)."""
        changed = copy.copy(self.units[index])
        unitnotes.set_translator_comment(changed, text)
        return self.set_comments(index, changed.comments)

    def clear_conflicts(self, index: int) -> int:
        """Remove the import conflict notes of a unit (resolved); returns how many."""
        changed = copy.copy(self.units[index])
        removed = unitnotes.clear_conflicts(changed)
        if removed:
            self.set_comments(index, changed.comments)
        return removed

    def counts(self) -> dict[State, int]:
        return {state: self.states.count(state) for state in State}

    def name_of(self, path: Path) -> str:
        """How the editor names a catalog (in the title, in memory matches): relative to the
        project, else as given."""
        return self.project.relative(path) if self.project else str(path)

    def disk_changed(self) -> bool:
        """True when the file on disk is not what this session read or last saved."""
        signature = self.signature
        if signature is None:
            return self.path.exists()
        try:
            before = self.path.stat()
        except FileNotFoundError:
            return True
        if not signature.matches(self.path):
            return True
        if (before.st_mtime_ns, before.st_size) != (signature.mtime_ns, signature.size):
            # the same bytes under a new mtime (touched, checked out again): note the stat
            # taken before the bytes were compared, or every check would hash the file again
            self.signature = DiskSignature(before.st_mtime_ns, before.st_size, signature.digest)
        return False

    def snapshot(self, to_utf8: bool = False) -> SaveJob:
        """A copy of the catalog to write, taken on the thread that edits (cheap: the units are
        copied shallowly: an edit replaces a unit's target, state, plural forms or comment list,
        never changes a list in place). `to_utf8`: its header says UTF-8, and it is written so
        (a legacy charset that cannot hold a translation; saving keeps the header)."""
        catalog = self.catalog
        header = revised_header(catalog.header)
        if to_utf8:
            header = utf8_header(header)
        if header:
            from workbench.userconfig import saved_identity

            if identity := saved_identity():  # the user's [translator], if configured
                header["Last-Translator"] = identity
        if self.loading is not None or self.load_error is not None:
            # a partial catalog written over the file would lose every unit not read
            raise WorkbenchError(f"{self.path}: not saved: the catalog is not all read")
        copy = Catalog(units=[_copy(u) for u in catalog.units], source_lang=catalog.source_lang,
                       target_lang=catalog.target_lang, header=header,
                       header_comment=catalog.header_comment, path=catalog.path,
                       po_source=catalog.po_source)
        return SaveJob(copy, self.serial)

    def write(self, job: SaveJob, force: bool = False) -> DiskSignature | None:
        """Write a snapshot atomically (safe on a worker thread).

        Raises ConflictError when the file changed on disk since it was read, unless `force`
        (the translator chose to keep their version).
        """
        if not force and self.disk_changed():
            raise ConflictError(f"{self.path}: changed on disk since it was opened")
        write_po(job.catalog, self.path)
        return DiskSignature.of(self.path)

    def finish_save(self, job: SaveJob, signature: DiskSignature | None) -> None:
        """Record a finished save. The journal goes unless edits were committed meanwhile (then
        it stays: replaying edits already saved changes nothing)."""
        self.signature = signature
        self.catalog.header = job.catalog.header
        if self.serial == job.serial:
            self.journal.clear()
            self.unsaved.clear()
        else:
            self.unsaved = {uid for uid, serial in self._committed_at.items()
                            if serial > job.serial}

    def save(self, force: bool = False) -> None:
        """Snapshot, write and finish in one go (the editor does the write on a worker)."""
        job = self.snapshot()
        self.finish_save(job, self.write(job, force))

    def reload(self) -> EditSession:
        """A new session on the file as it is on disk now, with this journal replayed onto it."""
        self.journal.close()
        return EditSession.open(self.path, self.project, *self.overrides)  # all of it, at once

    def close(self) -> None:
        self.journal.close()

    # Context for the translator ------------------------------------------------------------

    def paragraph_neighbours(self, index: int, reach: int = 2) -> tuple[list[Unit], list[Unit]]:
        """Up to `reach` units before and after `index` in the same paragraph."""
        unit = self.units[index]
        paragraph = paragraph_of(unit)
        before: list[Unit] = []
        after: list[Unit] = []
        if paragraph is None:
            return before, after
        for i in range(index - 1, max(-1, index - 1 - reach), -1):
            if paragraph_of(self.units[i]) != paragraph:
                break
            before.insert(0, self.units[i])
        for i in range(index + 1, min(len(self.units), index + 1 + reach)):
            if paragraph_of(self.units[i]) != paragraph:
                break
            after.append(self.units[i])
        return before, after

    def sibling_catalog_paths(self) -> dict[str, Path]:
        """The catalogs of the same document in the project's other target languages."""
        if self.project is None:
            return {}
        found: dict[str, Path] = {}
        for lang in self.project.targets:
            if lang == self.target_lang:
                continue
            # the same layout for every target
            try:
                candidate = self.project.locale_dir / catalog_path(lang, self.path.stem)
            except WorkbenchError:
                continue
            if candidate.exists() and candidate.resolve() != self.path.resolve():
                found[lang] = candidate
        return found

    def memory_catalog_paths(self) -> list[Path]:
        """Every catalog of the project in this session's target language (this one included)."""
        if self.project is None:
            return [self.path]
        try:
            code = langs.gettext_code(self.target_lang) if self.target_lang else None
        except WorkbenchError:
            code = None
        paths = [p for p in self.project.po_files()
                 if code is None or p.parent.parent.name == code]
        if all(p.resolve() != self.path.resolve() for p in paths):
            paths.append(self.path)
        return paths


def add_glossary_term(path: Path, source: str, target: str, source_lang: str, target_lang: str,
                      note: str = "") -> Glossary:
    """Add a term to the glossary file at `path` (re-read first: another tool may have changed
    it) and save it atomically. A term already there keeps its other translations."""
    glossary = load_glossary(path, source_lang)
    translations: dict[str, str] = {}
    old_note = ""
    for term in glossary.terms:
        if term.source == source:
            translations.update(term.translations)
            old_note = term.note
    translations[langs.normalize(target_lang)] = target
    glossary.add(Term(source, translations, note or old_note))
    save_glossary(glossary, path)
    return glossary


def _languages_from_text(languages: CatalogLanguages) -> bool:
    """Whether deciding these languages looked at the catalog's text (then a part of it may
    tell otherwise than the whole): an unknown one, or one told by the text or the team."""
    return not (languages.source and languages.target) or TEXT in (
        languages.source_from, languages.target_from) or languages.target_from == TEAM
