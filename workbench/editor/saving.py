"""Where saving and quitting stand, as one immutable value.

A save is written on a worker; one write at a time. A save or a quit asked for while a write is
under way is queued and follows it (\"Save and quit\" during a long save must still quit). The
translator's answers are remembered: saving over a read-only file once agreed, and a change on
disk they chose not to deal with yet (not asked again every poll for that same change).
Each transition returns a new state, so the editor's title, bound to it, redraws itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from pathlib import Path

DiskStamp = tuple[int, int]
"""A file's (mtime in ns, size); (-1, -1) when it is gone."""


def disk_stamp(path: Path) -> DiskStamp:
    try:
        stat = path.stat()
    except OSError:
        return -1, -1
    return stat.st_mtime_ns, stat.st_size


def is_read_only(path: Path) -> bool:
    """The file has no write permission (`chmod a-w`): a save would still replace it (a rename
    ignores the mode, and root ignores modes), so the translator is asked first."""
    try:
        return not path.stat().st_mode & 0o222
    except OSError:
        return False


class After(enum.Enum):
    """What follows a finished write."""

    STAY = "stay"
    SAVE = "save"  # edits were committed, and a save asked for, while it was written
    SAVE_AND_QUIT = "save and quit"  # quitting, but edits came in while it was written
    QUIT = "quit"


@dataclass(frozen=True, slots=True)
class SaveState:
    """The save/quit state of one editor."""

    writing: bool = False
    """A snapshot of the catalog is being written."""
    save_queued: bool = False
    """A save was asked for while writing."""
    quit_queued: bool = False
    """Quitting was asked for while writing."""
    read_only: bool = False
    """The file had no write permission when last looked at."""
    read_only_accepted: bool = False
    """The translator agreed to save over the read-only file."""
    asking_about_disk: bool = False
    """The changed-on-disk question is open."""
    declined: DiskStamp | None = None
    """The file's stamp when the disk watch found it changed, or the translator cancelled the
    changed-on-disk question (the title says so; the next save asks)."""

    @property
    def warn_read_only(self) -> bool:
        """A save would have to ask about the read-only file first."""
        return self.read_only and not self.read_only_accepted

    def queue(self, then_quit: bool) -> SaveState:
        """A save (and perhaps a quit) asked for while writing: it follows the write."""
        return replace(self, save_queued=True, quit_queued=self.quit_queued or then_quit)

    def start(self) -> SaveState:
        return replace(self, writing=True)

    def finish(self, then_quit: bool) -> tuple[SaveState, bool, bool]:
        """The write ended: the new state, whether a save was queued meanwhile, and whether
        to quit afterwards (asked with this save, or meanwhile)."""
        state = replace(self, writing=False, save_queued=False, quit_queued=False)
        return state, self.save_queued, then_quit or self.quit_queued

    @staticmethod
    def after_save(queued: bool, then_quit: bool, dirty: bool) -> After:
        """What to do once a save succeeded, `dirty` if edits were committed meanwhile."""
        if then_quit:
            return After.SAVE_AND_QUIT if dirty else After.QUIT
        return After.SAVE if queued and dirty else After.STAY

    def saved(self) -> SaveState:
        """The file on disk is now ours: a change put off earlier is settled."""
        return replace(self, declined=None)

    def should_check_disk(self, stamp: DiskStamp) -> bool:
        """Whether a poll should compare the file with what was read: not while asking or
        writing, nor for the very change the translator put off."""
        return not (self.asking_about_disk or self.writing) and self.declined != stamp

    def ask_about_disk(self) -> SaveState:
        return replace(self, asking_about_disk=True)

    def answered_disk(self, settled: bool, stamp: DiskStamp) -> SaveState:
        """The translator answered the changed-on-disk question: reloaded or kept theirs
        (`settled`), or cancelled (then the change at `stamp` is not asked about again)."""
        return replace(self, asking_about_disk=False, declined=None if settled else stamp)

    def noticed_change(self, stamp: DiskStamp) -> SaveState:
        """The disk watch found the file changed (at `stamp`): said, not asked, until a save
        asks (a question popping up while the translator types would take the next key typed
        as its answer)."""
        return replace(self, declined=stamp)

    def accept_read_only(self) -> SaveState:
        return replace(self, read_only_accepted=True)

    def looked_at(self, read_only: bool) -> SaveState:
        """The file's permission as it is now."""
        return self if read_only == self.read_only else replace(self, read_only=read_only)
