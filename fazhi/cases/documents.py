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

from fazhi.cases.models import CloseType, PenaltyCase, Source
from fazhi.core.layout import QA, Doc, Fields, Heading, Para, Picture, Sign, Table, to_docx, to_html, to_pdf
from fazhi.core.models import Event
from fazhi.law.penalty import NoPenaltyGround, PartyKind, Penalty, ServiceMethod, parse_penalty_kinds

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

    def ev(self, kind: str) -> Event | None:
        return self.last.get(kind)

    def data(self, kind: str) -> dict:
        e = self.last.get(kind)
        return e.data if e else {}

    def officer_line(self, on: date | None = None) -> str:
        out = []
        for o in self.officers:
            cert = o.staff.valid_certificate(on or self.case.filed_on or date.today())
            out.append(f"{o.staff}（执法证号：{cert.number if cert else '无有效证件'}）")
        return "、".join(out)


def _d(value) -> str:
    if not value:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def _yuan(value) -> str:
    return f"{float(value):,.2f}元"


def _penalty_text(data: dict | None) -> str:
    if not data or not data.get("kinds"):
        return "无"
    money = [Decimal(str(data.get(k) or "0")) for k in ("fine", "confiscated_income", "confiscated_property")]
    return Penalty(frozenset(parse_penalty_kinds(data["kinds"])), *money).label


def _party_rows(c: PenaltyCase) -> list[tuple[str, str]]:
    rows = [("当事人", c.party_name), ("当事人类型", PartyKind(c.party_kind).label)]
    if c.party_kind == "org":
        rows += [("统一社会信用代码", c.party_id_number), ("法定代表人（负责人）", c.party_representative)]
    else:
        rows += [("身份证件号码", c.party_id_number)]
    rows += [("住所（地址）", c.party_address), ("联系电话", c.party_phone)]
    return [(k, v) for k, v in rows if v]


def _seal(c: PenaltyCase, on) -> Sign:
    return Sign([f"{c.bureau.name}（印章）", _d(on)])


def _evidence_list(f: Facts) -> str:
    items = [f"{i}. {e.get_kind_display()}：{e.title}（{_d(e.collected_on)}）" for i, e in enumerate(f.evidence, 1)]
    return "；".join(items) if items else "见案卷证据材料"


# --- the documents --------------------------------------------------------------------------------------


def filing(f: Facts) -> Doc:
    c, d = f.case, f.data("file")
    approver = f.ev("file")
    return Doc("filing", "立案审批表", c.bureau.name, c.case_no, [
        Fields([("案件编号", c.case_no), ("案由", c.cause), ("案件来源", Source(c.source).label),
                *_party_rows(c), ("违法地点", c.place), ("违法行为发生日期", _d(c.act_on)),
                ("发现日期", _d(c.discovered_on)), ("简要案情", c.facts or c.cause),
                ("承办人员", f.officer_line(c.filed_on))]),
        Fields([("审批意见", f"同意立案，由{'、'.join(str(o.staff) for o in f.officers)}承办。" + (d.get("note") or "")),
                ("审批人", approver.actor_name if approver else ""), ("审批日期", _d(c.filed_on))]),
        Para("（依据《中华人民共和国行政处罚法》第五十四条：符合立案标准的，应当及时立案。）"),
    ])


def _record(f: Facts, kind: str, title: str, evidence_kind: str, lead: str) -> Doc:
    c = f.case
    items = [e for e in f.evidence if e.kind == evidence_kind]
    blocks: list = []
    for e in items:
        blocks += [
            Fields([("时间", _d(e.collected_on) + (f" {e.collected_at:%H:%M}" if e.collected_at else "")),
                    ("地点", e.place or c.place), (lead, f.officer_line(e.collected_on)),
                    ("记录人", str(e.collected_by)), *_party_rows(c)]),
            Para(e.title, heading=True),
            Para(e.description or c.facts or "（见所附材料）"),
            Para("执法人员已出示执法证件，告知当事人享有陈述、申辩和申请回避的权利。以上笔录已交当事人核对，无误。"),
            Sign(["当事人（签名）：", "执法人员（签名）：", _d(e.collected_on)]),
        ]
    return Doc(kind, title, c.bureau.name, "", blocks or [Para("本案未制作该笔录。")])


def inspection(f: Facts) -> Doc:
    return _record(f, "inspection", "现场检查（勘验）笔录", "inspection", "检查（勘验）人员")


def inquiry(f: Facts) -> Doc:
    return _record(f, "inquiry", "询问笔录", "party_statement", "询问人")


def correction(f: Facts) -> Doc:
    c, d = f.case, f.data("decide")
    return Doc("correction", "责令改正通知书", c.bureau.name, d.get("correction_no", ""), [
        Para(f"{c.party_name}："),
        Para(f"经查，你（单位）{c.facts or c.cause}，违反了{c.violated_provision or c.penalty_provision}的规定。"
             f"依据《中华人民共和国行政处罚法》第二十八条第一款，责令你（单位）：{d.get('correction_order', c.correction_order)}"),
        Para("逾期不改正的，本机关将依法处理。"),
        _seal(c, c.decided_on),
    ])


def notice(f: Facts) -> Doc:
    c, d = f.case, f.data("notify")
    days = d.get("statement_days", c.bureau.statement_days)
    return Doc("notice", "行政处罚事先告知书", c.bureau.name, d.get("notice_no", ""), [
        Para(f"{c.party_name}："),
        Para(f"经查，你（单位）{c.facts or c.cause}。以上事实有{_evidence_list(f)}等证据为证。"),
        Para(f"你（单位）的上述行为违反了{c.violated_provision or c.penalty_provision}的规定，依据"
             f"{c.penalty_provision}，本机关拟对你（单位）作出如下行政处罚：{_penalty_text(d.get('proposal'))}。"),
        Para(f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利。"
             f"你（单位）可以自收到本告知书之日起{days}个工作日内向本机关提出陈述、申辩；逾期未提出的，视为放弃上述权利。"
             f"本机关不因你（单位）陈述、申辩而给予更重的处罚。"),
        _seal(c, c.notified_on),
    ])


def hearing_right(f: Facts) -> Doc:
    c, d = f.case, f.data("notify")
    return Doc("hearing_right", "行政处罚听证告知书", c.bureau.name, d.get("hearing_right_no", ""), [
        Para(f"{c.party_name}："),
        Para(f"本机关拟对你（单位）{c.cause}一案作出如下行政处罚：{_penalty_text(d.get('proposal'))}。"
             f"（告知听证的理由：{'；'.join(d.get('hearing_reasons') or [])}）"),
        Para("根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求听证。"
             "如要求听证，应当在收到本告知书之日起五日内向本机关提出；逾期未提出的，视为放弃听证权利。"
             "当事人不承担行政机关组织听证的费用。"),
        _seal(c, c.notified_on),
    ])


def hearing_notice(f: Facts) -> Doc:
    c, d = f.case, f.data("schedule_hearing")
    return Doc("hearing_notice", "听证通知书", c.bureau.name, d.get("hearing_notice_no", ""), [
        Para(f"{c.party_name}："),
        Para(f"根据你（单位）的申请，本机关定于{_d(d.get('hearing_on'))}在{d.get('place', '')}就{c.cause}一案"
             f"{'公开' if d.get('public', True) else '不公开'}举行听证，听证主持人：{d.get('presider_name', '')}。"),
        Para("请准时出席。你（单位）可以亲自参加听证，也可以委托一至二人代理；认为主持人与本案有直接利害关系的，"
             "有权申请回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。"),
        _seal(c, c.hearing_notice_on),
    ])


def hearing_record(f: Facts) -> Doc:
    c, e = f.case, f.ev("hold_hearing")
    d = e.data if e else {}
    return Doc("hearing_record", "听证笔录", c.bureau.name, "", [
        Fields([("案由", c.cause), ("听证时间", _d(e.effective_on if e else None)),
                ("听证主持人", e.actor_name if e else ""), ("调查人员", f.officer_line(c.hearing_on)),
                ("当事人", c.party_name), ("当事人是否到场", "到场" if d.get("party_attended") else "未到场")]),
        Para("听证记录", heading=True),
        Para(d.get("record", "")),
        Para(f"听证后拟处理意见：{_penalty_text(d.get('proposal'))}"),
        Sign(["当事人（签名）：", "听证主持人（签名）：", "记录人（签名）："]),
    ])


def review(f: Facts) -> Doc:
    c, e = f.case, f.ev("legal_review")
    d = e.data if e else {}
    return Doc("review", "法制审核意见书", c.bureau.name, "", [
        Fields([("案件编号", c.case_no), ("案由", c.cause), ("当事人", c.party_name),
                ("拟处理意见", _penalty_text(f.data("conclude_investigation").get("proposal"))),
                ("审核结论", "同意" if d.get("passed") else "退回补充调查"),
                ("审核人员", e.actor_name if e else ""), ("审核日期", _d(e.effective_on if e else None))]),
        Para("审核意见", heading=True),
        Para(d.get("opinion", "")),
        Para("（依据《中华人民共和国行政处罚法》第五十八条：未经法制审核或者审核未通过的，不得作出决定。）"),
    ])


def deliberation(f: Facts) -> Doc:
    c, e = f.case, f.ev("deliberate")
    d = e.data if e else {}
    from fazhi.org.models import Staff

    names = dict(Staff.objects.filter(username__in=d.get("attendees", [])).values_list("username", "full_name"))
    return Doc("deliberation", "集体讨论记录", c.bureau.name, "", [
        Fields([("案件编号", c.case_no), ("案由", c.cause), ("当事人", c.party_name),
                ("讨论日期", _d(e.effective_on if e else None)), ("主持人", e.actor_name if e else ""),
                ("参加人员", "、".join(names.get(u, u) for u in d.get("attendees", [])))]),
        Para("讨论结论", heading=True),
        Para(d.get("conclusion", "")),
        Para("（依据《中华人民共和国行政处罚法》第五十七条第二款：情节复杂或者重大违法行为给予行政处罚，"
             "行政机关负责人应当集体讨论决定。）"),
    ])


def decision(f: Facts) -> Doc:
    """PEN-15: every element of Art 59 (checked when the decision was made, and printed from that event)."""
    c, d = f.case, f.data("decide")
    el = d.get("elements", {})
    no_penalty = d.get("outcome") != "penalty"
    title = "不予行政处罚决定书" if no_penalty else "行政处罚决定书"
    blocks = [Fields(_party_rows(c)),
              Para(f"违法事实：{el.get('facts') or c.facts}"),
              Para(f"证据：{_evidence_list(f) if el.get('evidence') in ('True', True) else el.get('evidence', '')}")]
    if no_penalty:
        ground = NoPenaltyGround(c.no_penalty_ground).label if c.no_penalty_ground else c.exemption_entry
        blocks += [Para(f"本机关认为，{ground}。依据《中华人民共和国行政处罚法》第三十三条，决定不予行政处罚。")]
    else:
        blocks += [Para(f"你（单位）的上述行为违反了{c.violated_provision or c.penalty_provision}的规定。"
                        f"依据{el.get('legal_basis')}，本机关决定对你（单位）作出如下行政处罚：{el.get('penalty')}。"),
                   Para(f"履行方式和期限：{el.get('performance')}")]
        if d.get("correction_order"):
            blocks.append(Para(f"同时责令你（单位）：{d['correction_order']}"))
        if c.discretion:  # DIS-04: the tier applied, and a departure if approved
            dd = c.discretion
            text = (f"本机关依据{dd['benchmark']}第{dd['seq']}项（{dd['violation']}），适用裁量阶次：{'、'.join(dd['tiers'])}"
                    f"（裁量幅度{float(dd['low']):,.2f}元至{float(dd['high']):,.2f}元）。")
            if not dd.get("within", True):
                text += f"本案偏离裁量基准，理由：{dd.get('departure_reason', '')}，已经机关负责人批准或集体讨论决定。"
            blocks.append(Para(text))
    blocks += [Para(el.get("remedy", "")), Sign([f"{el.get('authority') or c.bureau.name}（印章）", _d(c.decided_on)])]
    return Doc("decision", title, c.bureau.name, c.decision_no, blocks)


def on_site(f: Facts) -> Doc:
    c, d = f.case, f.data("decide_on_site")
    return Doc("on_site", "当场行政处罚决定书", c.bureau.name, c.decision_no, [
        Fields([*_party_rows(c), ("违法时间", _d(c.act_on)), ("违法地点", c.place)]),
        Para(f"违法事实：{c.facts}"),
        Para(f"当事人陈述、申辩：{d.get('statement') or ('当事人放弃陈述、申辩' if d.get('statement_waived') else '')}"),
        Para(f"依据{c.penalty_provision}，当场作出如下行政处罚：{_penalty_text(d.get('penalty'))}。"),
        Para("罚款当场收缴，票据号：" + d.get("receipt_no", "") if d.get("collected_on_spot")
             else "请于收到本决定书之日起十五日内到指定银行或者通过电子支付系统缴纳罚款，逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"),
        Para(d.get("remedy", "")),
        Fields([("执法人员", f.officer_line(c.decided_on))]),
        Sign(["当事人（签名）：", f"{c.bureau.name}（印章）", _d(c.decided_on)]),
    ])


def service(f: Facts) -> Doc:
    c, e = f.case, f.ev("serve")
    d = e.data if e else {}
    return Doc("service", "送达回证", c.bureau.name, "", [
        Fields([("送达文书", f"{'不予' if c.outcome != 'penalty' else ''}行政处罚决定书（{c.decision_no}）"),
                ("受送达人", c.party_name), ("代收人", d.get("recipient", "")),
                ("送达方式", ServiceMethod(d["method"]).label if d.get("method") else ""),
                ("送达地点", c.party_address), ("送达日期", _d(d.get("served_on"))),
                ("送达人", e.actor_name if e else "")]),
        Para("（依据《中华人民共和国行政处罚法》第六十一条：行政处罚决定书应当在宣告后当场交付当事人；"
             "当事人不在场的，应当在七日内依照民事诉讼法的有关规定送达。）"),
        Sign(["受送达人（签名或盖章）：", "送达人（签名）："]),
    ])


def demand(f: Facts) -> Doc:
    c, d = f.case, f.data("serve_demand")
    return Doc("demand", "催告书", c.bureau.name, d.get("demand_no", ""), [
        Para(f"{c.party_name}："),
        Para(f"本机关于{_d(c.decided_on)}作出{c.decision_no}行政处罚决定书，并于{_d(c.served_on)}送达。"
             f"你（单位）至今未履行缴纳罚款的义务。"),
        Para(f"根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）于{_d(d.get('deadline'))}前"
             f"履行下列义务：缴纳罚款{_yuan(d.get('owed', 0))}，加处罚款{_yuan(d.get('late_fee', 0))}（截至催告之日）。"
             f"履行方式：到指定银行或者通过电子支付系统缴纳。"),
        Para("你（单位）收到本催告书后有权进行陈述和申辩。逾期仍不履行的，本机关将依法申请人民法院强制执行。"),
        _seal(c, c.demand_served_on),
    ])


def court(f: Facts) -> Doc:
    c, d = f.case, f.data("apply_court")
    from fazhi.law.enforcement import COURT_PACKAGE

    return Doc("court", "强制执行申请书", c.bureau.name, "", [
        Fields([("申请人", c.bureau.name), ("被申请人", c.party_name), ("被申请人地址", c.party_address)]),
        Para(f"{d.get('court', c.bureau.court)}："),
        Para(f"申请人于{_d(c.decided_on)}对被申请人作出{c.decision_no}行政处罚决定书，于{_d(c.served_on)}送达。"
             f"被申请人在法定期限内未申请行政复议或者提起行政诉讼，又不履行；申请人于{_d(c.demand_served_on)}送达催告书，"
             f"催告期满后仍未履行。"),
        Para("根据《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特申请人民法院强制执行。"
             + (f"（逾期申请的理由：{d['good_reason']}）" if d.get("good_reason") else "")),
        Para("附：" + "；".join(label for key, label in COURT_PACKAGE.items() if (d.get("package") or {}).get(key))),
        Sign([f"申请人：{c.bureau.name}（印章）", "负责人（签名）：", _d(c.court_applied_on)]),
    ])


def closing(f: Facts) -> Doc:
    c, d = f.case, f.data("close")
    return Doc("closing", "结案报告", c.bureau.name, "", [
        Fields([("案件编号", c.case_no), ("决定书文号", c.decision_no), ("案由", c.cause), ("当事人", c.party_name),
                ("立案日期", _d(c.filed_on)), ("决定日期", _d(c.decided_on)),
                ("处罚内容", _penalty_text({"kinds": c.final_kinds, "fine": c.fine,
                                            "confiscated_income": c.confiscated_income,
                                            "confiscated_property": c.confiscated_property})),
                ("执行情况", f"已缴罚款{_yuan(c.paid_fine)}，加处罚款{_yuan(c.paid_late_fee)}"
                             + (f"；法院裁定：{c.court_result}" if c.court_result else "")),
                ("结案方式", CloseType(c.close_type).label if c.close_type else ""), ("结案日期", _d(c.closed_on)),
                ("结案说明", d.get("summary", ""))]),
        Sign(["承办人员（签名）：", "审批人（签名）：", _d(c.closed_on)]),
    ])


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    stage: str
    build: Callable[[Facts], Doc]
    ready: Callable[[Facts], bool]
    docx: bool = True  # bureaus edit these in Word


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
    Kind("decision", "行政处罚决定书", "决定", decision, lambda f: f.ev("decide") is not None, docx=False),
    Kind("correction", "责令改正通知书", "决定", correction, lambda f: bool(f.data("decide").get("correction_no"))),
    Kind("on_site", "当场行政处罚决定书", "决定", on_site, lambda f: f.ev("decide_on_site") is not None, docx=False),
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


def build(case: PenaltyCase, key: str, facts: Facts | None = None) -> Doc:
    kind = BY_KEY[key]
    f = facts or Facts(case)
    if not kind.ready(f):
        raise LookupError(f"本案尚未形成{kind.title}")
    return kind.build(f)




__all__ = ["QA", "Doc", "Fields", "Heading", "Para", "Picture", "Sign", "Table", "to_docx", "to_html", "to_pdf"]
