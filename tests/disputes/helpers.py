"""Helpers for dispute tests through the API (the personas of tests/conftest.py: hetang_reviewer is 荷塘's 法制审核员)."""
from __future__ import annotations


def post(api, user, path, **body):
    return api(user).post(path, body)


def step(api, user, dispute, action, **body):
    return api(user).post(f"/disputes/{dispute}/actions/{action}", body)


def ok(result, status=200):
    code, body = result
    assert code == status, body
    return body


def refused(result, code, status=409):
    got, body = result
    assert got == status, body
    assert body["code"] == code, body
    assert body["message"] and body["basis"]["law"], body
    return body


def open_on_case(api, case, *, filed_on, received_on=None, kind="reconsideration", user="hetang_reviewer",
                 body="株洲市荷塘区人民政府", simple=False):
    """A 复议 (or lawsuit) on a penalty decision; returns the dispute's uuid."""
    d = ok(post(api, user, "/disputes", on=received_on or filed_on, kind=kind, applicant="张三", body=body,
                act_kind="penalty", act_description="行政处罚决定", case=str(case), filed_on=filed_on,
                received_on=received_on or filed_on, simple=simple), 201)
    return d["uuid"]


def answer(api, dispute, *, on, user="hetang_reviewer", collected_on="2026-03-04"):
    ok(step(api, user, dispute, "add_evidence", on=on, title="现场检查笔录", collected_on=collected_on))
    return ok(step(api, user, dispute, "file_answer", on=on, document="行政复议答复书",
                   basis_text="《城市市容和环境卫生管理条例》第三十六条"))


def end_on_case(api, case, *, filed_on, ended_on, result, user="hetang_reviewer"):
    """Open a 复议 on the case, answer it the day it arrived, and record the 复议决定 on `ended_on`."""
    d = open_on_case(api, case, filed_on=filed_on, user=user)
    answer(api, d, on=filed_on, user=user)
    return d, step(api, user, d, "record_result", on=ended_on, result=result)
