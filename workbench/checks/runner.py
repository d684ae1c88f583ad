"""Run the checks over catalogs: untranslated and fuzzy units, then the quality checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import cast

from workbench import langs
from workbench.checks.base import RETIRED, Check, CheckContext, Problem, load_checks
from workbench.errors import UsageError
from workbench.model import Catalog, State, Unit
from workbench.words import billing_words  # the `billing` measure of `workbench stats`

EXCERPT = 50
# A unit flag `#, ignore-<check>` silences one check for that unit, as Weblate's flags do.
IGNORE_PREFIX = "ignore-"


def excerpt(text: str, size: int = EXCERPT) -> str:
    # The first 4 × size characters fill the excerpt: a long paragraph is not split whole.
    short = " ".join(text[:4 * size].split()) if len(text) > 4 * size else ""
    text = short if len(short) >= size else " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


class CatalogReport:
    """A catalog's counts and findings (a plain class: see Problem)."""

    def __init__(self, path: Path, target_lang: str, counts: dict[State, int],
                 words: dict[State, int], problems: list[Problem] | None = None) -> None:
        self.path = path
        self.target_lang = target_lang
        self.counts = counts
        self.words = words
        self.problems = problems if problems is not None else []

    @property
    def units(self) -> int:
        return sum(self.counts.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    @property
    def percent(self) -> float:
        return 100.0 * self.counts[State.TRANSLATED] / self.units if self.units else 100.0

    @property
    def percent_words(self) -> float:
        total = self.total_words
        return 100.0 * self.words[State.TRANSLATED] / total if total else 100.0


def validate_settings(config: dict[str, object]) -> dict[str, object]:
    """The `[tool.workbench.check]` table, checked and normalised (a string where a list is
    expected becomes a one-item list). Raises ValueError with a one-line explanation."""
    out = dict(config)
    names_checks = any(out.get(key) for key in ("checks", "skip", "severity"))
    known = (set(load_checks()) if names_checks else set()) | set(RETIRED)
    for key in ("checks", "skip", "fail-on"):
        value = out.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"check.{key} must be a list of names")
        if key != "fail-on":
            unknown = [v for v in value if v not in known | {"all", "none"}]
            if unknown:
                raise ValueError(f"check.{key}: unknown check {unknown[0]!r}")
        out[key] = value
    severity = out.get("severity", {})
    if not isinstance(severity, dict):
        raise ValueError('check.severity must be a table, e.g. { glossary = "error" }')
    for name, level in severity.items():
        if name not in known:
            raise ValueError(f"check.severity: unknown check {name!r}")
        if level not in ("error", "warning"):
            raise ValueError(f"check.severity.{name} must be \"error\" or \"warning\"")
    minimum = out.get("min-percent")
    if minimum is not None and (isinstance(minimum, bool)
                                or not isinstance(minimum, int | float)):
        raise ValueError("check.min-percent must be a number")
    return out


def select_checks(enabled: Iterable[str] | None = None, skipped: Iterable[str] = (),
                  config: dict[str, object] | None = None) -> list[Check]:
    """The checks to run: `enabled` (or the project's `checks`, or all), minus the skipped.

    The names "all" and "none" select every check or none; a retired id selects nothing.
    """
    config = config or {}
    # validate_settings made `checks` and `skip` lists of names
    names: list[str] = list(enabled or cast("list[str]", config.get("checks")) or ["all"])
    skip = set(skipped) | set(cast("list[str]", config.get("skip", [])))
    if names == ["none"] and not skip:
        return []  # the status gate: no check module is even imported
    REGISTRY = load_checks()
    chosen: list[str] = []
    for name in names:
        if name == "all":
            chosen += list(REGISTRY)
        elif name == "none" or name in RETIRED:
            continue
        elif name in REGISTRY:
            chosen.append(name)
        else:
            raise UsageError(f"unknown check {name!r}; the checks are: {', '.join(REGISTRY)}")
    for name in skip:
        if name not in REGISTRY and name not in RETIRED and name != "all":
            raise UsageError(f"unknown check {name!r}; the checks are: {', '.join(REGISTRY)}")
    if "all" in skip:
        return []
    return [REGISTRY[n] for n in dict.fromkeys(chosen) if n not in skip]


def severity_of(check: Check, config: dict[str, object] | None) -> str:
    overrides = (config or {}).get("severity", {})
    if isinstance(overrides, dict) and check.id in overrides:
        return str(overrides[check.id])
    return check.severity.value


_PLURAL_FORMS_RE = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+)")
_SAMPLE_N = range(1001)  # enough values of n to see which forms stand for one number only


@lru_cache(maxsize=32)
def plural_roles(plural_forms: str) -> tuple[tuple[bool, bool], ...]:
    """For each plural form of a Plural-Forms header: (is it the singular, the form n = 1
    alone; does it stand for one value of n only). msgfmt compares a form used for one value
    of n leniently (it may say "one file", without %d); every other form is the plural.

    An unreadable or missing header gives the Germanic two forms (msgid, msgid_plural)."""
    import gettext

    m = _PLURAL_FORMS_RE.search(plural_forms)
    try:
        nplurals = int(m.group(1)) if m else 2
        rule = gettext.c2py(m.group(2).strip()) if m else (lambda n: int(n != 1))
        values: list[set[int]] = [set() for _ in range(nplurals)]
        for n in _SAMPLE_N:
            form = rule(n)
            if 0 <= form < nplurals:
                values[form].add(n)
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        return ((True, True), (False, False))
    return tuple((v == {1}, len(v) <= 1) for v in values)


def _forms(unit: Unit, roles: tuple[tuple[bool, bool], ...]
           ) -> list[tuple[str, Unit, bool]]:
    """The unit as (label, view, lenient) per form: each plural form against the source form
    it stands for (msgid for the form of n = 1 alone, msgid_plural for the others)."""
    if unit.source_plural is None:
        return [("", unit, False)]
    targets = [unit.target, *unit.target_plurals]
    out = []
    for n, target in enumerate(targets):
        singular, lenient = roles[n] if n < len(roles) else (False, False)
        source = unit.source if singular else unit.source_plural
        view = unit if (source is unit.source and n == 0) else \
            replace(unit, source=source, target=target)
        out.append((f"msgstr[{n}]: " if len(targets) > 1 or not singular else "", view,
                    lenient))
    return out


def applicable(checks: Sequence[Check], target_lang: str) -> list[Check]:
    """The checks that apply to a catalog of this target language (their declared targets)."""
    return [c for c in checks if c.targets.matches(target_lang)]


def check_catalog(catalog: Catalog, ctx: CheckContext, checks: Sequence[Check],
                  path: Path | None = None) -> CatalogReport:
    # One pass that does little per unit: this is what a CI run on 100,000 units pays for.
    sources: dict[State, list[str]] = {state: [] for state in State}
    problems: list[Problem] = []
    translated: list[Unit] = []
    translated_state = State.TRANSLATED
    untranslated = State.UNTRANSLATED
    labels = {state: state.label for state in State}
    for unit in catalog.units:
        if unit.obsolete:
            continue
        state = unit.state
        if state is translated_state and (not unit.target.strip() or (
                unit.target_plurals and not all(t.strip() for t in unit.target_plurals))):
            state = untranslated  # a blank target says nothing: one finding, not one per check
        sources[state].append(unit.source)
        if state is translated_state:
            translated.append(unit)
        else:
            problems.append(Problem(labels[state], "", unit.id, unit.entry_line,
                                    excerpt(unit.source), unit.source,
                                    context=unit.msgctxt or ""))
    counts = {state: len(texts) for state, texts in sources.items()}
    words = {state: billing_words("\n".join(texts)) for state, texts in sources.items()}
    checks = applicable(checks, ctx.target_lang)
    unit_checks = [(c.id, c.unit, severity_of(c, ctx.settings), IGNORE_PREFIX + c.id)
                   for c in checks if c.unit]
    roles = plural_roles(catalog.header.get("Plural-Forms", "")
                         or (langs.plural_forms(ctx.target_lang) if ctx.target_lang else ""))
    ctx = replace(ctx, units=translated, memo={})
    lenient_ctx = replace(ctx, lenient=True)
    for unit in translated:
        seen: set[tuple[str, str]] = set()
        forms = _forms(unit, roles) if unit.source_plural is not None else \
            [("", unit, False)]
        flags = unit.flags
        for label, view, lenient in forms:
            for check_id, run, severity, ignore in unit_checks:
                if flags and ignore in flags:
                    continue
                for message in run(view, lenient_ctx if lenient else ctx):
                    if (check_id, message) in seen:
                        continue  # the same finding in two forms (or twice in one) is one
                    seen.add((check_id, message))
                    problems.append(Problem(check_id, severity, unit.id, unit.entry_line,
                                            label + message, unit.source, view.target,
                                            unit.msgctxt or ""))
    for check in checks:
        if check.catalog:
            severity = severity_of(check, ctx.settings)
            for unit, message in check.catalog(translated, ctx):
                if IGNORE_PREFIX + check.id in unit.flags:
                    continue
                problems.append(Problem(check.id, severity, unit.id, unit.entry_line,
                                        message, unit.source, unit.target, unit.msgctxt or ""))
    problems.sort(key=lambda p: p.line)
    return CatalogReport(path or catalog.path or Path("<catalog>"),
                         ctx.target_lang or catalog.target_lang,
                         counts, words, problems)
