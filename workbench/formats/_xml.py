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
