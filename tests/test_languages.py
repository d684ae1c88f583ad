"""A catalog's languages: header, then path, then text; with where each answer came from.

The headers below are copied from real catalogs (vim, git, GNOME, Sphinx/Transifex, Weblate,
old GNU ones without a Language field); the bodies are a few of their entries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.catalog_language import (
    CatalogLanguages,
    catalog_languages,
    path_language,
    tag_of,
    team_language,
    text_language,
)
from workbench.errors import UsageError
from workbench.formats.po import parse_po

# vim's src/po/zh_CN.cp936.po (GBK there; the language does not depend on the bytes)
VIM_CN = r'''# Chinese (simplified) Translation for Vim
msgid ""
msgstr ""
"Project-Id-Version: Vim(Simplified Chinese)\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2022-06-24 13:26+0800\n"
"PO-Revision-Date: 2006-04-21 14:00+0800\n"
"Last-Translator: lilydjwg, Ada (Haowen) Yu\n"
"Language-Team: Simplified Chinese\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "ERROR: "
msgstr "错误: "

#, c-format
msgid "auto-removing autocommand: %s <buffer=%d>"
msgstr "自动删除自动命令： %s <buffer=%d>"

msgid "W19: Deleting augroup that is still in use"
msgstr "W19: 删除依旧在使用中的自动组"

msgid "[Location List]"
msgstr "[Location 列表]"
'''

# An old GNU catalog: no Language field at all (gettext before 0.18 did not write one).
OLD_GNU_TW = r'''msgid ""
msgstr ""
"Project-Id-Version: sed 4.1.1\n"
"Report-Msgid-Bugs-To: bug-gnu-utils@gnu.org\n"
"POT-Creation-Date: 2004-06-28 18:57+0200\n"
"PO-Revision-Date: 2004-07-06 21:54+0800\n"
"Last-Translator: Wei-Lun Chao <chaoweilun@pcmail.com.tw>\n"
"Language-Team: Chinese (traditional) <zh-l10n@linux.org.tw>\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

msgid "Unknown option to `s'"
msgstr "「s」的未知選項"

msgid "multiple `!'s"
msgstr "多個「!」"

msgid "unexpected `,'"
msgstr "未預期的「,」"

msgid "No previous regular expression"
msgstr "沒有前一個正規表示式"

msgid "cannot remove %s: %s"
msgstr "無法移除 %s: %s"
'''

# The template placeholders xgettext writes, and a header that says nothing useful.
PLACEHOLDER = r'''msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language-Team: LANGUAGE <LL@li.org>\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Open a file"
msgstr "開啟檔案"

msgid "Save the document before closing?"
msgstr "關閉之前要儲存文件嗎？"

msgid "Could not connect to the server"
msgstr "無法連線到伺服器"
'''

# git's po/zh_CN.po header: the team is a GitHub URL, which names no language.
GIT_CN = r'''msgid ""
msgstr ""
"Project-Id-Version: Git\n"
"Report-Msgid-Bugs-To: Git Mailing List <git@vger.kernel.org>\n"
"Last-Translator: Jiang Xin <worldhello.net@gmail.com>\n"
"Language-Team: GitHub <https://github.com/jiangxin/git/>\n"
"Language: zh_CN\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Huh (%s)?"
msgstr "嗯（%s）？"
'''

# Sphinx's locale/zh_TW/LC_MESSAGES/sphinx.po (Transifex): Language written zh_TW.
SPHINX_TW = r'''msgid ""
msgstr ""
"Project-Id-Version: Sphinx\n"
"Language-Team: Chinese (Taiwan) (http://app.transifex.com/sphinx-doc/sphinx-1/language/zh_TW/)\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Generated-By: Babel 2.13.0\n"
"Language: zh_TW\n"
"Plural-Forms: nplurals=1; plural=0;\n"

msgid "Section %s"
msgstr "段落 %s"
'''

# workbench's own catalogs: a Chinese source, named in X-Source-Language.
OWN = r'''msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"
"X-Source-Language: zh-Hant\n"

msgctxt "a1"
msgid "今天天氣很好。"
msgstr "The weather is fine today."
'''


def _catalog(text: str, name: str = "<string>"):  # type: ignore[no-untyped-def]
    return parse_po(text, name)


def test_vim_cn_has_an_empty_language_the_path_tells_it() -> None:
    found = catalog_languages(_catalog(VIM_CN), Path("src/po/zh_CN.cp936.po"))
    assert (found.source, found.source_from) == ("en", "text")
    assert (found.target, found.target_from) == ("zh-CN", "path")
    assert found.describe() == "en (from text) → zh-CN (from path)"


def test_vim_cn_elsewhere_falls_back_to_the_team_then_the_text() -> None:
    # Renamed to a name that says nothing: "Simplified Chinese" in Language-Team still does.
    found = catalog_languages(_catalog(VIM_CN), Path("/tmp/upload.po"))
    assert (found.target, found.target_from) == ("zh-Hans", "team")


def test_old_gnu_catalog_without_a_language_field() -> None:
    catalog = _catalog(OLD_GNU_TW)
    assert "Language" not in catalog.header
    assert catalog_languages(catalog, Path("po/zh_TW.po")).target == "zh-TW"
    found = catalog_languages(catalog, Path("sed.po"))
    assert (found.target, found.target_from) == ("zh-Hant", "team")
    assert found.target_text == "zh-Hant (from team)"


def test_nothing_in_the_header_nor_the_path_the_text_tells_traditional() -> None:
    found = catalog_languages(_catalog(PLACEHOLDER), Path("messages.po"))
    assert (found.source, found.target) == ("en", "zh-Hant")
    assert found.source_from == found.target_from == "text"


def test_simplified_text() -> None:
    text = PLACEHOLDER.replace("開啟檔案", "打开文件").replace(
        "關閉之前要儲存文件嗎？", "关闭之前要保存文档吗？").replace(
        "無法連線到伺服器", "无法连接到服务器")
    assert catalog_languages(_catalog(text), Path("messages.po")).target == "zh-Hans"


def test_the_header_wins_over_the_path() -> None:
    found = catalog_languages(_catalog(GIT_CN), Path("po/zh_TW.po"))
    assert (found.target, found.target_from) == ("zh-CN", "header")
    assert found.target_text == "zh-CN"  # what the file says needs no explanation
    assert catalog_languages(_catalog(SPHINX_TW), Path("x.po")).target == "zh-TW"


def test_own_catalog_declares_both() -> None:
    found = catalog_languages(_catalog(OWN), Path("locale/en/LC_MESSAGES/seed.po"))
    assert found == CatalogLanguages("zh-Hant", "en", "header", "header")


def test_overrides_win_and_are_checked() -> None:
    found = catalog_languages(_catalog(GIT_CN), None, "en-US", "zh_Hans")
    assert found == CatalogLanguages("en-US", "zh-Hans", "override", "override")
    with pytest.raises(UsageError, match="--target-lang"):
        catalog_languages(_catalog(GIT_CN), None, None, "not a tag")


def test_project_source_comes_before_the_text() -> None:
    found = catalog_languages(_catalog(PLACEHOLDER), None, project_source="zh-Hant")
    assert (found.source, found.source_from) == ("zh-Hant", "project")
    # ... but after the header
    assert catalog_languages(_catalog(OWN), project_source="en").source == "zh-Hant"


def test_chinese_source_by_its_text() -> None:
    text = '''msgid "今天天氣很好。"\nmsgstr "The weather is fine today."\n\n''' \
           '''msgid "我們明天見。"\nmsgstr "See you tomorrow."\n'''
    found = catalog_languages(_catalog(text), Path("doc.po"))
    assert (found.source, found.source_from) == ("zh-Hant", "text")
    assert (found.target, found.target_from) == ("", "")  # Latin targets tell nothing
    assert found.target_text == "?"


def test_template_has_no_target() -> None:
    pot = 'msgid "Open a file"\nmsgstr ""\n'
    found = catalog_languages(_catalog(pot), Path("po/zh_CN/app.pot"))
    assert found.target == "" and found.source == "en"


def test_inference_writes_nothing() -> None:
    catalog = _catalog(VIM_CN)
    before = (dict(catalog.header), catalog.source_lang, catalog.target_lang)
    catalog_languages(catalog, Path("zh_CN.po"))
    assert (dict(catalog.header), catalog.source_lang, catalog.target_lang) == before


@pytest.mark.parametrize(("path", "tag"), [
    ("po/zh_TW.po", "zh-TW"),
    ("po/zh_HK.po", "zh-HK"),
    ("src/po/zh_CN.cp936.po", "zh-CN"),
    ("src/po/zh_TW.UTF-8.po", "zh-TW"),
    ("src/po/zh_CN.UTF-8.po", "zh-CN"),
    ("zh-Hant.po", "zh-Hant"),
    ("locale/zh_HK/LC_MESSAGES/gnome-shell.po", "zh-HK"),
    ("sphinx/locale/zh_TW.Big5/LC_MESSAGES/sphinx.po", "zh-TW"),
    ("locale/zh_Hans/LC_MESSAGES/django.po", "zh-Hans"),
    ("po/zh_CN/app.po", "zh-CN"),
    ("translations/zh-Hant/messages.po", "zh-Hant"),
    ("coreutils-9.1.zh_CN.po", "zh-CN"),
    ("po/sr@latin.po", "sr-Latn"),
    ("po/pt_BR.po", "pt-BR"),
    ("de.po", "de"),
    ("tests/data/formats/small.en.po", "en"),
    # No language in these
    ("po/messages.po", ""),
    ("po/git.po", ""),
    ("src/doc/x.po", ""),
    ("po/zh_CN.pot", ""),
    ("gnome-shell.po", ""),
])
def test_path_language(path: str, tag: str) -> None:
    assert path_language(path) == tag


@pytest.mark.parametrize(("team", "tag"), [
    ("Chinese (simplified) <i18n-zh@googlegroups.com>", "zh-Hans"),
    ("Chinese (traditional) <zh-l10n@lists.linux.org.tw>", "zh-Hant"),
    ("Chinese (Hong Kong) <community@linuxhall.org>", "zh-HK"),
    ("Chinese (Taiwan) <chinese-l10n@googlegroups.com>", "zh-TW"),
    ("Chinese (China) <i18n-zh@googlegroups.com>", "zh-CN"),
    ("Chinese (Simplified Han script) <https://hosted.weblate.org/projects/x/zh_Hans/>",
     "zh-Hans"),
    ("Chinese <translation-team-zh-cn@lists.sourceforge.net>", "zh"),
    ("zh_CN <LL@li.org>", "zh-CN"),
    ("LANGUAGE <LL@li.org>", ""),
    ("GitHub <https://github.com/jiangxin/git/>", ""),
    ("", ""),
])
def test_team_language(team: str, tag: str) -> None:
    assert team_language(team) == tag


@pytest.mark.parametrize(("value", "tag"), [
    ("zh_CN", "zh-CN"), ("zh-hant", "zh-Hant"), ("zh_Hant_TW", "zh-Hant-TW"),
    ("zh_CN.UTF-8", "zh-CN"), ("LANGUAGE", ""), ("", ""), ("Chinese", "zh"),
    ("Chinese (traditional)", "zh-Hant"), ("sr@latin", "sr-Latn"),
])
def test_tag_of_header_values(value: str, tag: str) -> None:
    assert tag_of(value) == tag


def test_team_named_chinese_takes_the_script_from_the_text() -> None:
    text = OLD_GNU_TW.replace("Chinese (traditional) <zh-l10n@linux.org.tw>",
                              "Chinese <zh-l10n@linux.org.tw>")
    found = catalog_languages(_catalog(text), Path("sed.po"))
    assert (found.target, found.target_from) == ("zh-Hant", "text")


def test_text_language_by_script() -> None:
    assert text_language(["ファイルを開く", "保存しますか"]) == "ja"
    assert text_language(["파일 열기"]) == "ko"
    assert text_language(["Open %s", "Save"], latin="en") == "en"
    assert text_language(["Open %s", "Save"]) == ""
    assert text_language([]) == ""
    assert text_language(["%s %d {name}"], latin="en") == ""  # placeholders are not text
    # Chinese software strings hold many Latin words and still read as Chinese
    assert text_language(["使用 --force 覆盖 %s 的 HEAD 引用"]) == "zh-Hans"
    assert text_language(["中文"]) == "zh"  # no character tells the script


def test_a_large_catalog_is_sampled() -> None:
    units = "".join(f'msgctxt "u{n}"\nmsgid "Item {n}"\nmsgstr "項目 {n} 說明"\n\n'
                    for n in range(20_000))
    found = catalog_languages(_catalog(units))
    assert (found.source, found.target) == ("en", "zh-Hant")
