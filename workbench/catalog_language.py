"""A catalog's source and target languages: one answer for every command and the editor.

Each language comes from the first of these that tells it, and the answer says which one did
(so a UI can show "zh-Hant (from path)"):

1. `override`: `--source-lang` / `--target-lang` on the command line;
2. `header`: the PO header's `Language` and `X-Source-Language` (`file`: the languages an
   XLIFF or TMX file declares, which a catalog read from one carries);
3. `project`: the project's source language (source only, when the caller passes it);
4. `path`: the file's name or folder: `zh_TW.po`, `zh_CN.cp936.po`, `zh-Hant.po`,
   `coreutils-9.1.zh_CN.po`, `locale/zh_HK/LC_MESSAGES/x.po`, `po/zh_CN/x.po` (target only);
5. `team`: the header's `Language-Team` ("Chinese (traditional) <...>"), a weak hint;
6. `text`: the text itself. Sources mostly in Latin letters are an English-source software
   catalog; sources or translations in Han characters are Chinese, `zh-Hant` when they use
   Traditional-only characters, `zh-Hans` when Simplified-only ones, `zh` when they tell
   neither; kana is Japanese, Hangul Korean. Translations in Latin letters tell nothing.

A weak answer naming Chinese without a script (`Language-Team: Chinese`) takes the script
the text shows. Nothing here writes the languages anywhere: a catalog keeps its header as it
was read, and only the caller decides to save what was inferred.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from workbench import langs
from workbench._han_script import SIMPLIFIED_ONLY, TRADITIONAL_ONLY
from workbench.errors import UsageError
from workbench.han import HAN_RE
from workbench.model import Catalog

if TYPE_CHECKING:
    from workbench.project import Project

# Where a language came from, strongest first.
OVERRIDE, HEADER, FILE, PROJECT, PATH, TEAM, TEXT = (
    "override", "header", "file", "project", "path", "team", "text")

# ISO 639-1 codes, and the three-letter codes gettext catalogs are named with: a path part is
# a language only when its first subtag is one of these (`po/`, `src/`, `doc/` are not).
_ISO639_1 = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_ISO639_3 = """
ace ach ain ang anp arn ast bal bar bem ber byn cgg chr ckb cmn crh csb dsb frp fur fil gez
gsw hak haw hsb hne jbo kab kmr ksh lij lzh mai mhr mni mus nah nan nap nds nso pap pms quc
sat scn sco shn son szl tig tlh tok vec wae wuu yue zgh
"""
_KNOWN = frozenset(_ISO639_1.split()) | frozenset(_ISO639_3.split())

_MODIFIER_SCRIPT = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}
# `ll_CC.encoding@modifier`, the POSIX locale name gettext folders use.
_POSIX_RE = re.compile(r"^([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)(?:\.[A-Za-z0-9_-]+)?"
                       r"(?:@([A-Za-z]+))?$")

# Language names in headers (Language-Team, old Poedit's X-Poedit-Language): the name, then
# what a parenthesised or following qualifier adds.
_NAMES = {
    "chinese": "zh", "english": "en", "japanese": "ja", "korean": "ko", "cantonese": "yue",
    "french": "fr", "german": "de", "spanish": "es", "russian": "ru", "portuguese": "pt",
    "italian": "it", "vietnamese": "vi",
}
_CHINESE_QUALIFIERS = (
    ("traditional", "zh-Hant"), ("simplified", "zh-Hans"), ("taiwan", "zh-TW"),
    ("hong kong", "zh-HK"), ("hongkong", "zh-HK"), ("macau", "zh-MO"), ("macao", "zh-MO"),
    ("singapore", "zh-SG"), ("china", "zh-CN"), ("prc", "zh-CN"),
)
_PLACEHOLDERS = frozenset(("language", "ll", "ll_cc", "xx", "und"))

_KANA_RE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SAMPLE = 2000  # texts looked at, spread over the whole catalog (a 100,000-unit one too)


@dataclass(frozen=True, slots=True)
class CatalogLanguages:
    """The source and target language of a catalog (BCP 47 tags, "" when unknown) and where
    each came from (one of the constants above, "" when unknown)."""

    source: str
    target: str
    source_from: str = ""
    target_from: str = ""

    @staticmethod
    def _describe(tag: str, origin: str) -> str:
        if not tag:
            return "?"
        return tag if origin in (HEADER, FILE, "") else f"{tag} (from {origin})"

    @property
    def source_text(self) -> str:
        """'en (from text)'; a language the file declares is shown alone; '?' if unknown."""
        return self._describe(self.source, self.source_from)

    @property
    def target_text(self) -> str:
        return self._describe(self.target, self.target_from)

    def describe(self) -> str:
        """'en (from text) → zh-TW (from path)'."""
        return f"{self.source_text} → {self.target_text}"

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "source_from": self.source_from,
                "target": self.target, "target_from": self.target_from}


def catalog_languages(catalog: Catalog, path: str | os.PathLike[str] | None = None,
                      source_override: str | None = None,
                      target_override: str | None = None, *,
                      project_source: str | None = None) -> CatalogLanguages:
    """The languages of `catalog` (read from `path`, default `catalog.path`), decided in the
    order the module doc gives. Overrides are checked tags (a bad one is a UsageError).
    `project_source`: the source language of the project the catalog belongs to."""
    where = Path(path) if path is not None else catalog.path
    header = catalog.header

    source, source_from = _first(
        (OVERRIDE, lambda: _override(source_override, "--source-lang")),
        (HEADER, lambda: tag_of(header.get("X-Source-Language", ""))
         or tag_of(header.get("X-Poedit-SourceLanguage", ""))),
        (FILE, lambda: "" if header else tag_of(catalog.source_lang)),
        (PROJECT, lambda: tag_of(project_source or "")),
    )
    if not source:
        source, source_from = text_language([u.source for u in catalog.units
                                             if not u.obsolete], latin="en"), TEXT
    target, target_from = _first(
        (OVERRIDE, lambda: _override(target_override, "--target-lang")),
        (HEADER, lambda: tag_of(header.get("Language", ""))
         or name_language(header.get("X-Poedit-Language", ""),
                          header.get("X-Poedit-Country", ""))),
        (FILE, lambda: "" if header else tag_of(catalog.target_lang)),
        (PATH, lambda: path_language(where) if where is not None else ""),
        (TEAM, lambda: team_language(header.get("Language-Team", ""))),
    )
    if (target_from == TEAM and target == "zh") or not target:
        inferred = text_language([u.target for u in catalog.units
                                  if u.target and not u.obsolete])
        if inferred and (not target or langs.primary(inferred) == "zh"):
            target, target_from = inferred, TEXT
    return CatalogLanguages(source, target, source_from if source else "",
                            target_from if target else "")


def project_source(path: str | os.PathLike[str] | None, project: Project | None) -> str | None:
    """The project's source language for a catalog inside the project, else None: a PO file
    from elsewhere (git's, named on the command line in a project's folder) is not the
    project's."""
    if project is None or path is None:
        return None
    if not Path(path).resolve().is_relative_to(project.root.resolve()):
        return None
    return project.source_lang


def _first(*candidates: tuple[str, Callable[[], str]]) -> tuple[str, str]:
    """The first candidate giving a language, and its origin (lazily: a later one may
    need to look at the text)."""
    for origin, get in candidates:
        value = get()
        if value:
            return value, origin
    return "", ""


def _override(value: str | None, option: str) -> str:
    if not value:
        return ""
    try:
        return langs.normalize(value)
    except UsageError as exc:
        raise UsageError(f"{option}: {exc}") from None


def tag_of(value: str, known_only: bool = False) -> str:
    """A language tag from a header value or a path part ('zh_TW' -> 'zh-TW',
    'zh_CN.UTF-8' -> 'zh-CN', 'sr@latin' -> 'sr-Latn', 'Chinese (Taiwan)' -> 'zh-TW');
    "" for a placeholder ('LANGUAGE') or something that is no tag. `known_only`: the first
    subtag must be a known language code (for path parts, which are mostly not languages)."""
    value = value.strip()
    if not value or value.lower() in _PLACEHOLDERS:
        return ""
    m = _POSIX_RE.match(value)
    if m is None:
        return "" if known_only else name_language(value)
    base, modifier = m.group(1), (m.group(2) or "").lower()
    try:
        tag = langs.normalize(base)
    except UsageError:
        return ""
    if langs.primary(tag) not in _KNOWN and (known_only or len(langs.primary(tag)) > 2):
        return ""
    if modifier in _MODIFIER_SCRIPT and langs.script(tag) is None:
        parts = tag.split("-")
        tag = "-".join([parts[0], _MODIFIER_SCRIPT[modifier], *parts[1:]])
    return tag


def name_language(value: str, country: str = "") -> str:
    """A language written as a name: 'Chinese (traditional)' -> 'zh-Hant',
    'Chinese' with country 'TAIWAN' -> 'zh-TW'; "" when it names none we know."""
    text = f"{value} {country}".lower()
    words = re.findall(r"[a-z]+", value.lower())
    primary = next((_NAMES[w] for w in words if w in _NAMES), "")
    if primary != "zh":
        return primary
    for qualifier, tag in _CHINESE_QUALIFIERS:
        if qualifier in text:
            return tag
    return "zh"


def team_language(value: str) -> str:
    """The language a Language-Team header names: 'Chinese (simplified) <i18n-zh@...>',
    'zh_CN <LL@li.org>'; "" for the template's 'LANGUAGE <LL@li.org>' or a team name."""
    name = value.split("<", 1)[0].strip()
    if not name:
        return ""
    return tag_of(name, known_only=True) or name_language(name)


def path_language(path: str | os.PathLike[str]) -> str:
    """The target language a catalog's path names, "" when it names none (or is a POT)."""
    p = PurePath(os.fspath(path))
    if p.suffix.lower() == ".pot":
        return ""
    if p.parent.name == "LC_MESSAGES":
        tag = tag_of(p.parent.parent.name, known_only=True)
        if tag:
            return tag
    # The file's name: 'zh_TW.po', 'zh_CN.cp936.po', 'zh_TW.UTF-8.po' (vim), and the
    # Translation Project's 'coreutils-9.1.zh_CN.po': the first or the last dotted part.
    pieces = p.name[: -len(p.suffix)].split(".") if p.suffix else p.name.split(".")
    for piece in dict.fromkeys((pieces[0], pieces[-1], *pieces[1:-1])):
        tag = tag_of(piece, known_only=True)
        if tag:
            return tag
    # A folder per language: 'po/zh_CN/x.po', 'translations/zh-Hant/messages.po'.
    return tag_of(p.parent.name, known_only=True)


def _spread(texts: list[str]) -> list[str]:
    if len(texts) <= _SAMPLE:
        return texts
    step = len(texts) / _SAMPLE
    return [texts[int(i * step)] for i in range(_SAMPLE)]


_PLACEHOLDER_RE = re.compile(r"%[-+ #0-9.*lhqjztL]*[a-zA-Z@]|\{[^{}\s]*\}|<[^<>]+>|&\w+;")


def text_language(texts: list[str], latin: str = "") -> str:
    """The language a sample of texts is written in, by script: Chinese (with its script when
    the characters tell), Japanese, Korean; `latin` when they are mostly Latin letters; "" when
    the script tells nothing (or there is no text)."""
    sample = _PLACEHOLDER_RE.sub(" ", "\n".join(_spread(texts)))
    han = HAN_RE.findall(sample)
    kana = len(_KANA_RE.findall(sample))
    hangul = len(_HANGUL_RE.findall(sample))
    latin_letters = len(_LATIN_RE.findall(sample))
    letters = len(han) + kana + hangul + latin_letters
    if not letters:
        return ""
    if kana and kana * 10 >= len(han) + kana and (len(han) + kana) * 5 >= letters:
        return "ja"
    if hangul * 5 >= letters:
        return "ko"
    if len(han) * 5 >= letters:  # a fifth: Chinese software strings hold many Latin words
        return chinese_script(han)
    if latin_letters * 2 >= letters:
        return latin
    return ""


def chinese_script(chars: list[str] | str) -> str:
    """'zh-Hant' for text using Traditional-only characters (and few Simplified-only ones),
    'zh-Hans' the other way round, 'zh' when it shows neither."""
    traditional = sum(1 for ch in chars if ch in TRADITIONAL_ONLY)
    simplified = sum(1 for ch in chars if ch in SIMPLIFIED_ONLY)
    if traditional > 4 * simplified:
        return "zh-Hant"
    if simplified > 4 * traditional:
        return "zh-Hans"
    return "zh"
