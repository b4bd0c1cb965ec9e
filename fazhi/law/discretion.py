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
from dataclasses import dataclass, field
from decimal import Decimal

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

    def as_dict(self) -> dict:
        return {"text": self.text, "spans": {k: [str(v.low), str(v.high)] for k, v in self.spans.items()},
                "per": self.per, "multiple_of": self.multiple_of, "no_penalty": self.no_penalty,
                "extras": list(self.extras), "only_if_serious": self.only_if_serious}

    @classmethod
    def from_dict(cls, d: dict) -> Standard:
        return cls(d["text"], {k: Span(Decimal(a), Decimal(b)) for k, (a, b) in d["spans"].items()}, d["per"],
                   d["multiple_of"], d["no_penalty"], tuple(d["extras"]), d.get("only_if_serious", False))


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
        return Span(Decimal(0), cn_number(m.group(1))), ""
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
    parties = list(re.finditer(r"对(单位|个人)", t))
    segments = ([(PARTY_WORDS[m.group(1)], t[m.end():(parties[i + 1].start() if i + 1 < len(parties) else len(t))])
                 for i, m in enumerate(parties)] if parties else [("any", t)])
    for party, seg in segments:
        found = _span(seg.split("有违法所得")[0].split("牟取利益")[0])
        if found is None:
            continue
        spans[party], kind = found
        multiple = multiple or kind
    extras = tuple(e.strip() for e in EXTRAS.findall(t))
    if not spans:
        if extras:  # a non-fine penalty only (e.g. 没收…): no amount to set
            return Standard(text, {}, per, "", False, extras, serious)
        raise Unreadable(f"无法识别处罚标准：{text}")
    for s in spans.values():
        if s.low > s.high:
            raise Unreadable(f"处罚幅度下限高于上限：{text}")
    return Standard(text, spans, per, multiple, False, extras, serious)


def outside_statutory(standard: Standard, statutory: Standard) -> list[str]:
    """Where a tier's own amounts fall outside its group's statutory range (same unit of measure), as texts.
    The engine refuses such a tier (DIS-05); the import keeps it and warns, since it is the benchmark as issued."""
    out = []
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

    def as_dict(self) -> dict:
        return {"text": self.text, "count": list(self.count) if self.count else None,
                "circumstances": list(self.circumstances), "any_of": self.any_of,
                "minor_corrected": self.minor_corrected, "party": self.party}

    @classmethod
    def from_dict(cls, d: dict) -> Condition:
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


def pick_version(at_act, now, assess_with):
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
