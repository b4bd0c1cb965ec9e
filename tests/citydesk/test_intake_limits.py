"""DCM-02: what a reporter types is bounded before it is stored — the same refusal on SQLite (which would keep
any length) and PostgreSQL (which would raise), on the public form, Open311 and the hotline alike."""
import pytest

from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Issue
from fazhi.law.basis import RuleViolation
from tests.citydesk.desk import HETANG_WGS84


def _report(desk, **typed):
    fields = {"description": "人行道上堆放建筑垃圾", "address": "", "reporter_name": "", "reporter_phone": ""}
    return C.report(channel="hotline", category=desk["category"], lng=HETANG_WGS84[0], lat=HETANG_WGS84[1],
                    by=desk["desk_operator"], **{**fields, **typed})


@pytest.mark.parametrize("typed, ok", [
    ({"description": "垃" * C.DESCRIPTION_MAX}, True),
    ({"description": "垃" * (C.DESCRIPTION_MAX + 1)}, False),
    ({"address": "路" * 200}, True),
    ({"address": "路" * 201}, False),
    ({"reporter_name": "欧" * 40}, True),
    ({"reporter_name": "欧" * 41}, False),
    ({"reporter_phone": "138 0000 0000"}, True),
    ({"reporter_phone": "+86-731-2812-3456"}, True),
    ({"reporter_phone": "１３８００００００００"}, True),
    ({"reporter_phone": "12345"}, False),
    ({"reporter_phone": "abc"}, False),
    ({"reporter_phone": "1" * 21}, False),
])
def test_DCM_02_reporter_text_is_bounded_before_it_is_stored(desk, typed, ok):
    before = Issue.objects.count()
    if ok:
        _report(desk, **typed)
        assert Issue.objects.count() == before + 1
    else:
        with pytest.raises(RuleViolation) as e:
            _report(desk, **typed)
        assert e.value.code == "DCM-02"
        assert Issue.objects.count() == before
