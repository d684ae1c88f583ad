"""Simplified punctuation in converted text: marks next to Chinese become full width, runs that
stand for lost characters do not."""

import pytest

from workbench.convert import simplified_punctuation


@pytest.mark.parametrize(("text", "expected"), [
    ("台北,台中", "台北，台中"),
    ("真的嗎?", "真的嗎？"),
    ("真的嗎??", "真的嗎？？"),
    ("版權所有????藏ICP備", "版權所有????藏ICP備"),  # an encoding lost these characters
    ("「引號」", "“引號”"),
    ("10:30 開始", "10:30 開始"),
])
def test_simplified_punctuation(text: str, expected: str) -> None:
    assert simplified_punctuation(text) == expected
