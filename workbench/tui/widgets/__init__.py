"""The editor's widgets, one module each: the title line, the unit list, the target editor, the
text panels and the progress bar."""
