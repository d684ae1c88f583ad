"""Exchange formats: exporting a catalog and reading back files translated elsewhere.

One module per format, each a pair of plain functions (catalog -> bytes, bytes -> Exchange);
this module names the formats and dispatches. No UI here: the CLI is `cli/export_cmd.py` and
`cli/import_cmd.py`, merging is `workbench/import_merge.py`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import InputError, UsageError
from workbench.formats.base import Exchange
from workbench.model import Catalog

if TYPE_CHECKING:
    # Annotations only: reading a PO file must not import the segmenter.
    from workbench.catalog_language import CatalogLanguages
    from workbench.segment import SegmentedText
    from workbench.textio import DecodedText


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    description: str


FORMATS = {f.name: f for f in (
    Format("po", "po", "gettext catalog (obsolete entries only with --include-obsolete)"),
    Format("mo", "mo", "compiled gettext catalog (translated units; gettext.translation)"),
    Format("xliff", "xlf", "XLIFF 1.2 (OASIS strict schema)"),
    Format("xliff2", "xliff", "XLIFF 2.0 core (.xliff: .xlf is the 1.2 file)"),
    Format("tmx", "tmx", "TMX 1.4b translation memory (translated units)"),
    Format("txt", "txt", "the translated document, with the source's layout"),
    Format("html", "html", "bilingual side-by-side page for review"),
    Format("csv", "csv", "id, source, target, state"),
)}
OBSOLETE_FORMATS = frozenset(("po", "csv", "tmx"))  # formats that can carry obsolete entries


@dataclass
class Document:
    """The source document a `txt` export is rebuilt from."""

    segmented: SegmentedText
    decoded: DecodedText


@dataclass
class Exported:
    data: bytes
    notes: list[str]  # things the user should know (out-of-date catalog, encoding changed)


def export_catalog(catalog: Catalog, fmt: str, *, original: str = "", source_lang: str = "",
                   document: Document | None = None, untranslated: str = "source",
                   include_obsolete: bool = False, title: str = "",
                   languages: CatalogLanguages | None = None,
                   to_utf8: bool = False) -> Exported:
    """The catalog in format `fmt` (a key of FORMATS).

    `languages`: the catalog's languages as the command decided them (default:
    `catalog_languages`, with `source_lang` as the project's source language). XLIFF, TMX and
    HTML write them; a PO or MO export keeps the catalog's header as it is. `to_utf8`: a PO
    file in a legacy charset is written as UTF-8 (else in its charset, entries as they were).
    """
    from workbench.catalog_language import catalog_languages
    from workbench.formats import csvfmt, html, mo, text, tmx, xliff
    from workbench.formats.po import po_bytes

    if include_obsolete and fmt not in OBSOLETE_FORMATS:
        raise UsageError(f"--include-obsolete applies to {', '.join(sorted(OBSOLETE_FORMATS))}, "
                         f"not to {fmt}")
    if to_utf8 and fmt != "po":
        raise UsageError("--to-utf8 applies to the po format only")
    if fmt == "po":
        if not include_obsolete:
            catalog = Catalog(units=catalog.active, source_lang=catalog.source_lang,
                              target_lang=catalog.target_lang, header=catalog.header,
                              header_comment=catalog.header_comment, path=catalog.path,
                              po_source=catalog.po_source)
        return Exported(po_bytes(catalog, to_utf8=to_utf8), [])
    if fmt == "mo":
        return Exported(mo.write_mo(catalog), [])
    if languages is None:
        languages = catalog_languages(catalog, project_source=source_lang or None)
    catalog = _with_languages(catalog, languages)
    if fmt == "xliff":
        return Exported(xliff.write_xliff(catalog, original), [])
    if fmt == "xliff2":
        return Exported(xliff.write_xliff2(catalog, original), [])
    if fmt == "tmx":
        return Exported(tmx.write_tmx(catalog, original=original,
                                      include_obsolete=include_obsolete), [])
    if fmt == "html":
        return Exported(html.write_html(catalog, title), [])
    if fmt == "csv":
        return Exported(csvfmt.write_csv(catalog, include_obsolete), [])
    if fmt == "txt":
        if document is None:
            raise UsageError("the txt export needs the source document (name the document, "
                             "or export a catalog of a project whose document exists)")
        rendered = text.render_text(catalog, document.segmented, untranslated)
        data, encoding = text.encode_like(rendered.text, document.decoded)
        notes = []
        if rendered.missing:
            notes.append(f"{rendered.missing} sentences of the document are not in the catalog "
                         "(run `workbench init` to update it); they stay in the source language")
        if encoding != document.decoded.encoding:
            notes.append(f"written as UTF-8: {document.decoded.encoding} cannot hold the "
                         "translation")
        return Exported(data, notes)
    raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def _with_languages(catalog: Catalog, languages: CatalogLanguages) -> Catalog:
    """The catalog with the decided languages, for a format that writes them (the catalog
    itself is left as it was read)."""
    return Catalog(units=catalog.units, source_lang=languages.source,
                   target_lang=languages.target, header=catalog.header,
                   header_comment=catalog.header_comment, path=catalog.path)


def read_exchange(path: str | os.PathLike[str], target_lang: str = "",
                  source_lang: str = "") -> Exchange:
    """Read a translated XLIFF 1.2/2.0, TMX, CSV (this tool's) or PO file, telling them apart
    by content. `target_lang`, `source_lang`: the catalog's, when known (a TMX file may hold
    several target languages, or name no source language)."""
    from workbench.formats import _xml, csvfmt, tmx, xliff
    from workbench.formats.po import is_utf16_po, parse_po_bytes
    from workbench.textio import read_bytes

    data = read_bytes(path, "file")
    if _xml.is_blank(data):  # a byte-order mark alone (UTF-8's or UTF-16's) is empty too
        raise InputError("file is empty", path)
    if _xml.looks_like_xml(data):
        notes: list[str] = []
        root = _xml.parse_xml(data, path, notes)
        root_name = _xml.local(root.tag)
        if root_name == "xliff":
            exchange = xliff.read_xliff(data, path, root)
        elif root_name == "tmx":
            exchange = tmx.read_tmx(data, path, target_lang, root, source_lang)
        else:
            raise InputError(f"XML file with root <{root_name}>: expected XLIFF or TMX", path)
        exchange.notes[:0] = notes
        return exchange
    if csvfmt.is_csv(data):
        return csvfmt.read_csv(data, path)
    if b"\x00" in data and not is_utf16_po(data):
        raise InputError("binary file: expected XLIFF, TMX or PO (an MO file cannot be imported; "
                         "import its PO)", path)
    catalog = parse_po_bytes(data, path)
    return Exchange(catalog, "po")
