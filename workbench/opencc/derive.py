"""Derive OpenCC's generated dictionaries from the source ones, as OpenCC's build does.

    python -m workbench.opencc.derive     # rewrites data/dictionary/<generated>.txt

OpenCC's `data/CMakeLists.txt` generates five dictionaries at build time with the scripts
in its `data/scripts/`; these are the same transformations in Python (the tests compare
them with the official scripts' output):

- TWVariantsRev, HKVariantsRev, JPShinjitaiCharactersRev: `reverse.py`, every value becomes
  a key, `# @reverse-prefer:` comments pick the default of a reversed key;
- TSCharactersExt: `extract_tofu_risk.py`, the mappings after `# @tofu-risk:` comments;
- STPhrases_GeneratedFromRegionalPhrases: `generate_st_phrases_from_regional_phrases.py`,
  the t2s conversion of every HKPhrases/TWPhrases key of three or more characters, mapped
  back to that key (the conversion is our engine's t2s, which equals OpenCC's on its cases).

The derived files are shipped in the package; tests/test_convert_data.py checks that they
are what this script makes from the shipped sources, so they can never drift.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from workbench.opencc.engine import DICTIONARIES

REVERSE_PREFER = "# @reverse-prefer:"
TOFU_RISK = "# @tofu-risk:"

GENERATED = ("TSCharactersExt", "TWVariantsRev", "HKVariantsRev", "JPShinjitaiCharactersRev",
             "STPhrases_GeneratedFromRegionalPhrases")


def _entries(text: str) -> list[tuple[str, list[str]]]:
    entries = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, values = line.split("\t", 1)
        entries.append((key, values.split(" ")))
    return entries


def reverse(text: str) -> str:
    """reverse.py: swap keys and values, apply @reverse-prefer, sort by key."""
    prefer: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(REVERSE_PREFER):
            fields = line[len(REVERSE_PREFER):].split()
            if len(fields) not in (1, 2):
                raise ValueError(f"invalid reverse preference at line {number}: {line}")
            prefer[fields[0]] = fields[-1]
    swapped: dict[str, list[str]] = {}
    for key, values in _entries(text):
        for value in values:
            swapped.setdefault(value, []).append(key)
    for key, preferred in prefer.items():
        if key not in swapped or preferred not in swapped[key]:
            raise ValueError(f"reverse preference {key} -> {preferred} has no matching mapping")
        values = swapped[key]
        values.insert(0, values.pop(values.index(preferred)))
    return "".join(f"{key}\t{' '.join(swapped[key])}\n" for key in sorted(swapped))


def extract_tofu_risk(text: str) -> str:
    """extract_tofu_risk.py: the mapping after each @tofu-risk comment, minus the identity."""
    lines = text.splitlines()
    out = []
    for index, line in enumerate(lines):
        if not line.startswith(TOFU_RISK):
            continue
        if index + 1 >= len(lines) or not lines[index + 1].strip() or \
                lines[index + 1].startswith("#"):
            raise ValueError(f"expected a mapping after {TOFU_RISK} at line {index + 1}")
        key, values_text = lines[index + 1].split("\t", 1)
        values = values_text.split()
        if values and values[0] == key:
            values = values[1:]
        if not values:
            raise ValueError(f"expected an extension mapping after line {index + 1}")
        out.append(f"{key}\t{' '.join(values)}\n")
    return "".join(out)


def st_phrases_from_regional(sources: dict[str, str]) -> str:
    """generate_st_phrases_from_regional_phrases.py with --input HKPhrases --input TWPhrases."""
    from workbench.opencc.engine import Converter, load_config

    t2s = Converter(load_config("t2s", include_tofu=True))
    collisions: dict[str, list[str]] = defaultdict(list)
    for name in ("HKPhrases.txt", "TWPhrases.txt"):
        for key, _ in _entries(sources[name]):
            converted = t2s.convert(key)
            # Short regional keys could split longer Simplified words before STPhrases
            # gets to match them.
            if len(converted) >= 3:
                collisions[converted].append(key)
    conflicts = {k: v for k, v in collisions.items() if len(set(v)) > 1}
    if conflicts:
        raise ValueError("conflicting regional phrase projections: " + ", ".join(
            f"{k}: {' '.join(v)}" for k, v in sorted(conflicts.items())))
    header = (
        "# Open Chinese Convert (OpenCC) Dictionary\n"
        "# File: STPhrases_GeneratedFromRegionalPhrases.txt\n"
        "# Format: key\tvalue(s) (values separated by spaces)\n"
        "# License: Apache-2.0 (see LICENSE)\n"
        "# Source: generated from HKPhrases.txt, TWPhrases.txt keys via t2s.json\n"
        "# Used in configs: s2hkp.json, s2twp.json\n"
        "#\n"
        "# This generated ST phrase dictionary preserves Simplified-input spans\n"
        "# before applying regional phrase vocabulary.\n"
        "\n"
    )
    return header + "".join(f"{k}\t{collisions[k][0]}\n" for k in sorted(collisions))


def derive(folder: Path = DICTIONARIES) -> dict[str, str]:
    """The generated dictionaries (file name to text) from the source ones in `folder`."""
    def read(name: str) -> str:
        return (folder / name).read_text(encoding="utf-8")

    out = {
        "TSCharactersExt.txt": extract_tofu_risk(read("TSCharacters.txt")),
        "TWVariantsRev.txt": reverse(read("TWVariants.txt")),
        "HKVariantsRev.txt": reverse(read("HKVariants.txt")),
        "JPShinjitaiCharactersRev.txt": reverse(read("JPShinjitaiCharacters.txt")),
    }
    # The t2s conversion behind the ST phrases needs TSCharactersExt in place.
    if folder == DICTIONARIES:
        _write(folder, "TSCharactersExt.txt", out["TSCharactersExt.txt"])
    out["STPhrases_GeneratedFromRegionalPhrases.txt"] = st_phrases_from_regional(
        {n: read(n) for n in ("HKPhrases.txt", "TWPhrases.txt")})
    return out


def _write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(text.encode("utf-8"))
        tmp.replace(path)


def main() -> int:
    for name, text in derive().items():
        _write(DICTIONARIES, name, text)
        print(f"{DICTIONARIES / name}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
