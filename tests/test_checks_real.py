"""`workbench check` on what real catalogs do: format flags, plural forms, a missing Language
header, markup, Traditional characters, and the trimmed upstream samples in tests/data/check."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from workbench.checks import REGISTRY, CheckContext, check_catalog, select_checks
from workbench.checks.base import Targets
from workbench.checks.hanzi import derive, dictionary_folder, foreign_characters, tables
from workbench.checks.placeholders import c_args, placeholder_problems
from workbench.checks.punctuation import unbalanced
from workbench.checks.runner import plural_roles
from workbench.model import Catalog, State, Unit

DATA = ROOT / "tests" / "data" / "check"
HANS = CheckContext("en", "zh-Hans")
HANT = CheckContext("en", "zh-Hant-TW")
EN = CheckContext("zh-Hant", "en")


def findings(source: str, target: str, ctx: CheckContext = HANS, name: str | None = None,
             flags: tuple[str, ...] = ()) -> list[str]:
    unit = Unit("u1", source, target, State.TRANSLATED, flags=list(flags))
    report = check_catalog(Catalog([unit]), ctx, select_checks([name] if name else None))
    return [f"{p.kind}: {p.message}" for p in report.problems]


# --- format directives, per flag ---------------------------------------------------------

@pytest.mark.parametrize(("source", "target", "flags"), [
    ("Cannot move %s to %s", "無法將 %2$s 移入 %1$s 之前", ("c-format",)),  # reordered
    ("%d of %s", "%2$s 中的 %1$d 個", ("c-format",)),
    ("%*d items", "%*d 項", ("c-format",)),
    ("%(name)s has %(count)d", "%(count)d 個，屬於 %(name)s", ("python-format",)),
    ("{0} of {1}", "{1} 中的 {0}", ("python-brace-format",)),
    ("{name} or {}", "{} 或 {name}", ("python-brace-format",)),
    ("100% sure %s", "百分之百", ("no-c-format",)),  # not a format string: nothing to keep
    ("%s … %s", "%2$s … %1$s", ()),  # without a flag, positions are forgiven
    ("15% of the users", "15% 的用戶", ()),  # a percentage, not "% o"
    ("%1 of %2", "%2 中的 %1", ("qt-format",)),
    ("usage: git add [<options>] [--] <pathspec>", "用法：git add [<選項>] [--] <路徑規格>",
     ()),  # metavariables are translated, they are not tags
])
def test_directives_compared_as_msgfmt_does(source: str, target: str,
                                            flags: tuple[str, ...]) -> None:
    assert placeholder_problems(source, target, list(flags)) == []


@pytest.mark.parametrize(("source", "target", "flags", "message"), [
    ("Cannot open %s", "無法開啟", ("c-format",), "missing from the target: %s"),  # dropped
    ("Cannot open %s", "無法開啟", (), "missing from the target: %s"),  # no flag: still
    ("%d files", "%s 個檔案", ("c-format",), "argument type changed: %d → %s"),
    ("%s and %s", "%1$s 和 %3$s", ("c-format",), "not in the source: %3$s"),
    ("%(name)s", "%(nom)s", ("python-format",), "not in the source: %(nom)s"),
    ("{0} files", "{1} 個檔案", ("python-brace-format",), "not in the source: {1}"),
    ("<b>bold</b>", "<b>粗體", ("c-format",), "missing from the target: </b>"),
])
def test_true_directive_problems(source: str, target: str, flags: tuple[str, ...],
                                 message: str) -> None:
    assert message in placeholder_problems(source, target, list(flags))


def test_c_arguments_by_number_and_type() -> None:
    assert c_args("%2$s %1$ld %%") == {"2": ("string", "%2$s"), "1": ("lint", "%1$ld")}
    assert c_args("%.*s") == {"1": ("int", "%.*s"), "2": ("string", "%.*s")}
    assert c_args("%<PRIu64>") == {"1": ("64unsigned", "%<PRIu64>")}


def test_placeholders_real_msgfmt_agrees(tmp_path: Path) -> None:
    """The cases above that pass are what msgfmt --check-format accepts too."""
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt not installed")
    po = tmp_path / "zh_TW.po"
    po.write_text(HEADER_TW + '#, c-format\nmsgid "Cannot move %s to %s"\n'
                  'msgstr "無法將 %2$s 移入 %1$s 之前"\n', encoding="utf-8")
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)]).returncode == 0
    data = json.loads(run_cli("check", str(po), "--format", "json").stdout)
    assert data["catalogs"][0]["problems"] == []


# --- plural forms ------------------------------------------------------------------------

HEADER_TW = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"Language: zh_TW\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n')


def test_plural_roles_from_the_header() -> None:
    assert plural_roles("nplurals=1; plural=0;") == ((False, False),)
    assert plural_roles("nplurals=2; plural=(n != 1);") == ((True, True), (False, False))
    # Russian: the first form is 1, 21, 31, ...: a plural form, compared strictly.
    ru = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);")
    assert plural_roles(ru) == ((False, False), (False, False), (False, False))
    assert plural_roles("nplurals=3; plural=n==0 ? 0 : n==1 ? 1 : 2;") == (
        (False, True), (True, True), (False, False))


def test_one_form_language_compares_with_msgid_plural(tmp_path: Path) -> None:
    po = tmp_path / "zh_TW.po"
    po.write_text(HEADER_TW + '#, c-format\nmsgid "one file changed"\n'
                  'msgid_plural "%d files changed"\nmsgstr[0] "%d 個檔案被修改"\n\n'
                  '#, c-format\nmsgid "%s: one line"\nmsgid_plural "%s: %d lines"\n'
                  'msgstr[0] "%s：%d 行"\n', encoding="utf-8")
    result = run_cli("check", str(po), "--format", "json")
    assert json.loads(result.stdout)["catalogs"][0]["problems"] == [], result.stdout


def test_a_form_for_one_number_may_leave_it_out(tmp_path: Path) -> None:
    po = tmp_path / "de.po"
    po.write_text(HEADER_TW.replace("zh_TW", "de").replace(
        "nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
        + '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "eine Datei"\nmsgstr[1] "%d Dateien"\n\n'
        '#, c-format\nmsgid "%d dog"\nmsgid_plural "%d dogs"\n'
        'msgstr[0] "ein Hund"\nmsgstr[1] "viele Hunde"\n', encoding="utf-8")
    data = json.loads(run_cli("check", str(po), "--format", "json").stdout)
    messages = [p["message"] for p in data["catalogs"][0]["problems"]]
    assert messages == ["msgstr[1]: missing from the target: %d"]


# --- punctuation -------------------------------------------------------------------------

def test_chinese_single_quotes_are_quotes() -> None:
    assert unbalanced("这就是‘元类混淆’，也是") == []
    assert unbalanced("don’t") == []
    assert findings("the ‘metaclass confusion’", "这就是‘元类混淆’，也是", name="pairs") == []


@pytest.mark.parametrize(("source", "target"), [
    # bash's help: one `…' quotation split over two messages, given "…" in Chinese
    ("Shell commands matching keyword `", '匹配关键字 "'),
    ("'\n\n", '" 的 shell 命令\n\n'),
])
def test_a_quotation_the_source_splits_excuses_the_target(source: str, target: str) -> None:
    """A source that opens a GNU-style `quote' it does not close, or closes one it did not
    open, is unbalanced too: its translation may be."""
    assert findings(source, target, name="pairs") == []
    assert findings("Shell commands matching keyword", '匹配关键字 "', name="pairs") != []
    assert findings("True if `test' is newer (by date).", "如果 `test' 较新则为真（根据日期)。",
                    name="pairs") != []  # a `quote' closed in the source excuses nothing
    assert findings("Don't use the default (see below)", "不要使用默认值（见下文)",
                    name="pairs") != []  # an apostrophe is no quotation
    assert findings("Commands (see below) matching keyword `", '命令（见下文)匹配关键字 "',
                    name="pairs") == ["pairs: unbalanced: ')' without its opening '('; "
                                      "'（' without its closing '）'"]  # brackets still count


def test_mixed_bracket_pair_is_still_an_error() -> None:
    assert findings("the list (see above)", "列表（见上文)", name="pairs") == [
        "pairs: unbalanced: ')' without its opening '('; '（' without its closing '）'"]


@pytest.mark.parametrize("target", [
    "使用 :func:`open` 打开文件。",  # a role: its colons and backquotes
    "例如::",  # a literal block follows
    "参见 ``os.path.join(a, b)``。",  # an inline literal
    "取消(_C)",  # accelerators
    "文件(&F)",
    "E370: 无法加载库 %s",  # a label copied from the source, set apart by a space
    "纳秒,纳秒,ns",  # a list the program splits: the source writes it without spaces
])
def test_width_leaves_markup_and_conventions_alone(target: str) -> None:
    source = {"纳秒,纳秒,ns": "nanosecond,nanoseconds,ns"}.get(target, "x")
    assert findings(source, target, name="width") == []


def test_width_true_positives() -> None:
    assert findings("a, b", "文件,然后", name="width") == [
        "width: half-width punctuation in Chinese text: ',' (use '，')"]
    assert findings("a (b)", "文件(请见)", name="width") != []


def test_width_follows_the_catalogs_convention() -> None:
    """A catalog that writes "名稱: %s" throughout has chosen that colon."""
    units = [Unit(f"u{i}", f"Name {i}: %s", "名稱: %s", State.TRANSLATED) for i in range(12)]
    units.append(Unit("full", "Size: %s", "大小：%s", State.TRANSLATED))
    ctx = CheckContext("en", "zh-Hant")
    assert check_catalog(Catalog(units), ctx, select_checks(["width"])).problems == []
    few = units[:3] + units[-1:]  # no convention in three uses
    assert len(check_catalog(Catalog(few), ctx, select_checks(["width"])).problems) == 3


# --- scripts -----------------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "台灣的電腦", "我了解了", "佔用和占卜", "他在裡面包含了", "皇后來了", "引用占位符",
])
def test_simplified_leaves_traditional_characters_alone(target: str) -> None:
    found = findings("x", target, HANT, name="simplified")
    assert not [f for f in found if re.search("[台了面后]→", f)], found


@pytest.mark.parametrize(("target", "pair"), [
    ("以后再说", "后→後"), ("这个文件", "这→這"), ("發送了", None), ("干净的", "干→乾"),
])
def test_simplified_true_positives(target: str, pair: str | None) -> None:
    found = findings("x", target, HANT, name="simplified")
    assert (pair in found[0]) if pair else found == [], found


def _script_findings(targets: list[str], ctx: CheckContext, name: str) -> dict[str, list[str]]:
    units = [Unit(f"u{i}", "x", t, State.TRANSLATED) for i, t in enumerate(targets)]
    report = check_catalog(Catalog(units), ctx, select_checks([name]))
    found: dict[str, list[str]] = {}
    for p in report.problems:
        found.setdefault(p.target, []).append(p.message)
    return found


def test_a_catalogs_own_variant_is_its_convention() -> None:
    """占 and 厘 are written in Traditional text too; a catalog that writes 占位 or 厘米 in
    several units, and more often than OpenCC's 佔位 or 釐米, follows a regional standard
    (Taiwan's 占, Hong Kong's 厘米), not the Simplified script."""
    hk = CheckContext("en", "zh-HK")
    assert _script_findings(["厘米", "平方厘米", "立方厘米", "釐米"], hk, "simplified") == {}
    assert _script_findings(["引用占位符", "占位符號", "佔用", "以占位符代替"], HANT,
                            "simplified") == {}


def test_a_slip_among_the_catalogs_usage_is_still_found() -> None:
    """以后 once where the catalog writes 以後 is a slip; so is a variant written in too few
    units to be a convention, or less often than OpenCC's form."""
    found = _script_findings(["以後再說", "之後", "以後", "以后再說"], HANT, "simplified")
    assert list(found) == ["以后再說"] and "后→後" in found["以后再說"][0]
    found = _script_findings(["厘米", "平方厘米", "公里"], CheckContext("en", "zh-HK"),
                             "simplified")
    assert list(found) == ["厘米", "平方厘米"]
    found = _script_findings(["厘米", "平方厘米", "立方厘米", "釐米", "平方釐米"],
                             CheckContext("en", "zh-HK"), "simplified")
    assert len(found) == 3


def test_traditional_in_simplified() -> None:
    assert findings("x", "服務器", name="traditional") == [
        "traditional: Traditional characters in a Simplified target: 務→务"]
    assert findings("x", "表示覆写的模式", name="traditional") == []  # 覆 is both


def test_both_scripts_list_comes_from_opencc() -> None:
    """台, 了, 占 are both Traditional and Simplified in OpenCC's own tables, 发 is not; the
    shared (newer) dictionaries agree with the installed ones on these."""
    hant = tables("Hant")
    assert {"台", "了", "占", "后", "面"} <= hant.both
    assert "发" in hant.only and "台" not in hant.only
    shared = ROOT.parent / "shared" / "opencc" / "dictionary"
    folder = shared if shared.is_dir() else dictionary_folder()
    assert (folder / "STCharacters.txt").is_file()
    from workbench.checks.hanzi import _table

    again = derive(_table(folder / "STCharacters.txt"), _table(folder / "STPhrases.txt"),
                   set(_table(folder / "TSCharacters.txt")), {})
    assert {"台", "了", "占"} <= again.both and "发" in again.only


def test_foreign_characters_need_a_word_for_shared_characters() -> None:
    assert foreign_characters("裡面包含", "Hant") == []
    assert foreign_characters("麵包", "Hant") == []
    assert ("后", "後") in foreign_characters("之后", "Hant")


# --- doubled, identical, blank -----------------------------------------------------------

def test_doubled_already_in_the_source_is_not_the_translators() -> None:
    assert findings("set foo FOO", "设置 foo FOO", name="doubled") == []
    assert findings("%s %s", "%s %s", name="doubled") == []
    assert findings("the list", "列表的的内容", name="doubled") == ["doubled: doubled word: '的的'"]


@pytest.mark.parametrize("target", ["%sfoo foo", "foo foo%s", "打开 foo foo{0}"])
def test_doubled_next_to_a_placeholder(target: str) -> None:
    """A masked placeholder touching the doubled word does not hide it (the shared mask's
    filler is a letter: the check looks past it)."""
    assert findings("x", target, name="doubled") == ["doubled: doubled word: 'foo foo'"]


def test_the_same_finding_is_reported_once() -> None:
    unit = Unit("u", "x", "的的和的的", State.TRANSLATED)
    report = check_catalog(Catalog([unit]), HANS, select_checks(["doubled"]))
    assert len(report.problems) == 1


@pytest.mark.parametrize("text", ["e", "R", "NOT 010011₂", "10 km", "%s", "os.path.join(a)",
                                  ">>> print(1)", "OK", ":func:`open`"])
def test_identical_may_stay(text: str) -> None:
    assert findings(text, text, name="identical") == []


@pytest.mark.parametrize("text", [
    # read by hand among the findings on git, vim and the Python docs: all may stay
    "git refs list ", "  # pri kind tag", "unsigned long long",
    "sudo apt install gdb python3-dbg", "csshiftjis, shiftjis, sjis, s_jis",
    "stream, descriptions, verbosity", "start, start+step, start+2*step, ...",
    "(``os.POSIX_SPAWN_OPEN``, *fd*, *path*, *flags*, *mode*)",
    "done, pending = await asyncio.wait(aws)", "(((char *)&obj) + offset)",
    "*y = slope \\* x + intercept + noise*", 'print >> sys.stderr, "Warning: action field"',
    "A.M. Kuchling (amk at amk.ca)",
    'M. Matsumoto and T. Nishimura, "Mersenne Twister: A 623-dimensionally equidistributed '
    'uniform pseudorandom number generator", ACM Transactions on Modeling.',
    "WARNING:root:Watch out!", "2006-02-08 22:20:02,165 192.168.0.1 fbloggs  Protocol problem",
    '"Costs",150,200,3.95,"Includes taxes, shipping, and sundry items"',
])
def test_identical_conventions_of_real_catalogs(text: str) -> None:
    assert findings(text, text, name="identical") == []


@pytest.mark.parametrize("text", [
    # the true findings of the same reading: prose left in English
    "   Using specified name:\n", "if *x* is false, then ``True``, else ``False``",
    "(addressing scheme, network location, path, query, fragment identifier).",
    "The Web Server Gateway Interface (WSGI) v1.0 defines a standard interface between web "
    "servers and Python web applications and is described in :pep:`333`.",
    "open the file", "be more verbose", "show all branches", "Show all branches",
    "a, b, or c of the list",
])
def test_identical_prose_of_real_catalogs_is_found(text: str) -> None:
    assert findings(text, text, name="identical") == [
        "identical: the target is identical to the source"]


def test_identical_prose_is_found() -> None:
    assert findings("Cancel the download", "Cancel the download", name="identical") == [
        "identical: the target is identical to the source"]
    assert findings("Brett Cannon", "Brett Cannon", name="identical") == []


def test_blank_target_is_one_finding() -> None:
    assert findings("Open the file.", "  ") == ["untranslated: Open the file."]


# --- numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "target", "ctx"), [
    ("1.2萬人", "1,200 people", EN),
    ("grew 68%", "增長了86%", HANS),
])
def test_number_true_positives(source: str, target: str, ctx: CheckContext) -> None:
    assert findings(source, target, ctx, name="numbers") != []


@pytest.mark.parametrize(("source", "target"), [
    ("1 buffer unloaded", "已釋放一個緩衝區"),
    ("2 files", "兩個文件"),
    ("'%s' requires 0 arguments", "'%s' 无需参数"),
    ("Git's i18n setup code", "Git 国际化设置代码"),
    ("Python 3 is here", "Python3 已发布"),
    ("See ``STACK[-1]``", "参见 ``STACK[-1]``"),
])
def test_numbers_as_chinese_targets_write_them(source: str, target: str) -> None:
    assert findings(source, target, HANT, name="numbers") == []


# --- unknown target language -------------------------------------------------------------

def test_language_from_the_path_when_the_header_has_none(tmp_path: Path) -> None:
    po = tmp_path / "src" / "po" / "zh_TW.UTF-8.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "1 buffer unloaded"\nmsgstr "已釋放一個緩衝區"\n\n'
                  'msgid "Done."\nmsgstr "完成。"\n', encoding="utf-8")
    data = json.loads(run_cli("check", str(po), "--format", "json").stdout)
    assert data["catalogs"][0]["language"] == "zh-TW"
    assert data["catalogs"][0]["problems"] == []


def test_language_from_the_text_when_nothing_else_tells(tmp_path: Path) -> None:
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "1 buffer unloaded"\nmsgstr "已釋放一個緩衝區"\n\n'
                  'msgid "Done."\nmsgstr "完成。這個檔案已經關閉。"\n', encoding="utf-8")
    data = json.loads(run_cli("check", str(po), "--format", "json").stdout)
    assert data["catalogs"][0]["language"] == "zh-Hant"
    assert data["catalogs"][0]["problems"] == []


# --- declarations ------------------------------------------------------------------------

def test_every_check_is_declared() -> None:
    for check in REGISTRY.values():
        assert re.fullmatch(r"[a-z][a-z-]*", check.id)
        assert check.severity.value in ("error", "warning")
        assert isinstance(check.targets, Targets)
        assert check.help and check.summary and check.applies_to
        assert (check.unit is None) != (check.catalog is None)
    assert "untranslated" not in REGISTRY and "fuzzy" not in REGISTRY  # states


def test_list_shows_each_checks_help() -> None:
    out = run_cli("check", "--list").stdout
    for check in REGISTRY.values():
        assert f"{check.id} ({check.severity.value}; targets: {check.targets.value}" in out
        assert check.help.splitlines()[0] in out


def test_checks_that_cannot_apply_do_not_run() -> None:
    """Declared targets decide: no script check for an unknown language."""
    unit = Unit("u", "西藏", "Tibet 西藏", State.TRANSLATED)
    unknown = CheckContext("zh-Hant", "")
    assert check_catalog(Catalog([unit]), unknown, select_checks(["script"])).problems == []
    assert check_catalog(Catalog([unit]), EN, select_checks(["script"])).problems != []


def test_retired_check_names_are_still_accepted(tmp_path: Path) -> None:
    po = tmp_path / "zh_TW.po"
    po.write_text(HEADER_TW + 'msgid "Done."\nmsgstr "完成。"\n', encoding="utf-8")
    assert run_cli("check", "--skip", "empty", str(po)).returncode == 0


def test_states_are_not_severities(tmp_path: Path) -> None:
    po = tmp_path / "zh_TW.po"
    po.write_text(HEADER_TW + 'msgid "Done."\nmsgstr ""\n', encoding="utf-8")
    problem = json.loads(run_cli("check", str(po), "--format", "json").stdout
                         )["catalogs"][0]["problems"][0]
    assert (problem["state"], problem["severity"], problem["fails"]) == (
        "untranslated", None, True)


# --- the trimmed upstream samples --------------------------------------------------------

def test_real_samples_have_no_false_errors(tmp_path: Path) -> None:
    """Each sample passes msgfmt -c; check finds no error in them, and its warnings are the
    ones read by hand to be true (的的, vim's colons in a sample too small to show the
    catalog's convention). 占位符 (git's zh_TW, four units) and 厘米 (GNOME Calculator's
    zh_HK, four units) are those catalogs' way of writing Traditional: not reported."""
    samples = sorted(DATA.rglob("*.po"))
    assert len(samples) == 9
    result = run_cli("check", "--format", "json", *map(str, samples), cwd=DATA)
    data = json.loads(result.stdout)
    errors = [(c["path"], p["message"]) for c in data["catalogs"] for p in c["problems"]
              if p["severity"] == "error"]
    assert errors == []
    kinds = {(c["path"], p["kind"]) for c in data["catalogs"] for p in c["problems"]}
    assert ("git/po/zh_TW.po", "doubled") in kinds
    assert ("python-docs-zh-cn/whatsnew/3.4.po", "doubled") in kinds
    assert not [p for c in data["catalogs"] for p in c["problems"]
                if p["kind"] == "simplified"]
    languages = {c["path"]: c["language"] for c in data["catalogs"]}
    assert languages["vim/src/po/zh_TW.UTF-8.po"] == "zh-TW"  # no Language header
    # Sphinx in Traditional Chinese: roles, ": ::", 裡面的 (not 面...) give nothing at all
    assert not [p for c in data["catalogs"] if "zh-tw" in c["path"] for p in c["problems"]]


def test_docs_list_the_declared_checks() -> None:
    """docs/check.md holds the reference generated from the declarations, as `--list` shows
    them; regenerate it with checks_markdown() when a check changes."""
    from workbench.checks.report import DOCS_BEGIN, DOCS_END, checks_markdown

    page = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    start, end = page.index(DOCS_BEGIN), page.index(DOCS_END) + len(DOCS_END)
    assert page[start:end] + "\n" == checks_markdown(REGISTRY.values())


def test_sphinx_literals_and_code_samples_are_not_placeholders() -> None:
    # a brace inside ``…`` is shown, not filled in; an <img> that is markup on one side is on both
    assert placeholder_problems("``{namespace}*`` selects all", "选择全部", []) == []
    sample = 'template = t"<img {attributes}>"\nhtml == \'<img src="a.jpg" />\''
    assert placeholder_problems(sample, sample, []) == []
    assert findings("1-character string", "单字符字符串", name="numbers") == []


@pytest.mark.parametrize(("source", "target", "ok"), [
    # git and vim: a full-width mark at the edge carries its own space
    ("error: ", "错误：", True), ("usage: ", "用法：", True),
    ("\nCould not set security context for ", "\n无法设置安全上下文：", True),
    # a space lost or added next to text is still a finding
    ("\nshell returned ", "\nShell 已返回", False), ("%ld more lines", "多了 %ld 行 ", False),
    ("error: ", "错误:", False),
])
def test_whitespace_at_the_edges(source: str, target: str, ok: bool) -> None:
    assert (findings(source, target, name="whitespace") == []) is ok


DOC = [("../../library/asyncio.rst", 10)]


def test_code_comments_are_rewrapped_but_code_keeps_its_indentation() -> None:
    """The Python docs: a comment of a code sample translated in fewer lines is prose
    re-wrapped; code that lost its indentation is broken."""
    source = ("async def main():\n    # Perform all sorts of wacky, wild asynchronous things...\n"
              "    # The program will not reach the following print statement.\n"
              "    await asyncio.sleep(1)\n")
    target = ("async def main():\n    # 执行各种稀奇古怪、天马行空的异步操作……直到结束。\n"
              "    await asyncio.sleep(1)\n")
    unit = Unit("u", source, target, State.TRANSLATED, locations=DOC)
    report = check_catalog(Catalog([unit]), HANS, select_checks(["whitespace"]))
    assert report.problems == []
    flat = target.replace("\n    ", "\n")
    unit = Unit("u", source, flat, State.TRANSLATED, locations=DOC)
    report = check_catalog(Catalog([unit]), HANS, select_checks(["whitespace"]))
    assert [p.message for p in report.problems] == [
        "0 indented lines inside the target, 1 in the source"]


@pytest.mark.parametrize(("source", "target", "ok"), [
    ("E13: File exists (add ! to override)", "E13: 文件已存在 (请加 ! 强制执行)", True),
    ("E109: Missing ':' after '?'", "E109: '?' 后缺少 ':'", True),
    ("could not read '%s'.", "无法读取 '%s'。", True),
    ("SHA1 COLLISION FOUND WITH %s !", "发现 %s 出现 SHA1 冲突！", True),
    ("Roughly equivalent to::", "大致相当于：", True),
    (">>> print(1)\n1", ">>> print(1)\n1。", True),  # code: not prose
    ("Could not open the file.", "无法打开文件", False),
    # the Python docs: reST drops a "::" set apart by a space; a sentence in brackets keeps
    # its mark inside them in the translation
    ("It can be used to perform some operation on a file. ::", "比如以下代码可以用来操作文件。",
     True),
    ("It can be used to perform some operation on a file. ::", "比如以下代码：", True),
    ("It can be used to perform some operation on a file. ::", "比如以下代码？", False),
    ("(Contributed by Serhiy Storchaka in :issue:`26032`.)",
     "（由 Serhiy Storchaka 在 :issue:`26032` 中贡献。）", True),
    ("Optimized globbing. (Contributed by Serhiy Storchaka in :issue:`26032`).",
     "优化了 glob 操作。 （由 Serhiy Storchaka 在 :issue:`26032` 中贡献。）", True),
    ("error (e.g. if the given *watcher_id* was never registered.)", "出错时返回 ``-1``。", True),
    ("independent from the Python version by which they were compiled!).",
     "但并不独立于它们编译时所使用的 Python 版本！）", True),
    ("Hunk #%d succeeded at %d (offset %d line).", "块 #%d 成功应用于 %d（偏移 %d 行）", False),
])
def test_final_punctuation_tokens_and_code(source: str, target: str, ok: bool) -> None:
    assert (findings(source, target, name="final-punctuation") == []) is ok


@pytest.mark.parametrize("text", ["git worktree unlock <worktree>", "[noeol]", "%s kg",
                                  "git submodule foreach [--quiet] [--] <command>"])
def test_identical_usage_lines_and_names(text: str) -> None:
    assert findings(text, text, name="identical") == []


def test_markup_spans_stop_at_chinese_text() -> None:
    from workbench.checks.markup import mask

    assert mask("无法辨识「--empty=」动作「%s」") == "无法辨识「x」动作「x」"
    assert mask("见 https://x.org/。然后") == "见 x。然后"


@pytest.mark.parametrize("text", ["from:to", "blob|tree", "kt,kn,nd,knot,knots"])
def test_identical_data_tokens(text: str) -> None:
    assert findings(text, text, name="identical") == []


def test_script_tables_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The derived tables kept in the cache folder are the tables derived afresh."""
    from workbench.checks import hanzi

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    hanzi.tables.cache_clear()
    try:
        fresh = hanzi.tables("Hant")
        assert list((tmp_path / "workbench").glob("script-tables-Hant-*.marshal"))
        hanzi.tables.cache_clear()
        cached = hanzi.tables("Hant")
        assert (cached.only, cached.both, cached.phrases, cached.bigrams) == (
            fresh.only, fresh.both, fresh.phrases, fresh.bigrams)
        (next((tmp_path / "workbench").glob("*.marshal"))).write_bytes(b"garbage")
        hanzi.tables.cache_clear()
        assert hanzi.tables("Hant").only == fresh.only  # a broken cache is derived again
    finally:
        hanzi.tables.cache_clear()


def test_jieba_words_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba's words, sorted and kept in the cache folder, answer as the dictionary does; a
    broken cache is derived again."""
    from workbench.checks import lexicon

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon._words.cache_clear()
    lexicon.is_word.cache_clear()
    try:
        fresh = lexicon._words()
        cached = list((tmp_path / "workbench").glob("jieba-words-*.txt"))
        assert cached and cached[0].read_bytes() == fresh
        assert lexicon.is_word("面包") and lexicon.is_word("对象") and not lexicon.is_word("的的")
        cached[0].write_bytes(b"garbage")
        lexicon._words.cache_clear()
        assert lexicon._words() == fresh
    finally:
        lexicon._words.cache_clear()
        lexicon.is_word.cache_clear()


@given(st.lists(st.text(alphabet="ab面包", min_size=1, max_size=4), max_size=40),
       st.text(alphabet="ab面包", min_size=1, max_size=4))
def test_binary_search_finds_exactly_the_words(words: list[str], word: str) -> None:
    from workbench.checks.lexicon import contains, sorted_words

    blob = sorted_words("\n".join(f"{w} 3 n" for w in words).encode())
    assert contains(blob, word.encode()) == (word in words)


@pytest.mark.parametrize("text", ["python -m ensurepip", "signed char", "is not",
                                  "result = re.match(pattern, string)"])
def test_identical_terms_commands_and_code(text: str) -> None:
    assert findings(text, text, name="identical") == []
