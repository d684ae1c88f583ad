"""Chinese line breaking (kinsoku) in the editor's panels: workbench.tui.text.line_breaks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from workbench.tui.text import CLOSING, OPENING, line_breaks, wrap_lines, wrap_text

HAN = st.sampled_from("西藏自治區黨委書記主席在會上講話我們要堅持新發展理念")
CLOSE = st.sampled_from("、。，」』）！？：；…")
OPEN = st.sampled_from("「『（“‘")
WORD = st.text("abcdefghij", min_size=1, max_size=4).map(lambda w: w + " ")
# Tokens never putting two marks side by side: then every line of 6 cells or more has a place
# where the rules allow a break, and they must hold everywhere.
TOKENS = st.lists(st.one_of(HAN, HAN, HAN, st.tuples(CLOSE, HAN).map("".join),
                            st.tuples(HAN, OPEN, HAN).map("".join), WORD), max_size=60)


def _soft_breaks(text: str, width: int) -> list[int]:
    return [b for b in line_breaks(text, width) if text[b - 1] != "\n"]


@settings(max_examples=300, deadline=None)
@given(tokens=TOKENS, width=st.integers(6, 40))
def test_rules_hold_and_nothing_is_lost(tokens: list[str], width: int) -> None:
    text = "".join(tokens)
    lines = wrap_lines(text, width)
    assert "".join(lines) == text
    for line in lines:
        assert cell_len(line.rstrip(" \n")) <= width, (line, width)
    for cut in _soft_breaks(text, width):
        assert text[cut] not in CLOSING, (text[:cut], text[cut:])
        assert text[cut - 1] not in OPENING, (text[:cut], text[cut:])


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from("中文、。「」（）ab \n…—“”"), max_size=80),
       width=st.integers(1, 30))
def test_any_text_is_kept_whole_and_fits(text: str, width: int) -> None:
    """Whatever the text (runs of marks longer than a line included), nothing is lost, every
    line fits, and a line break in the text breaks the line."""
    lines = wrap_lines(text, width)
    assert "".join(lines) == text
    for line in lines:
        assert cell_len(line.rstrip(" \n")) <= max(2, width)
        assert "\n" not in line[:-1]


def test_punctuation_moves_with_the_character_before_it() -> None:
    # 10 cells: "講話。他說" fills the line, but "：" may not start the next: "說" goes with it
    assert wrap_lines("主席在會上講話。他說：「我們要", 10) == [
        "主席在會上", "講話。他", "說：「我們", "要"]
    # an opening mark never ends a line
    assert wrap_lines("他說「我們要", 6) == ["他說", "「我們", "要"]
    # a long Latin word is cut where the rules hold
    assert wrap_lines("translation。", 11) == ["translatio", "n。"]
    assert wrap_lines("hello world", 8) == ["hello ", "world"]


def test_wrapped_text_keeps_styles_and_rich_keeps_its_lines() -> None:
    source = Text("主席在會上講話。他說：「我們要堅持新發展理念，推動高質量發展。」", style="bold")
    source.stylize("red", 0, 2)
    for width in (8, 11, 15, 24):
        wrapped = wrap_text(source, width)
        assert wrapped.plain.replace("\n", "") == source.plain
        assert any((span.start, span.end, span.style) == (0, 2, "red") for span in wrapped.spans)
        lines = wrapped.plain.split("\n")
        for line in lines[1:]:
            assert line[0] not in CLOSING
        console = Console(width=width, file=None, color_system=None)
        assert len(wrapped.wrap(console, width)) == len(lines)  # Rich breaks nothing more
