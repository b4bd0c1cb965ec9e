"""裁量: reading a discretion benchmark's texts, and choosing the lawful amount for a case's facts.

Benchmarks (裁量基准) are written in Chinese legal prose: "处二千元以上二万元以下罚款", "对单位处十万元罚款，对个人处
一百元罚款", "按照占地面积处每平方米一千元罚款", "处赔偿额一点五倍的罚款", and conditions such as "第二次被处罚的" or
"具有下列情形之一：（1）第三次及以上被处罚的；（2）威胁、恐吓……工作人员". This module parses those texts into
`Standard` and `Condition` values once, at import, and refuses what it cannot read (a benchmark the engine cannot
apply must not look applied). `assess()` then gives, for a violation's rules and the facts, the applicable tiers,
the lawful range, a suggested amount and the reasons, keeping DIS-05:

- a fine without a 减轻 ground lies within the statutory range;
- a 减轻 fine (PEN-22 ground) lies below the statutory minimum, never above it;
- nothing exceeds the statutory maximum;
- 不予处罚 needs an Art 33 ground (PEN-21) or an exemption-list entry.

Counting offences follows the benchmark's own note (Shenzhen 2023, note 4): prior penalties for the same violation
within one year before this act; none before is the 第一次.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from fazhi.law.penalty import PartyKind
from fazhi.law.rules import violation

# --- Chinese numerals -------------------------------------------------------------------------------------

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}
NUMERAL = r"[零〇一二两三四五六七八九十百千万亿点\d.,]+"


class Unreadable(ValueError):
    """A benchmark text this engine cannot read: the import is refused, never guessed."""


def cn_number(text: str) -> Decimal:
    """'二千' → 2000, '一百万' → 1000000, '三万五千' → 35000, '一点五' → 1.5, '2,000' → 2000."""
    t = text.strip().replace(",", "")
    if not t:
        raise Unreadable("空的数额")
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return Decimal(t)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千万亿])", t)  # "3万", "1.5万" as regulations and notices write them
    if m:
        return Decimal(m.group(1)) * (UNITS.get(m.group(2)) or BIG[m.group(2)])
    if "点" in t:
        whole, frac = t.split("点", 1)
        if not all(c in DIGITS for c in frac):
            raise Unreadable(f"无法识别的数额：{text}")
        return cn_number(whole) + Decimal("0." + "".join(str(DIGITS[c]) for c in frac))
    total, section, digit = 0, 0, None
    for c in t:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in UNITS:
            section += (1 if digit is None else digit) * UNITS[c]
            digit = None
        elif c in BIG:
            section += digit or 0
            total += (section or 1) * BIG[c]
            section, digit = 0, None
        else:
            raise Unreadable(f"无法识别的数额：{text}")
    return Decimal(total + section + (digit or 0))


# --- standards (处罚标准 / 处罚种类及幅度) -------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    low: Decimal
    high: Decimal

    @property
    def fixed(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Standard:
    """A fine as a benchmark states it. `per`: the amount is per unit of a quantity (平方米, 处); `multiple_of`:
    the amount is a multiple of a base (赔偿额, 建设工程造价); by party kind where the text distinguishes them."""

    text: str
    spans: dict[str, Span] = field(default_factory=dict)   # PartyKind value or "any"
    per: str = ""
    multiple_of: str = ""
    no_penalty: bool = False
    extras: tuple[str, ...] = ()                            # 没收违法所得, 吊销许可证件 … as the text states them
    only_if_serious: bool = False                           # "情节严重的，处……"
    min_stated: bool = True                                 # False: "处二万元以下罚款", no minimum set (DIS-06)

    def span_for(self, party: str) -> Span | None:
        return self.spans.get(party) or self.spans.get("any")

    def money(self, party: str, quantities: dict[str, Decimal]) -> Span | None:
        """The span in yuan for these facts; None if it does not apply to this party."""
        s = self.span_for(party)
        if s is None:
            return None
        factor = Decimal(1)
        if self.per:
            if self.per not in quantities:
                raise violation("DIS-05", f"该裁量标准按“{self.per}”计算，请填写{self.per}数")
            factor = Decimal(quantities[self.per])
        if self.multiple_of:
            if self.multiple_of not in quantities:
                raise violation("DIS-05", f"该裁量标准按{self.multiple_of}的倍数计算，请填写{self.multiple_of}")
            factor = Decimal(quantities[self.multiple_of])
        return Span(s.low * factor, s.high * factor)

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": {k: [str(v.low), str(v.high)] for k, v in self.spans.items()},
                "per": self.per, "multiple_of": self.multiple_of, "no_penalty": self.no_penalty,
                "extras": list(self.extras), "only_if_serious": self.only_if_serious, "min_stated": self.min_stated}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Standard:
        return cls(d["text"], {k: Span(Decimal(a), Decimal(b)) for k, (a, b) in d["spans"].items()}, d["per"],
                   d["multiple_of"], d["no_penalty"], tuple(d["extras"]), d.get("only_if_serious", False),
                   d.get("min_stated", True))


PARTY_WORDS = {"单位": PartyKind.ORG.value, "个人": PartyKind.CITIZEN.value}
MONEY_RANGE = re.compile(rf"({NUMERAL})元?以上({NUMERAL})元以下")
# "处二万元以下罚款" (城市道路管理条例第四十二条): a ceiling with no floor, read as 0 to the ceiling.
MONEY_UPTO = re.compile(rf"({NUMERAL})元以下")
MONEY_FIXED = re.compile(rf"({NUMERAL})元")
BASES = "赔偿额|建设工程造价|违法所得|货值金额"
MULTIPLE = re.compile(rf"({BASES})({NUMERAL})(?:至({NUMERAL}))?倍")
# HUD-02: "建设工程造价百分之五以上百分之十以下", "建设工程造价百分之十以下": a share of a base.
PERCENT = re.compile(rf"({BASES})(?:的)?(百分之{NUMERAL}以上百分之{NUMERAL}以下|百分之{NUMERAL}以下|百分之{NUMERAL})")
PER_UNIT = re.compile(r"每(平方米|处(?:违法)?设施|个|辆|件|米)")
EXTRAS = re.compile(r"(没收[^，；。]*|吊销[^，；。]*|暂扣[^，；。]*)")


def _percent(segment: str) -> tuple[Span, str] | None:
    m = PERCENT.search(segment)
    if not m:
        return None
    numbers = [cn_number(n) / 100 for n in re.findall(rf"百分之({NUMERAL})", m.group(2))]
    if "以上" in m.group(2) and len(numbers) == 2:
        return Span(numbers[0], numbers[1]), m.group(1)
    if m.group(2).endswith("以下"):
        return Span(Decimal(0), numbers[-1]), m.group(1)
    return Span(numbers[0], numbers[0]), m.group(1)


def _span(segment: str) -> tuple[Span, str] | None:
    found = _percent(segment)
    if found:
        return found
    m = MULTIPLE.search(segment)
    if m:
        low = cn_number(m.group(2))
        return Span(low, cn_number(m.group(3)) if m.group(3) else low), m.group(1)
    m = MONEY_RANGE.search(segment)
    if m:
        return Span(cn_number(m.group(1)), cn_number(m.group(2))), ""
    m = MONEY_UPTO.search(segment)
    if m:
        return Span(Decimal(0), cn_number(m.group(1))), "upto"
    m = MONEY_FIXED.search(segment)
    if m:
        v = cn_number(m.group(1))
        return Span(v, v), ""
    return None


def parse_standard(text: str) -> Standard:
    """Read a 处罚标准 or 处罚种类及幅度 text. Raises Unreadable for anything it cannot apply."""
    t = text.strip().rstrip("。；;")
    if not t:
        raise Unreadable("处罚标准为空")
    if "-" in t or "负" in t:
        raise Unreadable(f"处罚数额不能为负：{text}")
    if t in ("不予处罚", "不予行政处罚", "免予处罚"):
        return Standard(text, no_penalty=True)
    serious = t.startswith("情节严重的")
    per_m = PER_UNIT.search(t)
    per = ""
    if per_m:
        per = "平方米" if per_m.group(1) == "平方米" else ("处" if per_m.group(1).startswith("处") else per_m.group(1))
    spans: dict[str, Span] = {}
    multiple = ""
    min_stated = True
    parties = list(re.finditer(r"对(单位|个人)", t))
    segments = ([(PARTY_WORDS[m.group(1)], t[m.end():(parties[i + 1].start() if i + 1 < len(parties) else len(t))])
                 for i, m in enumerate(parties)] if parties else [("any", t)])
    for party, seg in segments:
        found = _span(seg.split("有违法所得")[0].split("牟取利益")[0])
        if found is None:
            continue
        spans[party], kind = found
        if kind == "upto":
            kind, min_stated = "", False
        multiple = multiple or kind
    extras = tuple(e.strip() for e in EXTRAS.findall(t))
    if not spans:
        if extras:  # a non-fine penalty only (e.g. 没收…): no amount to set
            return Standard(text, {}, per, "", False, extras, serious)
        raise Unreadable(f"无法识别处罚标准：{text}")
    for s in spans.values():
        if s.low > s.high:
            raise Unreadable(f"处罚幅度下限高于上限：{text}")
    return Standard(text, spans, per, multiple, False, extras, serious, min_stated)


def outside_statutory(standard: Standard, statutory: Standard) -> list[str]:
    """Where a tier's own amounts fall outside its group's statutory range (same unit of measure), as texts.
    The engine refuses such a tier (DIS-05); the import keeps it and warns, since it is the benchmark as issued."""
    out: list[str] = []
    if standard.per != statutory.per or standard.multiple_of != statutory.multiple_of:
        return out
    for party, span in standard.spans.items():
        stat = statutory.span_for(party) if party != "any" else (statutory.spans.get("any")
                                                                 or next(iter(statutory.spans.values()), None))
        if stat is not None and (span.low < stat.low or span.high > stat.high):
            out.append(f"{standard.text}超出法定幅度（{statutory.text}）")
    return out


# --- conditions (适用条件) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """When a tier applies: a count of offences (this one is the Nth within a year, or Nth and later), and/or
    circumstances an officer must confirm (texts as the benchmark states them). `any_of`: one of the listed
    alternatives suffices; otherwise all of them must hold."""

    text: str
    count: tuple[int, bool] | None = None          # (N, and later)
    circumstances: tuple[str, ...] = ()
    any_of: bool = False
    minor_corrected: bool = False                  # 违法行为轻微并及时改正 (PEN-21)
    party: str = ""                                # "个人有以下情形…", "对单位…"

    def holds(self, facts: Facts) -> bool:
        if self.party and self.party != facts.party:
            return False
        checks = []
        if self.count is not None:
            n, more = self.count
            checks.append(facts.offence_number >= n if more else facts.offence_number == n)
        if self.minor_corrected:
            checks.append(facts.minor_corrected)
        checks += [c in facts.circumstances for c in self.circumstances]
        if not checks:
            return False
        return any(checks) if self.any_of else all(checks)

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "count": list(self.count) if self.count else None,
                "circumstances": list(self.circumstances), "any_of": self.any_of,
                "minor_corrected": self.minor_corrected, "party": self.party}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Condition:
        return cls(d["text"], tuple(d["count"]) if d["count"] else None, tuple(d["circumstances"]), d["any_of"],
                   d["minor_corrected"], d.get("party", ""))


COUNT = re.compile(rf"第({NUMERAL})次(及以上)?被(?:处罚|发现)")


def _count(clause: str) -> tuple[int, bool] | None:
    m = COUNT.search(clause)
    return (int(cn_number(m.group(1))), bool(m.group(2))) if m else None


def parse_condition(text: str) -> Condition:
    t = text.strip().rstrip("。")
    if not t:
        raise Unreadable("适用条件为空")
    items = re.split(r"（\d+）|\(\d+\)", t)
    intro = items[0]
    party = next((v for k, v in PARTY_WORDS.items() if intro.startswith(k) or f"{k}违法" in intro), "")
    if len(items) > 1:  # 具有下列情形之一：（1）……；（2）……
        alternatives = [i.strip("；;，, 。") for i in items[1:] if i.strip("；;，, 。")]
        count, circumstances = None, []
        for a in alternatives:
            c = _count(a)
            if c and count is None and COUNT.sub("", a).strip("，,的 ") in ("", "单位", "个人"):
                count = c
            else:
                circumstances.append(a)
        return Condition(text, count, tuple(circumstances), any_of=("之一" in items[0] or "属于" in items[0]
                                                                   or "以下" in items[0]), party=party)
    if "轻微并及时改正" in t:
        return Condition(text, minor_corrected=True, party=party)
    count = _count(t)
    rest = COUNT.sub("", t).strip("，,的 。")
    if count and not rest:
        return Condition(text, count, party=party)
    if count:  # 第一次被处罚，单位及时通知行业主管部门且积极恢复原状或赔偿的
        return Condition(text, count, (rest,), party=party)
    return Condition(text, None, (t,), party=party)  # a circumstance the officer confirms


# --- the engine ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the engine needs to know about the case (issue 4 §3)."""

    party: str = PartyKind.CITIZEN.value
    prior_penalties: int = 0                        # same violation, within one year before the act
    circumstances: frozenset[str] = frozenset()     # benchmark circumstances the officer confirmed
    minor_corrected: bool = False                   # 轻微并及时改正，没有造成危害后果 (PEN-21, 应当不予)
    mitigation_grounds: tuple[str, ...] = ()        # PEN-22 grounds (应当从轻或者减轻)
    quantities: dict[str, Decimal] = field(default_factory=dict)  # 平方米, 处, 赔偿额, 建设工程造价 …

    @property
    def offence_number(self) -> int:
        return self.prior_penalties + 1


@dataclass(frozen=True)
class Rule:
    tier: str
    condition: Condition
    standard: Standard
    ref: str = ""                                   # e.g. "sz_cg_2023_001/1/2"


@dataclass(frozen=True)
class Assessment:
    tiers: tuple[str, ...]
    low: Decimal
    high: Decimal
    suggested: Decimal
    statutory: Span | None
    no_penalty: bool
    mitigated: bool
    reasons: tuple[str, ...]
    rules: tuple[str, ...]
    extras: tuple[str, ...]


def assess(rules: list[Rule], statutory: Standard, facts: Facts, citation: str = "") -> Assessment:
    """The lawful amount for `facts` under one violation's benchmark rules (one 裁量分组) and its statutory
    range. DIS-05 holds for every result (see the module docstring); a result outside it is an error here."""
    stat = statutory.money(facts.party, facts.quantities) if statutory.spans else None
    matched = [r for r in rules if r.condition.holds(facts)]
    reasons = []
    if facts.minor_corrected or any(r.standard.no_penalty for r in matched):
        reason = next((r.condition.text for r in matched if r.standard.no_penalty), "违法行为轻微并及时改正，没有造成危害后果")
        return Assessment(("不予处罚",), Decimal(0), Decimal(0), Decimal(0), stat, True, False,
                          (f"{reason}，依照《中华人民共和国行政处罚法》第三十三条第一款不予行政处罚。",),
                          tuple(r.ref for r in matched if r.standard.no_penalty), ())
    spans = []
    for r in matched:
        s = r.standard.money(facts.party, facts.quantities)
        if s is not None:
            spans.append((r, s))
            reasons.append(f"适用条件“{r.condition.text}”成立，裁量阶次为{r.tier}，标准：{r.standard.text}"
                           + (f"（{citation}）" if citation else ""))
    if not spans:
        if stat is None:
            raise violation("DIS-05", "该违法行为对该类当事人无罚款幅度")
        low, high = stat.low, stat.high
        reasons.append("未匹配具体裁量阶次，在法定幅度内裁量：" + statutory.text)
        tiers: tuple[str, ...] = ("一般",)
    else:
        low = min(s.low for _, s in spans)
        high = max(s.high for _, s in spans)
        tiers = tuple(dict.fromkeys(r.tier for r, _ in spans))
    if stat is not None:  # DIS-05: inside the statutory range
        low, high = max(low, stat.low), min(high, stat.high)
        if low > high:
            raise violation("DIS-05", f"裁量标准超出法定幅度（{statutory.text}）")
    mitigated = False
    if facts.mitigation_grounds:
        mitigated = True
        floor = Decimal(0)
        high = min(high, stat.low if stat is not None else high)
        low = floor
        reasons.append("具有" + "、".join(facts.mitigation_grounds) +
                       "情形，依照《中华人民共和国行政处罚法》第三十二条应当从轻或者减轻处罚，可在法定最低限以下裁量")
    suggested = high if (len(spans) == 1 and spans[0][1].fixed and not mitigated) else _middle(low, high)
    if stat is not None and suggested > stat.high:
        raise violation("DIS-05", "裁量结果超过法定最高限")
    extras = tuple(dict.fromkeys(e for r, _ in spans for e in r.standard.extras))
    return Assessment(tiers, low, high, suggested, stat, False, mitigated, tuple(reasons),
                      tuple(r.ref for r, _ in spans), extras)


def _middle(low: Decimal, high: Decimal) -> Decimal:
    """A round middle of the range (to the yuan): the 一般 point of DIS-07 when no tier fixes the amount."""
    return ((low + high) / 2).quantize(Decimal(1))


def check_within(assessment: Assessment, amount: Decimal, *, departure_approved: bool) -> None:
    """DIS-04: a proposed or final fine lies in the assessed range, or carries an approved, recorded departure
    — and even then never outside the statutory range (DIS-05)."""
    amount = Decimal(amount)
    stat = assessment.statutory
    if stat is not None and amount > stat.high:
        raise violation("DIS-05", f"罚款{amount:,.2f}元超过法定最高限{stat.high:,.2f}元")
    if stat is not None and amount < stat.low and not assessment.mitigated:
        raise violation("DIS-05", f"罚款{amount:,.2f}元低于法定最低限{stat.low:,.2f}元，减轻处罚须具有法定情形")
    if not (assessment.low <= amount <= assessment.high) and not departure_approved:
        raise violation("DIS-04", f"罚款{amount:,.2f}元不在裁量基准幅度（{assessment.low:,.2f}—{assessment.high:,.2f}元）内，"
                                  "偏离裁量基准须经主要负责人批准或集体讨论决定并记录在案")


def lighter(a: Assessment, b: Assessment) -> bool:
    """Whether `a` is lighter than `b` for the party: no penalty, or a lower ceiling, or a lower suggestion."""
    if a.no_penalty != b.no_penalty:
        return a.no_penalty
    return (a.high, a.suggested) < (b.high, b.suggested)


V = TypeVar("V")


def pick_version(at_act: V | None, now: V | None,
                 assess_with: Callable[[V], Assessment]) -> tuple[V | None, Assessment | None, str]:
    """PEN-24 (从旧兼从轻, Art 37): the benchmark in force when the act was done applies, unless the one in force
    now is lighter. `at_act`/`now` are versions (either may be None); `assess_with(version)` assesses under one.
    Returns (version, assessment, reason)."""
    if at_act is None and now is None:
        raise violation("PEN-24", "违法行为发生时和现在均无有效的裁量基准")
    old = assess_with(at_act) if at_act is not None else None
    if now is None or now == at_act:
        return at_act, old, "适用违法行为发生时有效的裁量基准"
    new = assess_with(now)
    if old is None or lighter(new, old):
        return now, new, "现行裁量基准较轻，依照从旧兼从轻原则适用现行基准（行政处罚法第三十七条）"
    return at_act, old, "适用违法行为发生时有效的裁量基准（行政处罚法第三十七条）"


# --- method benchmarks (DIS-06): tiers as rules over the statutory range ----------------------------------
#
# Some bureaus publish no item table but a method: each tier is a rule over the range [L, H] that the cited
# provision sets (醴陵, 醴城〔2017〕22号: 轻微 = L; 一般 = above L up to half of H; 严重 = above half of H, below H;
# 特别严重 = H; whole yuan; an unstated L is 10% of H). The engine derives each tier's bounds for the provision,
# says when a tier is empty (half of H not above L; or no whole yuan left), and finds the tier of an amount.


@dataclass(frozen=True)
class Edge:
    """A tier's bound: a point of the range ("min" L, "half_max" H/2, "max" H), included or not (`open`)."""

    point: str
    open: bool = False


@dataclass(frozen=True)
class Band:
    tier: str
    rule: str                       # the method's own words for the tier
    low: Edge | None = None
    high: Edge | None = None
    whole: bool = False             # 取整数: only whole yuan
    no_penalty: bool = False        # 批评教育，免于行政处罚 (needs a PEN-21 ground)


@dataclass(frozen=True)
class Method:
    code: str
    title: str
    document_no: str
    bands: tuple[Band, ...]
    unstated_min_share: Decimal     # an unstated minimum is this share of the maximum
    unstated_min_rule: str

    @property
    def label(self) -> str:
        return f"《{self.title}》（{self.document_no}）"


LILING_2017 = Method(
    "liling-2017", "醴陵市城市管理行政执法局行政处罚裁量权基准制度", "醴城〔2017〕22号",
    (Band("特别轻微", "批评教育，免于行政处罚", no_penalty=True),
     Band("轻微", "处法条设定的罚款金额最低限", Edge("min"), Edge("min")),
     Band("一般", "处法条设定的罚款金额最高限一半以下（含一半），最低限（不含）以上，取整数",
          Edge("min", open=True), Edge("half_max"), whole=True),
     Band("严重", "处法条设定的罚款金额最高限一半（不含）以上，最高限（不含）以下，取整数",
          Edge("half_max", open=True), Edge("max", open=True), whole=True),
     Band("特别严重", "处法条设定的罚款金额最高限", Edge("max"), Edge("max"))),
    Decimal("0.1"), "按法条设定的罚款金额最高限的10%计算")
METHODS = {m.code: m for m in (LILING_2017,)}


def method(code: str) -> Method:
    if code not in METHODS:
        raise Unreadable(f"未知的裁量方法：{code}")
    return METHODS[code]


def yuan_text(v: Decimal) -> str:
    """50 → '50', 2.5 → '2.5', 20000 → '20,000' (whole yuan shown without decimals)."""
    v = Decimal(v)
    return f"{v:,.0f}" if v == v.to_integral_value() else f"{v.normalize():,f}"


@dataclass(frozen=True)
class TierRange:
    """One tier of a method for one provision: its amounts [low, high], or why it has none (`empty`)."""

    tier: str
    rule: str
    low: Decimal | None
    high: Decimal | None
    whole: bool = False
    no_penalty: bool = False
    empty: str = ""

    def holds(self, amount: Decimal) -> bool:
        if self.no_penalty or self.empty:
            return False
        amount = Decimal(amount)
        if self.whole and amount != amount.to_integral_value():
            return False
        assert self.low is not None and self.high is not None  # only a no-penalty or empty tier has no bounds
        return self.low <= amount <= self.high

    @property
    def text(self) -> str:
        if self.no_penalty:
            return "不予处罚（批评教育）"
        if self.empty:
            return "无可选金额"
        assert self.low is not None and self.high is not None  # only a no-penalty or empty tier has no bounds
        if self.low == self.high:
            return f"{yuan_text(self.low)}元"
        return f"{yuan_text(self.low)}—{yuan_text(self.high)}元"

    def as_dict(self) -> dict[str, Any]:
        return {"tier": self.tier, "rule": self.rule, "text": self.text, "empty": self.empty,
                "no_penalty": self.no_penalty, "whole": self.whole,
                "low": None if self.low is None else str(self.low),
                "high": None if self.high is None else str(self.high)}


def _floor(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding="ROUND_FLOOR")


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding="ROUND_CEILING")


def method_range(m: Method, statutory: Standard, party: str) -> tuple[Span, Span, bool] | None:
    """(statutory span, the span the method works on, whether the minimum was derived) for this party; None if
    the provision sets this party no fine. A method works on amounts the provision states (not per unit, not a
    multiple): those are refused."""
    if statutory.per or statutory.multiple_of:
        raise violation("DIS-06", f"{m.label}按法条设定的罚款金额分档，不适用于按数量或倍数计算的罚款（{statutory.text}）")
    stat = statutory.span_for(party)
    if stat is None:
        return None
    if statutory.min_stated:
        return stat, stat, False
    return stat, Span(stat.high * m.unstated_min_share, stat.high), True


def derive_tiers(m: Method, statutory: Standard, party: str) -> list[TierRange]:
    """Each tier's amounts for this provision and party (DIS-06). Tiers are disjoint and ordered: a tier starts
    above the one before it and never leaves [L, H] (DIS-05), so with half of H below L the 一般 tier is empty and
    严重 starts above L."""
    found = method_range(m, statutory, party)
    if found is None:
        return []
    _, span, _ = found
    L, H = span.low, span.high
    points = {"min": L, "half_max": H / 2, "max": H}
    names = {"min": "最低限", "half_max": "最高限的一半", "max": "最高限"}
    out: list[TierRange] = []
    previous: Decimal | None = None   # the highest amount of the tiers before
    for b in m.bands:
        if b.no_penalty:
            out.append(TierRange(b.tier, b.rule, None, None, no_penalty=True))
            continue
        assert b.low is not None and b.high is not None  # a band with amounts has both edges
        lo_p, hi_p = points[b.low.point], points[b.high.point]
        if b.whole:
            low = _floor(lo_p) + 1 if b.low.open else _ceil(lo_p)
            high = _ceil(hi_p) - 1 if b.high.open else _floor(hi_p)
        else:
            low, high = lo_p, hi_p
        rounded = (low, high)
        low, high = max(low, L), min(high, H)
        if lo_p > hi_p or (lo_p == hi_p and (b.low.open or b.high.open)):
            why = f"{names[b.high.point]}（{yuan_text(hi_p)}元）不高于{names[b.low.point]}（{yuan_text(lo_p)}元）"
        elif rounded[0] > rounded[1]:
            why = f"{yuan_text(lo_p)}元至{yuan_text(hi_p)}元之间取整数后没有可选金额"
        elif low > high:
            why = (f"该档金额（{yuan_text(rounded[0])}—{yuan_text(rounded[1])}元）不在法定幅度"
                   f"（{yuan_text(L)}—{yuan_text(H)}元）内")
        elif previous is not None and high <= previous:
            why = "该档金额均不高于前一档，已由前一档适用"
        else:
            why = ""
            if previous is not None and low <= previous:
                low = _floor(previous) + 1 if b.whole else previous
        if not why and low > high:
            why = "前一档之上没有可选金额"
        if why:
            out.append(TierRange(b.tier, b.rule, None, None, b.whole, False, f"{b.tier}档为空：{why}，该档不适用"))
            continue
        out.append(TierRange(b.tier, b.rule, low, high, b.whole))
        previous = high
    return out


def tier_of(tiers: list[TierRange], amount: Decimal) -> TierRange | None:
    return next((t for t in tiers if t.holds(amount)), None)


def describe_method(m: Method, statutory: Standard, party: str) -> list[str]:
    """The derivation in Chinese, as the decision's record and the field page state it."""
    found = method_range(m, statutory, party)
    if found is None:
        return []
    stat, span, derived = found
    lines = [f"依照{m.label}，按法定幅度（{statutory.text}）分档"]
    if derived:
        lines.append(f"法条未规定罚款最低限，{m.unstated_min_rule}，为{yuan_text(span.low)}元")
    for t in derive_tiers(m, statutory, party):
        lines.append(t.empty if t.empty else f"{t.tier}：{t.text}")
    return lines


def assess_method(m: Method, statutory: Standard, facts: Facts, amount: Decimal | None = None,
                  citation: str = "") -> Assessment:
    """The lawful amount under a method benchmark (DIS-06). With `amount`, its tier (the tier whose bounds hold
    it); without, every tier of the range. DIS-05 as in `assess`: never above the statutory maximum; 不予处罚 only
    with a PEN-21 ground; below the minimum only with a PEN-22 ground."""
    found = method_range(m, statutory, facts.party)
    if found is None:
        raise violation("DIS-05", "该违法行为对该类当事人无罚款幅度")
    stat, span, _ = found
    tiers = derive_tiers(m, statutory, facts.party)
    ref = f"{m.code}/"
    described = describe_method(m, statutory, facts.party)
    if facts.minor_corrected:
        t = next((t for t in tiers if t.no_penalty), None)
        tier = t.tier if t else "不予处罚"
        return Assessment((tier,), Decimal(0), Decimal(0), Decimal(0), stat, True, False,
                          (f"违法行为轻微并及时改正，没有造成危害后果，属{tier}，依照《中华人民共和国行政处罚法》"
                           "第三十三条第一款不予行政处罚。",), (ref + tier,), ())
    usable = [t for t in tiers if not t.no_penalty and not t.empty]
    if facts.mitigation_grounds:
        reasons = [*described, "具有" + "、".join(facts.mitigation_grounds) +
                   "情形，依照《中华人民共和国行政处罚法》第三十二条应当从轻或者减轻处罚，可在最低限以下裁量"]
        return Assessment(("从轻、减轻",), Decimal(0), span.low, _floor(span.low / 2), stat, False, True,
                          tuple(reasons), (ref + "从轻、减轻",), ())
    if amount is not None:
        amount = Decimal(amount)
        t = tier_of(tiers, amount)
        if t is not None:  # one reason, as a decision states it; the whole derivation is on the catalogue page
            assert t.low is not None and t.high is not None  # tier_of finds only tiers with amounts
            floor = (f"，法条未规定最低限的按最高限的{m.unstated_min_share:.0%}计为{yuan_text(span.low)}元"
                     if not statutory.min_stated else "")
            stated = (f"{yuan_text(stat.low)}元至{yuan_text(stat.high)}元" if statutory.min_stated
                      else f"{yuan_text(stat.high)}元以下")
            reason = (f"依照{m.label}按法定幅度（{stated}）分档{floor}，"
                      f"罚款{yuan_text(amount)}元属{t.tier}档（{t.text}）")
            return Assessment((t.tier,), t.low, t.high, amount, stat, False, False, (reason,), (ref + t.tier,), ())
        if span.low <= amount <= span.high and amount != amount.to_integral_value():
            raise violation("DIS-06", f"按{m.label}，一般、严重档罚款取整数元：{amount:,.2f}元不是整数")
    middle = next((t for t in usable if t.tier == "一般"), None) or (usable[0] if usable else None)
    suggested = middle.low if middle is not None and middle.low is not None else span.low
    return Assessment(tuple(t.tier for t in usable), span.low, span.high, suggested, stat, False, False,
                      tuple(described), tuple(ref + t.tier for t in usable), ())
