"""XLIFF and TMX files other tools wrote (tests/data/xliff, tests/data/tmx): read as found, in
every encoding Chinese projects use, damaged, imported by the real command and exported again.

Bad input is one `path:line: message` line and exit code 2, never a traceback; what a file says
(its line breaks, its notes) arrives in the catalog as the file's author meant it.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, run_cli
from workbench.errors import InputError, WorkbenchError
from workbench.formats import read_exchange
from workbench.model import State

XLIFF = DATA / "xliff"
TMX = DATA / "tmx"
NAVCOG = XLIFF / "navcog.zh-Hans.xliff"
SYMFONY = XLIFF / "symfony-demo.validators+intl-icu.zh_CN.xlf"
DOTNET = XLIFF / "dotnet-xliff-tasks.Strings.zh-Hans.xlf"  # Microsoft's xliff-tasks
PHRASE_20 = XLIFF / "phrase.uber-counts.zh-TW.xliff"  # Phrase (Memsource) XLIFF 2.0
TRADOS = XLIFF / "trados-track-changes.en-de.sdlxliff"  # Trados Studio, tracked changes
TTK_XLIFF = XLIFF / "ttk-po2xliff.gnome-calculator.zh_CN.xlf"  # translate-toolkit's po2xliff
TTK_TMX = TMX / "ttk-po2tmx.gnome-calculator.zh_CN.tmx"  # and its po2tmx
PROJECT_SAVE = TMX / "gmlspec.project_save.tmx"
ALIGNED = TMX / "gmlspec.auto.tmx"
KIT = {name: TMX / f"lisa-kit.{name}.tmx"  # LISA's TMX Compliance Kit
       for name in ("ImportTest1A", "ImportTest1G", "ImportTest2A", "ImportTest1L")}
SAMPLES = [NAVCOG, SYMFONY, DOTNET, PHRASE_20, TRADOS, TTK_XLIFF, PROJECT_SAVE, ALIGNED, TTK_TMX,
           KIT["ImportTest1A"], KIT["ImportTest1G"], KIT["ImportTest2A"]]


def units_of(path: Path) -> list[tuple[str, str, str, State]]:
    return [(u.id, u.source, u.target, u.state) for u in read_exchange(path).catalog.units]


def test_samples_read_as_their_tools_meant_them() -> None:
    navcog = read_exchange(NAVCOG)
    catalog = navcog.catalog
    assert (catalog.source_lang, catalog.target_lang, len(catalog.units)) == ("en", "zh-Hans", 10)
    assert len(navcog.parts) == 4  # the <file> with <body/> holds nothing, and is no error
    by_id = {u.id: u for u in catalog.units}
    # No xml:space, and yet a line break without indentation after it is the text's own.
    thanks = by_id["THANKYOU_SENDING"]
    assert thanks.source == "Thank you for your feedback!\nFeedback is sending..."
    assert thanks.target == "非常感谢您配合问卷调查。\n正在发送数据..."
    assert by_id["Init Orientation"].source.count("\n") == 2
    # Xcode's notes are the developer's comments, not a translator's.
    assert by_id["0fd-8M-uXw.text"].auto_comments == [
        'Class = "UILabel"; text = "To"; ObjectID = "0fd-8M-uXw";']
    assert all(not u.comments for u in catalog.units)
    assert by_id["4BS-F6-arL.text"].target == ">"

    symfony = read_exchange(SYMFONY).catalog
    assert (symfony.target_lang, len(symfony.units)) == ("zh-CN", 8)
    assert all(u.state is State.TRANSLATED for u in symfony.units)

    saved = read_exchange(PROJECT_SAVE).catalog  # TMX 1.1: `lang`, a DOCTYPE, comments
    assert (saved.source_lang, saved.target_lang, len(saved.units)) == ("en-US", "zh-CN", 5)
    assert '"/Users/<username>"' in saved.units[3].source
    aligned = read_exchange(ALIGNED).catalog
    assert len(aligned.units) == 6 and all(u.id == "" for u in aligned.units)


def _decoded(data: bytes) -> str:
    """A sample's text: UTF-8 (with or without its byte-order mark) or UTF-16 with one."""
    codec = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
    return data.decode(codec).removeprefix("\ufeff")


def _transcoded(data: bytes, codec: str, declared: str | None, bom: bool, crlf: bool) -> bytes:
    text = _decoded(data)
    if crlf:
        text = text.replace("\n", "\r\n")
    declaration = re.match(r"<\?xml[^>]*\?>", text)
    body = text[declaration.end():] if declaration else text
    if declared is not None:  # single quotes and a space before `?>`, as Alchemy Catalyst
        body = f"<?xml version='1.0' encoding='{declared}' ?>" + body
    encoded = body.encode(codec, "xmlcharrefreplace")  # ⇅ is no GBK: `&#8645;`, as tools write
    if bom:
        encoded = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE,
                   "utf-16-be": codecs.BOM_UTF16_BE}[codec] + encoded
    return encoded


ENCODINGS = [  # codec, what the declaration says (None: no declaration), byte-order mark, CRLF
    ("utf-8", None, True, True),
    ("utf-8", "UTF-8", True, False),
    ("utf-16-le", "UTF-16", True, True),
    ("utf-16-be", "UTF-16", True, False),
    ("utf-16-le", "UTF-16", False, True),  # no byte-order mark: told by `<?` itself
    ("utf-16-be", None, False, False),
    ("gb18030", "GB18030", False, True),
    ("gbk", "GBK", False, False),
    ("gbk", "GB2312", False, False),  # declared GB2312, holds GBK: read with the superset
    ("gb18030", "gb2312", False, True),
    # Names expat or Python's codecs do not know, which PHP scripts, Java (Okapi, OmegaT) and
    # .NET tools write: refused, or read no further than the first Chinese character.
    ("utf-8", "utf8", False, False),
    ("utf-8", "UTF8", True, True),
    ("gbk", "windows-936", False, True),
    ("gbk", "x-gbk", False, False),
    ("cp950", "x-windows-950", False, True),
    ("big5hkscs", "Big5-HKSCS", False, False),
]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("codec,declared,bom,crlf", ENCODINGS)
def test_every_encoding_reads_the_same_units(tmp_path: Path, sample: Path, codec: str,
                                             declared: str | None, bom: bool, crlf: bool) -> None:
    copy = tmp_path / sample.name
    copy.write_bytes(_transcoded(sample.read_bytes(), codec, declared, bom, crlf))
    exchange = read_exchange(copy)
    assert [(u.id, u.source, u.target, u.state) for u in exchange.catalog.units] == \
        units_of(sample)
    assert not exchange.notes


def test_big5_declared_file(tmp_path: Path) -> None:
    """A Traditional Chinese memory in Big5 (with a CP950 character, 碁) reads as Big5."""
    tmx = ('<?xml version="1.0" encoding="Big5"?>\r\n<tmx version="1.4"><header srclang="en" '
           'segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" '
           'creationtoolversion="1"/><body><tu><tuv xml:lang="en"><seg>Go board</seg></tuv>'
           '<tuv xml:lang="zh-TW"><seg>圍棋棋盤（碁盤）</seg></tuv></tu></body></tmx>\r\n')
    path = tmp_path / "big5.tmx"
    path.write_bytes(tmx.encode("cp950"))
    units = read_exchange(path).catalog.units
    assert [(u.source, u.target) for u in units] == [("Go board", "圍棋棋盤（碁盤）")]


def test_a_declaration_that_lies_is_read_or_refused_clearly(tmp_path: Path) -> None:
    data = SYMFONY.read_bytes()
    body = data.split(b"?>", 1)[1]
    # Converted to UTF-8 by an editor that kept the old declaration: read as UTF-8, said so.
    for declared in (b"GB2312", b"Big5", b"UTF-16"):
        path = tmp_path / f"said-{declared.decode()}.xlf"
        path.write_bytes(b'<?xml version="1.0" encoding="' + declared + b'"?>' + body)
        exchange = read_exchange(path)
        assert units_of(SYMFONY) == [(u.id, u.source, u.target, u.state)
                                     for u in exchange.catalog.units]
        assert exchange.notes == [f"the file declares the encoding {declared.decode()} but is "
                                  "UTF-8: read as UTF-8"]
    # A UTF-8 byte-order mark before a UTF-16 declaration: the mark wins (expat refuses it).
    path = tmp_path / "bom.xlf"
    path.write_bytes(codecs.BOM_UTF8 + b'<?xml version="1.0" encoding="UTF-16"?>' + body)
    assert len(read_exchange(path).catalog.units) == 8
    # GBK bytes that say nothing (XML's default is UTF-8): refused with the line.
    path = tmp_path / "gbk.xlf"
    path.write_bytes(body.lstrip().decode("utf-8").encode("gbk"))
    with pytest.raises(InputError) as caught:
        read_exchange(path)
    assert caught.value.line == 6 and "not valid UTF-8 (byte 0xc7)" in caught.value.message
    assert caught.value.message.endswith(  # it says which: GBK's superset
        "its text reads as GB18030, which its declaration must say (<?xml version=\"1.0\" "
        "encoding=\"GB18030\"?>)")
    big5 = tmp_path / "big5.xliff"  # a Taiwanese file in Big5 that says nothing
    big5.write_bytes(PHRASE_20.read_text(encoding="utf-8").split("?>", 1)[1].lstrip().encode(
        "big5", "xmlcharrefreplace"))
    with pytest.raises(InputError, match=r"its text reads as Big5, which its declaration must "
                       r"say \(<\?xml version=\"1.0\" encoding=\"Big5\"\?>\)"):
        read_exchange(big5)
    # Declared GBK, but not GBK.
    path.write_bytes(b'<?xml version="1.0" encoding="GBK"?>' + body.replace(
        "文章".encode(), b"\x81\x20", 1))
    with pytest.raises(InputError, match="not valid GBK, the encoding the file declares"):
        read_exchange(path)
    # An encoding nobody knows: one line, not a LookupError.
    path.write_bytes(b'<?xml version="1.0" encoding="x-klingon"?>' + body)
    po = tmp_path / "zh_CN.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                  encoding="utf-8")
    result = run_cli("import", str(path), "--into", str(po))
    assert result.returncode == 2
    assert result.stderr == (f"workbench: {path}:1: the XML declares encoding 'x-klingon', "
                             "which cannot be read here (convert the file to UTF-8)\n")


def _damaged(sample: Path) -> dict[str, bytes]:
    text = _decoded(sample.read_bytes())
    body = text.split("?>", 1)[1]
    root = "tmx" if "<tmx" in text else "xliff"
    start = body.index("<" + root)
    seg = "</seg>" if root == "tmx" else "</source>"
    last = body.rpartition(seg)
    return {
        "truncated": text.encode()[: len(text.encode()) // 2],
        "cut-in-a-character": text.encode()[: text.encode().index("\u3002".encode()) + 1]
        if "\u3002" in text else text.encode()[:-3] + b"\xe6",
        "billion-laughs": (f'<!DOCTYPE {root} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;'
                           f'&a;&a;&a;&a;&a;&a;&a;">]>' + body[start:].replace(seg, "&b;" + seg, 1)
                           ).encode(),
        "external-entity": (f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                            + body[start:].replace(seg, "&x;" + seg, 1)).encode(),
        "parameter-entity": (f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x">'
                             " %p;]>" + body[start:]).encode(),
        "control-character": body.replace(seg, "\x01" + seg, 1).encode(),
        "control-character-reference": body.replace(seg, "&#1;" + seg, 1).encode(),
        "surrogate-reference": body.replace(seg, "&#xD800;" + seg, 1).encode(),
        "undefined-entity": body.replace(seg, "&nbsp;" + seg, 1).encode(),
        # In the last unit: a first one may be read past (translate-toolkit's PO header unit).
        "bad-character-code": (last[0] + '<x id="c" ctype="x-codepoint-D800"/><ph type='
                               '"x-codepoint-ZZ"/>' + seg + last[2]).encode(),
        "byte-order-mark-only": codecs.BOM_UTF8,
        # A save that stopped after UTF-16's byte-order mark (Trados writes memories in UTF-16).
        "utf-16-byte-order-mark-only": codecs.BOM_UTF16_LE,
        "utf-16-byte-order-mark-and-a-line-break": codecs.BOM_UTF16_BE + "\r\n".encode(
            "utf-16-be"),
        "nul-bytes": b"\x00" * 64,
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_damaged_copies_are_one_line_and_exit_2(tmp_path: Path, sample: Path) -> None:
    po = tmp_path / "cat.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "x"\nmsgstr ""\n', encoding="utf-8")
    before = po.read_bytes()
    for name, blob in _damaged(sample).items():
        path = tmp_path / f"{name}{sample.suffix}"
        path.write_bytes(blob)
        result = run_cli("import", str(path), "--into", str(po))
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(
            f"workbench: {path}"), (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert po.read_bytes() == before
    stderr = run_cli("import", str(tmp_path / f"billion-laughs{sample.suffix}"), "--into",
                     str(po)).stderr
    assert "refused: the XML declares entities" in stderr


def test_errors_found_in_a_parsed_file_name_its_line(tmp_path: Path) -> None:
    text = NAVCOG.read_text(encoding="utf-8")
    path = tmp_path / "no-id.xliff"
    path.write_text(text.replace('<trans-unit id="THANKYOU_SENDING">', "<trans-unit>"),
                    encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1)
                if row.strip() == "<trans-unit>")
    with pytest.raises(InputError) as caught:
        read_exchange(path)
    assert (caught.value.line, caught.value.message) == (line, "<trans-unit> without an id")
    path.write_text(text.replace("<target>设置</target>",
                                 '<target>设置<x id="1" ctype="x-codepoint-110000"/></target>'),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_exchange(path)
    assert str(caught.value) == f"{path}:31: <x>: invalid character code '110000'"
    tmx = tmp_path / "no-source.tmx"
    saved = PROJECT_SAVE.read_text(encoding="utf-8")
    tmx.write_text(saved.replace('<tuv lang="en-US">', '<tuv lang="fr">', 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_exchange(tmx)
    assert caught.value.line == 7 and "no variant in the source language en-US" in str(
        caught.value)


def _untranslated_po(path: Path, exchange_path: Path, language: str) -> Path:
    """A catalog holding the file's sentences untranslated, as `workbench init` would."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language,
                   "MIME-Version": "1.0", "Content-Transfer-Encoding": "8bit"}
    seen = set()
    for unit in read_exchange(exchange_path).catalog.units:
        if unit.source and (unit.id, unit.source) not in seen:
            seen.add((unit.id, unit.source))
            po.append(polib.POEntry(msgctxt=unit.id or None, msgid=unit.source, msgstr="",
                                    comment="\n".join(unit.auto_comments) or None))
    po.save(str(path))
    return path


def _entries(po: Path) -> dict[tuple[str | None, str], tuple[str, bool, str]]:
    return {(e.msgctxt, e.msgid): (e.msgstr, e.fuzzy, e.tcomment)
            for e in polib.pofile(str(po))}


def test_importing_an_xcode_export(tmp_path: Path) -> None:
    po = _untranslated_po(tmp_path / "zh_Hans.po", NAVCOG, "zh_Hans")
    result = run_cli("import", str(NAVCOG), "--into", str(po))
    assert result.returncode == 0, result.stderr
    assert ("10 units matched: 10 newly translated, 0 updated, 0 unchanged, 0 without a "
            "translation in the file, 0 conflicts; 0 not in the catalog") in result.stdout
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    entries = _entries(po)
    assert entries[("THANKYOU_SENDING", "Thank you for your feedback!\nFeedback is sending...")] \
        == ("非常感谢您配合问卷调查。\n正在发送数据...", False, "")
    # No note became a translator comment ("No comment provided by engineer." least of all).
    assert all(not comment for _, _, comment in entries.values())
    # Two buttons say `Retry`, translated two ways: each unit its own.
    assert entries[("SE5-WT-I7E.normalTitle", "Retry")][0] == "重新连接"
    assert entries[("TqI-cp-f3Y.normalTitle", "Retry")][0] == "重试"


def test_a_note_of_several_lines_is_several_comment_lines(tmp_path: Path) -> None:
    """A translator's note with line breaks (Loop's Xcode notes, TMX notes) used to be written
    into the PO file as it was: its second line a syntax error for msgfmt and every reader."""
    xlf = tmp_path / "notes.xlf"
    xlf.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                   'original="x" source-language="en" target-language="zh-CN" datatype="plaintext">'
                   '<body><trans-unit id="del"><source>Delete CGM</source><target>删除CGM</target>'
                   '<note from="translator">Button title to delete CGM\nTitle text for the button'
                   '\r\n\n</note><note from="translator"/></trans-unit></body></file></xliff>',
                   encoding="utf-8")
    po = tmp_path / "zh_CN.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgctxt "del"\nmsgid "Delete CGM"\nmsgstr ""\n', encoding="utf-8")
    result = run_cli("import", str(xlf), "--into", str(po))
    assert result.returncode == 0, result.stderr
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert "# Button title to delete CGM\n# Title text for the button\nmsgctxt" in po.read_text()


def test_a_memory_repeating_a_sentence(tmp_path: Path) -> None:
    """OmegaT's aligner stores a sentence once per occurrence: the same translation again is
    no 'not in the catalog', a second translation of it a conflict that keeps both."""
    po = _untranslated_po(tmp_path / "zh_CN.po", ALIGNED, "zh_CN")
    result = run_cli("import", str(ALIGNED), "--into", str(po))
    assert result.returncode == 1
    assert ("6 units matched: 4 newly translated, 0 updated, 1 unchanged, 0 without a "
            "translation in the file, 1 conflicts; 0 not in the catalog") in result.stdout
    illustration = _entries(po)[(None, "Here is an illustration:")]
    assert illustration[:2] == ("下面是一个例子:", True)
    assert "). 下面是一个例子:" in illustration[2]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_import_then_export_to_every_format_and_back(tmp_path: Path, sample: Path,
                                                     xliff_schema) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    language = read_exchange(sample).catalog.target_lang.replace("-", "_")
    base = _untranslated_po(tmp_path / "base.po", sample, language)
    po = tmp_path / f"{language}.po"
    po.write_bytes(base.read_bytes())
    assert run_cli("import", str(sample), "--into", str(po)).returncode in (0, 1)
    imported = _entries(po)
    assert any(target for target, _, _ in imported.values())
    for fmt in ("xliff", "xliff2", "tmx", "csv", "po"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("export", str(po), "-f", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        if fmt == "xliff":
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            xliff_schema.assertValid(etree.parse(str(out), parser))
        again = tmp_path / f"again-{fmt}.po"
        again.write_bytes(base.read_bytes())
        result = run_cli("import", str(out), "--into", str(again))
        assert result.returncode in (0, 1), result.stderr
        expected = {key: value[:2] for key, value in imported.items()
                    if fmt != "tmx" or (value[0] and not value[1])}  # a memory: translated only
        got = {key: value[:2] for key, value in _entries(again).items() if key in expected}
        if fmt == "tmx":  # conflicts stay out of a memory: those come back untranslated
            got = {key: value for key, value in got.items() if key in expected}
        assert got == expected, fmt


MUTATIONS = st.sampled_from([b"<", b">", b"&", b"&#0;", b"\x00", b"\xff", b"\xe6", b'"', b"/",
                             b"<!ENTITY x 'y'>", b"]]>", b"<![CDATA[", b"\r\n", b"?>", b"lang",
                             b"encoding='GBK'", b"\xfe\xff", b"<x/>", b"</seg>", b"</target>"])


def _read_or_refuse(path: Path) -> None:
    try:
        read_exchange(path)
    except WorkbenchError as exc:  # InputError, or UsageError for a language question
        assert "\n" not in str(exc) and str(exc)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sample=st.sampled_from(SAMPLES), cuts=st.lists(
    st.tuples(st.integers(0, 10**6), st.integers(0, 40), MUTATIONS), min_size=1, max_size=6))
def test_mutated_real_files_parse_or_are_refused_in_one_line(
        tmp_path: Path, sample: Path, cuts: list[tuple[int, int, bytes]]) -> None:
    data = bytearray(sample.read_bytes())
    for at, length, insert in cuts:
        at %= len(data) + 1
        data[at:at + length] = insert
    path = tmp_path / f"mutated{sample.suffix}"
    path.write_bytes(bytes(data))
    _read_or_refuse(path)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from([b"", b"<?xml version='1.0'?>", b"\xef\xbb\xbf<", b"\xff\xfe<\x00",
                               b"<tmx><body>", b'<xliff version="2.0">',
                               b"id,source,target,state\n", b'msgid ""\n']),
       noise=st.binary(max_size=300))
def test_random_bytes_parse_or_are_refused_in_one_line(tmp_path: Path, prefix: bytes,
                                                       noise: bytes) -> None:
    path = tmp_path / "random.xlf"
    path.write_bytes(prefix + noise)
    _read_or_refuse(path)


def test_a_csv_a_spreadsheet_saved_again(tmp_path: Path) -> None:
    """Excel on a Chinese Windows saves `CSV` in GBK (Big5 in Taiwan), with semicolons where
    the decimal mark is a comma, and `Unicode Text` as UTF-16 with tabs: each reads back."""
    from workbench.formats.csvfmt import write_csv
    from workbench.model import Catalog, Unit

    units = [Unit("a", "有問題嗎？", "有问题吗？", State.TRANSLATED),
             Unit("b", "=1+1", "'x, \"y\"", State.FUZZY)]
    text = write_csv(Catalog(units, "zh-Hant", "zh-Hans")).decode("utf-8-sig")

    def resaved(delimiter: str) -> str:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
            csv.reader(io.StringIO(text, newline="")))
        return buffer.getvalue()

    saved = {"gbk": (text.encode("gbk"), "GB18030"),
             "semicolons": (resaved(";").encode("utf-8-sig"), None),
             "unicode-text": (("\ufeff" + resaved("\t")).encode("utf-16-le"), None)}
    for name, (data, encoding) in saved.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        exchange = read_exchange(path)
        assert [(u.id, u.source, u.target, u.state) for u in exchange.catalog.units] == [
            ("a", "有問題嗎？", "有问题吗？", State.TRANSLATED),
            ("b", "=1+1", "'x, \"y\"", State.FUZZY)], name
        assert exchange.notes == ([f"read as {encoding}: a spreadsheet saved it in the system's "
                                   "encoding, not in UTF-8"] if encoding else [])
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,source,target,state\r\na,\xe9\xe8\xff\xfe,x,translated\r\n")
    with pytest.raises(InputError, match="save it from the spreadsheet as CSV UTF-8"):
        read_exchange(path)


def test_states_cat_tools_keep_outside_xliff(tmp_path: Path) -> None:
    """Trados Studio, memoQ and Phrase write no `state` on <target>: a draft there (Trados
    `Draft`, a memoQ segment only edited, an unconfirmed Phrase one) used to come in as a
    reviewed translation, and so into memories and MO files."""
    head = ('<?xml version="1.0" encoding="utf-8"?><xliff xmlns="urn:oasis:names:tc:xliff:'
            'document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns:mq="MQXliff" '
            'xmlns:m="http://www.memsource.com/mxlf/2.0" version="1.2"><file original="a.docx" '
            'source-language="zh-CN" target-language="en-US" datatype="x-sdlfilterframework2">'
            "<body>")

    def sdl(uid: str, confs: list[str]) -> str:
        mids = range(1, len(confs) + 1)
        return (f'<trans-unit id="{uid}"><source>句{uid}</source><seg-source><g id="1">'
                + "".join(f'<mrk mtype="seg" mid="{uid}{n}">句{uid}{n}。</mrk>' for n in mids)
                + '</g></seg-source><target><g id="1">'
                + "".join(f'<mrk mtype="seg" mid="{uid}{n}">S{uid}{n}.</mrk>' for n in mids)
                + "</g></target><sdl:seg-defs>"
                + "".join(f'<sdl:seg id="{uid}{n}" conf="{c}" origin="tm"/>'
                          for n, c in zip(mids, confs, strict=True))
                + "</sdl:seg-defs></trans-unit>")

    units = [sdl("a", ["Translated"]), sdl("b", ["Draft"]), sdl("c", ["ApprovedSignOff"]),
             sdl("d", ["Translated", "RejectedTranslation"]),
             '<trans-unit id="e" mq:status="ManuallyConfirmed"><source>e</source>'
             '<target>E</target></trans-unit>',
             '<trans-unit id="f" mq:status="PartiallyEdited"><source>f</source>'
             '<target>F</target></trans-unit>',
             '<trans-unit id="g" m:confirmed="1"><source>g</source><target>G</target>'
             '</trans-unit>',
             '<trans-unit id="h" m:confirmed="0"><source>h</source><target>H</target>'
             '</trans-unit>',
             # XLIFF's own state, when the tool wrote one too, is the file's word.
             '<trans-unit id="i" mq:status="Edited"><source>i</source>'
             '<target state="signed-off">I</target></trans-unit>']
    path = tmp_path / "package.sdlxliff"
    path.write_text(head + "".join(units) + "</body></file></xliff>", encoding="utf-8")
    got = {u.id: u for u in read_exchange(path).catalog.units}
    T, F = State.TRANSLATED, State.FUZZY
    assert {uid: u.state for uid, u in got.items()} == {
        "a": T, "b": F, "c": T, "d": F, "e": T, "f": F, "g": T, "h": F, "i": T}
    assert [s.state for s in got["d"].segments] == [T, F]  # type: ignore[attr-defined]


def test_a_trailing_line_break_is_no_nmtoken() -> None:
    """`$` matches before a final line break: the id "0\\n" passed for an NMTOKEN and went
    into XLIFF 2.0's unit/@id as it was (found by the hypothesis test of exchange ids)."""
    from workbench.formats.base import exchange_ids
    from workbench.model import Unit

    [uid] = exchange_ids([Unit("0\n", "0", has_context=True)], nmtoken=True)
    assert re.fullmatch(r"[\w.:-]+", uid)


def test_xliff2_of_a_real_file_between_translate_toolkit_and_us() -> None:
    """No Chinese XLIFF 2.0 file turned up in public repositories; translate-toolkit (Weblate's
    converters) writes one of the Xcode sample, which we read unit for unit, and reads ours."""
    from translate.storage import xliff2

    from workbench.formats.xliff import read_xliff, write_xliff2

    catalog = read_exchange(NAVCOG).catalog
    store = xliff2.Xliff2File()
    store.setsourcelanguage("en")
    store.settargetlanguage("zh-Hans")
    for unit in catalog.units:
        theirs = store.addsourceunit(unit.source)
        theirs.target = unit.target
        theirs.setid(unit.id)
    ours = read_xliff(bytes(store), "ttk.xliff").catalog
    assert (ours.source_lang, ours.target_lang) == ("en", "zh-Hans")
    assert [(u.id, u.source, u.target, u.state) for u in ours.units] == [
        (u.id, u.source, u.target, State.TRANSLATED) for u in catalog.units]
    back = xliff2.Xliff2File.parsestring(write_xliff2(catalog))
    assert [(u.source, u.target) for u in back.units] == [
        (u.source, u.target) for u in catalog.units]


def test_a_memory_spelling_its_target_language_two_ways(tmp_path: Path) -> None:
    """Trados writes `ZH-CN`, OmegaT `zh-CN`: a memory merged from both has one target
    language, not 'several target languages'; a real second one is named in the error."""
    tus = "".join(f'<tu><tuv xml:lang="en-US"><seg>{n}</seg></tuv><tuv xml:lang="{lang}"><seg>'
                  f"译{n}</seg></tuv></tu>" for n, lang in enumerate(["ZH-CN", "zh-CN", "zh_cn"]))
    head = ('<tmx version="1.4"><header srclang="EN-US" segtype="sentence" o-tmf="x" '
            'adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>')
    path = tmp_path / "merged.tmx"
    path.write_text(head + tus + "</body></tmx>", encoding="utf-8")
    exchange = read_exchange(path)
    assert (exchange.catalog.target_lang, len(exchange.catalog.units)) == ("ZH-CN", 3)
    path.write_text(head + tus.replace("译0</seg></tuv>", '译0</seg></tuv><tuv xml:lang="ZH-TW">'
                                       "<seg>譯0</seg></tuv>", 1) + "</body></tmx>",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"several target languages \(ZH-CN, ZH-TW\)"):
        read_exchange(path)


def test_omegat_alternative_translations_go_where_their_neighbours_say(tmp_path: Path) -> None:
    """OmegaT's project_save.tmx keeps a sentence's default translation, then under
    `<!-- Alternative translations -->` the translation of one occurrence, placed by the
    sentences before and after it (`prev`, `next`). The alternative went to the next
    occurrence in order (the wrong one) and the default filled only one."""
    from workbench.import_merge import merge_import
    from workbench.model import Catalog, Unit

    sources = ["开始。", "好的。", "中间。", "好的。", "然后。", "好的。", "结束。"]
    catalog = Catalog([Unit(f"u{n}", s) for n, s in enumerate(sources)], "zh-CN", "en")
    saved = PROJECT_SAVE.read_text(encoding="utf-8")
    head = saved[:saved.index("<!-- Default translations -->")]

    def tu(source: str, target: str, props: str = "") -> str:
        return (f"    <tu>\n{props}      <tuv lang=\"zh-CN\">\n        <seg>{source}</seg>\n"
                f"      </tuv>\n      <tuv lang=\"en\" changeid=\"x\" changedate="
                f"\"20230301T152536Z\">\n        <seg>{target}</seg>\n      </tuv>\n    </tu>\n")

    alternative = ('      <prop type="file">doc.txt</prop>\n      <prop type="prev">然后。</prop>\n'
                   '      <prop type="next">结束。</prop>\n')
    body = ("<!-- Default translations -->\n" + tu("好的。", "Fine.") + tu("开始。", "Start.")
            + "<!-- Alternative translations -->\n" + tu("好的。", "Agreed.", alternative)
            + "  </body>\n</tmx>\n")
    path = tmp_path / "project_save.tmx"
    # OmegaT's memory of a zh-CN → en project: the sample's header, its source language swapped.
    path.write_text(head.replace('srclang="en-US"', 'srclang="zh-CN"') + body, encoding="utf-8")
    report = merge_import(catalog, read_exchange(path).catalog)
    assert [u.target for u in catalog.units] == [
        "Start.", "Fine.", "", "Fine.", "", "Agreed.", ""]
    assert (report.conflicts, report.not_found) == ([], [])


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx"])
def test_our_export_imported_into_its_catalog_changes_nothing(tmp_path: Path, fmt: str) -> None:
    """Translator comments with their own spaces (`#  indented`, `#   `, a trailing space)
    come back as the same comments: nothing added, the file byte for byte."""
    po = tmp_path / "zh_CN.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: zh_CN\\n"\n\n#  indented comment\n#   \n# trailing space \n'
                  '#. a developer\'s\nmsgctxt "a"\nmsgid "Hello"\nmsgstr "你好"\n',
                  encoding="utf-8")
    before = po.read_bytes()
    out = tmp_path / f"out.{fmt}"
    assert run_cli("export", str(po), "-f", fmt, "-o", str(out)).returncode == 0
    result = run_cli("import", str(out), "--into", str(po))
    assert result.returncode == 0, result.stderr
    assert "nothing to change" in result.stdout
    assert po.read_bytes() == before


# Text as real catalogs hold it: Han characters, line breaks and tabs, spaces at either end,
# XML's special characters, a form feed (no XML 1.0 document can hold it: an inline code).
_REAL_TEXT = st.text(
    st.sampled_from(list("好的文件，。「」abc XY%s{}<>&\"'\n\t\r\x0c\u3000\u00a0😀")),
    min_size=1, max_size=14)
_COMMENT = st.text(st.sampled_from(list("注意 note\t<&>\u3000")), min_size=1, max_size=10)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(_REAL_TEXT, st.sampled_from(State), _REAL_TEXT,
                               st.lists(_COMMENT, max_size=2)), min_size=1, max_size=8),
       fmt=st.sampled_from(["xliff", "xliff2", "tmx"]))
def test_property_exports_are_valid_and_come_back_unit_for_unit(
        xliff_schema, rows: list[tuple[str, State, str, list[str]]],  # type: ignore[no-untyped-def]
        fmt: str) -> None:
    from dataclasses import replace

    from lxml import etree

    from workbench.formats.tmx import read_tmx, write_tmx
    from workbench.formats.xliff import read_xliff, write_xliff, write_xliff2
    from workbench.import_merge import merge_import
    from workbench.model import Catalog, Unit, make_unit_id

    seen: dict[str, int] = {}
    units = [Unit(make_unit_id(src, seen), src, tgt if state else "", state,
                  comments=[c for c in comments if c.strip()])
             for src, state, tgt, comments in rows]
    original = Catalog(units, "zh-Hant", "en")
    data = {"xliff": write_xliff, "xliff2": write_xliff2, "tmx": write_tmx}[fmt](original)
    if fmt == "xliff":
        xliff_schema.assertValid(etree.fromstring(data, etree.XMLParser(resolve_entities=False)))
    incoming = (read_tmx if fmt == "tmx" else read_xliff)(data, "f").catalog
    catalog = Catalog([replace(u, target="", state=State.UNTRANSLATED, comments=list(u.comments))
                       for u in units], "zh-Hant", "en")
    merge_import(catalog, incoming)
    expected = [u if u.state is State.TRANSLATED or fmt != "tmx" else
                replace(u, target="", state=State.UNTRANSLATED) for u in units]
    assert [(u.source, u.target, u.state, u.comments) for u in catalog.units] == [
        (u.source, u.target, u.state, u.comments) for u in expected]
    assert not merge_import(catalog, incoming).changed


def test_a_memory_whose_source_is_any_language(tmp_path: Path) -> None:
    """`srclang="*all*"` (TMX 1.4: any variant may be the source) was refused at its first
    `<tu>`; imported into a catalog, the catalog's source language says which. A header
    saying `en` over variants written `en-US` is the same language."""
    tmx = tmp_path / "all.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="*all*" segtype="sentence" o-tmf="x" '
                   'adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>'
                   '<body><tu><tuv xml:lang="zh-CN"><seg>打开文件。</seg></tuv><tuv xml:lang='
                   '"en-US"><seg>Open the file.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    po = tmp_path / "en.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: en\\n"\n"X-Source-Language: zh-CN\\n"\n\n'
                  'msgid "打开文件。"\nmsgstr ""\n', encoding="utf-8")
    result = run_cli("import", str(tmx), "--into", str(po))
    assert result.returncode == 0, result.stderr
    assert 'msgstr "Open the file."' in po.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="no variant in the source language"):
        read_exchange(tmx)  # nothing says which variant is the source
    tmx.write_text(tmx.read_text(encoding="utf-8").replace("*all*", "zh"), encoding="utf-8")
    assert [(u.source, u.target) for u in read_exchange(tmx, "en").catalog.units] == [
        ("打开文件。", "Open the file.")]


def test_a_dotnet_xlf_file(tmp_path: Path) -> None:
    """Its `new` targets (the English source, copied) came in as fuzzy drafts, and its .resx
    comments as translator comments added to the catalog."""
    xlf = tmp_path / "Strings.zh-Hans.xlf"
    text = DOTNET.read_text(encoding="utf-8")
    xlf.write_text(text, encoding="utf-8")
    units = {u.id: u for u in read_exchange(xlf).catalog.units}
    assert [(u.state, u.comments, u.auto_comments) for u in units.values()] == [
        (State.TRANSLATED, [], []), (State.UNTRANSLATED, [], ["{0} is a file name."]),
        (State.FUZZY, [], [])]
    po = _untranslated_po(tmp_path / "zh_Hans.po", xlf, "zh_Hans")
    result = run_cli("import", str(xlf), "--into", str(po))
    assert result.returncode == 0, result.stderr
    entries = _entries(po)
    assert entries[("NewString", "Cannot open '{0}'.")] == ("", False, "")
    assert entries[("ChangedString", "Cannot save '{0}' now.")] == ("无法保存“{0}”。", True, "")
    # A `new` target that is not the source is a draft (Angular's xliffmerge).
    xlf.write_text(text.replace("<target state=\"new\">Cannot open '{0}'.",
                                       "<target state=\"new\">无法打开“{0}”。"), encoding="utf-8")
    assert {u.id: u.state for u in read_exchange(xlf).catalog.units}["NewString"] is State.FUZZY


def test_a_pretty_printed_xliff2_from_phrase() -> None:
    """Phrase indents the `<pc>` codes of a unit inside its <source> and <target>, without
    xml:space: the line breaks and 20 spaces of indentation came in as the sentence's, so the
    translation carried them into the catalog and the source matched no catalog's."""
    exchange = read_exchange(PHRASE_20)
    catalog = exchange.catalog
    assert (catalog.source_lang, catalog.target_lang, len(catalog.units)) == ("en-us", "zh-tw", 2)
    unit = catalog.units[1]

    def code(gid: str, kind: str) -> str:  # the original data each <pc> names
        return f'<g id="{gid}" ctype="x-html-{kind}" />'

    assert unit.source == (
        code("pjhS8s1QKKabD6Mi", "p") + "By the end of this eLearning, you should be able to: "
        + code("1uY1L0OmmYuASqoU", "ul") + " " + code("FZeZbEnOOCuoXU8p", "li") + " "
        + code("ekAn_gpuk9dt2045", "em") + "Define Bliss Case Management functionalities and uses "
        + code("2GXJuLuCQvpxRyXr", "li") + " " + code("Jhw7OYkd29RZKbWK", "em")
        + "Use Bliss Case Management to support resolution of applicable contacts")
    assert unit.target.startswith(code("pjhS8s1QKKabD6Mi", "p")
                                  + "於本教學課程結束時，您應具備以下能力： ")
    assert unit.target.endswith(code("Jhw7OYkd29RZKbWK", "em")
                                + "使用Bliss個案管理支援解決適用客服案件")
    assert unit.plain_source == (  # type: ignore[attr-defined]
        "By the end of this eLearning, you should be able to: Define Bliss Case Management "
        "functionalities and uses Use Bliss Case Management to support resolution of applicable "
        "contacts")
    assert unit.state is State.TRANSLATED


def test_xml_space_is_inherited(tmp_path: Path) -> None:
    """xml:space holds for the element's descendants: MadCap Lingo writes `preserve` once, on
    <file>; a unit's own `default` inside it gives the file's pretty-printing back. The
    attribute on <file> or <group> was not looked at, so indentation the file keeps was lost."""
    text = PHRASE_20.read_text(encoding="utf-8")
    path = tmp_path / "kept.xliff"
    path.write_text(text.replace('canResegment="no"', 'canResegment="no" xml:space="preserve"'),
                    encoding="utf-8")
    kept = read_exchange(path).catalog.units[1]
    assert kept.source.startswith("\n" + " " * 20 + '<g id="pjhS8s1QKKabD6Mi"')
    path.write_text(text.replace('canResegment="no"', 'canResegment="no" xml:space="preserve"')
                    .replace('<unit id="1"', '<unit xml:space="default" id="1"'), encoding="utf-8")
    assert read_exchange(path).catalog.units[1].source == read_exchange(PHRASE_20).catalog.units[
        1].source
    xlf = tmp_path / "lingo.xlf"
    xlf.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
                   'xml:space="preserve" original="a.htm" source-language="en-us" '
                   'target-language="zh-cn" datatype="xhtml"><body><group><trans-unit id="1">'
                   "<source>Line one\n    indented</source><target>第一行\n    缩进</target>"
                   "</trans-unit></group></body></file></xliff>", encoding="utf-8")
    [unit] = read_exchange(xlf).catalog.units
    assert (unit.source, unit.target) == ("Line one\n    indented", "第一行\n    缩进")


def test_trados_tracked_changes_are_accepted() -> None:
    """A reviewer's tracked changes in Trados Studio stay in the SDLXLIFF until accepted: the
    deleted words inside `<mrk mtype="x-sdl-deleted">`, the added ones in `x-sdl-added`. The
    deleted words came into the translation beside the words that replace them ("ein
    KommentarAnnotation.")."""
    units = {u.id[:8]: u for u in read_exchange(TRADOS).catalog.units}
    assert units["9b5bb42b"].target == "Das ist Segment 3 – Nur HIER ist ein Kommentar."
    assert units["b46a4952"].target.endswith(
        "Benutzer 2. Beim folgenden Wort wurden zwei Kommentare abgegeben: "
        "KOMMENTAR_2_KOMMENTARE ")
    # Comments (`x-sdl-comment`) mark text that stays; a segment under review is a draft.
    assert units["d1597caf"].target == ("Das ist Segment 1 – hier gibt es keinen Kommentar. "
                                        "Oder doch: Kommentar 1 und Kommentar 2. ")
    assert (units["d1597caf"].state, units["b46a4952"].state) == (State.TRANSLATED, State.FUZZY)


def test_trados_not_translated_segments_are_untranslated(tmp_path: Path) -> None:
    """A segment Trados Studio calls "Not Translated" (no `conf` on its <sdl:seg>) whose
    target is the source copied in (`origin="source"`) came in as a fuzzy draft holding the
    source text, as Microsoft's `new` copies did: it is untranslated."""
    units = {u.id[:8]: u for u in read_exchange(TRADOS).catalog.units}
    assert units["f8f6139e"].state is State.UNTRANSLATED
    assert units["b46a4952"].state is State.FUZZY  # typed since, not confirmed: a draft
    po = _untranslated_po(tmp_path / "de_DE.po", TRADOS, "de_DE")
    assert run_cli("import", str(TRADOS), "--into", str(po)).returncode == 0
    entries = {ctx[:8]: value for (ctx, _), value in _entries(po).items() if ctx}
    assert entries["f8f6139e"][:2] == ("", False)
    assert entries["d1597caf"][:2] == (units["d1597caf"].target, False)
    # A segmented unit: each of its sentences so.
    text = TRADOS.read_text(encoding="utf-8-sig").replace(
        '<mrk mtype="seg" mid="2">Das ist Segment 2 – der Kommentar gilt für das ganze '
        "Segment.</mrk> </seg-source>", '<mrk mtype="seg" mid="2">Das ist Segment 2 – der '
        'Kommentar gilt</mrk> <mrk mtype="seg" mid="2b">für das ganze Segment.</mrk> '
        "</seg-source>").replace(
        '<target><mrk mtype="seg" mid="2"><mrk mtype="x-sdl-comment" sdl:cid="a74534ed-8749-461b-'
        '83fb-572f63946e85">Das ist Segment 2 – der Kommentar gilt für das ganze Segment.</mrk>'
        "</mrk> </target>", '<target><mrk mtype="seg" mid="2">Das ist Segment 2 – der Kommentar '
        'gilt</mrk> <mrk mtype="seg" mid="2b">for the whole segment.</mrk> </target>').replace(
        '<sdl:seg id="2" origin="source">', '<sdl:seg id="2b" conf="Translated"/>'
        '<sdl:seg id="2" origin="source">')
    path = tmp_path / "segmented.sdlxliff"
    path.write_text(text, encoding="utf-8")
    unit = {u.id[:8]: u for u in read_exchange(path).catalog.units}["f8f6139e"]
    assert [(s.target, s.state) for s in unit.segments] == [  # type: ignore[attr-defined]
        ("Das ist Segment 2 – der Kommentar gilt", State.UNTRANSLATED),
        ("for the whole segment.", State.TRANSLATED)]


def test_the_tmx_compliance_kit() -> None:
    """LISA's import tests: UTF-16 in either byte order, white space written as references,
    level-2 codes (their content is the original's code), variants in any order and case,
    every optional element of TMX 1.4."""
    def pairs(name: str, target: str = "") -> list[tuple[str, str, str]]:
        return [(u.id, u.source, u.target) for u in read_exchange(KIT[name], target).catalog.units]

    assert pairs("ImportTest1A") == [
        ("", "First segment with [\t\t   ]", "Premier segment avec [\t\t   ]"),
        ("", "Second segment with [  \t\t]", "Second segment avec [  \t\t]")]
    assert pairs("ImportTest1G")[1] == ("", "ÿ=U+00FF, ™=U+2122, ’=U+2019",
                                        "ÿ=U+00FF, ™=U+2122, ’=U+2019")
    coded = pairs("ImportTest2A")
    assert coded[0] == ("1", "The big <b>black</b> <u>cat</u> sleeps.",
                        "Le gros <u>chat</u> <b>noir</b> dors.")
    assert coded[3:5] == [("4", "First <b>sentence.", "Première <b>phrase."),
                          ("5", "Second</b> sentence.", "Seconde</b> phrase.")]
    assert coded[-1] == ("", "Some text with a part highlighted.",  # its target came first
                         "Du texte avec une portion délimitée.")
    plain = read_exchange(KIT["ImportTest2A"]).catalog.units[0]
    assert plain.plain_source == "The big black cat sleeps."  # type: ignore[attr-defined]
    with pytest.raises(InputError, match=r"several target languages \(en-gb, fr\)"):
        read_exchange(KIT["ImportTest1L"])
    [unit] = read_exchange(KIT["ImportTest1L"], "fr").catalog.units
    assert (unit.id, unit.source, unit.target) == ("tu001", "Text of the segment.",
                                                   "Texte du segment.")
    assert unit.comments == ["Text of tu note 1", "Text of tu note 2"]  # not the header's


@pytest.mark.parametrize("sample,declared,codec,reads_as", [
    (PHRASE_20, "GB2312", "big5", "Big5"),  # a Taiwanese memory saved by a mainland tool
    (PHRASE_20, "ISO-8859-1", "cp950", "Big5"),
    (SYMFONY, "Big5", "gbk", "GB18030"),
    (SYMFONY, "windows-1252", "gb18030", "GB18030"),  # a Western tool's default
])
def test_a_declaration_naming_the_wrong_chinese_encoding_is_refused(
        tmp_path: Path, sample: Path, declared: str, codec: str, reads_as: str) -> None:
    """Big5 bytes declared GB2312 (or GBK bytes declared Big5, or either declared Latin-1)
    mostly decode: the translations came in as rare characters or Latin letters, with no
    word said. The file is refused, naming the encoding its text reads as."""
    path = tmp_path / f"wrong{sample.suffix}"
    path.write_bytes(_transcoded(sample.read_bytes(), codec, declared, False, False))
    po = tmp_path / "zh.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                  encoding="utf-8")
    result = run_cli("import", str(path), "--into", str(po))
    assert result.returncode == 2
    assert result.stderr.startswith(f"workbench: {path}:")
    assert result.stderr.count("\n") == 1 and f"reads as {reads_as}" in result.stderr
    assert f'encoding="{reads_as}"' in result.stderr
    # Declared right, it reads.
    path.write_bytes(_transcoded(sample.read_bytes(), codec, reads_as, False, False))
    assert units_of(path) == units_of(sample)


def test_text_without_chinese_in_a_legacy_encoding_is_no_wrong_declaration(
        tmp_path: Path) -> None:
    """German in Windows-1252 or in GBK holds no Chinese to judge the declaration by: read."""
    for codec, declared in (("cp1252", "windows-1252"), ("latin-1", "ISO-8859-1"),
                            ("gbk", "GBK"), ("big5", "Big5")):
        path = tmp_path / f"{codec}.sdlxliff"
        path.write_bytes(_transcoded(TRADOS.read_bytes(), codec, declared, False, True))
        assert units_of(path) == units_of(TRADOS), codec


@pytest.mark.parametrize("sample", [NAVCOG, SYMFONY, PHRASE_20, PROJECT_SAVE],
                         ids=lambda p: p.name)
@pytest.mark.parametrize("codec,declared,bom", [("utf-8", "UTF-8", False), ("utf-8", None, True),
                                                ("gb18030", "GB18030", False),
                                                ("utf-16-le", "UTF-16", True)])
def test_blank_lines_before_the_xml_declaration(tmp_path: Path, sample: Path, codec: str,
                                                declared: str | None, bom: bool) -> None:
    """White space before `<?xml ...?>` (a blank line a PHP script or an editor leaves) is an
    error for XML parsers: the file was refused ('XML or text declaration not at start of
    entity'), and a GBK one read as UTF-8. It reads as the file without the blank lines, and
    an error in it still names its own line."""
    text = _decoded(sample.read_bytes())
    if declared is None:  # keep the file's own declaration (UTF-8's byte-order mark before it)
        doc = "\r\n  \n" + text
    else:
        doc = (f'\n\n<?xml version="1.0" encoding="{declared}"?>'
               + text[re.match(r"<\?xml[^>]*\?>", text).end():])  # type: ignore[union-attr]

    def encoded(doc: str) -> bytes:
        return ((codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF8 if bom else b"")
                + doc.encode(codec, "xmlcharrefreplace"))

    path = tmp_path / sample.name
    path.write_bytes(encoded(doc))
    assert units_of(path) == units_of(sample)
    broken = doc.replace("</source>" if "<xliff" in text else "</seg>", "</sourc>", 1)
    path.write_bytes(encoded(broken))
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "</sourc>" in row)
    with pytest.raises(InputError) as caught:
        read_exchange(path)
    assert caught.value.line == line and "mismatched tag" in caught.value.message


def test_trados_memory_drafts_are_drafts(tmp_path: Path) -> None:
    """Trados Studio's TMX export (UTF-16 with a byte-order mark, CRLF) keeps each unit's
    confirmation level in `<prop type="x-ConfirmationLevel">`: a `Draft` or a rejected
    translation came in as a reviewed one, and so into MO files."""
    def tu(n: int, level: str, source: str, target: str) -> str:
        return (f'<tu creationdate="20191223T064445Z" creationid="EC151\\tritally" changedate='
                f'"20191223T080837Z" changeid="EC151\\tritally" lastusagedate="20191224T071051Z" '
                f'usagecount="{n}">\r\n  <prop type="x-LastUsedBy">EC151\\tritally</prop>\r\n'
                '  <prop type="x-Origin">TM</prop>\r\n'
                f'  <prop type="x-ConfirmationLevel">{level}</prop>\r\n'
                f'  <tuv xml:lang="zh-CN">\r\n    <seg>{source}</seg>\r\n  </tuv>\r\n'
                f'  <tuv xml:lang="en-US">\r\n    <seg>{target}</seg>\r\n  </tuv>\r\n</tu>\r\n')

    rows = [("Translated", "内容", "content"), ("ApprovedSignOff", "目录", "Contents"),
            ("Draft", "打开文件", "Open a file"), ("RejectedTranslation", "保存", "Safe"),
            ("Unspecified", "关闭", "Close")]
    tmx = ('<?xml version="1.0" encoding="utf-16"?>\r\n<tmx version="1.4">\r\n<header '
           'creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" '
           'datatype="xml" segtype="sentence" adminlang="zh-CN" srclang="zh-CN" creationdate='
           '"20191223T064445Z" creationid="EC151\\tritally">\r\n<prop type="x-Recognizers">'
           "RecognizeAll</prop>\r\n</header>\r\n<body>\r\n"
           + "".join(tu(n, *row) for n, row in enumerate(rows, 1)) + "</body>\r\n</tmx>")
    path = tmp_path / "zh-CN_en-US.tmx"
    path.write_bytes(codecs.BOM_UTF16_LE + tmx.encode("utf-16-le"))
    T, F = State.TRANSLATED, State.FUZZY
    assert [(u.source, u.target, u.state) for u in read_exchange(path).catalog.units] == [
        ("内容", "content", T), ("目录", "Contents", T), ("打开文件", "Open a file", F),
        ("保存", "Safe", F), ("关闭", "Close", T)]
    po = tmp_path / "en.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: en\\n"\n"X-Source-Language: zh-CN\\n"\n\n'
                  + "".join(f'msgid "{source}"\nmsgstr ""\n\n' for _, source, _ in rows),
                  encoding="utf-8")
    assert run_cli("import", str(path), "--into", str(po)).returncode == 0
    entries = {msgid: (msgstr, fuzzy) for (_, msgid), (msgstr, fuzzy, _) in _entries(po).items()}
    assert entries["打开文件"] == ("Open a file", True) and entries["内容"] == ("content", False)


def test_trados_review_comments_are_translator_comments(tmp_path: Path) -> None:
    """A reviewer's comments in Trados Studio (`<cmt-defs>` in the file's `<doc-info>`, named
    by `<mrk mtype="x-sdl-comment" sdl:cid>` around the text they are about) were dropped:
    they arrive as translator comments, on the source's text or the translation's."""
    units = {u.id[:8]: u for u in read_exchange(TRADOS).catalog.units}
    assert units["d1597caf"].comments == ["Source Kommentar 1", "Source Kommentar 2",
                                          "Kommentar 1", "Kommentar 2"]
    assert units["b46a4952"].comments[0] == (
        "Kommentar für Benutzer 1 HIER in Segment 4 (Severy level: Error)")
    po = _untranslated_po(tmp_path / "de_DE.po", TRADOS, "de_DE")
    assert run_cli("import", str(TRADOS), "--into", str(po)).returncode == 0
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    comments = {ctx[:8]: comment for (ctx, _), (_, _, comment) in _entries(po).items() if ctx}
    assert comments["9b5bb42b"] == "Kommentar für HIER in Segment 3 (Severy level: Warning)"


def test_a_memory_serves_both_ways(tmp_path: Path) -> None:
    """A translation memory holds pairs, not a direction: OmegaT's en-US -> zh-CN memory gives
    a zh-CN -> en catalog its English. Its `srclang` was taken as the only possible source,
    so nothing came in ('no translation unit has a variant in en')."""
    pairs = [(u.source, u.target) for u in read_exchange(PROJECT_SAVE).catalog.units]
    po = tmp_path / "en.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: en\\n"\n"X-Source-Language: zh-CN\\n"\n\n' + "".join(
                      f"msgid {json.dumps(target, ensure_ascii=False)}\nmsgstr \"\"\n\n"
                      for _, target in pairs), encoding="utf-8")
    result = run_cli("import", str(PROJECT_SAVE), "--into", str(po))
    assert result.returncode == 0, result.stderr
    assert "its zh-CN variants are read as the source" in result.stderr
    got = {msgid: msgstr for (_, msgid), (msgstr, _, _) in _entries(po).items()}
    assert got == {target: source for source, target in pairs}
    # A memory in another region (or script) of the catalog's source language is no reversed
    # one: an en-US memory for an en-GB catalog.
    exchange = read_exchange(PROJECT_SAVE, "zh-CN", "en-GB")
    assert [(u.source, u.target) for u in exchange.catalog.units] == pairs and not exchange.notes


def test_big5_written_on_windows_is_cp950(tmp_path: Path) -> None:
    """A file declaring Big5 written on a Traditional Chinese Windows is code page 950, whose
    euro sign (and others) Big5 lacks: it was read with Big5-HKSCS alone, which lacks them too,
    and refused ('not valid Big5 ... (byte 0xa3)'). Big5, CP950 and Big5-HKSCS are tried in
    turn, as for a PO file's charset."""
    text = PHRASE_20.read_text(encoding="utf-8").replace("使用Bliss個案管理",
                                                         "使用€10的Bliss個案管理")
    path = tmp_path / "cp950.xliff"
    path.write_bytes(_transcoded(text.encode("utf-8"), "cp950", "Big5", False, True))
    assert read_exchange(path).catalog.units[1].target.endswith(
        "使用€10的Bliss個案管理支援解決適用客服案件")
    # A byte no Big5 has is still one line naming it.
    path.write_bytes(path.read_bytes().replace("€".encode("cp950"), b"\xa3\xfe", 1))
    with pytest.raises(InputError, match=r"not valid Big5, the encoding the file declares"):
        read_exchange(path)


def test_gbk_written_on_windows_has_its_euro_sign(tmp_path: Path) -> None:
    """Windows' code page 936, what a Simplified Chinese Windows saves as GBK, writes the euro
    sign as the single byte 0x80, which Python's GBK and GB18030 codecs refuse: such a file
    was refused ('not valid GBK ... (byte 0x80)')."""
    text = SYMFONY.read_text(encoding="utf-8")
    target = re.search(r"<target>([^<]*)</target>", text).group(1)  # type: ignore[union-attr]
    path = tmp_path / "cp936.xlf"
    path.write_bytes(_transcoded(text.replace(target, target + "€", 1).encode("utf-8"), "gbk",
                                 "GBK", False, True).replace(b"&#8364;", b"\x80"))
    assert b"\x80" in path.read_bytes()
    assert read_exchange(path).catalog.units[0].target == target + "€"


@pytest.mark.parametrize("number", ["²", "9" * 5000, "٣"],
                         ids=["superscript", "5000-digits", "arabic-indic"])
def test_line_numbers_that_are_no_numbers(tmp_path: Path, number: str) -> None:
    """A location's line of superscript digits, or of 5,000 digits, passed isdigit() and
    crashed int() with a traceback (TMX `x-location` and plural-form props, XLIFF 2.0
    location notes). They are no line numbers: the location is the whole text."""
    tmx = tmp_path / "m.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="en" segtype="sentence" o-tmf="x" '
                   'adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>'
                   f'<body><tu tuid="a"><prop type="x-location">a.c:{number}</prop><tuv '
                   'xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="zh-CN"><seg>打开</seg></tuv>'
                   f'</tu><tu tuid="a"><prop type="x-gettext-plural-form">{number}</prop><tuv '
                   'xml:lang="en"><seg>Opens</seg></tuv><tuv xml:lang="zh-CN"><seg>打开</seg>'
                   "</tuv></tu></body></tmx>", encoding="utf-8")
    units = read_exchange(tmx).catalog.units
    assert [u.locations for u in units] == [[(f"a.c:{number}", 0)], []]
    xliff = tmp_path / "m.xliff"
    xliff.write_text('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                     'srcLang="en" trgLang="zh"><file id="f"><unit id="u"><notes><note category='
                     f'"location">a.c:{number}</note></notes><segment><source>a</source></segment>'
                     "</unit></file></xliff>", encoding="utf-8")
    assert read_exchange(xliff).catalog.units[0].locations == [(f"a.c:{number}", 0)]
    xlf = tmp_path / "m.xlf"
    xlf.write_text('<xliff version="1.2"><file original="x" source-language="en" datatype="x">'
                   '<body><trans-unit id="u"><source>a</source><context-group purpose="location">'
                   '<context context-type="sourcefile">a.c</context><context context-type='
                   f'"linenumber">{number}</context></context-group></trans-unit></body></file>'
                   "</xliff>", encoding="utf-8")
    assert read_exchange(xlf).catalog.units[0].locations == [("a.c", 0)]


@pytest.mark.parametrize("sample", [TTK_XLIFF, TTK_TMX], ids=lambda p: p.name)
def test_translate_toolkit_files_of_a_real_catalog_come_home(tmp_path: Path,
                                                            sample: Path) -> None:
    """GNOME Calculator's catalog through translate-toolkit's po2xliff (XLIFF 1.1, the PO
    header as a unit, numbers for ids) and po2tmx (no tuid, the msgctxt as `x-context`),
    imported into the same catalog with its translations taken out: they come back."""
    original = polib.pofile(str(DATA / "formats" / "gnome-calculator" / "zh_CN.po"))
    emptied = polib.pofile(str(DATA / "formats" / "gnome-calculator" / "zh_CN.po"))
    for entry in emptied:
        entry.msgstr = ""
    po = tmp_path / "zh_CN.po"
    emptied.save(str(po))
    result = run_cli("import", str(sample), "--into", str(po))
    assert result.returncode == 0, result.stderr
    incoming = {u.source for u in read_exchange(sample).catalog.units}
    assert len(incoming) >= 4
    got = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(po)) if e.msgstr}
    assert got == {(e.msgctxt, e.msgid): e.msgstr for e in original if e.msgid in incoming}
    assert not any(e.fuzzy for e in polib.pofile(str(po)))
