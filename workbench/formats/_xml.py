"""XML for the exchange formats: a hardened parser for untrusted files and a tiny writer.

Reading goes through defusedxml: entity declarations (billion laughs, external entities) are
refused and no DTD is ever fetched. A plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` line, which
OmegaT and Trados write, is accepted: expat does not load it.

Writing is done by hand rather than with ElementTree because ElementTree writes a carriage
return in element text as is, and every XML parser turns it into a line feed on reading.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from workbench.errors import InputError

# Characters XML 1.0 cannot hold at all, not even as character references.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTR_RE = re.compile('[&<>\r\n\t"]')


def check_chars(text: str, what: str) -> str:
    """`text`, or an InputError naming the first character XML 1.0 cannot represent."""
    m = _ILLEGAL.search(text)
    if m:
        raise InputError(f"{what}: character U+{ord(m.group()):04X} at offset {m.start()} "
                         "cannot be written in XML")
    return text


def esc(text: str, what: str = "text") -> str:
    """Element content, escaped (a carriage return survives as `&#13;`)."""
    check_chars(text, what)
    return _TEXT_RE.sub(lambda m: _TEXT_ESCAPES[m.group()], text)


def inline(text: str, code: Callable[[int, int], str], what: str = "text") -> str:
    """Element content in which each character XML 1.0 cannot hold (a form feed, say) becomes
    the inline code `code(codepoint, n)` (n counts from 1) of the format, instead of an error:
    XLIFF 2.0 `<cp hex="000C"/>`, an `<x/>` in XLIFF 1.2, a `<ph/>` in TMX."""
    out: list[str] = []
    pos = 0
    for n, m in enumerate(_ILLEGAL.finditer(text), 1):
        out.append(esc(text[pos:m.start()], what))
        out.append(code(ord(m.group()), n))
        pos = m.end()
    out.append(esc(text[pos:], what))
    return "".join(out)


CODEPOINT_TYPE = "x-codepoint-"  # ctype (XLIFF 1.2 <x/>) / type (TMX <ph/>) of a character code
# Inline elements whose content is the original format's code (`<ph>%s</ph>`, `<bpt>&lt;b&gt;
# </bpt>`): XLIFF 1.2 and TMX. Their content is kept as text, as translate-toolkit does.
NATIVE_CODES = frozenset(("bpt", "ept", "ph", "it", "ut"))
# Empty placeholders: XLIFF 1.2 x/bx/ex, XLIFF 2.0 ph/sc/ec.
EMPTY_CODES = frozenset(("x", "bx", "ex", "ph", "sc", "ec"))
_HEX = re.compile(r"^[0-9A-Fa-f]{1,6}$")


def _codepoint(value: str, what: str) -> str:
    number = int(value, 16) if _HEX.match(value) else -1
    if not 0 < number <= 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        raise InputError(f"{what}: invalid character code {value!r}")
    return chr(number)


_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")  # an Angular placeholder name: INTERPOLATION_1


def placeholder_token(name: str, element: Element, position: int) -> str:
    """The text an inline placeholder stands as: `{$ID}`, the form Angular's own message
    files give its placeholders (`{$INTERPOLATION}`, `{$START_TAG_SPAN}`); a closing code
    (`<ex/>`, `<ec/>`, an empty `<ept/>`) `{/$ID}`. Never dropped: a translation keeps it,
    a check can see it, and it is the same text at every export and import."""
    get = element.get
    equiv = get("equiv") or ""
    ident = (equiv if _NAME.match(equiv) else "") or get("id") or get("startRef") \
        or get("rid") or get("x") or get("i") or str(position)
    slash = "/" if name in ("ex", "ec", "ept") and not _NAME.match(equiv) else ""
    return f"{{{slash}${ident}}}"


def content_of(element: Element | None, data: dict[str, str] | None = None,
               codes: bool = True) -> str:
    """The text of a <source>, <target> or <seg> as a catalog holds it, no inline code lost:

    - a native code element (TMX, XLIFF 1.2 `<ph>%s</ph>`, `<bpt>&lt;b&gt;</bpt>`) is its
      content, the original text it stands for (as translate-toolkit reads it);
    - an empty placeholder (XLIFF 1.2 `<x/>`, `<bx/>`, `<ex/>`; XLIFF 2.0 `<ph/>`, `<sc/>`,
      `<ec/>`) is the original data its `dataRef` names in 2.0's `<originalData>` (`data`),
      or else the token `{$ID}` (Angular's `<x id="INTERPOLATION" equiv-text="{{ n }}"/>`
      is `{$INTERPOLATION}`: its equiv-text is a hint, `}` for a closing block);
    - g, mrk, pc, hi and sub are their text (2.0 `<pc>` between its codes, as above);
    - a character code (2.0 `<cp hex="000C"/>`, or this tool's `x-codepoint-000C` code in
      XLIFF 1.2 and TMX) is the character.

    `codes=False`: the text without the inline codes (placeholders and native codes left
    out, the text of a <sub> kept): what the sentence is without them, to match a catalog's
    source that never had them.
    """
    if element is None:
        return ""
    data = data or {}
    out: list[str] = []
    # Iterative, as text_of: a hostile file can nest 100,000 elements.
    stack: list[tuple[Element | str, bool]] = [(element, True)]  # (node, its text is kept)
    position = 0
    while stack:
        item, keep = stack.pop()
        if isinstance(item, str):
            if keep:
                out.append(item)
            continue
        if not isinstance(item.tag, str):  # a comment or processing instruction
            continue
        name = local(item.tag)
        tail: str | None = None
        if item is not element:
            position += 1
            kind = item.get("ctype") or item.get("type") or ""
            if name == "cp":
                if keep:
                    out.append(_codepoint(item.get("hex", ""), "<cp>"))
                continue
            if name in ("x", "ph") and kind.startswith(CODEPOINT_TYPE):
                if keep:
                    out.append(_codepoint(kind[len(CODEPOINT_TYPE):], f"<{name}>"))
                continue
            empty = not item.text and len(item) == 0
            if empty and (name in EMPTY_CODES or name in NATIVE_CODES):
                if keep and codes:
                    out.append(_equivalent(item, data) or placeholder_token(name, item, position))
                continue
            if name == "sub":
                keep = True
            elif name in NATIVE_CODES and not codes:
                keep = False
            elif name == "pc" and codes:
                out.append(_pc_code(item, "Start", data, position))
                tail = _pc_code(item, "End", data, position)
        if keep and item.text:
            out.append(item.text)
        if tail and keep:
            stack.append((tail, True))
        for sub in reversed(item):
            if sub.tail:
                stack.append((sub.tail, keep))
            stack.append((sub, keep))
    return "".join(out)


def _equivalent(item: Element, data: dict[str, str]) -> str:
    """The original text an empty XLIFF 2.0 code names in <originalData>, if any."""
    get = item.get
    return data.get(get("dataRef") or get("dataRefStart") or get("dataRefEnd") or "", "")


def _pc_code(item: Element, end: str, data: dict[str, str], position: int) -> str:
    """The opening (`end` 'Start') or closing ('End') code of an XLIFF 2.0 <pc>: its original
    data, an Angular name in equivStart/equivEnd as `{$NAME}`, or nothing (a plain <g>)."""
    ref = item.get(f"dataRef{end}")
    if ref and ref in data:
        return data[ref]
    equiv = item.get(f"equiv{end}") or ""
    return f"{{${equiv}}}" if _NAME.match(equiv) else ""


def original_data(unit: Element) -> dict[str, str]:
    """XLIFF 2.0: the `<data>` of a unit's `<originalData>`, by id (what `dataRef` names)."""
    found = child(unit, "originalData")
    if found is None:
        return {}
    return {d.get("id", ""): text_of(d) for d in found if local(d.tag) == "data"}


def attr(text: str, what: str = "attribute") -> str:
    """An attribute value, escaped for double quotes (newlines and tabs survive)."""
    check_chars(text, what)
    return _ATTR_RE.sub(lambda m: _ATTR_ESCAPES[m.group()], text)


def attrs(pairs: list[tuple[str, str | None]]) -> str:
    """` name="value"` for every pair whose value is not None, in order."""
    return "".join(f' {name}="{attr(value, name)}"' for name, value in pairs if value is not None)


def parse_xml(data: bytes, path: str | os.PathLike[str]) -> Element:
    """Parse untrusted XML bytes; every failure is a one-line InputError."""
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            f"refused: the XML declares entities or external references ({type(exc).__name__}); "
            "entity expansion is how billion-laughs and external-entity attacks work", path
        ) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        message = str(exc).rsplit(": line", 1)[0]
        raise InputError(f"malformed XML: {message}", path, line) from None
    except (ValueError, RecursionError) as exc:  # e.g. a document nested too deeply
        raise InputError(f"malformed XML: {exc}", path) from None


def local(tag: object) -> str:
    """A tag without its namespace ('{urn:...}source' -> 'source')."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def text_of(element: Element | None) -> str:
    """The plain text of an element with its inline markup (g, mrk, ph, pc ...) flattened."""
    if element is None:
        return ""
    # Iterative: itertext() recurses, and a hostile file can nest 100,000 <g> elements.
    out: list[str] = []
    stack: list[Element | str] = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        if item.text and isinstance(item.tag, str):
            out.append(item.text)
        for sub in reversed(item):
            if sub.tail:
                stack.append(sub.tail)
            stack.append(sub)
    return "".join(out)


def children(element: Element, name: str) -> list[Element]:
    """Direct children with local name `name`, whatever their namespace."""
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    for c in element:
        if local(c.tag) == name:
            return c
    return None


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
