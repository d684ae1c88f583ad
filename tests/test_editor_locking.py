"""One editor per catalog."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.editor.locking import CatalogLock, lock_path
from workbench.errors import UsageError


def test_a_second_holder_is_refused_and_the_lock_goes_with_the_first(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_text("", encoding="utf-8")
    with CatalogLock(po):
        assert lock_path(po).exists()
        # Another process (the lock is per open file, as a second editor would hold it).
        code = ("import sys; from workbench.editor.locking import CatalogLock\n"
                "try:\n    CatalogLock(sys.argv[1]).__enter__()\n"
                "except Exception as exc:\n    print(exc); sys.exit(3)\n")
        other = subprocess.run([sys.executable, "-c", code, str(po)], capture_output=True,
                               text=True, timeout=60)
        assert other.returncode == 3 and "open in another editor" in other.stdout
    assert not lock_path(po).exists()
    with CatalogLock(po):  # free again
        pass


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_text("", encoding="utf-8")
    code = ("import sys, os, signal; from workbench.editor.locking import CatalogLock\n"
            "CatalogLock(sys.argv[1]).__enter__(); os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", code, str(po)], timeout=60)
    assert lock_path(po).exists()  # the file stays, the lock does not
    with CatalogLock(po):
        pass


def test_the_same_process_cannot_take_it_twice(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    with CatalogLock(po), pytest.raises(UsageError), CatalogLock(po):
        pass
