"""案卷评查 in the staff pages (issue #30 §2, #18): a task set from its scope with the verifiable draw, reviewers
assigned with recusal refused in place, a sheet scored (confirm, override with a reason, refusal in place),
finished, the 通报 printed, and a 整改 item closed by the reviewed bureau; who sees what."""
import re

import pytest

from fazhi.supervision import importers
from fazhi.supervision.models import Rectification, ReviewTask, ScoreSheet, SheetItem
from tests.supervision.helpers import ON, staff
from tests.supervision.test_review import closed_file


def page(client, username, url, status=200):
    client.force_login(staff(username))
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    text = r.content.decode()
    if status == 200:
        assert "None" not in re.sub(r"<[^>]+>", "", text), url
    return text


def post(client, username, url, data, status=302):
    client.force_login(staff(username))
    r = client.post(url, data)
    assert r.status_code == status, (url, r.status_code, r.content.decode()[-1500:])
    return r


@pytest.fixture
def files(api):
    return [closed_file(api), closed_file(api, serve_on="2026-10-30")]


def test_a_review_from_scope_to_a_closed_rectification(client, files):
    std, _ = importers.import_bundled()
    text = page(client, "city_head", "/supervision/")
    assert "下达评查任务" in text and "案卷评查" in text
    r = post(client, "city_head", "/supervision/new", {
        "on": ON.isoformat(), "title": "2026年度案卷评查", "standard": std.code, "scope": ["430202"],
        "period_from": "2026-01-01", "period_to": ON.isoformat(), "procedures": ["general"], "per_bureau": "5",
        "due_on": "2026-12-31"})
    t = ReviewTask.objects.get(title="2026年度案卷评查")
    assert r["Location"] == f"/supervision/{t.uuid}/" and t.sheets.count() == 2
    text = page(client, "city_head", r["Location"])
    assert "结果一致" in text and "尚未指派" in text and "荷塘" in text

    sheet = ScoreSheet.objects.get(task=t, case=files[1])
    step = f"/supervision/sheets/{sheet.uuid}/do/"
    # recusal: a reviewer of the reviewed bureau is refused in place, with its basis
    r = post(client, "city_head", step + "assign_reviewer", {"on": ON.isoformat(), "reviewer": "hetang_reviewer"}, 409)
    text = r.content.decode()
    assert "应当回避" in text and "SUP-02" in text and f'id="sheet-{sheet.uuid}"' in text
    assert ScoreSheet.objects.get(pk=sheet.pk).reviewer_id is None
    post(client, "city_head", step + "assign_reviewer", {"on": ON.isoformat(), "reviewer": "city_reviewer"})
    # a district's head does not even see a sheet in review
    post(client, "hetang_head", step + "assign_reviewer", {"on": ON.isoformat(), "reviewer": "city_reviewer"}, 404)

    text = page(client, "city_reviewer", f"/supervision/sheets/{sheet.uuid}/")
    assert "系统预评" in text and "逾期" in text and f"/cases/{files[1].uuid}/#e" in text
    assert "完成评定" in text and "未确认" in text
    service = SheetItem.objects.get(sheet=sheet, item__record_check="service")
    assert service.record_passed is False
    # overriding the record's finding without a reason: refused in place, nothing changed
    r = post(client, "city_reviewer", step + "score_item",
             {"on": ON.isoformat(), "item_code": service.item.code, "passed": "1"}, 409)
    assert "说明理由" in r.content.decode() and not SheetItem.objects.get(pk=service.pk).confirmed
    post(client, "city_reviewer", step + "score_item", {"on": ON.isoformat(), "item_code": "abc", "passed": "2"}, 400)
    for row in sheet.items.select_related("item"):
        data = {"on": ON.isoformat(), "item_code": row.item.code, "passed": "0" if row.passed is False else "1"}
        if row.item.code == "N05":
            data.update(passed="0", deduction="3", reason="裁量理由说明不充分")
        post(client, "city_reviewer", step + "score_item", data)
    # someone else may not score
    post(client, "city_head", step + "score_item", {"on": ON.isoformat(), "item_code": "N05", "passed": "1"}, 403)
    post(client, "city_reviewer", step + "finish", {"on": ON.isoformat()})
    sheet = ScoreSheet.objects.get(pk=sheet.pk)
    assert sheet.status == "done" and sheet.score is not None
    text = page(client, "city_reviewer", f"/supervision/sheets/{sheet.uuid}/")
    assert f"{sheet.grade}" in text and "分" in text and "完成评定</button>" not in text

    fixes = list(Rectification.objects.filter(sheet=sheet).order_by("id"))
    assert len(fixes) >= 2 and all(f.owner.code == "430202" for f in fixes)
    # the reviewed bureau sees its finished sheet and its 整改 items; not the sheet still in review
    text = page(client, "hetang_head", f"/supervision/{t.uuid}/")
    assert files[1].case_no in text and files[0].case_no not in text
    page(client, "hetang_head", f"/supervision/sheets/{ScoreSheet.objects.get(task=t, case=files[0]).uuid}/", 404)
    text = page(client, "hetang_head", "/supervision/rectifications/")
    assert "报送整改情况" in text and "剩余" in text
    fix = fixes[0]
    url = f"/supervision/rectifications/{fix.uuid}/do/rectify"
    r = post(client, "hetang_head", url, {"on": ON.isoformat(), "evidence": ""}, 400)
    assert "整改情况及佐证" in r.content.decode()
    post(client, "city_head", url, {"on": ON.isoformat(), "evidence": "已整改"}, 403)
    post(client, "hetang_head", url, {"on": ON.isoformat(), "evidence": "补正送达回证，组织办案人员学习"})
    fix = Rectification.objects.get(pk=fix.pk)
    assert fix.status == "done" and fix.fixed_by.username == "hetang_head"
    text = page(client, "city_head", "/supervision/rectifications/?status=done")
    assert "补正送达回证" in text and "按期" in text

    # the task finishes with its last sheet; then the 通报
    other = ScoreSheet.objects.get(task=t, case=files[0])
    post(client, "city_head", f"/supervision/sheets/{other.uuid}/do/assign_reviewer",
         {"on": ON.isoformat(), "reviewer": "city_reviewer"})
    for row in other.items.select_related("item"):
        post(client, "city_reviewer", f"/supervision/sheets/{other.uuid}/do/score_item",
             {"on": ON.isoformat(), "item_code": row.item.code, "passed": "0" if row.passed is False else "1"})
    page(client, "city_head", f"/supervision/{t.uuid}/notice.pdf", 404)
    post(client, "city_reviewer", f"/supervision/sheets/{other.uuid}/do/finish", {"on": ON.isoformat()})
    assert ReviewTask.objects.get(pk=t.pk).status == "finished"
    text = page(client, "city_head", f"/supervision/{t.uuid}/")
    assert "案卷评查情况通报" in text
    client.force_login(staff("city_head"))
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        r = client.get(f"/supervision/{t.uuid}/notice.{fmt}")
        assert r.status_code == 200 and r.content.startswith(magic)
    page(client, "hetang_head", f"/supervision/{t.uuid}/notice.pdf", 404)


def test_who_may_open_the_pages(client, files):
    page(client, "hetang_officer1", "/supervision/", 403)
    page(client, "city_admin", "/supervision/", 403)
    text = page(client, "hetang_head", "/supervision/")
    assert "下达评查任务" not in text  # no bureau below 荷塘 to review
    text = page(client, "city_supervisor", "/supervision/")
    assert "下达评查任务" not in text
    client.force_login(staff("city_head"))
    assert 'href="/supervision/"' in client.get("/supervision/").content.decode()


def test_a_refused_task_is_shown_in_place(client, files):
    std, _ = importers.import_bundled()
    r = post(client, "city_head", "/supervision/new", {
        "on": ON.isoformat(), "title": "评查", "standard": std.code, "scope": ["430202"],
        "period_from": "2026-01-01", "period_to": "2026-01-02", "procedures": ["general"], "per_bureau": "5"}, 409)
    assert "没有已结案卷" in r.content.decode() and "SUP-02" in r.content.decode()
    post(client, "city_head", "/supervision/new", {"on": "x", "per_bureau": "-1"}, 400)
    assert not ReviewTask.objects.exists()


def test_a_rectification_closed_with_a_file_in_the_evidence_store(client, api, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core import blobs
    from tests.supervision.helpers import samples

    settings.FAZHI_BLOB_DIR = str(tmp_path)
    _, _, fixes = samples(api)
    fix = fixes[1]
    url = f"/supervision/rectifications/{fix.uuid}/do/rectify"
    # refused (not the owner): the file is not kept
    post(client, "city_head", url, {"on": ON.isoformat(), "evidence": "x",
                                    "file": SimpleUploadedFile("a.txt", b"refused")}, 403)
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    post(client, "hetang_head", url, {"on": ON.isoformat(), "evidence": "补正后的送达回证",
                                      "file": SimpleUploadedFile("送达回证.pdf", b"%PDF-1.4 fixed",
                                                                 content_type="application/pdf")})
    fix = Rectification.objects.get(pk=fix.pk)
    assert fix.filename == "送达回证.pdf" and blobs.verify(fix.sha256)
    text = page(client, "city_head", "/supervision/rectifications/?status=done")
    assert "佐证文件：送达回证.pdf" in text
    r = client.get(f"/supervision/rectifications/{fix.uuid}/file")
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 fixed"
    page(client, "lusong_head", f"/supervision/rectifications/{fix.uuid}/file", 404)


def test_confirm_all_system_prescores_in_one_step(client, api):
    """SUP-03: the button confirms every pre-scored item not yet confirmed, in one transaction with one event
    listing each item and its finding; an item the reviewer overrode first keeps the override."""
    from fazhi.core.models import Event
    from fazhi.supervision import actions
    from tests.supervision.helpers import new_task

    closed_file(api, serve_on="2026-10-30")   # a late service: one pre-score fails
    t = new_task()
    s = t.sheets.get()
    actions.assign_reviewer(s, by=staff("city_head"), on=ON, reviewer=staff("city_reviewer"))
    pre = list(s.items.filter(prescored=True).select_related("item"))
    failed = [r for r in pre if r.record_passed is False]
    assert failed and len(pre) > 2
    overridden = pre[0]
    actions.score_item(s, by=staff("city_reviewer"), on=ON, item_code=overridden.item.code,
                       passed=not overridden.record_passed, reason="经核查原件")
    url = f"/supervision/sheets/{s.uuid}/"
    assert 'id="do-confirm_prescored"' not in page(client, "city_head", url)
    text = page(client, "city_reviewer", url)
    assert 'id="do-confirm_prescored"' in text and f"确认全部系统预评（{len(pre) - 1}项）" in text
    post(client, "city_reviewer", url + "do/confirm_prescored", {"on": ON.isoformat()})
    rows = {r.item.code: r for r in SheetItem.objects.filter(sheet=s, prescored=True).select_related("item")}
    assert all(r.confirmed for r in rows.values())
    assert rows[overridden.item.code].passed is (not overridden.record_passed)   # the override stands
    for r in failed:
        if r.pk != overridden.pk:
            assert rows[r.item.code].passed is False and rows[r.item.code].deduction == r.item.points
    [ev] = Event.objects.filter(stream=t.stream, kind="confirm_prescored")
    assert {i["item"] for i in ev.data["items"]} == {r.item.code for r in pre} - {overridden.item.code}
    text = page(client, "city_reviewer", url)
    assert 'id="do-confirm_prescored"' not in text   # nothing left to confirm
    r = post(client, "city_reviewer", url + "do/confirm_prescored", {"on": ON.isoformat()}, 409)
    assert "没有待确认的系统预评项目" in r.content.decode()
    from fazhi.core.integrity import audit
    assert audit().ok
