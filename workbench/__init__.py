"""workbench: a terminal translation and bilingual-alignment workbench for Chinese sources."""

__version__ = "0.1.0"
