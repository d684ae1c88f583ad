"""`workbench export` through the real command: files, folders, --force, stdout, errors."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from conftest import SEED, run_cli
from workbench.formats import read_exchange
from workbench.model import State
from workbench.storage.po import format_po, read_po

DOC = "seeds/000_fa12286181b4949c.txt"
STEM = "000_fa12286181b4949c"


@pytest.fixture
def project(project_dir: Path) -> Path:
    assert run_cli("init", cwd=project_dir).returncode == 0
    return project_dir


def _translate_some(project: Path, lang: str = "en", count: int = 3) -> Path:
    po = project / "locale" / lang.replace("-", "_") / "LC_MESSAGES" / f"{STEM}.po"
    catalog = read_po(po)
    for n, unit in enumerate(catalog.units[:count]):
        unit.set_target(f"Sentence {n}.", State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")
    return po


def test_every_catalog_into_a_folder_and_mo_loads(project: Path) -> None:
    po = _translate_some(project)
    result = run_cli("export", "-f", "mo", "-o", "dist", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(project / "dist").as_posix()
                  for p in (project / "dist").rglob("*.mo")) == [
        f"en/LC_MESSAGES/{STEM}.mo", f"zh_Hans/LC_MESSAGES/{STEM}.mo"]
    t = gettext.translation(STEM, localedir=project / "dist", languages=["en"])
    unit = read_po(po).units[1]
    assert t.pgettext(unit.id, unit.source) == "Sentence 1."


def test_existing_files_need_force(project: Path) -> None:
    out = project / "out.xlf"
    out.write_text("precious", encoding="utf-8")
    result = run_cli("export", DOC, "--lang", "en", "-f", "xliff", "-o", "out.xlf", cwd=project)
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    result = run_cli("export", DOC, "--lang", "en", "-f", "xliff", "-o", "out.xlf", "--force",
                     cwd=project)
    assert result.returncode == 0, result.stderr
    assert read_exchange(out).catalog.target_lang == "en"


def test_folder_export_checks_every_file_before_writing(project: Path) -> None:
    (project / "dist").mkdir()
    (project / "dist" / f"{STEM}.zh-Hans.csv").write_text("old", encoding="utf-8")
    result = run_cli("export", "-f", "csv", "-o", "dist", cwd=project)
    assert result.returncode == 2
    assert not (project / "dist" / f"{STEM}.en.csv").exists()  # nothing half-written


def test_stdout_and_txt_of_the_untranslated_seed(project: Path) -> None:
    result = run_cli("export", DOC, "--lang", "en", "-f", "txt", "-o", "-", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode("utf-8") == SEED.read_bytes()


def test_txt_of_a_partly_translated_seed_keeps_the_lines(project: Path) -> None:
    _translate_some(project, count=4)
    result = run_cli("export", DOC, "--lang", "en", "-f", "txt", "-o", "en.txt", cwd=project)
    assert result.returncode == 0, result.stderr
    out = (project / "en.txt").read_bytes().decode("utf-8")
    source = SEED.read_bytes().decode("utf-8")
    assert out.count("\n") == source.count("\n")
    assert out.startswith("Sentence 0.\nSentence 1.\n\nSentence 2. Sentence 3.\n回首")


def test_document_needs_lang_with_several_targets(project: Path) -> None:
    result = run_cli("export", DOC, "-f", "po", "-o", "x.po", cwd=project)
    assert result.returncode == 2 and "--lang" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["-f", "xliff", "--untranslated", "mark"], "--untranslated"),
    (["-f", "html", "--include-obsolete"], "--include-obsolete"),
    (["-f", "pdf"], "invalid choice"),
])
def test_bad_option_combinations(project: Path, args: list[str], message: str) -> None:
    result = run_cli("export", DOC, "--lang", "en", *args, "-o", "x", cwd=project)
    assert result.returncode == 2 and message in result.stderr


def test_exporting_a_catalog_onto_itself_is_refused(project: Path) -> None:
    po = f"locale/en/LC_MESSAGES/{STEM}.po"
    before = (project / po).read_bytes()
    result = run_cli("export", po, "-f", "po", "-o", po, "--force", cwd=project)
    assert result.returncode == 2 and "being exported" in result.stderr
    assert (project / po).read_bytes() == before


def test_missing_input_is_one_line(project: Path) -> None:
    result = run_cli("export", "nope.po", "-f", "po", "-o", "x.po", cwd=project)
    assert result.returncode == 2
    assert result.stderr.strip() == "workbench: nope.po: no such file"


@pytest.mark.parametrize("fmt, ext", [("xliff", "xlf"), ("xliff2", "xliff"), ("tmx", "tmx"),
                                      ("html", "html"), ("csv", "csv"), ("po", "po")])
def test_each_format_into_a_folder(project: Path, fmt: str, ext: str) -> None:
    _translate_some(project, "zh-Hans")
    result = run_cli("export", "--lang", "zh-Hans", "-f", fmt, "-o", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    files = list((project / "out").rglob(f"*.{ext}"))
    assert len(files) == 1 and "zh" in files[0].as_posix()
    if fmt in ("xliff", "xliff2", "tmx", "po"):
        back = read_exchange(files[0], "zh-Hans").catalog
        assert back.target_lang.replace("_", "-") == "zh-Hans"
        assert [u.target for u in back.units][:3] == ["Sentence 0.", "Sentence 1.",
                                                      "Sentence 2."]


def test_a_catalog_exported_from_outside_its_project(project: Path, tmp_path_factory) -> None:
    """The document of a PO is found through the project that holds the PO."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    po = project / "locale" / "en" / "LC_MESSAGES" / f"{STEM}.po"
    result = run_cli("export", str(po), "-f", "txt", "-o", "seed.txt", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "seed.txt").read_bytes() == SEED.read_bytes()


def test_lang_must_match_a_named_catalog(project: Path) -> None:
    po = f"locale/en/LC_MESSAGES/{STEM}.po"
    result = run_cli("export", po, "--lang", "zh-Hans", "-f", "csv", "-o", "x.csv", cwd=project)
    assert result.returncode == 2 and "target language is en, not zh-Hans" in result.stderr
    assert not (project / "x.csv").exists()
