"""Which characters are Simplified only, derived from OpenCC's own dictionaries.

STCharacters.txt lists, for each Simplified character OpenCC converts, its Traditional
candidates. A character among its own candidates (台 → 臺 檯 颱 台, 了 → 了 瞭, 后 → 後 后) is
also written in Traditional text, and so is every key of TSCharacters.txt (么, a Traditional
character of its own): those are *both*. The others (发, 这, 们) are Simplified only: their
presence in a Traditional target is evidence by itself. A character that is both is evidence
only inside a word OpenCC's phrase table converts (以后 → 以後, 面包 → 麪包), and only when
jieba cuts that word there: 裡面包含 is 裡面 包含, not 面包.
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
    simplified_only: dict[str, str]  # character -> its (first) Traditional form
    both: frozenset[str]  # Simplified characters that Traditional text writes too
    phrases: dict[str, str]  # Simplified phrase -> Traditional, where a `both` char changes
    bigrams: frozenset[str]  # the two-character windows around those changes (a prefilter)


def derive(folder: Path) -> ScriptTables:
    st = _table(folder / "STCharacters.txt")
    ts_keys = set(_table(folder / "TSCharacters.txt"))
    # Taiwan's and Hong Kong's standard forms (羣 → 群, 竈 → 灶, 臺 → 台): Traditional too.
    variants: dict[str, str] = {}
    for name in ("TWVariants.txt", "HKVariants.txt"):
        if (folder / name).exists():
            variants.update((k, v[0]) for k, v in _table(folder / name).items() if len(k) == 1)
    regional = set(variants.values())
    both = frozenset(k for k, v in st.items() if len(k) == 1
                     and (k in v or k in ts_keys or k in regional))
    simplified_only = {k: v[0] for k, v in st.items() if len(k) == 1 and k not in both}
    # A both-character OpenCC keeps by default (了 → 了 瞭, 面 → 面 麪) is ordinary in
    # Traditional text whatever the phrase (了解 is as Traditional as 瞭解): no evidence.
    converted_by_default = {k for k in both if st[k][0] != k}
    phrases: dict[str, str] = {}
    bigrams: set[str] = set()
    for key, values in _table(folder / "STPhrases.txt").items():
        value = values[0]
        if len(value) != len(key):
            continue
        # The phrase as a Traditional region writes it (臺灣 is 台灣 in Hong Kong's table).
        value = "".join(variants.get(ch, ch) for ch in value)
        changed = [i for i, (a, b) in enumerate(zip(key, value, strict=True))
                   if a != b and a in converted_by_default and variants.get(b, b) != a]
        if changed:
            phrases[key] = value
            for i in changed:
                bigrams.update(w for w in (key[i - 1:i + 1] if i else "", key[i:i + 2])
                               if len(w) == 2)
    return ScriptTables(simplified_only, both, phrases, frozenset(bigrams))


@cache
def tables() -> ScriptTables:
    return derive(dictionary_folder())


def simplified_in_traditional(text: str) -> list[tuple[str, str]]:
    """(Simplified, Traditional) pairs of a Traditional text: characters that are Simplified
    only, and characters that are both inside a word whose Traditional form differs."""
    t = tables()
    found = {(ch, t.simplified_only[ch]) for ch in text if ch in t.simplified_only}
    if any(text[i:i + 2] in t.bigrams for i in range(len(text) - 1) if text[i] in t.both
           or text[i + 1] in t.both):
        from workbench.words import tokenize_chinese

        for word in tokenize_chinese(text):
            # The word in Simplified characters for the both-characters it has (其餘 may
            # hold a Traditional 餘 next to a 后): the phrase table is keyed in Simplified.
            traditional = t.phrases.get(word) or t.phrases.get(_simplify(word))
            if traditional:
                found |= {(a, b) for a, b in zip(word, traditional, strict=True)
                          if a != b and a in t.both}
    return sorted(found)


def _simplify(word: str) -> str:
    from workbench.convert import to_simplified

    simplified = to_simplified(word)
    return simplified if len(simplified) == len(word) else word
