"""Issue 14 §4–5: the annual report and the quarterly 执法信息报送 as bureaus publish them — the lint over the text of
both, DOCX and PDF, for every demo bureau; A4 pages; every new figure equals an independent count; zero as 0 with
"本年度无…"; rates with numerator and denominator; money to two decimals; the page shows the document's values; no
one-bar chart; the anomalies drafted as problems with their counts; the bureau's edits replace the draft."""
import io
import re
import subprocess
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test import Client

from fazhi.core import doclint
from fazhi.core.layout import Picture, to_docx, to_pdf
from fazhi.org.models import Bureau, BureauKind, Staff
from fazhi.reports import figures as F
from fazhi.reports.annual import build, build_quarterly, charts, report
from fazhi.reports.models import ReportSection
from fazhi.reports.present import show
from tests.reports.conftest import TODAY, sql

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def pdf_text(pdf: bytes) -> str:
    """The PDF's text without whitespace and without the page numbers (—2—) a page break puts inside a sentence."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", out))


def docx_parts(data: bytes):
    """The DOCX's paragraphs and table cells, each as its own string; and its sections."""
    from docx import Document

    d = Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    texts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return texts, d.sections


def test_lint_passes_over_annual_and_quarterly_docx_and_pdf_for_every_demo_bureau(demo):
    """The 文书 lint (core/doclint.py) over both reports of every demo bureau: A4 pages and sections, no None or
    English, no doubled punctuation or repeated clause, rates as percentages with their counts, money to two
    decimals, no page holding only the signature."""
    bureaus = list(Bureau.objects.exclude(kind=BureauKind.SQUAD).order_by("code"))
    assert len(bureaus) == 7
    for b in bureaus:
        for doc, _ in (build(b, 2026, today=TODAY), build_quarterly(b, 2026, 2, today=TODAY)):
            docx = to_docx(doc)
            found = doclint.doc_problems(doc) + doclint.pdf_problems(to_pdf(doc), doc) + doclint.docx_problems(docx)
            assert not found, f"{b.short_name} {doc.title}: {found}"
            assert {(round(s.page_width.mm), round(s.page_height.mm)) for s in docx_parts(docx)[1]} == {(210, 297)}


def test_lint_names_what_the_old_report_printed():
    """What the report printed before issue 14 is caught, each by name; what it prints now is not."""
    bad = "复议纠错率None起；{'复议纠错率': None}；公示及时率0.8333，5/6；罚没款23.1480万元。。案卷评查数未记录卷"
    found = "\n".join(doclint.text_problems(bad))
    for what in ("'None'", "container", "bare fraction", "without its percentage", "two decimals", "punctuation"):
        assert what in found, what
    assert doclint.text_problems("公示及时率83.3%（5/6）；罚没款23.15万元；0.00万元（本年度无罚没款）。") == []


def test_new_figures_equal_an_independent_count(demo):
    v = F.compute_all(F.Scope(demo, *YEAR))
    streams = "SELECT 'case:' || {uuid} FROM cases_penaltycase c JOIN org_bureau b ON b.id = c.bureau_id " \
              "WHERE b.path LIKE %s"
    uuid = "CAST(c.uuid AS TEXT)" if connection.vendor == "postgresql" else \
        "substr(c.uuid,1,8)||'-'||substr(c.uuid,9,4)||'-'||substr(c.uuid,13,4)||'-'||substr(c.uuid,17,4)||'-'||" \
        "substr(c.uuid,21)"
    ev = "FROM core_event e WHERE e.kind = %s AND e.effective_on BETWEEN %s AND %s AND e.stream IN (" + \
        streams.format(uuid=uuid) + ")"
    p = lambda kind: (kind, *YEAR, demo.path + "%")  # noqa: E731
    assert v["hearing_requests"] == sql("SELECT COUNT(*) " + ev, p("request_hearing")) > 0
    attended = "(e.data ->> 'party_attended')::boolean" if connection.vendor == "postgresql" else \
        "json_extract(e.data, '$.party_attended')"
    assert v["hearings"] == sql(f"SELECT COUNT(*) {ev} AND {attended}", p("hold_hearing")) > 0
    assert v["reviewed_cases"] == sql("SELECT COUNT(DISTINCT e.stream) " + ev, p("legal_review")) > 0
    assert v["reviewed_cases"] <= v["review_opinions"]
    cases = "FROM cases_penaltycase c JOIN org_bureau b ON b.id = c.bureau_id WHERE b.path LIKE %s"
    assert v["transferred"] == sql(f"SELECT COUNT(*) {cases} AND c.transferred_on BETWEEN %s AND %s",
                                   (demo.path + "%", *YEAR))
    assert v["transfers_in"] == sql(f"SELECT COUNT(*) {cases} AND c.source = 'transfer_in' AND c.filed_on "
                                    "BETWEEN %s AND %s", (demo.path + "%", *YEAR))
    assert v["assigned"] == sql(f"SELECT COUNT(*) {cases} AND c.source = 'assigned' AND c.filed_on "
                                "BETWEEN %s AND %s", (demo.path + "%", *YEAR))
    decided = cases + " AND c.decided_on BETWEEN %s AND %s AND c.decision_no <> ''"
    assert v["late_services"] == sql(f"SELECT COUNT(*) {decided} AND c.service_late_days > 0", (demo.path + "%", *YEAR))
    pub = "FROM disclosure_publication p JOIN org_bureau b ON b.id = p.bureau_id WHERE b.path LIKE %s AND " \
          "p.decided_on BETWEEN %s AND %s AND NOT p.on_time"
    assert v["late_publications"] == sql("SELECT COUNT(*) " + pub, (demo.path + "%", *YEAR)) > 0
    # 持证上岗率: officers and squad leaders; one demo officer's certificate was revoked on 30 June.
    posts = """FROM org_staff s JOIN org_bureau b ON b.id = s.bureau_id WHERE b.path LIKE %s AND s.is_active
               AND EXISTS (SELECT 1 FROM org_rolegrant g WHERE g.staff_id = s.id AND g.role IN ('officer', 'squad_leader'))"""
    valid = """ AND EXISTS (SELECT 1 FROM org_certificate c WHERE c.staff_id = s.id AND c.valid_from <= %s
               AND c.valid_until >= %s AND (c.revoked_on IS NULL OR c.revoked_on > %s))"""
    on = min(YEAR[1], date.today())
    den = sql("SELECT COUNT(*) " + posts, (demo.path + "%",))
    num = sql("SELECT COUNT(*) " + posts + valid, (demo.path + "%", on, on, on))
    assert v["certified"] == F.Rate(num, den) and num == den - 1


def test_every_shown_value_is_formatted_and_the_page_shows_the_document_values(demo):
    doc, v = build(demo, 2026, today=TODAY)
    r = report(demo, *YEAR, today=TODAY)
    texts, _ = docx_parts(to_docx(doc))
    cells = set(texts)
    c = Client()
    c.force_login(Staff.objects.get(username="city_supervisor"))
    page = c.get("/reports/annual/430200/2026/").content.decode()
    # The city bureau's 附件 and page state 本机关 and 所属区县局 apart; each column is checked.
    assert r.split and list(r.header()) == ["指标", "本机关", "所属区县局", "统计口径"]
    for f, v in [(f, v) for v in (r.own, r.sub) for f in F.FIGURES]:
        shown = show(f, v[f.key])
        assert "None" not in shown and "{" not in shown, f.key
        if f.kind == "rate" and v[f.key].den:
            assert re.fullmatch(r"\d{1,3}\.\d%（\d+/\d+）", shown), shown
            assert shown == f"{100 * v[f.key].num / v[f.key].den:.1f}%（{v[f.key].num}/{v[f.key].den}）"
        if f.kind == "money" and v[f.key]:
            # 万元 rounded half up, as a bank rounds (57.205 → 57.21), not Python's half-even
            wan = (v[f.key] / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
            assert re.fullmatch(r"\d+\.\d\d万元", shown) and shown == f"{wan}万元", shown
        if f.kind == "missing":
            assert shown.startswith("本系统未记录："), f.key
            assert [f.name, shown] in r.not_recorded()
        assert shown in cells, f.key  # the 附件 (or the not-recorded list) of the document
        assert shown in page, f.key   # the report page: the same value, the same words
    # the figures table is the 附件 after the signature, not a part of the report body
    order = [type(b).__name__ for b in doc.blocks]
    assert order.index("Sign") < order.index("Table")
    assert "附件" in texts and texts.index("五、其他需要报告的情况") < texts.index("附件")


def test_zero_is_0_with_no_such_case_this_year_and_no_chart_is_drawn(demo):
    doc, v = build(demo, 2020, today=TODAY)  # no record at all in 2020
    assert v["cases"] == 0 and v["fines"] == 0 and v["in_time"] == F.Rate(0, 0)
    text = pdf_text(to_pdf(doc))
    assert "全年作出行政处罚决定0起（本年度无作出行政处罚决定的案件）" in text
    assert "罚没款0.00万元（本年度无罚没款）" in text
    assert "按期办结率不适用（本年度无普通程序案件）" in text
    assert "发生行政复议案件0件（本年度无行政复议案件）" in text
    assert not [b for b in doc.blocks if isinstance(b, Picture)]
    assert not doclint.text_problems(text)


def test_a_one_bureau_report_has_no_one_bar_chart(demo):
    hetang = Bureau.objects.get(code="430202")
    drawn = charts(F.Scope(hetang, *YEAR), TODAY)
    assert drawn and all(len(labels) >= 2 for kind, _, labels, _ in drawn if kind == "bar")
    assert not [title for _, title, _, _ in drawn if "区县局" in title]
    assert "所属区县局作出行政处罚决定数" in [title for _, title, _, _ in charts(F.Scope(demo, *YEAR), TODAY)]
    doc, _ = build(hetang, 2026, today=TODAY)
    assert [b.caption for b in doc.blocks if isinstance(b, Picture)] == [
        f"图{i}  {title}" for i, (_, title, _, _) in enumerate(drawn, 1)]
    # one month with decisions: no trend line (one point says nothing), and months to come are not drawn
    one_month = F.Scope(demo, date(2026, 3, 1), date(2026, 3, 31))
    assert "各月作出行政处罚决定数" not in [title for _, title, _, _ in charts(one_month, TODAY)]
    line = [labels for kind, _, labels, _ in charts(F.Scope(demo, *YEAR), TODAY) if kind == "line"]
    assert line == [[f"{m}月" for m in range(1, TODAY.month + 1)]]


def test_anomalies_are_drafted_as_problems_with_their_counts(demo):
    from fazhi.cases.models import PenaltyCase

    open_ = PenaltyCase.objects.filter(bureau__path__startswith=demo.path).exclude(status__in=["closed", "archived"])
    late = list(open_.values_list("pk", flat=True)[:3])
    PenaltyCase.objects.filter(pk__in=late).update(next_due=date(2026, 1, 5))
    overdue = sql("SELECT COUNT(*) FROM cases_penaltycase c JOIN org_bureau b ON b.id = c.bureau_id "
                  "WHERE b.path LIKE %s AND c.next_due < %s", (demo.path + "%", TODAY))
    assert overdue >= 3
    pub = "FROM disclosure_publication p JOIN org_bureau b ON b.id = p.bureau_id WHERE b.path LIKE %s AND " \
          "p.decided_on BETWEEN %s AND %s"
    not_on_time = sql("SELECT COUNT(*) " + pub + " AND NOT p.on_time", (demo.path + "%", *YEAR))
    assert not_on_time > 0
    doc, _ = build(demo, 2026, today=TODAY)
    text = pdf_text(to_pdf(doc))
    part2 = text[text.index("二、推进法治政府建设存在的不足和原因"):text.index("三、党政主要负责人")]
    assert f"{not_on_time}件处罚决定未在作出之日起七个工作日内公开" in part2
    assert f"截至2026年11月20日，办案环节已超过法定或设定期限的案件{overdue}起" in part2
    part4 = text[text.index("四、下一年度推进法治政府建设的主要安排"):text.index("五、其他需要报告的情况")]
    assert "七个工作日内公开" in part4 and "逐件督办" in part4
    # the quarterly 报送 says the same of its quarter
    q, _ = build_quarterly(demo, 2026, 2, today=TODAY)
    qtext = pdf_text(to_pdf(q))
    assert f"办案环节已超过法定或设定期限的案件{overdue}起" in qtext and not doclint.text_problems(qtext)


def test_the_bureaus_text_replaces_the_draft_and_an_unchanged_draft_is_not_stored(demo):
    head = Client()
    head.force_login(Staff.objects.get(username="hetang_head"))
    r = report(Bureau.objects.get(code="430202"), *YEAR)
    drafts = r.drafts()
    page = head.get("/reports/annual/430202/2026/").content.decode()
    assert drafts[1][0] in page  # the draft is the text the bureau edits
    head.post("/reports/annual/430202/2026/", {"part1": "\r\n".join(drafts[1]), "part2": "执法力量不足。"})
    assert not ReportSection.objects.filter(bureau__code="430202", part=1).exclude(text="").exists()
    assert ReportSection.objects.get(bureau__code="430202", part=2).text == "执法力量不足。"
    doc, _ = build(Bureau.objects.get(code="430202"), 2026)
    text = pdf_text(to_pdf(doc))
    assert "执法力量不足。" in text and "原因分析" not in text  # the edit replaced the drafted part 二
    assert drafts[1][0].replace(" ", "") in text  # part 一 still follows the records
    head.post("/reports/annual/430202/2026/", {"part2": ""})  # cleared: the draft comes back
    assert drafts[2][0].replace(" ", "") in pdf_text(to_pdf(build(Bureau.objects.get(code="430202"), 2026)[0]))


@pytest.mark.parametrize("quarter", [1, 4])
def test_quarterly_is_the_quarters_records_in_the_same_presentation(demo, quarter):
    doc, v = build_quarterly(demo, 2026, quarter, today=TODAY)
    texts, _ = docx_parts(to_docx(doc))
    start, end = (date(2026, 1, 1), date(2026, 3, 31)) if quarter == 1 else (date(2026, 10, 1), date(2026, 12, 31))
    assert v["cases"] == sql("SELECT COUNT(*) FROM cases_penaltycase c JOIN org_bureau b ON b.id = c.bureau_id "
                             "WHERE b.path LIKE %s AND c.decided_on BETWEEN %s AND %s AND c.decision_no <> '' "
                             "AND c.outcome NOT IN ('no_penalty_minor', 'unfounded')",
                             (demo.path + "%", start, end))
    assert show(F.BY_KEY["cases"], v["cases"], "本季度") in texts
    assert not [t for t in texts if "未记录" in t and "行政许可" in t]  # recorded since #17
    assert not [t for t in texts if "本年度" in t]  # a quarter says 本季度


def test_own_and_subordinate_figures_equal_sql_counts_and_add_up(demo):
    """#31 §6: the city bureau's report separates its own work (the bureau and its squads) from its district and
    county bureaus'; each part equals an independent SQL count, and 作出行政处罚决定 excludes 不予处罚."""
    city = demo
    squads = [b.pk for b in Bureau.objects.filter(parent=city, kind=BureauKind.SQUAD)]
    own_ids = ",".join(str(i) for i in [city.pk, *squads])
    base = ("FROM cases_penaltycase c JOIN org_bureau b ON b.id = c.bureau_id WHERE b.path LIKE %s "
            "AND c.decided_on BETWEEN %s AND %s AND c.decision_no <> '' AND b.id {} IN (" + own_ids + ")")
    p = (city.path + "%", *YEAR)
    penalty = " AND c.outcome NOT IN ('no_penalty_minor', 'unfounded')"
    r = report(city, *YEAR, today=TODAY)
    for values, op in ((r.own, ""), (r.sub, "NOT")):
        q = base.format(op)
        assert values["cases"] == sql("SELECT COUNT(*) " + q + penalty, p)
        assert sum(values["no_penalty"].values()) == sql(
            "SELECT COUNT(*) " + q + " AND c.outcome IN ('no_penalty_minor', 'unfounded')", p)
        assert values["fines"] == (sql("SELECT COALESCE(SUM(c.fine + c.confiscated_income), 0) " + q, p) or 0)
    assert r.sub["cases"] > 0 and r.own["cases"] + r.sub["cases"] == r.values["cases"]
    disputes = ("SELECT COUNT(*) FROM disputes_dispute d JOIN org_bureau b ON b.id = d.bureau_id WHERE "
                "d.kind = 'reconsideration' AND d.filed_on BETWEEN %s AND %s AND b.id {} IN (" + own_ids + ")")
    assert r.own["reconsiderations"] == sql(disputes.format(""), YEAR)
    assert r.sub["reconsiderations"] == sql(disputes.format("NOT"), YEAR)
    for key in ("inspections", "issues", "file_reviews", "review_opinions", "late_publications", "major_decisions"):
        own, sub, whole = r.own[key], r.sub[key], r.values[key]
        if isinstance(whole, dict):
            own, sub, whole = sum(own.values()), sum(sub.values()), sum(whole.values())
        assert own + sub == whole, key
    # A district bureau has no subordinate bureau: its report is not split.
    assert not report(Bureau.objects.get(code="430202"), *YEAR, today=TODAY).split


def _prose(doc) -> str:
    return "".join(b.text for b in doc.blocks if type(b).__name__ == "Para")


def test_no_placeholder_and_what_is_not_recorded_is_said_once_and_only_of_missing_figures(demo):
    """#31 §6–7: part 二 drafts causes from the records (no placeholder); a figure the text calls 未记录 is not
    among the 附件's computed figures and every figure listed as 未记录 in the 附件 is named in the text."""
    for b in (demo, Bureau.objects.get(code="430202")):
        doc, values = build(b, 2026, today=TODAY)
        text = re.sub(r"\s+", "", _prose(doc))
        assert "由本机关结合案卷" not in text and "（以上问题的原因" not in text and "逐项分析后填写" not in text
        assert "原因分析：" in text
        computed = {f.name for f in F.FIGURES if f.kind != "missing"}
        missing = {f.name for f in F.FIGURES if f.kind == "missing"}
        said_missing = {name for name in computed | missing
                        for sentence in re.split("[。；]", text) if "未记录" in sentence and name in sentence}
        assert said_missing == missing, said_missing ^ missing
        cells = {c for blk in doc.blocks if hasattr(blk, "header") for row in blk.rows for c in row[:1]}
        assert missing <= cells and computed <= cells
        assert "负责人出庭应诉率" in text  # computed: stated in part 三, never called 未记录


def test_part_two_names_whose_and_which_stage_the_late_publications_come_from(demo):
    r = report(demo, *YEAR, today=TODAY)
    problems = dict(r.problems())
    causes = r.causes()
    assert "公示" in problems and "决定作出后至公开的环节" in causes["公示"]
    late = F.BY_KEY["late_publications"].records(F.Scope(demo, *YEAR))
    for bureau in Bureau.objects.filter(pk__in=late.values("bureau_id")):
        n = late.filter(bureau=bureau).count()
        assert f"{bureau.enforcement_body.short_name}{n}件" in causes["公示"]
    assert f"所属区县局{late.count()}件" in causes["公示"]
