"""Masking personal data on public pages (RULES.md §6.1): one place, used by every public page.

- a natural person's name keeps the surname and becomes 张某 (compound surnames: 欧阳某);
- ID numbers, phone numbers, bank accounts and home addresses are not published at all: they
  are replaced by a marker;
- ``mask_text`` cleans free text (a decision's facts): it replaces the given names and every
  ID-, phone- or account-like number it finds.

Organisations' names are public and are not masked. Whether a record may be published at all
(a minor's case, for example) is the publishing module's rule, not this one's.
"""
import re

HIDDEN = "××"

COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐", "端木", "南宫", "独孤", "西门", "轩辕", "呼延", "澹台", "万俟", "闻人", "赫连", "钟离", "公羊",
}

# 18-digit resident ID (last may be X), 15-digit old IDs; mobiles 1[3-9]xxxxxxxxx; landlines 0xx(x)-xxxxxxx(x);
# bank accounts 16–19 digits. Digits next to other digits are not split.
_ID_RE = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])")
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
_LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)")
_ACCOUNT_RE = re.compile(r"(?<!\d)\d{4}[ ]?\d{4}[ ]?\d{4}[ ]?\d{4}(?:[ ]?\d{1,3})?(?!\d)")


def mask_name(name):
    """张三 → 张某; 欧阳娜娜 → 欧阳某; empty stays empty. Latin or minority names keep the first character."""
    name = (name or "").strip()
    if not name:
        return ""
    if "·" in name or "•" in name:  # 买买提·吐尔逊: keep the first character
        return name[0] + "某"
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2] + "某"
    return name[0] + "某"


def mask_id_number(_value):
    return HIDDEN if _value else ""


def mask_phone(_value):
    return HIDDEN if _value else ""


def mask_address(_value):
    return HIDDEN if _value else ""


def mask_bank_account(_value):
    return HIDDEN if _value else ""


def mask_text(text, *, names=()):
    """Free text with the given persons' names masked and every ID, phone or account number hidden."""
    if not text:
        return ""
    result = str(text)
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        result = result.replace(name, mask_name(name))
    for pattern in (_ID_RE, _ACCOUNT_RE, _MOBILE_RE, _LANDLINE_RE):
        result = pattern.sub(HIDDEN, result)
    return result


def find_leaks(text, *, names=()):
    """What ``mask_text`` would hide: used by tests that scan public pages for leaks."""
    found = [m.group(0) for p in (_ID_RE, _MOBILE_RE, _LANDLINE_RE, _ACCOUNT_RE) for m in p.finditer(text or "")]
    found += [n for n in names if n and len(n) >= 2 and n in (text or "") and mask_name(n) != n]
    return found
