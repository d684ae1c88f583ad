"""XLIFF 1.2 (valid against the OASIS strict schema) and XLIFF 2.0: writing and reading.

A unit's id is the catalog's msgctxt, so a file comes back to the units it was made from even
after the translator's tool reorders it. States: translated <-> `approved="yes"` and
`state="translated"` (2.0: `state="translated"`); fuzzy <-> `approved="no"` and
`state="needs-review-translation"` (2.0: `state="initial"` with a target); untranslated units
have no target. Translator comments, generated comments, file:line locations, the previous
source of a fuzzy unit and PO flags are carried, so a catalog survives the round trip.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from xml.etree.ElementTree import Element

from workbench import langs
from workbench.errors import InputError
from workbench.formats import _xml
from workbench.formats._xml import (
    CODEPOINT_TYPE,
    XML_LANG,
    XML_SPACE,
    attrs,
    child,
    children,
    content_of,
    esc,
    inline,
    local,
    original_data,
    text_of,
)
from workbench.formats.base import (
    TOOL_NAME,
    TOOL_VERSION,
    Exchange,
    SegmentedUnit,
    context_of,
    exchange_ids,
    exported_units,
)
from workbench.model import Catalog, State, Unit

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS1X = "urn:oasis:names:tc:xliff:document:1."  # 1.0 (rarely namespaced), 1.1, 1.2
NS2X = "urn:oasis:names:tc:xliff:document:2."  # 2.0, also for 2.1 and 2.2
_TRANSLATED_12 = frozenset(("translated", "signed-off", "final"))
_TRANSLATED_20 = frozenset(("translated", "reviewed", "final"))
PLURALS_20 = "x-gettext:plurals"  # XLIFF 2.0 group/@type of a gettext plural entry


def _code_12(codepoint: int, n: int) -> str:
    """A character XML cannot hold, in XLIFF 1.2: an empty placeholder naming it."""
    return f'<x id="cp{n}" ctype="{CODEPOINT_TYPE}{codepoint:04X}"/>'


def _code_20(codepoint: int, n: int) -> str:
    """XLIFF 2.0's own element for a character XML cannot hold."""
    return f'<cp hex="{codepoint:04X}"/>'


def _lang(tag: str) -> str:
    return tag or "und"  # BCP 47 "undetermined": the schema requires a language


def _state_attrs_12(unit: Unit) -> tuple[str, str]:
    if unit.state is State.TRANSLATED:
        return "yes", "translated"
    return "no", "needs-review-translation"


def write_xliff(catalog: Catalog, original: str = "", source_lang: str = "") -> bytes:
    """The catalog as XLIFF 1.2 (active units; the schema's strict flavour)."""
    source = _lang(catalog.source_lang or source_lang)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff xmlns="{NS12}" version="1.2">\n',
        "  <file" + attrs([
            ("original", original or "catalog.po"), ("datatype", "po"),
            ("source-language", source),
            ("target-language", catalog.target_lang or None), ("tool-id", TOOL_NAME),
        ]) + ">\n",
        "    <header>\n",
        "      <tool" + attrs([("tool-id", TOOL_NAME), ("tool-name", TOOL_NAME),
                              ("tool-version", TOOL_VERSION)]) + "/>\n",
        "    </header>\n",
        "    <body>\n",
    ]
    units = exported_units(catalog)
    for unit, xid in zip(units, exchange_ids(units), strict=True):
        # A context shared by several entries is not an id: it is the unit's resource name.
        context = context_of(unit)
        resname = context if context is not None and context != xid else None
        if unit.source_plural is None:
            out.append(_trans_unit(xid, unit.source, unit.target, unit, _meta_12(unit),
                                   resname=resname))
            continue
        # gettext plurals as translate-toolkit writes them: a group, one trans-unit per form.
        out.append("      <group" + attrs([("id", xid), ("resname", resname),
                                           ("restype", "x-gettext-plurals"),
                                           ("xml:space", "preserve")]) + ">\n")
        out.append(_meta_12(unit))  # not re-indented: a previous source may hold line breaks
        forms = [unit.target, *unit.target_plurals]
        sources = [unit.source] + [unit.source_plural] * max(1, len(forms) - 1)
        for n, text in enumerate(sources):
            # A language with one form (Chinese) has no second msgstr: that form is shown
            # for its source but is not for translating.
            target = forms[n] if n < len(forms) else None
            out.append("  " + _trans_unit(f"{xid}[{n}]", text, target or "", unit, "",
                                          translate=target is not None))
        out.append("      </group>\n")
    out.append("    </body>\n  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _trans_unit(uid: str, source: str, target: str, unit: Unit, meta: str,
                translate: bool = True, resname: str | None = None) -> str:
    what = f"unit {unit.id}"
    head = [("id", uid), ("resname", resname), ("xml:space", "preserve"),
            ("translate", None if translate else "no")]
    state = ""
    if target:
        approved, state = _state_attrs_12(unit)
        head.append(("approved", approved))
    out = ["      <trans-unit" + attrs(head) + ">\n",
           f"        <source>{inline(source, _code_12, what)}</source>\n"]
    if target:
        out.append(f'        <target state="{state}">{inline(target, _code_12, what)}'
                   "</target>\n")
    out.append(meta)
    out.append("      </trans-unit>\n")
    return "".join(out)


def _meta_12(unit: Unit) -> str:
    """Locations, previous source and flags (context groups), then the notes."""
    what = f"unit {unit.id}"
    out = []
    # One group per location (a line number belongs to its file), as translate-toolkit's
    # po2xliff writes them: its XLIFF reader takes one location per group, the first file and
    # line of a group holding several. (po2xliff also names each group "po-reference", which
    # the strict schema refuses: a context-group name is unique in a <file>.)
    for path, line in unit.locations:
        out.append('        <context-group purpose="location">'
                   f'<context context-type="sourcefile">{esc(path, what)}</context>')
        if line:
            out.append(f'<context context-type="linenumber">{line}</context>')
        out.append("</context-group>\n")
    if unit.previous_source is not None or unit.flags:
        out.append('        <context-group purpose="information">')
        if unit.previous_source is not None:
            out.append('<context context-type="x-previous-source">'
                       f"{esc(unit.previous_source, what)}</context>")
        if unit.flags:
            out.append('<context context-type="x-po-flags">'
                       f"{esc(', '.join(unit.flags), what)}</context>")
        out.append("</context-group>\n")
    out.extend(f'        <note from="developer">{esc(note, what)}</note>\n'
               for note in unit.auto_comments)
    out.extend(f'        <note from="translator">{esc(note, what)}</note>\n'
               for note in unit.comments)
    return "".join(out)


def write_xliff2(catalog: Catalog, original: str = "", source_lang: str = "") -> bytes:
    """The catalog as XLIFF 2.0 core: one segment per unit; a gettext plural entry is a
    <group type="x-gettext:plurals"> with one unit per form (as XLIFF 1.2's plural group)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff xmlns="{NS20}" version="2.0"'
        + attrs([("srcLang", _lang(catalog.source_lang or source_lang)),
                 ("trgLang", catalog.target_lang or None)]) + ">\n",
        "  <file" + attrs([("id", "f1"), ("original", original or None)]) + ">\n",
    ]
    units = exported_units(catalog)
    for unit, xid in zip(units, exchange_ids(units, nmtoken=True), strict=True):
        # unit/@id is an NMTOKEN unique in the file; a context that cannot be one (spaces, or
        # shared by several entries) is the unit's @name.
        context = context_of(unit)
        head = [("id", xid), ("name", context if context is not None and context != xid
                              else None)]
        if unit.source_plural is None:
            out.append("    <unit" + attrs(head) + ">\n")
            out.append(_notes_20(unit, "      "))
            out.append(_segment_20(unit.source, unit.target, unit))
            out.append("    </unit>\n")
            continue
        gid = head[0][1]
        out.append("    <group" + attrs([*head, ("type", PLURALS_20)]) + ">\n")
        out.append(_notes_20(unit, "      "))
        forms = [unit.target, *unit.target_plurals]
        sources = [unit.source] + [unit.source_plural] * max(1, len(forms) - 1)
        for k, text in enumerate(sources):
            # One form only (Chinese): the plural source is shown, not for translating.
            target = forms[k] if k < len(forms) else None
            out.append("      <unit" + attrs([("id", f"{gid}-{k}"), (
                "translate", None if target is not None else "no")]) + ">\n")
            out.append(_segment_20(text, target or "", unit))  # (not re-indented: text)
            out.append("      </unit>\n")
        out.append("    </group>\n")
    out.append("  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _notes_20(unit: Unit, indent: str) -> str:
    what = f"unit {unit.id}"
    notes = [("developer", n) for n in unit.auto_comments]
    notes += [("location", f"{p}:{line}" if line else p) for p, line in unit.locations]
    if unit.previous_source is not None:
        notes.append(("previous-source", unit.previous_source))
    if unit.flags:
        notes.append(("po-flags", ", ".join(unit.flags)))
    notes += [("translator", n) for n in unit.comments]
    if not notes:
        return ""
    return "".join([f"{indent}<notes>\n",
                    *(f'{indent}  <note category="{cat}">{esc(text, what)}</note>\n'
                      for cat, text in notes),
                    f"{indent}</notes>\n"])


def _segment_20(source: str, target: str, unit: Unit) -> str:
    what = f"unit {unit.id}"
    state = "translated" if target and unit.state is State.TRANSLATED else "initial"
    out = [f'      <segment state="{state}">\n',
           f'        <source xml:space="preserve">{inline(source, _code_20, what)}</source>\n']
    if target:
        out.append(f'        <target xml:space="preserve">{inline(target, _code_20, what)}'
                   "</target>\n")
    out.append("      </segment>\n")
    return "".join(out)


def is_xliff(root: Element) -> bool:
    return local(root.tag) == "xliff"


def read_xliff(data: bytes, path: str | os.PathLike[str], root: Element | None = None
               ) -> Exchange:
    """Read an XLIFF 1.x or 2.x file (from this tool, Poedit, OmegaT, Okapi, Weblate...);
    `root`: the file already parsed."""
    if root is None:
        root = _xml.parse_xml(data, path)
    if not is_xliff(root):
        raise InputError(f"not an XLIFF file (root element <{local(root.tag)}>)", path)
    version = root.get("version", "")
    ns = _xml.namespace(root.tag)
    try:
        # 2.1 and 2.2 keep 2.0's namespace; tools that name it "...:document:2.1" read as 2.0.
        if ns.startswith(NS2X) or version.startswith("2"):
            return _read_20(root, path)
        # 1.0 and 1.1 read as 1.2 (which only added to them); a 1.1 file may name its version
        # by its namespace only, with no version attribute.
        if not (ns.startswith(NS1X) or ns == "" or version.startswith("1")):
            raise InputError(f"unsupported XLIFF version {version or ns!r}", path, 1)
        return _read_12(root, path)
    except _xml.ElementError as exc:
        raise _xml.located(exc, data, root, path) from None


def _state_12(target: Element | None, approved: str | None, tool: State | None = None,
              source: Element | None = None, untouched: bool = False) -> State:
    """A target's state: its XLIFF `state`, else what the CAT tool that wrote the file
    recorded (`tool`, see `_tool_state`; `untouched`: the tool says nobody translated it),
    else `approved`."""
    if target is None or not content_of(target):
        return State.UNTRANSLATED
    state = target.get("state")
    if state == "needs-translation":  # Okapi and others copy the source into such targets
        return State.UNTRANSLATED
    if state == "new" and source is not None and content_of(target) == content_of(source):
        # Microsoft's xliff-tasks (every .NET repository's xlf/*.xlf) and Xcode 15 write an
        # untranslated string as a copy of its source marked `new`; a `new` target that is
        # not the source (Angular's xliffmerge) is a draft.
        return State.UNTRANSLATED
    if state and not state.startswith("x-"):
        return State.TRANSLATED if state in _TRANSLATED_12 else State.FUZZY
    if tool is not None:
        if untouched and source is not None and content_of(target) == content_of(source):
            return State.UNTRANSLATED  # Trados's "Not Translated", the source copied in
        return tool
    return State.FUZZY if approved == "no" else State.TRANSLATED


SDL = "{http://sdl.com/FileTypes/SdlXliff/1.0}"
MEMOQ = "{MQXliff}"
PHRASE = "{http://www.memsource.com/mxlf/2.0}"
# Trados Studio's confirmation levels that are a finished translation; the others (Draft,
# RejectedTranslation, RejectedSignOff, none: "Not Translated") are drafts at best.
_SDL_DONE = frozenset(("Translated", "ApprovedTranslation", "ApprovedSignOff"))


def _sdl_segments(tu: Element, mid: str | None) -> list[Element]:
    """Trados Studio's <sdl:seg> of the segment `mid` (of every segment when None)."""
    defs = child(tu, "seg-defs")
    if defs is None or defs.tag != SDL + "seg-defs":
        return []
    return [seg for seg in defs if seg.tag == SDL + "seg" if mid is None or seg.get("id") == mid]


def _sdl_untouched(tu: Element, mid: str | None = None) -> bool:
    """Trados Studio's "Not Translated": no confirmation level at all. Its target, when it has
    one, is the source copied in (`origin="source"`) or a draft typed since."""
    segs = _sdl_segments(tu, mid)
    return bool(segs) and all(seg.get("conf") is None for seg in segs)


def _tool_state(tu: Element, mid: str | None = None) -> State | None:
    """The state a CAT tool keeps outside XLIFF's `state`, which Trados, memoQ and Phrase
    (Memsource) do not write: Trados Studio's `<sdl:seg conf>` of the segment `mid` (the
    unit's only one when None), memoQ's `mq:status`, Phrase's `m:confirmed`. A draft there
    (Trados `Draft`, memoQ `Edited`, an unconfirmed Phrase segment) is no reviewed
    translation; None when the unit says nothing of the kind."""
    segs = _sdl_segments(tu, mid)
    if segs:  # the unit: the least done of its segments
        done = all(seg.get("conf") in _SDL_DONE for seg in segs)
        return State.TRANSLATED if done else State.FUZZY
    status = tu.get(MEMOQ + "status")
    if status is not None:
        done = "Confirmed" in status or status.startswith("Proofread")
        return State.TRANSLATED if done else State.FUZZY
    confirmed = tu.get(PHRASE + "confirmed")
    if confirmed is not None:
        return State.TRANSLATED if confirmed == "1" else State.FUZZY
    return None


def _parts(exchanges: list[Exchange], fmt: str) -> Exchange:
    """One Exchange for the whole file: every unit, the first file's languages and original,
    and the files as its parts when there are several."""
    first = exchanges[0].catalog
    catalog = Catalog(units=[u for e in exchanges for u in e.catalog.units],
                      source_lang=first.source_lang, target_lang=first.target_lang)
    if not catalog.target_lang:
        catalog.target_lang = next((e.catalog.target_lang for e in exchanges
                                    if e.catalog.target_lang), "")
    return Exchange(catalog, fmt, original=exchanges[0].original,
                    parts=exchanges if len(exchanges) > 1 else [])


def _read_12(root: Element, path: str | os.PathLike[str]) -> Exchange:
    files = children(root, "file")
    if not files:
        raise InputError("XLIFF file without a <file> element", path, 1)
    parts = []
    reviews = _sdl_comments(root)
    for f in files:
        catalog = Catalog(source_lang=f.get("source-language", ""),
                          target_lang=f.get("target-language", ""))
        for kind, el, keep in _walk_12(f, _space(root, False)):
            unit = (_plural_12(el, path, keep, reviews) if kind == "plural"
                    else _unit_12(el, path, keep, reviews))
            if unit is None:
                continue
            if not catalog.target_lang:
                first = el if kind == "unit" else child(el, "trans-unit")
                target = child(first, "target") if first is not None else None
                if target is not None:
                    catalog.target_lang = target.get(XML_LANG, "")
            catalog.units.append(unit)
        parts.append(Exchange(catalog, "xliff", original=f.get("original", "")))
    return _parts(parts, "xliff")


def _sdl_comments(root: Element) -> dict[str, list[str]]:
    """Trados Studio's comments by id (`<doc-info><cmt-defs>`), which the text they are about
    names: `<mrk mtype="x-sdl-comment" sdl:cid="...">`."""
    info = child(root, "doc-info")
    defs = child(info, "cmt-defs") if info is not None and info.tag == SDL + "doc-info" else None
    if defs is None:
        return {}
    return {d.get("id", ""): [text for c in d.iter() if local(c.tag) == "Comment"
                              if (text := text_of(c).strip())]
            for d in children(defs, "cmt-def")}


def _review_comments(tu: Element, unit: Unit, reviews: dict[str, list[str]]) -> None:
    """The Trados Studio comments on the unit's text, as translator comments."""
    for mark in tu.iter():
        if local(mark.tag) == "mrk" and mark.get("mtype") == "x-sdl-comment":
            for text in reviews.get(mark.get(SDL + "cid", ""), []):
                if text not in unit.comments:
                    unit.comments.append(text)


def _space(element: Element, inherited: bool) -> bool:
    """Whether white space is kept in `element`: its xml:space, else its parent's (`inherited`):
    MadCap Lingo says `preserve` once, on <file>, for every unit in it."""
    value = element.get(XML_SPACE)
    return inherited if value not in ("preserve", "default") else value == "preserve"


def _walk(file: Element, unit_tag: str, plural: Callable[[Element], bool],
          enter: Callable[[Element], bool], keep: bool
          ) -> Iterator[tuple[str, Element, bool]]:
    """("unit", unit, keep) and ("plural", group, keep) in document order, other groups entered
    when `enter` says so (without recursion: a hostile file may nest groups deeply); `keep`:
    whether the xml:space in effect there (from the file down) keeps white space."""
    stack = [(iter(file), _space(file, keep))]
    while stack:
        el = next(stack[-1][0], None)
        if el is None:
            stack.pop()
            continue
        name = local(el.tag)
        inherited = stack[-1][1]
        if name == unit_tag:
            yield "unit", el, _space(el, inherited)
        elif name == "group" and plural(el):
            yield "plural", el, _space(el, inherited)
        elif enter(el):
            stack.append((iter(el), _space(el, inherited)))


def _walk_12(file: Element, keep: bool) -> Iterator[tuple[str, Element, bool]]:
    return _walk(file, "trans-unit", lambda g: g.get("restype") == "x-gettext-plurals",
                 lambda el: local(el.tag) in ("group", "body") and el.get("translate") != "no",
                 keep)


def _unit_12(tu: Element, path: str | os.PathLike[str], keep: bool = False,
             reviews: dict[str, list[str]] | None = None) -> Unit | None:
    """A trans-unit; `keep`: its xml:space (its own, else the one it inherits) keeps white
    space; `reviews`: Trados Studio's comments of the file, by id."""
    if tu.get("translate") == "no" or tu.get("restype") == "x-gettext-domain-header":
        return None  # translate-toolkit writes the PO header as a unit
    uid = tu.get("id")
    if uid is None:
        raise _xml.ElementError("<trans-unit> without an id", tu)
    src = child(tu, "source")
    if src is None:
        raise _xml.ElementError(f"<trans-unit id={uid!r}> without a <source>", tu)
    target = child(tu, "target")
    state = _state_12(target, tu.get("approved"), _tool_state(tu), src, _sdl_untouched(tu))
    segments = _segments_12(tu, target, state, keep)
    source = _spaced(content_of(src), _space(src, keep))
    plain = _spaced(content_of(src, codes=False), _space(src, keep))
    unit = (SegmentedUnit(id=uid, source=source, segments=segments,
                          plain_source=plain if plain != source else None)
            if segments or plain != source else Unit(id=uid, source=source))
    unit.target = _spaced(content_of(target), target is None or _space(target, keep))
    unit.state = state
    _set_context(unit, tu.get("resname"))  # the msgctxt of an entry whose context is no id
    _meta_read_12(tu, unit)
    if reviews:
        _review_comments(tu, unit, reviews)
    return unit


def _set_context(unit: Unit, context: str | None) -> None:
    """The msgctxt a file names apart from the unit's id (XLIFF resname/name, TMX x-context):
    import matches by it too."""
    if context is not None and context != unit.id:
        unit.context = context


# A line break with the indentation after it, or one opening or closing the element's text:
# a pretty-printer's, not the sentence's.
_INDENTED_BREAK = re.compile(r"[ \t]*(?:\n[ \t]*)*\n[ \t]+")
_EDGE_BREAKS = re.compile(r"\A[ \t]*\n\s*|\s*\n[ \t]*\Z")


def _spaced(text: str, preserve: bool) -> str:
    """Text of an element without xml:space="preserve": the line breaks and indentation of a
    pretty-printed file are not the sentence's (`<target>Chapter\n    One</target>`). A line
    break with no indentation after it inside the text is (Xcode 7 writes a storyboard label's
    two lines so, without xml:space: `carefully.\nThis is`)."""
    if preserve or "\n" not in text:
        return text
    return _INDENTED_BREAK.sub(" ", _EDGE_BREAKS.sub("", text))


def _seg_marks(element: Element | None) -> list[Element]:
    if element is None:
        return []
    return [m for m in element.iter() if local(m.tag) == "mrk" and m.get("mtype") == "seg"]


def _segments_12(tu: Element, target: Element | None, state: State, keep: bool
                 ) -> list[Unit]:
    """The sentences of a trans-unit whose <seg-source> has several <mrk mtype="seg">
    (Okapi, Trados, memoQ): each with the target's <mrk> of the same `mid`."""
    seg_source = child(tu, "seg-source")
    marks = _seg_marks(seg_source)
    if len(marks) < 2:
        return []
    targets = {m.get("mid"): m for m in _seg_marks(target)}
    own_state = target is not None and target.get("state")  # XLIFF's, for the whole unit
    keep_source = seg_source is not None and _space(seg_source, keep)
    keep_target = target is None or _space(target, keep)
    segments = []
    for mark in marks:
        mid = mark.get("mid")
        text = _spaced(content_of(targets.get(mid)), keep_target)
        source = _spaced(content_of(mark), keep_source)
        tool = None if own_state else _tool_state(tu, mid)
        if tool is not None and text == source and _sdl_untouched(tu, mid):
            tool = State.UNTRANSLATED  # Trados's "Not Translated", the source copied in
        segments.append(Unit(id="", source=source, target=text,
                             state=(state if tool is None else tool) if text
                             else State.UNTRANSLATED))
    return segments


# Who writes a note that is the developer's, not the translator's: Angular's `description`
# and `meaning` (its i18n attribute), translate-toolkit's and Okapi's `developer`.
_DEVELOPER_NOTES = frozenset(("developer", "description", "meaning", "programmer"))


def _meta_read_12(el: Element, unit: Unit) -> None:
    """Notes and context groups. A note says who wrote it in `from`; one that does not is
    the developer's too: Xcode's (the .strings comments, "No comment provided by engineer."),
    Microsoft's xliff-tasks' (the .resx comments) and Symfony's. Only a translator's note
    becomes a translator comment, which an import adds to the catalog."""
    for note in children(el, "note"):
        text = text_of(note)
        if not text.strip():
            continue  # Xcode and xliff-tasks write an empty <note/> for no comment
        author = note.get("from")
        (unit.comments if author is not None and author not in _DEVELOPER_NOTES
         else unit.auto_comments).append(text)
    for group in children(el, "context-group"):
        _context_12(group, unit)


def _plural_12(group: Element, path: str | os.PathLike[str], keep: bool,
               reviews: dict[str, list[str]] | None = None) -> Unit | None:
    forms = children(group, "trans-unit")
    if not forms:
        return None
    first = _unit_12(forms[0], path, _space(forms[0], keep), reviews)
    if first is None:
        return None
    first.id = group.get("id") or first.id.removesuffix("[0]")
    first.context = None
    _set_context(first, group.get("resname"))
    first.source_plural = (_text_12(forms[1], "source", keep) if len(forms) > 1
                           else first.source)
    first.target_plurals = [_text_12(tu, "target", keep) for tu in forms[1:]
                            if tu.get("translate") != "no"]
    _meta_read_12(group, first)
    return first


def _text_12(tu: Element, name: str, keep: bool) -> str:
    """The text of a trans-unit's <source> or <target>, white space as its xml:space says."""
    element = child(tu, name)
    if element is None:
        return ""
    return _spaced(content_of(element), _space(element, _space(tu, keep)))


_FIRST_LINE = re.compile(r"\s*([0-9]{1,9})\s*(?:[,-]\s*[0-9]{1,9}\s*)?\Z")


def _context_12(group: Element, unit: Unit) -> None:
    for ctx in children(group, "context"):
        kind, value = ctx.get("context-type"), text_of(ctx)
        if kind == "sourcefile":
            unit.locations.append((value, 0))
        elif kind == "linenumber" and unit.locations and (line := _FIRST_LINE.match(value)):
            # Angular writes the lines a message spans, "49,51": it starts on the first.
            unit.locations[-1] = (unit.locations[-1][0], int(line.group(1)))
        elif kind == "x-previous-source":
            unit.previous_source = value
        elif kind == "x-po-msgctxt":  # translate-toolkit's place for the context
            _set_context(unit, value)
        elif kind == "x-po-flags":
            unit.flags = [f.strip() for f in value.split(",") if f.strip()]


def _read_20(root: Element, path: str | os.PathLike[str]) -> Exchange:
    files = children(root, "file")
    if not files:
        raise InputError("XLIFF file without a <file> element", path, 1)
    source_lang, target_lang = root.get("srcLang", ""), root.get("trgLang", "")
    joiner = langs.sentence_joiner(target_lang)
    parts = []
    for f in files:
        catalog = Catalog(source_lang=source_lang, target_lang=target_lang)
        # A name several units share is their msgctxt (GNOME's `unit-symbols`); a unit's own
        # name is its id, which an id (an NMTOKEN) could not hold ("an id with spaces").
        names = Counter(el.get("name") for el in f.iter()
                        if local(el.tag) in ("unit", "group") and el.get("name"))
        for kind, el, keep in _walk_20(f, _space(root, False)):
            unit = (_plural_20(el, path, joiner, keep) if kind == "plural"
                    else _unit_20(el, path, joiner, keep))
            if unit is not None:
                name = el.get("name")
                if name and names[name] == 1:
                    unit.id, unit.context = name, None
                catalog.units.append(unit)
        parts.append(Exchange(catalog, "xliff2", original=f.get("original", "")))
    return _parts(parts, "xliff2")


def _walk_20(file: Element, keep: bool) -> Iterator[tuple[str, Element, bool]]:
    return _walk(file, "unit", lambda g: g.get("type") == PLURALS_20,
                 lambda el: local(el.tag) == "group" and el.get("translate") != "no", keep)


def _unit_20(el: Element, path: str | os.PathLike[str], joiner: str, keep: bool = False
             ) -> Unit | None:
    """A unit; `keep`: its xml:space (its own, else the one it inherits) keeps white space.
    Without it the line breaks and indentation of a pretty-printed file are not the text's
    (Phrase indents the inline codes of a <source> and <target>)."""
    if el.get("translate") == "no":
        return None
    uid = el.get("id") or el.get("name")
    if not uid:
        raise _xml.ElementError("<unit> without an id", el)
    pieces = []  # (is a segment, source, target, the target's text stands, state)
    notes = []
    data = original_data(el)
    plains = []
    for part in el:
        kind = local(part.tag)
        if kind == "notes":
            notes.extend(children(part, "note"))
        elif kind in ("segment", "ignorable"):
            src, tgt = child(part, "source"), child(part, "target")
            # An <ignorable> is there for its white space: the line break between sentences.
            spaced = _space(part, keep or kind == "ignorable")
            keep_src = src is not None and _space(src, spaced)
            keep_tgt = tgt is not None and _space(tgt, spaced)
            pieces.append((kind == "segment", _spaced(content_of(src, data), keep_src),
                           _spaced(content_of(tgt, data), keep_tgt), tgt is not None,
                           part.get("state")))
            plains.append(_spaced(content_of(src, data, codes=False), keep_src))
    segments = [Unit(id="", source=src, target=tgt, state=_state_20([(state, tgt)]))
                for is_segment, src, tgt, _, state in pieces if is_segment]
    source = "".join(src for _, src, _, _, _ in pieces)
    plain = "".join(plains)
    unit = SegmentedUnit(id=uid, source="", segments=segments if len(segments) > 1 else [],
                         plain_source=plain if plain != source else None) \
        if len(segments) > 1 or plain != source else Unit(id=uid, source="")
    _set_context(unit, el.get("name"))
    for note in notes:
        _note_20(note.get("category", ""), text_of(note), unit)
    unit.source = source
    unit.target = _join_target(pieces, joiner)
    states = [(state, tgt) for is_segment, _, tgt, _, state in pieces if is_segment]
    unit.state = _state_20(states) if unit.target else State.UNTRANSLATED
    return unit


def _join_target(pieces: list[tuple[bool, str, str, bool, str | None]], joiner: str) -> str:
    """A segmented unit's target: the segments' translations with what stands between them
    (an <ignorable>'s target, else its source); two sentences with nothing between them are
    joined the target language's way (one space in English, nothing in Chinese). A sentence
    not translated yet stands in the source language in the (then fuzzy) draft: never lost."""
    out: list[str] = []
    previous_segment = False
    for is_segment, src, tgt, has_target, _ in pieces:
        text = (tgt or src) if is_segment else tgt if has_target else src
        if is_segment and previous_segment and out and out[-1] and text \
                and not out[-1][-1].isspace() and not text[0].isspace():
            out.append(joiner)
        out.append(text)
        previous_segment = is_segment
    return "".join(out) if any(t for s, _, t, _, _ in pieces if s) else ""


def _plural_20(group: Element, path: str | os.PathLike[str], joiner: str, keep: bool
               ) -> Unit | None:
    forms = children(group, "unit")
    if not forms:
        return None
    first = _unit_20(forms[0], path, joiner, _space(forms[0], keep))
    if first is None:
        return None
    first.id = group.get("id") or group.get("name") or first.id
    first.context = None
    _set_context(first, group.get("name"))
    first.source_plural = (_text_20(forms[1], "source", keep) if len(forms) > 1
                           else first.source)
    first.target_plurals = [_text_20(u, "target", keep) for u in forms[1:]
                            if u.get("translate") != "no"]
    for notes in children(group, "notes"):
        for note in children(notes, "note"):
            _note_20(note.get("category", ""), text_of(note), first)
    return first


def _text_20(unit: Element, name: str, keep: bool) -> str:
    """The <source> or <target> text of a one-segment unit (a plural form), white space as its
    xml:space says."""
    keep = _space(unit, keep)
    segment = child(unit, "segment")
    if segment is None:
        return ""
    keep = _space(segment, keep)
    element = child(segment, name)
    return _spaced(content_of(element, original_data(unit)),
                   element is None or _space(element, keep))


def _state_20(states: Sequence[tuple[str | None, object]]) -> State:
    """The least done of the segments' states (a missing state with a target: translated)."""
    result = State.TRANSLATED
    for state, has_target in states:
        if not has_target:  # partly translated
            return State.FUZZY
        if state is not None and state not in _TRANSLATED_20:
            result = State.FUZZY
    return result


def _note_20(category: str, text: str, unit: Unit) -> None:
    if category == "previous-source":  # a source text: even one of white space is kept
        unit.previous_source = text
        return
    if not text.strip():
        return
    if category in _DEVELOPER_NOTES:  # Angular's XLIFF 2.0: description, meaning
        unit.auto_comments.append(text)
    elif category == "location":
        file, sep, line = text.rpartition(":")
        number = _xml.line_number(line) if sep else None
        unit.locations.append((text, 0) if number is None else (file, number))
    elif category == "po-flags":
        unit.flags = [f.strip() for f in text.split(",") if f.strip()]
    else:
        unit.comments.append(text)
