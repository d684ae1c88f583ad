"""TMX 1.4b translation memories: writing (catalogs, aligned pairs) and reading.

Only reviewed translations go into a memory: fuzzy drafts and untranslated units are left out
(a memory is reused without review; a draft in it would spread). Each `<tu>` carries the unit id
as `tuid`; the header's `srclang` and each `<tuv>`'s `xml:lang` are BCP 47 tags. A gettext
plural entry is written as translate-toolkit's po2tmx writes it: one `<tu>` per form, the
singular source with the first form, the plural source with each other form; the other forms'
`<tu>`s carry the entry's `tuid` and a `<prop type="x-gettext-plural-form">` with the form's
index, so that they come back as one entry. A character XML cannot hold (a form feed) is a
`<ph type="x-codepoint-000C"/>`.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench import langs
from workbench.errors import InputError, WorkbenchError
from workbench.formats import _xml
from workbench.formats._xml import (
    CODEPOINT_TYPE,
    XML_LANG,
    attrs,
    child,
    children,
    content_of,
    esc,
    inline,
    local,
    text_of,
)
from workbench.formats.base import (
    TOOL_NAME,
    TOOL_VERSION,
    Exchange,
    SegmentedUnit,
    context_of,
    exchange_ids,
)
from workbench.model import Catalog, State, Unit
from workbench.textio import atomic_write_bytes

PLURAL_FORM = "x-gettext-plural-form"
# Trados Studio's confirmation levels (`<prop type="x-ConfirmationLevel">` in its TMX exports)
# that are no finished translation: a draft kept in the memory, or one a reviewer rejected.
_SDL_DRAFTS = frozenset(("Draft", "RejectedTranslation", "RejectedSignOff"))


def _code(codepoint: int, n: int) -> str:
    """A character XML cannot hold: TMX has no element for it, so a placeholder naming it."""
    return f'<ph x="{n}" type="{CODEPOINT_TYPE}{codepoint:04X}"/>'


def _creation_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.fromtimestamp(int(epoch), timezone.utc)
              if epoch and epoch.isascii() and epoch.isdigit() and len(epoch) < 12
              else datetime.now(timezone.utc))
    return moment.strftime("%Y%m%dT%H%M%SZ")


def write_tmx(catalog: Catalog, path: str | os.PathLike[str] | None = None, *,
              source_lang: str = "", original: str = "",
              include_obsolete: bool = False) -> bytes:
    """The catalog's translated units as TMX 1.4b; written atomically to `path` when given.

    For aligned sentence pairs, build a Catalog of Units with state TRANSLATED (translator
    notes in `comments` become `<note>`s).
    """
    src = catalog.source_lang or source_lang
    tgt = catalog.target_lang
    if not src or not tgt:
        raise InputError("a TMX file needs both the source and the target language "
                         f"(source {src or '?'}, target {tgt or '?'}): name them with "
                         "--source-lang / --target-lang", catalog.path)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tmx version="1.4">\n',
        "  <header" + attrs([
            ("creationtool", TOOL_NAME), ("creationtoolversion", TOOL_VERSION),
            ("segtype", "sentence"), ("o-tmf", "PO"), ("adminlang", "en"),
            ("srclang", src), ("datatype", "plaintext"), ("creationdate", _creation_date()),
        ]) + ">\n",
    ]
    if original:
        out.append(f'    <prop type="x-workbench-original">{esc(original, "original")}</prop>\n')
    out.append("  </header>\n  <body>\n")
    units = [u for u in catalog.units
             if u.state is State.TRANSLATED and (include_obsolete or not u.obsolete)]
    for unit, tuid in zip(units, exchange_ids(units), strict=True):
        context = context_of(unit)
        what = f"unit {unit.id}"
        pairs = [(unit.source, unit.target)]
        if unit.source_plural is not None:
            pairs += [(unit.source_plural, form) for form in unit.target_plurals]
        for form, (source, target) in enumerate(pairs):
            if form and not target:
                continue  # an empty form is no translation to remember (po2tmx skips it too)
            out.append("    <tu" + attrs([("tuid", tuid)]) + ">\n")
            if form:
                out.append(f'      <prop type="{PLURAL_FORM}">{form}</prop>\n')
            else:
                # Every msgctxt, also one that is the tuid, as translate-toolkit's po2tmx
                # writes it: its TMX reader takes the context from here only.
                if context is not None:
                    out.append(f'      <prop type="x-context">{esc(context, what)}</prop>\n')
                out.extend(f"      <note>{esc(note, what)}</note>\n" for note in unit.comments)
                out.extend(f'      <prop type="x-location">{esc(f"{p}:{n}" if n else p, what)}'
                           "</prop>\n" for p, n in unit.locations)
            out.append(f'      <tuv xml:lang="{_xml.attr(src)}"><seg>'
                       f"{inline(source, _code, what)}</seg></tuv>\n")
            out.append(f'      <tuv xml:lang="{_xml.attr(tgt)}"><seg>'
                       f"{inline(target, _code, what)}</seg></tuv>\n")
            out.append("    </tu>\n")
    out.append("  </body>\n</tmx>\n")
    data = "".join(out).encode("utf-8")
    if path is not None:
        atomic_write_bytes(Path(path), data)
    return data


def _same_lang(a: str, b: str) -> bool:
    """Language tags equal ignoring case and `_`/`-` ('zh-hant' = 'zh_Hant')."""
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


def _lang_of(tuv: object) -> str:
    get = tuv.get  # type: ignore[attr-defined]
    return get(XML_LANG) or get("lang") or ""  # `lang`: TMX 1.1


def read_tmx(data: bytes, path: str | os.PathLike[str], target_lang: str = "",
             root: Element | None = None, source_lang: str = "") -> Exchange:
    """Read a TMX file; with several target languages in it, `target_lang` picks one.
    `source_lang`: the catalog's, the source of a file whose header says `*all*` or nothing.
    `root`: the file already parsed."""
    if root is None:
        root = _xml.parse_xml(data, path)
    try:
        return _read_tmx(root, path, target_lang, source_lang)
    except _xml.ElementError as exc:
        raise _xml.located(exc, data, root, path) from None


def _read_tmx(root: Element, path: str | os.PathLike[str], target_lang: str,
              source_lang: str) -> Exchange:
    if local(root.tag) != "tmx":
        raise InputError(f"not a TMX file (root element <{local(root.tag)}>)", path)
    header, body = child(root, "header"), child(root, "body")
    if header is None or body is None:
        raise InputError("TMX file without a <header> and a <body>", path)
    srclang = header.get("srclang", "")
    original = ""
    for prop in children(header, "prop"):
        if prop.get("type") == "x-workbench-original":
            original = text_of(prop)
    # `*all*`: any variant may be the source (TMX 1.4); then the catalog's, when it is known.
    declared = srclang if srclang not in ("", "*all*") else ""
    # A memory serves both ways: an en -> zh-CN one gives a zh-CN -> en catalog its English.
    # Its `srclang` says only which side was written first. (Another script or region of the
    # catalog's source language is that language: a zh-Hans memory serves a zh-Hant catalog.)
    reverse = bool(declared and source_lang) and _other_language(declared, source_lang)
    catalog = Catalog(source_lang=source_lang if reverse else declared or source_lang)
    # The target languages seen, by tag ignoring case and `_` (memories merged from several
    # tools spell one language `ZH-CN`, `zh-CN` and `zh_CN`), each as first spelled.
    seen_targets: dict[str, str] = {}
    previous_tuid: str | None = None  # the tuid of the last unit read (its plural forms follow)
    for n, tu in enumerate(children(body, "tu"), 1):
        tuvs = [(_lang_of(t), content_of(child(t, "seg"))) for t in children(tu, "tuv")]
        plains = [content_of(child(t, "seg"), codes=False) for t in children(tu, "tuv")]
        src_lang = source_lang if reverse else (
            tu.get("srclang", "").replace("*all*", "") or catalog.source_lang)
        at = next((k for k, (lang, _) in enumerate(tuvs)
                   if src_lang and _same_lang(lang, src_lang)), None)
        if at is None and src_lang:  # `en` declared, `en-US` written (fits, as a memory does)
            at = next((k for k, (lang, _) in enumerate(tuvs) if langs.fits(lang, src_lang)
                       and not (target_lang and _same_lang(lang, target_lang))), None)
        if at is None and reverse:
            continue  # a unit of the memory without the catalog's language: nothing to give
        if at is None:
            raise _xml.ElementError(f"<tu> number {n} has no variant in the source language "
                                    f"{src_lang or '(none declared)'}", tu)
        source_tag, source = tuvs[at]
        others = [(lang, text) for k, (lang, text) in enumerate(tuvs)
                  if k != at and not _same_lang(lang, source_tag)]
        if target_lang:
            others = [(lang, text) for lang, text in others if langs.fits(lang, target_lang)]
        if not others:
            continue
        target = others[0][1]
        for other, _ in others:
            seen_targets.setdefault(other.replace("_", "-").lower(), other)
        form = _plural_form(tu)
        previous = catalog.units[-1] if catalog.units else None
        if form and previous is not None and previous_tuid and previous_tuid == tu.get("tuid"):
            # Another form of the entry just read.
            previous.source_plural = source
            previous.target_plurals += [""] * (form - len(previous.target_plurals))
            previous.target_plurals[form - 1] = target
            continue
        # translate-toolkit's po2tmx keeps the msgctxt (our unit id) as a prop, not a tuid.
        context = next((text_of(p) for p in children(tu, "prop")
                        if p.get("type") == "x-context"), "")
        previous_tuid = tu.get("tuid")
        uid = tu.get("tuid") or context
        props = {p.get("type"): text_of(p) for p in children(tu, "prop")}
        state = (State.UNTRANSLATED if not target
                 else State.FUZZY if props.get("x-ConfirmationLevel", "").strip() in _SDL_DRAFTS
                 else State.TRANSLATED)
        plain = plains[at]
        alternative = "prev" in props or "next" in props  # OmegaT's, see SegmentedUnit
        unit = Unit(id=uid, source=source, target=target, state=state) \
            if plain == source and not alternative \
            else SegmentedUnit(id=uid, source=source, target=target, state=state,
                               plain_source=plain if plain != source else None,
                               alternative=alternative, prev_source=props.get("prev") or None,
                               next_source=props.get("next") or None)
        if context and context != uid:
            unit.context = context  # the msgctxt, when the tuid is not it
        unit.comments = [text_of(note) for note in children(tu, "note")]
        for prop in children(tu, "prop"):
            if prop.get("type") == "x-location":
                file, sep, line = text_of(prop).rpartition(":")
                number = _xml.line_number(line) if sep else None
                unit.locations.append((text_of(prop), 0) if number is None else (file, number))
        catalog.units.append(unit)
    if len(seen_targets) > 1 and not target_lang:
        raise InputError("the TMX file holds several target languages "
                         f"({', '.join(sorted(seen_targets.values()))}): import it with --into "
                         "a catalog", path)
    catalog.target_lang = next(iter(seen_targets.values()), target_lang)
    notes = []
    if reverse:
        notes.append(f"the memory's source language is {declared}: its {source_lang} variants "
                     "are read as the source, the catalog's (a memory serves both ways)")
    if target_lang and not catalog.units and len(children(body, "tu")):
        notes.append(f"no translation unit has a variant in {target_lang}")
    return Exchange(catalog, "tmx", original=original, notes=notes)


def _other_language(a: str, b: str) -> bool:
    """Whether the tags name two languages (not two scripts or regions of one)."""
    try:
        return langs.primary(a) != langs.primary(b)
    except WorkbenchError:  # a malformed tag: nothing is known
        return False


def _plural_form(tu: Element) -> int:
    for prop in children(tu, "prop"):
        form = _xml.line_number(text_of(prop).strip())
        if prop.get("type") == PLURAL_FORM and form is not None and 0 < form < 100:
            return form
    return 0

