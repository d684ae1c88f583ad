"""Placeholders and markup that software strings carry: %s, %(name)d, %1$s, {0}, {name}, <b>.

A translation must keep every one of them (in any order) or the program breaks at run time;
gettext's own `msgfmt --check` verifies only units flagged c-format.
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.checks.base import CheckContext, Severity, register
from workbench.model import Unit

# Without a format flag only unmistakable forms count: "15% of" is a percentage, not "% o".
_PRINTF_PLAIN = re.compile(r"(?<![\d%])%(?:\d+\$|\([A-Za-z_]\w*\))?[sdif]")
_PRINTF_FULL = re.compile(
    r"%(?:\d+\$|\([A-Za-z_]\w*\))?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?"
    r"[diouxXeEfFgGaAcspn%]")
_BRACES = re.compile(r"\{(?:\d+|[A-Za-z_][\w.]*)(?:![rsa])?(?::[^{}]*)?\}")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def placeholders(text: str, flags: list[str]) -> Counter[str]:
    printf = _PRINTF_FULL if any(f.endswith("-format") and not f.startswith("no-")
                                 for f in flags) else _PRINTF_PLAIN
    found = [m.group(0) for m in printf.finditer(text) if m.group(0) != "%%"]
    found += _BRACES.findall(text)
    found += [re.sub(r"\s.*", ">", m) if not m.startswith("</") else m for m in _TAG.findall(text)]
    return Counter(found)


@register("placeholders", Severity.ERROR,
          "printf and brace placeholders (%s, %(n)d, {0}, {name}) and tags kept in the target")
def check_placeholders(unit: Unit, ctx: CheckContext) -> list[str]:
    source = placeholders(unit.source, unit.flags)
    target = placeholders(unit.target, unit.flags)
    if source == target:
        return []
    out = []
    missing = source - target
    extra = target - source
    if missing:
        out.append("missing from the target: " + " ".join(sorted(missing.elements())))
    if extra:
        out.append("not in the source: " + " ".join(sorted(extra.elements())))
    return out
