"""The 评查 API: tasks set and read, each step of the sheet and 整改 tables as POST /<key>/<id>/actions/<step>,
refusals in the API's one shape (403 who, 409 rule, 422 input)."""
from fazhi.supervision import importers
from fazhi.supervision.models import Rectification, ScoreSheet
from tests.supervision.helpers import ON
from tests.supervision.test_review import closed_file


def test_review_through_the_api(api):
    closed_file(api, serve_on="2026-10-30")
    std, _ = importers.import_bundled()
    head, reviewer, district = api("city_head"), api("city_reviewer"), api("hetang_head")
    body = {"on": ON.isoformat(), "title": "2026年度评查", "standard": std.code, "scope": ["430202"],
            "period_from": "2026-01-01", "period_to": ON.isoformat(), "per_bureau": 3}
    assert district.post("/review-tasks", body)[1]["code"] == "SUP-02"   # not above the bureau reviewed
    assert head.post("/review-tasks", {**body, "scope": ["999999"]})[0] == 422
    status, task = head.post("/review-tasks", body)
    assert status == 201 and task["files"] == 1 and task["draw"]["verified"]
    assert head.get("/review-tasks")[1][0]["uuid"] == task["uuid"]
    [sheet] = head.get("/review-sheets", task=task["uuid"])[1]
    act = f"/review-sheets/{sheet['uuid']}/actions/"
    status, err = head.post(act + "assign_reviewer", {"on": ON.isoformat(), "reviewer": "hetang_officer1"})
    assert status == 409 and err["code"] == "SUP-02"
    assert head.post(act + "assign_reviewer", {"on": ON.isoformat(), "reviewer": "nobody"})[0] == 422
    assert head.post(act + "assign_reviewer", {"on": ON.isoformat(), "reviewer": "city_reviewer"})[0] == 200
    # the reviewed bureau does not see a sheet in review
    assert district.get(f"/review-sheets/{sheet['uuid']}")[0] == 404
    status, x = reviewer.get(f"/review-sheets/{sheet['uuid']}")
    assert [a["action"] for a in x["actions"]] == ["score_item", "confirm_prescored"]
    assert head.post(act + "finish", {"on": ON.isoformat()})[0] == 403
    assert head.post(act + "confirm_prescored", {"on": ON.isoformat()})[0] == 403
    # every system pre-score confirmed in one step, as the record found it; then nothing is left to confirm
    status, x = reviewer.post(act + "confirm_prescored", {"on": ON.isoformat()})
    pre = [it for it in x["items"] if it["prescored"]]
    assert status == 200 and pre and all(it["confirmed"] and it["passed"] == it["record_passed"] for it in pre)
    assert [a["action"] for a in x["actions"]] == ["score_item"]
    assert reviewer.post(act + "confirm_prescored", {"on": ON.isoformat()})[1]["code"] == "SUP-03"
    for it in x["items"]:
        if it["confirmed"]:
            continue
        passed = it["passed"] is not False
        assert reviewer.post(act + "score_item", {"on": ON.isoformat(), "item_code": it["code"],
                                                  "passed": passed})[0] == 200
    status, x = reviewer.post(act + "finish", {"on": ON.isoformat()})
    assert status == 200 and x["status"] == "done" and x["grade"]
    fixes = district.get("/rectifications", status="open")[1]
    assert fixes and all(f["owner"]["code"] == "430202" for f in fixes)
    url = f"/rectifications/{fixes[0]['uuid']}/actions/rectify"
    assert district.post(url, {"on": ON.isoformat(), "evidence": ""})[0] == 422
    assert head.post(url, {"on": ON.isoformat(), "evidence": "x"})[0] == 403
    status, r = district.post(url, {"on": ON.isoformat(), "evidence": "补正送达回证"})
    assert status == 200 and r["status"] == "done" and r["on_time"]
    assert district.post(url, {"on": ON.isoformat(), "evidence": "再次"})[0] == 409
    assert Rectification.objects.filter(status="done").count() == 1
    assert ScoreSheet.objects.get(uuid=sheet["uuid"]).status == "done"
    assert api("hetang_officer1").get("/review-tasks")[0] == 403
