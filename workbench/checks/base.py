"""What a quality check is: a name, a severity, a one-line explanation and a function.

A check looks at one translated unit (or, for catalog-level checks, all of them) and yields
messages. Checks are registered in one table so the CLI, the configuration and the docs list
the same set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from workbench import langs
from workbench.glossary import Glossary
from workbench.model import Unit


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: a quality problem, or an untranslated / fuzzy unit (kind = the state)."""

    kind: str  # the check name, or "untranslated" / "fuzzy"
    severity: str  # "error", "warning", or the kind for untranslated / fuzzy
    unit_id: str
    line: int  # line of the unit's entry in the catalog file (0 when unknown)
    message: str
    source: str = ""


@dataclass
class CheckContext:
    """What checks need to know beyond the unit: the languages and the project's glossary."""

    source_lang: str
    target_lang: str
    glossary: Glossary | None = None
    settings: dict[str, object] = field(default_factory=dict)

    @cached_property
    def target_is_chinese(self) -> bool:
        return bool(self.target_lang) and langs.is_chinese(self.target_lang)

    @cached_property
    def target_is_simplified(self) -> bool:
        return bool(self.target_lang) and langs.is_simplified(self.target_lang)

    @cached_property
    def source_is_chinese(self) -> bool:
        return not self.source_lang or langs.is_chinese(self.source_lang)


UnitCheck = Callable[[Unit, CheckContext], Iterable[str]]
CatalogCheck = Callable[[list[Unit], CheckContext], Iterable[tuple[Unit, str]]]


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    description: str
    unit: UnitCheck | None = None
    catalog: CatalogCheck | None = None


REGISTRY: dict[str, Check] = {}


def register(name: str, severity: Severity, description: str):  # type: ignore[no-untyped-def]
    """Decorator: register a per-unit check."""
    def wrap(fn: UnitCheck) -> UnitCheck:
        REGISTRY[name] = Check(name, severity, description, unit=fn)
        return fn
    return wrap


def register_catalog(name: str, severity: Severity, description: str):  # type: ignore[no-untyped-def]
    """Decorator: register a check that needs the whole catalog (a norm to compare against)."""
    def wrap(fn: CatalogCheck) -> CatalogCheck:
        REGISTRY[name] = Check(name, severity, description, catalog=fn)
        return fn
    return wrap
