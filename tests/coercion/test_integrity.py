"""A measure's row keeps the version of its last event, so `fazhi verify` finds its record and its log agree."""
from io import StringIO

from django.core.management import call_command

from fazhi.coercion.models import Measure
from fazhi.core.models import Event


def test_each_measures_row_version_is_its_last_events(api):
    from tests.test_workflow_offered import SAMPLES

    measures = SAMPLES["coercion"](api)
    assert measures
    for m in Measure.objects.all():
        last = Event.objects.filter(stream=m.stream).order_by("-seq").first()
        assert m.version == last.data["version"] == last.seq, (m.number, m.status)
    out = StringIO()
    call_command("verify", stdout=out)
    assert "校验通过" in out.getvalue(), out.getvalue()
