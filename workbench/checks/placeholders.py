"""Format directives and markup: what a program fills in or a renderer reads.

A unit flagged with a format (`#, c-format`, `python-format`, `python-brace-format`, ...) is
compared the way `msgfmt --check-format` compares it: by the arguments the directives
consume, each by its number or name and its type, so `%s … %s` may become `%2$s … %1$s`.
A unit flagged `no-<lang>-format` has no directives of that language. Without a flag the
comparison is conservative: only unmistakable printf and brace placeholders count, compared as
a multiset whatever their order or argument numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from workbench.checks.base import CheckContext, Severity, register
from workbench.model import Unit

# --- C and its relatives (printf): positional arguments %n$, widths and precisions * -----
_C_DIRECTIVE = re.compile(
    r"%(?:(?P<pos>[1-9]\d*)\$)?(?P<flags>[-+ #0'I]*)"
    r"(?P<width>\*(?:[1-9]\d*\$)?|\d+)?(?:\.(?P<prec>\*(?:[1-9]\d*\$)?|\d*))?"
    r"(?P<size>hh|h|ll|l|L|q|j|z|Z|t)?"
    r"(?P<conv><PRI[diouxX](?:8|16|32|64|LEAST\d+|FAST\d+|MAX|PTR)>|[diouxXeEfFgGaAcspnCSm%])")
# The directives alone, as written, for the common case of a target that keeps them as they are.
_C_TOKENS = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _C_DIRECTIVE.pattern))
_C_TYPE = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"),
           **dict.fromkeys("eEfFgGaA", "double"), "c": "char", "C": "wchar", "s": "string",
           "S": "wstring", "p": "pointer", "n": "count"}

Args = dict[str, tuple[str, str]]  # argument (number or name) -> (type, directive as written)


class FormatError(ValueError):
    """The text is not a valid format string of the flagged language."""


def c_args(text: str) -> Args:
    """The arguments a C format string consumes: {"1": "int", "2": "string", ...}."""
    args: Args = {}
    following = 0  # unnumbered directives take the next argument

    def take(pos: str | None, kind: str, written: str) -> None:
        nonlocal following
        if pos:
            key = pos
        else:
            following += 1
            key = str(following)
        if key in args and args[key][0] != kind:
            raise FormatError(f"argument {key} used as {args[key][0]} and {kind}")
        args[key] = (kind, written)

    for m in _C_DIRECTIVE.finditer(text):
        conv = m.group("conv")
        if conv == "%" or conv == "m":  # %% is a percent sign, %m is errno's message
            continue
        for star in (m.group("width"), m.group("prec")):
            if star and star.startswith("*"):
                take(star[1:-1] or None, "int", m.group(0))
        if conv.startswith("<"):
            kind = "unsigned" if conv[4] in "ouxX" else "int"
            size = conv[5:-1]
        else:
            kind = _C_TYPE[conv]
            size = m.group("size") or ""
        take(m.group("pos"), f"{size}{kind}" if kind in ("int", "unsigned", "double") else kind,
             m.group(0))
    return args


# --- Python %-formatting: %(name)s or positional, never both -------------------------------
_PY_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-+ #0]*(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])")
_PY_TYPE = {**dict.fromkeys("diouxXc", "int"), **dict.fromkeys("eEfFgG", "float"),
            **dict.fromkeys("rsa", "any")}


def python_args(text: str) -> Args:
    args: Args = {}
    following = 0
    for m in _PY_DIRECTIVE.finditer(text):
        conv = m.group("conv")
        if conv == "%":
            continue
        name = m.group("name")
        if name is None:
            for star in (m.group("width"), m.group("prec")):
                if star == "*":
                    following += 1
                    args[str(following)] = ("int", m.group(0))
            following += 1
            name = str(following)
        args[name] = (_PY_TYPE[conv], m.group(0))
    return args


# --- Brace formats: Python str.format, C#, Java MessageFormat, Perl brace -----------------
_BRACE_FIELD = re.compile(
    r"\{\{|\}\}|\{(?P<field>[^{}!:,]*)(?:[!:,][^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}")


def brace_args(text: str) -> Args:
    """The fields of a brace format: "{0}", "{name.attr}", "{}" numbered automatically."""
    args: Args = {}
    following = 0
    for m in _BRACE_FIELD.finditer(text):
        field_text = m.group("field")
        if field_text is None:
            continue  # {{ or }}
        name = re.split(r"[.\[]", field_text, maxsplit=1)[0].strip()
        if not name:
            name = str(following)
            following += 1
        args[name] = ("any", m.group(0))
    return args


_QT_ARG = re.compile(r"%L?(\d{1,2})")


def qt_args(text: str) -> Args:
    return {m.group(1): ("any", m.group(0)) for m in _QT_ARG.finditer(text)}


_SH_VAR = re.compile(r"\$(?:\{(\w+)\}|([A-Za-z_]\w*))")


def sh_args(text: str) -> Args:
    return {m.group(1) or m.group(2): ("any", m.group(0)) for m in _SH_VAR.finditer(text)}


# The format flags msgfmt knows (xgettext's languages), by the parser that reads them.
PARSERS: dict[str, Callable[[str], Args]] = {
    **dict.fromkeys(("c", "objc", "gcc-internal", "gfc-internal", "php", "javascript",
                     "awk", "object-pascal", "lua", "perl", "tcl", "ycp", "librep",
                     "elisp", "smalltalk", "java-printf"), c_args),
    "python": python_args,
    **dict.fromkeys(("python-brace", "csharp", "java", "perl-brace",
                     "rust", "kde-kuit"), brace_args),
    **dict.fromkeys(("qt", "qt-plural", "kde", "boost"), qt_args),
    "sh": sh_args,
}


def format_flags(flags: list[str]) -> tuple[list[str], set[str]]:
    """The formats a unit is flagged with, and those it is flagged not to be (no-c-format).

    `possible-c-format` is xgettext's guess, which msgfmt does not check: such a unit is
    compared as an unflagged one."""
    yes, no = [], set()
    for flag in flags:
        if not flag.endswith("-format") or flag.startswith("possible-"):
            continue
        name = flag[:-7]
        if name.startswith("no-"):
            no.add(name[3:])
        else:
            yes.append(name)
    return yes, no


def compare_args(source: Args, target: Args, lenient: bool) -> list[str]:
    """What msgfmt --check-format reports: target arguments the source has not, a type
    changed, and (unless lenient) source arguments the target lost."""
    out = []
    extra = [target[k][1] for k in target if k not in source]
    if extra:
        out.append("not in the source: " + " ".join(extra))
    changed = [f"{source[k][1]} → {target[k][1]}" for k in target
               if k in source and "any" not in (source[k][0], target[k][0])
               and source[k][0] != target[k][0]]
    if changed:
        out.append("argument type changed: " + ", ".join(changed))
    if not lenient:
        missing = [source[k][1] for k in source if k not in target]
        if missing:
            out.append("missing from the target: " + " ".join(missing))
    return out


# --- Without a flag: unmistakable forms only -----------------------------------------------
# "15% of" is a percentage, not "% o": only %s %d %i %f (and %ld, %lu, %5.2f) after no digit.
_PRINTF_PLAIN = re.compile(
    r"(?<![\d%\w])%(?:([1-9]\d*)\$|\(([A-Za-z_]\w*)\))?(?:\d+(?:\.\d+)?|\.\d+)?(l{0,2}[sdiuf])")
_BRACES_PLAIN = re.compile(r"(?<!\{)\{(?:\d+|[A-Za-z_][\w.]*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(\s[^<>]*)?(/?)>")


def markup_tags(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Tags that are markup: closing or self-closing ones, those with attributes, and opening
    tags closed in the same text or `known` as markup (the source's). A lone <file> or
    <commit> is a metavariable of a usage message, which translators translate (git's
    <文件>), not a tag."""
    found = list(_TAG.finditer(text))
    if not found:
        return []
    closed = {m.group(2) for m in found if m.group(1)} | known
    return [f"</{m.group(2)}>" if m.group(1) else f"<{m.group(2)}>" for m in found
            if m.group(1) or m.group(4) or (m.group(3) and "=" in m.group(3))
            or m.group(2) in closed]


def plain_placeholders(text: str, known: frozenset[str] = frozenset()) -> Counter[str]:
    """Unflagged units: %s, %(name)s, {0}, {name} and tags, order and numbering ignored
    (%2$s counts as %s)."""
    found = [f"%({m.group(2)}){m.group(3)}" if m.group(2) else f"%{m.group(3)}"
             for m in _PRINTF_PLAIN.finditer(text)]
    found += _BRACES_PLAIN.findall(text)
    found += markup_tags(text, known)
    return Counter(found)


def _plain_problems(source: str, target: str, lenient: bool) -> list[str]:
    # Inline literals (``{name}``, `%s`) are shown as they are, not filled in by a program.
    source, target = _LITERAL.sub(" ", source), _LITERAL.sub(" ", target)
    names = _tag_names(source) | _tag_names(target)
    s = plain_placeholders(source, names)
    t = plain_placeholders(target, names)
    if s == t:
        return []
    out = []
    missing, extra = s - t, t - s
    if missing and not lenient:
        out.append("missing from the target: " + " ".join(sorted(missing.elements())))
    if extra:
        out.append("not in the source: " + " ".join(sorted(extra.elements())))
    return out


_DIRECTIVE_CHAR = re.compile(r"[%{<$]")


def placeholder_problems(source: str, target: str, flags: list[str],
                         lenient: bool = False) -> list[str]:
    if not _DIRECTIVE_CHAR.search(source) and not _DIRECTIVE_CHAR.search(target):
        return []  # no %, {, < or $: nothing any format or markup could hold
    yes, no = format_flags(flags)
    known = [name for name in yes if name in PARSERS]
    if not known:
        if no or yes:  # a format we do not parse, or "not a format string": no printf here
            return _tag_problems(source, target, lenient)
        return _plain_problems(source, target, lenient)
    out = []
    for name in known:
        parse = PARSERS[name]
        if parse is c_args and _C_TOKENS.findall(source) == _C_TOKENS.findall(target):
            continue  # the same directives in the same order (most units): the same arguments
        try:
            source_args = parse(source)
        except FormatError:
            continue  # msgfmt reports an invalid msgid; nothing to compare the target with
        try:
            target_args = parse(target)
        except FormatError as exc:
            out.append(f"not a valid {name}-format string: {exc}")
            continue
        label = f"{name}-format: " if len(known) > 1 else ""
        out += [label + p for p in compare_args(source_args, target_args, lenient)]
    return out + _tag_problems(source, target, lenient)


def _tag_problems(source: str, target: str, lenient: bool) -> list[str]:
    if "<" not in source and "<" not in target:
        return []
    names = _tag_names(source) | _tag_names(target)
    return _plain_problems(" ".join(markup_tags(source, names)),
                           " ".join(markup_tags(target, names)), lenient)


def _tag_names(text: str) -> frozenset[str]:
    """The names of the tags that are markup in a text: an <img> there makes an <img> on
    either side markup."""
    return frozenset(tag.strip("</>") for tag in markup_tags(text)) if "<" in text \
        else frozenset()


_LITERAL = re.compile(r"``.+?``|(?<![`\w])`[^`\n]+`(?!`)")


@register("placeholders", Severity.ERROR,
          applies_to="every translated unit; by its format flag (c-format, python-format, "
          "python-brace-format, qt-format, ...), conservatively without one")
def check_placeholders(unit: Unit, ctx: CheckContext) -> list[str]:
    """Format directives and tags of the source are in the target.

    A unit flagged with a format (c-format, python-format, python-brace-format, qt-format,
    sh-format, ...) is compared as `msgfmt --check-format` compares it: argument by argument,
    by number or name and type, so `%s … %s` may become `%2$s … %1$s`; `no-c-format` and the
    like turn the comparison off. Without a flag only unmistakable placeholders count (%s, %d,
    %(name)s, {0}, {name}) and tags, in any order. A plural form that stands for one number
    only may leave arguments out, as msgfmt allows.
    """
    return placeholder_problems(unit.source, unit.target, unit.flags, ctx.lenient)
