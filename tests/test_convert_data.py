"""The shipped OpenCC data: the sources are OpenCC's, the derived dictionaries are what
OpenCC's own scripts make of them, and the compiled cache is keyed by content."""

from __future__ import annotations

import marshal
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from workbench.opencc import derive, engine
from workbench.opencc.engine import CONFIG_NAMES, CONFIGS, DICTIONARIES, parse_dictionary

# ../shared/opencc: OpenCC's files at the commit data/README.md names, next to the project
# (the lead's checkout) or next to the worktrees.
SHARED = next((p / "shared" / "opencc" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "opencc" / "dictionary").is_dir()), None)
needs_shared = pytest.mark.skipif(SHARED is None, reason="../shared/opencc is not here")


def test_derived_dictionaries_are_up_to_date() -> None:
    for name, text in derive.derive(DICTIONARIES).items():
        assert (DICTIONARIES / name).read_text(encoding="utf-8") == text, name


@needs_shared
def test_sources_and_configs_are_opencc_byte_for_byte() -> None:
    assert SHARED is not None
    for path in (SHARED / "dictionary").glob("*.txt"):
        assert (DICTIONARIES / path.name).read_bytes() == path.read_bytes(), path.name
    for name in CONFIG_NAMES:
        assert (CONFIGS / f"{name}.json").read_bytes() == \
            (SHARED / "config" / f"{name}.json").read_bytes()
    shipped = {p.name for p in DICTIONARIES.glob("*.txt")}
    assert shipped == {p.name for p in (SHARED / "dictionary").glob("*.txt")} | {
        f"{n}.txt" for n in derive.GENERATED}


@needs_shared
def test_derivation_matches_opencc_scripts(tmp_path: Path) -> None:
    """reverse.py and extract_tofu_risk.py themselves, run on the sources."""
    assert SHARED is not None
    scripts = SHARED / "scripts"
    jobs = {"TSCharactersExt.txt": ("extract_tofu_risk.py", "TSCharacters.txt"),
            "TWVariantsRev.txt": ("reverse.py", "TWVariants.txt"),
            "HKVariantsRev.txt": ("reverse.py", "HKVariants.txt"),
            "JPShinjitaiCharactersRev.txt": ("reverse.py", "JPShinjitaiCharacters.txt")}
    for out, (script, source) in jobs.items():
        subprocess.run([sys.executable, str(scripts / script), str(SHARED / "dictionary" / source),
                        str(tmp_path / out)], check=True, cwd=scripts, capture_output=True)
        assert (tmp_path / out).read_bytes() == (DICTIONARIES / out).read_bytes(), out


def test_reverse_preferences_and_tofu_extraction() -> None:
    text = "# @reverse-prefer: 么 幺\n幺\t么\n麼\t麼 么\n"
    assert derive.reverse(text) == "么\t幺 麼\n麼\t麼\n"
    tofu = "# @tofu-risk: note\n㑮\t㑮 𫝈\n㑯\t㑔\n"
    assert derive.extract_tofu_risk(tofu) == "㑮\t𫝈\n"
    with pytest.raises(ValueError):
        derive.reverse("# @reverse-prefer: 甲 乙\n丙\t丁\n")


def test_dictionary_format() -> None:
    table = parse_dictionary("# comment\n\n乾\t乾 干\n干\t幹\n乾\t錯\n")
    assert table == {"乾": "乾", "干": "幹"}  # the first candidate; a repeated key keeps its first


def test_dictionaries_are_compiled_into_a_cache_keyed_by_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "dictionary"
    folder.mkdir()
    shutil.copy(DICTIONARIES / "TSPhrases.txt", folder)
    monkeypatch.setattr(engine, "DICTIONARIES", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    engine._load.cache_clear()
    try:
        first = engine.dictionary("TSPhrases")
        [cached] = (tmp_path / "cache" / "workbench" / "opencc").glob("TSPhrases-*.marshal")
        assert marshal.loads(cached.read_bytes())[0] == first
        # An edited dictionary gets a new cache file: the stale one is never read.
        with (folder / "TSPhrases.txt").open("a", encoding="utf-8") as f:
            f.write("測試詞\t测试词\n")
        engine._load.cache_clear()
        assert engine.dictionary("TSPhrases")["測試詞"] == "测试词"
        assert len(list(cached.parent.glob("TSPhrases-*.marshal"))) == 2
        # A corrupt cache file is rebuilt, not trusted.
        for path in cached.parent.glob("*.marshal"):
            path.write_bytes(b"garbage")
        engine._load.cache_clear()
        assert engine.dictionary("TSPhrases")["測試詞"] == "测试词"
    finally:
        engine._load.cache_clear()


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    engine._load.cache_clear()
    try:
        assert engine.dictionary("TSPhrases")["瞭解"] == "了解"
    finally:
        engine._load.cache_clear()


def test_unknown_configuration() -> None:
    with pytest.raises(ValueError, match="unknown OpenCC configuration"):
        engine.load_config("x2y")
