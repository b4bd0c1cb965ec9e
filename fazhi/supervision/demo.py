"""The demo's 执法监督: the city bureau's finished 评查 of its districts' closed files (the bundled 示例 standard),
with the 整改 items it raised, some already rectified; and the city bureau's 督办 over its districts (SUP-05), open,
overdue, answered and closed."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from fazhi.org.models import Bureau, Staff
from fazhi.supervision import actions, importers
from fazhi.supervision.models import Rectification, ScoreSheet

# Items a reviewer scores by hand, and how often the demo's reviewers deduct on them (illustrative).
HAND = {"N02": ("5", "调查终结报告对证据的分析不充分"), "N05": ("5", "裁量理由说明不充分"),
        "F01": ("1", "文书格式不规范"), "F03": ("1", "案卷目录页码不全"), "N04": ("5", "复核意见未记录")}


def build_supervision(staff, rng, today) -> int:
    n = _build_review(staff, rng, today)
    build_orders(staff, rng, today)
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
