"""The demo's 执法监督: the city bureau's finished 评查 of its districts' closed files (the bundled 示例 standard),
with the 整改 items it raised, some already rectified; the city bureau's 督办 over its districts (SUP-05), open,
overdue, answered and closed; and its 专项整治 campaigns over them (SUP-04) with rectified and open problems."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from fazhi.org.models import Bureau, Staff
from fazhi.supervision import actions, importers
from fazhi.supervision.models import Rectification, ScoreSheet

# Items a reviewer scores by hand, and how often the demo's reviewers deduct on them (illustrative).
HAND = {"N02": ("5", "调查终结报告对证据的分析不充分"), "N05": ("5", "裁量理由说明不充分"),
        "F01": ("1", "文书格式不规范"), "F03": ("1", "案卷目录页码不全"), "N04": ("5", "复核意见未记录")}


def build_supervision(staff, rng, today) -> int:
    n = _build_review(staff, rng, today)
    build_orders(staff, rng, today)
    build_campaigns(staff, rng, today)
    return n


def _build_review(staff, rng, today) -> int:
    city = Bureau.objects.get(parent=None)
    districts = list(Bureau.objects.filter(parent=city, kind__in=["district", "county"]).order_by("code"))
    std, _ = importers.import_bundled()
    head, reviewers = Staff.objects.get(username="city_head"), [Staff.objects.get(username="city_reviewer"),
                                                                  Staff.objects.get(username="city_supervisor")]
    on = today - timedelta(days=40)
    scope = [b for b in districts if actions.closed_files([b], on.replace(month=1, day=1), on, ["general"]).exists()]
    if not scope:
        return 0
    task = actions.create_task(by=head, on=on, organiser=city, title=f"{on.year}年度行政处罚案卷评查",
                               standard=std, scope=scope, period_from=on.replace(month=1, day=1), period_to=on,
                               per_bureau=3)
    scored_on = on + timedelta(days=10)
    for i, sheet in enumerate(task.sheets.select_related("case").order_by("id")):
        reviewer = next(r for r in reviewers[i % 2:] + reviewers[:i % 2] if not actions.handled(sheet.case, r))
        actions.assign_reviewer(sheet, by=head, on=on, reviewer=reviewer)
        for row in sheet.items.select_related("item"):
            code = row.item.code
            if row.prescored:
                actions.score_item(sheet, by=reviewer, on=scored_on, item_code=code, passed=row.record_passed)
            elif code in HAND and rng.random() < 0.3:
                points, reason = HAND[code]
                actions.score_item(sheet, by=reviewer, on=scored_on, item_code=code, passed=False,
                                   deduction=Decimal(points), reason=reason)
            else:
                actions.score_item(sheet, by=reviewer, on=scored_on, item_code=code, passed=True)
        actions.finish_sheet(sheet, by=reviewer, on=scored_on)
    # about half of the 整改 items fixed by the district's head, with evidence
    for r in Rectification.objects.filter(sheet__task=task).select_related("owner").order_by("id"):
        if rng.random() < 0.5:
            owner_head = staff[_slug(staff, r.owner)].head
            actions.rectify(r, by=owner_head, on=min(today, scored_on + timedelta(days=rng.randint(5, 25))),
                            evidence="已组织办案人员学习评查反馈意见，补正相关文书并归入案卷。")
    return ScoreSheet.objects.filter(task=task).count()


def _slug(staff, bureau) -> str:
    return next(slug for slug, bs in staff.items() if bs.bureau.pk == bureau.pk)


ORDER_MATTERS = [
    ("群众多次反映该案当事人仍在原址违规经营，请核查处罚决定的执行情况", "核实执行情况，依法处理，书面答复办理结果"),
    ("该案办理期限较长，请说明办理进度和延期理由", "说明办理进度，按期办结并报送结案材料"),
    ("媒体报道的问题，请核实后依法处理", "核实情况，依法处理，答复处理结果并附相关文书"),
]


def build_orders(staff, rng, today) -> int:
    """The city bureau's 督办 over its districts: on decided cases and on open 整改 problems; about half answered
    (some late), some closed, some open and past their due date."""
    from fazhi.cases.models import PenaltyCase

    city = Bureau.objects.get(parent=None)
    head = Staff.objects.get(username="city_head")
    made = 0
    for k, b in enumerate(Bureau.objects.filter(parent=city, kind__in=["district", "county"]).order_by("code")[:4]):
        answerer = staff[_slug(staff, b)].head
        cases = list(PenaltyCase.objects.filter(bureau=b).exclude(decision_no="").order_by("decided_on", "id")[:2])
        subjects = [("case", c.decision_no) for c in cases]
        fix = Rectification.objects.filter(owner=b, status=Rectification.OPEN).order_by("id").first()
        if fix is not None:
            subjects.append(("rectification", str(fix.uuid)))
        for i, (kind, ref) in enumerate(subjects):
            issued = today - timedelta(days=rng.randint(12, 40))
            due = issued + timedelta(days=rng.choice([7, 10, 15]))
            matter, requirement = ORDER_MATTERS[(k + i) % len(ORDER_MATTERS)]
            if kind == "rectification":
                matter, requirement = "评查发现的问题逾期未整改", "按期整改，报送整改情况和佐证"
            o = actions.issue_order(by=head, on=issued, target=b, subject_kind=kind, subject=ref, matter=matter,
                                    requirement=requirement, due=due)
            made += 1
            fate = (k + i) % 4
            if fate == 0:   # open (overdue when its due date has passed)
                continue
            answered = min(today, due + timedelta(days=rng.choice([-3, -1, 0, 2])))
            actions.answer_order(o, by=answerer, on=max(answered, issued),
                                 answer="已组织核查，依法处理完毕，相关文书已归档。")
            if fate == 2:
                actions.close_order(o, by=head, on=min(today, max(answered, issued) + timedelta(days=2)),
                                    note="答复属实，予以办结")
    return made


# --- 专项整治 (SUP-04) -------------------------------------------------------------------------------------------
# Two campaigns of the city bureau over its districts, after those 株洲's bureau reported running: one on 城管执法乱象
# (ended, most problems rectified, a few still tracked past their due date) and one on 住建领域行政执法突出问题
# (running, problems from every source: 评查, 数字化城管, complaints, self-checks, the city's supervisors' visits).
# The problems are illustrative, written for the demo.

DISORDER = ("城市管理执法乱象专项整治", "关于开展城市管理执法乱象专项整治的通知",
            "重点整治执法中的随意性、选择性、机械性和逐利性问题，以及营商环境不优、服务意识不强的问题。",
            ["随意性执法", "选择性执法", "机械性执法", "逐利性执法", "营商环境不优", "服务意识不强"], [
                ("visit", "随意性执法", "现场检查未全程开启执法记录仪，检查笔录记载的时间与录像时长不符", "沿街商铺"),
                ("complaint", "选择性执法", "群众反映同一路段店外经营只对部分商户立案处罚，处罚尺度不一", "城区主干道"),
                ("self_check", "机械性执法", "对首次违法、危害轻微并及时改正的店外经营仍作出罚款决定，未适用免罚清单", ""),
                ("visit", "逐利性执法", "中队考核方案仍以罚没款数额计分，未按要求清理", "执法中队"),
                ("self_check", "营商环境不优", "同一商户一个月内被两个中队以同一事项检查三次，未合并检查", "商业街区"),
                ("complaint", "服务意识不强", "窗口答复门头招牌设置咨询时未一次性告知所需材料，群众往返两次", "政务服务窗口"),
                ("visit", "随意性执法", "暂扣经营工具未当场出具物品清单，也未告知当事人领回方式", "农贸市场周边"),
            ])
HOUSING = ("住建领域行政执法突出问题专项整治", "关于开展住建领域行政执法突出问题专项整治的通知",
           "聚焦行政许可、行政处罚、行政检查，整治执法不作为、乱作为、不文明不规范、逐利执法、执法寻租和执法制度执行不力等问题。",
           ["执法不作为", "执法乱作为", "执法不文明不规范", "逐利执法", "执法寻租", "执法制度执行不力"], [
               ("citydesk", "执法不作为", "违法建设问题派遣后超过处置时限仍未处置，也未申请延期", ""),
               ("review", "执法制度执行不力", "", ""),
               ("complaint", "执法乱作为", "装修垃圾乱倒案件未查明倾倒人即对物业公司作出处罚", "老旧小区"),
               ("visit", "执法不文明不规范", "执法人员现场执法未佩戴执法证件，着装不统一", "批发市场周边"),
               ("self_check", "执法制度执行不力", "挖掘城市道路许可到期后未跟进路面恢复情况，批后监管缺位", "城区道路"),
               ("visit", "逐利执法", "渣土运输车辆违规案件只罚款不督促整改，同一车辆一季度内被罚三次", "渣土消纳场"),
               ("citydesk", "执法不作为", "占道经营问题三次返工仍未处置到位", ""),
               ("self_check", "执法不文明不规范", "暂扣物品未当场出具清单，两份现场笔录无当事人签名", ""),
           ])
FIXES = {"随意性执法": "已组织全员学习执法全过程记录规定，执法记录仪使用情况纳入每周抽查",
         "选择性执法": "已对该路段统一执法尺度，补充立案两起，公开处罚标准",
         "机械性执法": "已撤销该处罚决定并退还罚款，组织学习首违不罚清单",
         "逐利性执法": "已修订中队考核方案，删除罚没款计分条款",
         "营商环境不优": "已建立检查事项统筹制度，同一商户同一事项合并检查",
         "服务意识不强": "已制作一次性告知单，对窗口人员开展服务规范培训",
         "执法不作为": "已完成处置并建立超期预警，责任人作出书面检查",
         "执法乱作为": "已撤销原处罚决定，重新调查后依法处理",
         "执法不文明不规范": "已组织着装和亮证执法专项培训，建立每日出勤检查",
         "逐利执法": "已对该车辆所属企业约谈并督促整改，建立源头管控台账",
         "执法寻租": "已移交纪检部门处理",
         "执法制度执行不力": "已逐件补正并建立批后监管台账，按月通报"}


def _pick_link(source: str, b, used: set, last):
    """The record a demo problem came from, in the bureau's own records and known by `last`: (kind, pk, reference,
    text, since when it is known); None when the demo has none."""
    from fazhi.cases.models import PenaltyCase
    from fazhi.citydesk.models import Issue

    def unused(kind):
        return [k for t, k in used if t == kind]

    if source == "review":
        r = (Rectification.objects.filter(owner=b, sheet__scored_on__lte=last).exclude(pk__in=unused("r"))
             .select_related("sheet").order_by("id").first())
        return ("r", r.pk, str(r.uuid), r.problem, r.sheet.scored_on) if r else None
    if source == "citydesk":
        i = (Issue.objects.filter(region__bureau=b, reported_at__date__lte=last).exclude(pk__in=unused("i"))
             .order_by("-reported_at").first())
        return ("i", i.pk, i.tracking_code, "", timezone.localtime(i.reported_at).date()) if i else None
    if source == "complaint":
        c = (PenaltyCase.objects.filter(bureau=b, source="complaint", discovered_on__lte=last).exclude(case_no="")
             .exclude(pk__in=unused("c")).order_by("-discovered_on", "id").first())
        return ("c", c.pk, c.case_no, "", c.discovered_on) if c else None
    return None


def build_campaigns(staff, rng, today) -> int:
    """The city bureau's two campaigns over its districts and county; returns how many problems they list."""
    city = Bureau.objects.get(parent=None)
    districts = list(Bureau.objects.filter(parent=city, kind__in=["district", "county"]).order_by("code"))
    head, reviewer = Staff.objects.get(username="city_head"), Staff.objects.get(username="city_reviewer")
    supervisor = Staff.objects.get(username="city_supervisor")
    made = 0
    for (title, basis, focus, kinds, templates), (start, end), ended in (
            (DISORDER, (today - timedelta(days=150), today - timedelta(days=60)), True),
            (HOUSING, (today - timedelta(days=45), today + timedelta(days=45)), False)):
        c = actions.launch_campaign(by=head, on=start - timedelta(days=5), organiser=city, title=title, basis=basis,
                                    focus=focus, kinds=kinds, scope=districts, starts_on=start, ends_on=end)
        last = min(end, today)
        span = (last - start).days
        for k, b in enumerate(districts):
            bs = staff[_slug(staff, b)]
            used: set = set()
            for j in range(2 + (k % 2)):
                source, kind, text, place = templates[(k * 3 + j) % len(templates)]
                link = _pick_link(source, b, used, last) if source in ("review", "citydesk", "complaint") else None
                if link is None and source == "review":   # no 整改 item of the bureau yet: found on a visit
                    source, text = "visit", "执法案卷结案后超过三十日仍未归档"
                if link is None and source == "citydesk":  # the demo without 数字化城管 issues
                    source, text = "visit", "巡查发现的违法建设未及时立案查处，也未移交有关部门"
                found_on = start + timedelta(days=rng.randint(0, max(span - 5, 0)))
                if link is not None:
                    used.add((link[0], link[1]))
                    found_on = min(last, max(found_on, link[4]))
                    if source == "review":
                        text = f"案卷评查发现的问题未整改：{link[3]}"
                due = found_on + timedelta(days=rng.choice([15, 20, 30]))
                finder = bs.head if source == "self_check" else (supervisor if source in ("visit", "citydesk")
                                                                  else reviewer)
                p = actions.add_problem(c, by=finder, on=found_on, source=source, kind=kind, description=text,
                                        place=place, owner=b.code, due=due, ref=link[2] if link else "",
                                        responsible=bs.squad_leaders[0].username if bs.squad_leaders else "")
                made += 1
                _fate(p, bs, reviewer, rng, today, ended, k + j)
        if ended:
            on = min(today, end + timedelta(days=5))
            t = actions.campaign_tally(c, on).total
            actions.close_campaign(c, by=head, on=on, summary=(
                f"整治期间发现问题{t.found}个，已整改销号{t.rectified}个；未销号的问题继续跟踪督办，直至整改到位。"
                "对普遍存在的执法全过程记录、检查统筹问题建立长效制度。"))
    return made


def _fate(p, bs, reviewer, rng, today, ended: bool, n: int) -> None:
    """Most problems are fixed and accepted; some are reported and waiting, one returned, some still open (and past
    their due date)."""
    fate = n % 5 if not ended else (0 if n % 6 else 4)
    if fate == 4:   # still open
        return
    reported = min(today, p.found_on + timedelta(days=rng.randint(3, 25)))
    actions.report_fix(p, by=bs.head, on=reported, measures=FIXES.get(p.kind, "已完成整改"))
    if fate == 3:   # waiting for acceptance
        return
    accepted = min(today, reported + timedelta(days=rng.randint(1, 4)))
    if fate == 2:   # returned once, open again
        actions.return_fix(p, by=reviewer, on=accepted, note="整改佐证不足，请补充整改前后对比照片和相关文书")
        return
    actions.accept_fix(p, by=reviewer, on=accepted, note="经核查整改到位，予以销号")
