"""The target language of a catalog that does not say it: header, then path, then text.

TO BE REPLACED by the catalog-language inference of `workbench.langs` once it is on main
(the helper `formats` builds it); this is the smallest version `check` needs meanwhile.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench import langs
from workbench.errors import UsageError
from workbench.model import Catalog

# A language code as gettext names catalogs: zh_TW.po, zh_CN.UTF-8.po, locale/zh_TW/...
_CODE = re.compile(r"^([a-z]{2,3}(?:[_-](?:[A-Z][a-z]{3}|[A-Z]{2}|[a-z]{4}))*)(?:[.@].*)?$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _from_path(path: Path) -> str:
    """locale/<lang>/LC_MESSAGES/x.po, or po/<lang>.po: a code the C library knows."""
    import locale

    candidates = [path.stem]
    if path.parent.name == "LC_MESSAGES":
        candidates.insert(0, path.parent.parent.name)
    for name in candidates:
        m = _CODE.match(name)
        if m and re.split(r"[_-]", m.group(1))[0].lower() in locale.locale_alias:
            try:
                return langs.normalize(m.group(1))
            except UsageError:
                continue
    return ""


def _from_text(catalog: Catalog) -> str:
    """Chinese when most translated targets hold Han characters; Traditional or Simplified
    by which characters OpenCC's t2s changes."""
    targets = [u.target for u in catalog.units if u.target and not u.obsolete][:2000]
    if not targets:
        return ""
    han = sum(1 for t in targets if _HAN.search(t))
    if han * 2 < len(targets):
        return ""
    from workbench.convert import to_simplified

    text = "".join(targets)
    changed = sum(a != b for a, b in zip(text, to_simplified(text), strict=False))
    return "zh-Hant" if changed * 200 > len(_HAN.findall(text)) else "zh-Hans"


def infer_target_language(catalog: Catalog, path: Path | None) -> str:
    """The catalog's target language, normalised; "" when nothing tells."""
    if catalog.target_lang:
        try:
            return langs.normalize(catalog.target_lang)
        except UsageError:
            pass
    if path is not None:
        found = _from_path(path)
        if found:
            return found
    return _from_text(catalog)
