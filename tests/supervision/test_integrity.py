"""`fazhi verify` compares the 执法监督 records with their logs (PEN-28 for every stream): a 督办单, a 评查 task with its
sheets, items and 整改 items, a 专项整治 campaign and its problems — each changed behind the log is named."""
from django.db import connection

from fazhi.core.integrity import audit
from tests.supervision.campaigns import problem_samples
from tests.supervision.helpers import samples
from tests.supervision.orders import order_samples


def findings() -> str:
    return "\n".join(str(f) for f in audit().findings)


def test_the_supervision_streams_verify_and_a_change_behind_the_log_is_named(api):
    orders = order_samples(api)
    task, sheets, fixes = samples(api)
    problems = problem_samples()
    assert audit().ok, findings()
    with connection.cursor() as c:
        c.execute("UPDATE supervision_supervisionorder SET status = 'closed', due = '2027-01-31' WHERE id = %s",
                  [orders[0].pk])
        c.execute("UPDATE supervision_scoresheet SET score = 100 WHERE id = %s", [sheets[3].pk])
        c.execute("UPDATE supervision_sheetitem SET passed = %s WHERE sheet_id = %s AND confirmed",
                  [False, sheets[2].pk])
        c.execute("UPDATE supervision_rectification SET status = 'done' WHERE id = %s", [fixes[1].pk])
        c.execute("UPDATE supervision_campaignproblem SET status = 'done' WHERE id = %s", [problems[0].pk])
    out = findings()
    assert f"督办单（{orders[0].stream}）：状态为“已办结”，全过程记录为“待答复”" in out
    assert "办理期限为“2027-01-31”，全过程记录为“2026-12-31”" in out
    assert f"案卷评查任务（{task.stream}）" in out and "的得分或等级为“100.0分" in out
    assert "的结论与全过程记录不一致" in out and f"整改事项（{fixes[1].uuid}）" in out
    assert f"专项整治问题（{problems[0].stream}）：状态为“已整改销号”，全过程记录为“整改中”" in out
