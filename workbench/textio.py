"""Reading untrusted text files (encoding detection) and writing files atomically."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from workbench._common_han import COMMON_HAN
from workbench.errors import InputError
from workbench.han import HAN_RE

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy Chinese encodings tried, in this order, when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("gb18030", "cp950", "big5hkscs")
MAX_TEXT_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class DecodedText:
    """A text file's content with what is needed to write it back the same way."""

    text: str
    encoding: str  # Python codec name of the bytes, without the BOM
    bom: bool  # the file started with a byte-order mark

    def encode(self, text: str | None = None) -> bytes:
        """Encode `text` (default: this text) as the original file was encoded."""
        data = (self.text if text is None else text).encode(self.encoding)
        return _bom_for(self.encoding) + data if self.bom else data


LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""A line break as text files from any system write it (CRLF, CR or LF)."""


def _bom_for(encoding: str) -> bytes:
    for bom, name in _BOMS:
        if name == encoding:
            return bom
    return b""


def read_bytes(path: str | os.PathLike[str], what: str = "file") -> bytes:
    """Read a file's bytes, turning every OS failure into an InputError."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such {what}", path)
    if p.is_dir():
        raise InputError(f"is a directory, expected a {what}", path)
    try:
        if p.stat().st_size > MAX_TEXT_BYTES:
            raise InputError(f"{what} too large (over {MAX_TEXT_BYTES // 2**20} MiB)", path)
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None


def read_text(path: str | os.PathLike[str]) -> DecodedText:
    """Read a text file of unknown encoding; refuse empty, binary or undecidable files."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError("file is empty" if not data else "file holds only whitespace", path)
    return decode_bytes(data, path)


def decode_bytes(data: bytes, path: str | os.PathLike[str] | None = None) -> DecodedText:
    """Decode bytes: BOM first, then strict UTF-8, then the legacy Chinese encodings.

    A legacy decoding is accepted only when it is clearly the most plausible: most of its Han
    characters are common ones. Otherwise the error names every encoding that was tried.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding), encoding, True, path)
            except UnicodeDecodeError as exc:
                line, column = _line_column(data[len(bom):], exc.start, encoding)
                raise InputError(f"invalid {encoding} after its byte-order mark: {exc.reason} "
                                 f"at byte {exc.start + len(bom)} (column {column})",
                                 path, line) from None
    try:
        return _checked(data.decode("utf-8"), "utf-8", False, path)
    except UnicodeDecodeError as exc:
        not_utf8 = exc
    candidates: list[tuple[float, str, str]] = []
    encodings = list(LEGACY_ENCODINGS)
    if len(data) % 2 == 0:
        encodings += ["utf-16-le", "utf-16-be"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), encoding, text))
    candidates.sort(key=lambda c: -c[0])
    tried = "UTF-8, " + ", ".join(e.upper() for e in encodings)
    if candidates and candidates[0][0] >= 0.3:
        best = candidates[0]
        runner_up = candidates[1][0] if len(candidates) > 1 else 0.0
        # Big5 and its supersets decode the same bytes the same way: not a real contest.
        same_family = len(candidates) > 1 and candidates[1][2] == best[2]
        if best[0] - runner_up >= 0.15 or same_family:
            return _checked(best[2], best[1], False, path)
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes, not UTF-16 text)", path)
    _refuse_damaged_utf8(data, not_utf8, path)
    raise InputError(f"cannot tell the text encoding (tried {tried}); "
                     "convert the file to UTF-8", path)


def _line_column(data: bytes, start: int, encoding: str) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte `start` of text in `encoding`."""
    before = data[:start].decode(encoding, errors="replace")
    return _position(before, len(before))


def _position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of character `index` of `text`."""
    breaks = list(LINE_BREAK.finditer(text, 0, index))
    return len(breaks) + 1, index - (breaks[-1].end() if breaks else 0) + 1


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError,
                         path: str | os.PathLike[str] | None) -> None:
    """A file that is UTF-8 but for a few bytes (a damaged file, or one joined from two
    encodings) is named with the line of its first bad byte: that is where to look."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    before = data[:exc.start].decode("utf-8")
    line, column = _position(before, len(before))
    byte = f"0x{data[exc.start]:02X}"
    if good >= 2 * bad:  # a wrong decoding of GBK or Big5 as UTF-8 is mostly replacement marks
        raise InputError(f"not valid UTF-8: byte {byte} at column {column} ({bad} invalid "
                         "byte(s) in an otherwise UTF-8 file); fix or remove them", path, line)
    if any(ch > "\x7f" for ch in before):
        raise InputError(f"UTF-8 text up to here, then byte {byte} at column {column} and "
                         "text in another encoding (a file joined from two encodings?); convert "
                         "it all to UTF-8", path, line)


def _plausibility(text: str) -> float:
    """Share of the text's Han characters that are common ones; 0 for control-laden text."""
    if _control_ratio(text) > 0.01:
        return 0.0
    han = HAN_RE.findall(text)
    if len(han) < 2:
        return 0.0
    # A wrong decoding also makes kana, Greek, Cyrillic, box drawing and private-use
    # characters (Big5 read as GBK: 中文測試 -> いゅ代刚): they count against it, which
    # tells even a short file's encoding.
    odd = len(_ODD.findall(text))
    return sum(ch in COMMON_HAN for ch in han) / (len(han) + odd)


_ODD = re.compile("[\u0370-\u04ff\u2500-\u257f\u3040-\u30ff\u3130-\u318f\uac00-\ud7af"
                  "\ue000-\uf8ff\ufffd]")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch < "\xa0")
    return bad / len(text)


def _checked(
    text: str, encoding: str, bom: bool, path: str | os.PathLike[str] | None
) -> DecodedText:
    if "\x00" in text or _control_ratio(text) > 0.01:
        # Where the first one is: a text file with terminal colour codes or a stray NUL is
        # fixed there; a real binary file shows at line 1.
        first = _CONTROL.search(text)
        assert first is not None
        line, column = _position(text, first.start())
        raise InputError(f"binary file (control characters, the first U+{ord(first[0]):04X} "
                         f"at column {column}), expected text", path, line)
    if not text.strip():
        raise InputError("file holds no text", path)
    return DecodedText(text, encoding, bom)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a mix.

    Temp file in the same folder, fsync, rename over the target, fsync the folder. The target's
    permission bits are kept when it already exists.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: most runs write nothing

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Atomically write text, byte for byte (no newline translation)."""
    atomic_write_bytes(path, text.encode(encoding))


def toml_loads(text: str) -> dict[str, Any]:
    """tomllib.loads, imported on first use (a status-only `check` never reads TOML)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table; a malformed or unreadable file is one InputError naming it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path) from None


T = TypeVar("T")


class FileCache(Generic[T]):
    """Values derived from files (an index, parsed entries), kept until one of the files
    changes its modification time or size. Safe to use from worker threads."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[list[tuple[str, int, int]], T]] = {}
        self._lock = threading.Lock()

    def get(self, paths: Sequence[Path], key: Hashable, build: Callable[[], T]) -> T:
        """The value cached under `key` for `paths` as they are now, or `build()`'s."""
        signature = []
        for path in paths:
            try:
                stat = path.stat()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}", path) from None
            signature.append((os.fspath(path.resolve()), stat.st_mtime_ns, stat.st_size))
        with self._lock:
            hit = self._entries.get(key)
        if hit is not None and hit[0] == signature:
            return hit[1]
        value = build()
        with self._lock:
            self._entries[key] = (signature, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_LINE_NUMBER = re.compile(r"[0-9]{1,9}")


def line_number(text: str) -> int | None:
    """The number `text` is, as a line number ('12'), else None: not '²', which isdigit()
    takes for a digit and int() refuses, nor 5,000 digits, which int() refuses too."""
    return int(text) if _LINE_NUMBER.fullmatch(text) else None


def _cp936_euro(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Windows' code page 936 (GBK) writes the euro sign as the one byte 0x80, which no GB
    codec of Python reads or writes (GB18030 has it as A2E3) and msgfmt accepts: where a
    character starts, 0x80 reads as €, and € writes back as 0x80."""
    if isinstance(exc, UnicodeDecodeError) and exc.object[exc.start] == 0x80:
        return "\u20ac", exc.start + 1
    if isinstance(exc, UnicodeEncodeError) and exc.object[exc.start] == "\u20ac":
        return b"\x80", exc.start + 1
    raise exc


CP936_EURO = "workbench-cp936-euro"  # the error handler of GBK text: data.decode("gbk", CP936_EURO)
codecs.register_error(CP936_EURO, _cp936_euro)
