"""Which characters belong to the other script, derived from OpenCC's own dictionaries.

STCharacters.txt lists, for each Simplified character OpenCC converts, its Traditional
candidates. A character among its own candidates (台 → 臺 檯 颱 台, 了 → 了 瞭, 后 → 後 后) is
also written in Traditional text, and so is every key of TSCharacters.txt (么, a Traditional
character of its own): those are *both*. The others (发, 这, 们) are Simplified only: their
presence in a Traditional target is evidence by itself. A character that is both is evidence
only inside a word OpenCC's phrase table converts (以后 → 以後, 面包 → 麪包), and only when
jieba cuts that word there: 裡面包含 is 裡面 包含, not 面包. The same tables read the other
way (TSCharacters, STCharacters, TSPhrases) tell what is Traditional only in a Simplified text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


def dictionary_folder() -> Path:
    """The dictionaries of the installed OpenCC, the ones `workbench.convert` converts with."""
    import opencc

    return Path(opencc.__file__).parent / "dictionary"


def _table(path: Path) -> dict[str, list[str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values.split():
            table[key] = values.split()
    return table


@dataclass(frozen=True)
class ScriptTables:
    """What is foreign in a text of one script, for one direction of OpenCC's tables."""

    only: dict[str, str]  # a character of the other script only -> its form in this one
    both: frozenset[str]  # characters of the other script that this one writes too
    phrases: dict[str, str]  # phrase -> this script's form, where a `both` character changes
    bigrams: frozenset[str]  # the two-character windows around those changes (a prefilter)


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
    for key, values in phrase_table.items():
        value = values[0]
        if len(value) != len(key):
            continue
        # The phrase as a region writes it (臺灣 is 台灣 in Hong Kong's table).
        value = "".join(variants.get(ch, ch) for ch in value)
        changed = [i for i, (a, b) in enumerate(zip(key, value, strict=True))
                   if a != b and a in converted_by_default and variants.get(b, b) != a]
        if changed:
            phrases[key] = value
            for i in changed:
                bigrams.update(w for w in (key[i - 1:i + 1] if i else "", key[i:i + 2])
                               if len(w) == 2)
    return ScriptTables(only, both, phrases, frozenset(bigrams))


@cache
def tables(script: str) -> ScriptTables:
    """"Hant": what is Simplified in a Traditional text; "Hans": the reverse."""
    folder = dictionary_folder()
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


def foreign_characters(text: str, script: str) -> list[tuple[str, str]]:
    """(as written, as `script` writes it) for the characters of `text` that belong to the
    other script: those that are only of the other script, and those written in both inside a
    word (cut by jieba) that OpenCC's phrase table writes otherwise."""
    t = tables(script)
    found = {(ch, t.only[ch]) for ch in text if ch in t.only}
    if any(text[i:i + 2] in t.bigrams for i in range(len(text) - 1) if text[i] in t.both
           or text[i + 1] in t.both):
        from workbench.words import tokenize_chinese

        for word in tokenize_chinese(text):
            converted = t.phrases.get(word) or t.phrases.get(_other(word, script))
            if converted:
                found |= {(a, b) for a, b in zip(word, converted, strict=True)
                          if a != b and a in t.both}
    return sorted(found)


def _other(word: str, script: str) -> str:
    """The word in the phrase table's script, for a word that mixes both (其餘后)."""
    from workbench.convert import convert, to_simplified

    other = to_simplified(word) if script == "Hant" else convert(word, "s2t")
    return other if len(other) == len(word) else word
