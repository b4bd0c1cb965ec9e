"""The demo year of 重大行政决策和合法性审查 for the city bureau: a published 目录 (with one adjustment), decisions in
every stage, the adviser, 16 contract reviews (株洲's count) and the other reviews, some still in the queue. All
through the actions; fixed dates relative to today; synthetic names only."""
from __future__ import annotations

import random
from datetime import date, timedelta

from fazhi.core.calendar import law_calendar
from fazhi.core.models import Event
from fazhi.decisions import actions as A
from fazhi.decisions.models import Decision, Review
from fazhi.law.periods import add_working_days_estimated
from fazhi.org.models import Staff

ITEMS = [
    ("城区占道经营疏导点设置方案", "policy", "市容管理科"),
    ("城市生活垃圾分类三年行动方案", "policy", "环境卫生科"),
    ("中心城区户外广告设置专项规划", "plan", "市容管理科"),
    ("建筑垃圾资源化利用处置场建设项目", "project", "环境卫生科"),
    ("城市管理领域轻微违法行为免罚清单（第二版）", "policy", "法制科"),
    ("中心城区渣土运输管理办法", "policy", "执法支队"),
    ("城区公厕提质改造实施方案", "project", "环境卫生科"),
    ("湘江风光带市容环境管理规定", "other", "市容管理科"),
    ("城区夜间经济街区管理办法", "policy", "市容管理科"),
    ("农贸市场周边环境综合整治方案", "other", "执法支队"),
    ("城市照明设施管护标准", "policy", "市政设施科"),
]

# The stage each demo decision reaches, with the day (before today) it was launched.
PLAN = [("evaluated", 220), ("archived", 170), ("published", 110), ("decided", 95), ("closed", 85),
        ("reviewed", 50), ("reviewing", 42), ("drafting_done", 38), ("consulting", 12), ("drafting", 3)]

CONTRACTS = ["环卫作业市场化服务合同", "城市照明设施维护合同", "数字城管平台运维服务合同", "执法记录仪采购合同",
             "公厕保洁服务合同", "渣土车辆监控服务合同", "户外广告清理劳务合同", "停车泊位管理委托协议",
             "垃圾中转站运营合同", "园林绿化养护合同", "执法服装采购合同", "法律顾问服务合同",
             "宣传品制作合同", "城管执法车辆租赁合同", "市政道路保洁合同", "餐厨垃圾收运协议"]
OTHERS = [("normative_draft", "关于规范城区临时占道审批的通知（代拟稿）", "市容管理科"),
          ("normative_draft", "城市管理执法全过程记录实施细则", "法制科"),
          ("normative_filing", "芦淞区城管局行政处罚裁量权实施办法", "芦淞区城管局"),
          ("normative_cleanup", "2019年以前印发的规范性文件清理", "法制科"),
          ("dispute_reply", "某商贸公司不服行政处罚决定复议答复书", "执法支队"),
          ("dispute_reply", "某餐饮店行政诉讼答辩状", "执法支队")]


def build_decisions(staff, rng: random.Random, today: date) -> int:
    cs = staff["city"]
    bureau, head, deputy, reviewer = cs.bureau, cs.head, cs.deputy, cs.reviewer
    adviser_staff = Staff.objects.filter(username="city_adviser").first()
    year_start = date(today.year, 1, 1)
    A.register_adviser(by=head, on=year_start + timedelta(days=3), name="周明律师", firm="湖南湘株律师事务所",
                       contract_from=year_start, contract_until=date(today.year, 12, 31), staff=adviser_staff)
    on = max(year_start + timedelta(days=9), today - timedelta(days=330))
    cat = A.create_catalogue(by=head, on=on, year=today.year)
    items = [A.add_item(cat, by=head, on=on, title=t, category=c, unit=u, basis="重大行政决策程序暂行条例第三条")
             for t, c, u in ITEMS[:-1]]
    A.publish_catalogue(cat, by=head, on=on + timedelta(days=7), approval="经中共株洲市城市管理和综合执法局党组同意")
    t, c, u = ITEMS[-1]
    items.append(A.add_item(cat, by=head, on=on + timedelta(days=60), title=t, category=c, unit=u,
                            reason="市政府部署城市照明提质行动，年中调整列入"))
    A.withdraw_item(items[6], by=head, on=on + timedelta(days=90), reason="纳入市住建局统一实施，不再由本局决策")
    n = 0
    for (stage, ago), item in zip(PLAN, [i for k, i in enumerate(items) if k != 6], strict=False):
        _walk(item, stage, today - timedelta(days=ago), head=head, deputy=deputy, reviewer=reviewer,
              adviser=adviser_staff)
        n += 1
    # One declared 重大 outside the 目录, with its reasons and a shortened comment period.
    _walk(None, "decided", today - timedelta(days=70), head=head, deputy=deputy, reviewer=reviewer,
          adviser=adviser_staff, title="汛期城区内涝点临时交通管制和占道清理方案", urgent=True)
    _reviews(bureau, reviewer, adviser_staff, rng, today)
    return n + 1


def _walk(item, stage, s: date, *, head, deputy, reviewer, adviser, title="", urgent=False):
    cal = law_calendar()
    d = A.launch(by=head, on=s, title=title or item.title, unit=item.unit if item else "市容管理科", lead=deputy,
                 item=item, outside_reason="" if item else "涉及中心城区数万群众出行和商户经营，汛期临时认定为重大行政决策",
                 required={"participation": True, "experts": not urgent, "risk": True},
                 skip_reasons={"experts": "不属于专业性、技术性较强的事项"} if urgent else {})
    if stage == "drafting":
        return d
    d = A.save_draft(d, by=deputy, on=s + timedelta(days=1), draft=f"{d.title}（征求意见稿）", explanation="起草说明")
    days = 15 if urgent else 30
    d = A.open_consultation(d, by=deputy, on=s + timedelta(days=2), ends_on=s + timedelta(days=2 + days),
                            channel="株洲市人民政府网站、“株洲城管”政务新媒体",
                            short_reason="汛期临近，情况紧急，缩短征求意见期限" if urgent else "")
    if stage == "consulting":
        return d
    if not urgent:
        d = A.announce_hearing(d, by=deputy, on=s + timedelta(days=9), hearing_on=s + timedelta(days=17),
                               place="株洲市民中心第三会议室", materials_on=s + timedelta(days=9),
                               participants=["商户代表（5名）", "居民代表（5名）", "人大代表", "政协委员"])
        d = A.hold_hearing(d, by=deputy, on=s + timedelta(days=17), record="听证参加人陈述意见12条，均已记录", signed=True)
    close = s + timedelta(days=3 + days)
    d = A.close_consultation(d, by=deputy, on=close, received=18 + len(d.title) % 9, adopted=7 + len(d.title) % 5,
                             feedback="对设置时段、过渡期和配套设施的意见予以采纳；与上位法不符的意见未采纳并说明理由")
    if not urgent:
        d = A.add_expert(d, by=deputy, on=close + timedelta(days=1), name="王建国", organisation="湖南工业大学",
                         field="城市规划", opinion="方案必要、可行，建议分批实施", no_conflict=True, signed=True)
    d = A.assess_risk(d, by=deputy, on=close + timedelta(days=2), assessor="株洲市社会稳定风险评估中心",
                      risk_points="部分商户经营受影响", measures="设置过渡期，分批实施，专人接访", controllable=True)
    if stage == "drafting_done":
        return d
    sub = close + timedelta(days=3)
    due = add_working_days_estimated(cal, sub, 3 if urgent else 10)[0]  # a target: estimated into a year without a table
    d = A.submit_review(d, by=deputy, on=sub, due_on=due, short_reason="汛期应急" if urgent else "",
                        materials="决策草案、起草说明、公众意见采纳情况、专家论证意见、风险评估报告")
    if stage == "reviewing":
        return d
    r = Review.objects.get(decision=d, status="open")
    A.give_adviser_opinion(r, by=adviser, on=sub + timedelta(days=2), opinion="决策事项在本局法定权限内，程序完备，无法律障碍")
    A.complete_review(r, by=reviewer, on=sub + timedelta(days=4 if not urgent else 2),
                      conclusion="lawful_amend" if len(d.title) % 2 else "lawful",
                      opinion="符合法定权限和程序；建议第五条增加过渡期规定")
    d = Decision.objects.get(pk=d.pk)
    if stage == "reviewed":
        return d
    meet = sub + timedelta(days=8)
    reject = stage == "closed"
    speakers = [{"name": "李副局长", "opinion": "agree"},
                {"name": "陈副局长", "opinion": "disagree" if reject else "agree",
                 "remarks": "建议待配套设施建成后再实施" if reject else ""},
                {"name": "刘纪检组长", "opinion": "disagree" if reject else "agree",
                 "remarks": "资金来源尚未落实" if reject else ""},
                {"username": head.username, "name": str(head), "opinion": "disagree" if reject else "agree",
                 "remarks": "同意暂缓，待资金和配套设施落实后再提交讨论" if reject else ""}]
    d = A.deliberate(d, by=head, on=meet, meeting="局务会议", speakers=speakers, recorder="王秘书（办公室）",
                     observers=["张科长（法制科）", f"{d.unit}负责人"],
                     outcome="defer" if reject else "adopt", decision_text="" if reject else f"通过《{d.title}》，由承办单位组织实施")
    if stage in ("decided", "closed"):
        return d
    d = A.publish(d, by=deputy, on=meet + timedelta(days=3), channel="株洲市人民政府网站、株洲日报")
    if stage == "published":
        return d
    d = A.archive(d, by=deputy, on=meet + timedelta(days=10),
                  materials=["决策启动文件", "决策草案及起草说明", "公众意见及采纳情况", "听证会记录", "专家论证意见",
                             "风险评估报告", "合法性审查意见书", "集体讨论纪要", "决策公布材料"])
    if stage == "archived":
        return d
    return A.evaluate(d, by=head, on=meet + timedelta(days=80), ground="necessary", evaluator="湘江城市发展研究院",
                      result="实施后占道经营投诉下降，达到预期效果；建议增设两处疏导点")


def _reviews(bureau, reviewer, adviser, rng: random.Random, today: date) -> None:
    cal = law_calendar()
    start = today - timedelta(days=300)
    jobs = [("contract", t, "办公室" if "采购" in t else "计划财务科") for t in CONTRACTS] + OTHERS
    for k, (kind, subject, unit) in enumerate(jobs):
        on = start + timedelta(days=17 * k % 290)
        while not cal.is_working_day(on):
            on += timedelta(days=1)
        r = A.request_review(by=reviewer, on=on, kind=kind, subject=subject, requested_by=unit)
        if k % 7 == 3:
            continue  # still in the queue
        took = 2 + rng.randrange(7)
        done = add_working_days_estimated(cal, on, took)[0]
        if done > today:
            continue
        if k % 4 == 0:
            A.give_adviser_opinion(r, by=adviser, on=done, opinion="合同条款总体合法，违约责任条款建议明确")
        A.complete_review(r, by=reviewer, on=done, conclusion="lawful_amend" if k % 3 else "lawful",
                          opinion="经审查，主体适格、内容合法；建议修改争议解决条款")
    # Two reviews received lately, open in the queue with their due dates.
    for subject in ("城区停车场特许经营协议", "智慧城管二期建设合同"):
        on = today - timedelta(days=2)
        while not cal.is_working_day(on):
            on -= timedelta(days=1)
        A.request_review(by=reviewer, on=on, kind="contract", subject=subject, requested_by="计划财务科")
    # The city bureau's penalty cases' 法制审核, linked from the cases' own events (not copied).
    streams = list(dict.fromkeys(Event.objects.filter(kind="legal_review", actor=reviewer.username)
                                 .order_by("id").values_list("stream", flat=True)[:50]))
    for stream in streams[:5]:
        A.link_penalty_review(by=reviewer, on=today, case_stream=stream)
