"""Issue 7 §2–3: for the demo bureau, every figure in the annual report equals an independent SQL count; the PDF
shows the Chinese text (pdftotext) with the charts embedded (pdfimages); a figure the system does not record is
named as missing; the narrative the bureau writes appears in the report."""
import random
import re
import subprocess
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test import Client

from fazhi.core.layout import to_docx, to_pdf
from fazhi.org.demo import _name
from fazhi.org.models import Bureau, Staff
from fazhi.reports import figures as F
from fazhi.reports.annual import build
from fazhi.reports.models import ReportSection
from tests.reports.conftest import TODAY, sql


def test_every_figure_equals_an_independent_sql_count(demo):
    s = F.Scope(demo, date(2026, 1, 1), date(2026, 12, 31))
    v = F.compute_all(s)
    base = """FROM cases_penaltycase c JOIN org_bureau b ON b.id = c.bureau_id
              WHERE b.path LIKE %s AND c.decided_on BETWEEN %s AND %s AND c.decision_no <> ''"""
    p = (demo.path + "%", date(2026, 1, 1), date(2026, 12, 31))
    # 作出行政处罚决定 counts penalties: a 不予行政处罚决定 is stated apart (no_penalty)
    penalty = " AND c.outcome NOT IN ('no_penalty_minor', 'unfounded')"
    assert v["cases"] == sql("SELECT COUNT(*) " + base + penalty, p)
    assert v["general"] == sql("SELECT COUNT(*) " + base + penalty + " AND c.procedure = 'general'", p)
    assert v["simple"] == sql("SELECT COUNT(*) " + base + penalty + " AND c.procedure = 'simple'", p)
    assert v["fines"] == sql("SELECT SUM(c.fine + c.confiscated_income) " + base, p)
    events = """SELECT COUNT(*) FROM core_event e WHERE e.kind = %s AND e.effective_on BETWEEN %s AND %s
                AND e.stream IN (SELECT 'case:' || REPLACE(CAST(c.uuid AS TEXT), '-', '') FROM cases_penaltycase c
                JOIN org_bureau b ON b.id = c.bureau_id WHERE b.path LIKE %s)"""
    if connection.vendor == "postgresql":
        events = events.replace("REPLACE(CAST(c.uuid AS TEXT), '-', '')", "CAST(c.uuid AS TEXT)")
    else:  # SQLite stores UUIDs as 32 hex digits; the stream has the hyphenated form
        events = events.replace("REPLACE(CAST(c.uuid AS TEXT), '-', '')",
                                "substr(c.uuid,1,8)||'-'||substr(c.uuid,9,4)||'-'||substr(c.uuid,13,4)||'-'||"
                                "substr(c.uuid,17,4)||'-'||substr(c.uuid,21)")
    for key, kind in (("review_opinions", "legal_review"), ("deliberations", "deliberate"),
                      ("court_applications", "apply_court")):
        assert v[key] == sql(events, (kind, date(2026, 1, 1), date(2026, 12, 31), demo.path + "%")), key
        hetang = Bureau.objects.get(code="430202")  # below the root the events are filtered by stream
        below = F.BY_KEY[key].compute(F.Scope(hetang, date(2026, 1, 1), date(2026, 12, 31)))
        assert below == sql(events, (kind, date(2026, 1, 1), date(2026, 12, 31), hetang.path + "%")), key
        assert below <= v[key], key
    pub = "FROM disclosure_publication p JOIN org_bureau b ON b.id = p.bureau_id WHERE b.path LIKE %s AND " \
          "p.decided_on BETWEEN %s AND %s"
    n, on_time = sql("SELECT COUNT(*) " + pub, p), sql("SELECT COUNT(*) " + pub + " AND p.on_time", p)
    assert v["published_on_time"] == F.Rate(on_time, n)
    assert v["no_penalty"] and sum(v["no_penalty"].values()) == sql(
        "SELECT COUNT(*) " + base + " AND c.outcome IN ('no_penalty_minor', 'unfounded')", p)
    ins = "FROM inspections_inspection i JOIN org_bureau b ON b.id = i.bureau_id WHERE b.path LIKE %s " \
          "AND i.inspected_on BETWEEN %s AND %s"
    assert v["inspections"] == sql("SELECT COUNT(*) " + ins, p) > 0
    assert v["random_share"] == F.Rate(sql("SELECT COUNT(*) " + ins + " AND i.kind = 'random'", p), v["inspections"])
    sheets = "FROM supervision_scoresheet s JOIN cases_penaltycase c ON c.id = s.case_id JOIN org_bureau b " \
             "ON b.id = c.bureau_id WHERE b.path LIKE %s AND s.status = 'done' AND s.scored_on BETWEEN %s AND %s"
    assert v["file_reviews"] == sql("SELECT COUNT(*) " + sheets, p) > 0
    assert v["file_review_vetoes"] == sql("SELECT COUNT(*) " + sheets + " AND s.grade = '不合格' AND s.score = 0", p)
    assert str(v["file_review_score"]) == f"{Decimal(str(sql('SELECT AVG(s.score) ' + sheets, p))):.1f}"
    assert sum(v["file_review_grades"].values()) == v["file_reviews"]
    fixes = "FROM supervision_rectification r JOIN supervision_scoresheet s ON s.id = r.sheet_id JOIN org_bureau b " \
            "ON b.id = r.owner_id WHERE b.path LIKE %s AND s.scored_on BETWEEN %s AND %s"
    assert v["review_problems"] == sql("SELECT COUNT(*) " + fixes, p) > 0
    assert 0 < v["review_problems_fixed"] == sql("SELECT COUNT(*) " + fixes + " AND r.status = 'done'", p) \
        < v["review_problems"]
    orders = "FROM supervision_supervisionorder o JOIN org_bureau b ON b.id = o.issuer_id WHERE b.path LIKE %s " \
             "AND o.issued_on BETWEEN %s AND %s"
    assert v["supervision_orders"] == sql("SELECT COUNT(*) " + orders, p) > 0
    on_time = sql("SELECT COUNT(*) " + orders + " AND o.status <> 'open' AND o.answered_on <= o.due", p)
    assert v["supervision_orders_on_time"] == F.Rate(on_time, v["supervision_orders"]) and 0 < on_time
    general = base + " AND c.procedure = 'general'"
    reviewed = sql("SELECT COUNT(*) " + general + " AND c.review_required AND c.review_passed_rev > 0", p)
    required = sql("SELECT COUNT(*) " + general + " AND c.review_required", p)
    assert required and v["review_coverage"] == F.Rate(reviewed, required)
    timed = general + " AND NOT c.on_spot AND c.filed_on IS NOT NULL"
    within = "c.decided_on - c.filed_on <= 90 + c.extension_days" if connection.vendor == "postgresql" else \
        "julianday(c.decided_on) - julianday(c.filed_on) <= 90 + c.extension_days"
    assert v["in_time"] == F.Rate(sql(f"SELECT COUNT(*) {timed} AND {within}", p), sql("SELECT COUNT(*) " + timed, p))


def test_issue_figures_equal_an_independent_sql_count(demo):
    from fazhi.citydesk.demo import build_citydesk

    rng, used = random.Random(5), {s.full_name for s in Staff.objects.all()}
    build_citydesk(demo.demo_staff, rng, TODAY, lambda: _name(rng, used))
    year = (date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
    v = F.compute_all(F.Scope(demo, *year))
    issues = "FROM citydesk_issue i WHERE i.reported_at >= %s AND i.reported_at < %s"
    from datetime import datetime
    from zoneinfo import ZoneInfo
    tz = ZoneInfo("Asia/Shanghai")
    p = (datetime(TODAY.year, 1, 1, tzinfo=tz), datetime(TODAY.year + 1, 1, 1, tzinfo=tz))
    assert v["issues"] == sql("SELECT COUNT(*) " + issues, p) > 100
    assert v["issues_self_fixed"] == sql("SELECT COUNT(*) " + issues + " AND i.channel = 'self'", p)
    registered = issues + " AND i.registered_at IS NOT NULL AND NOT i.voided_after_register"
    assert v["issues_registered"] == sql("SELECT COUNT(*) " + registered, p)
    closed = registered + " AND i.status = 'closed'"
    n_closed = sql("SELECT COUNT(*) " + closed, p)
    assert v["issues_closed"] == F.Rate(n_closed, v["issues_registered"])
    in_time = sql("SELECT COUNT(*) " + closed + " AND (i.handled_at <= i.due_at OR i.exempt)", p)
    assert v["issues_in_time"] == F.Rate(in_time, n_closed) and in_time < n_closed  # some were late


def test_report_pdf_has_its_sentences_charts_and_narrative(demo):
    ReportSection.objects.create(bureau=demo, year=2026, part=2, text="执法力量与任务不匹配，基层中队人员不足。")
    doc, v = build(demo, 2026)
    pdf = to_pdf(doc)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode())
    # The city bureau decides no case itself: the districts' decisions are stated as theirs, never as 本机关's.
    sub = F.compute_all(F.Scope(demo, date(2026, 1, 1), date(2026, 12, 31), "subordinate"))
    assert sub["cases"] == v["cases"]
    assert "本机关本年度未直接作出行政处罚决定" in text
    assert (f"区县局（荷塘区局、芦淞区局、石峰区局、天元区局、渌口区局、醴陵市局）全年作出行政处罚决定{sub['cases']}起"
            in text)
    assert f"其中一般程序{sub['general']}起、简易程序{sub['simple']}起" in text
    assert "执法力量与任务不匹配" in text and "发生行政复议案件" in text and "本系统未记录：督办的下达与答复" not in text
    own = F.compute_all(F.Scope(demo, date(2026, 1, 1), date(2026, 12, 31), "own"))
    assert own["supervision_orders"] == v["supervision_orders"] > 0
    assert f"加强执法监督。本机关对下级机关下达督办{v['supervision_orders']}件" in text
    assert f"评定所属区县局行政执法案卷{v['file_reviews']}卷" in text
    assert "三、党政主要负责人履行推进法治建设第一责任人职责" in text and "四、下一年度推进法治政府建设的主要安排" in text
    images = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True).stdout.decode()
    assert sum(1 for line in images.splitlines()[2:] if " image " in line) >= 3  # the three charts
    assert to_docx(doc)[:2] == b"PK"


def test_report_page_definitions_drilldown_and_editing(demo):
    c = Client()
    c.force_login(Staff.objects.get(username="city_supervisor"))
    page = c.get("/reports/annual/430200/2026/").content.decode()
    assert "按期办结率" in page and "自立案之日起九十日" in page
    drill = c.get("/reports/annual/430200/2026/?records=general").content.decode()
    assert "一般程序案件数：明细" in drill
    assert c.get("/reports/annual/430200/2026.pdf").content.startswith(b"%PDF")
    other = Client()
    other.force_login(Staff.objects.get(username="lusong_head"))
    assert other.get("/reports/annual/430200/2026/").status_code == 404  # a district sees only its own subtree
    officer = Client()
    officer.force_login(Staff.objects.get(username="lusong_officer1"))
    assert officer.get("/reports/annual/430203/2026/").status_code == 403  # an officer's work needs no report
    head = Client()
    head.force_login(Staff.objects.get(username="hetang_head"))
    head.post("/reports/annual/430202/2026/", {"part4": "推进执法数字化。"})
    assert ReportSection.objects.get(bureau__code="430202", part=4).text == "推进执法数字化。"
    from fazhi.core.models import Event

    assert Event.objects.get(stream="report:430202:2026").data == {"part": 4, "text": "推进执法数字化。"}
    officer = Client()
    officer.force_login(Staff.objects.get(username="hetang_officer1"))
    assert officer.post("/reports/annual/430202/2026/", {"part4": "改写"}).status_code == 403
    assert ReportSection.objects.get(bureau__code="430202", part=4).text == "推进执法数字化。"


def test_quarterly_summary_and_month_chart(demo):
    from fazhi.reports.annual import build_quarterly

    doc, v = build_quarterly(demo, 2026, 1)
    s = F.Scope(demo, date(2026, 1, 1), date(2026, 3, 31))
    assert v["cases"] == F.penalties(s).count()
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-", "-"], input=to_pdf(doc), capture_output=True).stdout.decode())
    cells = [c for b in doc.blocks if hasattr(b, "header") for row in b.rows for c in row]
    assert "2026年第1季度执法信息报送表" in text
    # 行政许可 is recorded now (issue #17): the quarter states it instead of 未记录.
    assert "受理行政许可申请" in cells and "办结行政许可" in cells
    assert not any("未记录" in c and "行政许可" in c for c in cells)
    c = Client()
    c.force_login(Staff.objects.get(username="city_supervisor"))
    png = c.get("/reports/annual/430200/2026/months.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")


def test_dashboard_charts_and_anomaly_drilldown(demo):
    from fazhi.cases.models import PenaltyCase

    late = PenaltyCase.objects.filter(bureau__code="430202").exclude(status__in=["closed", "archived"]).first()
    PenaltyCase.objects.filter(pk=late.pk).update(next_due=date(2020, 1, 1))
    c = Client()
    c.force_login(Staff.objects.get(username="city_supervisor"))
    page = c.get("/reports/dashboard/?year=2026").content.decode()
    v = F.compute_all(F.Scope(demo, date(2026, 1, 1), date(2026, 12, 31)))
    assert f"{v['cases']}起" in page and "各月作出行政处罚决定数" in page and "按违法行为" in page
    months = re.findall(r'<li><span>(\d+)月</span><span class="bar"><span style="width:[\d.]+%"></span></span>'
                        r'<span class="n">(\d+)</span>', page)
    assert [(int(m), int(n)) for m, n in months[:12]] == F.by_month(F.Scope(demo, date(2026, 1, 1), date(2026, 12, 31)))
    drill = c.get("/reports/dashboard/", {"year": 2026, "bureau": "430202", "anomaly": "期限已逾期"}).content.decode()
    assert f"/cases/{late.uuid}/" in drill
    assert f"{late.uuid}" not in c.get("/reports/dashboard/", {"bureau": "430203", "anomaly": "期限已逾期"}).content.decode()
    hetang = Client()
    hetang.force_login(Staff.objects.get(username="hetang_head"))
    assert hetang.get("/reports/dashboard/?bureau=430203").status_code == 404  # another district's figures


def test_campaign_figures_per_campaign_equal_an_independent_sql_count(demo, client):
    """SUP-04: the annual report and the dashboard state, per 专项整治, the problems found in the year and those
    rectified (整改销号); each equals a count in SQL, and the city bureau's campaigns are its own work (本机关)."""
    year = (date(2026, 1, 1), date(2026, 12, 31))
    v = F.compute_all(F.Scope(demo, *year))
    q = """SELECT c.title, COUNT(*) FROM supervision_campaignproblem p
           JOIN supervision_campaign c ON c.id = p.campaign_id JOIN org_bureau b ON b.id = c.bureau_id
           WHERE b.path LIKE %s AND p.found_on BETWEEN %s AND %s {} GROUP BY c.title"""
    with connection.cursor() as cur:
        cur.execute(q.format(""), (demo.path + "%", *year))
        found = dict(cur.fetchall())
        cur.execute(q.format("AND p.status = 'done'"), (demo.path + "%", *year))
        fixed = dict(cur.fetchall())
    assert set(found) == {"城市管理执法乱象专项整治", "住建领域行政执法突出问题专项整治"}
    assert v["campaign_problems"] == found
    assert v["campaign_problems_fixed"] == {t: fixed.get(t, 0) for t in found}
    assert all(0 < fixed[t] < found[t] for t in found)   # rectified and open problems in each
    own = F.compute_all(F.Scope(demo, *year, "own"))
    assert own["campaign_problems"] == found
    doc, _ = build(demo, 2026)
    pdf = to_pdf(doc)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode())
    text = re.sub(r"—\d+—", "", text)   # a page number inside a sentence at a page break
    assert f"本机关组织专项整治2项，发现并列入问题清单的问题{sum(found.values())}个" in text
    for t, n in found.items():
        assert f"{t}发现问题{n}个、已整改销号{fixed[t]}个" in text
    client.force_login(Staff.objects.get(username="city_head"))
    page = client.get("/reports/dashboard/?year=2026").content.decode()
    for t, n in found.items():
        assert f"发现问题{n}个，已整改销号{fixed[t]}个" in page and t in page
