"""A crash-safe journal of committed edits, kept beside a catalog until it is saved.

Saving a 100,000-unit PO file takes seconds, so the editor does not save on every commit;
it appends one JSON line per commit to `<catalog>.journal` and fsyncs it (well under a
millisecond). When the editor opens the catalog again after a crash or `kill -9`, the journal
is replayed onto it; a successful save deletes it. A line cut short by a crash is ignored.

Each record names the unit by id and by a hash of its source, so a journal replayed onto a
catalog that changed on disk (a `git pull`) only touches units whose sentence is unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from workbench.model import Catalog, State

SUFFIX = ".journal"
VERSION = 1


def source_hash(source: str) -> str:
    return hashlib.blake2b(source.encode("utf-8"), digest_size=8).hexdigest()


def journal_path(catalog_path: str | os.PathLike[str]) -> Path:
    """Where the journal of a catalog lives: beside it (`*.journal` is gitignored)."""
    path = Path(catalog_path)
    return path.with_name(path.name + SUFFIX)


@dataclass(frozen=True, slots=True)
class Edit:
    """One committed edit: the unit's new target and state."""

    id: str
    source_hash: str
    target: str
    state: State
    plurals: tuple[str, ...] | None = None  # msgstr[1..n] of a plural entry, when edited
    comments: tuple[str, ...] | None = None
    """The unit's `#` comment lines, when edited (the translator's comment, conflict notes);
    a journal written before the field existed has none: its records leave comments alone."""

    def to_json(self) -> str:
        data: dict[str, object] = {"v": VERSION, "id": self.id, "src": self.source_hash,
                                   "target": self.target, "state": self.state.label}
        if self.plurals is not None:
            data["plurals"] = list(self.plurals)
        if self.comments is not None:
            data["comments"] = list(self.comments)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Edit | None:
        """The edit a journal line holds, or None for a torn or foreign line."""
        try:
            data = json.loads(line)
            plurals = data.get("plurals")
            comments = data.get("comments")
            return cls(str(data["id"]), str(data["src"]), str(data["target"]),
                       State[str(data["state"]).upper()],
                       None if plurals is None else tuple(str(p) for p in plurals),
                       None if comments is None else tuple(str(c) for c in comments))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


@dataclass
class ReplayResult:
    """What replaying a journal did."""

    restored: list[str]  # ids of units that got an edit back, in first-edit order
    skipped: int  # edits whose unit is gone or whose source changed


class Journal:
    """The append-only edit journal of one catalog."""

    def __init__(self, catalog_path: str | os.PathLike[str]) -> None:
        self.path = journal_path(catalog_path)
        self._fd: int | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> list[Edit]:
        """Every complete edit in the journal, oldest first."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        edits = []
        for raw in data.split(b"\n"):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            edit = Edit.from_json(line)
            if edit is not None:
                edits.append(edit)
        return edits

    def replay(self, catalog: Catalog) -> ReplayResult:
        """Apply the journal's edits to `catalog` (the last edit of a unit wins)."""
        by_id = catalog.by_id()
        restored: dict[str, None] = {}
        skipped = 0
        for edit in self.read():
            unit = by_id.get(edit.id)
            if unit is None or source_hash(unit.source) != edit.source_hash:
                skipped += 1
                continue
            unit.target = edit.target
            if edit.plurals is not None and unit.source_plural is not None:
                unit.target_plurals = list(edit.plurals)
            if edit.comments is not None:
                unit.comments = list(edit.comments)
            unit.state = edit.state if edit.target else State.UNTRANSLATED
            if unit.source_plural is not None and not all(unit.target_plurals):
                unit.state = State.UNTRANSLATED  # as the PO reader reads an empty form
            restored[edit.id] = None
        return ReplayResult(list(restored), skipped)

    def append(self, edit: Edit) -> None:
        """Add an edit and make it durable before returning (write, then fsync)."""
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A torn last line from a crash must not swallow the next record.
            needs_newline = False
            with contextlib.suppress(FileNotFoundError), self.path.open("rb") as fh:
                fh.seek(0, os.SEEK_END)
                if fh.tell():
                    fh.seek(-1, os.SEEK_END)
                    needs_newline = fh.read(1) != b"\n"
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            if needs_newline:
                os.write(self._fd, b"\n")
        data = (edit.to_json() + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def clear(self) -> None:
        """Delete the journal: its edits are in the saved catalog now."""
        self.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
