"""文书: the documents a bureau prints, serves and files, generated from the case and its event chain.

Each document is built once as a list of blocks (fields, paragraphs, a signature) and rendered from those
blocks to PDF and DOCX by fazhi/core/layout.py (the page all printed documents share), so the two never disagree. Facts
come from the event that recorded the step (the decision document from the `decide` event, the hearing
record from `hold_hearing` …): a document printed later shows what was decided then.

Every kind has a stage, the order of the 一案一卷 file (立案 → 调查 → 审查 → 决定 → 送达 → 执行)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.cases import wording as W
from fazhi.cases.models import CloseType, PenaltyCase, Source
from fazhi.core.layout import QA, Doc, Fields, Heading, Para, Picture, Sign, Table, to_docx, to_html, to_pdf
from fazhi.core.models import Event
from fazhi.law.penalty import (
    NO_PENALTY_GROUNDS,
    NoPenaltyGround,
    PartyKind,
    Penalty,
    ServiceMethod,
    parse_penalty_kinds,
)

STAGES = ["立案", "调查", "审查", "决定", "送达", "执行"]


# --- reading the case ---------------------------------------------------------------------------------


class Facts:
    """The case with its events by kind (the last of each kind wins, all of them in `all`)."""

    def __init__(self, case: PenaltyCase):
        self.case = case
        self.all = list(Event.objects.filter(stream=case.stream).order_by("seq"))
        self.last = {e.kind: e for e in self.all}
        self.officers = list(case.officers.select_related("staff").prefetch_related("staff__certificates"))
        self.evidence = list(case.evidence.select_related("collected_by"))
        self.you = W.you(case.party_kind)

    def ev(self, kind: str) -> Event | None:
        return self.last.get(kind)

    def data(self, kind: str) -> dict:
        e = self.last.get(kind)
        return e.data if e else {}

    def events(self, *kinds: str, before: Event | None = None) -> list[Event]:
        return [e for e in self.all if e.kind in kinds and (before is None or e.seq < before.seq)]

    def evidence_event(self, item) -> dict:
        """The add_evidence event that recorded this item (its 问/答 and other details live there)."""
        for e in self.all:
            if e.kind == "add_evidence" and e.data.get("evidence") == str(item.uuid):
                return e.data
        return {}

    def officers_on(self, on) -> list:
        """The officers handling the case on that day (assigned, not yet recused)."""
        on = on or self.case.filed_on or date.today()
        active = [o for o in self.officers if o.assigned_on <= on and not (o.recused_on and o.recused_on <= on)]
        return active or self.officers

    def officer_line(self, on=None, staff=None) -> str:
        on = on or self.case.filed_on or date.today()
        people = staff if staff is not None else [o.staff for o in self.officers_on(on)]
        out = []
        for s in people:
            cert = s.valid_certificate(on)
            out.append(f"{s}（执法证号：{cert.number}）" if cert else f"{s}（无有效执法证件）")
        return W.joined(out)

    def evidence_list(self) -> str:
        items = [f"{e.get_kind_display()}：{W.clause(e.title)}（{W.day(e.collected_on)}）" for e in self.evidence]
        return W.listing(items)


def _penalty_text(data: dict | None) -> str:
    if not data or not data.get("kinds"):
        return "无"
    money = [Decimal(str(data.get(k) or "0")) for k in ("fine", "confiscated_income", "confiscated_property")]
    return Penalty(frozenset(parse_penalty_kinds(data["kinds"])), *money).label


def _party_lines(c: PenaltyCase) -> list[Para]:
    """当事人 as the model decisions print it: one line per item, no indent."""
    rows = [("当事人", c.party_name)]
    if c.party_kind == "org":
        rows += [("统一社会信用代码", c.party_id_number), ("法定代表人（负责人）", c.party_representative)]
    else:
        rows += [("身份证件号码", c.party_id_number)]
    rows += [("住所（地址）", c.party_address), ("联系电话", c.party_phone)]
    return [Para(f"{k}：{v}", indent=False) for k, v in rows if v]


def _party_rows(c: PenaltyCase) -> list[tuple[str, str]]:
    rows = [("当事人", c.party_name), ("当事人类型", PartyKind(c.party_kind).label)]
    if c.party_kind == "org":
        rows += [("统一社会信用代码", c.party_id_number), ("法定代表人（负责人）", c.party_representative)]
    else:
        rows += [("身份证件号码", c.party_id_number)]
    rows += [("住所（地址）", c.party_address), ("联系电话", c.party_phone)]
    return [(k, v) for k, v in rows if v]


def _seal(c: PenaltyCase, on) -> Sign:
    return Sign([f"{c.bureau.name}（印章）", W.day(on)])


def _facts(f: Facts) -> str:
    return W.facts_clause(f.case.facts) or W.clause(f.case.cause)


def _violated(c: PenaltyCase) -> str:
    return c.violated_provision or c.penalty_provision


CN_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    """1–99 in Chinese numerals, as article numbers are written (三十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones or not tens else "")


def _payment(f: Facts, d: dict, el: dict | None = None) -> str:
    """PEN-17 (Art 67): where and by when to pay, from the bureau's payment settings recorded with the decision."""
    c, you = f.case, f.you
    pay = d.get("payment") or {}
    if not pay:
        told = W.clause((el or {}).get("performance")) or "自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款"
        return W.sentence(f"{you}应当{told}" if told.startswith("自") else told)
    ways = []
    if pay.get("bank"):
        account = W.sentence(*(f"{label}：{pay[k]}" for k, label in (("account_name", "户名"), ("account", "账号"))
                               if pay.get(k)), sep="，").rstrip("。")
        ways.append(f"到{pay['bank']}缴纳" + (f"（{account}）" if account else ""))
    if pay.get("online"):
        ways.append(f"通过{pay['online']}缴纳" + (f"（缴款码：{pay['code']}）" if pay.get("code") else ""))
    elif pay.get("code"):
        ways.append(f"凭缴款码{pay['code']}缴纳")
    return W.sentences(
        f"{you}应当自收到本决定书之日起十五日内，将罚款{W.yuan(c.fine)}" + "，或者".join(ways),
        "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额")


# --- the documents --------------------------------------------------------------------------------------


def filing(f: Facts) -> Doc:
    c, d = f.case, f.data("file")
    approver = f.ev("file")
    names = W.joined([str(o.staff) for o in f.officers_on(c.filed_on)])
    return Doc("filing", "立案审批表", c.bureau.name, c.case_no, [
        Fields([("案件编号", c.case_no), ("案由", c.cause), ("案件来源", Source(c.source).label),
                *_party_rows(c), ("违法地点", c.place), ("违法行为发生日期", W.day(c.act_on)),
                ("发现日期", W.day(c.discovered_on)), ("简要案情", W.sentence(_facts(f))),
                ("承办人员", f.officer_line(c.filed_on))]),
        Fields([("审批意见", W.sentences(f"同意立案，由{names}承办", W.clause(d.get("note")))),
                ("审批人", approver.actor_name if approver else ""), ("审批日期", W.day(c.filed_on))]),
    ])


# Every page of a 笔录 carries the signature line of the person it records (the model 笔录's foot); a 笔录 is a form,
# printed in the model forms' type (Doc.size "compact").
PAGE_SIGN = {"inquiry": "被询问人签名：", "inspection": "当事人（在场人）签名：", "hearing_record": "当事人签名："}


def _times(e, data: dict) -> tuple[str, str]:
    """Start and end of a 笔录 (Asia/Shanghai), from the record's own fields where they exist."""
    start = getattr(e, "started_at", None) or data.get("started_at") or e.collected_at
    end = getattr(e, "ended_at", None) or data.get("ended_at")
    first, last = (W.moment(start) if start else W.day(e.collected_on)), (W.moment(end) if end else "")
    day = first[:first.index("日") + 1]
    if last.startswith(day):
        last = last[len(day):]  # the same day: only the time
    return first, last


def _record_people(f: Facts, e, data: dict) -> tuple[list, object]:
    """(officers who made the record, the recorder): the record's own officers if stored, else the case's on the day."""
    from fazhi.org.models import Staff

    staff = list(e.record_officers.prefetch_related("certificates")) if hasattr(e, "record_officers") else []
    names = [] if staff else (data.get("record_officers") or [])
    if names:
        staff = list(Staff.objects.filter(username__in=names).prefetch_related("certificates"))
    if not staff:
        staff = [o.staff for o in f.officers_on(e.collected_on)]
    return staff, e.collected_by


def _person(f: Facts, e, data: dict) -> list[tuple[str, str]]:
    """被询问人: as recorded with the 笔录, else the party itself (a citizen) or its legal representative; always with
    the person's ID number and phone (as recorded, else the party's own; an empty row is filled in by hand)."""
    c = f.case
    name = (getattr(e, "record_person", "") or data.get("record_person") or "").strip()
    role = (getattr(e, "record_person_role", "") or data.get("record_person_role") or "").strip()
    pid = (data.get("record_person_id_number") or "").strip()
    phone = (data.get("record_person_phone") or "").strip()
    if name and name not in (c.party_name, c.party_representative):
        # Someone other than the party: a witness, an employee; the form names them and their role.
        rows = [("被询问人", name), ("身份", role), ("身份证件号码", pid), ("联系电话", phone)]
    elif c.party_kind == "org":
        rows = [("被询问人", name or c.party_representative or "（未记录）"), ("身份证件号码", pid),
                ("工作单位及职务", f"{c.party_name}法定代表人（负责人）"), ("单位地址", c.party_address),
                ("联系电话", phone or c.party_phone)]
    else:
        rows = [("被询问人", name or c.party_name), ("身份证件号码", pid or c.party_id_number),
                ("住址", c.party_address), ("联系电话", phone or c.party_phone)]
    keep = {"身份证件号码", "联系电话"}  # printed even when empty: a blank to be filled in on the spot
    return [(k, v) for k, v in rows if v or k in keep]


def _qa(e, data: dict) -> list[tuple[str, str]]:
    pairs = data.get("qa") or getattr(e, "qa", None) or []
    if pairs:
        return [(W.clause(q) + ("？" if not q.rstrip().endswith(("？", "?")) else ""), W.sentence(a).rstrip("。") + "。")
                for q, a in ((p[0], p[1]) for p in pairs)]
    import re

    # Records entered before 问/答 were stored separately: split the text where it says 问： / 答：.
    parts = re.split(r"(问|答)[：:]", getattr(e, "record_text", "") or e.description or "")
    if len(parts) > 2 and parts[1] == "问":
        marks, texts = parts[1::2], parts[2::2]
        out, q = [], None
        for m, t in zip(marks, texts, strict=False):
            if m == "问":
                q = t.strip()
            elif q is not None:
                out.append((q, t.strip()))
                q = None
        return out
    return []


def _present(c: PenaltyCase, e, data: dict) -> list[tuple[str, str]]:
    """在场人 of a 现场检查（勘验）笔录 with their ID number and phone; the party itself is named once, as such."""
    person = (getattr(e, "record_person", "") or data.get("record_person") or "").strip()
    if not person:
        return []
    pid = (data.get("record_person_id_number") or "").strip()
    phone = (data.get("record_person_phone") or "").strip()
    if person == c.party_name:
        return [("在场人", "当事人本人")]
    if person == c.party_representative:
        return [("在场人", f"{person}（当事人的法定代表人（负责人））"), ("在场人身份证件号码", pid),
                ("在场人联系电话", phone or c.party_phone)]
    role = (getattr(e, "record_person_role", "") or data.get("record_person_role") or "").strip()
    return [("在场人", f"{person}（{role}）" if role else person), ("在场人身份证件号码", pid), ("在场人联系电话", phone)]


def inspection(f: Facts) -> Doc:
    c = f.case
    blocks: list = []
    for e in (x for x in f.evidence if x.kind == "inspection"):
        data = f.evidence_event(e)
        start, end = _times(e, data)
        staff, recorder = _record_people(f, e, data)
        blocks += [
            Fields([("案由", c.cause), ("检查时间", f"{start}至{end}" if end else start),
                    ("检查（勘验）地点", e.place or c.place), ("检查（勘验）人员", f.officer_line(e.collected_on, staff)),
                    ("记录人", str(recorder)), *[r for r in _party_rows(c) if r[0] != "当事人类型"],
                    *_present(c, e, data)]),
            Heading("现场检查（勘验）情况", level=2),
            Para(W.sentence(W.clause(e.description)) if e.description else
                 W.sentence(f"执法人员对{e.place or c.place}进行现场检查（勘验），查见：{_facts(f)}")),
            Para(W.sentences("执法人员已出示行政执法证件，表明身份，告知当事人有申请回避的权利",
                             "以上笔录已交当事人（在场人）核对，确认无误")),
            Sign(["当事人（在场人）签名：", "检查（勘验）人员签名：", "记录人签名：", W.day(e.collected_on)], align="left"),
        ]
    return Doc("inspection", "现场检查（勘验）笔录", c.bureau.name, "", blocks or [Para("本案未制作现场检查（勘验）笔录。")],
               page_sign=PAGE_SIGN["inspection"], size="compact")


def inquiry(f: Facts) -> Doc:
    """询问笔录 (PEN-26): times, place, the officers with their certificate numbers, the person questioned, the
    rights told, 问/答, and the signature of the person questioned."""
    c = f.case
    blocks: list = []
    for e in (x for x in f.evidence if x.kind == "party_statement"):
        data = f.evidence_event(e)
        start, end = _times(e, data)
        staff, recorder = _record_people(f, e, data)
        person = _person(f, e, data)
        pairs = _qa(e, data)
        names = W.joined([str(s) for s in staff])
        blocks += [
            Fields([("询问时间", f"{start}至{end}" if end else
                     # no times recorded: blanks the officers fill in by hand
                     f"{start}{'' if '时' in start else '　　时　　分'}至　　时　　分"),
                    ("询问地点", e.place or c.place),
                    ("询问人", f.officer_line(e.collected_on, staff)), ("记录人", str(recorder)), *person,
                    ("案由", c.cause)]),
            QA([(f"我们是{c.bureau.name}的执法人员{names}，这是我们的执法证件（出示证件）。现就{W.clause(c.cause)}一案"
                 "向你了解情况，你应当如实回答，不得作伪证或者隐匿证据。你有申请执法人员回避的权利，是否申请回避？",
                 "不申请回避。"),
                *pairs] if pairs else
               [(f"我们是{c.bureau.name}的执法人员{names}，现就{W.clause(c.cause)}一案向你了解情况，你是否申请回避？",
                 "不申请回避。")]),
            *([] if pairs else [Para(W.sentence(W.clause(e.description)) if e.description else
                                     "（询问内容见所附记录。）")]),
            Para("以上笔录我已看过（已向我宣读过），与我所说的一致。", indent=False),
            Sign(["被询问人签名：", "询问人签名：", "记录人签名：", W.day(e.collected_on)], align="left"),
        ]
    return Doc("inquiry", "询问笔录", c.bureau.name, "", blocks or [Para("本案未制作询问笔录。")],
               page_sign=PAGE_SIGN["inquiry"], size="compact")


def correction(f: Facts) -> Doc:
    c, d = f.case, f.data("decide")
    you = f.you
    order = W.order_clause(d.get("correction_order") or c.correction_order)
    return Doc("correction", "责令改正通知书", c.bureau.name, d.get("correction_no", ""), [
        Para(f"{c.party_name}：", indent=False),
        Para(W.sentences(W.found(c.facts, c.cause),
                         f"{you}的上述行为违反了{_violated(c)}的规定",
                         f"依据《中华人民共和国行政处罚法》第二十八条第一款的规定，本机关责令{you}{order}")),
        Para(W.sentence(f"{you}逾期不改正的，本机关将依法处理")),
        _seal(c, c.decided_on),
    ])


def notice(f: Facts) -> Doc:
    """行政处罚事先告知书 (PEN-08, Art 44/45/64)."""
    c, e = f.case, f.ev("notify")
    d = e.data if e else {}
    you = f.you
    days = d.get("statement_days", c.bureau.statement_days)
    blocks = [
        Para(f"{c.party_name}：", indent=False),
        Para(W.sentences(W.found(c.facts, c.cause), f"以上事实有下列证据证明：{f.evidence_list()}")),
        Para(W.sentences(f"{you}的上述行为违反了{_violated(c)}的规定",
                         f"依据{c.penalty_provision}的规定，本机关拟对{you}作出如下行政处罚：{_penalty_text(d.get('proposal'))}")),
    ]
    if d.get("new_facts"):
        blocks.append(Para(W.sentence(f"本次重新告知的新的事实、理由：{W.clause(d['new_facts'])}")))
    blocks.append(Para(W.sentences(
        f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{you}享有陈述、申辩的权利",
        f"{you}可以自收到本告知书之日起{_cn(int(days))}个工作日内向本机关提出陈述、申辩；逾期未提出的，视为放弃上述权利",
        "本机关不因当事人陈述、申辩而给予更重的处罚",
        f"{you}有权要求举行听证，要求听证的，应当自收到本告知书之日起五个工作日内提出（详见《行政处罚听证告知书》"
        f"{d.get('hearing_right_no', '')}）" if d.get("hearing_right") else "")))
    blocks.append(_seal(c, e.effective_on if e else c.notified_on))
    return Doc("notice", "行政处罚事先告知书", c.bureau.name, d.get("notice_no", ""), blocks)


def hearing_right(f: Facts) -> Doc:
    c, e = f.case, f.ev("notify")
    d = e.data if e else {}
    you = f.you
    reasons = W.joined([W.clause(r) for r in d.get("hearing_reasons") or []])
    return Doc("hearing_right", "行政处罚听证告知书", c.bureau.name, d.get("hearing_right_no", ""), [
        Para(f"{c.party_name}：", indent=False),
        Para(W.sentences(f"本机关拟对{you}{W.clause(c.cause)}一案作出如下行政处罚：{_penalty_text(d.get('proposal'))}",
                         f"该处罚属于{reasons}，依法应当告知听证权利" if reasons else "")),
        Para(W.sentences(f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{you}有权要求举行听证",
                         "要求听证的，应当自收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃听证权利",
                         "当事人不承担行政机关组织听证的费用")),
        _seal(c, e.effective_on if e else c.notified_on),
    ])


def hearing_notice(f: Facts) -> Doc:
    c, d = f.case, f.data("schedule_hearing")
    you = f.you
    return Doc("hearing_notice", "听证通知书", c.bureau.name, d.get("hearing_notice_no", ""), [
        Para(f"{c.party_name}：", indent=False),
        Para(W.sentences(
            f"根据{you}的申请，本机关定于{W.day(d.get('hearing_on'))}在{W.clause(d.get('place'))}就{W.clause(c.cause)}一案"
            f"{'公开' if d.get('public', True) else '不公开'}举行听证",
            f"听证主持人为{d.get('presider_name', '')}")),
        Para(W.sentences(
            f"请{you}准时出席。{you}可以亲自参加听证，也可以委托一至二人代理",
            f"{you}认为主持人与本案有直接利害关系的，有权申请回避",
            "无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证")),
        _seal(c, c.hearing_notice_on),
    ])


def hearing_record(f: Facts) -> Doc:
    c, e = f.case, f.ev("hold_hearing")
    d = e.data if e else {}
    s = f.data("schedule_hearing")
    return Doc("hearing_record", "听证笔录", c.bureau.name, "", [
        Fields([("案由", c.cause), ("听证时间", W.day(e.effective_on if e else None)), ("听证地点", s.get("place", "")),
                ("听证方式", "公开" if s.get("public", True) else "不公开"),
                ("听证主持人", e.actor_name if e else ""), ("案件调查人员", f.officer_line(c.hearing_on)),
                ("当事人", c.party_name), ("当事人是否到场", "到场" if d.get("party_attended") else "未到场")]),
        Heading("听证情况", level=2),
        Para(W.sentence(W.clause(d.get("record")))),
        Para(W.sentence(f"听证后拟处理意见：{_penalty_text(d.get('proposal'))}")),
        Para("以上笔录已交当事人核对，确认无误。", indent=False),
        Sign(["当事人签名：", "听证主持人签名：", "记录人签名：", W.day(e.effective_on if e else None)], align="left"),
    ], page_sign=PAGE_SIGN["hearing_record"], size="compact")


def review(f: Facts) -> Doc:
    c, e = f.case, f.ev("legal_review")
    d = e.data if e else {}
    return Doc("review", "法制审核意见书", c.bureau.name, "", [
        Fields([("案件编号", c.case_no), ("案由", c.cause), ("当事人", c.party_name),
                ("拟处理意见", _penalty_text(f.data("conclude_investigation").get("proposal"))),
                ("审核结论", "同意" if d.get("passed") else "退回补充调查"),
                ("审核人员", e.actor_name if e else ""), ("审核日期", W.day(e.effective_on if e else None))]),
        Heading("审核意见", level=2),
        Para(W.sentence(W.clause(d.get("opinion")))),
        Sign(["审核人员签名：", W.day(e.effective_on if e else None)]),
    ])


def deliberation(f: Facts) -> Doc:
    """集体讨论记录 (PEN-13, Art 57 ¶2): who presided, who attended and sat in, who minuted, what was proposed and
    concluded; the attendees sign."""
    c, e = f.case, f.ev("deliberate")
    d = e.data if e else {}
    from fazhi.org.models import Staff

    names = dict(Staff.objects.filter(username__in=d.get("attendees", [])).values_list("username", "full_name"))
    return Doc("deliberation", "集体讨论记录", c.bureau.name, "", [
        Fields([("案件编号", c.case_no), ("案由", c.cause), ("当事人", c.party_name),
                ("讨论日期", W.day(e.effective_on if e else None)),
                ("主持人", d.get("presider") or (e.actor_name if e else "")),
                ("出席人员", W.joined([names.get(u) or u for u in d.get("attendees", [])])),
                ("列席人员", W.joined(d.get("observers") or []) or "无"),
                ("记录人", d.get("recorder", "")),
                ("拟处理意见", _penalty_text({"kinds": c.proposed_kinds, "fine": c.proposed_fine,
                                              "confiscated_income": c.proposed_confiscated_income,
                                              "confiscated_property": c.proposed_confiscated_property}))]),
        Heading("讨论结论", level=2),
        Para(W.sentence(W.clause(d.get("conclusion")))),
        Sign(["出席人员签名：", "主持人签名：", "记录人签名：", W.day(e.effective_on if e else None)], align="left"),
    ])


def _procedure(f: Facts, upto: Event) -> list[str]:
    """The steps the case went through before the decision, one sentence each, from the events (PEN-08 to
    PEN-13, DIS-04): 告知, 陈述申辩 and its 复核, 听证, 法制审核, 偏离基准的批准, 集体讨论."""
    c, you = f.case, f.you
    out = []
    statement_or_waiver = False
    for e in f.events("notify", "record_statement", "waive_rights", "request_hearing", "schedule_hearing",
                      "hold_hearing", "legal_review", "approve_departure", "deliberate", before=upto):
        d, on = e.data, W.day(e.effective_on)
        if e.kind == "notify":
            rights = "陈述、申辩和要求听证的权利" if d.get("hearing_right") else "陈述、申辩的权利"
            out.append(W.sentence(f"本机关于{on}向{you}送达《行政处罚事先告知书》（{d.get('notice_no', '')}），"
                                  f"告知{you}拟作出的行政处罚及其事实、理由、依据，以及{you}依法享有的{rights}"))
        elif e.kind == "record_statement":
            statement_or_waiver = True
            verdict = "予以采纳" if d.get("adopted") else "不予采纳"
            out.append(W.sentences(f"{you}于{on}提出陈述、申辩，主要意见为：{W.without_subject(d.get('summary'))}",
                                   f"本机关对{you}的陈述、申辩进行了复核，复核意见为：{W.clause(d.get('review'))}，{verdict}"))
        elif e.kind == "waive_rights":
            statement_or_waiver = True
            out.append(W.sentence(f"{you}于{on}书面表示放弃陈述、申辩" + ("和听证" if c.hearing_right else "") + "的权利"))
        elif e.kind == "request_hearing":
            statement_or_waiver = True
            out.append(W.sentence(f"{you}于{W.day(d.get('requested_on') or e.effective_on)}提出听证申请"))
        elif e.kind == "schedule_hearing":
            out.append(W.sentence(f"本机关于{on}向{you}送达《听证通知书》（{d.get('hearing_notice_no', '')}），"
                                  f"定于{W.day(d.get('hearing_on'))}在{W.clause(d.get('place'))}"
                                  f"{'公开' if d.get('public', True) else '不公开'}举行听证，听证主持人为{d.get('presider_name', '')}"))
        elif e.kind == "hold_hearing":
            if d.get("party_attended"):
                out.append(W.sentences(f"本机关于{on}依法举行听证，{you}到场参加听证",
                                       f"听证中，{W.clause(d.get('record'))}",
                                       f"听证后，拟处罚意见为：{_penalty_text(d.get('proposal'))}"))
            else:
                out.append(W.sentence(f"{you}无正当理由未出席{on}的听证，视为放弃听证权利，本机关终止听证"))
        elif e.kind == "legal_review":
            if d.get("passed"):
                out.append(W.sentence(f"本案于{on}经本机关法制审核，审核意见为：{W.clause(d.get('opinion'))}"))
            else:
                out.append(W.sentence(f"本案于{on}经法制审核，退回补充调查，审核意见为：{W.clause(d.get('opinion'))}"))
        elif e.kind == "approve_departure":
            out.append(W.sentence(f"本案拟处罚偏离裁量基准，本机关主要负责人于{on}批准，批准理由：{W.clause(d.get('reason'))}"))
        elif e.kind == "deliberate":
            out.append(W.sentence(f"本案于{on}经本机关负责人集体讨论，讨论结论：{W.clause(d.get('conclusion'))}"))
    if f.events("notify", before=upto) and not statement_or_waiver:
        out.append(W.sentence(f"{you}在规定期限内未提出陈述、申辩" + ("，也未要求听证" if c.hearing_right else "")))
    return out


def _discretion(f: Facts, upto: Event) -> str:
    """DIS-04: which tier of which benchmark, why (the conditions that held, the version applied, any mitigation),
    and any departure with its reasons and approval."""
    import re

    c, dd = f.case, f.case.discretion
    if not dd:
        return ""
    conditions, others = [], []
    for r in dd.get("reasons") or []:
        m = re.match(r"适用条件“(.+?)”成立", str(r))
        if m:
            conditions.append(f"“{W.clause(m.group(1))}”")
        elif str(r).strip():
            # "适用违法行为发生时有效的裁量基准（…）", "具有…情形，依照…": one clause each, citations kept.
            others.append(W.clause(re.sub(r"[。；]+", "，", str(r))))
    tier = "、".join(f"“{t}”" for t in dd.get("tiers") or [])
    text = W.sentence(f"根据{W.clause(dd['benchmark'])}第{dd['seq']}项（{W.clause(dd['violation'])}）", *others,
                      "本案符合该项" + "、".join(conditions) + "的适用条件" if conditions else "")
    span = (W.amount(dd["low"]) if dd["low"] == dd["high"]
            else f"{W.amount(dd['low'])}至{W.amount(dd['high'])}")
    text += W.sentence(f"本案适用{tier}裁量阶次，裁量幅度为罚款{span}")
    if dd.get("within", True):
        return text + W.sentence(f"本机关在该幅度内决定罚款{W.amount(c.fine)}")
    approvals = []
    for e in f.events("approve_departure", "deliberate", before=upto):
        approvals.append(f"于{W.day(e.effective_on)}经本机关主要负责人批准" if e.kind == "approve_departure"
                         else f"于{W.day(e.effective_on)}经本机关负责人集体讨论决定")
    return text + W.sentences(
        f"本案决定罚款{W.amount(c.fine)}，偏离该裁量幅度，偏离理由：{W.clause(dd.get('departure_reason'))}",
        "该偏离" + "、".join(approvals) if approvals else "")


def decision(f: Facts) -> Doc:
    """PEN-15 (Art 59): every element, printed from the decide event, with the procedure the case went through,
    the discretion reasoning (DIS-04), where to pay and the 复议/诉讼 notice (REV-03, REV-08)."""
    c, e = f.case, f.ev("decide")
    d = e.data if e else {}
    el = d.get("elements", {})
    you = f.you
    no_penalty = d.get("outcome") != "penalty"
    title = "不予行政处罚决定书" if no_penalty else "行政处罚决定书"
    evidence = f.evidence_list() if el.get("evidence") in ("True", True) else W.clause(el.get("evidence"))
    blocks: list = [
        *_party_lines(c),
        Para(W.sentence(f"{you}{W.clause(c.cause)}一案，本机关于{W.day(c.filed_on)}立案调查，现已调查终结")),
        Para(W.sentence(W.found(el.get("facts") or c.facts, c.cause))),
        Para(W.sentence(f"以上事实有下列证据证明：{evidence}")),
        *[Para(s) for s in _procedure(f, e)],
    ]
    if no_penalty:
        ground = NoPenaltyGround(c.no_penalty_ground) if c.no_penalty_ground else None
        if ground is not None:
            art, para = NO_PENALTY_GROUNDS[ground][1]
            basis = f"《中华人民共和国行政处罚法》第{_cn(art)}条" + (f"第{_cn(para)}款" if para else "")
            why = f"本案属于“{W.clause(ground.label)}”的情形"
        else:
            basis, why = W.clause(c.exemption_entry), "该违法行为列入本机关适用的免罚清单"
        blocks.append(Para(W.sentences(f"本机关认为，{why}", f"依据{basis}的规定，本机关决定对{you}不予行政处罚",
                                       # Art 33 ¶3: the party not penalised is educated; recorded with the decision
                                       f"本机关已对{you}进行教育：{W.clause(d['education'])}" if d.get("education")
                                       else "")))
        if d.get("correction_order"):
            blocks.append(Para(W.sentence(f"同时责令{you}{W.order_clause(d['correction_order'])}")))
    else:
        blocks.append(Para(W.sentence(f"本机关认为，{you}的上述行为违反了{_violated(c)}的规定")))
        if c.discretion:
            blocks.append(Para(_discretion(f, e)))
        blocks.append(Para(W.sentences(
            f"依据{el.get('legal_basis') or c.penalty_provision}的规定，本机关决定对{you}作出如下行政处罚：{el.get('penalty')}",
            f"同时责令{you}{W.order_clause(d['correction_order'])}" if d.get("correction_order") else "")))
        if c.fine > 0:
            blocks.append(Para(_payment(f, d, el)))
        else:
            blocks.append(Para(W.sentence(f"履行方式和期限：{W.clause(el.get('performance'))}")))
    blocks += [Para(el.get("remedy", "")),
               Sign([f"{el.get('authority') or c.bureau.name}（印章）", W.day(c.decided_on)])]
    return Doc("decision", title, c.bureau.name, c.decision_no, blocks)


SIGNATURE_TITLE = "当事人签收当场处罚决定书（电子签名）"


def captured_signature(f: Facts) -> bytes | None:
    """The party's signature captured on the phone with the on-the-spot decision (its PNG from the evidence store, by
    the hash the decide_on_site event recorded), or None."""
    from fazhi.core import blobs

    for item in f.data("decide_on_site").get("files") or []:
        if item.get("title") == SIGNATURE_TITLE:
            try:
                return blobs.path_of(item["sha256"]).read_bytes()
            except (OSError, ValueError, KeyError):
                return None
    return None


def _party_compact(c: PenaltyCase) -> list[tuple[str, str]]:
    """当事人 of a one-page form: the person or organisation in a few rows."""
    if c.party_kind == "org":
        rows = [("当事人", c.party_name), ("统一社会信用代码", c.party_id_number),
                ("法定代表人（负责人）", c.party_representative)]
    else:
        rows = [("当事人", c.party_name), ("身份证件号码", c.party_id_number)]
    rows += [("住所（地址）", c.party_address), ("联系电话", c.party_phone)]
    return [(k, v) for k, v in rows if v]


def on_site(f: Facts, size: str = "compact") -> Doc:
    """当场行政处罚决定书 (PEN-01, Art 52): the party, facts, basis, penalty, how to pay, the 复议前置 notice
    (REV-02), the officers with their certificate numbers, the party's signature — the one captured on the phone
    printed on the copy handed over, or "当事人拒绝签名" with the witness (Art 52 ¶1). One A4 page (the model form's
    type size); `size="roll"` lays it out for an 80 mm portable printer."""
    c, d = f.case, f.data("decide_on_site")
    you = f.you
    if d.get("statement"):
        heard = f"{you}的陈述、申辩意见为：{W.without_subject(d['statement'])}"
    else:
        heard = f"{you}明确表示放弃陈述、申辩的权利"
    if d.get("collected_on_spot"):
        pay = W.sentence(f"罚款{W.yuan(c.fine)}已当场收缴，并出具罚款收据（编号：{d.get('receipt_no', '')}）")
    else:
        pay = _payment(f, d, {"performance": "自收到本决定书之日起十五日内，到指定银行或者通过电子支付系统缴纳罚款"})
    facts = W.addressed(W.found(c.facts, c.cause), you)
    sign_lines, marks = ["当事人签名："], {}
    mark = captured_signature(f) if d.get("receipt") == "signed" else None
    if mark:
        marks[0] = mark
    elif d.get("receipt") == "refused":
        witness = W.clause(d.get("witness"))
        sign_lines = ["当事人签名：当事人拒绝签名"]
        if witness:
            sign_lines += [f"见证人：{witness}", "见证人签名："]
    sign_lines.append("执法人员签名：")
    return Doc("on_site", "当场行政处罚决定书", c.bureau.name, c.decision_no, [
        Fields(_party_compact(c)),
        Para(W.sentences(facts, f"{you}的上述行为违反了{_violated(c)}的规定")),
        Para(W.sentences(f"执法人员当场告知{you}拟作出行政处罚的事实、理由和依据，并告知{you}依法享有陈述、申辩的权利",
                         heard)),
        Para(W.sentences(f"依据{c.penalty_provision}的规定，本机关当场决定对{you}作出如下行政处罚：{_penalty_text(d.get('penalty'))}",
                         f"同时责令{you}{W.order_clause(c.correction_order)}" if c.correction_order else "")),
        *([Para(_discretion(f, f.ev("decide_on_site")))] if c.discretion else []),
        Para(pay),
        Para(W.addressed(d.get("remedy", ""), you)),
        Para(W.sentence(f"执法人员：{f.officer_line(c.decided_on)}"), indent=False),
        Sign(sign_lines, align="left", marks=marks, right=[f"{c.bureau.name}（印章）", W.day(c.decided_on)]),
    ], size=size)


def _name_of(person: str) -> str:
    """"周红（建设中路社区居民委员会）" → 周红: a signature line names the person, the unit is in the form above."""
    return person.split("（", 1)[0].strip() or person


def service(f: Facts) -> Doc:
    """送达回证: the 受送达人 is the party; the party itself, or a company's 法定代表人（负责人）, signs as the party.
    Only someone else who receives it for the party is a 代收人 (民事诉讼法 Art 88-89, applied by Art 61 of the
    行政处罚法). 留置送达 (Art 89): who refused and why, the witnesses who sign (or the photo/video record), the
    document left at the party's address — no 受送达人 signature, since the party refused."""
    c, e = f.case, f.ev("serve")
    d = e.data if e else {}
    recipient = (d.get("recipient") or "").strip()
    own = {c.party_name.strip(), (c.party_representative or "").strip()} - {""}
    method = ServiceMethod(d["method"]) if d.get("method") else None
    served = W.day(d.get("served_on"))
    documents = f"{'不予' if c.outcome != 'penalty' else ''}行政处罚决定书（{c.decision_no}）"
    if f.data("decide").get("correction_no"):
        documents += f"、责令改正通知书（{f.data('decide')['correction_no']}）"
    place = d.get("place") or c.party_address
    server = e.actor_name if e else ""
    if method is ServiceMethod.LEFT:
        witnesses = [W.clause(w) for w in d.get("witnesses") or []]
        refused_by = W.clause(d.get("refused_by")) or (c.party_name if c.party_kind == "citizen" else "")
        how = "在见证人见证下，将送达文书留置于受送达人住所" if witnesses else "将送达文书留置于受送达人住所"
        if d.get("recorded"):
            how += "，并采用拍照、录像方式记录送达过程"
        rows = [("送达文书", documents), ("受送达人", c.party_name), ("送达地点", place),
                ("送达方式", method.label), ("送达日期", served), ("送达人", server),
                ("拒收人", refused_by),
                ("拒收事由", W.sentence(W.clause(d.get("refusal_reason")))),
                ("见证人", W.joined(witnesses) or "无（已拍照、录像记录送达过程）"),
                ("留置情况", W.sentence(how))]
        lines = ["受送达人拒绝签收。", "送达人签名：", *[f"见证人（{_name_of(w)}）签名：" for w in witnesses], served]
        return Doc("service", "送达回证", c.bureau.name, "", [Fields(rows), Sign(lines, align="left")])
    if not recipient or recipient in own:
        signer = ("法定代表人（负责人）" + recipient if c.party_kind == "org" and recipient and recipient != c.party_name
                  else "受送达人本人")
        receipt = [("签收人", signer)]
    else:
        receipt = [("代收人", recipient), ("代收理由", "受送达人不在场，由代收人代为签收")]
    return Doc("service", "送达回证", c.bureau.name, "", [
        Fields([("送达文书", documents), ("受送达人", c.party_name), *receipt, ("送达地点", place),
                ("送达方式", method.label if method else ""), ("送达日期", served), ("送达人", server)]),
        Sign(["受送达人（代收人）签名或者盖章：", "送达人签名：", served], align="left"),
    ])


def demand(f: Facts) -> Doc:
    c, d = f.case, f.data("serve_demand")
    you = f.you
    return Doc("demand", "催告书", c.bureau.name, d.get("demand_no", ""), [
        Para(f"{c.party_name}：", indent=False),
        Para(W.sentences(f"本机关于{W.day(c.decided_on)}对{you}作出《行政处罚决定书》（{c.decision_no}），"
                         f"并于{W.day(c.served_on)}送达", f"{you}至今未履行缴纳罚款的义务")),
        Para(W.sentences(
            f"根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告{you}于{W.day(d.get('deadline'))}前履行下列义务："
            f"缴纳罚款{W.yuan(d.get('owed'))}，加处罚款{W.yuan(d.get('late_fee'))}（计至催告之日）",
            _payment_short(f))),
        Para(W.sentences(f"{you}收到本催告书后有权进行陈述和申辩",
                         "逾期仍不履行的，本机关将依法申请人民法院强制执行")),
        _seal(c, c.demand_served_on),
    ])


def _payment_short(f: Facts) -> str:
    pay = f.data("decide").get("payment") or {}
    if pay.get("bank"):
        return f"缴纳方式：到{pay['bank']}（账号：{pay.get('account', '')}）缴纳" + (
            f"，或者通过{pay['online']}缴纳" if pay.get("online") else "")
    return "缴纳方式：到指定银行或者通过电子支付系统缴纳"


def court(f: Facts) -> Doc:
    c, d = f.case, f.data("apply_court")
    from fazhi.law.enforcement import COURT_PACKAGE

    attached = [label for key, label in COURT_PACKAGE.items() if (d.get("package") or {}).get(key)]
    return Doc("court", "强制执行申请书", c.bureau.name, "", [
        Fields([("申请人", c.bureau.name), ("申请人地址", c.bureau.address), ("被申请人", c.party_name),
                ("被申请人地址", c.party_address)]),
        Para(f"{d.get('court') or c.bureau.court}：", indent=False),
        Para(W.sentences(
            f"申请人于{W.day(c.decided_on)}对被申请人作出《行政处罚决定书》（{c.decision_no}），于{W.day(c.served_on)}送达",
            "被申请人在法定期限内未申请行政复议或者提起行政诉讼，又不履行",
            f"申请人于{W.day(c.demand_served_on)}送达催告书，催告期满后被申请人仍未履行")),
        Para(W.sentences("根据《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特申请人民法院强制执行",
                         f"逾期申请的理由：{W.clause(d['good_reason'])}" if d.get("good_reason") else "")),
        Para(W.sentence(f"附：{W.listing(attached)}"), indent=False),
        Sign([f"申请人：{c.bureau.name}（印章）", "负责人签名：", W.day(c.court_applied_on)]),
    ])


def closing(f: Facts) -> Doc:
    c, d = f.case, f.data("close")
    performed = W.sentences(f"已缴罚款{W.amount(c.paid_fine)}，加处罚款{W.amount(c.paid_late_fee)}",
                            f"法院裁定：{W.clause(c.court_result)}" if c.court_result else "")
    return Doc("closing", "结案报告", c.bureau.name, "", [
        Fields([("案件编号", c.case_no), ("决定书文号", c.decision_no), ("案由", c.cause), ("当事人", c.party_name),
                ("立案日期", W.day(c.filed_on)), ("决定日期", W.day(c.decided_on)),
                ("处罚内容", _penalty_text({"kinds": c.final_kinds, "fine": c.fine,
                                            "confiscated_income": c.confiscated_income,
                                            "confiscated_property": c.confiscated_property})),
                ("执行情况", performed),
                ("结案方式", CloseType(c.close_type).label if c.close_type else ""), ("结案日期", W.day(c.closed_on)),
                ("结案说明", W.sentence(W.clause(d.get("summary"))))]),
        Sign(["承办人员签名：", "审批人签名：", W.day(c.closed_on)]),
    ])


# --- required elements ------------------------------------------------------------------------------------


def required(key: str, f: Facts) -> list[tuple[str, str]]:
    """The elements the standard form requires of a document of this kind, each with the text that shows it
    (PEN-15 for decisions; Art 44/64 for notices; PEN-26 and the model 笔录 for records; 民事诉讼法 Art 87 for the
    送达回证). A document missing one is not ready to leave the bureau."""
    c = f.case
    you = f.you
    seal = f"{c.bureau.name}（印章）"
    d = f.data("decide")
    if key == "decision":
        out = [("当事人的姓名或者名称", c.party_name), ("当事人的地址", c.party_address),
               ("违反法律、法规、规章的事实", "经查"), ("证据", "以上事实有下列证据证明："),
               ("行政处罚的依据", d.get("elements", {}).get("legal_basis", c.penalty_provision) or "依据"),
               ("申请行政复议的途径和期限", "申请行政复议"), ("提起行政诉讼的途径和期限", "提起行政诉讼"),
               ("作出决定的行政机关名称和印章", seal), ("作出决定的日期", W.day(c.decided_on)),
               ("文号", c.decision_no)]
        if d.get("outcome") == "penalty":
            out += [("行政处罚的种类", d.get("elements", {}).get("penalty", "")),
                     ("履行方式和期限", "十五日内" if c.fine > 0 else "履行方式和期限")]
            if f.ev("notify"):
                out.append(("事先告知", "《行政处罚事先告知书》"))
            if f.ev("legal_review") and f.data("legal_review").get("passed"):
                out.append(("法制审核", "法制审核"))
            if f.ev("deliberate"):
                out.append(("集体讨论", "集体讨论"))
            if f.ev("hold_hearing"):
                out.append(("听证", "听证"))
            if f.ev("record_statement"):
                out.append(("陈述、申辩的复核", "复核意见"))
            if c.discretion:
                out.append(("裁量基准及阶次", "裁量阶次"))
                if not c.discretion.get("within", True):
                    out.append(("偏离裁量基准的理由", "偏离理由"))
            if c.fine > 0 and d.get("payment", {}).get("bank"):
                out.append(("缴款银行", d["payment"]["bank"]))
        return out
    if key == "on_site":
        return [("当事人的姓名或者名称", c.party_name), ("违法事实", "经查"), ("处罚依据", c.penalty_provision),
                ("罚款数额", W.amount(c.fine)), ("陈述、申辩", "陈述、申辩"), ("先行复议的告知", "应当先申请行政复议"),
                ("执法人员及执法证号", "执法证号"), ("当事人签名", "当事人签名"), ("行政机关名称和印章", seal),
                ("日期", W.day(c.decided_on)), ("文号", c.decision_no)]
    if key == "notice":
        return [("当事人", c.party_name), ("违法事实", "经查"), ("证据", "证据证明"),
                ("拟作出的行政处罚", "拟对"), ("处罚依据", c.penalty_provision), ("陈述、申辩权利", "陈述、申辩的权利"),
                ("陈述、申辩期限", "工作日内"), ("不因申辩加重处罚", f"不因{you}陈述、申辩而给予更重的处罚"),
                ("行政机关印章", seal), ("文号", f.data("notify").get("notice_no", ""))] + (
            [("听证权利", "要求举行听证")] if f.data("notify").get("hearing_right") else [])
    if key == "inquiry":
        person = next((v for k, v in _person(f, *_first_record(f, "party_statement")) if k == "被询问人"), "")
        return [("询问时间", "询问时间"), ("询问地点", "询问地点"), ("询问人及执法证号", "执法证号"), ("记录人", "记录人"),
                ("被询问人", person if person != "（未记录）" else ""), ("被询问人身份证件号码", "身份证件号码"),
                ("被询问人联系电话", "联系电话"), ("出示证件", "执法证件"), ("回避告知", "回避"), ("问答", "问："),
                ("核对确认", "与我所说的一致"), ("被询问人签名", "被询问人签名")]
    if key == "inspection":
        return [("检查时间", "检查时间"), ("检查地点", "检查（勘验）地点"), ("检查人员及执法证号", "执法证号"),
                ("记录人", "记录人"), ("当事人", c.party_name), ("检查情况", "现场检查（勘验）情况"),
                ("当事人（在场人）签名", "当事人（在场人）签名")]
    if key == "service":
        out = [("送达文书名称和文号", c.decision_no), ("受送达人", c.party_name), ("送达方式", "送达方式"),
               ("送达地点", "送达地点"), ("送达日期", "送达日期"), ("受送达人签名", "受送达人"), ("送达人", "送达人"),
               ("送达人签名", "送达人签名")]
        s = f.data("serve")
        if s.get("method") == ServiceMethod.LEFT.value:  # 民事诉讼法 Art 89
            out += [("拒收事由", "拒收事由"), ("拒收人", "拒收人"), ("留置", "留置于受送达人住所")]
            out += [(f"见证人{w}签名", f"见证人（{_name_of(W.clause(w))}）签名") for w in s.get("witnesses") or []]
            if not s.get("witnesses"):
                out.append(("拍照、录像记录", "拍照、录像"))
        return out
    if key == "correction":
        return [("当事人", c.party_name), ("违法事实", "经查"), ("违反的规定", _violated(c)),
                ("改正要求", f"责令{you}"), ("行政机关印章", seal), ("文号", d.get("correction_no", ""))]
    if key == "hearing_right":
        return [("拟作出的行政处罚", "拟对"), ("听证权利", "有权要求举行听证"), ("申请期限", "五个工作日内"), ("印章", seal)]
    if key == "hearing_notice":
        return [("听证时间", "定于"), ("听证地点", "举行听证"), ("主持人", "听证主持人"), ("回避权利", "申请回避"), ("印章", seal)]
    if key == "hearing_record":
        return [("案由", c.cause), ("听证主持人", "听证主持人"), ("当事人", c.party_name), ("听证情况", "听证情况"),
                ("当事人签名", "当事人签名")]
    if key == "demand":
        return [("履行义务的期限", "前履行"), ("金额", "缴纳罚款"), ("陈述申辩权利", "陈述和申辩"), ("印章", seal)]
    if key == "court":
        return [("申请人", c.bureau.name), ("被申请人", c.party_name), ("决定书文号", c.decision_no), ("附件", "附：")]
    if key == "review":
        return [("审核结论", "审核结论"), ("审核意见", "审核意见"), ("审核人员", "审核人员")]
    if key == "deliberation":
        return [("主持人", "主持人"), ("出席人员", "出席人员"), ("列席人员", "列席人员"), ("记录人", "记录人"),
                ("讨论结论", "讨论结论"), ("主持人签名", "主持人签名"), ("记录人签名", "记录人签名")]
    if key == "filing":
        return [("案由", c.cause), ("当事人", c.party_name), ("承办人员", "承办人员"), ("审批意见", "审批意见")]
    if key == "closing":
        return [("结案方式", "结案方式"), ("执行情况", "执行情况"), ("结案日期", "结案日期")]
    return []


def _first_record(f: Facts, kind: str):
    e = next(x for x in f.evidence if x.kind == kind)
    return e, f.evidence_event(e)


def missing_elements(key: str, f: Facts, text: str) -> list[str]:
    """The required elements whose text is not in `text` (whitespace ignored)."""
    import re

    flat = re.sub(r"\s+", "", text)
    return [name for name, shown in required(key, f) if not shown or re.sub(r"\s+", "", shown) not in flat]


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    stage: str
    build: Callable[[Facts], Doc]
    ready: Callable[[Facts], bool]
    docx: bool = True  # every kind: an officer may adjust any of them in Word before issue


KINDS: list[Kind] = [
    Kind("filing", "立案审批表", "立案", filing, lambda f: bool(f.case.filed_on and f.case.case_no)),
    Kind("inspection", "现场检查（勘验）笔录", "调查", inspection, lambda f: any(e.kind == "inspection" for e in f.evidence)),
    Kind("inquiry", "询问笔录", "调查", inquiry, lambda f: any(e.kind == "party_statement" for e in f.evidence)),
    Kind("notice", "行政处罚事先告知书", "审查", notice, lambda f: f.ev("notify") is not None),
    Kind("hearing_right", "行政处罚听证告知书", "审查", hearing_right, lambda f: bool(f.data("notify").get("hearing_right"))),
    Kind("hearing_notice", "听证通知书", "审查", hearing_notice, lambda f: f.ev("schedule_hearing") is not None),
    Kind("hearing_record", "听证笔录", "审查", hearing_record, lambda f: f.ev("hold_hearing") is not None),
    Kind("review", "法制审核意见书", "审查", review, lambda f: f.ev("legal_review") is not None),
    Kind("deliberation", "集体讨论记录", "审查", deliberation, lambda f: f.ev("deliberate") is not None),
    Kind("decision", "行政处罚决定书", "决定", decision, lambda f: f.ev("decide") is not None),
    Kind("correction", "责令改正通知书", "决定", correction, lambda f: bool(f.data("decide").get("correction_no"))),
    Kind("on_site", "当场行政处罚决定书", "决定", on_site, lambda f: f.ev("decide_on_site") is not None),
    Kind("service", "送达回证", "送达", service, lambda f: f.ev("serve") is not None),
    Kind("demand", "催告书", "执行", demand, lambda f: f.ev("serve_demand") is not None),
    Kind("court", "强制执行申请书", "执行", court, lambda f: f.ev("apply_court") is not None),
    Kind("closing", "结案报告", "执行", closing, lambda f: f.ev("close") is not None),
]
BY_KEY = {k.key: k for k in KINDS}


def available(case: PenaltyCase, facts: Facts | None = None) -> list[Kind]:
    """The documents this case has reached, in the legal order of the file."""
    f = facts or Facts(case)
    return sorted((k for k in KINDS if k.ready(f)), key=lambda k: STAGES.index(k.stage))


# The documents addressed to the party: it is 你 or 你单位 throughout (the officer's "当事人…" included).
ADDRESSED = {"notice", "hearing_right", "hearing_notice", "decision", "correction", "on_site", "demand"}


def build(case: PenaltyCase, key: str, facts: Facts | None = None) -> Doc:
    kind = BY_KEY[key]
    f = facts or Facts(case)
    if not kind.ready(f):
        raise LookupError(f"本案尚未形成{kind.title}")
    doc = kind.build(f)
    if key in ADDRESSED:
        for b in doc.blocks:
            if isinstance(b, Para) and not b.small:
                b.text = W.addressed(b.text, f.you)
    return doc




__all__ = ["QA", "Doc", "Fields", "Heading", "Para", "Picture", "Sign", "Table", "to_docx", "to_html", "to_pdf"]
