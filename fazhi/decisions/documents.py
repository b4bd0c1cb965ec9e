"""The documents of a major decision, built as blocks and rendered by the shared layout (fazhi/core/layout.py) to PDF
and DOCX, like cases/documents.py: 征求意见公告 (Art 15), 合法性审查意见书 (Art 27–28), 集体讨论纪要 (Art 30) and
决策公布 (Art 32). Facts come from the event that recorded each step, so a document printed later shows what was
recorded then."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fazhi.core.layout import Doc, Fields, Heading, Para, Sign, Table
from fazhi.core.models import Event
from fazhi.decisions.models import Decision
from fazhi.law import decisions as D

END = "。；，、：.;, "


def day(value) -> str:
    if not value:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def sentence(text: str | None) -> str:
    t = (text or "").strip().rstrip(END)
    return f"{t}。" if t else ""


class Facts:
    def __init__(self, d: Decision):
        self.d = d
        self.last = {e.kind: e for e in Event.objects.filter(stream=d.stream).order_by("seq")}

    def data(self, kind: str) -> dict:
        e = self.last.get(kind)
        return e.data if e else {}

    def on(self, kind: str):
        e = self.last.get(kind)
        return e.effective_on if e else None


def notice(f: Facts) -> Doc:
    d, c = f.d, f.data("open_consultation")
    blocks = [
        Para(f"为推进科学决策、民主决策、依法决策，{d.unit}拟订了《{d.title}》（征求意见稿），现根据《重大行政决策程序暂行条例》"
             "第十五条的规定，向社会公开征求意见。"),
        Fields([("决策事项", d.title), ("决策承办单位", d.unit), ("公布途径", c.get("channel", "")),
                ("征求意见期限", f"{day(c.get('published_on'))}至{day(c.get('ends_on'))}（{c.get('days', '')}日）"),
                ("提出意见方式", "通过公布途径在线留言，或书面寄送决策承办单位")]),
    ]
    if c.get("short_reason"):
        blocks.append(Para(f"缩短征求意见期限的说明：{sentence(c['short_reason'])}"))
    h = f.data("announce_hearing")
    if h:
        blocks += [Heading("听证会", level=2),
                   Para(f"定于{day(h.get('hearing_on'))}在{h.get('place', '')}召开听证会，听证参加人："
                        f"{'、'.join(h.get('participants', []))}。听证会材料已于{day(h.get('materials_on'))}送达听证参加人。")]
    blocks += [Heading("附件", level=2), Para(f"1．{d.title}（征求意见稿）"), Para("2．起草说明"),
               Sign([d.bureau.name, day(c.get("published_on"))])]
    return Doc("notice", "征求意见公告", d.bureau.name, "", blocks)


def review(f: Facts) -> Doc:
    d = f.d
    r = d.reviews.filter(kind="decision").exclude(done_on=None).select_related("reviewer", "adviser") \
        .order_by("-done_on", "-id").first()
    blocks = [Fields([("送审事项", d.title), ("送审单位", d.unit), ("收件日期", day(r.received_on if r else None)),
                      ("审查结论", D.CONCLUSIONS.get(r.conclusion, "") if r else ""),
                      ("审查人员", str(r.reviewer) if r and r.reviewer_id else ""),
                      ("出具意见日期", day(r.done_on if r else None))]),
              Heading("审查内容", level=2),
              Para("依照《重大行政决策程序暂行条例》第二十七条，对决策事项是否符合法定权限、决策草案的形成是否履行相关法定程序、"
                   "决策草案内容是否符合有关法律、法规、规章和国家政策的规定进行了审查。"),
              Heading("审查意见", level=2), Para(sentence(r.opinion if r else ""))]
    if r and r.adviser_id:
        blocks += [Heading("法律顾问意见", level=2),
                   Para(f"{r.adviser.name}（{r.adviser.firm or r.adviser.get_kind_display()}）：{sentence(r.adviser_opinion)}")]
    blocks.append(Sign(["法制机构（盖章）", day(r.done_on if r else None)]))
    return Doc("review", "合法性审查意见书", d.bureau.name, "", blocks)


def minutes(f: Facts) -> Doc:
    """集体讨论纪要 (Art 30): the meeting, who presided, who attended (the members, in speaking order) and who sat in
    (列席), who kept the minutes, each member's opinion with dissent as said, and the decision."""
    d, m = f.d, f.data("deliberate")
    speakers = m.get("speakers", [])
    rows = [[s.get("name", ""), ("行政首长" if s.get("head") else "会议组成人员"),
             D.OPINIONS.get(s.get("opinion"), ""), s.get("remarks", "")] for s in speakers]
    presider = m.get("presider") or next((s.get("name", "") for s in speakers if s.get("head")), "")
    blocks = [Fields([("会议", m.get("meeting", "")), ("会议日期", day(f.on("deliberate"))), ("议题", d.title),
                      ("主持人", presider),
                      ("出席人员", "、".join(s.get("name", "") for s in speakers if s.get("name"))),
                      ("列席人员", "、".join(m.get("observers") or []) or "无"),
                      ("记录人", m.get("recorder", "")),
                      ("合法性审查结论", D.CONCLUSIONS.get(m.get("review_conclusion", ""), ""))]),
              Heading("发言和意见（按发言顺序）", level=2),
              Table(["发言人", "身份", "意见", "不同意见和说明"], rows, widths=[2, 2, 1, 5]),
              Heading("决定", level=2),
              Para(f"行政首长在集体讨论的基础上作出决定：{D.OUTCOMES.get(m.get('outcome', ''), '')}。")]
    if m.get("decision_text"):
        blocks.append(Para(sentence(m["decision_text"])))
    if m.get("reasons"):
        blocks.append(Para(f"行政首长拟作出的决定与会议组成人员多数人的意见不一致，在会上说明理由如下：{sentence(m['reasons'])}"))
    blocks.append(Sign(["主持人签名：", "记录人签名：", day(f.on("deliberate"))]))
    return Doc("minutes", "集体讨论纪要", d.bureau.name, "", blocks)


def publication(f: Facts) -> Doc:
    d, m = f.d, f.data("deliberate")
    blocks = [Para(f"经{day(f.on('deliberate'))}{m.get('meeting', '')}集体讨论决定，《{d.title}》现予公布。"),
              Para(sentence(m.get("decision_text")))]
    c = f.data("close_consultation")
    if c:
        blocks.append(Para(f"公开征求意见期间共收到意见{c.get('received', 0)}条，采纳{c.get('adopted', 0)}条。"
                           f"{sentence(c.get('feedback'))}"))
    experts = list(d.experts.all())
    if experts:
        blocks.append(Para(f"专家论证意见已研究采纳：{'；'.join(sentence(e.opinion).rstrip('。') for e in experts)}。"))
    blocks.append(Sign([d.bureau.name, day(f.on("publish"))]))
    return Doc("publication", "重大行政决策公布", d.bureau.name, "", blocks)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    build: Callable[[Facts], Doc]
    ready: Callable[[Facts], bool]


KINDS = [
    Kind("notice", "征求意见公告", notice, lambda f: "open_consultation" in f.last),
    Kind("review", "合法性审查意见书", review,
         lambda f: f.d.reviews.filter(kind="decision").exclude(done_on=None).exists()),
    Kind("minutes", "集体讨论纪要", minutes, lambda f: "deliberate" in f.last),
    Kind("publication", "决策公布", publication, lambda f: "publish" in f.last),
]
BY_KEY = {k.key: k for k in KINDS}


# --- the 审查意见书 of a legal review (any kind) ----------------------------------------------------------------------

REVIEW_TITLES = {"contract": "合同审查意见书", "normative_draft": "规范性文件合法性审核意见书",
                 "normative_filing": "规范性文件备案审查意见书", "normative_cleanup": "规范性文件清理审查意见书",
                 "decision": "合法性审查意见书", "dispute_reply": "复议答复和应诉意见审查意见书"}


def review_opinion(r) -> Doc:
    """The 法制机构's written opinion on a review it completed: the matter, the documents reviewed (with their
    SHA-256, as recorded), the adviser's opinion and the conclusion."""
    from fazhi.decisions.actions import attached

    blocks = [Fields([("审查事项", r.subject), ("审查类别", D.REVIEW_KINDS.get(r.kind, "")), ("送审单位", r.requested_by),
                      ("收件日期", day(r.received_on)), ("要求审结日期", day(r.due_on)),
                      ("审查结论", D.CONCLUSIONS.get(r.conclusion, "")),
                      ("审查人员", str(r.reviewer) if r.reviewer_id else ""), ("出具意见日期", day(r.done_on)),
                      ("办理用时", f"{r.turnaround_wd}个工作日" if r.turnaround_wd is not None else "")])]
    docs = attached(r)
    if docs:
        blocks += [Heading("审查的文件", level=2),
                   Table(["文件", "提交日期"], [[x["title"], day(x["on"])] for x in docs], widths=[7, 3])]
        blocks += [Para(f"{x['title']}的SHA-256校验值：{x['sha256'][:32]} {x['sha256'][32:]}", small=True)
                   for x in docs]
    blocks += [Heading("审查意见", level=2), Para(sentence(r.opinion))]
    if r.adviser_id:
        blocks += [Heading("法律顾问意见", level=2),
                   Para(f"{r.adviser.name}（{r.adviser.firm or r.adviser.get_kind_display()}）：{sentence(r.adviser_opinion)}")]
    blocks += [Para("送审单位应当根据审查意见对送审文件进行修改完善；未采纳审查意见的，应当书面说明理由。", small=True),
               Sign(["法制机构（盖章）", day(r.done_on)])]
    return Doc("review_opinion", REVIEW_TITLES.get(r.kind, "法律审查意见书"), r.bureau.name, "", blocks)
