"""Bad input through the real CLI: one line on stderr, exit code 2, nothing half-written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, run_cli

CORE = DATA / "core"


def _one_clean_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(("name", "message"), [
    ("does-not-exist.txt", "no such file"),
    (".", "is a directory"),
    ("binary.bin", "binary file"),
    ("empty.txt", "file is empty"),
    ("undecidable.txt", "cannot tell the text encoding (tried UTF-8, GB18030"),
])
def test_segment_refuses_bad_input(name: str, message: str, tmp_path: Path) -> None:
    result = run_cli("segment", str(CORE / name), cwd=tmp_path)
    assert result.returncode == 2
    assert message in _one_clean_line(result.stderr)


@pytest.mark.parametrize(("name", "expected"), [
    ("big5.txt", "big5.expected.txt"),
    ("gb18030.txt", None),
    ("utf16le-bom.txt", None),
    ("utf16be-bom.txt", None),
    ("utf8-bom.txt", None),
])
def test_legacy_encodings_are_decoded(name: str, expected: str | None, tmp_path: Path) -> None:
    result = run_cli("segment", str(CORE / name), "--lang", "zh", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    import json

    text = "".join(s["before"] + s["text"] + s["after"] for s in json.loads(result.stdout))
    if expected:
        assert text == (CORE / expected).read_text(encoding="utf-8")
    assert "黨" in text or "党" in text


def test_init_with_malformed_po_fails_cleanly(project_dir: Path) -> None:
    assert run_cli("init", cwd=project_dir).returncode == 0
    po = project_dir / "locale/en/LC_MESSAGES/000_fa12286181b4949c.po"
    shutil.copy(CORE / "malformed.po", po)
    before = {p: p.read_bytes() for p in (project_dir / "locale").rglob("*.po*")}
    result = run_cli("init", cwd=project_dir)
    assert result.returncode == 2
    assert f"{po}:6:" in _one_clean_line(result.stderr)
    assert {p: p.read_bytes() for p in (project_dir / "locale").rglob("*.po*")} == before


def test_init_with_undecodable_source_writes_nothing(project_dir: Path) -> None:
    shutil.copy(CORE / "undecidable.txt", project_dir / "seeds" / "bad.txt")
    result = run_cli("init", cwd=project_dir)
    assert result.returncode == 2 and "bad.txt" in _one_clean_line(result.stderr)
    assert not (project_dir / "locale").exists()


def test_init_new_project_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("你好。世界！", encoding="utf-8")
    result = run_cli("init", "--source-lang", "zh-Hans", "--target", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "workbench.toml").exists()
    assert (tmp_path / "locale/en/LC_MESSAGES/doc.po").exists()
    bad = run_cli("init", "--source-lang", "not a tag!", "--target", "en", cwd=tmp_path / "..")
    assert bad.returncode == 2
    nothing = run_cli("stats", cwd=tmp_path.parent)
    assert nothing.returncode == 2 and "no workbench project" in _one_clean_line(nothing.stderr)
    assert run_cli("no-such-command").returncode == 2


def test_stats_guesses_an_unnamed_source_language(tmp_path: Path) -> None:
    po = tmp_path / "other.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Hello world, how are you?"\nmsgstr "你好"\n', encoding="utf-8")
    result = run_cli("stats", str(po), "--json", cwd=tmp_path)
    assert json.loads(result.stdout)["catalogs"][0]["source_lang"] == "en"


def test_edit_without_a_terminal_writes_nothing(project_dir: Path) -> None:
    """`workbench edit DOC` makes the document's catalog before it opens it: not when there
    is no terminal to open it in (a script, CI), which gets one line and exit 2."""
    res = run_cli("edit", "seeds/" + next((project_dir / "seeds").iterdir()).name,
                  "--lang", "en", cwd=project_dir)
    assert res.returncode == 2 and _one_clean_line(res.stderr).endswith("needs a terminal")
    assert not (project_dir / "locale").exists()


@pytest.mark.parametrize("name", ["their.xlf", "their.sdlxliff", "memory.tmx"])
def test_edit_names_an_exchange_file_for_what_it_is(project_dir: Path, name: str) -> None:
    """An XLIFF or TMX file is not a document to segment and translate: it comes in through
    import (it was segmented as text, its XML in the units)."""
    shutil.copyfile(DATA / "tmx" / "gmlspec.auto.tmx", project_dir / name)
    res = run_cli("edit", name, "--lang", "en", cwd=project_dir)
    assert res.returncode == 2
    assert f"workbench import {name} --into CATALOG.po" in _one_clean_line(res.stderr)
    assert not (project_dir / "locale").exists()
