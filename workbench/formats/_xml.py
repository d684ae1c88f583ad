"""XML for the exchange formats: a hardened parser for untrusted files and a tiny writer.

Reading goes through defusedxml: entity declarations (billion laughs, external entities) are
refused and no DTD is ever fetched. A plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">` line, which
OmegaT and Trados write, is accepted: expat does not load it.

Writing is done by hand rather than with ElementTree because ElementTree writes a carriage
return in element text as is, and every XML parser turns it into a line feed on reading.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from workbench.errors import InputError, WorkbenchError
from workbench.textio import CP936_EURO
from workbench.textio import line_number as line_number  # the formats' one parser

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
_HEX = re.compile(r"[0-9A-Fa-f]{1,6}\Z")
# Text a reviewer deleted with its tracked changes still pending: Trados Studio keeps it in the
# target as `<mrk mtype="x-sdl-deleted">`. It is not the translation (the added text is).
DELETED_MARKS = frozenset(("x-sdl-deleted",))


class ElementError(InputError):
    """Bad input found at an element of a parsed file; `located` gives it the element's line."""

    def __init__(self, message: str, element: Element) -> None:
        super().__init__(message)
        self.element = element


class _Found(Exception):
    pass


def line_of(data: bytes, root: Element, element: Element) -> int | None:
    """The line of `element`'s start tag in the file `root` was parsed from. ElementTree keeps
    no positions, so the file is parsed again up to that tag: only on an error's path. (It
    parsed once through defusedxml, so it declares no entity to expand.)"""
    from xml.parsers import expat

    index = next((n for n, el in enumerate(root.iter()) if el is element), None)
    if index is None:
        return None
    parser = expat.ParserCreate()
    seen = 0

    def start(name: str, attributes: object) -> None:
        nonlocal seen
        if seen == index:
            raise _Found(parser.CurrentLineNumber)
        seen += 1

    parser.StartElementHandler = start
    try:
        parser.Parse(xml_utf8(data, ""), True)
    except _Found as found:
        return int(found.args[0])
    except (expat.ExpatError, InputError, ValueError):
        pass
    return None


def located(exc: ElementError, data: bytes, root: Element,
            path: str | os.PathLike[str]) -> InputError:
    """The error as `path:line: message`."""
    return InputError(exc.message, path, line_of(data, root, exc.element))


def _codepoint(value: str, element: Element) -> str:
    number = int(value, 16) if _HEX.match(value) else -1
    if not 0 < number <= 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        raise ElementError(f"<{local(element.tag)}>: invalid character code {value!r}", element)
    return chr(number)


_NAME = re.compile(r"[A-Z][A-Z0-9_]*\Z")  # an Angular placeholder name: INTERPOLATION_1


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
    - g, mrk, pc, hi and sub are their text (2.0 `<pc>` between its codes, as above), but
      not the text of a tracked deletion (Trados's `<mrk mtype="x-sdl-deleted">`);
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
            if name == "mrk" and item.get("mtype") in DELETED_MARKS:
                continue
            if name == "cp":
                if keep:
                    out.append(_codepoint(item.get("hex", ""), item))
                continue
            if name in ("x", "ph") and kind.startswith(CODEPOINT_TYPE):
                if keep:
                    out.append(_codepoint(kind[len(CODEPOINT_TYPE):], item))
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


# How an XML document starts, by its encoding (XML 1.0 appendix F): a byte-order mark, or
# `<?` in UTF-16 without one. UTF-32 first: its little-endian mark starts as UTF-16's.
_SIGNATURES = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# UTF-16 without a byte-order mark (XML requires one; Windows tools leave it out): a first
# markup character, after any white space, with a zero byte beside each ASCII character.
_UTF16_UNMARKED = (
    (re.compile(rb"(?:[ \t\r\n]\x00)*<\x00[!?A-Za-z_]\x00"), "utf-16-le"),
    (re.compile(rb"(?:\x00[ \t\r\n])*\x00<\x00[!?A-Za-z_]"), "utf-16-be"),
)
# The encoding pseudo-attribute of the XML declaration (ASCII in every ASCII-based encoding).
# (White space before it is an error XML does not forgive, but PHP scripts and hand edits leave a
# blank line there: see `_late_declaration`.)
_ENCODING_DECL = re.compile(
    rb"[ \t\r\n]*<\?xml\s[^>]*?\bencoding\s*=\s*([\"'])([A-Za-z][\w.-]*)\1")
_ENCODING_TEXT = re.compile(
    r"(\A\ufeff?[ \t\r\n]*<\?xml\s[^>]*?)\s+encoding\s*=\s*([\"'])[^\"'>]*\2")
_ENCODING_BYTES = re.compile(
    rb"(\A(?:\xef\xbb\xbf)?[ \t\r\n]*<\?xml\s[^>]*?)\s+encoding\s*=\s*([\"'])[^\"'>]*\2")
_LATE_DECLARATION = re.compile(rb"\A((?:\xef\xbb\xbf)?[ \t\r\n]+)<\?xml\s[^>]*\?>")
# Names of UTF-8 (expat itself knows only "UTF-8": a declaration naming it otherwise is dropped).
_UTF8_NAMES = frozenset(("utf-8", "utf8", "utf_8", "u8", "x-utf-8", "unicode-1-1-utf-8"))
# Names Java, .NET and IANA give the Chinese encodings in an XML declaration that Python's codec
# registry lacks, as the charset names read with their supersets (see `codecs_for`).
_CHINESE_ALIASES = {
    "WINDOWS-936": "GBK", "X-GBK": "GBK", "CSGBK": "GBK", "X-MAC-CHINESESIMP": "GB2312",
    "GB_2312-80": "GB2312", "GB_2312": "GB2312", "CSGB2312": "GB2312", "X-EUC-CN": "GB2312",
    "CSISO58GB231280": "GB2312", "GB18030-2000": "GB18030", "GB18030-2005": "GB18030",
    "GB18030-2022": "GB18030", "WINDOWS-950": "CP950", "X-WINDOWS-950": "CP950",
    "X-MS950-HKSCS": "BIG5-HKSCS", "X-MS950-HKSCS-XP": "BIG5-HKSCS", "X-X-BIG5": "BIG5",
    "X-MAC-CHINESETRAD": "BIG5",
}


def is_blank(data: bytes) -> bool:
    """Nothing but white space after any byte-order mark (UTF-8, UTF-16 or UTF-32)."""
    for signature, codec in _SIGNATURES:
        if data.startswith(signature):
            return not data.decode(codec, "replace").lstrip("\ufeff").strip()
    return not data.strip()


def looks_like_xml(data: bytes) -> bool:
    """The bytes start as an XML document does, in any encoding (not PO or CSV)."""
    return xml_head(data) is not None


def xml_head(data: bytes) -> str | None:
    """The first 4 KB of the bytes as text when they start as an XML document does, in any
    encoding (enough to tell its root: `<xliff`, `<tmx`); None when they do not."""
    for signature, codec in _SIGNATURES:
        if data.startswith(signature):
            head = data[:4096].decode(codec, "replace").lstrip("\ufeff \t\r\n")
            return head if head.startswith("<") else None
    for pattern, codec in _UTF16_UNMARKED:
        if pattern.match(data):
            return data[:4096].decode(codec, "replace")
    plain = data[:4096].lstrip(b" \t\r\n")
    return plain.decode("utf-8", "replace") if plain.startswith(b"<") else None


def _encoding_of(data: bytes) -> tuple[tuple[str, ...], str]:
    """(the Python codecs to read the bytes with, the first that can, the name the file gives
    them): a legacy encoding's exact codec, then its supersets (a "Big5" file written on
    Windows is CP950, with its euro sign; a "GB2312" one is GBK), as PO charsets are read."""
    for signature, codec in _SIGNATURES:
        if data.startswith(signature):
            return (codec,), codec.upper().removesuffix("-SIG")
    for pattern, codec in _UTF16_UNMARKED:
        if pattern.match(data):
            return (codec,), "UTF-16"
    m = _ENCODING_DECL.match(data)
    declared = m.group(2).decode("ascii", "replace").strip() if m else ""
    if not declared or declared.lower() in _UTF8_NAMES:
        return ("utf-8",), declared or "UTF-8"
    if declared.lower().replace("-", "").startswith(("utf16", "utf32", "ucs")):
        # Read as ASCII, so not UTF-16: a file converted to UTF-8 that kept its declaration.
        return ("utf-8-declared-wide",), declared
    from workbench.formats.po import codecs_for  # the charset names gettext and XML share

    try:
        return codecs_for(_CHINESE_ALIASES.get(declared.upper(), declared)), declared
    except (WorkbenchError, ValueError):
        raise InputError(f"the XML declares encoding {declared!r}, which cannot be read here "
                         "(convert the file to UTF-8)", None) from None


def xml_utf8(data: bytes, path: str | os.PathLike[str],
             notes: list[str] | None = None) -> bytes:
    """The document as UTF-8 bytes for expat (see `_xml_utf8`), an XML declaration after blank
    lines dropped."""
    return _late_declaration(_xml_utf8(data, path, notes))


def _late_declaration(data: bytes) -> bytes:
    """The document without an XML declaration that white space precedes (a blank line a PHP
    script or an editor left before it), which expat refuses as 'not at start of entity'; its
    line breaks are kept, so that every line keeps its number."""
    m = _LATE_DECLARATION.match(data)
    if m is None:
        return data
    return m.group(1) + b"\n" * data.count(b"\n", m.end(1), m.end()) + data[m.end():]


def _xml_utf8(data: bytes, path: str | os.PathLike[str],
              notes: list[str] | None = None) -> bytes:
    """The document as UTF-8 bytes for expat, which reads only UTF-8, UTF-16 and Latin-1: a
    file in GB18030, GBK, GB2312 or Big5 (which Chinese tools declare in the XML declaration)
    is decoded with Python's codec and its declaration dropped; UTF-16 without a byte-order
    mark is recognised by its first characters. A file declaring a legacy encoding whose bytes
    are UTF-8 (the declaration left over from a converted file) is read as UTF-8, with a note.
    A file its encoding cannot decode is one InputError naming the line."""
    try:
        chain, name = _encoding_of(data)
    except InputError as exc:
        raise InputError(exc.message, path, 1) from None
    codec = chain[-1]
    if codec == "utf-8-sig":
        m = _ENCODING_DECL.match(data, 3)
        declared = m.group(2).decode("ascii", "replace").strip() if m else "UTF-8"
        if declared.lower() in _UTF8_NAMES:
            return _utf8_declared(data, declared)
        # A UTF-8 byte-order mark and another encoding declared (expat refuses the file): the
        # mark wins, as XML's autodetection says.
        if notes is not None:
            notes.append(f"the file declares the encoding {declared} but starts with UTF-8's "
                         "byte-order mark: read as UTF-8")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _not_utf8(data, path) or InputError("not valid UTF-8", path) from None
        return _ENCODING_TEXT.sub(r"\1", text, count=1).encode("utf-8")
    if codec == "utf-8":
        return _utf8_declared(data, name)
    wide = codec.startswith(("utf-16", "utf-32"))
    if codec == "utf-8-declared-wide" or (not wide and not data.isascii()):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if codec == "utf-8-declared-wide":
                raise _not_utf8(data, path) or InputError("not valid UTF-8", path) from None
        else:  # multi-byte UTF-8 that is valid by chance in GBK or Big5 does not happen
            if notes is not None:
                notes.append(f"the file declares the encoding {name} but is UTF-8: read as "
                             "UTF-8")
            return _ENCODING_TEXT.sub(r"\1", text, count=1).encode("utf-8")
    try:
        codec, text = _decoded(data, chain)
    except UnicodeDecodeError as exc:  # by the widest of them
        line = data[:exc.start].decode(codec, "replace").count("\n") + 1
        other = None if wide else _reads_as(data, codec, "")
        hint = f": the text reads as {other} ({_fix(other)})" if other else ""
        raise InputError(f"not valid {name}, the encoding the file declares: "
                         f"{exc.reason} (byte {data[exc.start]:#04x}){hint}", path, line) from None
    if not wide and not data.isascii():
        # A Big5 file declared GB2312, a GBK one declared windows-1252: the bytes decode, into
        # rare characters or Latin letters, and would come in as nonsense.
        other = _reads_as(data, codec, text)
        if other:
            raise InputError(f"the XML declares the encoding {name}, but its text reads as "
                             f"{other}: correct the declaration ({_fix(other)})", path, 1)
    return _ENCODING_TEXT.sub(r"\1", text.removeprefix("\ufeff"), count=1).encode("utf-8")


_GB_CODECS = frozenset(("gb2312", "gbk", "gb18030"))


def _decoded(data: bytes, chain: tuple[str, ...]) -> tuple[str, str]:
    """(the codec, the text) of the first codec of `chain` that decodes the bytes; the last
    one's UnicodeDecodeError when none does."""
    def decode(codec: str) -> str:
        return data.decode(codec, CP936_EURO if codec in _GB_CODECS else "strict")

    for codec in chain[:-1]:
        try:
            return codec, decode(codec)
        except UnicodeDecodeError:
            continue
    return chain[-1], decode(chain[-1])


# The two families of Chinese encodings, each read with its superset; a file declared in one
# whose text is the other is told by how common its Han characters are (as `textio` does).
_FAMILIES = (("gb18030", ("gb2312", "gbk", "gb18030", "hz"), "GB18030"),
             ("big5hkscs", ("big5", "cp950", "big5hkscs"), "Big5"))


def _plausibility(text: str) -> tuple[float, int]:
    """(the share of the text's Han characters that are common ones, how many there are)."""
    from workbench._common_han import COMMON_HAN
    from workbench.han import HAN_RE

    han = HAN_RE.findall(text)
    return (sum(ch in COMMON_HAN for ch in han) / len(han) if han else 0.0), len(han)


def _reads_as(data: bytes, codec: str, text: str) -> str | None:
    """The Chinese encoding the bytes clearly are, when not `codec` (which decoded them into
    `text`, or failed: ""): most Han characters common in it, few in the declared one."""
    ours, found = _plausibility(text) if text else (0.0, 0)
    chinese = any(codec in members for _, members, _ in _FAMILIES)
    if chinese and text and found < 4:
        return None  # no Chinese text in it (German in GBK): nothing says the encoding is wrong
    for superset, members, label in _FAMILIES:
        if codec in members:
            continue
        try:
            score, count = _plausibility(data.decode(superset))
        except UnicodeDecodeError:
            continue
        if count >= 10 and score >= 0.5 and score - ours >= 0.3:
            return label
    return None


def _fix(label: str) -> str:
    return f'<?xml version="1.0" encoding="{label}"?>'


def _utf8_declared(data: bytes, declared: str) -> bytes:
    """UTF-8 bytes for expat: a declaration naming UTF-8 otherwise than "UTF-8" (`utf8`, which
    PHP and shell scripts write) is dropped, as expat would not read past the first Chinese
    character with it."""
    if declared.lower() == "utf-8":
        return data
    return _ENCODING_BYTES.sub(rb"\1", data, count=1)


def _not_utf8(data: bytes, path: str | os.PathLike[str]) -> InputError | None:
    """A clear error for a file read as UTF-8 that is not (a GBK or Big5 file whose XML
    declaration names no encoding, or the wrong one)."""
    try:
        data.decode("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        other = _reads_as(data, "utf-8", "")
        advice = (f"its text reads as {other}, which its declaration must say ({_fix(other)})"
                  if other else "a file in GB18030, GBK or Big5 must say so in its declaration "
                  f"({_fix('GBK')})")
        return InputError(f"not valid UTF-8 (byte {data[exc.start]:#04x}), the encoding the "
                          f"file declares or XML's default: {advice}", path, line)
    return None


def parse_xml(data: bytes, path: str | os.PathLike[str],
              notes: list[str] | None = None) -> Element:
    """Parse untrusted XML bytes in any encoding it declares (see `xml_utf8`); every failure
    is a one-line InputError. `notes`: where to tell what the reader assumed."""
    data = xml_utf8(data, path, notes)
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        # the line of the first declaration (data is UTF-8 here), else of the DOCTYPE
        at = next((i for i in (data.find(b"<!ENTITY"), data.find(b"<!DOCTYPE")) if i >= 0), -1)
        raise InputError(
            f"refused: the XML declares entities or external references ({type(exc).__name__}); "
            "entity expansion is how billion-laughs and external-entity attacks work", path,
            data.count(b"\n", 0, at) + 1 if at >= 0 else None) from None
    except ParseError as exc:
        not_utf8 = _not_utf8(data, path)
        if not_utf8 is not None:
            raise not_utf8 from None
        line = exc.position[0] if getattr(exc, "position", None) else None
        message = str(exc).rsplit(": line", 1)[0]
        raise InputError(f"malformed XML: {message}", path, line) from None
    except (ValueError, LookupError, RecursionError) as exc:  # a document nested too deeply
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
