"""The translated document: the source's segments with their translations put in their place.

Everything between sentences (line breaks, blank lines, indentation, a missing final newline)
comes from the source document, so the paragraph layout is exactly the source's. Inside a
paragraph, translated sentences are joined the target language's way: nothing between
sentences in Chinese or Japanese, one space in other languages. Between two sentences left in
the source language the source's own spacing stays, so an untranslated catalog exported with
source fallback gives the source document back byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from workbench import langs
from workbench.model import Catalog, State, Unit, make_unit_id
from workbench.segment import SegmentedText
from workbench.textio import DecodedText


class Untranslated(str, Enum):
    """What stands in a translated document for a unit without a reviewed translation."""

    SOURCE = "source"  # the source sentence (a fuzzy draft is not used)
    MARK = "mark"  # `[UNTRANSLATED: source]`, and a fuzzy draft as `[FUZZY: draft]`


@dataclass
class RenderedText:
    text: str
    translated: int  # sentences replaced by their translation
    fallback: int  # sentences left as the source or marked
    missing: int  # sentences of the document the catalog does not have (catalog out of date)




def _find(seg_text: str, uid: str, by_id: dict[str, Unit], by_source: dict[str, Unit]
          ) -> Unit | None:
    unit = by_id.get(uid)
    if unit is not None and unit.source == seg_text:
        return unit
    return by_source.get(seg_text)


def render_text(catalog: Catalog, segmented: SegmentedText,
                untranslated: Untranslated | str = Untranslated.SOURCE) -> RenderedText:
    """The document `segmented` with the translations of `catalog` in place of its sentences."""
    mode = Untranslated(untranslated)
    by_id = catalog.by_id()
    by_source: dict[str, Unit] = {}
    for active in catalog.active:
        by_source.setdefault(active.source, active)
    seen: dict[str, int] = {}
    texts: list[str] = []
    as_source: list[bool] = []  # the sentence stands as in the source: the source's spacing
    translated = fallback = missing = 0
    for seg in segmented.segments:
        unit = _find(seg.unit_text, make_unit_id(seg.unit_text, seen), by_id, by_source)
        if unit is None:
            missing += 1
        if unit is not None and unit.state is State.TRANSLATED:
            target = unit.target.strip()  # spacing is the layout's, not the sentence's
            # A sentence kept as it is (a name, a command, a line of code) keeps the source's
            # own layout: its hard-wrapped lines and indentation, which the unit joined.
            kept = target == seg.unit_text
            texts.append(seg.text if kept else target)
            as_source.append(kept)  # two such sentences in a row keep the source's spacing
            translated += 1
            continue
        fallback += 1
        if mode is Untranslated.SOURCE:
            texts.append(seg.text)
            as_source.append(True)
        elif unit is not None and unit.state is State.FUZZY:
            texts.append(f"[FUZZY: {unit.target}]")
            as_source.append(False)
        else:
            texts.append(f"[UNTRANSLATED: {seg.text}]")
            as_source.append(False)
    joiner = langs.sentence_joiner(catalog.target_lang)
    # A target that spaces its sentences as the source language does (Traditional to
    # Simplified Chinese, English to German) keeps the source's own spacing between them.
    same_spacing = bool(catalog.source_lang) and \
        langs.sentence_joiner(catalog.source_lang) == joiner
    out = [segmented.blank]
    segments = segmented.segments
    for i, seg in enumerate(segments):
        out.append(seg.before)
        out.append(texts[i])
        last_in_paragraph = i + 1 == len(segments) or segments[i + 1].paragraph != seg.paragraph
        if last_in_paragraph or (as_source[i] and as_source[i + 1]) or same_spacing \
                or _is_layout(seg.after):
            out.append(seg.after)
        elif not joiner and _latin_end(texts[i]) and _latin_start(texts[i + 1]):
            # Two sentences in Latin script in a Chinese target ("installed now. Great!"):
            # a space, never "now.Great!".
            out.append(" ")
        else:
            out.append(joiner)
    return RenderedText("".join(out), translated, fallback, missing)


def _latin_end(text: str) -> bool:
    """Whether `text` ends in Latin script: a letter, digit or ASCII punctuation."""
    return bool(text) and text[-1].isascii() and not text[-1].isspace()


def _latin_start(text: str) -> bool:
    return bool(text) and text[0].isascii() and text[0].isalnum()


def _is_layout(between: str) -> bool:
    """Whitespace between sentences that is layout, not spacing: a tab (a table row), a line
    break (hard-wrapped text), or a run of spaces; kept as it is."""
    return "\t" in between or "\n" in between or "\r" in between or "  " in between


def encode_like(text: str, decoded: DecodedText) -> tuple[bytes, str]:
    """The document's bytes in the source's encoding (and BOM), or UTF-8 when that encoding
    cannot hold the translation (Big5 and Simplified Chinese); returns (bytes, encoding)."""
    try:
        return decoded.encode(text), decoded.encoding
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"
