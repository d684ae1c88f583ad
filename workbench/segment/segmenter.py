"""Split a document into sentence segments, keeping every character between them.

Joining `before + text + after` of every segment gives the source back byte for byte (blank
lines, CRLF, indentation, a missing final newline), which is what lets a translated document be
rebuilt with the source's exact layout.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from enum import Enum
from functools import cache

from workbench import langs
from workbench.segment.rules import CLOSERS, END_CHARS, Rule, rules_for
from workbench.textio import LINE_BREAK

# A line break is CRLF, LF or a lone CR; a CR before LF never counts alone (else "a\r\nb"
# would read as a blank line).
_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
# In hard-wrapped text a paragraph ends at a blank line, and also where a line starts a list
# item, a heading or a numbered clause: "- item", "2. item", "（一）", "一、", "# Title",
# "第三條" begin a unit of their own even without a blank line before them; so does a line
# indented with the ideographic space, as Chinese paragraphs are ("　　話說天下大勢").
_ITEM_START = (r"[^\S\r\n]*(?:\u3000|[-*•·]\s|\d{1,3}[.)]\s|\d{1,3}[、．]"
               r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、"
               # circled and parenthesized numbers: ① ⑴ ❶
               r"|[\u2460-\u2487\u2776-\u2793]"
               r"|#{1,6}\s|第[一二三四五六七八九十百千\d]+[條条章節节款回卷])")
_BLANK_LINES = re.compile(rf"{_BREAK}(?:[^\S\r\n]*{_BREAK})+|{_BREAK}(?={_ITEM_START})")
# A line break inside a segment (hard-wrapped text) and the indentation around it.
_WRAP = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def unwrap(text: str) -> str:
    """A hard-wrapped segment as one line: a line break and the indentation around it become
    nothing between CJK characters (Chinese has no spaces) and one space elsewhere; between a
    Latin word and a CJK character, what the sentence itself does elsewhere (寫個Linux驅動程序
    is not written with spaces, so a line break after "Linux" is none either)."""
    if "\n" not in text and "\r" not in text:
        return text
    out, pos = [], 0
    for start, end, joint in _wraps(text):
        out += [text[pos:start], joint]
        pos = end
    return "".join(out) + text[pos:]


def unwrapped_offset(text: str, offset: int) -> int:
    """The offset in the hard-wrapped `text` of the character at `offset` of `unwrap(text)`
    (for a joint that replaced a line break: where the line break starts)."""
    shift = 0
    for start, end, joint in _wraps(text):
        if offset < start - shift + len(joint):
            return min(offset + shift, start) if offset >= start - shift else offset + shift
        shift += end - start - len(joint)
    return offset + shift


def _wraps(text: str) -> list[tuple[int, int, str]]:
    """Each line break of a segment with the indentation around it, and what joins it."""
    one_line = _WRAP.sub("\n", text)
    tight = len(_MIXED_TIGHT.findall(one_line))
    spaced = len(_MIXED_SPACED.findall(one_line))
    out = []
    for m in _WRAP.finditer(text):
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        cjk = bool(_CJK.match(before)), bool(_CJK.match(after))
        latin = bool(_ALNUM.match(before)), bool(_ALNUM.match(after))
        run_on = all(cjk) or (tight > spaced and cjk in ((True, False), (False, True))
                              and latin == (not cjk[0], not cjk[1]))
        out.append((m.start(), m.end(), "" if run_on else " "))
    return out


_ALNUM = re.compile(r"[A-Za-z0-9]")
_HAN_CLASS = r"\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A Latin word or number next to a Chinese character, without and with a space between them.
_MIXED_TIGHT = re.compile(rf"(?<=[A-Za-z0-9])(?=[{_HAN_CLASS}])|(?<=[{_HAN_CLASS}])(?=[A-Za-z0-9])")
_MIXED_SPACED = re.compile(rf"[A-Za-z0-9] [{_HAN_CLASS}]|[{_HAN_CLASS}] [A-Za-z0-9]")


def _width(line: str) -> int:
    """Display columns: Chinese characters are two wide, as in the editor that wrapped them."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


_LINE_END = "。！？｡.!?:：;；」』”’）)》…—"
_SAMPLE_LINES = 2000


def looks_hard_wrapped(text: str) -> bool:
    """Whether a plain-text document is hard-wrapped (lines broken mid-sentence at a width,
    as old e-texts and mail are): most lines that another line follows are about as wide as
    the widest ones (at least 40 columns) and end without a sentence's or clause's final mark.
    One paragraph a line (prose), verse, code and short lines are not."""
    lines = [ln.rstrip() for ln in LINE_BREAK.split(text, maxsplit=_SAMPLE_LINES)[:_SAMPLE_LINES]]
    widths = sorted(_width(ln) for ln in lines if ln.strip())
    if len(widths) < 4:
        return False
    widest = widths[int(len(widths) * 0.95) - 1 if len(widths) >= 20 else -1]
    if widest < 40:
        return False
    inner = [ln for ln, nxt in itertools.pairwise(lines)
             if ln.strip() and nxt.strip() and not re.match(_ITEM_START, nxt)]
    wrapped = [ln for ln in inner if _width(ln) >= 0.75 * widest and ln[-1] not in _LINE_END]
    return len(wrapped) >= 3 and 2 * len(wrapped) >= len(inner)


class ParagraphMode(str, Enum):
    """What separates paragraphs in a plain-text source."""

    LINE = "line"  # every line is a paragraph (Chinese prose, one paragraph per line)
    BLANK = "blank"  # blank lines separate paragraphs (hard-wrapped English)


@dataclass(slots=True)
class Segment:
    """One sentence of the source and the exact text around it."""

    text: str  # the sentence, without surrounding whitespace
    after: str  # everything between this sentence and the next (or the end of the file)
    paragraph: int  # 0-based paragraph number
    index: int  # 0-based position of the sentence in its paragraph
    line: int  # 1-based line on which the sentence starts
    before: str = ""  # text before the sentence: only the document's first segment has any

    @property
    def unit_text(self) -> str:
        """The sentence as a unit holds it: hard-wrapped lines joined (see `unwrap`)."""
        return unwrap(self.text)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(slots=True)
class SegmentedText:
    """A document as a list of segments."""

    segments: list[Segment] = field(default_factory=list)
    blank: str = ""  # the whole text when it holds no sentence at all (only whitespace)

    def join(self) -> str:
        """The original text, rebuilt from the segments."""
        return self.blank + "".join(s.before + s.text + s.after for s in self.segments)

    def paragraphs(self) -> Iterator[list[Segment]]:
        """The segments grouped by paragraph, in order."""
        current: list[Segment] = []
        for seg in self.segments:
            if current and seg.paragraph != current[0].paragraph:
                yield current
                current = []
            current.append(seg)
        if current:
            yield current


# What stands around a sentence and stays out of its unit: whitespace (also NBSP and the
# ideographic space of an indented paragraph) and the invisible zero-width space, word joiner
# and mid-text byte-order mark that web pages and converters leave between sentences.
_SPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u200b\u2060\ufeff"

# How far back a rule's `before` pattern may look. Abbreviations, initials and runs of marks
# are short; bounding the look-back keeps segmentation linear even on pathological input
# (20,000 dots, "a.a.a..."), where unbounded patterns backtrack quadratically.
_LOOK_BACK = 64


@cache
def _compiled(
    rules: tuple[Rule, ...],
) -> tuple[tuple[bool, re.Pattern[str], re.Pattern[str]], ...]:
    return tuple(
        (r.breaks, re.compile(f"(?:{r.before})\\Z", re.MULTILINE),
         re.compile(r.after, re.MULTILINE))
        for r in rules
    )


# Characters a sentence can end with: every break rule's `before` ends in one of them.
_CANDIDATES = re.compile(f"[{re.escape(END_CHARS)}]")


def break_positions(text: str, rules: tuple[Rule, ...]) -> list[int]:
    """Offsets where a sentence may end, by SRX semantics: at each position after a final
    mark or closer, the first rule whose `before` ends there and whose `after` starts there
    decides. `after` is tried first: it is cheap and fails inside runs of marks."""
    compiled = _compiled(rules)
    out = []
    for m in _CANDIDATES.finditer(text):
        pos = m.end()
        for breaks, before, after in compiled:
            if after.match(text, pos) and before.search(text, max(0, pos - _LOOK_BACK), pos):
                if breaks:
                    out.append(pos)
                break
    return out


def _paragraph_spans(text: str, mode: ParagraphMode) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph's content, line breaks excluded."""
    if mode is ParagraphMode.LINE:
        start = 0
        for m in LINE_BREAK.finditer(text):
            yield start, m.start()
            start = m.end()
        yield start, len(text)
        return
    start = 0
    for m in _BLANK_LINES.finditer(text):
        yield from _around_rules(text, start, m.start())
        start = m.end()
    yield from _around_rules(text, start, len(text))


# A line of one mark repeated ("=====", "-----", "＊＊＊", "※※※") underlines a heading or parts
# scenes (reStructuredText, Markdown, web novels): in hard-wrapped text it is a paragraph of
# its own, not part of the heading above it nor of the text below it.
_RULE_LINE = re.compile(r"[^\S\r\n]*([=\-~^*#+_＝－～＊※☆★◇◆○●—─━═])\1{2,}[^\S\r\n]*")


def _around_rules(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The paragraph text[start:end] split before and after each rule line in it."""
    pos = line_start = start
    prev_end = start  # where the content before the current line ends (its line break excluded)
    for m in [*LINE_BREAK.finditer(text, start, end), None]:
        line_end = m.start() if m else end
        if _RULE_LINE.fullmatch(text, line_start, line_end):
            if line_start > pos:
                yield pos, prev_end
            yield line_start, line_end
            pos = m.end() if m else end
        prev_end = line_end
        if m is None:
            break
        line_start = m.end()
    if pos < end or pos == start:
        yield pos, end


@dataclass(frozen=True, slots=True)
class Joint:
    """A place where the translator merged two segments (`split` False: no break there) or
    split one (`split` True: a break there), known by the text on either side of it.

    Stored by text, not by unit number or offset, so the choice survives edits elsewhere in
    the document; an edit right at the joint makes it stop applying (the segmenter decides).
    """

    before: str  # the end of the text before the joint (the first sentence's end)
    after: str  # the start of the text after it (the next sentence's start)
    split: bool = False


def _with_joints(text: str, breaks: list[int], joints: tuple[Joint, ...]) -> list[int]:
    """The break positions with the merges removed and the splits added."""
    merges: dict[str, list[Joint]] = {}
    out = breaks
    for joint in joints:
        if not joint.split:
            merges.setdefault(joint.after[:1], []).append(joint)
            continue
        needle = joint.before + joint.after
        at = text.find(needle)
        while at >= 0:
            out.append(at + len(joint.before))
            at = text.find(needle, at + 1)
    out = sorted(set(out))
    if not merges:
        return out
    kept = []
    for cut in out:
        end, start = cut, cut
        while end > 0 and text[end - 1] in " \t\u3000":
            end -= 1
        while start < len(text) and text[start] in " \t\u3000":
            start += 1
        if any(text.startswith(j.after, start) and text.endswith(j.before, 0, end)
               for j in merges.get(text[start:start + 1], ())):
            continue
        kept.append(cut)
    return kept


# A straight quote that is no apostrophe (not between two letters: don't).
_STRAIGHT_QUOTE = {q: re.compile(rf"(?<![A-Za-z]){q}|{q}(?![A-Za-z])") for q in "\"'"}


def _before_opening_quotes(text: str, p_start: int, p_end: int, cuts: list[int]) -> list[int]:
    """The cuts of a paragraph moved before the straight quotes that open the next sentence.

    A straight quote both opens and closes, so the rules keep it with the sentence before it
    as a closer ('天黑了。"走吧。"他說。'). Counted from the paragraph's start, an even number
    of the same quotes before it makes it an opening one: it starts the next sentence."""
    quotes = {q: [m.start() for m in pattern.finditer(text, p_start, p_end)]
              for q, pattern in _STRAIGHT_QUOTE.items()}
    out: list[int] = []
    for cut in cuts:
        at = cut
        while at > p_start and text[at - 1] in "\"'" and (not out or at - 1 > out[-1]):
            if bisect.bisect_left(quotes[text[at - 1]], at - 1) % 2:
                break  # an odd count before it: this one closes
            at -= 1
        if at > p_start and (not out or at > out[-1]) \
                and text[out[-1] if out else p_start:at].strip():
            out.append(at)
    return out


def segment_text(
    text: str, lang: str = "zh-Hant", mode: ParagraphMode | str = ParagraphMode.LINE,
    exceptions: tuple[str, ...] = (), joints: tuple[Joint, ...] = (),
) -> SegmentedText:
    """Segment `text` by the sentence rules of `lang`, after the project's `exceptions`
    (abbreviations never ending a sentence) and the translator's merges and splits."""
    mode = ParagraphMode(mode)
    breaks = break_positions(text, rules_for(langs.primary(lang), tuple(exceptions)))
    if joints:
        breaks = _with_joints(text, breaks, tuple(joints))
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    spans: list[tuple[int, int, int, int]] = []  # start, end, paragraph, index
    paragraph = 0
    for p_start, p_end in _paragraph_spans(text, mode):
        cuts = breaks[bisect.bisect_right(breaks, p_start):bisect.bisect_left(breaks, p_end)]
        if '"' in text[p_start:p_end] or "'" in text[p_start:p_end]:
            cuts = _before_opening_quotes(text, p_start, p_end, cuts)
        if cuts and not text[p_start:cuts[0]].strip(_SPACE + CLOSERS):
            # closing marks that begin a line of their own close the line above, which is
            # another paragraph here: no unit of them alone
            cuts = cuts[1:]
        index = 0
        for a, b in zip([p_start, *cuts], [*cuts, p_end], strict=False):
            piece = text[a:b]
            stripped = piece.strip(_SPACE)
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip(_SPACE))
            spans.append((a + lead, a + lead + len(stripped), paragraph, index))
            index += 1
        if index:
            paragraph += 1
    segments = []
    for i, (start, end, para, index) in enumerate(spans):
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        segments.append(Segment(
            text=text[start:end],
            after=text[end:next_start],
            paragraph=para,
            index=index,
            line=bisect.bisect_right(line_starts, start),
            before=text[:start] if i == 0 else "",
        ))
    return SegmentedText(segments, blank="" if segments else text)
