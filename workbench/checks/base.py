"""What a quality check is: a stable id, a severity, what it applies to, and a help text.

A check looks at one translated unit (or, for catalog-level checks, all of them) and yields
messages. Each check declares the target languages it applies to; the runner selects the
checks for a catalog once, so a check never runs (and never answers) where it cannot apply,
the way translate-toolkit's filters declare their preconditions instead of returning early.
Checks are registered in one table so the CLI, the configuration and the docs list the same
set. The help text is the check function's docstring (`workbench check --list`).

Severity says how bad a quality problem is. Untranslated and fuzzy units are states of the
workflow, not severities: they are findings of their own kind (Problem.state).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from workbench import langs
from workbench.model import Unit

if TYPE_CHECKING:
    from workbench.glossary import Glossary


class Severity(str, Enum):
    ERROR = "error"  # the translation is wrong or breaks the program: fails CI by default
    WARNING = "warning"  # likely a problem, worth a look


class Targets(str, Enum):
    """The target languages a check applies to."""

    ANY = "any"  # every catalog, the target language known or not
    KNOWN = "any known"  # a catalog whose target language is known
    CHINESE = "Chinese"  # a Chinese target (zh, zh-Hans, zh-Hant, zh-TW, yue, ...)
    SIMPLIFIED = "Simplified Chinese"
    TRADITIONAL = "Traditional Chinese"
    NOT_CHINESE = "not Chinese"  # a known target language other than Chinese

    def matches(self, lang: str) -> bool:
        if self is Targets.ANY:
            return True
        if not lang:
            return False  # unknown: a language-specific check cannot apply
        if self is Targets.KNOWN:
            return True
        if self is Targets.CHINESE:
            return langs.is_chinese(lang)
        if self is Targets.SIMPLIFIED:
            return langs.is_simplified(lang)
        if self is Targets.TRADITIONAL:
            return langs.is_traditional(lang)
        return not langs.is_chinese(lang)


class Problem:
    """One finding: a quality problem of a check, or an untranslated or fuzzy unit.

    For a quality problem `kind` is the check's id and `severity` its severity; for a unit
    that is not done `kind` is its state ("untranslated", "fuzzy") and `severity` is "".

    A plain class, not a dataclass: a status run builds one per unfinished unit, and making a
    dataclass costs a millisecond at every start (its methods are compiled then).
    """

    __slots__ = ("context", "kind", "line", "message", "severity", "source", "target",
                 "unit_id")

    def __init__(self, kind: str, severity: str, unit_id: str, line: int, message: str,
                 source: str = "", target: str = "", context: str | None = None) -> None:
        self.kind = kind
        # the msgctxt the text report shows: a project's id, another tool's context; none for
        # an entry without one (its id is derived from its source: a hash tells a reader nothing)
        self.context = unit_id if context is None else context
        self.severity = severity
        self.unit_id = unit_id
        self.line = line  # line of the unit's entry in the catalog file (0 when unknown)
        self.message = message
        self.source = source
        self.target = target

    def __repr__(self) -> str:
        return (f"Problem({self.kind!r}, {self.severity!r}, {self.unit_id!r}, {self.line}, "
                f"{self.message!r})")

    @property
    def state(self) -> str | None:
        return None if self.severity else self.kind


@dataclass
class CheckContext:
    """What checks need to know beyond the unit: the languages and the project's glossary.

    `lenient` is set for a plural form that stands for one value of n only ("one file"): as
    msgfmt does, such a form may leave out the source's arguments and numbers.
    """

    source_lang: str
    target_lang: str
    glossary: Glossary | None = None
    settings: dict[str, object] = field(default_factory=dict)
    lenient: bool = False
    # The catalog's translated units, when a whole catalog is checked: a check may weigh a
    # unit against the catalog's own usage (its conventions). Empty for a lone unit.
    units: Sequence[Unit] = ()
    # What a check works out once per catalog from `units` (shared by the plural forms' copies)
    memo: dict[str, object] = field(default_factory=dict)

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
    id: str  # stable: configuration, `--check`, `#, ignore-<id>` and reports name it
    severity: Severity
    help: str  # the function's docstring
    targets: Targets = Targets.ANY
    applies_to: str = "every translated unit"  # what else it looks at, as the docs say it
    unit: UnitCheck | None = None
    catalog: CatalogCheck | None = None

    @property
    def name(self) -> str:
        return self.id

    @property
    def summary(self) -> str:
        """The help text's first sentence."""
        first = self.help.split("\n\n")[0].replace("\n", " ")
        return first.split(". ")[0].rstrip(".")

    @property
    def description(self) -> str:
        return self.summary


REGISTRY: dict[str, Check] = {}
# The modules that register checks, in the order `check --list` shows them.
CHECK_MODULES = ("placeholders", "numbers", "punctuation", "script", "length", "terms")


def load_checks() -> dict[str, Check]:
    """The registry, every check module imported (importing registers; Python imports once)."""
    import importlib

    for name in CHECK_MODULES:
        importlib.import_module(f"workbench.checks.{name}")
    return REGISTRY
# Ids that once existed: still accepted by `--skip` and the configuration, selecting nothing.
RETIRED = {"empty": "a blank target is untranslated (a state), not a quality problem"}


def _help(fn: Callable[..., object]) -> str:
    if not fn.__doc__:
        raise TypeError(f"check {fn.__name__} has no docstring: it is its help text")
    import inspect  # registering checks needs it, a run without checks does not

    return inspect.cleandoc(fn.__doc__)


def register(id: str, severity: Severity, targets: Targets = Targets.ANY,
             applies_to: str = "every translated unit"
             ) -> Callable[[UnitCheck], UnitCheck]:
    """Decorator: register a per-unit check."""
    def wrap(fn: UnitCheck) -> UnitCheck:
        REGISTRY[id] = Check(id, severity, _help(fn), targets, applies_to, unit=fn)
        return fn
    return wrap


def register_catalog(id: str, severity: Severity, targets: Targets = Targets.ANY,
                     applies_to: str = "the catalog's translated units together"
                     ) -> Callable[[CatalogCheck], CatalogCheck]:
    """Decorator: register a check that needs the whole catalog (a norm to compare against)."""
    def wrap(fn: CatalogCheck) -> CatalogCheck:
        REGISTRY[id] = Check(id, severity, _help(fn), targets, applies_to, catalog=fn)
        return fn
    return wrap
