"""OpenCC's conversions with its current dictionaries, in pure Python.

    from workbench.opencc import converter
    converter("tw2sp")("軟體") == "软件"

The dictionaries and configurations in `data/` are OpenCC's (Apache-2.0, see data/README.md);
`engine` runs them with OpenCC's semantics, `derive` makes the generated dictionaries.
"""

from __future__ import annotations

from functools import cache

from workbench.opencc.engine import (
    CONFIG_NAMES,
    DICTIONARIES,
    Converter,
    Reference,
    converter,
    dictionary,
    load_config,
)

__all__ = ["CONFIG_NAMES", "Converter", "Reference", "candidates", "converter", "dictionary",
           "load_config", "shared_characters"]


def candidates(name: str) -> dict[str, tuple[str, ...]]:
    """A shipped dictionary with all of its candidates (the first is OpenCC's default)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (DICTIONARIES / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line and line[0] != "#" and "\t" in line:
            key, values = line.split("\t", 1)
            table.setdefault(key, tuple(values.split()))
    return table


@cache
def shared_characters() -> frozenset[str]:
    """Characters that are correct in both Traditional and Simplified text, per OpenCC.

    Among the characters OpenCC's character tables (TSCharacters, STCharacters) mention:
    those that neither table would always replace, i.e. each table either has no entry for
    the character or lists the character itself among its candidates. 乾 (乾隆), 后 (皇后)
    and 么 are in; 擡 (Traditional only) and 这 (Simplified only) are not. Characters
    neither table mentions (的, 人) are shared too but not listed.
    """
    ts, st = candidates("TSCharacters"), candidates("STCharacters")
    mentioned = {ch for table in (ts, st) for key, values in table.items()
                 for ch in (key, *values) if len(ch) == 1}
    return frozenset(ch for ch in mentioned
                     if (ch not in ts or ch in ts[ch]) and (ch not in st or ch in st[ch]))
