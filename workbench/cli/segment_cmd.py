"""`workbench segment FILE`: show the sentence segments of a document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segment", help="split a document into sentence segments",
                       description="Show the segments of FILE. With --json: an array of "
                       "{text, after, before, paragraph, index, line}; joining before + text + "
                       "after of every segment gives the file back byte for byte.")
    p.add_argument("file", help="a text file (UTF-8, UTF-16, GB18030 or Big5)")
    p.add_argument("--lang", metavar="L",
                   help="language of the text (default: the project's source language, or "
                   "zh when the text holds Han characters, else en)")
    p.add_argument("--paragraphs", choices=("line", "blank"),
                   help="what separates paragraphs: every line (default) or blank lines")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench import langs
    from workbench.cli.common import print_json, project_from
    from workbench.errors import WorkbenchError
    from workbench.segment import Joint, looks_hard_wrapped, segment_text
    from workbench.textio import read_text
    from workbench.words import han_count

    decoded = read_text(args.file)
    lang, mode = args.lang, args.paragraphs
    try:
        project = project_from(args)
    except WorkbenchError:
        project = None
    if lang is None:
        lang = project.source_lang if project else (
            "zh" if han_count(decoded.text[:10000]) else "en")
    if mode is None and project is None and looks_hard_wrapped(decoded.text):
        mode = "blank"
        print(f"workbench: {args.file}: note: hard-wrapped text: blank lines separate "
              "paragraphs (--paragraphs line: every line is one)", file=sys.stderr)
    mode = mode or (project.paragraphs if project else "line")
    # In a project, the segments `init` makes: its exceptions and, for one of its documents,
    # the translator's merges and splits.
    exceptions: tuple[str, ...] = ()
    joints: tuple[Joint, ...] = ()
    if project is not None:
        from workbench.segment_overrides import read_joints

        exceptions = project.segment_exceptions
        path = Path(args.file).resolve()
        if any(doc.resolve() == path for doc in project.documents()):
            joints = read_joints(project, path)
    segmented = segment_text(decoded.text, langs.normalize(lang), mode, exceptions, joints)
    if args.json:
        print_json([s.to_json() for s in segmented.segments])
        return 0
    for s in segmented.segments:  # hard-wrapped lines shown joined, as units hold them
        print(f"{s.paragraph + 1:>4}.{s.index + 1:<3} {s.unit_text}")
    return 0
