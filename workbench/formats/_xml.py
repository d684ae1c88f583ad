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
# Inline elements whose content is the original format's code (an RTF or HTML tag, say), not
# text: dropped on reading, except the translatable text of a <sub> inside them.
NATIVE_CODES = frozenset(("bpt", "ept", "ph", "it", "ut"))
_HEX = re.compile(r"^[0-9A-Fa-f]{1,6}$")


def _codepoint(value: str, what: str) -> str:
    number = int(value, 16) if _HEX.match(value) else -1
    if not 0 < number <= 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        raise InputError(f"{what}: invalid character code {value!r}")
    return chr(number)


def content_of(element: Element | None) -> str:
    """The text of a <source>, <target> or <seg> as a catalog holds it: inline codes of other
    tools (TMX and XLIFF 1.2 bpt/ept/ph/it/ut, whose content is the original document's markup,
    and the empty x/bx/ex, XLIFF 2.0 ph/sc/ec) are dropped; the text inside g, mrk, pc, hi and
    sub is kept; a character code (XLIFF 2.0 <cp hex="000C"/>, or this tool's own
    `x-codepoint-000C` code in XLIFF 1.2 and TMX) is the character."""
    if element is None:
        return ""
    out: list[str] = []
    # Iterative, as text_of: (node, keep its text?)
    stack: list[tuple[Element | str, bool]] = [(element, True)]
    while stack:
        item, keep = stack.pop()
        if isinstance(item, str):
            if keep:
                out.append(item)
            continue
        if not isinstance(item.tag, str):  # a comment or processing instruction
            continue
        name = local(item.tag)
        if item is not element:
            kind = item.get("ctype") or item.get("type") or ""
            if name == "cp":
                if keep:
                    out.append(_codepoint(item.get("hex", ""), "<cp>"))
                continue
            if name in ("x", "ph") and kind.startswith(CODEPOINT_TYPE):
                if keep:
                    out.append(_codepoint(kind[len(CODEPOINT_TYPE):], f"<{name}>"))
                continue
            if name == "sub":
                keep = True
            elif name in NATIVE_CODES:
                keep = False
        if keep and item.text:
            out.append(item.text)
        for sub in reversed(item):
            if sub.tail:
                stack.append((sub.tail, keep))
            stack.append((sub, keep))
    return "".join(out)


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
