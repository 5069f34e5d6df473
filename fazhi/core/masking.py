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


# Masking a whole public decision (RULES.md §6.1) ------------------------------------------------
#
# ``mask_public_text`` is what a published enforcement decision goes through: every natural person the case
# knows (``Person``: name, aliases, numbers, addresses), written with spaces or not; persons introduced by a
# kinship or role word (其妻王某…, 经营者…, 法定代表人…); home addresses after 住/家住/现住/住址/户籍地; ID, phone
# and account numbers in any spacing or in full-width digits; account-like ids (微信号, QQ, 支付宝, 邮箱).
# ``keep`` lists what stays public as written (the organisation's name and credit code, the officers' names).
# The leak check after masking is a different method on purpose: fazhi/core/leaks.py.

from dataclasses import dataclass, field  # noqa: E402

from .text import strip_invisible  # noqa: E402

# Common surnames (first characters a kinship- or role-introduced name starts with). Characters that are
# mostly function words (于, 和, 向, 将, 可, 从…) are left out: such names are left to the leak check.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞"
    "颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬"
    "师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封"
) - set("和时全明应连")
KINSHIP_ROLE_WORDS = (
    "其妻子", "其丈夫", "其儿子", "其女儿", "其妻", "其夫", "其子", "其女", "其父", "其母", "其兄", "其弟", "其姐", "其妹",
    "其孙", "其侄", "其岳父", "其岳母", "妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "配偶", "亲属",
    "法定代表人", "主要负责人", "负责人", "经营者", "业主", "店主", "户主", "委托代理人", "法定代理人", "代理人", "监护人",
    "证人", "举报人", "投诉人", "当事人", "雇员", "员工", "店员", "帮工", "营业员", "收银员", "厨师", "司机",
)
_GAP = r"[ \t\u3000]?"
_NAME_END = (r"(?=[（(，,。；;、：:）)\s\"“”]|$|等|系|在|于|的|称|到|为|与|和|及|均|也|已|曾|现|将|把|被|向|对|因|是"
             r"|共|同|未|无|负|经|从|自|驾|所|持|作|签|出|不|陪|帮|还|又|并|即|就|以|涉)")
_ROLE_RE = re.compile(
    "(" + "|".join(sorted(KINSHIP_ROLE_WORDS, key=len, reverse=True)) + r")([ \t\u3000]*[:：]?[ \t\u3000]*)"
    r"([" + "".join(sorted(SURNAMES)) + r"](?:" + _GAP + r"[\u4e00-\u9fa5]){1,2})" + _NAME_END)
_ADDRESS_RE = re.compile(
    r"(家住|现住|住址|户籍地|户籍所在地|居住地|居住于|居住在|住在|(?<![居入记抓保租])住(?![所宿院房处]))"
    r"([ \t\u3000]*[:：为是]?[ \t\u3000]*)([^，,。；;）)\n]{2,60})")
_ACCOUNT_RE2 = re.compile(
    r"(微信号|微信账号|微信|QQ号|QQ|qq号|qq|支付宝账号|支付宝|电子邮箱|邮箱|银行卡号|银行账号|开户账号|收款账号|收款账户|账号|账户|卡号)"
    r"([ \t\u3000]*(?:为|是|[:：])?[ \t\u3000]*)([A-Za-z0-9][A-Za-z0-9_\-@.]{4,})")
_EMAIL_RE = re.compile(r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")
_SEP = r"[ \t\u3000\-]?"
_ID_SPACED_RE = re.compile(r"(?<![\dA-Za-z])\d(?:" + _SEP + r"\d){16}" + _SEP + r"[\dXx](?![\dA-Za-z])")
_MOBILE_SPACED_RE = re.compile(r"(?<![\dA-Za-z])(?:\+?86" + _SEP + r")?1[3-9]\d(?:" + _SEP + r"\d){8}(?![\dA-Za-z])")
_ACCOUNT_SPACED_RE = re.compile(r"(?<![\dA-Za-z])\d(?:" + _SEP + r"\d){14,18}(?![\dA-Za-z])")
_OLD_ID_RE = re.compile(r"(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])")
# full-width digits and Latin letters → ASCII (punctuation and the ideographic space are left alone)
_FULLWIDTH = {c: c - 0xFEE0 for a, b in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(a, b + 1)}


@dataclass(frozen=True)
class Person:
    """A natural person a case knows: the name, short names or aliases, numbers and addresses on file."""

    name: str
    aliases: tuple = field(default_factory=tuple)
    numbers: tuple = field(default_factory=tuple)
    addresses: tuple = field(default_factory=tuple)


def split_aliases(value):
    """``"小李, 李哥；老李"`` → ``("小李", "李哥", "老李")``."""
    return tuple(a for a in re.split(r"[，,、；;\s]+", value or "") if a)


def _spaced(value):
    """A pattern matching ``value`` with optional blanks between its characters (``张 三丰``)."""
    chars = [c for c in value if not c.isspace()]
    return re.compile(_GAP.join(re.escape(c) for c in chars))


def _digits_pattern(value):
    digits = re.sub(r"[^\dXx]", "", (value or "").translate(_FULLWIDTH))
    if len(digits) < 5:
        return None
    return re.compile(r"(?<!\d)" + _SEP.join(re.escape(c) for c in digits) + r"(?![\dXx])")


def _given_name(name):
    """张三丰 → 三丰, 欧阳娜娜 → 娜娜; a name with a middle dot (transliterated) has none we can tell."""
    name = "".join((name or "").split())
    if not name or "·" in name or "•" in name:
        return ""
    return name[2:] if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else name[1:]


def mask_public_text(text, *, persons=(), keep=()):
    """``text`` as it may be published: see the section comment above. Idempotent."""
    if not text:
        return ""
    result = strip_invisible(str(text)).translate(_FULLWIDTH)
    kept = {}
    for i, value in enumerate(sorted({k.strip() for k in keep if k and len(k.strip()) >= 2}, key=len, reverse=True)):
        token = f"\x00{i}\x00"
        if value in result:
            kept[token] = value
            result = result.replace(value, token)
    for person in persons:
        for number in person.numbers:
            pattern = _digits_pattern(number)
            if pattern is not None:
                result = pattern.sub(HIDDEN, result)
        for address in person.addresses:
            if address and len(address.strip()) >= 4:
                result = _spaced(address.strip()).sub(HIDDEN, result)
    result = _ADDRESS_RE.sub(lambda m: m.group(1) + m.group(2) + HIDDEN, result)
    result = _ACCOUNT_RE2.sub(lambda m: m.group(1) + m.group(2) + HIDDEN, result)
    result = _EMAIL_RE.sub(HIDDEN, result)
    for pattern in (_ID_SPACED_RE, _OLD_ID_RE, _ACCOUNT_SPACED_RE, _MOBILE_SPACED_RE, _LANDLINE_RE):
        result = pattern.sub(HIDDEN, result)
    spellings = []
    for person in persons:
        masked = mask_name(person.name)
        for spelling in (person.name, *person.aliases):
            spelling = "".join((spelling or "").split())
            if len(spelling) >= 2 and spelling != masked:
                spellings.append((spelling, masked))
    for spelling, masked in sorted(spellings, key=lambda s: len(s[0]), reverse=True):
        result = _spaced(spelling).sub(masked, result)
    # a given name standing alone after the full name was introduced (“张三丰……三丰称”): the full name is
    # replaced above, so what remains is the lone given name; it becomes the masked name where a name ends
    for person in persons:
        given = _given_name(person.name)
        if len(given) >= 2:
            result = re.compile(_spaced(given).pattern + _NAME_END).sub(mask_name(person.name), result)
    result = _ROLE_RE.sub(lambda m: m.group(1) + m.group(2) + mask_name("".join(m.group(3).split())), result)
    for token, value in kept.items():
        result = result.replace(token, value)
    return result
