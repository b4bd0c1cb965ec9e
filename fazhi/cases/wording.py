"""Sentences of the 文书, composed from facts with their punctuation decided once.

An officer's own text (facts, opinions, conclusions) arrives as written: with or without a lead-in ("经查，"), with
or without a closing "。", sometimes with its own evidence sentence ("……为证。"). Documents never wrap such text
blindly: `clause` reduces it to a bare clause, `sentence` joins clauses and closes them with exactly one mark, and
`facts_clause` drops the lead-in and the evidence sentence that the document prints from the evidence records."""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

END = "。；，、：:;,. \t\n"
LEAD_INS = ("经查明", "经调查", "经核查", "经复核", "经查", "查明")


def clause(text: str | None, *, lead_ins=LEAD_INS) -> str:
    """The text as one bare clause: no lead-in word, no closing punctuation, inner sentence ends as "；"."""
    t = (text or "").strip()
    for lead in lead_ins:
        if t.startswith(lead):
            t = t[len(lead):].lstrip("，,：: ")
            break
    t = money_format(t.strip(END))
    return re.sub(r"[。]+(?=.)", "；", t)


def money_format(text: str) -> str:
    """Amounts typed by an officer ("15000元") printed as every amount is: 15,000.00元."""
    def fmt(m):
        return f"{Decimal(m.group(1).replace(',', '')):,.2f}{m.group(2)}"
    return re.sub(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)(万元|元)", fmt, text)


def sentence(*parts: str, sep: str = "，") -> str:
    """Clauses joined by `sep` and closed by one "。" (empty parts left out)."""
    kept = [p.strip(END) for p in parts if p and p.strip(END)]
    return sep.join(kept) + "。" if kept else ""


def sentences(*parts: str) -> str:
    """Several sentences, each closed once."""
    return "".join(sentence(p) for p in parts if p and p.strip(END))


def cites_evidence(s: str) -> bool:
    return bool(re.search(r"(为证|证据证明|证实|以上事实有)", s))


def facts_clause(text: str | None) -> str:
    """The established facts without a lead-in and without the officer's own evidence sentence (the document
    lists the evidence from the records)."""
    parts = [p for p in re.split(r"[。；]", (text or "").strip()) if p.strip(END)]
    kept = [clause(p) for p in parts if not cites_evidence(p)]
    return "；".join(k for k in kept if k)


def found(text: str | None, fallback: str = "") -> str:
    """The facts as the "经查，…" clause: the officer's own lead-in kept if written ("经查属实"), never doubled."""
    body = facts_clause(text) or clause(fallback)
    t = (text or "").strip()
    lead = next((w for w in LEAD_INS if t.startswith(w)), "")
    if lead and t[len(lead):].lstrip()[:1] not in "，,：:":
        return lead + body  # e.g. "经查属实": the lead-in is part of the sentence
    return f"经查，{body}"


def you(party_kind: str) -> str:
    """How a document addresses the party: a citizen is 你, a company or organisation 你单位."""
    return "你" if party_kind == "citizen" else "你单位"


def addressed(text: str | None, you_: str) -> str:
    """Text that names the party as 当事人 (an officer's facts, a recorded remedy clause) in a document addressed to
    the party: one form of address throughout, 你 or 你单位. A label ("当事人：") is left as it is."""
    return re.sub(r"当事人(?![：:]|的陈述)", you_, text or "")  # 当事人的陈述: a statutory kind of evidence


def without_subject(text: str | None) -> str:
    """A recorded statement as what was said: its leading subject (当事人, 你, 你单位) dropped, one bare clause."""
    return re.sub(r"^(当事人|你单位|你)(称|表示)?", "", clause(text)).lstrip("，,：: ")


def day(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def moment(value) -> str:
    """A date and time as 2026年3月10日9时30分 (Asia/Shanghai)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        from zoneinfo import ZoneInfo

        value = value.astimezone(ZoneInfo("Asia/Shanghai"))
    if not isinstance(value, datetime):
        return day(value)
    return f"{day(value)}{value.hour}时{value.minute:02d}分"


def yuan(value) -> str:
    """Money always with two decimals: 人民币5,000.00元."""
    return f"人民币{Decimal(str(value or 0)):,.2f}元"


def amount(value) -> str:
    return f"{Decimal(str(value or 0)):,.2f}元"


def listing(items: list[str]) -> str:
    """"1.…；2.…" without a closing mark."""
    return "；".join(f"{i}.{clause(x)}" for i, x in enumerate(items, 1))


def order_clause(text: str | None) -> str:
    """A correction order as the verb phrase after "责令你单位": "责令当事人立即改正。" → "立即改正"."""
    t = re.sub(r"^责令", "", clause(text))
    return re.sub(r"^(当事人|你单位|你)", "", t).strip(END)


def joined(names: list[str]) -> str:
    return "、".join(n for n in names if n)
