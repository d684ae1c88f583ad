"""`workbench stats`: units and words per state for every catalog, by several measures."""

from __future__ import annotations

import argparse

from workbench.cli.languages import add_language_options


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="progress of the catalogs: units and words per state",
                       description="For every catalog (default: every PO of the project), units, "
                       "source words and Han characters per state, and the percent done.")
    p.add_argument("paths", nargs="*", help="PO files or folders (default: the project's)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_language_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cli.common import catalog_paths, print_json, read_catalogs
    from workbench.cli.languages import languages_of
    from workbench.errors import ExitCode, InputError, UsageError
    from workbench.model import State
    from workbench.stats import catalog_stats
    from workbench.words import MEASURES

    paths, project = catalog_paths(args)
    if not paths:
        raise UsageError("no catalogs: run `workbench init` first")
    all_stats = []
    unreadable: list[InputError] = []
    for path, catalog in read_catalogs(paths, unreadable):
        all_stats.append(catalog_stats(catalog, languages_of(catalog, path, args, project)))
    done = ExitCode.BAD_INPUT if unreadable else ExitCode.OK
    if args.json:
        print_json({"measures": MEASURES, "catalogs": [s.to_json() for s in all_stats],
                    "unreadable": [{"path": e.path, "line": e.line, "message": e.message}
                                   for e in unreadable]})
        return done
    for st in all_stats:
        print(f"{st.path}  ({st.languages.describe()})")
        print(f"  {'':<14}{'units':>7}{'words':>8}{'Han':>8}{'runs':>7}{'billing':>9}")
        for state in (State.TRANSLATED, State.FUZZY, State.UNTRANSLATED):
            c = st.counts[state]
            print(f"  {state.label:<14}{st.units[state]:>7}{c.words:>8}{c.han:>8}{c.runs:>7}"
                  f"{c.billing:>9}")
        t = st.total
        print(f"  {'total':<14}{st.total_units:>7}{t.words:>8}{t.han:>8}{t.runs:>7}"
              f"{t.billing:>9}")
        print(f"  done: {st.percent_units():.1f}% of units, {st.percent_words():.1f}% of words\n")
    print("Measures (tools disagree on Chinese):")
    for key, label in (("words", "words"), ("han", "Han"), ("runs", "runs"),
                       ("billing", "billing")):
        print(f"  {label:<8}{MEASURES[key]}")
    return done
