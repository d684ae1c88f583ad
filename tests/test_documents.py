"""Real documents from elsewhere (tests/data/documents, see its README) through the real CLI, as
a new user runs it: init a project, segment, translate, export. What a sweep of such documents
found broken stays fixed here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    # sentences kept as they are in an English translation keep the source's spacing
    ("hongloumeng-ch1-zhiping.zh-Hans.md", "zh-Hans", "en"),
])
def test_a_catalog_kept_as_the_source_gives_the_source_back(
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


def test_hard_wrapped_rst_headings_stand_apart_from_their_underlines(tmp_path: Path) -> None:
    """The Linux kernel's zh_TW howto, hard-wrapped: a heading, its ===== underline and the
    text after it were one unit ('主線樹 ------ 主線樹是由Linus Torvalds 維護的。')."""
    doc = DOCS / "linux-howto.zh-Hant.rst"
    done = run_cli("segment", str(doc), "--lang", "zh-Hant", "--paragraphs", "blank", "--json")
    texts = [s["text"] for s in json.loads(done.stdout)]
    assert texts[:3] == ["如何參與Linux內核開發", "=====================",
                         "這是一篇將如何參與Linux內核開發的相關問題一網打盡的終極祕笈。"]
    assert texts[texts.index("主線樹"):texts.index("主線樹") + 3] == \
        ["主線樹", "------", "主線樹是由Linus Torvalds 維護的。"]


def test_hard_wrapped_text_kept_as_the_source_keeps_its_wrapping(tmp_path: Path) -> None:
    """A unit joins a sentence's wrapped lines; a translation that keeps the sentence as it
    is puts the source's lines back, so the export of such a catalog is the source."""
    doc = DOCS / "linux-howto.zh-Hant.rst"
    assert _export_all_as_source(tmp_path, doc, "zh-Hant", "zh-Hans", "blank") == \
        doc.read_bytes()


_doc_char = st.sampled_from([*"天地人。！？，「」『』 \u3000\u00a0\t\n\rab.?!=-＊\u200b\ufeff",
                             "\r\n", "……", "\n\n", "\n===\n", "\n- ", "\n1. ", "一、"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_doc_char, min_size=1, max_size=80).map("".join),
       st.sampled_from(["line", "blank"]), st.sampled_from(["zh-Hans", "en"]))
def test_property_segments_lose_nothing_and_a_kept_source_exports_back(
        text: str, mode: str, target: str) -> None:
    """Joining the segments gives the text; every unit translated as its own source exports
    the text exactly, in both paragraph modes, whatever the target's sentence spacing."""
    from workbench.formats.text import render_text
    from workbench.model import Catalog, State
    from workbench.msgmerge import units_from_segments
    from workbench.segment import segment_text

    segmented = segment_text(text, "zh-Hant", mode)
    assert segmented.join() == text
    catalog = Catalog(units_from_segments(segmented, "d.txt"), "zh-Hant", target)
    for unit in catalog.units:
        unit.set_target(unit.source, State.TRANSLATED)
    assert render_text(catalog, segmented).text == text


def test_zero_width_characters_stay_out_of_the_units(tmp_path: Path) -> None:
    """A web copy of the Sanzijing with a zero-width space after each 。 and a byte-order mark
    where two files were joined: the units started with the invisible character."""
    doc = DOCS / "sanzijing-web-copy.zh-Hant.txt"
    done = run_cli("segment", str(doc), "--lang", "zh-Hant", "--json")
    segments = json.loads(done.stdout)
    assert "".join(s["before"] + s["text"] + s["after"] for s in segments) == \
        doc.read_text(encoding="utf-8")
    texts = [s["text"] for s in segments]
    assert "《三字經》" in texts and "性相近，習相遠。" in texts
    assert not [t for t in texts if t[0] in "\u200b\ufeff" or t[-1] in "\u200b\ufeff"]
    assert _export_all_as_source(tmp_path, doc, "zh-Hant", "zh-Hans") == doc.read_bytes()


@pytest.mark.parametrize(("name", "where", "message"), [
    ("sanzijing-damaged.zh-Hant.txt", ":4: ", "not valid UTF-8: byte 0xFF at column 13"),
    ("hongloumeng-joined-utf8-gbk.zh-Hans.md", ":3: ",
     "UTF-8 text up to here, then byte 0xC1 at column 4"),
])
def test_a_damaged_utf8_file_is_named_with_the_line_of_its_bad_byte(
        tmp_path: Path, name: str, where: str, message: str) -> None:
    """A UTF-8 file with a stray byte, or one joined from UTF-8 and GBK, was 'cannot tell the
    text encoding': now one line with the line and column to look at, exit code 2."""
    doc = DOCS / name
    done = run_cli("segment", str(doc))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{doc}{where}" in done.stderr and message in done.stderr
    (tmp_path / "texts").mkdir()
    shutil.copyfile(doc, tmp_path / "texts" / "doc.txt")
    init = run_cli("init", "--source-lang", "zh", "--target", "en", "--sources", "texts",
                   cwd=tmp_path)
    assert init.returncode == 2 and f"doc.txt{where}" in init.stderr
    assert not (tmp_path / "locale").exists() and not (tmp_path / "workbench.toml").exists()


@pytest.mark.parametrize(("name", "text"), [
    # was read as GB18030: private-use characters and 放畊, silently
    ("sanzijing-fragment.big5.txt", "孝於親，能溫席\r\n"),
    # was refused: "cannot tell the text encoding"
    ("title.big5.txt", "中文測試\r\n"),
])
def test_a_short_big5_file_is_read_as_big5(name: str, text: str) -> None:
    done = run_cli("segment", str(DOCS / name), "--json")
    assert done.returncode == 0, done.stderr
    assert "".join(s["before"] + s["text"] + s["after"] for s in json.loads(done.stdout)) == text


def test_segment_in_a_project_shows_the_units_init_makes(tmp_path: Path) -> None:
    """`workbench segment` ignored the project's exceptions and the translator's merges, so it
    showed other sentences than the catalog's."""
    (tmp_path / "workbench.toml").write_text(
        '[workbench]\nsource-lang = "zh-Hant"\ntargets = ["en"]\nsources = "src"\n'
        '[workbench.segment]\nexceptions = ["Dr."]\n', encoding="utf-8")
    (tmp_path / "src").mkdir()
    doc = tmp_path / "src" / "a.txt"
    doc.write_text("他與Dr. Brown會面。“這件事很深刻。”卓嘎說。\n", encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    po = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "a.po"))
    merge = run_cli("segments", "merge", po[1].msgctxt, cwd=tmp_path)
    assert merge.returncode == 0, merge.stderr
    pot = [e.msgid for e in polib.pofile(str(tmp_path / "locale" / "a.pot"))]
    assert pot == ["他與Dr. Brown會面。", "“這件事很深刻。”卓嘎說。"]
    shown = run_cli("segment", str(doc), "--json", cwd=tmp_path)
    assert [s["text"] for s in json.loads(shown.stdout)] == pot


def test_hard_wrapped_big5_paragraphs_start_at_their_indentation(tmp_path: Path) -> None:
    """A Big5, CRLF e-text of the Sanguo yanyi wrapped every ~34 characters, its paragraphs
    marked by an ideographic-space indentation and no blank line: they were one paragraph."""
    doc = DOCS / "sanguo-ch1-wrapped.big5.txt"
    done = run_cli("segment", str(doc), "--lang", "zh-Hant", "--paragraphs", "blank", "--json")
    segments = json.loads(done.stdout)
    starts = [s["text"] for s in segments if s["index"] == 0]
    assert starts == ["第一回　宴桃園豪傑三結義　斬黃巾英雄首立功",
                      "滾滾長江東逝水，浪花淘盡英雄。",
                      "話說天下大勢，分久必合，合久必分：周末七國分爭，并入於秦。",
                      "推其致亂之由，殆始於桓、靈二帝。"]
    assert "是非成敗轉頭空：青山依舊在，幾度\r\n夕陽紅。" in [s["text"] for s in segments]
    assert _export_all_as_source(tmp_path, doc, "zh-Hant", "zh-Hans", "blank") == \
        doc.read_bytes()


@pytest.mark.parametrize(("name", "wrapped"), [
    ("linux-howto.zh-Hant.rst", True),
    ("sanguo-ch1-wrapped.big5.txt", True),
    ("rust-book-installation.zh-Hans.md", False),
    ("hongloumeng-ch1-zhiping.zh-Hans.md", False),
    ("sanzijing-web-copy.zh-Hant.txt", False),
])
def test_hard_wrapped_documents_are_told_apart(name: str, wrapped: bool) -> None:
    from workbench.segment import looks_hard_wrapped
    from workbench.textio import read_text

    assert looks_hard_wrapped(read_text(DOCS / name).text) is wrapped


def test_the_seed_and_verse_are_not_hard_wrapped(seed_text: str) -> None:
    from workbench.segment import looks_hard_wrapped

    assert not looks_hard_wrapped(seed_text)
    verse = "靜夜思\n李白\n\n床前明月光\n疑是地上霜\n舉頭望明月\n低頭思故鄉\n"
    assert not looks_hard_wrapped(verse)


def test_segment_outside_a_project_unwraps_a_hard_wrapped_file(tmp_path: Path) -> None:
    """A new user's first command: the hard-wrapped Sanguo yanyi came out as its lines
    ('是非成敗轉頭空：青山依舊在，幾度' and '夕陽紅。' two segments)."""
    done = run_cli("segment", str(DOCS / "sanguo-ch1-wrapped.big5.txt"), cwd=tmp_path)
    assert done.returncode == 0
    assert "是非成敗轉頭空：青山依舊在，幾度夕陽紅。" in done.stdout
    assert "hard-wrapped" in done.stderr and done.stderr.count("\n") == 1


def test_init_makes_a_project_of_hard_wrapped_documents_blank_separated(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    shutil.copyfile(DOCS / "linux-howto.zh-Hant.rst", tmp_path / "texts" / "howto.txt")
    done = run_cli("init", "--source-lang", "zh-Hant", "--target", "en", "--sources", "texts",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert 'paragraphs = "blank"' in (tmp_path / "workbench.toml").read_text(encoding="utf-8")
    units = [e.msgid for e in polib.pofile(str(tmp_path / "locale" / "howto.pot"))]
    assert "它將指導你成爲一名Linux內核開發者，並且學會如何同Linux內核開發社區合作。" in units


def test_a_line_break_between_latin_and_chinese_follows_the_sentence(tmp_path: Path) -> None:
    """The kernel howto writes 'Linux驅動程序' and 'C語言' without spaces; wrapped after
    'Linux' or 'C', its units read 'Linux 驅動程序' and 'C 語言'."""
    from workbench.segment import unwrap

    doc = DOCS / "linux-howto.zh-Hant.rst"
    done = run_cli("segment", str(doc), "--lang", "zh-Hant", "--paragraphs", "blank")
    assert "或者老闆吩咐你「給這個設備寫個Linux驅動程序」？" in done.stdout
    assert "不能替代紮實的C語言教育" in done.stdout
    assert "感謝Randy Dunlap和Gerrit Huizenga" in done.stdout
    # a sentence written with spaces around Latin words keeps one at the line break too
    assert unwrap("先用 git 提交，再用\nLinux 內核的工具") == "先用 git 提交，再用 Linux 內核的工具"


def test_control_characters_are_named_with_their_line() -> None:
    """A Rust book page with a terminal's colour codes pasted in (ESC [1m): refused as binary,
    with no place to look; now with the line and column of the first one."""
    doc = DOCS / "rust-book-ansi-colours.zh-Hans.md"
    done = run_cli("segment", str(doc))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"{doc}:5: binary file (control characters, the first U+001B at column 1)" \
        in done.stderr


def test_an_upper_case_txt_document_is_a_source(tmp_path: Path) -> None:
    """An old e-text named SANGUO01.TXT was left out by the default `*.txt`, without a word."""
    (tmp_path / "texts").mkdir()
    doc = tmp_path / "texts" / "SANGUO01.TXT"
    shutil.copyfile(DOCS / "sanguo-ch1-wrapped.big5.txt", doc)
    done = run_cli("init", "--source-lang", "zh-Hant", "--target", "zh-Hans",
                   "--sources", "texts", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    po = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "SANGUO01.po"
    _translate_as_source(po)
    out = tmp_path / "out.txt"
    assert run_cli("export", str(doc), "-f", "txt", "-o", str(out), cwd=tmp_path).returncode == 0
    assert out.read_bytes() == doc.read_bytes()


def test_a_hard_wrapped_sentence_can_be_split(tmp_path: Path) -> None:
    """`segments split` refused every sentence of a hard-wrapped document ('this sentence is
    hard-wrapped in the document: split it there')."""
    _project(tmp_path, DOCS / "linux-howto.zh-Hant.rst", "zh-Hant", ["en"], "blank")
    pot = tmp_path / "locale" / "linux-howto.zh-Hant.pot"
    unit = next(e for e in polib.pofile(str(pot)) if e.msgid.startswith("它儘可能不包括"))
    done = run_cli("segments", "split", unit.msgctxt, "但會給你", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [e.msgid for e in polib.pofile(str(pot))
            if e.msgid.startswith(("它儘可能不包括", "但會給你"))] == [
        "它儘可能不包括任何關於內核編程的技術細節，", "但會給你指引一條獲得這些知識的正確途徑。"]


def test_straight_quotes_open_the_sentence_after_them() -> None:
    """Kong Yiji with its “” typed as straight quotes (as input methods and half-width
    conversion leave them): a quote opening a sentence was kept with the one before it
    ('凭空污人清白……""' then '什么清白？'): no segment may end with a quote that opens."""
    from workbench.segment import segment_text

    text = (DOCS / "kongyiji-ascii-quotes.zh-Hans.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        seen = ""
        for seg in segment_text(line, "zh-Hans").segments:
            seen += seg.before + seg.text
            if seg.text[-1] in "\"'":
                assert seen.count(seg.text[-1]) % 2 == 0, seg.text
            seen += seg.after
    assert '"什么清白？' in [s.text for s in segment_text(text, "zh-Hans").segments]
    assert [s.text for s in segment_text('天黑了。"走吧。"他说。"好。"', "zh").segments] == \
        ["天黑了。", '"走吧。"', "他说。", '"好。"']


def test_hard_wrapped_list_items_with_circled_and_full_width_numbers_stand_apart() -> None:
    """① ⑴ ❶, １． and 第三回 start a paragraph in hard-wrapped text, as 1. and （一） did:
    items were run together with the line above them."""
    from workbench.segment import segment_text

    text = ("注意事項如下，請在安裝前仔細閱讀每一項要求並確認你的系統\n滿足條件：\n"
            "① 作業系統需為 Linux 5.10 或更新的版本，並且\n已安裝 gcc。\n② 磁碟空間至少 2 GB。\n"
            "１．全形數字的項目，也是\n一個項目。\n第三回　賈雨村夤緣復舊職\n")
    paragraphs = [[s.unit_text for s in para]
                  for para in segment_text(text, "zh-Hant", "blank").paragraphs()]
    assert paragraphs == [["注意事項如下，請在安裝前仔細閱讀每一項要求並確認你的系統滿足條件："],
                          ["① 作業系統需為 Linux 5.10 或更新的版本，並且已安裝 gcc。"],
                          ["② 磁碟空間至少 2 GB。"], ["１．全形數字的項目，也是一個項目。"],
                          ["第三回　賈雨村夤緣復舊職"]]


@pytest.mark.parametrize("mode", ["blank", "line"])
def test_a_closing_quote_wrapped_to_the_next_line_stays_with_its_sentence(mode: str) -> None:
    """A wrap right before 」 (wrappers without line-start rules make them): the unit was
    '」說完他就轉身走了…', its quote cut off from the sentence it closes."""
    from workbench.segment import segment_text

    text = ("他停了一下，然後很慢地說：「我明天一定會來的，你放心好了。\n"
            "」說完他就轉身走了，頭也不回地消失在人群之中，再也沒有\n回來過。\n")
    segmented = segment_text(text, "zh-Hant", mode)
    assert segmented.join() == text
    units = [s.unit_text for s in segmented.segments]
    if mode == "blank":
        assert units == ["他停了一下，然後很慢地說：「我明天一定會來的，你放心好了。」",
                         "說完他就轉身走了，頭也不回地消失在人群之中，再也沒有回來過。"]
    else:  # every line a paragraph: no unit of a lone 」
        assert "」" not in units
