"""The editor's widgets, one module each: the unit list, the target editor, the text panels
and the progress bar."""
