"""OpenCC's conversion, exactly, in Python: configurations, dictionaries, matching.

The semantics follow OpenCC's C++ sources (commit in data/README.md):

- `normalization` (CJK compatibility ideographs) is a conversion chain run over the whole text
  first, without segmentation.
- `segmentation` (type mmseg) cuts the text by maximum forward matching over its dictionary:
  every match is a segment; the unmatched characters between matches form one segment.
  Without a segmentation the whole text is one segment (t2s, s2t).
- every segment then goes through the `conversion_chain`, step by step; a step is a
  maximum forward match over its dictionary, and an unmatched character is copied.
  An unmatched ideographic description sequence (⿰氵青) is copied whole.
- a dictionary group with match policy `short_circuit` answers with the first of its
  dictionaries that matches at all (that dictionary's longest key); `union` answers with the
  longest key over all of its dictionaries (the earlier one on a tie).
- a dictionary's value is its first candidate; a key listed twice keeps its first line.

Two implementations of one semantics: `Reference` walks the text character by character
as the C++ loop does (slow, obviously right, used for text holding ideographic description
characters and as the oracle of the property tests); `Converter` lets one regular
expression per step find the few places where a key can start (a first character followed
by a possible second one), checks those against the dictionaries, and converts the gaps with
`str.translate`, which is where the speed comes from (see bench/convert.py).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
DICTIONARIES = DATA / "dictionary"
CONFIGS = DATA / "config"

# The configurations shipped; all of OpenCC's (jp2t/t2jp included: they cost nothing).
CONFIG_NAMES = ("t2s", "tw2s", "hk2s", "tw2sp", "hk2sp", "s2t", "s2tw", "s2hk", "s2twp",
                "s2hkp", "t2tw", "t2hk", "tw2t", "hk2t", "jp2t", "t2jp")

# Ideographic description operators U+2FF0..U+2FFF and how many operands each takes.
_IDS_ARITY = {0x2FF2: 3, 0x2FF3: 3, 0x2FFE: 1, 0x2FFF: 1}
_IDS_ARITY.update({cp: 2 for cp in range(0x2FF0, 0x3000) if cp not in _IDS_ARITY})
_IDS_CHARS = re.compile("[\u2ff0-\u2fff]")
_IDS_MAX_DEPTH = 16
_IDS_MAX_CODE_POINTS = 64



# --- configurations -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Leaf:
    name: str  # the dictionary's file stem: TSPhrases


@dataclass(frozen=True, slots=True)
class Group:
    policy: str  # "short_circuit" or "union"
    items: tuple[Node, ...]


Node = Leaf | Group


@dataclass(frozen=True, slots=True)
class Config:
    name: str
    normalization: tuple[Node, ...]
    segmentation: Node | None
    chain: tuple[Node, ...]

    def dictionaries(self) -> set[str]:
        names: set[str] = set()

        def walk(node: Node) -> None:
            if isinstance(node, Leaf):
                names.add(node.name)
            else:
                for item in node.items:
                    walk(item)
        for node in (*self.normalization, *self.chain,
                     *((self.segmentation,) if self.segmentation else ())):
            walk(node)
        return names


def _parse_dict(doc: Mapping, include_tofu: bool) -> Node | None:
    if doc.get("may_output_tofu") and not include_tofu:
        return None  # OpenCC drops the dictionary (or group) entirely
    if doc["type"] == "group":
        items = [n for d in doc["dicts"] if (n := _parse_dict(d, include_tofu)) is not None]
        if not items:
            return None
        return Group(doc.get("match_policy", "short_circuit"), tuple(items))
    if doc["type"] not in ("ocd2", "ocd", "text"):
        raise ValueError(f"unsupported OpenCC dictionary type {doc['type']!r}")
    return Leaf(Path(doc["file"]).stem)


def _parse_chain(steps: Iterable[Mapping], include_tofu: bool) -> tuple[Node, ...]:
    return tuple(n for s in steps if (n := _parse_dict(s["dict"], include_tofu)) is not None)


@cache
def load_config(name: str, include_tofu: bool = True) -> Config:
    """An OpenCC configuration by name ('t2s', 'tw2sp', ...), as shipped in data/config.

    `include_tofu` keeps the dictionaries marked may_output_tofu (TSCharactersExt: rare
    Simplified forms outside common fonts), as OpenCC's library does by default and its
    published test cases expect.
    """
    if name not in CONFIG_NAMES:
        raise ValueError(f"unknown OpenCC configuration {name!r} "
                         f"(known: {', '.join(CONFIG_NAMES)})")
    doc = json.loads((CONFIGS / f"{name}.json").read_text(encoding="utf-8"))
    segmentation = None
    if "segmentation" in doc:
        if doc["segmentation"].get("type") != "mmseg":
            raise ValueError(f"{name}: unsupported segmentation {doc['segmentation']}")
        segmentation = _parse_dict(doc["segmentation"]["dict"], True)
    return Config(name, _parse_chain(doc.get("normalization", ()), include_tofu),
                  segmentation, _parse_chain(doc["conversion_chain"], include_tofu))


# --- dictionaries -----------------------------------------------------------------------

def parse_dictionary(text: str) -> dict[str, str]:
    """OpenCC's text format: key TAB candidates separated by spaces; the first is the value."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        key, tab, values = line.partition("\t")
        value = values.split(" ", 1)[0]
        if tab and key and value and key not in table:
            table[key] = value
    return table


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "workbench" / "opencc"


# A dictionary as the matcher uses it: the table, the lengths of its keys by their first two
# characters (longest first), its one-character keys, and whether any key is all ASCII.
Tier = tuple[dict[str, str], dict[str, tuple[int, ...]], str, bool]


def _tier(table: dict[str, str]) -> Tier:
    by_bigram: dict[str, set[int]] = {}
    singles = []
    for key in table:
        if len(key) > 1:
            by_bigram.setdefault(key[:2], set()).add(len(key))
        else:
            singles.append(key)
    return (table, {b: tuple(sorted(n, reverse=True)) for b, n in by_bigram.items()},
            "".join(singles), any(k.isascii() for k in table))


@cache
def _load(name: str) -> Tier:
    """A shipped dictionary compiled once into the user's cache (a marshalled Tier).

    The cache file is named by the content hash of the text dictionary, so an upgrade of
    the dictionaries can never read a stale table; a cache that cannot be written is skipped.
    """
    raw = (DICTIONARIES / f"{name}.txt").read_bytes()
    digest = hashlib.blake2b(raw, digest_size=12).hexdigest()
    cached = _cache_dir() / f"{name}-{digest}.marshal"
    try:
        tier = marshal.loads(cached.read_bytes())
        if isinstance(tier, tuple) and len(tier) == 4 and isinstance(tier[0], dict):
            return tier
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tier = _tier(parse_dictionary(raw.decode("utf-8")))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(tier))
        os.replace(tmp, cached)
    except OSError:
        pass
    return tier


def dictionary(name: str) -> dict[str, str]:
    """A shipped dictionary, key to value (the first candidate)."""
    return _load(name)[0]


@cache
def _longest_key(name: str) -> int:
    return max(map(len, dictionary(name)), default=0)


@cache
def _tiers(node: Node) -> list[Tier] | None:
    """A dictionary node as an ordered list of tables tried one after the other.

    A short_circuit group is the concatenation of its items' tiers; a union of plain
    dictionaries is one merged table (the longest key over all of them, the first table's
    value for a shared key, as OpenCC's flattened trie). A union over a short_circuit group
    has no such form: None, and the Reference matcher handles it.
    """
    if isinstance(node, Leaf):
        return [_load(node.name)]
    subs: list[list[Tier]] = []
    for item in node.items:
        sub = _tiers(item)
        if sub is None:
            return None
        subs.append(sub)
    if node.policy == "short_circuit":
        return [tier for sub in subs for tier in sub]
    if any(len(sub) != 1 for sub in subs):
        return None
    parts = [sub[0] for sub in subs]
    table: dict[str, str] = {}
    for part in reversed(parts):  # the first dictionary's value wins
        table.update(part[0])
    largest: dict[str, tuple[int, ...]] = max((p[1] for p in parts), key=len)
    by_bigram = dict(largest)
    for part in parts:
        for bigram, lengths in part[1].items():
            if by_bigram.get(bigram) != lengths:
                both = set(lengths) | set(by_bigram.get(bigram, ()))
                by_bigram[bigram] = tuple(sorted(both, reverse=True))
    singles = "".join(dict.fromkeys("".join(p[2] for p in parts)))
    return [(table, by_bigram, singles, any(p[3] for p in parts))]


# --- the reference implementation --------------------------------------------------------

def ids_length(text: str, i: int) -> int:
    """Length of the complete ideographic description sequence at text[i], or 0."""
    if _IDS_ARITY.get(ord(text[i])) is None:
        return 0
    count = 0

    def consume(pos: int, depth: int) -> int | None:  # the end, None when not complete
        nonlocal count
        if pos >= len(text) or depth == 0 or count >= _IDS_MAX_CODE_POINTS:
            return None
        count += 1
        arity = _IDS_ARITY.get(ord(text[pos]), 0)
        pos += 1
        for _ in range(arity):
            end = consume(pos, depth - 1)
            if end is None:
                return None
            pos = end
        return pos

    end = consume(i, _IDS_MAX_DEPTH)
    return end - i if end is not None else 0


class Reference:
    """OpenCC's loops, character by character: the specification the fast path must meet."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @staticmethod
    def match(node: Node, text: str, i: int) -> tuple[int, str] | None:
        if isinstance(node, Leaf):
            table = dictionary(node.name)
            longest = _longest_key(node.name)
            for end in range(min(len(text), i + longest), i, -1):  # the longest key first
                value = table.get(text[i:end])
                if value is not None:
                    return end - i, value
            return None
        best = None
        for item in node.items:
            found = Reference.match(item, text, i)
            if found is not None:
                if node.policy == "short_circuit":
                    return found
                if best is None or found[0] > best[0]:
                    best = found
        return best

    def step(self, node: Node, text: str) -> str:
        out = []
        i = 0
        while i < len(text):
            found = self.match(node, text, i)
            if found is None:
                n = ids_length(text, i) or 1
                out.append(text[i:i + n])
                i += n
            else:
                out.append(found[1])
                i += found[0]
        return "".join(out)

    def segments(self, text: str) -> list[str]:
        if self.config.segmentation is None:
            return [text] if text else []
        segments = []
        gap_start = i = 0
        while i < len(text):
            found = self.match(self.config.segmentation, text, i)
            if found is None:
                i += ids_length(text, i) or 1
            else:
                if gap_start < i:
                    segments.append(text[gap_start:i])
                segments.append(text[i:i + found[0]])
                i += found[0]
                gap_start = i
        if gap_start < len(text):
            segments.append(text[gap_start:])
        return segments

    def convert(self, text: str) -> str:
        for node in self.config.normalization:
            text = self.step(node, text)
        out = []
        for segment in self.segments(text):
            for node in self.config.chain:
                segment = self.step(node, segment)
            out.append(segment)
        return "".join(out)


# --- the fast implementation -------------------------------------------------------------

def _char_class(chars: Iterable[str]) -> str:
    """A character class of `chars` written as ranges: `re` tests a range in one step but a
    list of characters beyond the BMP one by one."""
    points = sorted(set(map(ord, chars)))
    runs: list[list[int]] = []
    for cp in points:
        if runs and cp == runs[-1][1] + 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in runs) + "]"


def _char_table(tiers: Iterable[Tier]) -> dict[int, str]:
    table: dict[int, str] = {}
    for tier in tiers:
        for key, value in tier[0].items():
            table.setdefault(ord(key), value)
    return {k: v for k, v in table.items() if v != chr(k)}


Step = Callable[[str], str]
Finder = Callable[[str], Iterator[tuple[int, int, str]]]


def _finder(head: list[Tier]) -> Finder:
    """The matches (start, end, value) of a maximum forward match over `head`, in order."""
    # A regular expression finds the positions where a key can start; the first two
    # characters there rule out most of them at the cost of one set lookup; only then each
    # tier, in order, tries the lengths of its keys that start with that bigram, longest first.
    indexes = [(tier[0], tier[1]) for tier in head]
    bigrams = {b for tier in head for b in tier[1]}
    singles = {ch for tier in head for ch in tier[2]}
    # Where a key can start: a first character followed by a second one (a lookahead, so
    # that overlapping candidates are all found), or a one-character key.
    pairs = _char_class(b[0] for b in bigrams) + "(?=" + _char_class(b[1] for b in bigrams) + ")"
    pattern = "|".join(([pairs] if bigrams else []) + ([_char_class(singles)] if singles else []))
    candidates = re.compile(pattern).finditer

    def find(text: str) -> Iterator[tuple[int, int, str]]:
        free = 0  # the end of the last match: no match starts inside it
        for m in candidates(text):
            i = m.start()
            if i < free:
                continue
            bigram = text[i:i + 2]
            if bigram not in bigrams and text[i] not in singles:
                continue
            for tier, by_bigram in indexes:
                for n in by_bigram.get(bigram, ()):
                    value = tier.get(text[i:i + n])
                    if value is not None:
                        break
                else:
                    n = 1
                    value = tier.get(text[i])
                if value is not None:
                    yield i, i + n, value
                    free = i + n
                    break

    return find


_FINDERS: dict[tuple[int, ...], Finder] = {}


def _shared_finder(head: list[Tier]) -> Finder:
    """One finder per list of tables: s2tw segments and converts with the same union."""
    key = tuple(id(t[0]) for t in head)  # the tables are cached for the life of the process
    if key not in _FINDERS:
        _FINDERS[key] = _finder(head)
    return _FINDERS[key]


def _compile_step(tiers: list[Tier]) -> Step:
    """One conversion step: maximum forward match over `tiers`, tried in order."""
    # Trailing tiers of single characters never compete with a longer key: when no earlier
    # tier matches at a position, they replace just that character, which str.translate
    # does for all the gaps at once.
    last_phrase = max((i for i, t in enumerate(tiers) if t[1]), default=-1)
    head, tail = tiers[:last_phrase + 1], tiers[last_phrase + 1:]
    table = _char_table(tail)
    if not head:
        if not table:
            return lambda text: text
        # Most text holds none of, say, the compatibility ideographs: a search in C says so
        # faster than translate looks up every character.
        present = re.compile(_char_class(map(chr, table))).search
        return lambda text: text.translate(table) if present(text) else text
    find = _shared_finder(head)

    def step(text: str) -> str:
        parts = []
        pos = 0
        for start, end, value in find(text):
            if start > pos:
                parts.append(text[pos:start].translate(table))
            parts.append(value)
            pos = end
        if not parts:
            return text.translate(table)
        parts.append(text[pos:].translate(table))
        return "".join(parts)

    return step


# Segments are converted as one string with this between them: no dictionary key holds it,
# so no match crosses it, exactly as if each segment were converted on its own (and one call
# per step instead of one per segment). A noncharacter; text holding it takes the slow path.
SEPARATOR = "\uffff"


def _compile_segmenter(tiers: list[Tier]) -> Step:
    """Maximum forward match segmentation: the text with SEPARATOR around every match."""
    find = _shared_finder(tiers)

    def segment(text: str) -> str:
        parts: list[str] = []
        pos = 0
        for start, end, _ in find(text):
            parts += (text[pos:start], SEPARATOR, text[start:end], SEPARATOR)
            pos = end
        if not parts:
            return text
        parts.append(text[pos:])
        return "".join(parts)

    return segment


class Converter:
    """A compiled OpenCC configuration: `convert(text)` is OpenCC's output for `text`."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.reference = Reference(config)
        normal = [self._step(n) for n in config.normalization]
        chain = [self._step(n) for n in config.chain]
        # used only when every step compiled (`_exact`); the reference runs otherwise
        self._normalize = [s for s in normal if s is not None]
        self._chain = [s for s in chain if s is not None]
        self._segment: Step | None = None
        if config.segmentation is not None:
            tiers = _tiers(config.segmentation)
            self._segment = _compile_segmenter(tiers) if tiers is not None else None
        # Keys such as "BMW集團" start with ASCII, but none is all ASCII: ASCII text is inert.
        self._ascii_inert = not any(_load(name)[3] for name in config.dictionaries())
        self._exact = (all(s is not None for s in (*normal, *chain))
                       and (config.segmentation is None or self._segment is not None))

    @staticmethod
    def _step(node: Node) -> Step | None:
        tiers = _tiers(node)
        return _compile_step(tiers) if tiers is not None else None

    def convert(self, text: str) -> str:
        if not text or (text.isascii() and self._ascii_inert):
            return text
        if not self._exact or _IDS_CHARS.search(text) or SEPARATOR in text:
            return self.reference.convert(text)
        for step in self._normalize:
            text = step(text)
        if self._segment is not None:
            text = self._segment(text)
        for step in self._chain:
            text = step(text)
        return text.replace(SEPARATOR, "") if self._segment is not None else text

    __call__ = convert


@cache
def converter(config: str, include_tofu: bool = True) -> Converter:
    """The compiled converter of an OpenCC configuration, built once per process."""
    return Converter(load_config(config, include_tofu))
