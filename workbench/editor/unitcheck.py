"""The `check` findings of one unit, fast enough to run on every commit in the editor.

The context (languages, glossary, the project's check settings, the checks chosen) is built
once per open catalog; each commit then runs the per-unit checks through the same runner as
`workbench check`, so the editor and CI never disagree. Checks that need the whole catalog
(a length norm) stay with `workbench check`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.model import Catalog, State, Unit
from workbench.project import Project


@dataclass(frozen=True)
class Finding:
    """One problem of a unit: which check, how bad, and the message."""

    check: str
    severity: str  # "error" or "warning"
    message: str


@dataclass
class CatalogContext:
    """What checking a unit of one catalog needs, built once when the catalog opens."""

    check_context: object  # workbench.checks.CheckContext
    checks: list[object]  # workbench.checks.Check, per-unit ones only


def catalog_context(catalog: Catalog, project: Project | None = None) -> CatalogContext:
    """The check context of a catalog: its languages, the project's glossary and settings."""
    from workbench.catalog_language import catalog_languages, project_source
    from workbench.checks import CheckContext, select_checks
    from workbench.checks.runner import validate_settings
    from workbench.errors import InputError
    from workbench.glossary import load_glossary

    config = dict(project.settings.get("check", {})) if project else {}
    try:
        config = validate_settings(config)
    except ValueError as exc:
        raise InputError(str(exc), project.config_file if project else None) from None
    checks = [c for c in select_checks(None, (), config) if c.unit]
    glossary = None
    if project and project.glossary_path and project.glossary_path.is_file() and \
            any(c.name == "glossary" for c in checks):
        glossary = load_glossary(project.glossary_path, project.source_lang)
    # the languages as `workbench check` decides them, so both report the same
    languages = catalog_languages(catalog, catalog.path,
                                  project_source=project_source(catalog.path, project)
                                  if catalog.path else (project.source_lang if project
                                                        else None))
    return CatalogContext(CheckContext(languages.source, languages.target, glossary, config),
                          list(checks))


def unit_findings(unit: Unit, context: CatalogContext) -> list[Finding]:
    """What `workbench check` says about this unit once translated (nothing for an empty
    target); the unit's `#, ignore-<check>` flags are honoured as the runner honours them."""
    from workbench.checks import check_catalog

    if not unit.target.strip() or unit.obsolete:
        return []
    one = Catalog(units=[replace(unit, state=State.TRANSLATED)])
    report = check_catalog(one, context.check_context, context.checks)  # type: ignore[arg-type]
    return [Finding(p.kind, p.severity, p.message) for p in report.problems
            if p.kind not in ("untranslated", "fuzzy")]
