"""Typed errors. Bad input is reported as one `path:line: message` line and exit code 2."""

from __future__ import annotations

import os
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    PROBLEMS = 1  # the command ran and found problems (check, align review, ...)
    BAD_INPUT = 2  # bad usage, unreadable or malformed input


class WorkbenchError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = ExitCode.BAD_INPUT


class InputError(WorkbenchError):
    """Input that cannot be used: missing, unreadable, malformed, wrong encoding."""

    def __init__(
        self, message: str, path: str | os.PathLike[str] | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class UnencodableError(InputError):
    """A catalog's text holds a character its declared charset cannot (Simplified Chinese in a
    Big5 catalog): nothing is written; converting the catalog to UTF-8 is the way out."""


class UsageError(WorkbenchError):
    """A command line that does not make sense (conflicting options, unknown language...)."""


class ConflictError(WorkbenchError):
    """A file changed on disk since it was read; writing would overwrite someone's work."""
