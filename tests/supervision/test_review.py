"""SUP-02/SUP-03 acceptance: a 评查 task draws its sample with the verifiable draw from the closed files in scope,
pre-scores each from the record, and each pre-scored item is checked against a file built to fail it (a step by
one officer, a late service, an unpublished decision, a broken chain) — each found, with its evidence link.
Recusal: a reviewer from the reviewed bureau, or who handled the file, is refused."""
from datetime import date

import pytest

from fazhi.cases.models import PenaltyCase
from fazhi.core.events import append_event
from fazhi.core.models import Event
from fazhi.disclosure.actions import publish
from fazhi.law import draw as D
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Bureau, Staff
from fazhi.supervision import actions, importers
from fazhi.supervision.models import ScoreSheet, SheetItem
from tests.test_api_scenarios import act, ok
from tests.test_tamper import behind_the_back
from tests.year_cases import _decided, _filed, _reported


def staff(name):
    return Staff.objects.get(username=name)


def closed_file(api, *, serve_on="2026-10-15", published=True):
    c = _decided(api, _reported(api, _filed(api, on="2026-10-09", act_on="2026-10-08", discovered_on="2026-10-09"),
                                on="2026-10-12"), notify_on="2026-10-13", decide_on="2026-10-14")
    ok(act(api, "hetang_officer1", c, "serve", on=serve_on, method="direct", recipient="张三"))
    ok(act(api, "hetang_officer1", c, "record_payment", on=serve_on, fine_paid="5000"))
    ok(act(api, "hetang_deputy", c, "close", on="2026-11-03", close_type="performed"))
    case = PenaltyCase.objects.get(uuid=c)
    if published:
        publish(case, by=staff("hetang_head"), on=date(2026, 10, 16))
    return case


@pytest.fixture
def files(api):
    out = {"good": closed_file(api), "late_service": closed_file(api, serve_on="2026-10-30"),
           "unpublished": closed_file(api, published=False), "one_officer": closed_file(api),
           "broken": closed_file(api)}
    # a 笔录 made by one officer, entered into the record (the chain stays whole)
    case = out["one_officer"]
    ev = append_event(case.stream, "add_evidence", actor=staff("hetang_officer1"), on=date(2026, 10, 12),
                      data={"title": "询问笔录", "record_type": "inquiry", "record_officers": ["hetang_officer1"]})
    PenaltyCase.objects.filter(pk=case.pk).update(chain_head=ev.hash)
    # an entry altered after the fact
    case = out["broken"]
    e = Event.objects.filter(stream=case.stream, kind="decide").get()
    with behind_the_back():   # the table owner switches the append-only trigger off (tests/test_tamper.py)
        Event.objects.filter(pk=e.pk).update(data={**e.data, "fine": "1"})
    return out


def task(files, **kw):
    std, _ = importers.import_bundled()
    return actions.create_task(by=staff("city_head"), on=date(2026, 11, 20), organiser=Bureau.objects.get(code="430200"),
                               title="2026年度行政处罚案卷评查", standard=std, scope=[Bureau.objects.get(code="430202")],
                               period_from=date(2026, 1, 1), period_to=date(2026, 11, 20), per_bureau=10, **kw)


def item(t, case, check) -> SheetItem:
    return SheetItem.objects.get(sheet__task=t, sheet__case=case, item__record_check=check)


def test_SUP_02_the_sample_is_the_verifiable_draw_over_the_closed_files(files):
    t = task(files)
    assert D.verify(t.draw).ok
    drawn = {x["subject"] for x in t.draw["result"]["targets"]}
    assert drawn == {str(c.uuid) for c in files.values()}
    assert ScoreSheet.objects.filter(task=t).count() == 5


def test_SUP_03_each_record_check_is_found_on_the_file_built_to_fail_it(files):
    t = task(files)
    good = files["good"]
    for check in ("two_officers", "review_before_decision", "deadlines", "service", "publication", "chain",
                  "documents"):
        row = item(t, good, check)
        assert row.prescored and row.record_passed is True and row.evidence, (check, row.record_note)
    cases = [("one_officer", "two_officers", "#e"), ("late_service", "service", "#e"),
             ("unpublished", "publication", "#e"), ("broken", "chain", "#e")]
    for name, check, anchor in cases:
        row = item(t, files[name], check)
        assert row.prescored and row.record_passed is False and row.passed is False, (name, row.record_note)
        assert any(f"/cases/{files[name].uuid}/{anchor}" in link["url"] for link in row.evidence), row.evidence
        assert row.deduction == row.item.points or row.item.veto
    assert "逾期" in item(t, files["late_service"], "service").record_note
    assert item(t, files["late_service"], "deadlines").record_passed is False
    assert "第" in item(t, files["broken"], "chain").record_note
    # the altered decision entry is the one linked
    seq = Event.objects.get(stream=files["broken"].stream, kind="decide").seq
    assert item(t, files["broken"], "chain").evidence[0]["url"].endswith(f"#e{seq}")
    # the other files are not flagged for what they did right
    assert item(t, files["one_officer"], "service").record_passed is True
    assert item(t, files["unpublished"], "chain").record_passed is True


def test_SUP_02_recusal_a_reviewer_of_the_reviewed_bureau_or_who_handled_the_file_is_refused(files):
    t = task(files)
    sheet = ScoreSheet.objects.get(task=t, case=files["good"])
    before = ScoreSheet.objects.get(pk=sheet.pk).reviewer_id
    for who, words in (("hetang_reviewer", "被评查单位"), ("hetang_officer1", "承办")):
        with pytest.raises(RuleViolation) as e:
            actions.assign_reviewer(sheet, by=staff("city_head"), on=date(2026, 11, 20), reviewer=staff(who))
        assert e.value.code == "SUP-02" and words in e.value.message
    assert ScoreSheet.objects.get(pk=sheet.pk).reviewer_id == before
    actions.assign_reviewer(sheet, by=staff("city_head"), on=date(2026, 11, 20), reviewer=staff("city_reviewer"))


def test_SUP_02_a_district_cannot_organise_the_review_of_its_own_files(files):
    std, _ = importers.import_bundled()
    hetang = Bureau.objects.get(code="430202")
    with pytest.raises(RuleViolation) as e:
        actions.create_task(by=staff("hetang_head"), on=date(2026, 11, 20), organiser=hetang, title="自评",
                            standard=std, scope=[hetang], period_from=date(2026, 1, 1), period_to=date(2026, 11, 20),
                            per_bureau=3)
    assert e.value.code == "SUP-02"


def test_SUP_03_confirm_override_with_reason_and_a_veto_ends_the_file_at_fail(files):
    t = task(files)
    reviewer = staff("city_reviewer")
    sheet = ScoreSheet.objects.get(task=t, case=files["one_officer"])
    actions.assign_reviewer(sheet, by=staff("city_head"), on=date(2026, 11, 20), reviewer=reviewer)
    on = date(2026, 11, 20)
    with pytest.raises(RuleViolation) as e:   # overriding the record without a reason
        actions.score_item(sheet, by=reviewer, on=on, item_code="J09", passed=True)
    assert e.value.code == "SUP-03"
    for row in sheet.items.select_related("item"):
        passed = row.passed if row.passed is not None else True
        actions.score_item(sheet, by=reviewer, on=on, item_code=row.item.code, passed=passed)
    sheet = actions.finish_sheet(sheet, by=reviewer, on=on)
    assert (sheet.score, sheet.grade, sheet.vetoed) == (0, "不合格", ["J09"])

    good = ScoreSheet.objects.get(task=t, case=files["good"])
    actions.assign_reviewer(good, by=staff("city_head"), on=on, reviewer=reviewer)
    for row in good.items.select_related("item"):
        if row.item.code == "N05":
            actions.score_item(good, by=reviewer, on=on, item_code="N05", passed=False, deduction="5")
        elif row.item.code == "F05":   # the reviewer overrides the record's finding, with a reason
            actions.score_item(good, by=reviewer, on=on, item_code="F05", passed=False, reason="纸质案卷缺页")
        else:
            actions.score_item(good, by=reviewer, on=on, item_code=row.item.code,
                               passed=row.passed if row.passed is not None else True)
    good = actions.finish_sheet(good, by=reviewer, on=on)
    assert (good.score, good.grade) == (91, "优秀")
    assert SheetItem.objects.get(sheet=good, item__code="F05").overridden


def test_SUP_04_every_deduction_becomes_a_rectification_owned_by_the_reviewed_bureau(files):
    from fazhi.supervision.models import Rectification

    t = task(files)
    reviewer, on = staff("city_reviewer"), date(2026, 11, 20)
    sheet = ScoreSheet.objects.get(task=t, case=files["late_service"])
    actions.assign_reviewer(sheet, by=staff("city_head"), on=on, reviewer=reviewer)
    for row in sheet.items.select_related("item"):
        actions.score_item(sheet, by=reviewer, on=on, item_code=row.item.code,
                           passed=row.passed if row.passed is not None else True)
    actions.finish_sheet(sheet, by=reviewer, on=on)
    fixes = list(Rectification.objects.filter(sheet=sheet).select_related("item__item"))
    assert {f.item.item.record_check for f in fixes} == {"service", "deadlines"}
    assert all(f.owner.code == "430202" and (f.due - on).days == actions.RECTIFY_DAYS for f in fixes)
    r = fixes[0]
    for who, evidence in (("city_head", "已整改"), ("hetang_head", " ")):
        with pytest.raises(RuleViolation) as e:
            actions.rectify(r, by=staff(who), on=on, evidence=evidence)
        assert e.value.code == "SUP-04"
    actions.rectify(r, by=staff("hetang_head"), on=on, evidence="补正送达回证")
    assert Rectification.objects.get(pk=r.pk).status == "done"
    [row] = actions.results(t)
    assert (row["files"], row["scored"], row["average"]) == (5, 1, sheet.__class__.objects.get(pk=sheet.pk).score)
