"""The leak check before anything personal is published (RULES.md §6.1): independent of the masker.

``fazhi/core/masking.py`` rewrites text with patterns; this module never rewrites and shares none of them.
It looks at the text the public would read the way a reader would, after folding it to a compact form
(NFKC — full-width digits and letters become ASCII —, every blank and hyphen between digits removed,
Chinese numerals 一…九十 read as digits), and reports what still looks personal:

- ``name``: any spelling of a natural person the case knows (name, aliases, the given name alone);
- ``relation``: a kinship or role word (其妻, 其子, 经营者, 法定代表人, 委托代理人…) followed by what reads as a
  full name (two or three characters without 某);
- ``number``: any run of seven or more digits (IDs, phones, bank accounts) not followed by a unit;
- ``account``: an account-like id after 微信/QQ/支付宝/邮箱/账号, or an e-mail address;
- ``address``: a home address (after 住/家住/住址/户籍) or a village address (…村3组18号, …单元…室), and any
  known address of a person on file, however its numbers are written.

``keep`` lists what is public as written (the organisation's name and credit code, the officers' names):
findings inside those are not reported. A finding carries a Chinese label for the officer's page.
"""
import re
import unicodedata
from dataclasses import dataclass

KINDS = {"name": "姓名", "relation": "亲属或相关人员姓名", "number": "号码", "account": "账号", "address": "住址"}

_RELATION_WORDS = ("其妻", "其夫", "其子", "其女", "其父", "其母", "其兄", "其弟", "其姐", "其妹", "其孙", "妻子", "丈夫",
                   "儿子", "女儿", "父亲", "母亲", "配偶", "经营者", "法定代表人", "负责人", "委托代理人", "代理人",
                   "监护人", "证人", "户主", "店主", "业主", "店员", "雇员", "员工", "帮工", "营业员", "收银员", "厨师", "司机",
                   "举报人", "投诉人")
_ACCOUNT_WORDS = ("微信", "wechat", "wx", "qq", "支付宝", "邮箱", "email", "账号", "账户", "卡号")
_HOME_WORDS = ("家住", "现住", "住址", "户籍", "居住", "住在")
_UNITS = "元万千百年月日岁个件次箱瓶袋盒斤克吨米份人台辆株头只条张"
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER_RE = re.compile(r"[零〇一二两三四五六七八九十]+(?=[组号栋楼单室层])")
_MASKED = "某×*＊"
_NOT_NAMES = set("的了是在有和与及或等其该本此系经未不无已将对被向从以由为")


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self):
        return f"疑似{KINDS[self.kind]}：{self.text}"

    def as_dict(self):
        return {"kind": self.kind, "text": self.text, "label": self.label}


def _cn_number(m):
    s = m.group(0)
    if "十" not in s:
        return "".join(str(_CN_DIGITS[c]) for c in s)
    tens, _, ones = s.partition("十")
    value = (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return str(value)


def fold(text):
    """The compact reading form: NFKC, lower case, no blanks, no hyphens between digits, 三组十八号 → 3组18号."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"(?<=\d)[-‐–—](?=\d)", "", text)
    return _CN_NUMBER_RE.sub(_cn_number, text)


def _inside(kept_spans, start, end):
    return any(a <= start and end <= b for a, b in kept_spans)


def detect(text, *, persons=(), keep=()):
    """Findings (in text order, no duplicates) in ``text``; ``persons`` are objects with
    (``name``, ``aliases``, ``numbers``, ``addresses`` — the person records of the case)."""
    folded = fold(text)
    kept_spans = []
    for value in keep:
        value = fold(value)
        if len(value) >= 2:
            kept_spans += [(m.start(), m.end()) for m in re.finditer(re.escape(value), folded)]
    found = []

    def add(kind, start, end, shown=None):
        if not _inside(kept_spans, start, end):
            found.append((start, end, Finding(kind, shown if shown is not None else folded[start:end])))

    for person in persons:
        name = fold(person.name)
        spellings = {name, *(fold(a) for a in person.aliases)}
        if len(name) >= 3:
            spellings.add(name[2:] if name[:2] in _COMPOUND else name[1:])  # the given name alone
        for spelling in spellings:
            if len(spelling) < 2:
                continue
            for m in re.finditer(re.escape(spelling), folded):
                add("name", m.start(), m.end())
        for number in person.numbers:
            digits = re.sub(r"[^0-9x]", "", fold(number))
            if len(digits) >= 5:
                for m in re.finditer(re.escape(digits), folded):
                    add("number", m.start(), m.end())
        for address in person.addresses:
            address = fold(address)
            # the part after the township/village word is what a decision usually repeats
            tail = re.split(r"[省市县区镇乡]", address)[-1]
            for part in {address, tail}:
                if len(part) >= 4:
                    for m in re.finditer(re.escape(part), folded):
                        add("address", m.start(), m.end())

    for word in _RELATION_WORDS:
        for m in re.finditer(re.escape(word) + r"[:：]?", folded):
            candidate = folded[m.end():m.end() + 3]
            two = candidate[:2]
            if (len(two) == 2 and all("\u4e00" <= c <= "\u9fff" for c in two) and not any(c in _MASKED for c in candidate)
                    and two[0] in _SURNAME_HINTS and two[1] not in _NOT_NAMES):
                add("relation", m.end(), m.end() + 2, shown=f"{word}{candidate}")

    for m in re.finditer(r"\d{7,}x?", folded):
        if folded[m.end():m.end() + 1] not in _UNITS or m.end() == len(folded):
            add("number", m.start(), m.end())

    for word in _ACCOUNT_WORDS:
        for m in re.finditer(re.escape(word) + r"(?:号|账号|号码)?(?:为|是|:)?([a-z0-9][a-z0-9_\-.@]{4,})", folded):
            value = m.group(1)
            if not re.fullmatch(r"\d{1,6}", value):
                add("account", m.start(1), m.end(1))
    for m in re.finditer(r"[a-z0-9_.+-]+@[a-z0-9-]+\.[a-z0-9.-]+", folded):
        add("account", m.start(), m.end())

    for word in _HOME_WORDS:
        for m in re.finditer(re.escape(word) + r"(?:地|于|为|是|:)?", folded):
            after = folded[m.end():m.end() + 12]
            if after and after[0] not in _MASKED and re.match(r"[\u4e00-\u9fff0-9]{2,}", after):
                add("address", m.end(), m.end() + len(re.match(r"[^,，。;；)）]{1,12}", after).group(0)))
    for m in re.finditer(r"[\u4e00-\u9fff]{1,8}(?:村|社区|小区)[\u4e00-\u9fff]{0,4}?\d+组(?:\d+号)?|\d+组\d+号"
                         r"|\d+(?:栋|幢)\d+单元\d*(?:室|号)?|\d+单元\d+室", folded):
        add("address", m.start(), m.end())

    seen, result = set(), []
    spans = [(a, b) for a, b, _f in found]
    for start, end, finding in sorted(found, key=lambda f: (f[0], -f[1])):
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in spans):
            continue  # part of a longer finding (the given name inside the full name)
        if (finding.kind, finding.text) not in seen:
            seen.add((finding.kind, finding.text))
            result.append(finding)
    return result


_COMPOUND = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐"}
# The hundred most frequent surnames and some more (independent of the masker's list on purpose).
_SURNAME_HINTS = set(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任"
    "袁柳鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴"
    "谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪"
    "干解应宗丁宣邓郁单杭洪包诸左石崔吉龚程邢裴陆荣翁荀羊甄曲家封芮储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班"
    "仰秋仲伊宫宁仇栾暴甘厉戎祖武符刘景詹束龙叶幸司韶黎薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳"
    "姬申扶堵冉宰郦雍桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国"
    "文寇广禄阙东欧沃利蔚越夔隆师巩聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公覃闫佟付"
)
