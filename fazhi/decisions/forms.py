"""How the steps of 重大行政决策 and the legal reviews are shown as forms (labels, choices, long texts); the forms
themselves are generated from the API's schemas (decisions.schemas) by fazhi.core.forms. The 集体讨论's speakers are
typed one per line, in speaking order, the 行政首长 last (MJD-05), and read back by `speakers_reader`."""
from __future__ import annotations

import re
from datetime import date

from fazhi.core import forms as core_forms
from fazhi.core.forms import FormField, FormStyle
from fazhi.law import decisions as D
from fazhi.org.models import LEADERS, Role, Staff

LABELS = {
    "on": "办理日期", "draft": "决策草案", "explanation": "起草说明", "ends_on": "征求意见截止日期",
    "channel": "公布途径", "short_reason": "期限少于规定的理由", "hearing_on": "听证会日期", "place": "听证地点",
    "materials_on": "听证材料送达日期（应在听证7日前）", "participants": "听证参加人（每行一人）",
    "record": "听证会记录", "signed": "已署名确认", "received": "收到意见（条）", "adopted": "采纳意见（条）",
    "feedback": "意见采纳情况及理由", "name": "专家姓名或专业机构", "organisation": "单位", "field": "专业",
    "opinion": "意见", "no_conflict": "专家已声明与决策事项无直接利害关系", "assessor": "承担风险评估的单位",
    "risk_points": "风险点", "measures": "防范措施和处置预案", "controllable": "经评估风险可控",
    "due_on": "要求审结日期（一般不少于7个工作日）", "materials": "送审材料", "meeting": "会议（局务会议或常务会议）",
    "speakers": "发言记录（每行一人：姓名｜同意/不同意/弃权｜意见说明，按发言顺序，行政首长最后）",
    "outcome": "决定", "reasons": "与多数意见不一致的理由", "decision_text": "决定内容",
    "observers": "列席人员（每行一人：姓名及职务）", "recorder": "记录人",
    "not_public_reason": "不予公开的理由（不公布的须写明）", "ground": "后评估情形", "evaluator": "评估单位",
    "result": "后评估结果", "conclusion": "审查结论", "year": "年度", "title": "名称", "category": "事项类别",
    "unit": "承办单位", "basis": "决策依据", "planned": "计划完成时间", "reason": "理由（目录公布后调整的须写明）",
    "approval": "经同级党委同意的情况", "lead": "承办人", "item": "目录事项",
    "outside_reason": "目录外事项认定为重大行政决策的理由", "kind": "审查类别", "subject": "审查事项",
    "requested_by": "送审单位",
}
PER_STEP_LABELS = {
    ("publish", "channel"): "公布途径（政府网站、公报等）",
    ("open_consultation", "on"): "草案公布日期",
    ("announce_hearing", "on"): "公布听证会的日期",
    ("hold_hearing", "on"): "听证会举行日期",
    ("archive", "materials"): "归档材料（每行一项）",
    ("adviser_opinion", "opinion"): "法律意见",
    ("complete", "opinion"): "审查意见",
    ("add_expert", "opinion"): "论证意见",
    ("add_expert", "signed"): "书面论证意见已署名、盖章",
    ("withdraw", "reason"): "调出理由",
    ("review", "on"): "收件日期",
    ("review", "due_on"): "要求审结日期（不填按本局时限）",
}
CHOICES = {
    "outcome": list(D.OUTCOMES.items()),
    "ground": list(D.EVALUATION_GROUNDS.items()),
    "conclusion": list(D.CONCLUSIONS.items()),
    "category": list(D.CATEGORIES.items()),
    "kind": [(k, D.REVIEW_KINDS[k]) for k in ("contract", "normative_draft", "normative_filing", "normative_cleanup",
                                              "dispute_reply", "other")],
}
LONG = frozenset({"draft", "explanation", "record", "feedback", "opinion", "risk_points", "measures", "materials",
                  "speakers", "reasons", "decision_text", "result", "participants", "observers"})
LINES = {"announce_hearing": "participants", "archive": "materials", "deliberate": "observers"}  # the list[str] fields, typed one per line
STYLE = FormStyle(LABELS, PER_STEP_LABELS, CHOICES, {}, LONG)
OPINION_WORDS = {"同意": "agree", "不同意": "disagree", "弃权": "abstain", "反对": "disagree"}
SPLIT = re.compile(r"\s*[｜|]\s*")


def speakers_text(bureau, head) -> str:
    """The prefilled speakers: the bureau's other leaders, then the 行政首长 (the person holding the meeting)."""
    others = [s for s in Staff.objects.filter(bureau=bureau, is_active=True).order_by("username")
              if s.has_role(*LEADERS) and s.pk != getattr(head, "pk", None)]
    lines = [f"{s.full_name or s.username}｜同意｜" for s in others]
    if head is not None and head.has_role(Role.HEAD):
        lines.append(f"{head.full_name or head.username}｜同意｜")
    return "\n".join(lines)


def speakers_reader(head):
    """Read the speakers' lines; the line naming the 行政首长 who records the meeting is marked as theirs."""
    names = {head.username, getattr(head, "full_name", "") or head.username}

    def read(post) -> list[dict]:
        rows = []
        for line in post.get("speakers", "").splitlines():
            if not line.strip():
                continue
            parts = [*SPLIT.split(line.strip()), "", ""]
            name, word, remarks = parts[0], parts[1], "｜".join(p for p in parts[2:] if p)
            name = re.sub(r"[（(]行政首长[)）]$", "", name).strip()
            rows.append({"name": name, "username": head.username if name in names else "",
                         "opinion": OPINION_WORDS.get(word, word or "未填写"), "remarks": remarks})
        return rows

    return read


def lines_reader(name: str):
    def read(post) -> list[str]:
        return [v.strip() for v in post.get(name, "").splitlines() if v.strip()]

    return read


def special_for(action: str, user) -> dict:
    out = {LINES[action]: lines_reader(LINES[action])} if action in LINES else {}
    if action == "deliberate":
        out["speakers"] = speakers_reader(user)
    return out


def fields_for(schema, action: str, *, today: date, bureau=None, user=None, pickers=None) -> list[FormField]:
    fields = core_forms.fields_for(schema, action, STYLE, today=today, pickers=pickers)
    for f in fields:
        if f.name == LINES.get(action) or f.name == "speakers":
            f.widget = "textarea"
            f.value = speakers_text(bureau, user) if f.name == "speakers" and bureau is not None else ""
    return fields


def parse(schema, post, action: str = "", user=None):
    return core_forms.parse(schema, post, LABELS, special_for(action, user) if user is not None else None)
