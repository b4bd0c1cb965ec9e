"""How `fazhi verify` compares the 执法监督 records with their logs (core/integrity.py, registered in apps.py).

- A 专项整治 campaign (`campaign:`) and each of its problems (`campaign-problem:`) keep their version and status, and
  every event carries both: the default comparison.
- A 督办单 (`order:`) keeps no version: its status, due date, answer and closing dates and the answer's file are
  compared with what its events recorded.
- A 评查 task (`review:`) holds the events of its sheets and 整改 items too: the task's status, each sheet's reviewer,
  status, score and grade, each item's finding as confirmed, and each 整改 item's closing and file are compared.
"""
from __future__ import annotations

from decimal import Decimal

from fazhi.core.integrity import Audit, label, money

ORDER_STATUS = {"issue_order": "open", "answer_order": "answered", "close_order": "closed", "send_back_order": "open"}


def order_log(bodies: list[dict]) -> dict:
    out: dict = {"status": None, "due": None, "answered_on": None, "closed_on": None, "file": ""}
    for b in bodies:
        kind, data = b.get("kind"), b.get("data") or {}
        out["status"] = ORDER_STATUS.get(kind, out["status"])
        if kind == "issue_order":
            out["due"] = data.get("due")
        elif kind == "answer_order":
            out["answered_on"], out["file"] = b.get("on"), data.get("file") or ""
        elif kind == "close_order":
            out["closed_on"] = b.get("on")
    return out


def _iso(v) -> str | None:
    return v.isoformat() if v is not None else None


def check_order(a: Audit, name: str, row: dict, last) -> None:
    from fazhi.supervision.models import SupervisionOrder

    log = last.fields
    if log["status"] is not None and row["status"] != log["status"]:
        a.add(name, f"状态为“{label(SupervisionOrder, row['status'])}”，全过程记录为"
                    f"“{label(SupervisionOrder, log['status'])}”：记录被绕过全过程记录修改")
    for col, what in (("due", "办理期限"), ("closed_on", "办结日期")):
        if _iso(row[col]) != log[col]:
            a.add(name, f"{what}为“{_iso(row[col]) or '无'}”，全过程记录为“{log[col] or '无'}”")
    if row["status"] != "open" and _iso(row["answered_on"]) != log["answered_on"]:
        a.add(name, f"答复日期为“{_iso(row['answered_on']) or '无'}”，全过程记录为“{log['answered_on'] or '无'}”")
    if (row["sha256"] or "") != log["file"] and row["status"] != "open":
        a.add(name, "答复附件与全过程记录不一致")


def review_log(bodies: list[dict]) -> dict:
    """What a 评查 task's log last recorded: the task's status, each sheet's reviewer and result (by case), each
    confirmed item's finding (by case and item code), each closed 整改 item (with its file)."""
    out: dict = {"status": "drawn", "reviewers": {}, "finished": {}, "items": {}, "rectified": {}}
    for b in bodies:
        kind, d = b.get("kind"), b.get("data") or {}
        if kind == "assign_reviewer":
            out["reviewers"][d.get("case")] = d.get("reviewer")
        elif kind == "score_item":
            out["items"][(d.get("case"), d.get("item"))] = (d.get("passed"), d.get("deduction"))
        elif kind == "confirm_prescored":
            for it in d.get("items") or []:
                out["items"][(d.get("case"), it.get("item"))] = (it.get("passed"), it.get("deduction"))
        elif kind == "finish_sheet":
            out["finished"][d.get("case")] = (d.get("score"), d.get("grade"))
        elif kind == "finish_task":
            out["status"] = "finished"
        elif kind == "rectify":
            out["rectified"][d.get("rectification")] = d.get("file") or ""
    return out


def check_review(a: Audit, name: str, row: dict, last) -> None:
    from fazhi.supervision.models import Rectification, ReviewTask, ScoreSheet, SheetItem

    log = last.fields
    if row["status"] != log["status"]:
        a.add(name, f"状态为“{label(ReviewTask, row['status'])}”，全过程记录为“{label(ReviewTask, log['status'])}”："
                    "记录被绕过全过程记录修改")
    sheets = ScoreSheet.objects.filter(task_id=row["id"]).values_list("case__uuid", "case__case_no",
                                                                      "reviewer__username", "status", "score", "grade")
    for case, number, reviewer, status, score, grade in sheets:
        key, what = str(case), f"案卷{number or case}的评查表"
        if (reviewer or None) != log["reviewers"].get(key):
            a.add(name, f"{what}的评查人员为“{reviewer or '未指派'}”，全过程记录为“{log['reviewers'].get(key) or '未指派'}”")
        done = log["finished"].get(key)
        if (status == ScoreSheet.DONE) != (done is not None):
            a.add(name, f"{what}的状态与全过程记录不一致：记录被绕过全过程记录修改")
        elif done is not None and (money(done[0]) != score or done[1] != grade):
            a.add(name, f"{what}的得分或等级为“{score}分 {grade}”，全过程记录为“{done[0]}分 {done[1]}”")
    items = SheetItem.objects.filter(sheet__task_id=row["id"]).values_list(
        "sheet__case__uuid", "sheet__case__case_no", "item__code", "confirmed", "passed", "deduction")
    for case, number, code, confirmed, passed, deduction in items:
        logged = log["items"].get((str(case), code))
        if confirmed != (logged is not None) or (logged is not None and (
                logged[0] != passed or money(logged[1]) != Decimal(deduction))):
            a.add(name, f"案卷{number or case}评查项目{code}的结论与全过程记录不一致：记录被绕过全过程记录修改")
    fixes = Rectification.objects.filter(sheet__task_id=row["id"]).values_list("uuid", "status", "sha256")
    for uuid, status, sha in fixes:
        logged = log["rectified"].get(str(uuid))
        if (status == Rectification.DONE) != (logged is not None) or (logged is not None and logged != (sha or "")):
            a.add(name, f"整改事项（{uuid}）的整改状态或佐证文件与全过程记录不一致：记录被绕过全过程记录修改")


def register() -> None:
    from fazhi.core import registry

    registry.stream_owner("supervision.Campaign", "campaign:", "专项整治")
    registry.stream_owner("supervision.CampaignProblem", "campaign-problem:", "专项整治问题")
    registry.stream_owner("supervision.SupervisionOrder", "order:", "督办单", versioned=False,
                          columns=("due", "answered_on", "closed_on", "sha256"), summarise=order_log,
                          check=check_order)
    registry.stream_owner("supervision.ReviewTask", "review:", "案卷评查任务", versioned=False, columns=("id",),
                          summarise=review_log, check=check_review)
