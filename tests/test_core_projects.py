"""Project configuration and catalog updates in the less common cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli
from workbench.formats.po import read_po

CONFIG = '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en"]\nsources = "src"\n'


def _project(tmp_path: Path, extra: str = "", files: dict[str, str] | None = None) -> Path:
    (tmp_path / "workbench.toml").write_text(CONFIG + extra, encoding="utf-8")
    for name, text in (files or {"src/a.txt": "第一句。\n"}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("extra", "message"), [
    ('paragraphs = "para"\n', "paragraphs must be"),
    ("paragraphs = 3\n", "paragraphs must be"),
    ("glossary = 7\n", "glossary must be"),
    ("include = 5\n", "include must be"),
    ('[workbench.check]\nmin-percent = "x"\n', "min-percent must be a number"),
    ('[workbench.check]\nseverity = { numbers = "fatal" }\n', "must be \"error\" or"),
    ('[workbench.check]\nseverity = { bogus = "error" }\n', "unknown check 'bogus'"),
])
def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, extra: str,
                                                  message: str) -> None:
    project = _project(tmp_path, extra)
    command = "check" if "check" in extra else "init"
    if command == "check":
        assert run_cli("init", cwd=project).returncode == 0
    result = run_cli(command, cwd=project)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "workbench.toml" in result.stderr


def test_a_string_where_a_list_is_expected_is_one_item(tmp_path: Path) -> None:
    project = _project(tmp_path, '[workbench.check]\nchecks = "numbers"\n')
    assert run_cli("init", cwd=project).returncode == 0
    assert run_cli("check", "--fail-on", "none", cwd=project).returncode == 0


def test_documents_sharing_a_catalog_name_are_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, 'include = ["**/*.txt"]\n',
                       {"src/a/x.txt": "甲。\n", "src/b/x.txt": "乙。\n"})
    result = run_cli("init", cwd=project)
    assert result.returncode == 2 and "would share the catalog x.po" in result.stderr
    assert not (project / "locale").exists()


def test_new_project_writes_its_configuration_last(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("第一句。\n", encoding="utf-8")
    failed = run_cli("init", "--source-lang", "zh-Hant", "--target", "en", cwd=tmp_path)
    assert failed.returncode == 2 and "--sources" in failed.stderr
    assert not (tmp_path / "workbench.toml").exists()
    ok = run_cli("init", "--source-lang", "zh-Hant", "--target", "en", "--target", "EN",
                 "--sources", "seeds", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert 'targets = ["en"]' in (tmp_path / "workbench.toml").read_text(encoding="utf-8")
    assert (tmp_path / "locale" / "en" / "LC_MESSAGES" / "a.po").is_file()


def test_file_names_with_spaces_keep_their_locations(tmp_path: Path) -> None:
    project = _project(tmp_path, files={"src/my doc.txt": "第一句。\n"})
    assert run_cli("init", cwd=project).returncode == 0
    po = project / "locale" / "en" / "LC_MESSAGES" / "my doc.po"
    assert read_po(po).units[0].locations == [("src/my doc.txt", 1)]
    again = run_cli("init", cwd=project)
    assert again.stdout.count("unchanged") == 2


def test_repeats_with_context_dependent_translations_are_rechecked(tmp_path: Path) -> None:
    project = _project(tmp_path, files={"src/d.txt": "好的。\n中間。\n好的。\n"})
    assert run_cli("init", cwd=project).returncode == 0
    po = project / "locale" / "en" / "LC_MESSAGES" / "d.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "好的。"\nmsgstr ""', 'msgid "好的。"\nmsgstr "Fine (1)."', 1)
    text = text.replace('msgid "好的。"\nmsgstr ""', 'msgid "好的。"\nmsgstr "Agreed (2)."', 1)
    po.write_text(text, encoding="utf-8")
    (project / "src" / "d.txt").write_text("中間。\n好的。\n", encoding="utf-8")
    assert run_cli("init", cwd=project).returncode == 0
    units = read_po(po).units
    live = [u for u in units if not u.obsolete and u.source == "好的。"]
    assert len(live) == 1 and live[0].state.label == "fuzzy"
    # Nothing lost: the other translation is kept as an obsolete entry.
    assert {u.target for u in units if u.source == "好的。"} == {"Fine (1).", "Agreed (2)."}


def test_an_unedited_opencc_draft_follows_the_source(tmp_path: Path) -> None:
    (tmp_path / "workbench.toml").write_text(
        CONFIG.replace('["en"]', '["zh-Hans"]'), encoding="utf-8")
    (tmp_path / "src").mkdir()
    doc = tmp_path / "src" / "a.txt"
    doc.write_text("增長5.2%，高於目標。\n", encoding="utf-8")
    assert run_cli("init", "--pretranslate", cwd=tmp_path).returncode == 0
    doc.write_text("增長5.3%，明顯高於目標。\n", encoding="utf-8")
    assert run_cli("init", "--pretranslate", cwd=tmp_path).returncode == 0
    unit = read_po(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "a.po").units[0]
    assert unit.target == "增长5.3%，明显高于目标。"
    assert unit.state.label == "fuzzy" and unit.previous_source == "增長5.2%，高於目標。"
