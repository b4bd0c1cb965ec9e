"""SUP-03: what the record of a penalty case proves, item by item, each finding with its evidence links.

A finding is (passed, note, links): passed True/False, or None where the record cannot tell (the reviewer
scores it by hand). Links point at the case page's record (#e<seq> is the event) or the public 公示 entry."""
from __future__ import annotations

from dataclasses import dataclass, field

from fazhi.core.chain import verify_bodies
from fazhi.core.models import Event

# The steps whose events name the officers who acted (file, 笔录, 当场处罚 …).
OFFICER_KEYS = ("officers", "record_officers")
# The documents a closed general-procedure file holds, by the event that makes each.
DOCUMENTS = [("file", "立案审批表"), ("conclude_investigation", "调查终结报告"), ("notify", "行政处罚事先告知书"),
             ("decide", "行政处罚决定书"), ("serve", "送达回证"), ("close", "结案报告")]


@dataclass
class Finding:
    passed: bool | None
    note: str
    links: list[dict] = field(default_factory=list)   # [{"label": …, "url": …}]


def _link(case, ev, label: str | None = None) -> dict:
    return {"label": label or f"第{ev.seq}条记录（{ev.effective_on:%Y-%m-%d}）", "url": f"/cases/{case.uuid}/#e{ev.seq}"}


def findings(case) -> dict[str, Finding]:
    from fazhi.org.models import Staff

    events = list(Event.objects.filter(stream=case.stream).order_by("seq"))
    by_kind: dict[str, list] = {}
    for ev in events:
        by_kind.setdefault(ev.kind, []).append(ev)
    out: dict[str, Finding] = {}

    # two certified officers at each step that names its officers
    staff = {s.username: s for s in Staff.objects.filter(
        username__in={u for ev in events for k in OFFICER_KEYS for u in (ev.data.get(k) or [])})}
    bad = []
    for ev in events:
        for key in OFFICER_KEYS:
            names = ev.data.get(key)
            if names is None:
                continue
            certified = {u for u in set(names) if u in staff and staff[u].is_certified_on(ev.effective_on)}
            if len(certified) < 2:
                bad.append(ev)
    steps = [ev for ev in events if any(ev.data.get(k) is not None for k in OFFICER_KEYS)]
    out["two_officers"] = (Finding(False, f"{len(bad)}个环节不足两名持证执法人员", [_link(case, e) for e in bad]) if bad
                           else Finding(True, f"{len(steps)}个环节均有两名以上持证执法人员",
                                        [_link(case, e) for e in steps[:3]]) if steps
                           else Finding(None, "记录中没有载明执法人员的环节"))

    # 法制审核 before the decision where it was required
    decide = by_kind.get("decide", [])
    reviews = [ev for ev in events if ev.kind in ("legal_review", "review")]
    if not case.review_required:
        out["review_before_decision"] = Finding(True, "本案依法无须法制审核", [_link(case, e) for e in decide[:1]])
    elif case.review_on and case.decided_on and case.review_on <= case.decided_on:
        out["review_before_decision"] = Finding(True, f"{case.review_on:%Y-%m-%d}法制审核，{case.decided_on:%Y-%m-%d}决定",
                                                [_link(case, e) for e in (reviews[:1] + decide[:1])])
    else:
        out["review_before_decision"] = Finding(False, "须经法制审核而未在决定前审核", [_link(case, e) for e in decide[:1]])

    # deadlines: every met deadline on time
    late = [m for m in case.met_deadlines if m.get("late_days")]
    unknown = [m for m in case.met_deadlines if m.get("late_days") is None]
    link = [{"label": "办案期限", "url": f"/cases/{case.uuid}/#deadlines"}]
    out["deadlines"] = (Finding(False, "；".join(f"{m['label']}逾期{m['late_days']}日" for m in late), link) if late
                        else Finding(None, "部分期限待节假日安排确定", link) if unknown
                        else Finding(True, f"{len(case.met_deadlines)}项期限均按期完成", link))

    # service: a method and a day, not late
    serve = by_kind.get("serve", [])
    if not (case.service_method and case.served_on):
        out["service"] = Finding(False, "没有送达记录", [_link(case, e) for e in decide[:1]])
    elif case.service_late_days:
        out["service"] = Finding(False, f"{case.get_service_method_display()}，逾期{case.service_late_days}日送达",
                                 [_link(case, e) for e in serve])
    elif case.service_late_days is None:
        out["service"] = Finding(None, "送达期限待节假日安排确定", [_link(case, e) for e in serve])
    else:
        out["service"] = Finding(True, f"{case.get_service_method_display()}，{case.served_on:%Y-%m-%d}按期送达",
                                 [_link(case, e) for e in serve])

    # publication on time (general-procedure decisions are published, PUB-03)
    pub = case.publications.order_by("published_on").first() if case.decided_on else None
    if case.decided_on and pub is None:
        out["publication"] = Finding(False, "处罚决定未公开", [_link(case, e) for e in decide[:1]])
    elif pub is not None:
        links = [{"label": f"{pub.published_on:%Y-%m-%d}公开", "url": f"/public/decisions/{pub.uuid}/"}]
        out["publication"] = (Finding(True, "按期公开", links) if pub.on_time
                              else Finding(False, f"逾期{pub.late_days}日公开", links))
    else:
        out["publication"] = Finding(None, "未作出处罚决定，无须公开")

    # the chain verifies
    brk = verify_bodies(case.stream, [{**ev.body(), "hash": ev.hash} for ev in events])
    if brk is None and events and case.chain_head and case.chain_head != events[-1].hash:
        out["chain"] = Finding(False, "记录链头与案卷不一致", [_link(case, events[-1])])
    elif brk is None:
        out["chain"] = Finding(True, f"{len(events)}条记录校验通过", [_link(case, events[-1])] if events else [])
    else:
        ev = next((e for e in events if e.seq == brk.seq), None)
        out["chain"] = Finding(False, f"第{brk.seq}条记录：{brk.problem}", [_link(case, ev)] if ev else [])

    # documents complete
    if case.procedure == "general":
        missing = [name for kind, name in DOCUMENTS if kind not in by_kind]
        out["documents"] = (Finding(False, "缺少" + "、".join(missing), [{"label": "案卷", "url": f"/cases/{case.uuid}/"}])
                            if missing else Finding(True, "文书齐全", [_link(case, by_kind[k][0], n) for k, n in DOCUMENTS]))
    else:
        out["documents"] = Finding(None, "简易程序案卷，由评查人员核查")
    return out
