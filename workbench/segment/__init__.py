"""Sentence segmentation: rules as data (rules.py), the engine (segmenter.py)."""

from workbench.segment.segmenter import (
    Joint,
    ParagraphMode,
    Segment,
    SegmentedText,
    break_positions,
    looks_hard_wrapped,
    segment_text,
    unwrap,
)

__all__ = ["Joint", "ParagraphMode", "Segment", "SegmentedText", "break_positions",
           "looks_hard_wrapped", "segment_text", "unwrap"]
