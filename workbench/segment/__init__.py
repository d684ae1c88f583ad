"""Sentence segmentation: rules as data (rules.py), the engine (segmenter.py)."""

from workbench.segment.segmenter import (
    ParagraphMode,
    Segment,
    SegmentedText,
    break_positions,
    segment_text,
    unwrap,
)

__all__ = ["ParagraphMode", "Segment", "SegmentedText", "break_positions", "segment_text", "unwrap"]
