"""Builders of 评查 records in every state of the tables, shared by the generated workflow test, the page tests and
the browser test."""
from datetime import date

from fazhi.org.models import Bureau, Staff
from fazhi.supervision import actions, importers
from fazhi.supervision.models import Rectification, ScoreSheet
from tests.supervision.test_review import closed_file

ON = date(2026, 11, 20)


def staff(name):
    return Staff.objects.get(username=name)


def bundled():
    """The bundled standard, imported once per test database (the desk crawl builds every sample set)."""
    from fazhi.supervision.models import ReviewStandard

    return ReviewStandard.objects.filter(illustrative=True).order_by("id").first() or importers.import_bundled()[0]


def new_task(**kw):
    std = bundled()
    return actions.create_task(by=staff("city_head"), on=ON, organiser=Bureau.objects.get(code="430200"),
                               title="2026年度行政处罚案卷评查", standard=std, scope=[Bureau.objects.get(code="430202")],
                               period_from=date(2026, 1, 1), period_to=ON, per_bureau=10, **kw)


def confirm_all(sheet, reviewer):
    for row in sheet.items.select_related("item"):
        actions.score_item(sheet, by=reviewer, on=ON, item_code=row.item.code,
                           passed=row.passed if row.passed is not None else True)


def samples(api):
    """Four drawn files: one sheet unassigned, one half scored, one fully confirmed, one finished with its 整改
    items, one of them closed. Built once per test (the sheet and 整改 samples share the task)."""
    from fazhi.supervision.models import ReviewTask

    t = ReviewTask.objects.filter(title="2026年度行政处罚案卷评查").first()
    if t is not None:
        sheets = list(ScoreSheet.objects.filter(task=t).order_by("id"))
        return t, sheets, list(Rectification.objects.filter(sheet__task=t).order_by("id"))
    files = [closed_file(api), closed_file(api, serve_on="2026-10-30"), closed_file(api), closed_file(api)]
    t = new_task(due_on=date(2026, 12, 31))
    head, reviewer = staff("city_head"), staff("city_reviewer")
    sheets = [ScoreSheet.objects.get(task=t, case=c) for c in files]
    for s in sheets[1:]:
        actions.assign_reviewer(s, by=head, on=ON, reviewer=reviewer)
    first = sheets[1].items.select_related("item").first()
    actions.score_item(sheets[1], by=reviewer, on=ON, item_code=first.item.code, passed=True)
    confirm_all(sheets[2], reviewer)
    confirm_all(sheets[3], reviewer)
    finished = sheets[1].__class__.objects.get(pk=sheets[3].pk)
    # deductions scored by hand, each raising a 整改 item
    actions.score_item(finished, by=reviewer, on=ON, item_code="N05", passed=False, deduction="5",
                       reason="裁量理由说明不充分")
    actions.score_item(finished, by=reviewer, on=ON, item_code="F01", passed=False, deduction="1",
                       reason="文书格式不规范")
    actions.finish_sheet(finished, by=reviewer, on=ON)
    fixes = list(Rectification.objects.filter(sheet=finished).order_by("id"))
    actions.rectify(fixes[0], by=staff("hetang_head"), on=ON, evidence="已补正并组织学习")
    return t, [ScoreSheet.objects.get(pk=s.pk) for s in sheets], fixes


def sheet_samples(api, clock=None):
    return samples(api)[1]


def rectification_samples(api, clock=None):
    return [Rectification.objects.get(pk=r.pk) for r in samples(api)[2]]
