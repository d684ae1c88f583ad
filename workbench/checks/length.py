"""Length ratio: a target much longer or shorter than the catalog's own norm.

A fixed ratio would be wrong for every language pair (English runs about 2.5-3.5 characters
per Chinese character, Simplified 1:1), so the norm is the catalog's median log ratio, and the
spread its median absolute deviation: a robust z-score that outliers do not drag along.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from statistics import median

from workbench.checks.base import CheckContext, Severity, register_catalog
from workbench.model import Unit

MIN_UNITS = 12  # fewer translated units than this: no norm to speak of
MIN_CHARS = 6  # short strings (headings, names) vary too much to judge
MIN_SPREAD = 0.25  # in log-ratio units
THRESHOLD = 4.0  # robust z-score; about 1 unit in 10,000 of a normal distribution passes it


def _size(text: str) -> int:
    return len(text.strip())


@register_catalog("length", Severity.WARNING)
def check_length(units: list[Unit], ctx: CheckContext) -> Iterator[tuple[Unit, str]]:
    """The target's length ratio to the source is within the catalog's own norm.

    The norm is the catalog's median log ratio and the spread its median absolute deviation
    (a robust z-score); a unit more than 4 spreads away, and at least 2.7 times longer or
    shorter than usual, is a finding. Catalogs of fewer than 12 units and strings shorter
    than 6 characters are not judged.
    """
    measured = [(u, math.log(_size(u.target) / _size(u.source))) for u in units
                if _size(u.source) >= MIN_CHARS and _size(u.target)]
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
