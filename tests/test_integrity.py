"""Concurrent actions on one case and the tamper-evidence of the event chain (PEN-28)."""
import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, connections

from fazhi.cases import actions as A
from fazhi.cases.models import PenaltyCase
from fazhi.core.events import verify_all
from fazhi.core.models import Event
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Staff


def _clue(org):
    return A.register(by=org["hetang"].officers[0], on=date(2026, 3, 2), party_kind="org", party_name="某公司",
                      cause="堆放物料", act_on=date(2026, 3, 1), discovered_on=date(2026, 3, 2))


def _race(n, fn):
    barrier = threading.Barrier(n)
    results = []

    def run(i):
        try:
            barrier.wait()
            fn(i)
            results.append("ok")
        except RuleViolation as e:
            results.append(e.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_20_parallel_conflicting_actions_one_wins_rest_get_a_clear_error(org):
    case = _clue(org)
    head = org["hetang"].head.pk
    officers = [s.pk for s in org["hetang"].officers[:2]]

    def file_it(i):
        A.file_case(PenaltyCase.objects.get(pk=case.pk), by=Staff.objects.get(pk=head), on=date(2026, 3, 3),
                    officers=list(Staff.objects.filter(pk__in=officers)))

    results = _race(20, file_it)
    assert results.count("ok") == 1, results
    assert set(results) - {"ok"} == {"CASE-STATE"}
    case.refresh_from_db()
    assert case.status == "investigating" and case.officers.count() == 2
    assert case.case_no == "荷城管立字〔2026〕第0001号"  # one number taken: the losers took none
    assert list(verify_all()) == []


@pytest.mark.django_db(transaction=True)
def test_20_parallel_writes_with_the_same_expected_version_one_wins(org):
    case = _clue(org)
    case = A.file_case(case, by=org["hetang"].head, on=date(2026, 3, 3), officers=org["hetang"].officers[:2])
    version = case.version
    officer = org["hetang"].officers[0].pk

    def add(i):
        A.add_evidence(PenaltyCase.objects.get(pk=case.pk), by=Staff.objects.get(pk=officer), on=date(2026, 3, 4),
                       kind="documentary", title=f"证据{i}", expected_version=version)

    results = _race(20, add)
    assert results.count("ok") == 1 and results.count("CASE-CONFLICT") == 19, results
    assert PenaltyCase.objects.get(pk=case.pk).evidence.count() == 1
    assert Event.objects.filter(stream=case.stream).count() == 3
    assert list(verify_all()) == []


def test_PEN_28_verify_names_the_first_altered_event(org):
    case = _clue(org)
    case = A.file_case(case, by=org["hetang"].head, on=date(2026, 3, 3), officers=org["hetang"].officers[:2])
    A.add_evidence(case, by=org["hetang"].officers[0], on=date(2026, 3, 4), kind="documentary", title="书证")
    call_command("verify")
    with connection.cursor() as c:  # someone edits the database behind the application's back
        if connection.vendor == "postgresql":  # the owner switches the append-only trigger off first
            c.execute("ALTER TABLE core_event DISABLE TRIGGER core_event_append_only")
        c.execute("UPDATE core_event SET data = %s WHERE stream = %s AND seq = 2",
                  ['{"status": "investigating", "tampered": true}', case.stream])
    breaks = list(verify_all())
    assert [(b.stream, b.seq) for b in breaks] == [(case.stream, 2)]
    with pytest.raises(Exception, match="校验失败：1 处不一致"):
        call_command("verify")


def test_PEN_28_events_cannot_be_changed_through_the_application(org):
    case = _clue(org)
    ev = Event.objects.get(stream=case.stream)
    ev.kind = "x"
    with pytest.raises(RuntimeError):
        ev.save()
    with pytest.raises(RuntimeError):
        ev.delete()
