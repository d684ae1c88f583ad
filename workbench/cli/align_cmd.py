"""`workbench align SOURCE TARGET -o OUT`: a document and its translation into units."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.align.dp import Alignment
    from workbench.model import Catalog

FORMATS = ("ladder", "po", "tmx")
# Above this many sentences (both sides) the aligner shows its progress on stderr.
PROGRESS_FROM = 1500


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align", help="align a document with its translation into units (PO, TMX, ladder)",
        description="Segment SOURCE and TARGET into sentences and align them (beads 1-1 up "
        "to 1-5, 2-3 and 5-1; 1-0 for untranslated sentences, 0-1 for added ones) on "
        "sentence lengths, anchors (numbers, Latin words, titles, ? and !), a "
        "Chinese-English dictionary (CC-CEDICT) and, when the `embeddings` extra is "
        "installed, multilingual sentence embeddings. First confident 1-1 pairs are found "
        "over the whole document, then the rest is aligned between them; a translation of "
        "part of the source is reported as such (which source sentences it covers).")
    p.add_argument("source", help="the original document")
    p.add_argument("target", help="its translation")
    p.add_argument("--source-lang", metavar="L",
                   help="language of SOURCE (default: the project's source language, or "
                   "guessed from the text)")
    p.add_argument("--target-lang", metavar="L",
                   help="language of TARGET (default: guessed: en, or zh-Hans/zh-Hant)")
    p.add_argument("--sentences", action="store_true",
                   help="the files hold one sentence per line already (the input of hunalign, "
                   "vecalign, bertalign); blank lines mark paragraphs")
    p.add_argument("--format", choices=FORMATS,
                   help="output format (default: from OUT's suffix: .po, .tmx, else ladder)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="where to write (required for po and tmx; ladder prints to stdout)")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.add_argument("--threshold", type=float, default=None, metavar="X",
                   help="beads with a confidence (the estimated chance that the bead is "
                   "right) under X (0..1, default 0.94) are fuzzy")
    p.add_argument("--no-embeddings", action="store_true",
                   help="align without the sentence-embedding model even when installed")
    p.add_argument("--review", action="store_true",
                   help="review the alignment in the terminal before the catalog is written "
                   "(a accept, p/n merge into previous/next, s split, t/T move a target "
                   "sentence to/from the next bead, o/O the same for source sentences, l low "
                   "confidence first, w write, q leave and resume later)")
    p.set_defaults(run=run)


def _guess_lang(text: str, project_lang: str | None = None) -> str:
    from workbench.convert import is_convertible
    from workbench.words import han_count

    sample = text[:20000]
    han = han_count(sample)
    letters = sum(1 for ch in sample if ch.isalpha())
    if han and han >= letters * 0.3:
        guessed = "zh-Hant" if is_convertible(sample) else "zh-Hans"
        # The project's tag when the script agrees: it may carry a region (zh-Hant-TW).
        if project_lang and project_lang.startswith(guessed):
            return project_lang
        return guessed
    return "en"


def _check_language(text: str, lang: str, path: str, side: str) -> None:
    from workbench import langs
    from workbench.errors import InputError
    from workbench.words import han_count

    han = han_count(text)
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        raise InputError(f"the {side} has no words", path)
    share = han / letters
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff")
    if langs.is_chinese(lang) and kana > 0.05 * letters:
        raise InputError(f"the {side} should be Chinese ({lang}) but is Japanese "
                         f"({kana / letters:.0%} of its letters are kana)", path)
    if langs.is_chinese(lang) and share < 0.3:
        raise InputError(f"the {side} should be Chinese ({lang}) but holds little Chinese "
                         f"({share:.0%} of its letters are Han characters)", path)
    if not langs.is_chinese(lang) and langs.primary(lang) not in ("ja", "ko") and share > 0.5:
        raise InputError(f"the {side} should be {lang} but is mostly Chinese "
                         f"({share:.0%} of its letters are Han characters)", path)


def _sentences(text: str, lang: str, one_per_line: bool, mode: str
               ) -> tuple[list[str], list[int], list[int]]:
    """Sentences, their paragraph numbers and their 1-based lines."""
    from workbench.segment import segment_text

    if one_per_line:
        sentences: list[str] = []
        paragraphs: list[int] = []
        lines: list[int] = []
        paragraph = 0
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                if sentences and paragraphs[-1] == paragraph:
                    paragraph += 1
                continue
            sentences.append(line.strip())
            paragraphs.append(paragraph)
            lines.append(number)
        return sentences, paragraphs, lines
    segmented = segment_text(text, lang, mode)
    return ([s.text for s in segmented.segments], [s.paragraph for s in segmented.segments],
            [s.line for s in segmented.segments])


def _check_lengths(source: list[str], target: list[str], s_lang: str, t_lang: str,
                   path: str) -> None:
    """Refuse sides too different to be a document and its translation."""
    from workbench import langs
    from workbench.align.features import length
    from workbench.errors import InputError

    n, m = len(source), len(target)
    ls = sum(length(s, s_lang) for s in source)
    lt = sum(length(t, t_lang) for t in target)
    expected = 1.0
    if langs.is_chinese(s_lang) and not langs.is_chinese(t_lang):
        expected = 3.0  # letters of English per Han character, roughly
    elif langs.is_chinese(t_lang) and not langs.is_chinese(s_lang):
        expected = 1 / 3.0
    ratio = (lt / ls) / expected
    counts = max(n, m) / min(n, m)
    # A translation of the first chapters only (or a chapter against the whole book) is
    # short in sentences and in characters alike: aligned, the rest comes out as 1-0 (or
    # 0-1) beads. A side short in one measure and not the other is not a translation.
    partial = min(n, m) >= 10 and 1 / 3 <= ratio / (m / n) <= 3
    if (ratio > 5 or ratio < 0.2 or counts > 6) and max(n, m) > 3 and not partial:
        raise InputError(
            f"the two sides are wildly different in length ({n} source and {m} target "
            f"sentences, {ls} and {lt} characters): is it a translation of the source?", path)


class _Progress:
    """A one-line progress bar on stderr, for long documents at a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.stages = {"features": 0.0, "embeddings": 0.25, "aligning": 0.6}
        self.done = 0.0  # the bar never goes back (a band widened, then the second pass)

    def __call__(self, stage: str, frac: float) -> None:
        if not self.enabled:
            return
        keys = list(self.stages)
        start = self.stages[stage]
        following = [self.stages[k] for k in keys if self.stages[k] > start]
        end = min(following) if following else 1.0
        done = self.done = max(self.done, start + (end - start) * frac)
        width = 30
        fill = int(done * width)
        sys.stderr.write(f"\raligning: [{'#' * fill}{'.' * (width - fill)}] {done:4.0%} "
                         f"{stage:<10}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


@dataclass
class Inputs:
    source: list[str]
    target: list[str]
    source_lang: str
    target_lang: str
    source_paragraphs: list[int]
    target_paragraphs: list[int]
    source_lines: list[int]


def read_inputs(args: argparse.Namespace) -> Inputs:
    """Read and check the two files named on the command line, as sentences."""
    from workbench import langs
    from workbench.cli.common import project_from
    from workbench.errors import InputError, WorkbenchError
    from workbench.textio import read_text

    try:
        project = project_from(args)
    except WorkbenchError:
        project = None
    source_text = read_text(args.source).text
    target_text = read_text(args.target).text
    for text, path, side in ((source_text, args.source, "source"),
                             (target_text, args.target, "target")):
        if not text.strip():
            raise InputError(f"the {side} is empty", path)
    if " ".join(source_text.split()) == " ".join(target_text.split()):
        raise InputError("the translation is the same text as the source", args.target)
    s_lang = langs.normalize(args.source_lang) if args.source_lang else _guess_lang(
        source_text, project.source_lang if project else None)
    t_lang = langs.normalize(args.target_lang) if args.target_lang else _guess_lang(target_text)
    # Same script guessed for both: the translation is most likely in the other script.
    if (langs.is_chinese(t_lang) and langs.is_chinese(s_lang) and not args.target_lang
            and langs.is_traditional(s_lang) == langs.is_traditional(t_lang)):
        t_lang = "zh-Hans" if langs.is_traditional(s_lang) else "zh-Hant"
    _check_language(source_text, s_lang, args.source, "source")
    _check_language(target_text, t_lang, args.target, "target")
    mode = project.paragraphs if project else "line"
    source, s_par, s_lines = _sentences(source_text, s_lang, args.sentences, mode)
    target, t_par, _ = _sentences(target_text, t_lang, args.sentences, mode)
    if not source:
        raise InputError("the source has no sentences", args.source)
    if not target:
        raise InputError("the target has no sentences", args.target)
    _check_lengths(source, target, s_lang, t_lang, args.target)
    return Inputs(source, target, s_lang, t_lang, s_par, t_par, s_lines)


def align_inputs(inputs: Inputs, no_embeddings: bool = False) -> Alignment:
    from workbench.align.dp import align_sentences
    from workbench.align.embed import default_embedder

    embedder = None if no_embeddings else default_embedder()
    if embedder is None and not no_embeddings:
        print("workbench: the sentence-embedding model is not installed (the `embeddings` "
              "extra): aligning on lengths, anchors and the dictionary", file=sys.stderr)
    long = len(inputs.source) + len(inputs.target) >= PROGRESS_FROM
    progress = _Progress(long and sys.stderr.isatty())
    try:
        return align_sentences(inputs.source, inputs.target, inputs.source_lang,
                               inputs.target_lang, source_paragraphs=inputs.source_paragraphs,
                               target_paragraphs=inputs.target_paragraphs, embedder=embedder,
                               progress=progress)
    finally:
        progress.close()


def output_format(args: argparse.Namespace) -> str:
    from workbench.errors import UsageError

    suffix = {".po": "po", ".tmx": "tmx"}.get(Path(args.output).suffix.lower()) \
        if args.output and args.output != "-" else None
    if args.format and suffix and args.format != suffix:
        raise UsageError(f"--format {args.format} does not go in a {suffix} file "
                         f"({args.output})")
    if args.format:
        fmt = args.format
    elif args.output and str(args.output).endswith(".po"):
        fmt = "po"
    elif args.output and str(args.output).endswith(".tmx"):
        fmt = "tmx"
    else:
        fmt = "ladder"
    if fmt != "ladder" and (not args.output or args.output == "-"):
        raise UsageError(f"-o OUT (a file) is needed for the {fmt} format")
    if args.review and fmt != "po":
        raise UsageError("--review writes a catalog: give -o OUT.po")
    return fmt


def _into_existing(catalog: Catalog, out: Path) -> None:
    """Aligning again into a catalog (-o OUT.po --force): the file keeps its style, and its
    header when it is for the same languages, so only the entries that changed differ."""
    from workbench.errors import InputError
    from workbench.formats.po import read_po, revised_header

    if not out.is_file():
        return
    try:
        old = read_po(out)
    except InputError:
        return  # not a catalog: replaced
    catalog.po_source = old.po_source
    if (old.source_lang, old.target_lang) == (catalog.source_lang, catalog.target_lang) \
            and old.header:
        catalog.header = revised_header(old.header)
        catalog.header_comment = old.header_comment


def single_threaded_blas() -> None:
    """One BLAS thread for the aligner's matrix products and the embedding model, unless the
    user chose otherwise: they are small, and on two shared cores OpenBLAS's spinning
    threads made them 3 to 6 times slower (MAC-Dev with embeddings: 6.3 s wall with the
    default threads, 2.0 s with one, at load 4). Only before numpy is first imported."""
    import os

    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")


def run(args: argparse.Namespace) -> int:
    single_threaded_blas()
    from workbench.align.units import DEFAULT_THRESHOLD, format_ladder, to_units
    from workbench.errors import UsageError
    from workbench.formats.po import default_header, write_po
    from workbench.textio import atomic_write_text

    fmt = output_format(args)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0.0 <= threshold <= 1.0:
        raise UsageError("--threshold must be between 0 and 1")
    out = Path(args.output) if args.output and args.output != "-" else None
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out} exists: use --force to overwrite it")
    if out is not None and not out.parent.is_dir():
        raise UsageError(f"no folder {out.parent} for {out.name}")
    inputs = read_inputs(args)
    lines = inputs.source_lines
    saved = None
    if args.review:
        from workbench.align.editing import load_sidecar, sidecar_path

        # A review left unfinished: carry on from it rather than align again.
        saved = load_sidecar(sidecar_path(out), inputs.source, inputs.target)  # type: ignore[arg-type]
    alignment = saved.alignment if saved else align_inputs(inputs, args.no_embeddings)
    if not saved:
        evidence = ("sentence embeddings (USE multilingual v3), dictionary, lengths"
                    if alignment.used_embeddings else "dictionary, anchors and lengths (no "
                    "sentence embeddings)")
        print(f"workbench: aligned on {evidence}", file=sys.stderr)
        for line in alignment.coverage():
            print(f"workbench: {line}", file=sys.stderr)
    if fmt == "ladder":
        text = format_ladder(alignment.beads)
        if out is None:
            sys.stdout.write(text)
        else:
            atomic_write_text(out, text)
        return 0
    assert out is not None
    name = Path(args.source).name
    if args.review:
        from workbench.tui.align_review import review_alignment

        reviewed = review_alignment(alignment, out, threshold=threshold)
        if reviewed is None:
            print(f"workbench: review left unfinished; the same command resumes it (kept in "
                  f"{sidecar_path(out)})", file=sys.stderr)
            return 0
        alignment = reviewed
    catalog = to_units(alignment, threshold, source_name=name, source_lines=lines)
    catalog.header = default_header(alignment.source_lang, alignment.target_lang,
                                    project=Path(args.source).stem)
    if fmt == "po":
        _into_existing(catalog, out)
        write_po(catalog, out)
    else:
        from workbench.formats.tmx import write_tmx

        write_tmx(catalog, out, original=name)
        left = sum(1 for u in catalog.units if u.target and not u.is_translated)
        if left:
            print(f"workbench: {left} low-confidence beads left out of the memory "
                  f"(--threshold 0 keeps them)", file=sys.stderr)
    # The catalog holds the beads now: a review left for an earlier OUT no longer applies.
    from workbench.align.editing import forget_review

    forget_review(out)
    counts = catalog.counts()
    print(f"{out}: {len(alignment.beads)} beads, {len(catalog.units)} units: "
          + ", ".join(f"{n} {state.label}" for state, n in sorted(counts.items(), reverse=True)),
          file=sys.stderr)
    return 0
