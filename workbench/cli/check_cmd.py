"""`workbench check`: untranslated and fuzzy units and quality problems, for CI."""

from __future__ import annotations

import argparse
import sys
from typing import cast

from workbench.cli.languages import add_language_options

FORMATS = ("text", "json", "junit")


def _names(values: list[str] | None) -> list[str]:
    return [n.strip() for v in values or [] for n in v.split(",") if n.strip()]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="untranslated, fuzzy and quality problems of catalogs (for CI)",
        description="Report every untranslated and fuzzy unit and every quality problem of "
        "translated units, then a summary per catalog. Exit code 0: nothing fails the run; "
        "1: something does; 2: bad usage or an unreadable or malformed input.")
    p.add_argument("paths", nargs="*", help="PO files or folders (default: every PO of the "
                   "project)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format")
    p.add_argument("--check", action="append", metavar="NAME",
                   help="run only these quality checks (repeatable or comma-separated; "
                   "'none' for none)")
    p.add_argument("--skip", action="append", metavar="NAME", help="skip these checks")
    p.add_argument("--fail-on", metavar="KINDS",
                   help="what fails the run, comma-separated among untranslated, fuzzy, "
                   "error, warning, or none (default: untranslated,fuzzy,error; with "
                   "--min-percent: error)")
    p.add_argument("--min-percent", type=float, metavar="N",
                   help="fail a catalog less than N%% translated")
    p.add_argument("--list", action="store_true",
                   help="list the checks (id, severity, what it applies to, help) and exit")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    add_language_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.checks import CheckContext, check_catalog, load_checks, select_checks
    from workbench.checks.report import (
        DEFAULT_FAIL_ON,
        FAIL_KINDS,
        Policy,
        as_json,
        as_junit,
        as_text,
        failing,
        list_checks,
        verdict,
    )
    from workbench.checks.runner import validate_settings
    from workbench.cli.common import catalog_paths, read_catalogs
    from workbench.errors import ExitCode, InputError, UsageError

    if args.list:
        sys.stdout.write(list_checks(load_checks().values()))
        return ExitCode.OK

    paths, project = catalog_paths(args)
    config = dict(project.settings.get("check", {})) if project else {}
    try:
        config = validate_settings(config)
    except ValueError as exc:
        raise InputError(str(exc), project.config_file if project else None) from None

    # validate_settings made `fail-on` a name or list of names and `min-percent` a number
    fail_on_text = cast("str | list[str] | None", args.fail_on or config.get("fail-on"))
    min_percent = cast("float | None", args.min_percent if args.min_percent is not None
                       else config.get("min-percent"))
    if fail_on_text is None:
        fail_on = DEFAULT_FAIL_ON if min_percent is None else frozenset({"error"})
    else:
        names = set(_names([fail_on_text] if isinstance(fail_on_text, str)
                           else list(fail_on_text)))
        unknown = names - set(FAIL_KINDS) - {"none"}
        if unknown:
            raise UsageError(f"--fail-on: unknown kind {sorted(unknown)[0]!r} "
                             f"(choose among {', '.join(FAIL_KINDS)}, none)")
        fail_on = frozenset(names - {"none"})
    if min_percent is not None and not 0 <= float(min_percent) <= 100:
        raise UsageError("--min-percent must be between 0 and 100")
    policy = Policy(fail_on, None if min_percent is None else float(min_percent))
    checks = select_checks(_names(args.check) or None, _names(args.skip), config)

    if not paths:
        raise UsageError("no catalogs to check: run `workbench init` first")

    glossary = None
    if project and project.glossary_path and any(c.name == "glossary" for c in checks):
        from workbench.glossary import load_glossary

        glossary = load_glossary(project.glossary_path, project.source_lang)
    # A status-only text report shows no language and runs no check: the header's word is
    # enough, and the inference from paths and text (with its tables) is not loaded.
    infer = bool(checks) or args.format != "text" or bool(args.target_lang or args.source_lang)
    reports = []
    unreadable: list[InputError] = []
    for path, catalog in read_catalogs(paths, unreadable):
        if infer:
            from workbench.cli.languages import languages_of

            languages = languages_of(catalog, path, args, project)
            source, target = languages.source, languages.target
        else:
            source, target = catalog.source_lang, catalog.target_lang
        # the project's glossary is for its source language: an English-source catalog
        # checked from inside the project (git's po/) has no use for Chinese terms
        usable = glossary if glossary is not None and project is not None and _same_language(
            source, project.source_lang) else None
        ctx = CheckContext(source, target, usable, config)
        reports.append(check_catalog(catalog, ctx, checks, path))

    render = {"text": as_text, "json": as_json, "junit": as_junit}[args.format]
    output = render(reports, policy, unreadable)
    if args.output:
        from workbench.textio import atomic_write_text

        atomic_write_text(args.output, output)
        if args.format != "text":
            sys.stdout.write(verdict(reports, policy) + "\n")
    else:
        sys.stdout.write(output)
    if unreadable:
        return ExitCode.BAD_INPUT
    return ExitCode.PROBLEMS if failing(reports, policy) else ExitCode.OK


def _same_language(a: str, b: str) -> bool:
    """Whether two tags name one language (any script or region): a zh-Hant glossary serves
    a zh-Hans source too; an unknown source is given the benefit of the doubt."""
    from workbench.langs import primary

    return not a or primary(a) == primary(b)
