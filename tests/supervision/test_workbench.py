"""The 工作台 rows of 案卷评查 (core.workflow.work_for): the reviewer's open sheets with the task's due date, the
organiser's unassigned sheets, the reviewed bureau's open 整改 items with theirs; nothing for anyone else."""
from datetime import date

from django.utils import timezone

from fazhi.core.workflow import work_for
from tests.supervision.helpers import samples, staff


def rows(username, context):
    return [i for i in work_for(staff(username), timezone.localdate()) if i.context == context]


def test_the_workbench_lists_sheets_and_rectifications_with_due_dates(api):
    t, sheets, fixes = samples(api)
    mine = rows("city_reviewer", "review-sheets")
    assert {(i.record.pk, i.step.action) for i in mine} == {   # the organiser's legal staff also assign
        (sheets[0].pk, "assign_reviewer"), (sheets[1].pk, "score_item"), (sheets[2].pk, "score_item"),
        (sheets[2].pk, "finish")}
    assert all(i.due == date(2026, 12, 31) for i in mine)
    # Each row links to where its step is taken: the sheet's page, or the task's list for the assignment.
    assert {i.url for i in mine} == {f"/supervision/sheets/{sheets[1].uuid}/#do-score_item",
                                     f"/supervision/sheets/{sheets[2].uuid}/#do-score_item",
                                     f"/supervision/sheets/{sheets[2].uuid}/#do-finish",
                                     f"/supervision/{t.uuid}/#do-assign_reviewer-{sheets[0].uuid}"}
    assert [(i.record.pk, i.step.action) for i in rows("city_head", "review-sheets")] == [
        (sheets[0].pk, "assign_reviewer")]
    open_fixes = rows("hetang_head", "rectifications")
    assert [i.record.pk for i in open_fixes] == [r.pk for r in fixes[1:]]
    assert all(i.due == i.record.due and i.title.startswith("整改：") for i in open_fixes)
    for who in ("hetang_officer1", "lusong_head", "city_admin"):
        assert not rows(who, "review-sheets") and not rows(who, "rectifications")
    assert not rows("city_head", "rectifications") and not rows("hetang_head", "review-sheets")


def test_the_desk_shows_them(client, api):
    t, sheets, fixes = samples(api)
    client.force_login(staff("city_reviewer"))
    text = client.get("/").content.decode()
    assert "待评查案卷" in text and f"/supervision/sheets/{sheets[1].uuid}/" in text and "2026-12-31" in text
    client.force_login(staff("hetang_head"))
    text = client.get("/").content.decode()
    assert "待报送整改情况" in text and f"#do-rectify-{fixes[1].uuid}" in text
