"""Quality checks of translated catalogs. Importing the package registers every check."""

from workbench.checks import (  # noqa: F401  (importing registers the checks)
    length,
    numbers,
    placeholders,
    punctuation,
    script,
    terms,
)
from workbench.checks.base import REGISTRY, Check, CheckContext, Problem, Severity
from workbench.checks.runner import CatalogReport, check_catalog, select_checks

__all__ = ["REGISTRY", "CatalogReport", "Check", "CheckContext", "Problem", "Severity",
           "check_catalog", "select_checks"]
