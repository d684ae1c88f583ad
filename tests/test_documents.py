"""Real documents from elsewhere (tests/data/documents, see its README) through the real CLI, as
a new user runs it: init a project, segment, translate, export. What a sweep of such documents
found broken stays fixed here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from conftest import DATA, run_cli

DOCS = DATA / "documents"


def _project(tmp_path: Path, doc: Path, source_lang: str, targets: list[str],
             paragraphs: str | None = None) -> Path:
    """A new project holding `doc` (as a .txt document), its catalogs made by `init`."""
    (tmp_path / "texts").mkdir()
    shutil.copyfile(doc, tmp_path / "texts" / f"{doc.stem}.txt")
    config = (f'[workbench]\nsource-lang = "{source_lang}"\ntargets = {json.dumps(targets)}\n'
              'sources = "texts"\nlocale = "locale"\n')
    if paragraphs:
        config += f'paragraphs = "{paragraphs}"\n'
    (tmp_path / "workbench.toml").write_text(config, encoding="utf-8")
    done = run_cli("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "texts" / f"{doc.stem}.txt"


def _translate_as_source(po_path: Path) -> None:
    """Every unit translated as its own source, the way a translator keeps a line as it is."""
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


def _export_all_as_source(tmp_path: Path, doc: Path, source_lang: str, target: str,
                          paragraphs: str | None = None) -> bytes:
    source = _project(tmp_path, doc, source_lang, [target], paragraphs)
    code = target.replace("-", "_")
    _translate_as_source(tmp_path / "locale" / code / "LC_MESSAGES" / f"{doc.stem}.po")
    out = tmp_path / "out.txt"
    done = run_cli("export", str(source), "--lang", target, "-f", "txt", "-o", str(out),
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.mark.parametrize(("name", "source_lang", "target"), [
    # an English line kept as it is in a Chinese translation: "now. Great!", not "now.Great!"
    ("rust-book-installation.zh-Hans.md", "zh-Hans", "zh-Hant"),
    # the source's own space after 。 ("非幻像也。 该 批") survives Simplified to Traditional
    ("hongloumeng-ch1-zhiping.zh-Hans.md", "zh-Hans", "zh-Hant"),
])
def test_a_chinese_target_kept_as_the_source_gives_the_source_back(
        tmp_path: Path, name: str, source_lang: str, target: str) -> None:
    doc = DOCS / name
    assert _export_all_as_source(tmp_path, doc, source_lang, target) == doc.read_bytes()


def test_latin_sentences_in_a_chinese_target_of_an_english_source_keep_a_space() -> None:
    from workbench.formats.text import render_text
    from workbench.model import Catalog, State
    from workbench.msgmerge import units_from_segments
    from workbench.segment import segment_text

    segmented = segment_text("Run make. Then run make install. It works.\n", "en")
    catalog = Catalog(units_from_segments(segmented, "d.txt"), "en", "zh-Hans")
    for unit, target in zip(catalog.units, ["Run make.", "Then run make install.", "成功了。"],
                            strict=True):
        unit.set_target(target, State.TRANSLATED)
    assert render_text(catalog, segmented).text == \
        "Run make. Then run make install.成功了。\n"
