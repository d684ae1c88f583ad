"""Which characters belong to the other script, derived from OpenCC's own dictionaries.

STCharacters.txt lists, for each Simplified character OpenCC converts, its Traditional
candidates. A character among its own candidates (台 → 臺 檯 颱 台, 了 → 了 瞭, 后 → 後 后) is
also written in Traditional text, and so is every key of TSCharacters.txt (么, a Traditional
character of its own): those are *both*. The others (发, 这, 们) are Simplified only: their
presence in a Traditional target is evidence by itself. A character that is both is evidence
only inside a word OpenCC's phrase table converts (以后 → 以後), and only when that phrase
is a word there: no word of jieba's dictionary crosses its edge (裡面包含 is 裡面 包含, not
面包; 皇后来了 is 皇后 来了, not 后来). The same tables read the other
way (TSCharacters, STCharacters, TSPhrases) tell what is Traditional only in a Simplified text.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.util import find_spec
from pathlib import Path


def dictionary_folder() -> Path:
    """OpenCC's dictionaries as `workbench.convert` converts with them: the current ones the
    project ships (workbench/opencc/data), else those of the installed OpenCC package (found
    without importing it)."""
    shipped = Path(__file__).resolve().parent.parent / "opencc" / "data" / "dictionary"
    if (shipped / "STCharacters.txt").is_file():
        return shipped
    spec = find_spec("opencc")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("opencc is not installed")
    return Path(spec.origin).parent / "dictionary"


_LINE = re.compile(r"^([^\t\n]+)\t[ \t]*([^\s]+)([^\n]*)$", re.MULTILINE)


def _table(path: Path) -> dict[str, list[str]]:
    """key -> candidates, the first being OpenCC's choice."""
    text = path.read_text(encoding="utf-8")
    return {key: [first, *rest.split()] if rest.strip() else [first]
            for key, first, rest in _LINE.findall(text)}


@dataclass(frozen=True)
class ScriptTables:
    """What is foreign in a text of one script, for one direction of OpenCC's tables."""

    only: dict[str, str]  # a character of the other script only -> its form in this one
    both: frozenset[str]  # characters of the other script that this one writes too
    phrases: dict[str, str]  # phrase -> this script's form, where a `both` character changes
    bigrams: frozenset[str]  # the two-character windows around those changes (a prefilter)
    # Character by character, the other script into this one (OpenCC's first candidate, where
    # it differs): enough to look a word of two or three characters up in a dictionary
    # without loading OpenCC's converter.
    chars: dict[str, str]

    @cached_property
    def longest(self) -> int:
        return max(map(len, self.phrases), default=0)

    @cached_property
    def only_chars(self) -> frozenset[str]:
        return frozenset(self.only)  # set & set iterates the smaller: the text's characters

    @cached_property
    def _translation(self) -> dict[int, str]:
        return {ord(k): v for k, v in self.chars.items()}

    def convert_chars(self, text: str) -> str:
        """The text in this script, character by character (no phrases, same length)."""
        return text.translate(self._translation)


def derive(characters: dict[str, list[str]], phrase_table: dict[str, list[str]],
           also_written: set[str], variants: dict[str, str]) -> ScriptTables:
    """`characters` converts the other script into this one (STCharacters for a Traditional
    text). A character is written in both when it is among its own candidates or when
    `also_written` holds it (the keys of the reverse table, regional standard forms)."""
    both = frozenset(k for k, v in characters.items() if len(k) == 1
                     and (k in v or k in also_written))
    only = {k: v[0] for k, v in characters.items() if len(k) == 1 and k not in both}
    # A both-character OpenCC keeps by default (了 → 了 瞭, 覆 → 覆 复) is ordinary in this
    # script whatever the phrase (了解 is as Traditional as 瞭解): no evidence.
    converted_by_default = {k for k in both if characters[k][0] != k}
    phrases: dict[str, str] = {}
    bigrams: set[str] = set()
    regional = str.maketrans(variants)
    for key, values in phrase_table.items():
        value = values[0]
        if len(value) != len(key) or converted_by_default.isdisjoint(key):
            continue
        # The phrase as a region writes it (臺灣 is 台灣 in Hong Kong's table).
        value = value.translate(regional)
        changed = [i for i, (a, b) in enumerate(zip(key, value, strict=True))
                   if a != b and a in converted_by_default and variants.get(b, b) != a]
        if changed:
            phrases[key] = value
            for i in changed:
                bigrams.update(w for w in (key[i - 1:i + 1] if i else "", key[i:i + 2])
                               if len(w) == 2)
    chars = {k: v[0] for k, v in characters.items() if len(k) == 1 and len(v[0]) == 1
             and v[0] != k}
    return ScriptTables(only, both, phrases, frozenset(bigrams), chars)


# Bump when derive() changes: a cache written by another version is not read.
_CACHE_VERSION = 2
_SOURCES = ("STCharacters.txt", "TSCharacters.txt", "STPhrases.txt", "TSPhrases.txt",
            "TWVariants.txt", "HKVariants.txt")


def _cache_file(script: str, folder: Path) -> Path:
    """Where the derived tables are kept between runs: the user's cache folder, named after
    the dictionaries' sizes and dates, so an upgraded OpenCC derives them anew."""
    stamp = hashlib.blake2b(repr([_CACHE_VERSION, str(folder)] + [
        (p.stat().st_size, p.stat().st_mtime_ns) for p in (folder / n for n in _SOURCES)
        if p.exists()]).encode(), digest_size=8).hexdigest()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "workbench" / f"script-tables-{script}-{stamp}.marshal"


@cache
def tables(script: str) -> ScriptTables:
    """"Hant": what is Simplified in a Traditional text; "Hans": the reverse.

    Deriving them reads about 1 MB of OpenCC's tables; the result is kept in the user's
    cache folder (a cache that cannot be read or written is just derived again)."""
    folder = dictionary_folder()
    try:
        path: Path | None = _cache_file(script, folder)
    except OSError:
        path = None
    if path is not None and path.exists():
        try:
            only, both, phrases, bigrams, chars = marshal.loads(path.read_bytes())
            return ScriptTables(only, both, phrases, bigrams, chars)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # unreadable or from another layout: derive again
    derived = _derive_from(folder, script)
    if path is not None:
        from workbench.textio import atomic_write_bytes

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, marshal.dumps(
                (derived.only, derived.both, derived.phrases, derived.bigrams,
                 derived.chars)))
        except OSError:
            pass  # a read-only home: derive each run
    return derived


def _derive_from(folder: Path, script: str) -> ScriptTables:
    st = _table(folder / "STCharacters.txt")
    ts = _table(folder / "TSCharacters.txt")
    if script == "Hans":
        return derive(ts, _table(folder / "TSPhrases.txt"), set(st), {})
    # Taiwan's and Hong Kong's standard forms (羣 → 群, 竈 → 灶, 臺 → 台): Traditional too.
    variants: dict[str, str] = {}
    for name in ("TWVariants.txt", "HKVariants.txt"):
        if (folder / name).exists():
            variants.update((k, v[0]) for k, v in _table(folder / name).items() if len(k) == 1)
    return derive(st, _table(folder / "STPhrases.txt"), set(ts) | set(variants.values()),
                  variants)


def foreign_characters(text: str, script: str,
                       usual: Callable[[str, str], bool] | None = None
                       ) -> list[tuple[str, str]]:
    """(as written, as `script` writes it) for the characters of `text` that belong to the
    other script: those that are only of the other script, and those written in both inside a
    phrase OpenCC's table writes otherwise, when that phrase is a word there (no word of
    jieba's dictionary crosses its edge) and `usual(phrase as written, OpenCC's phrase)` does
    not say it is the catalog's own way of writing it (占位 for 佔位, 厘米 for 釐米)."""
    t = tables(script)
    chars = set(text)  # a set intersection runs in C: no per-character Python loop
    found = {(ch, t.only[ch]) for ch in chars & t.only_chars}
    shared = chars & t.both
    if shared:
        hits = set()
        bigrams = t.bigrams
        for ch in shared:  # the places of these few characters, not a loop over the text
            i = text.find(ch)
            while i >= 0:
                if (i > 0 and text[i - 1:i + 1] in bigrams) or text[i:i + 2] in bigrams:
                    hits.add(i)
                i = text.find(ch, i + 1)
        from workbench.checks.lexicon import crosses_a_word

        changes: dict[int, str] = {}  # position -> as this script writes it
        conventional: set[int] = set()  # positions inside a phrase the catalog writes so
        for start, end, converted in _phrases_at(text, hits, t, script):
            if crosses_a_word(text, start, end):
                continue
            changed = {start + i: b for i, (a, b) in enumerate(zip(text[start:end], converted,
                                                                     strict=True))
                       if a != b and a in t.both}
            if usual and changed and usual(text[start:end], converted):
                conventional |= changed.keys()  # 厘米 usual: so is the 厘 of 立方厘米
            else:
                changes.update(changed)
        found |= {(text[i], b) for i, b in changes.items() if i not in conventional}
    return sorted(found)


def _phrases_at(text: str, positions: set[int], t: ScriptTables, script: str
                ) -> Iterator[tuple[int, int, str]]:
    """(start, end, converted) of the table's phrases that cover one of `positions`."""
    longest = t.longest
    for i in sorted(positions):
        for start in range(max(0, i - longest + 1), i + 1):
            for end in range(max(i + 1, start + 2), min(len(text), start + longest) + 1):
                piece = text[start:end]
                converted = t.phrases.get(piece) or t.phrases.get(_other(piece, script))
                if converted:
                    yield start, end, converted


def _other(word: str, script: str) -> str:
    """The word in the phrase table's script, for a word that mixes both (其餘后): character
    by character, which is all a lookup in the table needs (no OpenCC converter to load)."""
    return tables("Hans" if script == "Hant" else "Hant").convert_chars(word)


# A catalog's own convention: a phrase of characters both scripts write (占位, 厘米) that the
# catalog writes so in at least MIN_USES units, and at least CONVENTION times as often as in
# OpenCC's form (佔位, 釐米), is a regional or house variant, not a slip of the other script:
# Taiwan's standard writes 占, Hong Kong 厘米. A slip is the exception in its catalog (以后
# once among a hundred 以後).
CONVENTION = 2.0
MIN_USES = 3


def catalog_usage(targets: Sequence[str]) -> Callable[[str, str], bool]:
    """`usual(phrase, other)` for foreign_characters: is `phrase` the catalog's convention,
    written in `targets` that often and more often than `other`? Counted once per phrase."""
    @cache
    def usual(phrase: str, other: str) -> bool:
        written = sum(1 for t in targets if phrase in t)
        if written < MIN_USES:
            return False
        return written >= CONVENTION * sum(1 for t in targets if other in t)
    return usual
