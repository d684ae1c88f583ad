"""Real-world catalogs (tests/data/po/, see its README): read exactly as msgfmt reads them, and
written back byte for byte, except for the one entry a writing path changed (plus the
header's revision date), with `msgfmt -c` still passing."""

from __future__ import annotations

import difflib
import gettext
import itertools
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, run_cli
from workbench.editor.session import EditSession
from workbench.errors import InputError
from workbench.formats.mo import write_mo
from workbench.formats.po import (
    declared_charset,
    default_header,
    parse_po_bytes,
    po_bytes,
    read_po,
    write_po,
)
from workbench.model import Catalog, State, Unit
from workbench.textio import CP936_EURO

CORPUS = sorted([*(DATA / "po").glob("*.po"), *(DATA / "po").glob("*.pot")])
TRANSLATED = [p for p in CORPUS if p.suffix == ".po"]  # templates have nothing to change
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="needs GNU gettext's msgfmt")
HEADER_DATES = ("PO-Revision-Date:", "POT-Creation-Date:")


def _plain_copy(path: Path, tmp_path: Path) -> Path:
    """The file with LF line ends and no BOM: msgfmt 0.21 reads neither CR-only nor BOM files
    (workbench reads both)."""
    copy = tmp_path / f"plain-{path.name}"
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    copy.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    return copy


def _msgfmt_counts(path: Path) -> tuple[int, int, int]:
    out = subprocess.run([MSGFMT or "msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True, check=True).stderr
    found = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)",
                                                    out)}
    return found.get("translated", 0), found.get("fuzzy", 0), found.get("untranslated", 0)


def _msgfmt_check(path: Path, original: Path, tmp_path: Path) -> None:
    """msgfmt -c passes on the written file when it passed on the original."""
    if path.read_bytes().startswith(b"\xef\xbb\xbf") or b"\n" not in path.read_bytes():
        path = _plain_copy(path, tmp_path)
    result = subprocess.run([MSGFMT or "msgfmt", "-c", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _lines(data: bytes, path: Path) -> list[str]:
    catalog = read_po(path)
    assert catalog.po_source is not None
    codec = catalog.po_source.style.codec
    # each line with its line end: a file that mixes them must keep each line's own
    text = data.decode(codec, CP936_EURO if codec == "gbk" else "strict")
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text.lstrip("\ufeff"))


def _assert_only_entry_changed(before: bytes, after: bytes, original: Path, written: Path,
                               unit: Unit) -> None:
    """Every changed line is in the span of `unit`'s entry or a header date line."""
    old = _lines(before, original)
    new = _lines(after, written)
    catalog = read_po(original)
    starts = sorted(u.entry_line - 1 for u in catalog.units)
    start = unit.entry_line - 1
    end = next((s for s in starts if s > start), len(old))
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False) \
            .get_opcodes():
        if tag == "equal":
            continue
        # a date line rewritten in place (one for one: a field given twice keeps both lines)
        header_only = tag == "replace" and i2 - i1 == j2 - j1 and all(
            line.rstrip("\r\n").strip('"').startswith(HEADER_DATES)
            for line in old[i1:i2] + new[j1:j2])
        assert header_only or (start <= i1 and i2 <= end), (
            f"changed outside the entry at line {start + 1}: {old[i1:i2]} -> {new[j1:j2]}")


def _pick(catalog: Catalog) -> Unit:
    """A translated, active, singular unit to change, whose id no other unit has."""
    ids = [u.id for u in catalog.units]
    return next(u for u in catalog.units if u.is_translated and not u.obsolete
                and u.source_plural is None and "\n" not in u.target and ids.count(u.id) == 1)


@needs_msgfmt
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_counts_are_msgfmts(path: Path, tmp_path: Path) -> None:
    counts = read_po(path).counts()
    assert (counts[State.TRANSLATED], counts[State.FUZZY], counts[State.UNTRANSLATED]) == \
        _msgfmt_counts(_plain_copy(path, tmp_path))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_unchanged_catalog_is_written_byte_for_byte(path: Path, tmp_path: Path) -> None:
    catalog = read_po(path)
    assert po_bytes(catalog) == path.read_bytes()
    out = tmp_path / path.name
    write_po(catalog, out)
    assert out.read_bytes() == path.read_bytes()


@needs_msgfmt
@pytest.mark.parametrize("path", TRANSLATED, ids=[p.name for p in TRANSLATED])
def test_editor_save_changes_one_entry(path: Path, tmp_path: Path) -> None:
    work = tmp_path / path.name
    shutil.copyfile(path, work)
    unit = _pick(read_po(work))
    session = EditSession.open(work)
    index = session.index_of(unit.id)
    assert index is not None
    session.commit(index, unit.target + " (2)", State.TRANSLATED)
    session.save()
    session.close()
    _assert_only_entry_changed(path.read_bytes(), work.read_bytes(), path, work, unit)
    _msgfmt_check(work, path, tmp_path)
    saved = {u.id: u for u in read_po(work).units}[unit.id]
    assert saved.target == unit.target + " (2)"


@needs_msgfmt
@pytest.mark.parametrize("path", TRANSLATED, ids=[p.name for p in TRANSLATED])
def test_import_changes_one_entry(path: Path, tmp_path: Path) -> None:
    work = tmp_path / path.name
    shutil.copyfile(path, work)
    catalog = read_po(work)
    unit = _pick(catalog)
    incoming = Catalog(units=[Unit(unit.id, unit.source, unit.target + " (2)", State.TRANSLATED,
                                   has_context=unit.has_context, context=unit.context)],
                       header={"Content-Type": "text/plain; charset=UTF-8",
                               "Language": catalog.header.get("Language", "zh_CN")})
    write_po(incoming, tmp_path / "incoming.po")
    result = run_cli("import", str(tmp_path / "incoming.po"), "--into", str(work), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    _assert_only_entry_changed(path.read_bytes(), work.read_bytes(), path, work, unit)
    _msgfmt_check(work, path, tmp_path)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_export_po_is_the_catalog(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    result = run_cli("export", str(path), "--format", "po", "-o", str(out),
                     "--include-obsolete", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == path.read_bytes()
    active = tmp_path / "active.po"
    assert run_cli("export", str(path), "--format", "po", "-o", str(active),
                   cwd=tmp_path).returncode == 0
    assert [u.source for u in read_po(active).units] == \
        [u.source for u in read_po(path).units if not u.obsolete]


def test_legacy_charset_refuses_what_it_cannot_hold(tmp_path: Path) -> None:
    work = tmp_path / "big5.po"
    shutil.copyfile(DATA / "po" / "vim_zh_TW_big5.po", work)
    catalog = read_po(work)
    unit = _pick(catalog)
    unit.target = "简体字"  # Simplified characters Big5 does not have
    incoming = Catalog(units=[Unit(unit.id, unit.source, "简体字", State.TRANSLATED)],
                       header={"Content-Type": "text/plain; charset=UTF-8"})
    write_po(incoming, tmp_path / "in.po")
    before = work.read_bytes()
    result = run_cli("import", str(tmp_path / "in.po"), "--into", str(work), cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot be written in BIG5" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert work.read_bytes() == before
    result = run_cli("import", str(tmp_path / "in.po"), "--into", str(work), "--to-utf8",
                     cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    data = work.read_bytes()
    assert b"charset=UTF-8" in data and "简体字".encode() in data
    assert {u.id: u.target for u in read_po(work).units}[unit.id] == "简体字"


def test_cr_only_file_is_read_not_emptied(tmp_path: Path) -> None:
    path = DATA / "po" / "gnome_calculator_cr_only.po"
    catalog = read_po(path)
    assert len(catalog.units) == len(read_po(DATA / "po" / "gnome_calculator_bom.po").units) > 10
    result = run_cli("check", str(path), cwd=tmp_path)
    assert "0 units" not in result.stdout + result.stderr


def test_empty_and_shared_contexts(tmp_path: Path) -> None:
    catalog = read_po(DATA / "po" / "gnome_calculator_msgctxt.po")
    active = [u for u in catalog.units if not u.obsolete]
    assert len({u.id for u in active}) == len(active)  # ids unique, contexts shared
    by_context = [(u.msgctxt, u.source) for u in catalog.units]
    assert ("", "in") in by_context and (None, "in") in by_context
    assert ("unit-symbols", "radian,radians,rad") in by_context
    turn = next(u for u in catalog.units if u.source == "turn,turns")
    assert (turn.previous_context, turn.previous_source) == ("unit-name", "Radians")
    gon = next(u for u in catalog.units if u.source == "gon,gons")
    assert gon.obsolete and gon.previous_source == "Gradians"
    mo = tmp_path / "messages.mo"
    mo.write_bytes(write_mo(catalog))
    ours = gettext.GNUTranslations(mo.open("rb"))
    assert ours.pgettext("", "in") == "转为"
    assert ours.gettext("in") == "在"
    assert ours.pgettext("unit-symbols", "radian,radians,rad") == "radian,radians,rad,弧度"


def test_changed_entry_is_wrapped_as_msgmerge_would(tmp_path: Path) -> None:
    """A new translation in a msgmerge-wrapped catalog: what msgcat writes for it."""
    path = DATA / "po" / "git_zh_CN_wrapped.po"
    catalog = read_po(path)
    unit = _pick(catalog)
    unit.target = "这是一个很长的中文句子，用来测试换行的位置，它在汉字之间断行，" \
        "以及标点符号「引号」（括号）怎么处理。还有 English words 和 %s 格式。"
    plural = next(u for u in catalog.units if u.source_plural is not None)
    plural.target = "一个非常长的复数形式翻译，" * 4 + "%d 个"
    plural.state = State.FUZZY
    out = tmp_path / "out.po"
    write_po(catalog, out)
    if MSGFMT is None:
        return
    wrapped = subprocess.run(["msgcat", str(out)], capture_output=True, check=True).stdout
    assert wrapped == out.read_bytes()


@needs_msgfmt
def test_mo_with_system_dependent_formats_is_msgfmts(tmp_path: Path) -> None:
    """Messages with %<PRIuMAX> (git has 86) go into the MO file's system-dependent section,
    byte for byte as `msgfmt --no-hash` writes it; Python's gettext still reads the rest."""
    po = tmp_path / "sysdep.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "hello"\nmsgstr "你好"\n\n'
        '#, c-format\nmsgid "%<PRIuMAX> bytes of %s"\nmsgstr "%<PRIuMAX> 字节，共 %s"\n\n'
        '#, c-format\nmsgid "took %<PRId64>.%03d s"\nmsgstr "用时 %<PRId64>.%03d 秒"\n\n'
        '#, c-format\nmsgid "exporting %<PRIuMAX> ref"\nmsgid_plural "exporting %<PRIuMAX> refs"\n'
        'msgstr[0] "导出 %1$<PRIuMAX> 个引用"\n\n'
        'msgid "not %<PRIuMAX> a format"\nmsgstr "不是 %<PRIuMAX> 格式"\n\n'
        'msgctxt "ctx"\nmsgid "a"\nmsgstr "甲"\n', encoding="utf-8")
    ours = write_mo(read_po(po))
    subprocess.run([MSGFMT or "msgfmt", "--no-hash", "-o", str(tmp_path / "msgfmt.mo"),
                    str(po)], check=True)
    assert ours == (tmp_path / "msgfmt.mo").read_bytes()
    result = run_cli("export", str(po), "--format", "mo", "-o", str(tmp_path / "x.mo"),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = gettext.GNUTranslations((tmp_path / "x.mo").open("rb"))
    assert loaded.gettext("hello") == "你好" and loaded.pgettext("ctx", "a") == "甲"
    assert loaded.gettext("not %<PRIuMAX> a format") == "不是 %<PRIuMAX> 格式"


def _restyle(po: Path) -> None:
    """Rewrite a catalog as another tool would: msgcat's wrapping, then CRLF line ends."""
    wrapped = subprocess.run(["msgcat", str(po)], capture_output=True, check=True).stdout
    po.write_bytes(wrapped.replace(b"\n", b"\r\n"))


@needs_msgfmt
def test_init_on_an_existing_restyled_catalog_changes_one_entry(project_dir: Path,
                                                                 tmp_path: Path) -> None:
    assert run_cli("init", cwd=project_dir).returncode == 0
    po = project_dir / "locale" / "en" / "LC_MESSAGES" / "000_fa12286181b4949c.po"
    _restyle(po)
    before = tmp_path / "before.po"
    shutil.copyfile(po, before)
    assert run_cli("init", cwd=project_dir).returncode == 0
    assert po.read_bytes() == before.read_bytes()  # nothing changed: not rewritten
    document = project_dir / "seeds" / "000_fa12286181b4949c.txt"
    text = document.read_text(encoding="utf-8")
    unit = next(u for u in read_po(po).units[5:] if len(u.source) > 12
                and text.count(u.source) == 1)
    changed = unit.source[:4] + "X" + unit.source[4:]
    document.write_text(text.replace(unit.source, changed), encoding="utf-8")
    assert run_cli("init", cwd=project_dir).returncode == 0
    after = po.read_bytes()
    assert b"\r\n" in after and b"\n\n" not in after.replace(b"\r\n", b"")
    _assert_only_entry_changed(before.read_bytes(), after, before, po, unit)
    assert changed in [u.source for u in read_po(po).units]
    _msgfmt_check(po, before, tmp_path)


@needs_msgfmt
def test_align_review_written_back_changes_one_entry(tmp_path: Path) -> None:
    from dataclasses import replace

    from workbench.align.dp import Alignment, Bead
    from workbench.align.editing import finish_catalog_review, start_catalog_review
    from workbench.align.units import DEFAULT_THRESHOLD, parse_ladder, to_units

    align = DATA / "align"
    zh = (align / "story.zh-Hant.txt").read_text(encoding="utf-8").splitlines()
    en = (align / "story.en.txt").read_text(encoding="utf-8").splitlines()
    gold = parse_ladder((align / "story.gold.align").read_text(encoding="utf-8"))
    beads = [Bead(s, t, 0.9 if len(s) == len(t) == 1 else 0.3) for s, t in gold]
    out = tmp_path / "aligned.po"
    catalog = to_units(Alignment(zh, en, beads, "zh-Hant", "en"), DEFAULT_THRESHOLD,
                       source_name="zh.txt")
    catalog.header = default_header("zh-Hant", "en", project="story")
    write_po(catalog, out)
    _restyle(out)
    before = tmp_path / "before.po"
    shutil.copyfile(out, before)
    review = start_catalog_review(out)
    at = next(i for i, b in enumerate(review.alignment.beads) if b.confidence < 0.5)
    reviewed = replace(review.alignment, beads=[
        replace(b, confidence=1.0) if i == at else b
        for i, b in enumerate(review.alignment.beads)])
    finish_catalog_review(review, reviewed, DEFAULT_THRESHOLD)
    first_source = review.alignment.beads[at].source[0]
    unit = next(u for u in read_po(before).units if u.source.startswith(zh[first_source]))
    _assert_only_entry_changed(before.read_bytes(), out.read_bytes(), before, out, unit)
    _msgfmt_check(out, before, tmp_path)


def test_gb2312_file_with_gbk_characters_gets_no_new_ones(tmp_path: Path) -> None:
    """A "GB2312" file holding GBK characters (common) is read and written back as it is,
    but a new character GB2312 lacks is refused: msgfmt reads the file as GB2312."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GB2312\\n"\n\n'
    po = tmp_path / "gb2312.po"
    po.write_bytes((header + 'msgid "a"\nmsgstr "镕"\n\nmsgid "b"\nmsgstr "乙"\n')
                   .encode("gbk"))
    catalog = read_po(po)
    assert catalog.po_source is not None and catalog.po_source.style.codec == "gbk"
    assert po_bytes(catalog) == po.read_bytes()
    catalog.units[1].target = "乙镕"  # a character the file already had: fine
    assert "乙镕".encode("gbk") in po_bytes(catalog)
    catalog.units[1].target = "乙昇"  # 昇 is GBK, not GB2312
    with pytest.raises(InputError, match="cannot be written in GB2312"):
        po_bytes(catalog)


@needs_msgfmt
def test_align_again_into_an_existing_catalog_keeps_its_style(tmp_path: Path) -> None:
    align = DATA / "align"
    zh, en = align / "story.zh-Hant.txt", align / "story.en.txt"
    out = tmp_path / "story.po"
    args = ("align", str(zh), str(en), "--no-embeddings", "-o", str(out))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    _restyle(out)
    before = out.read_bytes()
    assert run_cli(*args, "--force", cwd=tmp_path).returncode == 0
    old, new = before.split(b"\r\n"), out.read_bytes().split(b"\r\n")
    assert len(old) == len(new)
    assert all(a.startswith(b'"PO-Revision-Date:')
               for a, b in zip(old, new, strict=True) if a != b)
    _msgfmt_check(out, out, tmp_path)


def test_check_reads_obsolete_previous_msgids(tmp_path: Path) -> None:
    """`#~|` lines (msgmerge --previous on an obsolete fuzzy entry) were a syntax error that
    made `check` on a folder exit 2 with no report."""
    result = run_cli("check", str(DATA / "po"), cwd=tmp_path)
    assert result.returncode != 2, result.stderr
    assert "gnome_calculator_obsolete_previous.po" in result.stdout
    assert "syntax error" not in result.stdout + result.stderr


@needs_msgfmt
@pytest.mark.parametrize("break_", ["\n", "\r\n", "\r"])
def test_a_comment_of_several_lines_stays_po(tmp_path: Path, break_: str) -> None:
    """A note of several lines (another tool's, or typed) in a changed entry is one comment
    line per line: written as is, its second line was no PO and msgfmt refused the file."""
    work = tmp_path / "vim.po"
    shutil.copyfile(DATA / "po" / "vim_zh_CN_unwrapped.po", work)
    catalog = read_po(work)
    unit = _pick(catalog)
    unit.comments = [f"line one{break_}line two", ""]
    unit.auto_comments = [f"a{break_}b"]
    write_po(catalog, work)
    again = {u.id: u for u in read_po(work).units}[unit.id]
    assert again.comments == ["line one", "line two", ""]
    assert again.auto_comments == ["a", "b"]
    assert subprocess.run([MSGFMT or "msgfmt", "-c", "-o", "/dev/null", str(work)]
                          ).returncode == 0


@pytest.mark.parametrize(("codec", "bom", "newline"), [
    ("utf-16-le", True, "\r\n"),  # what Windows Notepad saves as "Unicode"
    ("utf-16-be", True, "\n"),
    ("utf-16-le", False, "\n"),
])
def test_utf16_catalog_is_read_and_written_back_as_it_was(
        tmp_path: Path, codec: str, bom: bool, newline: str) -> None:
    """A PO file saved as UTF-16 (a Windows editor did it) is read, not called binary, and
    comes back in UTF-16 with its BOM and line ends; --to-utf8 makes it a gettext file."""
    text = (DATA / "po" / "git_zh_CN_wrapped.po").read_text(encoding="utf-8")
    work = tmp_path / "zh_CN.po"
    original = ("\ufeff" if bom else "").encode(codec) + text.replace("\n", newline).encode(codec)
    work.write_bytes(original)
    catalog = read_po(work)
    assert [(u.id, u.target) for u in catalog.units] == [
        (u.id, u.target) for u in read_po(DATA / "po" / "git_zh_CN_wrapped.po").units]
    assert po_bytes(catalog) == original
    unit = _pick(catalog)
    unit.target = "新的译文"
    write_po(catalog, work)
    changed = work.read_bytes()
    assert changed[:2] == original[:2]  # the BOM, or the first character, in the same order
    before = original.decode(codec).removeprefix("\ufeff").split(newline)
    after = changed.decode(codec).removeprefix("\ufeff").split(newline)
    diff = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert any("新的译文" in line for line in diff)
    assert all("新的译文" in line or "PO-Revision-Date" in line or line.startswith("-msgstr")
               or line.startswith('-"') for line in diff), diff
    converted = po_bytes(read_po(work), to_utf8=True)
    assert b"\x00" not in converted and "新的译文".encode() in converted
    checked = run_cli("check", str(work), "--check", "none")
    assert checked.returncode in (0, 1) and "binary" not in checked.stderr, checked.stderr


LOOSE_PO = """# Translator comment
#@ odd comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_CN\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#,fuzzy
msgid "A"
msgstr "甲"

\tmsgid "Tabbed"
  msgstr "缩进"

msgid   "spaces"
msgstr\t"空格"

msgid"tight"
msgstr"紧"

msgid "multi"
   "line"
msgstr ""
"多"
\t"行"

msgid "%d file"
msgid_plural "%d files"
msgstr[ 0 ] "%d 个文件"
"""


@needs_msgfmt
def test_what_msgfmt_accepts_is_read(tmp_path: Path) -> None:
    """White space before a keyword or a continuation, a tab or none between a keyword and its
    string, `msgstr[ 0 ]`: msgfmt takes them all (a hand-edited catalog has them); so do we,
    with msgfmt's counts, and the file comes back byte for byte."""
    path = tmp_path / "loose.po"
    path.write_text(LOOSE_PO, encoding="utf-8")
    catalog = read_po(path)
    counts = (sum(u.state is State.TRANSLATED for u in catalog.units),
              sum(u.state is State.FUZZY for u in catalog.units),
              sum(u.state is State.UNTRANSLATED for u in catalog.units))
    assert counts == _msgfmt_counts(path) == (5, 1, 0)
    assert {u.source: u.target for u in catalog.units}["multiline"] == "多行"
    assert po_bytes(catalog) == path.read_bytes()


@given(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=12, max_size=12),
       st.integers(min_value=0, max_value=2))
def test_mixed_line_ends_stay_where_they_were(ends: list[str], changed: int) -> None:
    """Whatever line end each line has, an unchanged file comes back byte for byte, and a
    changed entry leaves every other line's end as it was."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', "",
             'msgid "a"', 'msgstr "甲"', "", 'msgid "b"', 'msgstr "乙"', "", 'msgid "c"',
             'msgstr "丙"']
    # a CR before an empty LF line would be one CRLF: such a file has one line fewer
    ends = ["\r\n" if end == "\r" and lines[i + 1:i + 2] == [""] else end
            for i, end in enumerate(ends)]
    data = "".join(line + end for line, end in zip(lines, ends, strict=True)).encode()
    catalog = parse_po_bytes(data, "mixed.po")
    assert po_bytes(catalog) == data
    catalog.units[changed].target = "新"
    out = re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)", po_bytes(catalog))
    before = re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)", data)
    assert len(out) == len(before)
    assert [a for a, b in zip(before, out, strict=True) if a != b] == \
        [before[5 + 3 * changed]]


def test_template_with_plural_entries_is_read(tmp_path: Path) -> None:
    """xgettext writes `Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;` and empty
    msgstr[0], msgstr[1] in every POT with plurals (bash's, vim's): such a template was
    refused as if it were translated under the placeholder."""
    path = DATA / "po" / "bash_template.pot"
    plural = next(u for u in read_po(path).units if u.source_plural is not None)
    assert (plural.source, plural.target, plural.target_plurals, plural.state) == \
        ("Shell commands matching keyword `", "", [""], State.UNTRANSLATED)
    for command in (("stats",), ("check", "--check", "none")):
        result = run_cli(*command, str(path), cwd=tmp_path)
        assert result.returncode in (0, 1) and "placeholder" not in result.stderr, result.stderr


@needs_msgfmt
@pytest.mark.parametrize("path", TRANSLATED, ids=[p.name for p in TRANSLATED])
def test_mo_is_msgfmts(path: Path, tmp_path: Path) -> None:
    """The MO file is msgfmt's, header included (its spacing, a field given twice, all but
    the first POT-Creation-Date line); a legacy-charset catalog's MO is in UTF-8, its header
    saying so, and otherwise the same."""
    plain = _plain_copy(path, tmp_path)
    theirs = tmp_path / "msgfmt.mo"
    subprocess.run([MSGFMT or "msgfmt", "--no-hash", "-o", str(theirs), str(plain)], check=True)
    catalog = read_po(path)
    ours = write_mo(catalog)
    if declared_charset(catalog.header).upper().replace("-", "") == "UTF8":
        assert ours == theirs.read_bytes()
        return
    (tmp_path / "ours.mo").write_bytes(ours)
    mine = gettext.GNUTranslations((tmp_path / "ours.mo").open("rb"))._catalog  # type: ignore[attr-defined]
    try:
        reference = gettext.GNUTranslations(theirs.open("rb"))._catalog  # type: ignore[attr-defined]
    except UnicodeDecodeError:
        # msgfmt's MO keeps the legacy charset, which Python's codecs may not read whole
        # (GBK's euro sign as Windows writes it, 0x80): msgfmt's MO of msgconv's UTF-8.
        utf8 = tmp_path / "utf8.po"
        subprocess.run(["msgconv", "--to-code=UTF-8", "-o", str(utf8), str(plain)], check=True)
        subprocess.run([MSGFMT or "msgfmt", "--no-hash", "-o", str(theirs), str(utf8)],
                       check=True)
        reference = gettext.GNUTranslations(theirs.open("rb"))._catalog  # type: ignore[attr-defined]
    assert mine.pop("").replace("charset=UTF-8", "") == \
        re.sub(r"charset=[\w-]+", "", reference.pop(""))
    assert mine == reference


def test_mo_header_is_the_files_as_written(tmp_path: Path) -> None:
    """A header value with a trailing space, a field twice, a lowercase charset: in the MO
    as msgfmt puts them (they were rebuilt from the parsed fields)."""
    po = tmp_path / "h.po"
    po.write_text('msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n'
                  '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n'
                  '"POT-Creation-Date: 2026-01-02 00:00+0000\\n"\n'
                  '"Language-Team: Chinese \\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                  'msgid "a"\nmsgstr "甲"\n', encoding="utf-8")
    mo = tmp_path / "h.mo"
    mo.write_bytes(write_mo(read_po(po)))
    header = gettext.GNUTranslations(mo.open("rb"))._catalog[""]  # type: ignore[attr-defined]
    assert header == ("Project-Id-Version: x\nPOT-Creation-Date: 2026-01-02 00:00+0000\n"
                      "Language-Team: Chinese \nContent-Type: text/plain; charset=utf-8\n")


@given(st.lists(st.sampled_from(["", "\n", "\n\n"]), min_size=4, max_size=4),
       st.integers(min_value=0, max_value=2), st.booleans())
def test_entries_parted_as_they_were(gaps: list[str], changed: int, final: bool) -> None:
    """Entries with no blank line between them (msgfmt reads them; scripts write them), or
    several, and no final newline: written back as they were parted, a changed entry alone
    changing. A blank line was put after every entry, so such a file was rewritten whole."""
    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
               'msgid "a"\nmsgstr "甲"\n', '#: x.c:1\nmsgid "b"\nmsgstr "乙"\n',
               'msgctxt "c"\nmsgid "c"\nmsgstr "丙"\n']
    text = "".join(entry + gap for entry, gap in zip(entries, gaps, strict=True))
    data = (text if final else text.rstrip("\n")).encode()
    catalog = parse_po_bytes(data, "parted.po")
    assert po_bytes(catalog) == data
    catalog.units[changed].target = "新"
    expected = data.decode().replace('"' + "甲乙丙"[changed] + '"', '"新"').encode()
    assert po_bytes(catalog) == expected


def test_comments_alone_stay_as_they_were() -> None:
    data = "# 只有註解\n# no entries yet".encode()
    assert po_bytes(parse_po_bytes(data, "comments.po")) == data


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_comment_naming_a_charset_is_not_the_header(newline: str) -> None:
    """The charset is the header's: a comment above it that names another (a file converted
    with iconv says so) made a UTF-8 catalog read as GBK and refused."""
    text = ('# Converted to UTF-8 from charset=GBK by iconv.\nmsgid ""\nmsgstr ""\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "甲乙丙"\n')
    data = text.replace("\n", newline).encode()
    catalog = parse_po_bytes(data, "converted.po")
    assert catalog.units[0].target == "甲乙丙" and po_bytes(catalog) == data


@given(st.lists(st.sampled_from(["", 'msgstr ""', '"x"', "a", "b", "#: f:1"]), max_size=60),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3),
                          st.lists(st.sampled_from(["", "a", "new", '"x"']), max_size=3)),
                max_size=4))
def test_same_lines_pairs_equal_lines_in_order(
        old: list[str], edits: list[tuple[int, int, list[str]]]) -> None:
    """The lines a mixed-line-end file keeps its ends on: equal lines, in order on both
    sides, every unchanged line before the first edit among them."""
    from workbench.formats.po import _same_lines

    new = list(old)
    for at, drop, insert in edits:
        new[at:at + drop] = insert
    pairs = _same_lines(old, new)
    assert all(old[i] == new[j] for i, j in pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(pairs))
    first = min((at for at, _, _ in edits), default=len(old))
    assert [(k, k) for k in range(min(first, len(old), len(new)))] == \
        pairs[:min(first, len(old), len(new))]


def test_header_without_a_final_newline_gets_a_field_of_its_own(tmp_path: Path) -> None:
    """A header whose last field has no \\n (hand-made, some scripts), without a revision
    date: the editor's save added `PO-Revision-Date` to that line, so the catalog's Language
    became 'zh_CNPO-Revision-Date: ...'."""
    work = tmp_path / "zh_CN.po"
    work.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Language: zh_CN"\n\nmsgid "a"\nmsgstr "甲"\n', encoding="utf-8")
    session = EditSession.open(work)
    session.commit(0, "新", State.TRANSLATED)
    session.save()
    session.close()
    catalog = read_po(work)
    assert catalog.header["Language"] == "zh_CN" and "PO-Revision-Date" in catalog.header
    assert catalog.units[0].target == "新"
    changed = replace(catalog, header={**catalog.header, "Language": "zh_TW"})
    assert '"Language: zh_TW\\n"' in po_bytes(changed).decode()  # not its last line now
    last = parse_po_bytes(b'msgid ""\nmsgstr ""\n"Language: zh_CN"\n', "last.po")
    last.header = {"Language": "zh_TW"}
    assert po_bytes(last) == b'msgid ""\nmsgstr ""\n"Language: zh_TW"\n'


def test_header_lines_holding_more_than_one_field_stay(tmp_path: Path) -> None:
    """A header line that ends one field and starts the next ("...\\nLanguage: zh_"), kept
    when neither changes: it was re-wrapped, one field a line, on every save."""
    text = ('msgid ""\nmsgstr ""\n"Project-Id-Version: x\\nLanguage: zh_"\n"CN\\n"\n'
            '"PO-Revision-Date: 2020-01-01 00:00+0000\\n"\n"Content-Type: text/plain; '
            'charset=UTF-8\\nPlural-Forms: nplurals=1; plural=0;\\n"\n\nmsgid "a"\nmsgstr "甲"\n')
    catalog = parse_po_bytes(text.encode(), "zh_CN.po")
    catalog.header = {**catalog.header, "PO-Revision-Date": "2026-01-01 00:00+0000"}
    assert po_bytes(catalog).decode() == text.replace("2020-01-01", "2026-01-01")


def test_numeric_escapes_are_bytes_in_the_files_charset() -> None:
    """`msgcat --escape` writes every non-ASCII byte as an octal escape (中 is \\344\\270\\255):
    msgfmt reads such a run as the bytes of a character; it was read as three Latin-1
    characters, so stats, check, the editor and the MO file got mojibake."""
    escaped = read_po(DATA / "po" / "git_zh_TW_escaped.po")
    plain = read_po(DATA / "po" / "git_zh_TW_fuzzy_header.po")
    assert [(u.source, u.target) for u in escaped.units] == \
        [(u.source, u.target) for u in plain.units]
    gbk = '#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GBK\\n"\n\n' \
        'msgid "China"\nmsgstr "\\326\\320\\271\\372"\n\nmsgid "odd"\nmsgstr "\\377\\x41"\n'
    catalog = parse_po_bytes(gbk.encode("ascii"), "gbk.po")
    assert [u.target for u in catalog.units] == ["中国", "\xffA"]  # not GBK: as it was
    assert po_bytes(catalog) == gbk.encode("ascii")


@needs_msgfmt
def test_a_no_wrap_entry_is_not_wrapped(tmp_path: Path) -> None:
    """`#, no-wrap` (po4a's verbatim paragraphs, usage texts) tells gettext to break the
    entry's strings only after a \\n: a changed one was wrapped at 79 columns like the rest."""
    po = tmp_path / "nowrap.po"
    text = (DATA / "po" / "git_zh_CN_wrapped.po").read_text(encoding="utf-8")
    po.write_text(text + '\n#, no-wrap\nmsgid "usage"\nmsgstr "x"\n', encoding="utf-8")
    catalog = read_po(po)
    unit = next(u for u in catalog.units if u.source == "usage")
    unit.target = "用法：git 命令 [选项] <参数>……这一行很长，超过七十九列也不折行。" * 2 + \
        "\n第二行：    缩进的内容保持原样，同样很长很长很长很长很长很长很长很长很长很长很长很长。\n"
    write_po(catalog, po)
    assert subprocess.run(["msgcat", str(po)], capture_output=True, check=True).stdout == \
        po.read_bytes()
    assert read_po(po).units[-1].target == unit.target
