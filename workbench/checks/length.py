"""Length ratio: a target much longer or shorter than the catalog's own norm.

A fixed ratio would be wrong for every language pair (English runs about 2.5-3.5 characters
per Chinese character, Simplified 1:1), so the norm is the catalog's median log ratio, and the
spread its median absolute deviation: a robust z-score that outliers do not drag along.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from statistics import median

from workbench.checks.base import CheckContext, Severity, register_catalog
from workbench.checks.markup import looks_like_code, mask
from workbench.han import HAN_RUN_RE
from workbench.model import Unit

MIN_UNITS = 12  # fewer translated units than this: no norm to speak of
MIN_CHARS = 20  # short strings (headings, names, one term) vary too much to judge
MIN_SPREAD = 0.25  # in log-ratio units
THRESHOLD = 4.0  # robust z-score; about 1 unit in 10,000 of a normal distribution passes it




def _size(text: str) -> int:
    """Length in Latin-letter equivalents of the prose: a Han character says about as much as
    three letters, so an English-Chinese catalog's ratios gather around one whether a unit is
    prose or copied code; markup and code spans count as one character each."""
    text = mask(text).strip()
    return len(text) + 2 * (len(text) - len(HAN_RUN_RE.sub("", text))) if not text.isascii() \
        else len(text)


# A source that is one identifier (translator-credits, unit-symbols) is a key whose "translation"
# is data of its own (the credits, a list), not a rendering of the key.
_KEY = re.compile(r"^[A-Za-z][\w.]*[-_][\w.-]*$")


@register_catalog("length", Severity.WARNING)
def check_length(units: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, str]]:
    """The target's length ratio to the source is within the catalog's own norm.

    Lengths count a Han character as three letters and markup as one character. The norm is
    the catalog's median log ratio and the spread its median absolute deviation
    (a robust z-score); a unit more than 4 spreads away, and at least 2.7 times longer or
    shorter than usual, is a finding. Catalogs of fewer than 12 units and sources shorter
    than 20 characters (headings, names, single terms) are not judged.
    """
    measured = []
    for u in units:
        source = _size(u.source)  # each text measured once: this runs on every unit
        if source < MIN_CHARS or _KEY.match(u.source.strip()) or looks_like_code(u.source):
            continue
        target = _size(u.target)
        if target:
            measured.append((u, math.log(target / source)))
    if len(measured) < MIN_UNITS:
        return
    ratios = [r for _, r in measured]
    norm = median(ratios)
    spread = median(abs(r - norm) for r in ratios) * 1.4826  # MAD as a standard deviation
    # A floor: small or uniform catalogs have a tiny spread, and a sentence 1.5 times as long
    # as usual is style, not a problem. With it the least flagged is e^(4 x 0.25) = 2.7 times.
    spread = max(spread, MIN_SPREAD)
    for unit, ratio in measured:
        z = (ratio - norm) / spread
        if abs(z) > THRESHOLD:
            times = math.exp(ratio - norm)
            word = "longer" if z > 0 else "shorter"
            factor = times if z > 0 else 1 / times
            yield unit, (f"the target is {factor:.1f}× {word} than usual for this catalog "
                         f"(ratio {math.exp(ratio):.2f}, norm {math.exp(norm):.2f})")
