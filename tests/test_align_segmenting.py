"""The segmenter as alignment needs it: corpora with spaces between tokens (研究 。 ” )
keep a closing quote with the sentence it closes."""

from __future__ import annotations

import pytest

from workbench.segment import segment_text


@pytest.mark.parametrize(("text", "expected"), [
    ("他說：“我們要研究 。 ” 然後走了。", ["他說：“我們要研究 。 ”", "然後走了。"]),
    ("“我们 要 研究 。 ” 他 说 。", ["“我们 要 研究 。 ”", "他 说 。"]),
    ("研究 。 」 』 下一句。", ["研究 。 」 』", "下一句。"]),
    # Unchanged: no space, and an ASCII quote after a space (it may open the next sentence).
    ("他說：“我們要研究。”然後走了。", ["他說：“我們要研究。”", "然後走了。"]),
    ("他走了。 “你好。”", ["他走了。", "“你好。”"]),
    ('他說。 "你好。"', ["他說。", '"你好。"']),
])
def test_closing_quote_after_a_space_stays(text: str, expected: list[str]) -> None:
    segmented = segment_text(text, "zh-Hans")
    assert [s.text for s in segmented.segments] == expected
    assert segmented.join() == text
