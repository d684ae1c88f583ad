"""Check results as text lines, JSON or JUnit XML, and which of them fail the run."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from workbench.checks.base import Check, Problem
from workbench.checks.runner import CatalogReport
from workbench.errors import InputError
from workbench.model import State

FAIL_KINDS = ("untranslated", "fuzzy", "error", "warning")
DEFAULT_FAIL_ON = frozenset({"untranslated", "fuzzy", "error"})


class Policy:
    """What fails the run (a plain class: see Problem)."""

    __slots__ = ("fail_on", "min_percent")

    def __init__(self, fail_on: frozenset[str] = DEFAULT_FAIL_ON,
                 min_percent: float | None = None) -> None:
        self.fail_on = fail_on
        self.min_percent = min_percent

    def fails(self, problem: Problem) -> bool:
        """A quality problem fails by its severity, an unfinished unit by its state."""
        return (problem.severity or problem.kind) in self.fail_on

    def below_minimum(self, report: CatalogReport) -> bool:
        return self.min_percent is not None and report.percent + 1e-9 < self.min_percent


# Compiled by the first JUnit report only (re caches it).
_XML_INVALID = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters: show them as escapes instead."""
    return re.sub(_XML_INVALID, lambda m: f"\\u{ord(m.group()):04x}", text)


def display_path(path: os.PathLike[str] | str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def failing(reports: Sequence[CatalogReport], policy: Policy) -> int:
    """How many findings (and catalogs under the minimum) fail the run."""
    count = sum(1 for r in reports for p in r.problems if policy.fails(p))
    return count + sum(1 for r in reports if policy.below_minimum(r))


def _summary(r: CatalogReport) -> str:
    c = r.counts
    errors = sum(1 for p in r.problems if p.severity == "error")
    warnings = sum(1 for p in r.problems if p.severity == "warning")
    return (f"{display_path(r.path)}: {r.units} units ({c[State.TRANSLATED]} translated, "
            f"{c[State.FUZZY]} fuzzy, {c[State.UNTRANSLATED]} untranslated), "
            f"{r.total_words:,} billing words, {r.percent:.1f}% done; "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")


def as_text(reports: Sequence[CatalogReport], policy: Policy,
            unreadable: Sequence[InputError] = ()) -> str:
    """The text report (a catalog that could not be read is said on stderr, by the caller)."""
    lines = []
    for r in reports:
        where = display_path(r.path)
        for p in r.problems:
            context = f"{p.context}: " if p.context else ""
            if not p.severity:
                lines.append(f"{where}:{p.line}: {p.kind}: {context}{p.message}")
            else:
                lines.append(f"{where}:{p.line}: {p.severity}: {p.kind}: {context}{p.message}")
    lines += [_summary(r) for r in reports]
    for r in reports:
        if policy.below_minimum(r):
            lines.append(f"{display_path(r.path)}: {r.percent:.1f}% done, below the minimum "
                         f"of {policy.min_percent:g}%")
    lines.append(verdict(reports, policy))
    return "\n".join(lines) + "\n"


def verdict(reports: Sequence[CatalogReport], policy: Policy) -> str:
    """The run's last line: OK, or how many findings fail it."""
    n = failing(reports, policy)
    return (f"FAILED: {n} finding{'s' * (n != 1)} fail the run "
            f"(--fail-on {','.join(sorted(policy.fail_on)) or 'none'})" if n else "OK")


def as_json(reports: Sequence[CatalogReport], policy: Policy,
            unreadable: Sequence[InputError] = ()) -> str:
    import json  # only a JSON report needs it
    data = {
        "ok": failing(reports, policy) == 0 and not unreadable,
        "failing": failing(reports, policy),
        "fail_on": sorted(policy.fail_on),
        "min_percent": policy.min_percent,
        "catalogs": [{
            "path": display_path(r.path),
            "language": r.target_lang,
            "units": r.units,
            "translated": r.counts[State.TRANSLATED],
            "fuzzy": r.counts[State.FUZZY],
            "untranslated": r.counts[State.UNTRANSLATED],
            # The `billing` measure of `workbench stats` (Han characters plus other words);
            # "words" there is jieba's count, another figure.
            "billing_words": r.total_words,
            "billing_words_translated": r.words[State.TRANSLATED],
            "percent": round(r.percent, 2),
            "percent_billing_words": round(r.percent_words, 2),
            "below_minimum": policy.below_minimum(r),
            "problems": [{
                "line": p.line, "unit": p.unit_id, "kind": p.kind,
                "severity": p.severity or None, "state": p.state,
                "fails": policy.fails(p), "message": p.message, "source": p.source,
                "target": p.target,
            } for p in r.problems],
        } for r in reports],
        # catalogs that could not be read (the run exits 2): where, and what is wrong
        "unreadable": [{"path": display_path(e.path or ""), "line": e.line,
                        "message": e.message} for e in unreadable],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_junit(reports: Sequence[CatalogReport], policy: Policy,
             unreadable: Sequence[InputError] = ()) -> str:
    """One test suite per catalog, one test case per finding (failures are those that fail
    the run; warnings that do not are test cases with their message in system-out), and one
    `complete` case per catalog so a clean catalog still shows as a passed test."""
    from xml.etree import ElementTree as ET  # only a JUnit report needs it

    root = ET.Element("testsuites", name="workbench check")
    total_tests = total_failures = 0
    for r in reports:
        where = display_path(r.path)
        suite = ET.SubElement(root, "testsuite", name=where)
        tests = failures = 0
        complete = ET.SubElement(suite, "testcase", classname=where, name="complete")
        tests += 1
        if policy.below_minimum(r):
            failures += 1
            ET.SubElement(complete, "failure", type="min-percent",
                          message=f"{r.percent:.1f}% done, minimum {policy.min_percent:g}%")
        for p in r.problems:
            case = ET.SubElement(suite, "testcase", classname=where,
                                 name=_xml_safe(f"{p.kind}: {p.unit_id}"), file=where,
                                 line=str(p.line))
            tests += 1
            text = _xml_safe(f"{where}:{p.line}: {p.message}\n{p.source}")
            if policy.fails(p):
                failures += 1
                failure = ET.SubElement(case, "failure", type=p.kind,
                                        message=_xml_safe(p.message))
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = f"{p.severity or p.kind}: {text}"
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    for exc in unreadable:  # a catalog that could not be read: an error, not a failure
        where = display_path(exc.path or "")
        suite = ET.SubElement(root, "testsuite", name=where, tests="1", failures="0",
                              errors="1")
        case = ET.SubElement(suite, "testcase", classname=where, name="read", file=where,
                             line=str(exc.line or 0))
        ET.SubElement(case, "error", type="unreadable",
                      message=_xml_safe(exc.message)).text = _xml_safe(str(exc))
        total_tests += 1
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(len(unreadable)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


def list_checks(checks: Iterable[Check]) -> str:
    """`check --list`: each check's id, severity and targets, what it looks at, its help."""
    import textwrap

    blocks = []
    for check in checks:
        help_text = textwrap.indent(check.help, "    ")
        blocks.append(f"{check.id} ({check.severity.value}; targets: {check.targets.value}; "
                      f"{check.applies_to})\n{help_text}\n")
    return "\n".join(blocks)


DOCS_BEGIN = "<!-- checks: generated from the declarations by checks_markdown(); do not edit -->"
DOCS_END = "<!-- checks: end -->"


def checks_markdown(checks: Iterable[Check]) -> str:
    """The checks reference of docs/check.md, from the declarations (a test keeps the page
    and `check --list` the same)."""
    checks = list(checks)
    lines = [DOCS_BEGIN, "", "| id | severity | targets | looks at |", "|---|---|---|---|"]
    bar = "\\|"  # a | inside a table cell
    lines += [f"| [`{c.id}`](#{c.id}) | {c.severity.value} | {c.targets.value} | "
              f"{c.applies_to.replace('|', bar)} |" for c in checks]
    for c in checks:
        lines += ["", f"### {c.id}", "", c.help]
    lines += ["", DOCS_END]
    return "\n".join(lines) + "\n"
