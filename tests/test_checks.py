"""Quality checks, the glossary, and `workbench check` run as CI runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from workbench.checks import REGISTRY, CheckContext, check_catalog, select_checks
from workbench.checks.numbers import chinese_numeral_value, missing_numbers, number_problems
from workbench.checks.punctuation import final_kind, unbalanced
from workbench.convert import convert
from workbench.formats.po import default_header, read_po, write_po
from workbench.glossary import Term, load_glossary, parse_glossary, save_glossary
from workbench.model import Catalog, State, Unit

EN = CheckContext("zh-Hant", "en")
HANS = CheckContext("zh-Hant", "zh-Hans")


def problems(source: str, target: str, ctx: CheckContext = EN, name: str | None = None,
             glossary_text: str | None = None) -> list[str]:
    if glossary_text is not None:
        ctx = CheckContext(ctx.source_lang, ctx.target_lang, parse_glossary(glossary_text))
    unit = Unit("u1", source, target, State.TRANSLATED)
    checks = select_checks([name] if name else None)
    report = check_catalog(Catalog([unit]), ctx, checks)
    return [f"{p.kind}: {p.message}" for p in report.problems]


@pytest.mark.parametrize(("source", "target"), [
    ("全區47.04萬名黨員", "the region's 470,400 Party members"),
    ("全區47.04萬名黨員", "the region's 470.4 thousand Party members"),
    ("全區47.04萬名黨員", "some 0.47 million Party members"),
    ("2萬余名黨員", "more than 20,000 Party members"),
    ("5年來", "over the past five years"),
    ("21條措施", "twenty-one measures"),
    ("截至2024年底", "by the end of 2024"),
    ("“十四五”以來", "since the 14th Five-Year Plan began"),
    ("增長15%", "grew by 15 percent"),
    ("國道318", "National Highway G318"),
    ("１２３人", "123 people"),  # full-width digits
])
def test_numbers_that_match(source: str, target: str) -> None:
    assert missing_numbers(source, target, "en") == []


@pytest.mark.parametrize(("source", "target", "missing"), [
    ("全區47.04萬名黨員", "the region's 47 million Party members", "47.04萬"),
    ("全區47.04萬名黨員", "the region's 470,040 Party members", "47.04萬"),
    ("2萬余名黨員", "more than 2,000 Party members", "2萬"),
    ("截至2024年底", "by the end of 2023", "2024"),
    ("318和319", "318", "319"),
])
def test_numbers_that_do_not(source: str, target: str, missing: str) -> None:
    assert [n.text for n in missing_numbers(source, target, "en")] == [missing]


def test_chinese_numerals_are_not_required_but_count() -> None:
    assert missing_numbers("十四五規劃", "the plan", "en") == []
    assert chinese_numeral_value("二十一") == 21
    assert chinese_numeral_value("兩萬三千") == 23000
    assert chinese_numeral_value("二〇二四") == 2024
    assert missing_numbers("3個", "三个", "zh-Hans") == []


def test_numbers_check_reports_the_value() -> None:
    assert problems("47.04萬名", "47 million", name="numbers") == [
        "numbers: number 47.04萬 (= 470,400) is not in the target"]


@pytest.mark.parametrize(("text", "ok"), [
    ("《玉麥》「好」（是）", True),
    ("the region's “cloud classroom”", True),
    ("Party members' thinking", True),
    ("《玉麥", False),
    ("“unclosed", False),
    ("closed)”", False),
    ('a "quote', False),
])
def test_pairs(text: str, ok: bool) -> None:
    assert (unbalanced(text) == []) is ok


def test_pairs_excused_when_the_source_is_unbalanced() -> None:
    assert problems("“他說", "“he said", name="pairs") == []
    assert problems("《書名》", "“Title", name="pairs") != []


@pytest.mark.parametrize(("text", "kind"), [
    ("好。", "stop"), ("“好。”", "stop"), ("Good.", "stop"), ('"Good."', "stop"),
    ("好嗎？", "question"), ("太方便了!”", "exclamation"), ("固本強基:", "colon"),
    ("Wait...", "ellipsis"), ("標題", None),
])
def test_final_kind(text: str, kind: str | None) -> None:
    assert final_kind(text) == kind


def test_final_punctuation() -> None:
    assert problems("好嗎？", "Is it good?", name="final-punctuation") == []
    assert problems("好嗎？", "It is good.", name="final-punctuation") == [
        "final-punctuation: the source ends with a question, the target with a stop"]
    assert problems("標題", "A heading.", name="final-punctuation") != []


def test_width() -> None:
    assert problems("好,不好", "好，不好", HANS, name="width") == []
    assert problems("好,不好", "好,不好", HANS, name="width") == [
        "width: half-width punctuation in Chinese text: ',' (use '，')"]
    assert problems("3,000人", "3,000人", HANS, name="width") == []  # a number
    assert problems("好。", "Good。", name="width") != []


def test_script_and_traditional() -> None:
    assert problems("黨員", "Party 黨員", name="script") == [
        "script: Chinese left in the target: 黨員"]
    assert problems("黨員", "党员", HANS, name="traditional") == []
    assert problems("黨員", "黨员", HANS, name="traditional") == [
        "traditional: Traditional characters in a Simplified target: 黨→党"]
    # Characters that Simplified text shares with the conversion artifacts stay valid.
    assert problems("干部", "干部", HANS, name="traditional") == []


def test_identical_empty_whitespace_doubled() -> None:
    assert problems("西藏", "西藏", name="identical") == [
        "identical: the target is identical to the source"]
    assert problems("2024", "2024", name="identical") == []
    assert problems("西藏", "西藏", HANS, name="identical") == []
    # A blank target is one finding, its state: no check answers for it.
    assert problems("西藏", "  ") == ["untranslated: 西藏"]
    assert problems("西藏", " Tibet", name="whitespace") == [
        "whitespace: leading whitespace ' ' differs from the source's ''"]
    assert problems("西藏", "the the Tibet", name="doubled") == ["doubled: doubled word: 'the the'"]
    assert problems("天天", "天天的的", HANS, name="doubled") == ["doubled: doubled word: '的的'"]


def test_length_norm_flags_only_outliers() -> None:
    units = [Unit(f"u{i}", "西藏自治區黨委統戰部", "The Tibet United Front Department",
                  State.TRANSLATED) for i in range(20)]
    units.append(Unit("long", "西藏自治區黨委統戰部", "x" * 400, State.TRANSLATED))
    report = check_catalog(Catalog(units), EN, select_checks(["length"]))
    assert [p.unit_id for p in report.problems] == ["long"]


GLOSSARY = "zh-Hant,en,zh-Hans,note\n第一書記,first secretary,第一书记,\n兩委,two committees,,\n"


def test_glossary_check() -> None:
    assert problems("一村一第一書記", "a first secretary for each village", name="glossary",
                    glossary_text=GLOSSARY) == []
    assert problems("配強第一書記", "strong first secretaries", name="glossary",
                    glossary_text=GLOSSARY) == []  # inflected
    assert problems("第一書记", "the village head", name="glossary",  # Simplified in source
                    glossary_text=GLOSSARY) == [
        "glossary: 第一書記 → 'first secretary' not in the target"]
    assert problems("兩委", "两委", HANS, name="glossary", glossary_text=GLOSSARY) == []


def test_ignore_flag_silences_one_check() -> None:
    unit = Unit("u1", "好嗎？", "Good.", State.TRANSLATED, flags=["ignore-final-punctuation"])
    assert check_catalog(Catalog([unit]), EN, select_checks()).problems == []


def test_every_check_has_a_description_and_severity() -> None:
    assert len(REGISTRY) >= 10
    for check in REGISTRY.values():
        assert check.description and check.severity.value in ("error", "warning")


def test_glossary_round_trip_and_lookup(tmp_path: Path) -> None:
    glossary = parse_glossary(GLOSSARY)
    assert [(m.start, m.end, m.term.source) for m in glossary.find("一村一第一書記，两委")] == [
        (3, 7, "第一書記"), (8, 10, "兩委")]
    assert glossary.translation(glossary.terms[1], "zh-Hans") == "两委"  # by conversion
    glossary.add(Term("駐村", {"en": "village-based"}, "officials sent to villages"))
    save_glossary(glossary, tmp_path / "g.csv")
    again = load_glossary(tmp_path / "g.csv")
    assert [t.source for t in again] == ["第一書記", "兩委", "駐村"]
    assert again.terms[2].note == "officials sent to villages"
    assert load_glossary(tmp_path / "missing.csv").terms == []


def test_latin_glossary_terms_match_whole_words() -> None:
    glossary = parse_glossary("en,zh-Hans\nAI,人工智能\n")
    assert glossary.find("MAIN road") == []
    assert len(glossary.find("an AI model")) == 1


def test_convert_seed_artifacts() -> None:
    assert convert("關于干部沖鋒斗爭「好」", "t2s") == "关于干部冲锋斗争“好”"


# -- the command, as CI runs it ------------------------------------------------------------

def _catalog(tmp_path: Path, units: list[Unit], lang: str = "en") -> Path:
    path = tmp_path / "locale" / lang / "LC_MESSAGES" / "doc.po"
    path.parent.mkdir(parents=True)
    write_po(Catalog(units, "zh-Hant", lang, default_header("zh-Hant", lang)), path)
    return path


def test_check_command_reports_lines_and_exit_codes(tmp_path: Path) -> None:
    path = _catalog(tmp_path, [
        Unit("aaa", "第一句。", "First sentence.", State.TRANSLATED),
        Unit("bbb", "第二句有2024年。", "", State.UNTRANSLATED),
        Unit("ccc", "第三句。", "Third.", State.FUZZY),
        Unit("ddd", "有47.04萬人。", "There are 47 people.", State.TRANSLATED),
    ])
    result = run_cli("check", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    rel = "locale/en/LC_MESSAGES/doc.po"
    entry_lines = {u.id: u.entry_line for u in read_po(path).units}
    assert f"{rel}:{entry_lines['bbb']}: untranslated: bbb: 第二句有2024年。" in lines
    assert f"{rel}:{entry_lines['ccc']}: fuzzy: ccc: 第三句。" in lines
    assert any(line.startswith(f"{rel}:{entry_lines['ddd']}: error: numbers: ddd: ")
               for line in lines)
    assert any("4 units (2 translated, 1 fuzzy, 1 untranslated)" in line for line in lines)

    ok = run_cli("check", str(path), "--fail-on", "none", cwd=tmp_path)
    assert ok.returncode == 0
    assert run_cli("check", str(path), "--skip", "numbers", "--fail-on", "error",
                   cwd=tmp_path).returncode == 0
    assert run_cli("check", str(path), "--min-percent", "40", "--skip", "numbers",
                   cwd=tmp_path).returncode == 0
    assert run_cli("check", str(path), "--min-percent", "60", cwd=tmp_path).returncode == 1


def test_check_json_and_junit(tmp_path: Path) -> None:
    path = _catalog(tmp_path, [
        Unit("aaa", "有47.04萬人。", "There are 47 people.", State.TRANSLATED),
        Unit("bbb", "標題\x1b[31m", "", State.UNTRANSLATED),
    ])
    data = json.loads(run_cli("check", str(path), "--format", "json", cwd=tmp_path).stdout)
    assert data["ok"] is False
    catalog = data["catalogs"][0]
    assert (catalog["units"], catalog["translated"], catalog["untranslated"]) == (2, 1, 1)
    assert {p["kind"] for p in catalog["problems"]} == {"numbers", "untranslated"}
    junit = run_cli("check", str(path), "--format", "junit", cwd=tmp_path)
    root = ET.fromstring(junit.stdout)  # well-formed even with ESC in the source
    assert root.get("failures") == "2"
    assert len(root.findall(".//failure")) == 2


@pytest.mark.parametrize("args", [
    ("--check", "no-such-check"), ("--fail-on", "everything"), ("missing.po",),
    ("--min-percent", "120"),
])
def test_check_bad_usage_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    path = _catalog(tmp_path, [Unit("aaa", "好。", "Good.", State.TRANSLATED)])
    result = run_cli("check", str(path), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_check_malformed_po_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    result = run_cli("check", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("workbench: ") and "bad.po:2:" in result.stderr


def test_the_repositorys_own_translation_passes(tmp_path: Path) -> None:
    """What .ci/run checks: the seed completely translated, no error, with the glossary."""
    for name in ("seeds", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "glossary.csv", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    data = json.loads(result.stdout)
    assert [c["percent"] for c in data["catalogs"]] == [100.0, 100.0]
    assert not [p for c in data["catalogs"] for p in c["problems"] if p["severity"] == "error"]
    # And nothing stale: re-running init changes no file.
    init = run_cli("init", cwd=tmp_path)
    assert init.returncode == 0 and "updated" not in init.stdout


def test_placeholders() -> None:
    assert problems("刪除 %s 個文件？", "Delete %s files?", name="placeholders") == []
    assert problems("%(count)d 個 {name} <b>好</b>", "{name} %(count)d <b>good</b>",
                    name="placeholders") == []
    assert problems("刪除 %s 個文件", "Delete files", name="placeholders") == [
        "placeholders: missing from the target: %s"]
    assert problems("增長15%", "grew 15% overall", name="placeholders") == []  # a percentage
    assert problems("你好", "Hello {user}", name="placeholders") == [
        "placeholders: not in the source: {user}"]


PLURAL_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                 '"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


def test_every_plural_form_is_checked(tmp_path: Path) -> None:
    po = tmp_path / "de.po"
    po.write_text(PLURAL_HEADER + '#, c-format\nmsgid "%d file of %s"\n'
                  'msgid_plural "%d files of %s"\nmsgstr[0] "%d Datei von %s"\n'
                  'msgstr[1] "viele Dateien 文件"\n\nmsgid "%d dog"\nmsgid_plural "%d dogs"\n'
                  'msgstr[0] "%d Hund"\nmsgstr[1] ""\n', encoding="utf-8")
    data = json.loads(run_cli("check", str(po), "--format", "json", cwd=tmp_path).stdout)
    found = {(p["kind"], p["message"]) for p in data["catalogs"][0]["problems"]}
    assert ("placeholders", "msgstr[1]: missing from the target: %d %s") in found
    assert ("script", "msgstr[1]: Chinese left in the target: 文件") in found
    assert ("untranslated", "%d dog") in found  # an empty form: not translated


@pytest.mark.parametrize(("body", "message"), [
    ('msgid "a"\nmsgstr[0] "b"\n', "msgstr[n] without msgid_plural"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[5] "c"\n', "without gaps"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', "msgid_plural needs msgstr[0]"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', "1 plural forms, but"),
    ('#~ msgid "a"\nmsgstr "b"\n', "mixes obsolete"),
])
def test_malformed_plurals_are_refused(tmp_path: Path, body: str, message: str) -> None:
    po = tmp_path / "bad.po"
    po.write_text(PLURAL_HEADER + body, encoding="utf-8")
    result = run_cli("check", str(po), cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_plural_forms_header_is_validated(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    template = PLURAL_HEADER.replace("nplurals=2; plural=(n != 1);",
                                     "nplurals=INTEGER; plural=EXPRESSION;")
    po.write_text(template + 'msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    assert run_cli("check", str(po), cwd=tmp_path).returncode == 0  # xgettext's placeholder
    po.write_text(template + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', encoding="utf-8")
    result = run_cli("check", str(po), cwd=tmp_path)
    assert result.returncode == 2 and "placeholder" in result.stderr
    po.write_text(PLURAL_HEADER.replace("(n != 1)", "(n != 1; rm -rf)"), encoding="utf-8")
    result = run_cli("check", str(po), cwd=tmp_path)
    assert result.returncode == 2 and "invalid Plural-Forms" in result.stderr


@pytest.mark.parametrize(("source", "target"), [
    ("126萬億元", "126 trillion yuan"),
    ("5千萬人", "50 million people"),
    ("3月5日", "on March 5"),
    ("第1名", "first place"),
    ("零下-5度", "5 degrees below zero"),
    ("2021-2025年", "2021–2025"),
])
def test_more_number_forms(source: str, target: str) -> None:
    assert missing_numbers(source, target, "en") == []


@pytest.mark.parametrize(("source", "target", "found"), [
    ("氣溫：-5°C", "temperature: 5°C", ["the minus sign of -5 is lost"]),
    ("气温为-5°C", "5°C", ["the minus sign of -5 is lost"]),
    ("气温为-5°C", "-5°C", []),
    ("零下5度", "-5 degrees", []),
    ("增长65%", "grew 65", ["65%: the percent sign is lost"]),
    ("增长15%", "grew by 15 percent", []),
    ("300多万人", "over 3 million people", []),
    ("20多亿元", "more than 2 billion yuan", []),
    ("ICP備18000039號-1", "ICP 18000039-1", []),
])
def test_signs_percentages_and_approximations(source: str, target: str,
                                              found: list[str]) -> None:
    assert number_problems(source, target, "en") == found


def test_list_markers_and_aabb_are_not_problems() -> None:
    assert problems("1) 甲 2) 乙", "1) first 2) second", name="pairs") == []
    assert problems("的的確確", "的的确确", HANS, name="doubled") == []


def test_simplified_in_a_traditional_target() -> None:
    tw = CheckContext("zh-Hans", "zh-Hant-TW")
    assert problems("这个软件很好。", "这个软件很好。", tw, name="simplified") == [
        "simplified: Simplified characters in a Traditional target: 个→個 软→軟 这→這"]
    assert problems("皇后后来", "皇后後來", tw, name="simplified") == []


def test_doubled_only_across_separate_words() -> None:
    assert problems("x", "为了了解达到目的的手段", HANS, name="doubled") == []
    assert problems("x", "我的的书", HANS, name="doubled") == ["doubled: doubled word: '的的'"]


def test_tabs_and_line_breaks_inside_survive() -> None:
    assert problems("型号\t尺寸\t价格", "Model Size Price", name="whitespace") == [
        "whitespace: 0 tabs inside the target, 2 in the source"]
    assert problems("第一行\n第二行", "Line one\nline two", name="whitespace") == []


def test_billing_words_keep_english_words_whole() -> None:
    from workbench.checks.runner import billing_words

    assert billing_words("don't it's U.S.A. 1,234,567 Wi-Fi") == 5
    assert billing_words("黨員ＧＤＰ") == 3
    assert billing_words("abc中def") == 3  # a Han run parts the words around it
    assert billing_words("abc'中'def 12中3") == 6


@given(st.text(alphabet="ab_é'’-. ,1中文\u3000𠀀Ｇか", max_size=30))
def test_billing_words_as_deleting_han_runs_counted(text: str) -> None:
    """The count made in one pass over the Han text is the count of deleting its runs and
    then finding the words in the whole text."""
    import re
    import unicodedata

    from workbench.checks.runner import billing_words
    from workbench.han import HAN_CLASS

    other_words = re.compile(f"[^\\W_{HAN_CLASS}]+(?:['’.,\\-][^\\W_{HAN_CLASS}]+)*")
    text = unicodedata.normalize("NFKC", text)
    assert billing_words(text) == len(text) - len(re.sub(f"[{HAN_CLASS}]+", "", text)) + len(
        other_words.findall(text))


@pytest.mark.parametrize(("source", "target", "found"), [
    ("第十七條", "Article 71", ["number 第十七條 (= 17) is not in the target"]),
    ("第十七條", "Article 17", []),
    ("年滿十八週歲", "aged eighteen", []),
    ("百分之三十", "13 percent", ["number 百分之三十 (= 30) is not in the target"]),
    ("三分之一", "one third", []),
    ("“十四五”", "the 14th Five-Year Plan", []),
    ("征程萬里", "a long journey", []),
    ("一名黨員", "a Party member", []),
    ("四件大事", "the four major tasks", []),
])
def test_counted_chinese_numerals(source: str, target: str, found: list[str]) -> None:
    assert number_problems(source, target, "en") == found


@pytest.mark.parametrize(("source", "target"), [
    ("90年代", "in the 1990s"),
    ("下午3點", "at 15:00"),
    ("2021—2025年", "2021–25"),
])
def test_other_ways_to_write_a_number(source: str, target: str) -> None:
    assert number_problems(source, target, "en") == []


def test_reversed_apostrophe_opens_a_quote_a_later_closing_one_needs() -> None:
    """‘ between letters may be an apostrophe typed backwards, but a ’ that closes nothing
    else shows it was an opening quote (what OpenCC makes of 『』 after a Latin letter)."""
    assert unbalanced("F‘F’") == []
    assert unbalanced("don‘t") == []
    assert unbalanced("a’") == ["'’' without its opening '‘'"]


def test_project_glossary_only_for_its_source_language(project_dir: Path) -> None:
    """Checking an English-source catalog from inside a Chinese-source project (an upstream
    po/ folder beside the project's own) does not apply the project's Chinese terms."""
    (project_dir / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")  # the project's
    po = project_dir / "upstream.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: en\\n"\n\nmsgid "Ask the 第一書記."\nmsgstr "Ask the head."\n',
                  encoding="utf-8")
    english = run_cli("check", "upstream.po", "--source-lang", "en", "--format", "json",
                      cwd=project_dir)
    assert english.returncode in (0, 1), english.stderr
    assert '"glossary"' not in english.stdout
    chinese = run_cli("check", "upstream.po", "--source-lang", "zh-Hant", "--format", "json",
                      cwd=project_dir)
    assert '"glossary"' in chinese.stdout  # the same file as Chinese source: the term counts


def test_text_report_names_a_unit_by_its_msgctxt_only(tmp_path: Path) -> None:
    """A project's unit is named by its id (its msgctxt); another tool's entry by its context
    when it has one, and else by nothing but its line: a hash derived from its source would
    tell a reader nothing."""
    po = tmp_path / "zh_CN.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: zh_CN\\n"\n\n#, fuzzy\nmsgid "Open"\nmsgstr "打开"\n\n'
                  '#, fuzzy\nmsgctxt "menu"\nmsgid "Quit"\nmsgstr "退出"\n', encoding="utf-8")
    out = run_cli("check", str(po), cwd=tmp_path).stdout.splitlines()
    assert out[:2] == ["zh_CN.po:6: fuzzy: Open", "zh_CN.po:10: fuzzy: menu: Quit"]


def test_one_unreadable_catalog_among_many_is_said_and_the_rest_checked(tmp_path: Path
                                                                        ) -> None:
    """A truncated file in a tree of catalogs (a docs translation): one error line for it,
    every other catalog still checked and reported, exit 2; JSON and JUnit carry it too."""
    po = tmp_path / "po"
    po.mkdir()
    good = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: zh_CN\\n"\n\nmsgid "Open"\nmsgstr ""\n')
    (po / "a.po").write_text(good, encoding="utf-8")
    (po / "b.po").write_bytes(good.encode() + b'\nmsgid "Cut"\nmsgstr "\xe5\x89')  # cut short
    text = run_cli("check", "po", cwd=tmp_path)
    assert text.returncode == 2
    assert text.stderr.splitlines() == [
        "workbench: po/b.po:10: not valid UTF-8: unexpected end of data"]
    assert "po/a.po:6: untranslated: Open" in text.stdout
    report = json.loads(run_cli("check", "po", "--format", "json", cwd=tmp_path).stdout)
    assert report["ok"] is False and [c["path"] for c in report["catalogs"]] == ["po/a.po"]
    assert report["unreadable"] == [{"path": "po/b.po", "line": 10,
                                     "message": "not valid UTF-8: unexpected end of data"}]
    junit = ET.fromstring(run_cli("check", "po", "--format", "junit", cwd=tmp_path).stdout)
    assert junit.get("errors") == "1"
    assert junit.find("testsuite[@name='po/b.po']/testcase/error") is not None
    alone = run_cli("check", "po/b.po", cwd=tmp_path)  # a single file: its error, nothing else
    assert alone.returncode == 2 and alone.stdout == ""
    assert alone.stderr == "workbench: po/b.po:10: not valid UTF-8: unexpected end of data\n"
