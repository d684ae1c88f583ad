"""Catalogs: PO reading/writing, init and update without losing translations, words, stats."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import DATA, run_cli
from workbench.catalogs import update_project
from workbench.convert import to_simplified
from workbench.errors import InputError
from workbench.formats.po import format_po, parse_po, read_po, write_po
from workbench.model import State
from workbench.project import find_project
from workbench.words import count, tokenize

PO = "locale/en/LC_MESSAGES/000_fa12286181b4949c.po"
PO_HANS = "locale/zh_Hans/LC_MESSAGES/000_fa12286181b4949c.po"
POT = "locale/000_fa12286181b4949c.pot"
SEED_REL = "seeds/000_fa12286181b4949c.txt"

TRICKY_PO = r'''# Translator comment
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"X-Source-Language: zh-Hant\n"

#. paragraph 1, sentence 1
#: seeds/a.txt:3 seeds/b.txt:9
#, fuzzy, c-format
#| msgid "舊的句子"
msgctxt "abc"
msgid ""
"多行"
"的\"句子\"\t\\"
msgstr "A \"multi-line\"\n sentence"

msgid "無上下文"
msgstr ""

msgid "一個蘋果"
msgid_plural "%d 個蘋果"
msgstr[0] "one apple"
msgstr[1] "%d apples"

#, fuzzy
#~ msgctxt "old"
#~ msgid "過時的"
#~ msgstr "obsolete"
'''


def _init(project_dir: Path) -> None:
    result = run_cli("init", cwd=project_dir)
    assert result.returncode == 0, result.stderr


def test_fast_parser_agrees_with_polib() -> None:
    ours = parse_po(TRICKY_PO)
    theirs = polib.pofile(TRICKY_PO)
    assert len(ours.units) == len(theirs)
    for unit, entry in zip(ours.units, theirs, strict=True):
        assert unit.source == entry.msgid
        assert unit.target == (entry.msgstr or entry.msgstr_plural.get(0, ""))
        assert unit.obsolete == bool(entry.obsolete)
        assert (unit.state is State.FUZZY) == ("fuzzy" in entry.flags)
        assert unit.previous_source == entry.previous_msgid
    first = ours.units[0]
    assert first.id == "abc" and first.source == '多行的"句子"\t\\'
    assert first.locations == [("seeds/a.txt", 3), ("seeds/b.txt", 9)]
    assert first.flags == ["c-format"] and first.auto_comments == ["paragraph 1, sentence 1"]
    assert ours.units[2].target_plurals == ["%d apples"]
    assert ours.target_lang == "en" and ours.source_lang == "zh-Hant"


def test_write_read_round_trip_is_stable(tmp_path: Path) -> None:
    catalog = parse_po(TRICKY_PO)
    write_po(catalog, tmp_path / "a.po")
    again = read_po(tmp_path / "a.po")
    assert again.units == catalog.units
    write_po(again, tmp_path / "b.po")
    assert (tmp_path / "a.po").read_bytes() == (tmp_path / "b.po").read_bytes()
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", tmp_path / "a.po"])
    assert check.returncode == 0


@pytest.mark.parametrize(("name", "line"), [("malformed.po", 6), ("missing-msgstr.po", 5)])
def test_malformed_po_reports_file_and_line(name: str, line: int) -> None:
    with pytest.raises(InputError) as err:
        read_po(DATA / "core" / name)
    assert err.value.line == line and name in str(err.value)


def test_init_writes_checked_catalogs(project_dir: Path) -> None:
    _init(project_dir)
    for rel in (POT, PO, PO_HANS):
        path = project_dir / rel
        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    po = read_po(project_dir / PO)
    assert len(po.units) == 52 and po.target_lang == "en"
    unit = po.units[2]
    assert unit.locations == [(SEED_REL, 4)] and unit.auto_comments == ["paragraph 3, sentence 1"]
    text = (project_dir / PO).read_text(encoding="utf-8")
    for field in ("Language: en", "Plural-Forms: nplurals=2", "charset=UTF-8", "X-Generator:",
                  "X-Source-Language: zh-Hant"):
        assert field in text


def test_catalogs_read_in_translate_toolkit(project_dir: Path) -> None:
    from translate.storage import pypo

    _init(project_dir)
    store = pypo.pofile.parsefile(str(project_dir / PO))
    units = [u for u in store.units if not u.isheader()]
    ours = read_po(project_dir / PO).units
    assert [u.source for u in units] == [u.source for u in ours]
    assert [u.getcontext() for u in units] == [u.id for u in ours]


def test_init_is_idempotent_and_reproducible(project_dir: Path, tmp_path_factory) -> None:
    _init(project_dir)
    before = {p: p.read_bytes() for p in project_dir.rglob("*.po*")}
    _init(project_dir)
    assert {p: p.read_bytes() for p in project_dir.rglob("*.po*")} == before
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(project_dir / "seeds", other / "seeds")
    shutil.copy(project_dir / "workbench.toml", other / "workbench.toml")
    _init(other)
    assert (other / PO).read_bytes() == (project_dir / PO).read_bytes()


def _translate_all(path: Path) -> dict[str, str]:
    catalog = read_po(path)
    for i, unit in enumerate(catalog.units):
        unit.set_target(f"T{i}", State.TRANSLATED)
    write_po(catalog, path)
    return {u.source: u.target for u in catalog.units}


def test_update_keeps_every_translation(project_dir: Path) -> None:
    _init(project_dir)
    translations = _translate_all(project_dir / PO)
    seed = project_dir / SEED_REL
    text = seed.read_text(encoding="utf-8")
    edited = "黨員是黨的肌體細胞。"
    removed = "作風建設永遠在路上。"
    assert edited in text and removed in text
    text = text.replace(edited, "黨員是黨的肌體細胞和力量。").replace(removed, "")
    lines = text.split("\n")
    lines.insert(3, "這是新插入的一段。")  # a new paragraph near the top
    seed.write_text("\n".join(lines), encoding="utf-8")
    _init(project_dir)
    po = read_po(project_dir / PO)
    active = {u.source: u for u in po.units if not u.obsolete}
    # unchanged sentences keep their translation, though every line number below moved
    kept = [s for s in translations if s in active]
    assert len(kept) == 50
    assert all(active[s].target == translations[s] and active[s].is_translated for s in kept)
    fuzzy = active["黨員是黨的肌體細胞和力量。"]
    assert fuzzy.state is State.FUZZY and fuzzy.target == translations[edited]
    assert fuzzy.previous_source == edited
    assert active["這是新插入的一段。"].state is State.UNTRANSLATED
    ghosts = [u for u in po.units if u.obsolete]
    assert [(u.source, u.target) for u in ghosts] == [(removed, translations[removed])]
    raw = (project_dir / PO).read_text(encoding="utf-8")
    assert f'#| msgid "{edited}"' in raw and f'#~ msgid "{removed}"' in raw
    # the sentence comes back: its translation is revived from the obsolete entry
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + removed, encoding="utf-8")
    _init(project_dir)
    back = {u.source: u for u in read_po(project_dir / PO).units if not u.obsolete}
    assert back[removed].target == translations[removed]


def test_repeated_sentences_stay_distinct(project_dir: Path) -> None:
    (project_dir / SEED_REL).write_text("好。好。\n好。", encoding="utf-8")
    _init(project_dir)
    ids = [u.id for u in read_po(project_dir / PO).units]
    assert len(ids) == 3 and len(set(ids)) == 3


@pytest.mark.parametrize(("lang", "source", "expected"), [
    ("zh-Hant", "「關於幹部」的鬥爭", "“关于干部”的斗争"),
    ("zh-Hant-TW", "『軟體』", "‘软体’"),
])
def test_pretranslate_uses_opencc(project_dir: Path, lang: str, source: str, expected: str) -> None:
    (project_dir / "workbench.toml").write_text(
        f'[workbench]\nsource-lang = "{lang}"\ntargets = ["zh-Hans", "en"]\nsources = "seeds"\n',
        encoding="utf-8")
    (project_dir / SEED_REL).write_text(source, encoding="utf-8")
    assert run_cli("init", "--pretranslate", cwd=project_dir).returncode == 0
    unit = read_po(project_dir / PO_HANS).units[0]
    assert (unit.target, unit.state) == (expected, State.FUZZY)
    assert read_po(project_dir / PO).units[0].state is State.UNTRANSLATED


def test_mainland_vocabulary_on_request(project_dir: Path) -> None:
    (project_dir / SEED_REL).write_text("軟體", encoding="utf-8")
    (project_dir / "workbench.toml").write_text(
        '[workbench]\nsource-lang = "zh-Hant-TW"\ntargets = ["zh-Hans"]\nsources = "seeds"\n',
        encoding="utf-8")
    assert run_cli("init", "--pretranslate", "--mainland", cwd=project_dir).returncode == 0
    assert read_po(project_dir / PO_HANS).units[0].target == "软件"


def test_words_are_traditional_aware(seed_text: str) -> None:
    words = tokenize("黨員隊伍煥發新貌", "zh-Hant")
    assert "黨員隊" not in words and "伍煥發" not in words
    for line in seed_text.split("\n"):
        assert count(line, "zh-Hant") == count(to_simplified(line), "zh-Hans")
    assert tokenize("Mr. Smith's well-known 47.04 test", "en") == \
        ["Mr", "Smith's", "well-known", "47.04", "test"]


def test_stats_json_counts(project_dir: Path) -> None:
    import json

    _init(project_dir)
    out = run_cli("stats", "--json", cwd=project_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    en = next(c for c in data["catalogs"] if c["target_lang"] == "en")
    assert en["units"]["untranslated"] == en["units"]["total"] == 52
    assert en["han"]["total"] > en["words"]["total"] > en["runs"]["total"] > 0
    table = run_cli("stats", cwd=project_dir).stdout
    assert "untranslated" in table and "OmegaT" in table


def test_stats_goes_on_past_an_unreadable_catalog(tmp_path: Path) -> None:
    import json

    po = tmp_path / "po"
    po.mkdir()
    good = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: zh_CN\\n"\n\nmsgid "Open"\nmsgstr "打开"\n')
    (po / "a.po").write_text(good, encoding="utf-8")
    (po / "b.po").write_text(good + 'msgid "x"\n', encoding="utf-8")  # no msgstr
    out = run_cli("stats", "po", "--json", cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "po/b.po:" in out.stderr
    data = json.loads(out.stdout)
    assert [c["units"]["translated"] for c in data["catalogs"]] == [1]
    assert [e["path"] for e in data["unreadable"]] == [str(Path("po") / "b.po")]


def test_update_project_writes_nothing_when_a_document_is_bad(project_dir: Path) -> None:
    (project_dir / "seeds" / "zz_bad.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InputError):
        update_project(find_project(project_dir, explicit=True))
    assert not (project_dir / "locale").exists()


def test_large_catalog_reads_fast_enough_to_be_usable(tmp_path: Path) -> None:
    # not a timing test: 20,000 units round trip through the fast parser and polib's writer
    units_text = "".join(f'msgctxt "id{i}"\nmsgid "句子{i}。"\nmsgstr "S{i}"\n\n'
                         for i in range(20_000))
    path = tmp_path / "big.po"
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    + units_text, encoding="utf-8")
    catalog = read_po(path)
    assert len(catalog.units) == 20_000 and catalog.counts()[State.TRANSLATED] == 20_000
    assert parse_po(format_po(catalog)).units == catalog.units


def test_a_catalog_without_header_comment_gets_none(tmp_path: Path) -> None:
    from workbench.formats.po import format_po, parse_po

    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n')
    assert format_po(parse_po(text)).startswith('msgid ""')
