"""One editor per catalog: an advisory lock beside the file while it is open for editing.

Two editors on the same catalog would replay and clear each other's journal. The lock is an
OS file lock (flock): the kernel drops it when the process ends, even by kill -9, so a crash
never leaves a stale lock behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from workbench.errors import UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, no protection
    fcntl = None  # type: ignore[assignment]


def lock_path(catalog_path: str | os.PathLike[str]) -> Path:
    path = Path(catalog_path)
    return path.with_name(path.name + ".lock")


class CatalogLock:
    """`with CatalogLock(path):` holds the catalog for this process, or raises UsageError."""

    def __init__(self, catalog_path: str | os.PathLike[str]) -> None:
        self.path = lock_path(catalog_path)
        self.catalog = Path(catalog_path)
        self.fd: int | None = None

    def __enter__(self) -> CatalogLock:
        if fcntl is None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return self  # a read-only folder: nothing can be saved there anyway
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            other = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise UsageError(f"{self.catalog} is open in another editor"
                             + (f" (process {other})" if other else "")
                             + "; close it there first") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self.fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(self.fd)  # closing releases the lock
            self.fd = None
