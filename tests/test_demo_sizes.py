"""`fazhi demo` with non-default sizes loads whole (issue 15): `--general 2 --simple 2` builds every context, prints
its progress and logins, and the loaded event log verifies (hash chains, records against their streams)."""
from io import StringIO

from django.core.management import call_command

from fazhi.cases.models import PenaltyCase, Procedure
from fazhi.citydesk.models import Issue
from fazhi.org.models import Bureau


def test_small_demo_loads_and_verifies(db):
    out = StringIO()
    call_command("demo", general=2, simple=2, stdout=out)
    text = out.getvalue()
    assert "已载入演示数据" in text and "city_admin" in text and "秒]" in text
    districts = Bureau.objects.exclude(parent=None).count()
    assert districts > 0
    general = PenaltyCase.objects.filter(procedure=Procedure.GENERAL).count()
    simple = PenaltyCase.objects.filter(procedure=Procedure.SIMPLE).count()
    assert general >= 2 and simple >= 2
    assert general < 24 * districts and simple < 30 * districts  # the sizes were taken, not the defaults
    assert Issue.objects.exists()
    verified = StringIO()
    call_command("verify", stdout=verified)
    assert "校验通过" in verified.getvalue()
