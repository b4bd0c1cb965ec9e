"""公开 rules (PUB-03, PUB-04, PEN-29) and the masking of personal data on public pages.

The public never sees an ID number, a phone number or a home address; a natural person's name is shown masked
(王** / 欧阳**). Text published from a record is also scrubbed, so an ID or phone number typed into 违法事实
does not leak."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from fazhi.law.calendar import LawCalendar
from fazhi.law.names import person_names
from fazhi.law.periods import add_working_days

PUBLISH_WD = 7      # PUB-03: 行政处罚 decisions within 7 working days of the decision
WITHDRAW_WD = 3     # PEN-29 (Art 48 + 85): a changed or revoked decision withdrawn within 3 working days

# Full-width digits, letters and signs as phones and IMEs type them (１３８－００１３…), read as half-width.
_HALF = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "＋": "+", "－": "-",
                       "Ｘ": "X", "ｘ": "x", "\u3000": " ", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
                       "―": "-", "﹣": "-"})
# Between the digits of one number people type spaces (four of them, or none), dashes, dots, slashes, commas,
# brackets; any run of such signs up to four long joins two digits into one number (fail closed).
_SEP = r"[\s\-()（）.。·•/\\,，、_|~～:：]{0,4}"
# A run of digits as people type numbers: spaces, dashes and brackets between groups, a leading + or (,
# an ID number's check letter at the end. A date (2026-11-20) is tried first and kept as it is.
_NUMBERS = re.compile(r"(?P<date>(?<![\dA-Za-z])(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])"
                      r"(?![\d\-/.]))"
                      r"|(?P<num>(?<![\dA-Za-z])[+(（]{0,2}\d(?:" + _SEP + r"\d)+(?:" + _SEP + r"[Xx])?(?![\dA-Za-z]))")
_UNIT_AFTER = re.compile(r"\s*(?:元|年|月|日|号|平|米|个|次|件|台|辆|万|千|百|%|‰|[kKmM]?[mgG])")
ID_HIDDEN, PHONE_HIDDEN, NUMBER_HIDDEN = "[身份证号已隐去]", "[电话已隐去]", "[号码已隐去]"
ADDRESS_HIDDEN, DOOR_HIDDEN = "[地址已隐去]", "[门牌已隐去]"
EMAIL_HIDDEN, PLATE_HIDDEN = "[邮箱已隐去]", "[车牌已隐去]"

# Digits written in Chinese (一三九…, 幺 for 1 as people read phone numbers aloud): a run of seven or more is a
# number, read as digits before the number patterns run; shorter runs (一二三, 三十一) stay words.
_CN_DIGITS = {"〇": "0", "零": "0", "洞": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_RUN = re.compile("[" + "".join(_CN_DIGITS) + r"](?:[\s\-.·,，、]{0,2}[" + "".join(_CN_DIGITS) + "]){6,}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# A motor vehicle's plate (GA 36): the province's character, the city's letter, five or six letters and digits
# (new-energy plates have six), with or without a dot or space after the city letter.
_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s?[A-HJ-NP-Za-hj-np-z]"
                    r"\s?[·.•]?\s?[A-HJ-NP-Z0-9a-hj-np-z]{5,6}(?![A-Za-z0-9])[挂学警]?")


_FOLD = {**{chr(0xFF10 + i): str(i) for i in range(10)},
         **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}, **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
         "＋": "+", "－": "-", "＠": "@", "＿": "_", "．": ".", "\u3000": " ", "\u00a0": " ", "\u202f": " ",
         "\u2007": " ", "\u2009": " "}


def normalise(text: str) -> str:
    """The text as matching sees it: full-width digits and letters and the signs of numbers and addresses
    (＋－＠＿．) read as half-width, every kind of space (ideographic, no-break, thin) as a space, invisible format
    characters dropped (zero-width space and joiner, word joiner, byte-order mark, soft hyphen: category Cf), dash
    variants read as "-", and runs of Chinese digits read as digits. Other punctuation stays as typed, so what is
    not masked reads exactly as it was written."""
    text = "".join(_FOLD.get(ch, ch) for ch in str(text) if unicodedata.category(ch) != "Cf").translate(_HALF)
    return _CN_RUN.sub(lambda m: "".join(_CN_DIGITS.get(ch, ch) for ch in m.group(0)), text)

# Kept for the tests and callers that look for what must not appear.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
                     "令狐", "西门", "独孤", "端木", "南宫", "呼延", "轩辕", "申屠", "澹台", "太史", "闻人", "钟离")
# The common single-character surnames (together well over 90 % of the population).
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍"
            "涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
            "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
# More surnames of the 百家姓 and of Hunan (谌, 粟, 旷, 匡, 湛…), for checking the recogniser's spans only: many of
# them are also everyday words, too loose for finding a name after a label by pattern alone.
NAME_SURNAMES = SURNAMES + "".join(sorted(set(
    "谌晁湛旷揭禹逄隆匡粟蔺荆滑鄢郦庹邰卿钮嵇郗宓隗訾阚乜竺逯厍夔殳郜蓟胥莘璩濮扈郏冀宦庾暨衡耿弘寇禄阙沃蔚"
    "巩敖饶鞠巢蒯桓俞酆鲍费廉岑倪滕殷郝邬乐傅皮元顾萧邵狄贝臧伏谈茅纪祝阮娄危梅刁樊凌支昝裘缪宣贲郁杭洪"
    "诸荀羊甄封芮羿储靳汲邴糜井富巫乌焦巴弓牧侯蓬班仰伊钭厉戎祖幸韶印宿怀赖屠苍贡扶堵宰雍桑寿浦尚农庄"
    "习艾容慎戈居步寇欧越师勾融冷辛简沙养丰关查游竺权盖益") - set(SURNAMES)))
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + SURNAMES + "])"
# A name after the word that introduces a person: 联系人：李四, 法定代表人为王某某, 当事人张三于…, 证人 钱七.
# Without a colon or 是/为 between, the name must be 某/某某 or be followed by what follows a name in a record
# (a bracket, a comma, 于/在/未…), so that 当事人陈述 or 当事人申请 are not taken for names.
_PERSON_WORDS = ("当事人|姓名|联系人|法定代表人|负责人|经营者|经营户|业主|户主|车主|房主|举报人|投诉人|反映人|报案人|证人|"
                 "委托代理人|代理人|监护人|被检查人|被询问人|受送达人|签收人|见证人|租户|承租人|房东|店主|摊主|摊贩|个体户|"
                 "家属|亲属|妻子|丈夫|儿子|女儿|父亲|母亲|市民|居民|村民|群众")
_NOT_NAMES = r"(?!陈述|申辩|申请|申报|于是|于当|向|和|时|应|全|明知|成立|管理|连续|路边|商户|查处|边|车辆|单位|方面|安全|常年|关于)"
_LABELLED_NAME = re.compile(
    r"(?P<word>" + _PERSON_WORDS + r")(?:"
    r"(?P<sep>[\s:：]+(?:是|为|系|叫)?[\s:：]*|[\s:：]*(?:是|为|系|叫|名叫)[\s:：]*)" + _NOT_NAMES +
    r"(?P<name>" + _SURNAME + r"(?:某某|某|[\u4e00-\u9fff]{1,2})(?!\*))"
    r"|" + _NOT_NAMES + r"(?P<name2>" + _SURNAME + r"(?:某某|某(?!些)|[\u4e00-\u9fff]{1,2}"
    r"(?=[（(，,、。；;\s于在未擅将与的及系称因男女自已拒对从经无不])))"
    r")")
# An address after the word that introduces one (住址：…, 家住…, 现住…) up to the end of the clause.
_LABELLED_ADDRESS = re.compile(r"(?P<word>住址|住所地?|家住|住在|现住|居住地?|户籍地?|户籍所在地|联系地址|通讯地址|家庭住址|地址)"
                               r"(?P<sep>[\s:：]*(?:是|为|在)?[\s:：]*)(?P<addr>[^，,。；;！!？?\n、）)]{2,})")
# Door-level detail anywhere: 3栋2单元501室, 5号楼1203, 8幢, 2单元, 302室, 7组15号, 18-2-301.
_DOOR = re.compile(r"(?<![\dA-Za-z])(?:\d+\s*(?:栋|幢|座|号楼|号院|组)\s*)?(?:\d+\s*单元\s*)?(?:\d+\s*(?:楼|层)\s*)?"
                   r"\d+\s*(?:栋|幢|座|号楼|单元|室|号房|房间?|户)"
                   r"(?:\s*\d+\s*(?:单元|室|号房|房间?|户|楼|层|号)?)*"
                   r"|(?<![\dA-Za-z])[一二三四五六七八九十\d]+\s*组\s*\d+\s*号"
                   r"|(?<![\d\-])\d{1,3}-\d{1,2}-\d{3,4}(?![\d\-])"
                   r"|(?<=[号院栋幢座])\s*\d{1,3}\s*-\s*\d{2,4}(?![\d\-])")


def mask_name(name: str) -> str:
    name = name.strip()
    keep = 2 if name.startswith(COMPOUND_SURNAMES) and len(name) > 2 else 1
    return name[:keep] + "*" * max(1, len(name) - keep)


def _number(m: re.Match[str]) -> str:
    if m.group("date"):
        return m.group(0)
    raw = m.group("num")
    digits = re.sub(r"[^\dXx]", "", raw)
    core = digits.rstrip("Xx")
    n = len(digits)
    # +86 / 0086 / 86 before a mobile or an area code (86 is no province code, so no ID number starts so).
    local = re.sub(r"^(?:00)?86", "", core) if re.match(r"^(?:00)?86(?:1[3-9]|[2-9])", core) else core
    if local != core and (len(local) == 11 and local.startswith("1") or 9 <= len(local) <= 11):
        return PHONE_HIDDEN
    if n in (15, 18) and (n == len(core) or n - len(core) == 1):
        return ID_HIDDEN
    if len(core) == 11 and core.startswith("1") or len(core) in (10, 11, 12) and core.startswith("0"):
        return PHONE_HIDDEN
    if len(digits) >= 10:
        return NUMBER_HIDDEN  # a long number a person could be found by (a card, an old ID)
    if len(core) in (7, 8, 9):
        # A local phone number (2888 1234) unless it is a quantity or an ordinal (20000000元, 第12345678号).
        before, after = m.string[max(0, m.start() - 1):m.start()], m.string[m.end():m.end() + 3]
        if before in ("第", "〔", "[", "字") or _UNIT_AFTER.match(after):
            return raw
        return PHONE_HIDDEN
    return raw


def mask(text: str, known: tuple[str, ...] | list[str] = ()) -> str:
    """What the public may see of a free text (PUB-04; PIPL art. 28, 政府信息公开条例 art. 15): ID numbers,
    phone numbers and long personal numbers in any typed form become a placeholder; names known from the record
    (`known`: the party's, a representative's, a reporter's) and names after a word that introduces a person
    become 王**; an address after 住址/家住/地址… and door-level detail (栋/单元/室) are hidden. Idempotent:
    masking masked text changes nothing. Organisation names are not personal data and are not in `known`."""
    if not text:
        return ""
    text = normalise(text)
    text = _EMAIL.sub(EMAIL_HIDDEN, text)
    for value in sorted({normalise(k).strip() for k in known if k and len(normalise(k).strip()) >= 2}, key=len,
                        reverse=True):
        # A known value is found with or without spaces between its characters (张 三, 138 0013 8000).
        pattern = r"\s*".join(re.escape(ch) for ch in value if not ch.isspace())
        is_name = not any(ch.isdigit() for ch in value) and len(value) <= 6
        if sum(ch.isdigit() for ch in value) >= 7:  # a phone number also takes its country code with it
            pattern = r"(?:(?:\+|00)?86[\s-]*)?" + pattern
        text = re.sub(pattern, mask_name(value) if is_name else _placeholder(value), text)
        if is_name:  # and in pinyin, as people write it in a name card or a chat (Zhang San, zhangsan, ZHANG SAN)
            spelled = _pinyin(value)
            if spelled:
                text = re.sub(r"(?<![A-Za-z])" + r"[\s\-.·]*".join(spelled) + r"(?![A-Za-z])", mask_name(value), text,
                              flags=re.IGNORECASE)
    text = _PLATE.sub(PLATE_HIDDEN, text)
    text = _NUMBERS.sub(_number, text)
    text = _LABELLED_ADDRESS.sub(lambda m: m.group("word") + m.group("sep") + ADDRESS_HIDDEN
                                 if not m.group("addr").startswith("[") else m.group(0), text)
    text = _DOOR.sub(DOOR_HIDDEN, text)
    text = _LABELLED_NAME.sub(_labelled_name, text)
    # Names nobody labelled (fazhi/law/names.py), wherever else they appear in the text too.
    for name in sorted(person_names(text, NAME_SURNAMES, COMPOUND_SURNAMES), key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def _pinyin(name: str) -> list[str]:
    """The syllables of a Chinese name without tones (pypinyin, the surname reading for the first character), or
    [] for a name that is not all Chinese characters."""
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return []
    from pypinyin import Style, lazy_pinyin

    return [re.escape(s) for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]


def _labelled_name(m: re.Match[str]) -> str:
    if m.group("name"):
        return m.group("word") + m.group("sep") + mask_name(m.group("name"))
    return m.group("word") + mask_name(m.group("name2"))


def _placeholder(value: str) -> str:
    digits = sum(ch.isdigit() for ch in value)
    if digits >= 15:
        return ID_HIDDEN
    if digits >= 7:
        return PHONE_HIDDEN
    return ADDRESS_HIDDEN


def scrub(text: str) -> str:
    """Free text with no names known: the patterns only (see mask)."""
    return mask(text)


def csv_cell(value: object) -> str | int | float:
    """A CSV cell a spreadsheet will not run: text starting with =, +, -, @, a tab or a carriage return is
    prefixed with an apostrophe (OWASP CSV injection); numbers stay numbers."""
    if isinstance(value, int | float):
        return value
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def publish_due(cal: LawCalendar, decided_on: date) -> date:
    return add_working_days(cal, decided_on, PUBLISH_WD)


def withdraw_due(cal: LawCalendar, changed_on: date) -> date:
    return add_working_days(cal, changed_on, WITHDRAW_WD)
