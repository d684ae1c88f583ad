"""Reference memories (tm/ folder, --tm), pretranslation from them, the character diff, the
translator identity and a new project's .gitignore."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli
from workbench import refmemory
from workbench.formats import tmx, xliff
from workbench.formats.po import read_po
from workbench.model import Catalog, State, Unit
from workbench.refmemory import load_entries, load_reference_memory, reference_files
from workbench.textdiff import Change, Piece, char_diff, plain, word_diff
from workbench.userconfig import translator_identity

CONFIG = '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en"]\nsources = "src"\n'


def _catalog(pairs: list[tuple[str, str]], source: str = "zh-Hant", target: str = "en"
             ) -> Catalog:
    return Catalog(units=[Unit(id=str(n), source=s, target=t, state=State.TRANSLATED)
                          for n, (s, t) in enumerate(pairs)],
                   source_lang=source, target_lang=target)


def _tmx(path: Path, pairs: list[tuple[str, str]], source: str = "zh-Hant",
         target: str = "en") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tmx.write_tmx(_catalog(pairs, source, target)))
    return path


# The diff -----------------------------------------------------------------------------------

def test_char_diff_pieces_rebuild_both_texts() -> None:
    pieces = char_diff("他今天去北京。", "他明天去上海。")
    assert "".join(p.text for p in pieces if p.change is not Change.ADDED) == "他今天去北京。"
    assert "".join(p.text for p in pieces if p.change is not Change.REMOVED) == "他明天去上海。"
    assert plain(pieces) == "他[-今-]{+明+}天去[-北京-]{+上海+}。"
    assert char_diff("同", "同") == [Piece(Change.SAME, "同")]


# Loading ------------------------------------------------------------------------------------

def test_tm_folder_files_of_every_kind_are_found(tmp_path: Path) -> None:
    _tmx(tmp_path / "tm" / "old.tmx", [("甲。", "A.")])
    (tmp_path / "tm" / "sub").mkdir()
    (tmp_path / "tm" / "sub" / "b.xlf").write_bytes(xliff.write_xliff(_catalog([("乙。", "B.")])))
    (tmp_path / "tm" / "notes.txt").write_text("not a memory", encoding="utf-8")
    extra = _tmx(tmp_path / "elsewhere.tmx", [("丙。", "C.")])
    files = reference_files(tmp_path, [extra])
    assert [p.name for p in files] == ["old.tmx", "b.xlf", "elsewhere.tmx"]
    memory = load_reference_memory(files, "zh-Hant", "en")
    assert len(memory) == 3 and memory.exact("乙。") == ("B.", os.fspath(files[1]))


def test_a_memory_for_another_language_gives_nothing(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "fr.tmx", [("甲。", "Un.")], target="fr")
    assert load_entries(path, "en") == ()
    hans = _tmx(tmp_path / "hans.tmx", [("甲。", "甲。")], target="zh-Hans")
    assert load_entries(hans, "zh-Hant") == ()


def test_a_memory_of_every_source_language_takes_the_projects(tmp_path: Path) -> None:
    """srclang="*all*" (allowed by TMX: any variant may be the source) in tm/: the project's
    source language says which variant is the source."""
    path = _tmx(tmp_path / "tm" / "all.tmx", [("甲。", "A.")])
    path.write_bytes(path.read_bytes().replace(b'srclang="zh-Hant"', b'srclang="*all*"'))
    assert b'srclang="*all*"' in path.read_bytes()
    memory = load_reference_memory([path], "zh-Hant", "en")
    assert memory.exact("甲。") == ("A.", str(path))


def test_loading_is_cached_until_the_file_changes(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = _tmx(tmp_path / "a.tmx", [("甲。", "A.")])
    first = load_entries(path, "en")
    calls = []
    import workbench.formats as formats

    real = formats.read_exchange
    monkeypatch.setattr(formats, "read_exchange", lambda *a: calls.append(a) or real(*a))
    assert load_entries(path, "en") is first and not calls
    _tmx(path, [("甲。", "A."), ("乙乙乙。", "B.")])
    os.utime(path, ns=(1, 1))  # a different mtime even on a coarse clock
    assert len(load_entries(path, "en")) == 2 and len(calls) == 1


def test_a_malformed_memory_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "workbench.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("甲。\n", encoding="utf-8")
    (tmp_path / "tm").mkdir()
    (tmp_path / "tm" / "bad.tmx").write_text("<tmx><body>", encoding="utf-8")
    result = run_cli("init", "--pretranslate", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "bad.tmx" in result.stderr
    missing = run_cli("init", "--pretranslate", "--tm", "nope.tmx", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.tmx" in missing.stderr


# Matching -----------------------------------------------------------------------------------

def test_fuzzy_match_carries_the_diff_to_the_sentence(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "a.tmx", [("他今天去北京開會。", "He goes to Beijing today.")])
    memory = load_reference_memory([path], "zh-Hant", "en")
    [match] = memory.lookup("他明天去北京開會。")
    assert match.target == "He goes to Beijing today." and 80 <= match.percent < 100
    assert plain(list(match.diff)) == "他[-今-]{+明+}天去北京開會。"


def test_matching_ignores_the_script(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "hans.tmx", [("党委会议在北京举行。", "The committee met.")],
                source="zh-Hans")
    memory = load_reference_memory([path], "zh-Hant", "en")
    assert memory.exact("黨委會議在北京舉行。") is not None
    [match] = memory.lookup("黨委會議在北京舉行。")
    assert match.percent == 100 and match.source == "党委会议在北京举行。"


def test_loading_a_large_memory_is_a_plain_function(tmp_path: Path) -> None:
    pairs = [(f"第{n}號文件的第{n % 97}句話。", f"Sentence {n}.") for n in range(3000)]
    path = _tmx(tmp_path / "big.tmx", pairs)
    memory = load_reference_memory([path], "zh-Hant", "en")
    assert len(memory) == 3000
    assert memory.lookup("第2999號文件的第89句話。")[0].target == "Sentence 2999."
    refmemory._entries.clear()


# init --pretranslate ------------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    (tmp_path / "workbench.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("他今天去北京。天氣很好。\n", encoding="utf-8")
    _tmx(tmp_path / "tm" / "old.tmx", [("他今天去北京。", "He goes to Beijing today."),
                                       ("天氣很壞。", "The weather is bad.")])
    return tmp_path


@pytest.mark.parametrize(("option", "state"), [((), State.FUZZY),
                                               (("--tm-exact", "translated"), State.TRANSLATED)])
def test_pretranslate_fills_exact_matches_only(tmp_path: Path, option: tuple[str, ...],
                                               state: State) -> None:
    project = _project(tmp_path)
    result = run_cli("init", "--pretranslate", *option, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "1 filled from reference memories" in result.stdout
    units = read_po(project / "locale/en/LC_MESSAGES/a.po").units
    assert (units[0].target, units[0].state) == ("He goes to Beijing today.", state)
    assert units[1].state is State.UNTRANSLATED  # 75 % is a suggestion, not a fill
    assert not (project / "tm" / "old.tmx.po").exists()  # the memory is never touched


def test_plain_init_does_not_use_the_memory(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run_cli("init", cwd=project).returncode == 0
    assert read_po(project / "locale/en/LC_MESSAGES/a.po").units[0].state is State.UNTRANSLATED


def test_tm_option_adds_a_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    extra = _tmx(tmp_path / "x" / "extra.tmx", [("天氣很好。", "Fine weather.")])
    result = run_cli("init", "--pretranslate", "--tm", str(extra), cwd=project)
    assert result.returncode == 0, result.stderr
    units = read_po(project / "locale/en/LC_MESSAGES/a.po").units
    assert [u.target for u in units] == ["He goes to Beijing today.", "Fine weather."]


# Who translated, .gitignore -----------------------------------------------------------------

def test_translator_identity_from_the_user_config(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert translator_identity() is None
    config = tmp_path / "workbench" / "config.toml"
    config.parent.mkdir()
    config.write_text('[translator]\nname = "Li Wei"\nemail = "li@example.org"\n',
                      encoding="utf-8")
    assert translator_identity() == "Li Wei <li@example.org>"
    config.write_text('[translator]\nname = "Li Wei"\n', encoding="utf-8")
    assert translator_identity() == "Li Wei"
    config.write_text('[translator]\nname = 3\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"config.toml: \[translator\]"):
        translator_identity()


def test_new_project_ignores_journal_and_lock(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲。\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/", encoding="utf-8")
    assert run_cli("init", "--source-lang", "zh-Hant", "--target", "en",
                   cwd=tmp_path).returncode == 0
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "build/" and "*.po.journal" in lines and "*.po.lock" in lines
    before = (tmp_path / ".gitignore").read_text(encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == before


def test_a_save_names_the_translator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.editor.session import EditSession

    (tmp_path / "workbench.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("甲。\n", encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    po = tmp_path / "locale/en/LC_MESSAGES/a.po"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    session = EditSession.open(po)
    session.commit(0, "A.", State.TRANSLATED)
    session.save()
    assert read_po(po).header["Last-Translator"] == ""  # nobody configured: left as it was
    config = tmp_path / "config" / "workbench" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[translator]\nname = "Li Wei"\nemail = "li@example.org"\n',
                      encoding="utf-8")
    session.commit(0, "A!", State.TRANSLATED)
    session.save()
    session.close()
    assert read_po(po).header["Last-Translator"] == "Li Wei <li@example.org>"
    config.write_text("[translator\n", encoding="utf-8")
    result = run_cli("edit", str(po), cwd=tmp_path)
    assert result.returncode == 2 and "config.toml" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_built_memory_is_reused_until_a_file_changes(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "a.tmx", [("甲。", "A.")])
    first = load_reference_memory([path], "zh-Hant", "en")
    assert load_reference_memory([path], "zh-Hant", "en") is first
    assert load_reference_memory([path], "zh-Hant", "fr") is not first
    _tmx(path, [("甲。", "A."), ("乙乙乙。", "B.")])
    os.utime(path, ns=(2, 2))
    assert len(load_reference_memory([path], "zh-Hant", "en")) == 2


def test_word_diff_keeps_words_whole_and_han_by_character() -> None:
    assert plain(word_diff("The Party met.", "The CPC met.")) == "The [-Party-]{+CPC+} met."
    assert plain(word_diff("他今天去。", "他明天去。")) == "他[-今-]{+明+}天去。"
    for old, new in (("a b  c", "a  b c"), ("黨委 Party", "党委 party!")):
        pieces = word_diff(old, new)
        assert "".join(p.text for p in pieces if p.change is not Change.ADDED) == old
        assert "".join(p.text for p in pieces if p.change is not Change.REMOVED) == new
