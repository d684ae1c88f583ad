"""A bilingual side-by-side HTML page for review: one self-contained file, no script.

Every text from the catalog is escaped (it is untrusted: a `<script>` in a sentence shows as
text). The page loads nothing (styles inline) and forbids scripts and remote content by its
Content-Security-Policy. Paragraphs of the document are separated; each row shows the state.
"""

from __future__ import annotations

from html import escape

from workbench.formats.base import exported_units
from workbench.model import Catalog, State, paragraph_of

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid #ddd; padding: .4rem .6rem; vertical-align: top;
         text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; }
th.num, td.num { width: 3.5rem; color: #888; }
th.state, td.state { width: 7rem; }
tr.paragraph td { border-bottom: 2px solid #999; padding: 0; }
tr.untranslated td.target { background: #fdecea; }
tr.fuzzy td.target { background: #fff4d6; }
td.id { font-family: monospace; font-size: .8rem; color: #888; }
""".strip()


def write_html(catalog: Catalog, title: str = "") -> bytes:
    source_lang = escape(catalog.source_lang or "")
    target_lang = escape(catalog.target_lang or "")
    units = exported_units(catalog)
    counts = catalog.counts()
    done = 100 * counts[State.TRANSLATED] / len(units) if units else 100.0
    heading = escape(title or "translation")
    rows = []
    last_paragraph = None
    for n, unit in enumerate(units, 1):
        paragraph = paragraph_of(unit)
        if last_paragraph is not None and paragraph is not None and paragraph != last_paragraph:
            rows.append('<tr class="paragraph"><td colspan="4"></td></tr>')
        last_paragraph = paragraph if paragraph is not None else last_paragraph
        label = unit.state.label
        rows.append(
            f'<tr class="{label}" id="u-{escape(unit.id, quote=True)}">'
            f'<td class="num">{n}<br><span class="id">{escape(unit.id)}</span></td>'
            f'<td class="source" lang="{source_lang}">{escape(unit.source)}</td>'
            f'<td class="target" lang="{target_lang}">{escape(unit.target)}</td>'
            f'<td class="state">{label}</td></tr>'
        )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="workbench">
<title>{heading}</title>
<style>
{_STYLE}
</style>
</head>
<body>
<h1>{heading}</h1>
<p>{source_lang or "?"} → {target_lang or "?"}: {len(units)} units,
{counts[State.TRANSLATED]} translated, {counts[State.FUZZY]} fuzzy,
{counts[State.UNTRANSLATED]} untranslated ({done:.1f}% done)</p>
<table>
<thead><tr><th class="num">#</th><th>source ({source_lang or "?"})</th>\
<th>target ({target_lang or "?"})</th><th class="state">state</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</body>
</html>
"""
    return page.encode("utf-8")
