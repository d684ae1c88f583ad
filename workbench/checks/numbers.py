"""Numbers in a source and its translation, understood the way translators write them.

The source's numbers written with digits must all come back in the target, by value: 47.04萬
is 470,400, which the target may write as 470,400, 470.4 thousand or (rounded to the precision
it shows) 0.47 million; 2萬余 is 20,000 (“more than 20,000”); 5 may be “five”. Numbers written
with Chinese numerals are not required: in 十四五 (the 14th Five-Year Plan) or 一縣一隊 they are
names and idioms, not quantities; they do satisfy a target number that matches them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from workbench import langs
from workbench.checks.base import CheckContext, Severity, register
from workbench.han import is_han
from workbench.model import Unit

_ZH_MAGNITUDE = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "千": 10**3, "百": 100}
_EN_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                 "bn": 10**9}

# Digits (with thousands separators and decimals), then a magnitude. 千 and 百 are magnitudes
# only when no measure word follows that makes them part of a unit (千米 = kilometre).
_NUMBER_RE = re.compile(
    # A sign right before the digits; after a letter or digit a hyphen joins (2021-2025).
    r"(?:(?<![0-9A-Za-z.])(?P<sign>[-－−]))?"
    r"(?<![\d.])(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<frac>\.\d+)?"
    # 300多万, 30余万: "more than" between the number and its magnitude.
    r"(?:\s?(?:[多余餘](?=[萬万億亿千百]))?(?P<zh>(?:[萬万億亿]|千(?![米克瓦卡])|百(?![米分]))+)"
    r"|\s?(?P<en>thousand|million|billion|trillion|bn)\b)?"
    r"(?P<percent>\s?(?:%|％|‰|percent\b|per cent\b))?",
    re.IGNORECASE,
)
_PERCENT_WORDS = re.compile(r"%|％|‰|percent|per cent|百分|千分", re.IGNORECASE)

_EN_UNITS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"))}
_EN_TENS = {w: 10 * i for i, w in enumerate(
    ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")) if w}
_EN_WORD_RE = re.compile(
    r"\b(?:(?:{})(?:[\s-]+(?:and[\s-]+)?)?)+\b".format("|".join(
        [*_EN_UNITS, *_EN_TENS, "hundred", *_EN_MAGNITUDE, "a"])), re.IGNORECASE)

_NEGATIVE_WORDS = re.compile(r"\b(?:minus|negative|below zero|below freezing)\b|零下|负|負",
                             re.IGNORECASE)
# Month names stand for their numbers (3月5日 = March 5); capitalised only, so the verb
# "may" and "march" do not count.
_MONTHS = {name: n for n, names in enumerate((
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec")), 1) for name in names}
_MONTH_RE = re.compile(r"\b({})\b".format("|".join(_MONTHS)))
_EN_ORDINALS = {w: i for i, w in enumerate((
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth"), 0) if w}
_ORDINAL_RE = re.compile(r"\b({})\b".format("|".join(_EN_ORDINALS)), re.IGNORECASE)

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL_RE = re.compile(r"[零〇一二兩两三四五六七八九十百千萬万億亿]+")


@dataclass(frozen=True, slots=True)
class Number:
    text: str  # as written
    value: Decimal  # absolute: signs are compared apart (a hyphen may be a dash)
    unit: Decimal  # the precision it is written to: 0.47 million -> 10,000
    sign: str = ""  # "minus" (sure), "maybe" (a hyphen after a Han character), or ""
    percent: bool = False

    def matches(self, other: Number) -> bool:
        """Equal values, or `self` rounded to the precision `other` is written to."""
        if self.value == other.value:
            return True
        return abs(self.value - other.value) * 2 <= other.unit and other.unit <= self.value


def digit_numbers(text: str) -> list[Number]:
    """Numbers written with digits, with their magnitude words (Chinese or English)."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    for m in _NUMBER_RE.finditer(text):
        digits = m.group("int").replace(",", "")
        frac = m.group("frac") or ""
        value = Decimal(digits + frac)
        scale = Decimal(1).scaleb(-(len(frac) - 1)) if frac else Decimal(1)
        magnitude = _EN_MAGNITUDE.get((m.group("en") or "").lower(), 1)
        for ch in m.group("zh") or "":  # 1萬億, 126万亿, 5千萬: the magnitudes multiply
            magnitude *= _ZH_MAGNITUDE[ch]
        sign = ""
        if m.group("sign"):
            before = text[m.start() - 1:m.start()]
            # After a word a hyphen is a minus (气温为-5), unless the word follows digits: then
            # it joins a code or a range (ICP備18000039號-1, 3號-5號).
            joins = text[m.start() - 2:m.start() - 1].isdigit()
            sign = "maybe" if joins and not before.isspace() and m.group("sign") != "−" \
                else "minus"
        out.append(Number(m.group(0), value * magnitude, scale * magnitude, sign,
                          bool(m.group("percent"))))
    return out


def english_word_numbers(text: str) -> list[Number]:
    """Numbers spelled out in English: "five", "twenty-one", "two hundred thousand"."""
    out = []
    for m in _EN_WORD_RE.finditer(text):
        words = [w for w in re.split(r"[\s-]+", m.group(0).lower()) if w and w != "and"]
        if not any(w in _EN_UNITS or w in _EN_TENS for w in words):
            continue  # "a", "a million" alone: not worth matching
        total = current = 0
        for w in words:
            if w in _EN_UNITS:
                current += _EN_UNITS[w]
            elif w in _EN_TENS:
                current += _EN_TENS[w]
            elif w == "a":
                current += 1
            elif w == "hundred":
                current = max(current, 1) * 100
            elif w in _EN_MAGNITUDE:
                total += max(current, 1) * _EN_MAGNITUDE[w]
                current = 0
        value = Decimal(total + current)
        out.append(Number(m.group(0).strip(), value, Decimal(1)))
    return out


def chinese_numeral_value(numeral: str) -> int | None:
    """二十一 -> 21, 三千五百 -> 3500, 兩萬 -> 20000, 二〇二四 -> 2024; None if not a number."""
    if all(ch in _ZH_DIGITS for ch in numeral):  # digit by digit, as years are written
        return int("".join(str(_ZH_DIGITS[ch]) for ch in numeral))
    total = section = digit = 0
    for ch in numeral:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += max(digit, 1 if ch == "十" else 0) * _ZH_UNITS[ch]
            digit = 0
        elif ch in "萬万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif ch in "億亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        else:
            return None
    return total + section + digit


# Words that say one and two before what they count: 单字符 (1-character), 双字节 (2-byte).
_ZH_SINGLE_DOUBLE = re.compile("[单單双雙]")  # followed by a Han character (is_han)


def chinese_numerals(text: str) -> list[Number]:
    out = []
    for m in _ZH_NUMERAL_RE.finditer(text):
        value = chinese_numeral_value(m.group(0))
        if value is not None:
            out.append(Number(m.group(0), Decimal(value), Decimal(1)))
    out += [Number(m.group(0), Decimal(1 if m.group(0) in "单單" else 2), Decimal(1))
            for m in _ZH_SINGLE_DOUBLE.finditer(text) if is_han(text[m.end():m.end() + 1])]
    return out


# Chinese numerals that count something: after 第 (第十七條, Article 17) or before a measure
# word (十八週歲, 五千元, 三個). Not idioms and names (十四五, 萬里, 一縣一隊): those have
# neither. 一 alone is left out: it is as often "a" as "one".
_MEASURES = ("條|条|章|節|节|款|項|项|編|编|週歲|周岁|歲|岁|年|個月|个月|月|日|天|小時|小时|"
             "分鐘|分钟|元|塊|块|人|名|個|个|次|倍|家|所|座|件|篇|部|位|種|种|屆|届|期|"
             "公里|米|噸|吨|公斤|戶|户|村|縣|县|省|市")
_ZH_COUNTED_RE = re.compile(
    r"(?P<ord>第)?(?P<num>[零〇一二兩两三四五六七八九十百千萬万億亿]+)"
    rf"(?P<measure>(?:{_MEASURES})(?!之)|(?=分之))?")
_ZH_PERCENT_RE = re.compile(r"百分之(?P<num>[零〇一二兩两三四五六七八九十百千萬万億亿點点]+)")


def chinese_counted_numbers(text: str) -> list[Number]:
    """Numbers written in Chinese numerals that a translation must carry (see above)."""
    out = []
    for m in _ZH_PERCENT_RE.finditer(text):
        value = chinese_numeral_value(m.group("num").split("點")[0].split("点")[0])
        if value is not None:
            out.append(Number(m.group(0), Decimal(value), Decimal(1), percent=True))
    taken = [m.span() for m in _ZH_PERCENT_RE.finditer(text)]
    for m in _ZH_COUNTED_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if text.startswith("分之", m.end()) or text[m.end():m.end() + 2] == "分之":
            continue  # a fraction: 三分之一
        if not (m.group("ord") or m.group("measure")):
            continue
        value = chinese_numeral_value(m.group("num"))
        if value is None or value < 2:
            continue
        out.append(Number(m.group(0), Decimal(value), Decimal(1)))
    return out


# Other ways a target writes a source's number: a decade (90年代 = the 1990s), a 24-hour time
# (下午3点 = 15:00), a shortened range (2021—2025 = 2021–25).
_DECADE_RE = re.compile(r"\b\d\d(\d0)s\b")
_TIME_RE = re.compile(r"\b(1[3-9]|2[0-3])[:.][0-5]\d\b")
_SHORT_RANGE_RE = re.compile(r"\b(\d\d)\d\d\s?[–—-]\s?(\d\d)\b(?![\d.,])")


def _other_forms(text: str) -> list[Number]:
    one = Decimal(1)
    found = [Number(m.group(0), Decimal(m.group(1)), one) for m in _DECADE_RE.finditer(text)]
    found += [Number(m.group(0), Decimal(int(m.group(1)) - 12), one)
              for m in _TIME_RE.finditer(text)]
    found += [Number(m.group(0), Decimal(m.group(1) + m.group(2)), one)
              for m in _SHORT_RANGE_RE.finditer(text)]
    return found


def target_numbers(text: str, lang: str) -> list[Number]:
    found = digit_numbers(text) + _other_forms(text)
    if lang and langs.primary(lang) == "en":
        found += english_word_numbers(text)
        found += [Number(m.group(0), Decimal(_MONTHS[m.group(0)]), Decimal(1))
                  for m in _MONTH_RE.finditer(text)]
        found += [Number(m.group(0), Decimal(_EN_ORDINALS[m.group(0).lower()]), Decimal(1))
                  for m in _ORDINAL_RE.finditer(text)]
    elif lang and langs.is_chinese(lang):
        found += chinese_numerals(text)
    return found


def _paired(numbers: list[Number], target: str, target_lang: str
            ) -> Iterator[tuple[Number, Number | None]]:
    """Each source number with the first target number that matches it (each used once),
    or None."""
    available = target_numbers(target, target_lang)
    for number in numbers:
        # The same value written the same way first (64 and "-64" both in a sentence), then
        # any that matches by value.
        matching = [i for i, candidate in enumerate(available) if number.matches(candidate)]
        alike = [i for i in matching if (available[i].sign == "") == (number.sign == "")
                 and available[i].percent == number.percent]
        match = (alike or matching)[0] if alike or matching else None
        yield number, None if match is None else available.pop(match)


# Digits inside a name are not a quantity: i18n, x86, \z1, <F1>, UTF-8's 8 stays with it.
_NAME_WITH_DIGITS = re.compile(
    r"\b0[xX][0-9A-Fa-f]+|(?<=[A-Za-z_\\])\d+(?:[A-Za-z_]\w*)?|\b[A-Za-z]+\d+[A-Za-z]\w*")
_HEX = re.compile(r"\b0[xX][0-9A-Fa-f]+")
# Zero said as a negation.
_NONE_WORDS = re.compile(r"[无無不没沒未非零]|\b(?:no|none|zero|never|nothing|without)\b",
                         re.IGNORECASE)


def _without_shared_code(source: str, target: str) -> tuple[str, str]:
    """Source and target without the code spans and placeholders they share verbatim
    (``STACK[-1]``, %1$s): those are copied, not translated, and their digits no quantity."""
    from workbench.checks.markup import spans

    if "\n" in source:  # a code sample: the lines it keeps as they are
        kept = set(source.splitlines()) & set(target.splitlines())
        kept = {line for line in kept if any(ch.isdigit() for ch in line)}
        if kept:
            source = "\n".join(x for x in source.splitlines() if x not in kept)
            target = "\n".join(x for x in target.splitlines() if x not in kept)
    for span in spans(source):
        if any(ch.isdigit() for ch in span) and span in target:
            source = source.replace(span, " ", 1)
            target = target.replace(span, " ", 1)
    return source, target


def number_problems(source: str, target: str, target_lang: str) -> list[str]:
    """What the target gets wrong about the source's numbers: missing ones, a lost minus
    sign, a lost percent sign."""
    negative = bool(_NEGATIVE_WORDS.search(target))
    percent_words = bool(_PERCENT_WORDS.search(target))
    out = []
    source, target = _without_shared_code(source, target)
    numbers = digit_numbers(_NAME_WITH_DIGITS.sub("x", source)) + chinese_counted_numbers(source)
    # In the target a number may lose its space (Python 3 → Python3): only hex is a name there.
    for number, candidate in _paired(numbers, _HEX.sub("x", target), target_lang):
        if candidate is None:
            if number.value == 0 and _NONE_WORDS.search(target):
                continue  # "requires 0 arguments" is 无需参数, "takes no arguments"
            out.append(f"number {_show(number)} is not in the target")
            continue
        if number.sign == "minus" and not candidate.sign and not negative:
            out.append(f"the minus sign of {number.text.strip()} is lost")
        if number.percent and not candidate.percent and not percent_words:
            out.append(f"{number.text.strip()}: the percent sign is lost")
    return out


def missing_numbers(source: str, target: str, target_lang: str) -> list[Number]:
    """The source's digit numbers that no number of the target matches."""
    return [number for number, candidate in _paired(digit_numbers(source), target, target_lang)
            if candidate is None]


def _show(number: Number) -> str:
    plain = f"{number.value:,f}".rstrip("0").rstrip(".") if "." in f"{number.value:f}" \
        else f"{number.value:,}"
    core = re.sub(r"[%％‰]|per ?cent", "", number.text, flags=re.I).strip().lstrip("-－−")
    return number.text if core.replace(",", "") == plain.replace(",", "") \
        else f"{number.text} (= {plain})"


_HAS_NUMBER = re.compile(r"[\d零〇一二兩两三四五六七八九十]")


@register("numbers", Severity.ERROR)
def check_numbers(unit: Unit, ctx: CheckContext) -> list[str]:
    """Every number of the source is in the target, by value.

    Digits with their magnitude (47.04萬 is 470,400, 0.47 million to the precision shown),
    counted Chinese numerals (第十七條, 三個), percentages (68% is not 86%) and minus signs
    are compared. In a Chinese target, Chinese numerals and number words count (1 buffer may
    be 一個緩衝區); in an English one, number words (five) and month names. A plural form
    that stands for one number only may leave the number out.
    """
    if not _HAS_NUMBER.search(unit.source):
        return []
    found = number_problems(unit.source, unit.target, ctx.target_lang)
    if ctx.lenient:
        found = [f for f in found if not f.endswith("is not in the target")]
    return found
