"""`workbench export` through the real command: files, folders, --force, stdout, errors."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from conftest import SEED, run_cli
from workbench.formats import read_exchange
from workbench.formats.po import format_po, read_po
from workbench.model import State

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


# --- the txt export reads only the catalog's own document (QA r2) --------------------------

EVIL_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: {reference}:1
msgid "x"
msgstr "y"
"""


@pytest.mark.parametrize("reference", ["../../../../../../../../etc/passwd", "/etc/passwd",
                                       "{secret}"])
def test_txt_refuses_a_reference_outside_the_catalogs_folder(tmp_path_factory,
                                                             reference: str) -> None:
    secret = tmp_path_factory.mktemp("victim") / "id_rsa"
    secret.write_text("PRIVATE KEY\n", encoding="utf-8")
    work = tmp_path_factory.mktemp("work")
    (work / "evil.po").write_text(EVIL_PO.format(reference=reference.format(secret=secret)),
                                  encoding="utf-8")
    result = run_cli("export", "evil.po", "-f", "txt", "-o", "leaked.txt", cwd=work)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workbench: evil.po: refusing to read")
    assert "--source" in lines[0] and "Traceback" not in result.stderr
    assert not (work / "leaked.txt").exists()
    assert "root:" not in result.stdout and "PRIVATE" not in result.stdout


def test_txt_outside_a_project_reads_a_document_beside_the_catalog(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "a.po").write_text(EVIL_PO.format(reference="docs/a.txt"), encoding="utf-8")
    result = run_cli("export", "a.po", "-f", "txt", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "y\n"


def test_txt_source_names_the_document(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "evil.po").write_text(EVIL_PO.format(reference="/etc/passwd"),
                                      encoding="utf-8")
    result = run_cli("export", "evil.po", "-f", "txt", "--source", "doc.txt", "-o", "-",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "y\n"
    for args, message in ((["-f", "csv", "--source", "doc.txt"], "txt format only"),
                          (["-f", "txt", "--source", "nope.txt"], "nope.txt: no such file")):
        result = run_cli("export", "evil.po", *args, "-o", "-", cwd=tmp_path)
        assert result.returncode == 2 and message in result.stderr


def test_txt_in_a_project_reads_only_its_sources_folder(project: Path) -> None:
    """A catalog of the project with no document of its name: its references may only name
    a file in the sources folder, not the project's config or anything else."""
    po = project / "locale" / "en" / "LC_MESSAGES" / "other.po"
    po.write_text(EVIL_PO.format(reference="workbench.toml"), encoding="utf-8")
    result = run_cli("export", str(po), "-f", "txt", "-o", "-", cwd=project)
    assert result.returncode == 2 and "refusing to read 'workbench.toml'" in result.stderr
    assert "sources folder" in result.stderr and "[workbench]" not in result.stdout
    po.write_text(EVIL_PO.format(reference=DOC), encoding="utf-8")
    result = run_cli("export", str(po), "-f", "txt", "-o", "-", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode("utf-8") == SEED.read_bytes()


def test_a_form_feed_in_a_document_exports_to_every_xml_format(tmp_path: Path) -> None:
    """`init` accepts a form feed; XML 1.0 cannot hold one: it travels as an inline code."""
    (tmp_path / "src").mkdir()
    (tmp_path / "workbench.toml").write_text(
        '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en"]\nsources = "src"\n'
        'locale = "locale"\n', encoding="utf-8")
    (tmp_path / "src" / "a.txt").write_text("第一\f頁。\n", encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    po = tmp_path / "locale" / "en" / "LC_MESSAGES" / "a.po"
    catalog = read_po(po)
    assert catalog.units[0].source == "第一\f頁。"
    catalog.units[0].set_target("Page\fone.", State.TRANSLATED)
    po.write_text(format_po(catalog), encoding="utf-8")
    for fmt in ("xliff", "xliff2", "tmx"):
        result = run_cli("export", str(po), "-f", fmt, "-o", f"a.{fmt}", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        back = read_exchange(tmp_path / f"a.{fmt}", "en").catalog.units[0]
        assert (back.source, back.target) == ("第一\f頁。", "Page\fone.")
