"""`workbench concordance TERM`: the project's sentences holding a word or phrase."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "concordance",
        help="find a word or phrase in every catalog and reference memory",
        description="Every sentence of the project's catalogs and of its reference memories "
        "(tm/ and --tm) whose source or translation holds TERM, in either Chinese script and "
        "any case (黨委 finds 党委), with its translation and where it is. Exit 1 when "
        "nothing matches, as grep does.",
    )
    p.add_argument("term", metavar="TERM", help="the word or phrase")
    p.add_argument("--lang", metavar="L", action="append", default=[],
                   help="only catalogs and memories of this target (repeat for several)")
    p.add_argument("--tm", metavar="FILE", action="append", default=[], type=Path,
                   help="also this TMX, PO or XLIFF reference memory")
    p.add_argument("--limit", metavar="N", type=int, default=50,
                   help="at most N sentences (default 50)")
    p.add_argument("--all", action="store_true",
                   help="also untranslated sentences (where the term occurs, not yet translated)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.cli.common import print_json, project_from
    from workbench.concordance import concordance
    from workbench.errors import ExitCode, UsageError

    if args.limit < 1:
        raise UsageError("--limit is a number of sentences, at least 1")
    project = project_from(args)
    targets = [project.target_for(lang) for lang in args.lang] or None
    hits = concordance(project, args.term, targets=targets, extra_tm=args.tm,
                       limit=args.limit, untranslated=args.all)
    if args.json:
        print_json([h.to_json() for h in hits])
    else:
        for hit in hits:
            state = "" if hit.kind == "memory" else f" ({hit.state})"
            print(f"{hit.origin} {hit.unit_id}{state}")
            print(f"  {hit.source}")
            print(f"  → {hit.target}" if hit.target else "  → (untranslated)")
    return ExitCode.OK if hits else ExitCode.PROBLEMS
