"""Quality checks of translated catalogs.

The checks register themselves when their modules are imported, which `load_checks()` does
on first use of the registry: a run that selects no check (`check --check none`, the CI
status gate) does not pay for compiling their patterns.
"""

from workbench.checks.base import Check, CheckContext, Problem, Severity, load_checks
from workbench.checks.runner import CatalogReport, check_catalog, select_checks

__all__ = ["REGISTRY", "CatalogReport", "Check", "CheckContext", "Problem", "Severity",
           "check_catalog", "load_checks", "select_checks"]


def __getattr__(name: str) -> object:
    if name == "REGISTRY":
        return load_checks()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
