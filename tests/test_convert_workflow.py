"""The conversion where translators meet it: `init --pretranslate` and the editor's suggestion."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from workbench.catalogs import pretranslate
from workbench.editor.suggestions import suggestions_for
from workbench.formats.po import read_po
from workbench.glossary import parse_glossary
from workbench.model import Catalog, State, Unit

PO_HANS = "locale/zh_Hans/LC_MESSAGES/000_fa12286181b4949c.po"
SEED_REL = "seeds/000_fa12286181b4949c.txt"
GLOSSARY = "zh-Hant,en,zh-Hans,note\n於曉華,Yu Xiaohua,於晓华,surname 於\n"


def test_pretranslate_follows_the_glossary(project_dir: Path) -> None:
    (project_dir / SEED_REL).write_text("作家於曉華, 生於吉林乾安縣。擡頭看", encoding="utf-8")
    (project_dir / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    result = run_cli("init", "--pretranslate", cwd=project_dir)
    assert result.returncode == 0, result.stderr
    units = read_po(project_dir / PO_HANS).units
    assert [u.target for u in units] == ["作家於晓华，生于吉林乾安县。", "抬头看"]
    assert {u.state for u in units} == {State.FUZZY}
    # The same run again changes nothing: the draft is recognised as an unedited one.
    before = (project_dir / PO_HANS).read_bytes()
    assert run_cli("init", "--pretranslate", cwd=project_dir).returncode == 0
    assert (project_dir / PO_HANS).read_bytes() == before


def test_pretranslate_a_reverse_project() -> None:
    catalog = Catalog(units=[Unit(id="1", source="软件和头发")], source_lang="zh-Hans",
                      target_lang="zh-Hant-TW")
    assert pretranslate(catalog, "zh-Hans", mainland_vocabulary=True) == 1
    assert catalog.units[0].target == "軟體和頭髮"


def test_the_suggestion_shows_where_the_glossary_won() -> None:
    glossary = parse_glossary(GLOSSARY)
    [opencc] = [s for s in suggestions_for("於曉華說：好", "zh-Hant", "zh-Hans", None, glossary)
                if s.kind == "opencc"]
    assert opencc.text == "於晓华说：好"
    assert opencc.detail == "glossary: 於晓华"
    [plain] = [s for s in suggestions_for("他說：好", "zh-Hant", "zh-Hans", None, glossary)
               if s.kind == "opencc"]
    assert (plain.text, plain.detail) == ("他说：好", "")
