"""Run the checks over catalogs: untranslated and fuzzy units, then the quality checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.checks.base import REGISTRY, Check, CheckContext, Problem
from workbench.errors import UsageError
from workbench.model import Catalog, State, Unit
from workbench.words import billing_words  # the `billing` measure of `workbench stats`

EXCERPT = 50
# A unit flag `#, ignore-<check>` silences one check for that unit, as Weblate's flags do.
IGNORE_PREFIX = "ignore-"


def excerpt(text: str, size: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


@dataclass
class CatalogReport:
    path: Path
    target_lang: str
    counts: dict[State, int]
    words: dict[State, int]
    problems: list[Problem] = field(default_factory=list)

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
    known = set(REGISTRY)
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

    The names "all" and "none" select every check or none.
    """
    config = config or {}
    names: list[str] = list(enabled or config.get("checks") or ["all"])  # type: ignore[arg-type]
    skip = set(skipped) | set(config.get("skip", []))  # type: ignore[arg-type]
    chosen: list[str] = []
    for name in names:
        if name == "all":
            chosen += list(REGISTRY)
        elif name == "none":
            continue
        elif name in REGISTRY:
            chosen.append(name)
        else:
            raise UsageError(f"unknown check {name!r}; the checks are: {', '.join(REGISTRY)}")
    for name in skip:
        if name not in REGISTRY and name not in ("all",):
            raise UsageError(f"unknown check {name!r}; the checks are: {', '.join(REGISTRY)}")
    if "all" in skip:
        return []
    return [REGISTRY[n] for n in dict.fromkeys(chosen) if n not in skip]


def severity_of(check: Check, config: dict[str, object] | None) -> str:
    overrides = (config or {}).get("severity", {})
    if isinstance(overrides, dict) and check.name in overrides:
        return str(overrides[check.name])
    return check.severity.value


def _forms(unit: Unit) -> list[tuple[str, Unit]]:
    """The unit, then one view per further plural form (msgstr[n] against msgid_plural)."""
    if not unit.target_plurals or unit.source_plural is None:
        return [("", unit)]
    return [("", unit)] + [
        (f"msgstr[{n}]: ", replace(unit, source=unit.source_plural, target=form))
        for n, form in enumerate(unit.target_plurals, 1)]


def check_catalog(catalog: Catalog, ctx: CheckContext, checks: Sequence[Check],
                  path: Path | None = None) -> CatalogReport:
    # One pass that does little per unit: this is what a CI run on 100,000 units pays for.
    sources: dict[State, list[str]] = {state: [] for state in State}
    problems: list[Problem] = []
    translated: list[Unit] = []
    translated_state = State.TRANSLATED
    labels = {state: state.label for state in State}
    for unit in catalog.units:
        if unit.obsolete:
            continue
        state = unit.state
        sources[state].append(unit.source)
        if state is translated_state:
            translated.append(unit)
        else:
            label = labels[state]
            problems.append(Problem(label, label, unit.id, unit.entry_line,
                                    excerpt(unit.source), unit.source))
    counts = {state: len(texts) for state, texts in sources.items()}
    words = {state: billing_words("\n".join(texts)) for state, texts in sources.items()}
    unit_checks = [(c, severity_of(c, ctx.settings)) for c in checks if c.unit]
    for unit in translated:
        for form, (label, view) in enumerate(_forms(unit)):
            for check, severity in unit_checks:
                if unit.flags and IGNORE_PREFIX + check.name in unit.flags:
                    continue
                for message in check.unit(view, ctx):  # type: ignore[misc]
                    problems.append(Problem(check.name, severity, unit.id, unit.entry_line,
                                            f"{label}{message}" if form else message,
                                            unit.source))
    for check in checks:
        if check.catalog:
            severity = severity_of(check, ctx.settings)
            for unit, message in check.catalog(translated, ctx):
                if IGNORE_PREFIX + check.name in unit.flags:
                    continue
                problems.append(Problem(check.name, severity, unit.id, unit.entry_line,
                                        message, unit.source))
    problems.sort(key=lambda p: p.line)
    return CatalogReport(path or catalog.path or Path("<catalog>"),
                         ctx.target_lang or catalog.target_lang,
                         counts, words, problems)
