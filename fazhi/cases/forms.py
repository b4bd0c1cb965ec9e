"""Staff-UI forms for the workflow actions, generated from the same input schemas as the API (schemas.py), so a
form field and an API field can never disagree. This module knows how each field is shown (label, widget,
choices) and how a posted form becomes the schema's input."""
from __future__ import annotations

import typing
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from fazhi.cases.models import RECORD_TYPES, CloseType, Source
from fazhi.cases.schemas import STAFF_FIELDS
from fazhi.core.forms import FormField, base_type
from fazhi.core.forms import parse as _parse
from fazhi.law.enforcement import COURT_PACKAGE
from fazhi.law.penalty import (
    ALL_NO_PENALTY_CONDITIONS,
    EvidenceKind,
    NoPenaltyGround,
    Outcome,
    PartyKind,
    PenaltyKind,
    ServiceMethod,
)

LABELS = {
    "on": "办理日期", "reason": "理由", "officers": "承办人员（不少于二名持证人员）", "lead": "主办人员", "note": "备注",
    "add": "增加承办人员", "remove": "撤出承办人员", "officer": "回避人员", "applicant": "申请人",
    "kind": "种类", "title": "名称", "description": "证明内容 / 记录", "qa": "询问内容（问：…／答：…，一问一答各起一行）", "place": "地点", "collected_on": "取证日期",
    "from_monitoring": "电子技术监控设备记录", "sha256": "文件SHA-256（文件另行保存时）",
    "evidence_uuid": "电子监控证据", "accurate": "记录准确、清晰、完整", "items": "登记保存物品清单",
    "approved_by": "批准的机关负责人", "preservation_id": "先行登记保存记录", "disposal": "处理决定",
    "days": "延长天数", "outcome": "处理意见", "facts": "调查认定的事实", "kinds": "处罚种类", "fine": "罚款（元）",
    "confiscated_income": "没收违法所得（元）", "confiscated_property": "没收非法财物价值（元）",
    "no_penalty_ground": "不予处罚理由（行政处罚法第三十三条等）", "exemption_entry": "免罚清单事项",
    "flags": "需法制审核/集体讨论的情形", "violated_provision": "违反的规定", "penalty_provision": "处罚依据",
    "passed": "审核通过", "opinion": "审核意见", "attendees": "参加人员（机关负责人等，不少于三人）",
    "conclusion": "讨论结论", "observers": "列席人员（每行一人：姓名及职务）", "recorder": "记录人", "new_facts": "新的事实、理由（重新告知时填写）", "summary": "当事人陈述、申辩内容",
    "adopted": "陈述申辩意见成立并采纳", "review": "复核意见", "statement": "当事人书面意见",
    "requested_on": "当事人申请日期", "presider": "听证主持人（非本案调查人员）", "hearing_on": "听证日期",
    "public": "公开举行", "party_attended": "当事人到场", "record": "听证笔录要点",
    "correction_order": "责令改正内容", "performance": "履行方式和期限（默认十五日内缴纳）",
    "evidence_summary": "证据摘要（可空，默认列出案卷证据）", "method": "送达方式", "recipient": "受送达人/签收人",
    "party_consented": "当事人同意电子送达", "confirmation_signed": "已签订送达地址确认书",
    "refusal_reason": "拒收事由（留置送达）", "refused_by": "拒收人及其身份（留置送达；单位为法定代表人、负责人或负责收件的人）",
    "witnesses": "见证人（留置送达；每行一人：姓名及所在基层组织或单位）",
    "recorded": "已拍照、录像记录送达过程（留置送达）", "body": "复议机关/法院",
    "result": "结果", "fine_paid": "缴纳罚款（元）", "late_fee_paid": "缴纳加处罚款（元）", "paid_on": "缴款日期",
    "channel": "缴款渠道", "deadline": "履行期限", "court": "受理法院", "package": "申请材料",
    "good_reason": "逾期申请的正当理由", "approve": "批准移送", "transferred_on": "移送日期", "police": "接收的公安机关",
    "close_type": "结案方式", "location": "归档位置", "amount": "上交金额（元）", "expected_version": "",
    "party_kind": "当事人类型", "party_name": "当事人", "party_id_number": "身份证件号码/统一社会信用代码",
    "party_address": "住所地址", "party_phone": "联系电话", "party_representative": "法定代表人/负责人",
    "cause": "案由", "act_on": "违法行为发生日期", "act_ended_on": "违法行为终了日期（连续或继续状态）",
    "serious_harm": "涉及公民生命健康安全、金融安全且有危害后果", "discovered_on": "发现日期", "source": "案件来源",
    "facts_certain": "违法事实确凿", "statement_waived": "当事人放弃陈述申辩", "collect_on_spot": "当场收缴罚款",
    "receipt_no": "罚没款票据号", "hard_to_collect": "事后难以执行", "remote_area": "边远、水上、交通不便地区",
    "party_requested": "当事人提出当场缴纳",
    "record_type": "笔录类型（制作笔录时选择）", "record_officers": "制作笔录的执法人员（不少于二名持证人员）",
    "record_person": "被询问人/在场人", "record_person_role": "其身份（当事人、证人、在场人等）",
    "record_person_id_number": "其身份证件号码", "record_person_phone": "其联系电话",
    "started_at": "笔录开始时间", "ended_at": "笔录结束时间",
    "no_penalty_conditions": "查明的不予处罚条件（第三十三条第一款）", "education": "对当事人的教育（不予处罚时填写）",
    "benchmark_violation": "裁量基准中的违法行为", "discretion_group": "裁量分组", "departure_reason": "偏离裁量基准的理由",
    "discretion_facts.prior_penalties": "一年内因同一违法行为受处罚次数",
    "discretion_facts.circumstances": "经查证属实的基准情形", "discretion_facts.minor_corrected": "轻微并及时改正",
    "discretion_facts.mitigation_grounds": "应当从轻或减轻的情形（第三十二条）",
    "discretion_facts.quantities.平方米": "面积（平方米）", "discretion_facts.quantities.处": "设施数量（处）",
    "discretion_facts.quantities.赔偿额": "赔偿额（元）",
}
MITIGATION = ["主动消除或者减轻违法行为危害后果", "受他人胁迫或者诱骗实施违法行为", "主动供述行政机关尚未掌握的违法行为",
              "配合行政机关查处违法行为有立功表现", "已满十四周岁不满十八周岁"]
QUANTITIES = ("平方米", "处", "赔偿额")
LONG = {"reason", "description", "qa", "facts", "opinion", "conclusion", "new_facts", "summary", "review", "statement",
        "record", "items", "disposal", "education", "correction_order", "performance", "evidence_summary", "good_reason",
        "note", "witnesses", "observers"}
FLAGS = {"major_public_interest": "涉及重大公共利益", "major_social_impact": "可能造成重大社会影响",
         "affects_major_rights": "直接关系当事人或第三人重大权益", "complex": "案情疑难复杂、涉及多个法律关系",
         "other_legal_requirement": "法律、法规规定的其他情形", "mitigated": "减轻处罚"}
FIXED_CHOICES = {
    "kinds": [(k.value, k.label) for k in PenaltyKind],
    "outcome": [(o.value, o.label) for o in Outcome],
    "no_penalty_ground": [("", "—")] + [(g.value, g.label) for g in NoPenaltyGround],
    "method": [(m.value, m.label) for m in ServiceMethod if m is not ServiceMethod.ON_SPOT],
    "close_type": [(c.value, c.label) for c in CloseType if c not in (CloseType.NOT_FILED, CloseType.TRANSFERRED)],
    "flags": list(FLAGS.items()),
    "no_penalty_conditions": [(c, c) for c in ALL_NO_PENALTY_CONDITIONS],
    "record_type": RECORD_TYPES,
    "package": list(COURT_PACKAGE.items()),
    "party_kind": [(k.value, k.label) for k in PartyKind],
    "source": list(Source.choices),
}
PER_ACTION_CHOICES = {
    ("add_evidence", "kind"): [(k.value, k.label) for k in EvidenceKind],
    ("record_court_ruling", "result"): [(r, r) for r in ("准予执行", "不予执行", "执行完毕")],
    ("serve_demand", "method"): [(m, m) for m in ("直接送达", "留置送达", "邮寄送达", "公告送达")],
    ("record_payment", "channel"): [("bank", "指定银行缴纳"), ("online", "电子支付（缴款码）"),
                                    ("treasury", "非税收入缴库")],
}


# Steps that restate the proposed penalty show the current proposal (调查终结的拟处理意见, or as last changed),
# so an officer changes only what changes; the same penalty restated is not a new proposal (cases.actions).
RESTATES_PROPOSAL = {"notify", "record_statement", "hold_hearing"}
PREFILLED = {"kinds": "proposed_kinds", "fine": "proposed_fine", "confiscated_income": "proposed_confiscated_income",
             "confiscated_property": "proposed_confiscated_property"}
PER_ACTION_LABELS = {
    ("serve", "place"): "送达地点（不填为当事人住所）",
    ("close", "summary"): "结案报告摘要（处理结果、执行情况）",
    ("record_statement", "summary"): "当事人陈述、申辩内容",
    ("waive_rights", "statement"): "当事人放弃的书面表示",
}


_base = base_type


def catalogue_choices(today: date | None, bureau=None):
    """Violation types of the benchmarks in force that apply where `bureau` is (CAT-01: its lineage inside the
    benchmark's area; without a bureau, only nationwide ones), and the circumstances their tiers name."""
    from fazhi.catalog.models import Benchmark, DiscretionRule
    from fazhi.law.jurisdiction import applies

    day = today or date.today()
    codes = [b.code for b in bureau.lineage()] if bureau is not None else []
    live = [b for b in Benchmark.objects.filter(disabled=False) if b.in_force_on(day) and applies(b.area, codes)]
    violations = [(f"{b.code}:{v.code}", f"{v.seq}. {v.name}（{v.law_title}）") for b in live
                  for v in b.violations.order_by("seq")]
    circumstances = sorted({c for cond in DiscretionRule.objects.filter(violation__benchmark__in=live)
                            .values_list("condition", flat=True) for c in cond["circumstances"]})
    return violations, [(c, c) for c in circumstances]


def _tier_text(rule, party: str) -> str:
    """An item-table tier's amount for the party, short ("2,000—5,000元"), or its standard as written."""
    from fazhi.law.discretion import Standard, yuan_text

    st = Standard.from_dict(rule.standard)
    span = st.span_for(party)
    if st.no_penalty:
        return "不予处罚"
    if span is None or st.per or st.multiple_of:
        return rule.standard_text.rstrip("。")
    return f"{yuan_text(span.low)}元" if span.fixed else f"{yuan_text(span.low)}—{yuan_text(span.high)}元"


def field_catalogue(today: date, bureau) -> tuple[list, dict]:
    """The /field/ page's picker, grouped by benchmark ((label, [(ref, label)])), and for each violation what the page
    shows before the party signs: its benchmark, statutory range and tiers per party kind — a method benchmark's
    derived tiers (DIS-06, empty ones said), or an item table's tiers with the range for a first offence. Read from
    the prefetched rules: one query per benchmark."""
    from fazhi.catalog.models import Benchmark
    from fazhi.law.basis import RuleViolation
    from fazhi.law.discretion import (
        Condition,
        Facts,
        Rule,
        Standard,
        assess,
        derive_tiers,
        describe_method,
        method,
    )
    from fazhi.law.discretion import parse_standard as parse
    from fazhi.law.jurisdiction import applies

    codes = [b.code for b in bureau.lineage()] if bureau is not None else []
    live = [b for b in Benchmark.objects.filter(disabled=False) if b.in_force_on(today) and applies(b.area, codes)]
    groups, data = [], {}
    for b in live:
        options = []
        for v in b.violations.order_by("seq").prefetch_related("rules"):
            ref = f"{b.code}:{v.code}"
            options.append((ref, f"{v.seq}. {v.name}"))
            rules = sorted((r for r in v.rules.all() if r.group_no == 1), key=lambda r: r.rule_no)
            statutory = Standard.from_dict(rules[0].statutory) if rules else parse(v.ranges[0])
            item = {"benchmark": str(b), "law": v.law_title, "statutory": statutory.text,
                    "status": v.status.split("：", 1)[0], "method": bool(b.method), "parties": {}}
            for party in PartyKind:
                try:
                    if b.method:
                        m = method(b.method)
                        item["parties"][party.value] = {
                            "tiers": [t.as_dict() for t in derive_tiers(m, statutory, party.value)],
                            "lines": describe_method(m, statutory, party.value)}
                        continue
                    tiers = [{"tier": r.tier, "text": _tier_text(r, party.value), "condition": r.condition_text}
                             for r in rules]
                    first = None
                    a = assess([Rule(r.tier, Condition.from_dict(r.condition), Standard.from_dict(r.standard), r.ref)
                                for r in rules], statutory, Facts(party=party.value))
                    first = {"tiers": list(a.tiers), "low": str(a.low), "high": str(a.high)}
                except RuleViolation:
                    if b.method:
                        continue
                item["parties"][party.value] = {"tiers": tiers, "first": first}
            data[ref] = item
        if options:
            label = f"{b.title}（{b.document_no}）" if b.document_no else b.title
            groups.append((label, options))
    return groups, data


def _discretion_fields(today, bureau) -> list[FormField]:
    violations, circumstances = catalogue_choices(today, bureau)
    p = "discretion_facts."
    return [FormField(p + "prior_penalties", LABELS[p + "prior_penalties"], "number", False, value=0),
            FormField(p + "minor_corrected", LABELS[p + "minor_corrected"], "bool", False, value=False),
            FormField(p + "circumstances", LABELS[p + "circumstances"], "checks", False, circumstances, []),
            FormField(p + "mitigation_grounds", LABELS[p + "mitigation_grounds"], "checks", False,
                      [(m, m) for m in MITIGATION], []),
            *[FormField(f"{p}quantities.{q}", LABELS[f"{p}quantities.{q}"], "number", False) for q in QUANTITIES]]


def fields_for(schema, action: str, *, staff_choices=(), case=None, today: date | None = None,
               bureau=None) -> list[FormField]:
    """The form of `action`; the benchmark pickers list what applies to the case's bureau (else `bureau`)."""
    if case is not None:
        bureau = case.bureau
    out = []
    for name, f in schema.model_fields.items():
        if name == "expected_version":
            continue
        if name == "discretion_facts":
            out += _discretion_fields(today, bureau)
            continue
        if name == "benchmark_violation":
            out.append(FormField(name, LABELS[name], "select", False, catalogue_choices(today, bureau)[0]))
            continue
        base = _base(f.annotation)
        choices = PER_ACTION_CHOICES.get((action, name)) or FIXED_CHOICES.get(name, [])
        if name in STAFF_FIELDS:  # a dict gives each field its own pickers (org.access.staff_pickers)
            picks = staff_choices.get(name, staff_choices.get("*", [])) if isinstance(staff_choices, dict) \
                else staff_choices
            widget, choices = ("multi" if typing.get_origin(base) is list else "select"), list(picks)
        elif name in ("kinds", "flags", "package", "no_penalty_conditions"):
            widget = "checks"
        elif choices:
            widget = "select"
        elif base is bool:
            widget = "bool"
        elif base is date:
            widget = "date"
        elif base is datetime:
            widget = "datetime"
        elif base is UUID and case is not None:
            widget, choices = "select", [(str(e.uuid), e.title) for e in case.evidence.filter(from_monitoring=True)]
        elif name == "preservation_id" and case is not None:
            widget, choices = "select", [(str(p.pk), p.items[:30]) for p in case.preservations.filter(disposed_on=None)]
        elif base in (int, Decimal):
            widget = "number"
        else:
            widget = "textarea" if name in LONG else "text"
        value = today if name == "on" else (None if f.is_required() else f.default)
        if name in LINE_LISTS:  # typed one per line: starts empty
            value = ""
        if case is not None and name in PREFILLED and action in RESTATES_PROPOSAL:
            value = getattr(case, PREFILLED[name])
        label = PER_ACTION_LABELS.get((action, name)) or LABELS.get(name, name)
        out.append(FormField(name, label, widget, f.is_required(), choices, value))
    return out


def _discretion_facts(post) -> dict:
    p = "discretion_facts."
    return {"prior_penalties": post.get(p + "prior_penalties") or 0,
            "minor_corrected": (p + "minor_corrected") in post,
            "circumstances": post.getlist(p + "circumstances"),
            "mitigation_grounds": post.getlist(p + "mitigation_grounds"),
            "quantities": {q: post.get(f"{p}quantities.{q}") for q in QUANTITIES if post.get(f"{p}quantities.{q}")}}


LINE_LISTS = ("witnesses", "observers")


def _lines(name):
    """A list of names typed one per line in a textarea (见证人, 列席人员)."""
    return lambda post: [line.strip() for value in post.getlist(name) for line in value.splitlines() if line.strip()]


SPECIAL = {"discretion_facts": _discretion_facts, "witnesses": _lines("witnesses"), "observers": _lines("observers"),
           "flags": lambda post: {k: True for k in post.getlist("flags")},
           "package": lambda post: {k: True for k in post.getlist("package")}}


def parse(schema, post, action: str = ""):
    """A posted case form → the schema's validated input, or (None, [errors in Chinese])."""
    return _parse(schema, post, LABELS, SPECIAL)
