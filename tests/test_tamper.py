"""Tamper-evidence beyond the chain links (PEN-28, issue 12 §6): each deletion or drift made behind the
application's back is found by `fazhi verify` and named, with the record and what differs."""
import json
from contextlib import contextmanager
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from fazhi.cases import actions as A
from fazhi.citydesk import actions as C
from fazhi.core.integrity import audit, check_signature, take_checkpoint
from fazhi.core.models import Checkpoint, Event
from tests.citydesk.desk import HETANG_WGS84

TZ = ZoneInfo("Asia/Shanghai")
PG = connection.vendor == "postgresql"


@contextmanager
def behind_the_back():
    """Raw SQL as someone with the table owner's rights: on PostgreSQL they first switch the append-only
    trigger off (what the trigger alone cannot stop, and what the heads and checkpoints catch)."""
    with connection.cursor() as c:
        if PG:
            c.execute("ALTER TABLE core_event DISABLE TRIGGER core_event_append_only")
        yield c
        if PG:
            c.execute("ALTER TABLE core_event ENABLE TRIGGER core_event_append_only")


def _case(org):
    h = org["hetang"]
    case = A.register(by=h.officers[0], on=date(2026, 3, 2), party_kind="org", party_name="株洲市某公司",
                      cause="擅自占道堆放物料", act_on=date(2026, 3, 1), discovered_on=date(2026, 3, 2))
    case = A.file_case(case, by=h.head, on=date(2026, 3, 3), officers=h.officers[:2])
    return A.add_evidence(case, by=h.officers[0], on=date(2026, 3, 4), kind="documentary", title="书证")


def _issue(desk):
    at = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    i = C.report(channel="hotline", category=desk["category"], description="路边暴露垃圾", lng=HETANG_WGS84[0],
                 lat=HETANG_WGS84[1], at=at)
    return C.accept(i, by=desk["desk_operator"], at=at)


def _verify_fails() -> str:
    out = []
    with pytest.raises(CommandError, match="校验失败"):
        call_command("verify", stdout=_Lines(out))
    return "\n".join(out)


class _Lines:
    def __init__(self, out):
        self.out = out

    def write(self, s):
        self.out.append(s)

    def flush(self):
        pass


def test_clean_log_verifies_with_heads_records_and_checkpoint(org, desk):
    _case(org)
    _issue(desk)
    assert audit().ok
    cp, _ = take_checkpoint()
    assert check_signature(cp.document) == ""
    a = audit()
    assert a.ok, a.findings
    assert a.checkpoint and a.records == 2


def test_PEN_28_deleted_last_event_of_a_case_is_named(org):
    case = _case(org)
    with behind_the_back() as c:
        c.execute("DELETE FROM core_event WHERE stream = %s AND seq = 3", [case.stream])
    out = _verify_fails()
    assert f"案件 {case.case_no}（{case.stream}）：案件记载第3条记录，全过程记录末条为第2条：末尾记录被删除" in out


def test_PEN_28_deleted_last_event_of_an_issue_is_named(desk):
    issue = _issue(desk)
    with behind_the_back() as c:
        c.execute("DELETE FROM core_event WHERE stream = %s AND seq = 2", [issue.stream])
    out = _verify_fails()
    assert f"城市管理问题（{issue.stream}）：链头记载2条记录，现仅存1条：末尾记录被删除" in out


def test_PEN_28_deleted_stream_is_named_by_its_record_and_by_the_checkpoint(org, desk):
    case, issue = _case(org), _issue(desk)
    take_checkpoint()
    with behind_the_back() as c:
        c.execute("DELETE FROM core_event WHERE stream IN (%s, %s)", [case.stream, issue.stream])
        c.execute("DELETE FROM core_streamhead WHERE stream = %s", [issue.stream])  # the head too
    out = _verify_fails()
    assert f"案件 {case.case_no}（{case.stream}）：全过程记录整条被删除" in out
    assert f"城市管理问题（{issue.stream}）：全过程记录整条被删除" in out
    assert f"城市管理问题（{issue.stream}）：检查点记载2条记录，现整条记录流不存在：记录流被删除" in out


def test_PEN_28_deleted_record_with_its_stream_and_head_is_caught_by_the_checkpoint_file(org, desk, tmp_path):
    issue = _issue(desk)
    take_checkpoint()
    held = tmp_path / "checkpoint.json"
    call_command("checkpoint", out=str(held), stdout=_Lines([]))
    with behind_the_back() as c:  # the whole trace: row, photos, events, head and the stored checkpoints
        c.execute("DELETE FROM core_event WHERE stream = %s", [issue.stream])
        c.execute("DELETE FROM core_streamhead WHERE stream = %s", [issue.stream])
        c.execute("DELETE FROM citydesk_issuephoto WHERE issue_id = %s", [issue.pk])
        c.execute("DELETE FROM citydesk_issue WHERE id = %s", [issue.pk])
        if PG:
            c.execute("ALTER TABLE core_checkpoint DISABLE TRIGGER core_checkpoint_append_only")
        c.execute("DELETE FROM core_checkpoint")
    call_command("verify", stdout=_Lines([]))  # nothing left inside the database to compare with
    out = []
    with pytest.raises(CommandError, match="校验失败"):
        call_command("verify", checkpoint=str(held), stdout=_Lines(out))
    assert f"{issue.stream}：检查点记载2条记录，现整条记录流不存在：记录流被删除" in "\n".join(out)


def test_PEN_28_case_row_changed_behind_the_log_is_named(org):
    case = _case(org)
    with connection.cursor() as c:
        c.execute("UPDATE cases_penaltycase SET status = 'closed', case_no = %s WHERE id = %s",
                  ["荷城管立字〔2026〕第9999号", case.pk])
    out = _verify_fails()
    assert "案件状态为“已结案”，全过程记录为“调查取证”：案件被绕过全过程记录修改" in out
    assert "立案编号为“荷城管立字〔2026〕第9999号”，全过程记录为“荷城管立字〔2026〕第0001号”" in out


def test_PEN_28_issue_status_changed_behind_the_log_is_named(desk):
    issue = _issue(desk)
    with connection.cursor() as c:
        c.execute("UPDATE citydesk_issue SET status = 'closed' WHERE id = %s", [issue.pk])
    out = _verify_fails()
    assert f"城市管理问题（{issue.stream}）：状态为“已结案”，全过程记录为“待立案”：记录被绕过全过程记录修改" in out


def test_PEN_28_rewritten_last_event_with_a_matching_chain_is_caught_by_the_checkpoint(org):
    """Someone recomputes the hashes of a rewritten tail and the record's head: only the checkpoint knows."""
    case = _case(org)
    take_checkpoint()
    ev = Event.objects.get(stream=case.stream, seq=3)
    body = {**ev.body(), "data": {**ev.data, "title": "另一份书证"}}
    from fazhi.core.chain import event_hash

    new = event_hash(body)
    with behind_the_back() as c:
        c.execute("UPDATE core_event SET data = %s, hash = %s WHERE stream = %s AND seq = 3",
                  [json.dumps(body["data"], ensure_ascii=False), new, case.stream])
        c.execute("UPDATE cases_penaltycase SET chain_head = %s WHERE id = %s", [new, case.pk])
    out = _verify_fails()
    assert f"案件 {case.case_no}（{case.stream}）：第3条与检查点记载的哈希不一致：记录被改写" in out


def test_a_forged_checkpoint_is_refused(org, tmp_path):
    _case(org)
    cp, _ = take_checkpoint()
    doc = {**cp.document, "heads": {}}
    assert "检查点内容与其摘要不一致" in check_signature(doc)
    from fazhi.core.integrity import _digest

    doc["digest"] = _digest(doc)
    assert "检查点签名无效" in check_signature(doc)
    f = tmp_path / "forged.json"
    f.write_text(json.dumps(doc))
    out = []
    with pytest.raises(CommandError):
        call_command("verify", checkpoint=str(f), stdout=_Lines(out))
    assert any("检查点：检查点签名无效" in line for line in out)


def test_a_checkpoint_is_not_signed_over_a_broken_log(org):
    case = _case(org)
    with behind_the_back() as c:
        c.execute("DELETE FROM core_event WHERE stream = %s AND seq = 3", [case.stream])
    with pytest.raises(CommandError, match="未签署检查点"):
        call_command("checkpoint", stdout=_Lines([]))
    assert not Checkpoint.objects.exists()


@pytest.mark.skipif(not PG, reason="the append-only trigger is PostgreSQL's; SQLite runs the application checks only")
def test_PEN_28_postgresql_refuses_update_and_delete_of_events_and_checkpoints(org):
    case = _case(org)
    take_checkpoint()
    for attempt in (lambda: Event.objects.filter(stream=case.stream).update(kind="x"),
                    lambda: Event.objects.filter(stream=case.stream, seq=3).delete(),
                    lambda: Checkpoint.objects.all().update(mac="0" * 64),
                    lambda: Checkpoint.objects.all().delete()):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert Event.objects.filter(stream=case.stream).count() == 3
    assert audit().ok
