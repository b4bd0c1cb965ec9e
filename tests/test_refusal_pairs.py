"""Every (step, rule ID) pair of every registered workflow table driven into its refusal (issue #34 part 2).

Generated from the tables: `test_every_declared_pair_is_driven` enumerates `core.workflow.REGISTRY` at run time and
fails, listing them, on any (table, step, rule) pair that no scenario here (nor, for the penalty case, the
`DRIVEN` list of tests/test_refusal_per_rule.py) drives — a new rule on a row, a new step or a new table cannot be
left out.

A scenario takes a record of the table's samples (tests/test_workflow_offered.py: records in every state, built
through the actions and the API), brings it, where needed, to the fact the rule is about (through the actions
again), then calls the step the way the pages and the API do (`wf.perform(record, step, user, data)`; a step that
creates its record has no record yet and is called through its context's action) with exactly one fact that breaks
the rule. The refusal must carry the rule's ID (a role refusal, `NotPermitted`, carries the context's role rule),
and no row of any table may change (`all_rows`: every row of every table of the project's contexts and
Django's auth, hashed; the catalogue's row counts).

Speed: one test per table; its samples are built once and each scenario runs inside a savepoint that is rolled
back, so scenarios do not see each other's setup."""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from fazhi.core.workflow import REGISTRY
from fazhi.law.basis import RuleViolation
from fazhi.org.models import Staff
from tests.test_workflow_offered import SAMPLES
from tests.year_cases import clock_fixture  # noqa: F401 — the `clock` fixture

COUNTED = {"catalog", "sessions", "admin", "contenttypes"}  # large reference data no step writes: row counts only


def all_rows() -> dict[str, object]:
    out: dict[str, object] = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        qs = model._base_manager.all()
        if model._meta.app_label in COUNTED:
            out[model._meta.label] = qs.count()
        else:
            out[model._meta.label] = hashlib.sha256(repr(list(qs.order_by("pk").values_list())).encode()).hexdigest()
    return out


@dataclass
class Ctx:
    """What a scenario works with: the table, its samples (fresh from the database on each call) and the staff."""

    key: str
    records: list[Any]
    api: Any = None
    action: str = ""
    today: date = field(default_factory=timezone.localdate)

    @property
    def wf(self):
        return REGISTRY[self.key]

    def staff(self, username: str) -> Staff:
        return Staff.objects.select_related("bureau__parent").get(username=username)

    def fresh(self, record):
        return type(record).objects.get(pk=record.pk)

    def at(self, status: str, where: Callable[[Any], bool] = lambda r: True):
        for r in self.records:
            r = self.fresh(r)
            if r.status == status and where(r):
                return r
        raise LookupError(f"{self.key}: no sample in {status}")

    def step(self, rec, action: str, who: str, /, **data) -> Callable[[], Any]:
        """The step as the pages and the API take it."""
        data.setdefault("on", self.today)
        user = self.staff(who)
        return lambda: self.wf.perform(self.fresh(rec), self.wf.step(action), user, data)


Build = Callable[[Ctx], Callable[[], Any]]
SCENARIOS: dict[str, dict[tuple[str, str], Build]] = {}


def pair(key: str, action: str, rule: str):
    def register(fn: Build) -> Build:
        assert (action, rule) not in SCENARIOS.setdefault(key, {}), (key, action, rule)
        SCENARIOS[key][(action, rule)] = fn
        return fn
    return register


def pairs(key: str, *which: tuple[str, str]):
    """One scenario for several pairs (the same fact breaks a rule several steps declare)."""
    def register(fn: Build) -> Build:
        for action, rule in which:
            pair(key, action, rule)(fn)
        return fn
    return register


# --- 三员分立: role grants (SEC-02) ------------------------------------------------------------------------------

def _pending(c: Ctx):
    return c.at("pending", lambda r: r.staff.username == "hetang_officer1")


@pairs("role-grants", ("approve", "SEC-02"), ("reject", "SEC-02"))
def _grant_by_requester(c: Ctx):
    # the 安全管理员 who asked for the grant may not approve or reject it: a second person decides
    return c.step(_pending(c), c.action, "city_security")


# --- 案卷评查: score sheets, 整改, 督办 (SUP-0x) ---------------------------------------------------------------------

def _sheet(c: Ctx, scored: str):
    """A sheet of the samples: "none" unassigned, "half" half scored, "all" every item confirmed."""
    return c.fresh(c.records[{"none": 0, "half": 1, "all": 2}[scored]])  # tests/supervision/helpers.samples


@pair("review-sheets", "assign_reviewer", "SUP-02")
def _reviewer_of_the_reviewed_bureau(c: Ctx):
    return c.step(_sheet(c, "none"), "assign_reviewer", "city_head", reviewer="hetang_reviewer")  # 回避


@pair("review-sheets", "score_item", "SUP-03")
def _override_without_reason(c: Ctx):
    sheet = _sheet(c, "half")
    row = sheet.items.select_related("item").filter(confirmed=False).exclude(passed=None).first()
    return c.step(sheet, "score_item", "city_reviewer", item_code=row.item.code, passed=not row.passed,
                  deduction="0" if row.passed is False else "1")


@pair("review-sheets", "finish", "SUP-03")
def _finish_with_items_left(c: Ctx):
    return c.step(_sheet(c, "half"), "finish", "city_reviewer")


@pair("rectifications", "rectify", "SUP-04")
def _rectify_without_evidence(c: Ctx):
    return c.step(c.at("open"), "rectify", "hetang_head", evidence=" ")


@pair("supervision-orders", "issue", "SUP-05")
def _issue_without_matter(c: Ctx):
    from fazhi.cases.models import PenaltyCase
    from tests.supervision.orders import issue

    case = PenaltyCase.objects.get(decision_no=c.records[0].subject)
    return lambda: issue(case, matter=" ")  # the step creates the order: its action


@pair("supervision-orders", "answer", "SUP-05")
def _answer_blank(c: Ctx):
    return c.step(c.at("open"), "answer", "hetang_head", answer=" ")


@pair("supervision-orders", "close", "SUP-05")
def _close_by_the_target(c: Ctx):
    return c.step(c.at("answered"), "close", "hetang_head")


@pair("supervision-orders", "send_back", "SUP-05")
def _send_back_without_reasons(c: Ctx):
    return c.step(c.at("answered"), "send_back", "city_head", note=" ")


@pair("review-sheets", "confirm_prescored", "SUP-03")
def _confirm_all_with_nothing_left(c: Ctx):
    return c.step(_sheet(c, "all"), "confirm_prescored", "city_reviewer")


# --- 专项整治: campaigns and their problems (SUP-04) -------------------------------------------------------------

@pair("campaigns", "launch", "SUP-04")
def _launch_without_kinds(c: Ctx):
    def go():  # the step creates the campaign: its action
        from fazhi.org.models import Bureau
        from fazhi.supervision import actions

        head = c.staff("city_head")
        actions.launch_campaign(by=head, on=c.today, organiser=head.entity, title="四乱问题专项整治", kinds=[" "],
                                scope=[Bureau.objects.get(code="430202")], starts_on=c.today, ends_on=c.today)
    return go


@pair("campaigns", "add_problem", "SUP-04")
def _problem_without_description(c: Ctx):
    open_ = c.at("open")
    return c.step(open_, "add_problem", "city_head", source="visit", kind=open_.kinds[0], description=" ",
                  owner="430202", due=c.today + timedelta(days=10), on=open_.starts_on)


@pair("campaigns", "close", "SUP-04")
def _close_without_summary(c: Ctx):
    return c.step(c.at("open"), "close", "city_head", summary=" ")


@pair("campaign-problems", "rectify", "SUP-04")
def _fix_reported_blank(c: Ctx):
    return c.step(c.at("open", lambda p: p.owner.code == "430202"), "rectify", "hetang_head", measures=" ")


@pair("campaign-problems", "accept", "SUP-04")
def _accepted_by_the_owner(c: Ctx):
    return c.step(c.at("reported"), "accept", "hetang_head")


@pair("campaign-problems", "send_back", "SUP-04")
def _returned_without_reasons(c: Ctx):
    return c.step(c.at("reported"), "send_back", "city_head", note=" ")


# --- 其他法律审查 (MJD-07) ---------------------------------------------------------------------------------------

@pair("legal-reviews", "adviser_opinion", "MJD-07")
def _adviser_opinion_blank(c: Ctx):
    return c.step(c.at("open", lambda r: not r.adviser_id), "adviser_opinion", "city_adviser", opinion=" ")


@pair("legal-reviews", "complete", "MJD-07")
def _contract_opinion_blank(c: Ctx):
    return c.step(c.at("open", lambda r: not r.adviser_id), "complete", "city_reviewer", conclusion="lawful",
                  opinion=" ")


# --- 重大行政决策 (MJD-0x) -----------------------------------------------------------------------------------------

def _launched(c: Ctx, **needs: bool):
    """A fresh decision of the city bureau with its draft, needing the steps `needs` leaves on (the others left
    out with their grounds)."""
    from fazhi.decisions import actions as DA

    head = c.staff("city_head")
    skip = {s: "不涉及" for s, on in needs.items() if not on}
    d = DA.launch(by=head, on=c.today, title="城区公厕提质改造实施方案", unit="环境卫生科", lead=head,
                  outside_reason="涉及重大公共建设项目", required=needs, skip_reasons=skip)
    return DA.save_draft(d, by=head, on=c.today, draft="草案全文")


def _consulting(c: Ctx, announced: bool | None = None):
    return c.at("consulting", lambda d: announced is None or bool(d.hearing_on) == announced)


@pair("decisions", "save_draft", "MJD-ROLE")
def _draft_blank(c: Ctx):
    return c.step(c.at("drafting"), "save_draft", "city_head", draft=" ")


@pair("decisions", "open_consultation", "MJD-02")
def _consultation_without_channel(c: Ctx):
    d = _launched(c)
    return c.step(d, "open_consultation", "city_head", ends_on=c.today + timedelta(days=40), channel=" ")


@pair("decisions", "announce_hearing", "MJD-02")
def _hearing_without_place(c: Ctx):
    d = _launched(c)
    DA_open(c, d)
    return c.step(d, "announce_hearing", "city_head", hearing_on=c.today + timedelta(days=20), place=" ",
                  materials_on=c.today, participants=["张三"])


def DA_open(c: Ctx, d):
    from fazhi.decisions import actions as DA

    DA.open_consultation(c.fresh(d), by=c.staff("city_head"), on=c.today, ends_on=c.today + timedelta(days=40),
                         channel="市政府网站")


@pair("decisions", "hold_hearing", "MJD-02")
def _hearing_not_announced(c: Ctx):
    d = _launched(c)
    DA_open(c, d)
    return c.step(d, "hold_hearing", "city_head", record="听证记录", signed=True)


@pair("decisions", "close_consultation", "MJD-02")
def _more_adopted_than_received(c: Ctx):
    d = _launched(c)
    DA_open(c, d)
    return c.step(d, "close_consultation", "city_head", received=1, adopted=2, feedback="已说明采纳情况")


@pair("decisions", "add_expert", "MJD-03")
def _expert_without_name(c: Ctx):
    return c.step(_launched(c), "add_expert", "city_head", name=" ", opinion="可行", no_conflict=True,
                  signed=True)


@pair("decisions", "assess_risk", "MJD-03")
def _risk_without_assessor(c: Ctx):
    return c.step(_launched(c), "assess_risk", "city_head", assessor=" ", risk_points="噪声", measures="错峰施工",
                  controllable=True)


@pair("decisions", "submit_review", "MJD-02")
def _review_before_participation(c: Ctx):
    return c.step(_launched(c), "submit_review", "city_head", due_on=c.today + timedelta(days=30))


@pair("decisions", "submit_review", "MJD-03")
def _review_before_experts(c: Ctx):
    d = _launched(c, participation=False, experts=True, risk=False)
    return c.step(d, "submit_review", "city_head", due_on=c.today + timedelta(days=30))


@pair("decisions", "submit_review", "MJD-04")
def _review_due_too_soon(c: Ctx):
    d = _launched(c, participation=False, experts=False, risk=False)
    return c.step(d, "submit_review", "city_head", due_on=c.today + timedelta(days=1))


@pair("decisions", "deliberate", "MJD-04")
def _deliberate_unreviewed(c: Ctx):
    return c.step(c.at("reviewing"), "deliberate", "city_head", meeting="局务会议", outcome="adopt",
                  speakers=[{"username": "city_head", "name": "局长", "opinion": "agree"}], decision_text="通过")


@pair("decisions", "deliberate", "MJD-05")
def _deliberate_alone(c: Ctx):
    return c.step(c.at("reviewed"), "deliberate", "city_head", meeting="局务会议", outcome="adopt",
                  speakers=[{"username": "city_head", "name": "局长", "opinion": "agree"}], decision_text="通过")


@pair("decisions", "publish", "MJD-06")
def _publish_without_channel(c: Ctx):
    return c.step(c.at("decided"), "publish", "city_head", channel=" ")


@pair("decisions", "archive", "MJD-06")
def _archive_without_materials(c: Ctx):
    return c.step(c.at("published"), "archive", "city_head", materials=[])


@pair("decisions", "evaluate", "MJD-06")
def _evaluate_without_ground(c: Ctx):
    return c.step(c.at("archived"), "evaluate", "city_head", ground=" ", evaluator="市社科院", result="良好")


@pair("legal-reviews", "complete", "MJD-04")
def _decision_review_without_adviser(c: Ctx):
    # a major decision's 合法性审查 needs the adviser's legal opinion before the 法制科 concludes
    from fazhi.decisions import actions as DA
    from fazhi.decisions.models import Review

    d = _launched(c, participation=False, experts=False, risk=False)
    DA.submit_review(c.fresh(d), by=c.staff("city_head"), on=c.today, due_on=c.today + timedelta(days=30))
    r = Review.objects.get(decision=d)
    return c.step(r, "complete", "city_reviewer", conclusion="lawful", opinion="合法")


# --- 涉企行政检查 (INS-0x) ------------------------------------------------------------------------------------------

@pair("inspections", "approve", "INS-03")
def _approved_by_an_officer(c: Ctx):
    return c.step(c.at("planned"), "approve", "hetang_squad1")  # not the 负责人


@pairs("inspections", ("approve", "INS-05"), ("notify_result", "INS-05"), ("publish", "INS-05"),
       ("open_case", "INS-05"))
def _another_bureau(c: Ctx):
    source = {"approve": "planned", "notify_result": "done", "publish": "notified", "open_case": "done"}[c.action]
    who = "lusong_head" if c.action == "approve" else "lusong_officer1"
    data = {"notify_result": {"result": "责令限期整改。"}, "open_case": {"cause": "户外广告设施存在安全隐患"}}
    return c.step(c.at(source, lambda i: i.problem_found or source == "planned"), c.action, who,
                  **data.get(c.action, {}))


@pair("inspections", "approve", "INS-01")
def _an_officer_no_longer_certified(c: Ctx):
    from fazhi.org.actions import revoke_certificate

    ins = c.at("planned")
    officer = ins.officers.order_by("id").last()
    for cert in officer.certificates.all():
        revoke_certificate(cert, by=c.staff("city_admin"), on=ins.planned_on - timedelta(days=1), reason="调离执法岗位")
    return c.step(ins, "approve", "hetang_head", on=ins.planned_on)


@pair("inspections", "approve", "INS-04")
def _over_the_yearly_cap(c: Ctx):
    from fazhi.inspections import actions as IA

    ins = c.at("planned")
    item = ins.items.get()
    item.yearly_cap = 2  # the bureau's configured cap (INS-04): two, then a second inspection is planned
    item.save()
    IA.plan_inspection(by=c.staff("hetang_squad1"), on=ins.planned_on, subject=ins.subject, items=[item],
                       officers=list(ins.officers.all()))
    item.yearly_cap = 1  # lowered again before the first is approved: the cap is checked at approval too
    item.save()
    return c.step(ins, "approve", "hetang_head", on=ins.planned_on)


@pair("inspections", "record", "INS-01")
def _recorded_by_an_officer_not_assigned(c: Ctx):
    return c.step(c.at("approved"), "record", "hetang_squad1", findings="设施牢固", problem_found=False)


@pair("inspections", "record", "INS-03")
def _recorded_without_findings(c: Ctx):
    return c.step(c.at("approved"), "record", "hetang_officer1", findings=" ", problem_found=False)


@pair("inspections", "notify_result", "INS-08")
def _notified_without_result(c: Ctx):
    return c.step(c.at("done"), "notify_result", "hetang_officer1", result=" ")


@pair("inspections", "publish", "INS-08")
def _published_before_the_party_is_told(c: Ctx):
    return c.step(c.at("done"), "publish", "hetang_officer1")


@pair("inspections", "open_case", "PEN-14")
def _case_without_a_finding(c: Ctx):
    return c.step(c.at("done", lambda i: not i.problem_found), "open_case", "hetang_officer1", cause="无")


# --- 行政复议、行政诉讼 (DSP-0x, REV-0x) -------------------------------------------------------------------------

W = "hetang_reviewer"  # 荷塘's 法制审核员


def _dispute(c: Ctx, status: str, kind: str = "reconsideration", where=lambda d: True):
    return c.at(status, lambda d: d.kind == kind and where(d))


def _lawsuit_received(c: Ctx):
    from fazhi.disputes.models import Dispute
    from tests.disputes.helpers import open_on_case

    case = c.fresh(c.records[0]).case
    return Dispute.objects.get(uuid=open_on_case(c.api, case.uuid, filed_on="2026-04-01", kind="lawsuit",
                                                 body="株洲市荷塘区人民法院"))


def _receive(c: Ctx, **changed):
    from fazhi.disputes import actions as DA

    d = c.fresh(c.records[0])
    args = dict(by=c.staff(W), on=d.filed_on, kind="reconsideration", applicant="李四", body="株洲市荷塘区人民政府",
                act_kind="penalty", act_description="行政处罚决定", filed_on=d.filed_on, case=d.case)
    return lambda: DA.receive(**{**args, **changed})


@pair("disputes", "receive", "DSP-01")
def _receive_without_applicant(c: Ctx):
    return _receive(c, applicant=" ")


@pair("disputes", "receive", "REV-05")
def _simple_procedure_for_a_lawsuit(c: Ctx):
    return _receive(c, kind="lawsuit", body="株洲市荷塘区人民法院", simple=True)


@pair("disputes", "receive_document", "DSP-02")
def _reconsideration_document_without_title(c: Ctx):
    return c.step(_dispute(c, "received"), "receive_document", W, title=" ")


@pair("disputes", "receive_document", "DSP-04")
def _lawsuit_document_without_title(c: Ctx):
    return c.step(_lawsuit_received(c), "receive_document", W, title=" ")


@pair("disputes", "add_evidence", "DSP-04")
def _evidence_without_title(c: Ctx):
    return c.step(_dispute(c, "received"), "add_evidence", W, title=" ", collected_on=date(2026, 3, 4))


@pair("disputes", "file_answer", "DSP-02")
def _reconsideration_answer_without_document(c: Ctx):
    return c.step(_dispute(c, "received"), "file_answer", W, document=" ", basis_text="《条例》第三十六条")


@pair("disputes", "file_answer", "DSP-04")
def _defence_without_evidence(c: Ctx):
    return c.step(_lawsuit_received(c), "file_answer", W, document="答辩状", basis_text="《条例》第三十六条")


@pair("disputes", "arrange_appearance", "DSP-06")
def _appearance_of_an_officer(c: Ctx):
    return c.step(_dispute(c, "answered", "lawsuit"), "arrange_appearance", W, held_on=date(2026, 5, 10),
                  appeared="hetang_officer1")


@pair("disputes", "record_hearing", "DSP-06")
def _absence_without_reason(c: Ctx):
    return c.step(_dispute(c, "answered", "lawsuit"), "record_hearing", W, held_on=date(2026, 5, 10),
                  position="staff", appeared_name="王五", agent="王五")


@pair("disputes", "record_hearing", "REV-10")
def _absence_without_a_staff_member(c: Ctx):
    return c.step(_dispute(c, "answered", "lawsuit"), "record_hearing", W, held_on=date(2026, 5, 10),
                  absence_reason="不可抗力", absence_proof="情况说明（局长签字）")


@pair("disputes", "record_result", "REV-07")
def _result_outside_the_enumeration(c: Ctx):
    return c.step(_dispute(c, "answered", "lawsuit"), "record_result", W, on=date(2026, 6, 1), result="维持原判")


@pair("disputes", "appeal", "DSP-05")
def _appeal_after_the_period(c: Ctx):
    d = _dispute(c, "ruled", "lawsuit")
    due = d.stages.order_by("seq").last().appeal_due
    return c.step(d, "appeal", W, on=due + timedelta(days=1), appellant="bureau", court="株洲市中级人民法院")


@pair("disputes", "finalize", "DSP-05")
def _final_before_the_period_ends(c: Ctx):
    d = _dispute(c, "ruled", "lawsuit")
    return c.step(d, "finalize", W, on=d.stages.order_by("seq").last().appeal_due)


@pair("disputes", "open_retrial", "DSP-05")
def _retrial_of_a_reconsideration(c: Ctx):
    return c.step(_dispute(c, "concluded"), "open_retrial", W, court="湖南省高级人民法院")


@pair("disputes", "receive_opinion", "DSP-07")
def _opinion_in_a_lawsuit(c: Ctx):
    return c.step(_dispute(c, "answered", "lawsuit"), "receive_opinion", W)


@pair("disputes", "report_correction", "DSP-07")
def _correction_without_text(c: Ctx):
    return c.step(_dispute(c, "concluded", where=lambda d: bool(d.opinion_received_on)), "report_correction", W,
                  text=" ")


@pair("disputes", "record_performance", "DSP-07")
def _performance_without_text(c: Ctx):
    return c.step(_dispute(c, "concluded", where=lambda d: d.final_result == "责令履行"), "record_performance", W,
                  text=" ")


@pair("disputes", "assign_adviser", "DSP-ROLE")
def _adviser_of_another_bureau(c: Ctx):
    return c.step(_dispute(c, "received"), "assign_adviser", W, adviser="lusong_reviewer")


@pair("disputes", "give_opinion", "DSP-ROLE")
def _opinion_by_an_adviser_not_assigned(c: Ctx):
    return c.step(_dispute(c, "received"), "give_opinion", "hetang_adviser", text="答复理由充分")


# --- 行政强制 (ENF-0x, REC-01) -------------------------------------------------------------------------------------

OFF, H = "hetang_officer1", "hetang_head"


def _at_local(day: date, hm: str):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(f"{day.isoformat()}T{hm}:00").replace(tzinfo=ZoneInfo("Asia/Shanghai"))


def _site(**changed):
    from tests.coercion.helpers import SITE

    return {**SITE, **changed}


def _seized(c: Ctx, extended: bool = False):
    return c.at("seized", lambda m: not m.emergency and bool(m.extended_on) == extended and m.due >= c.today)


def _take(c: Ctx, **changed):
    from fazhi.coercion import actions as CA
    from tests.coercion.helpers import ITEMS

    case = c.at("requested").case
    args = dict(by=c.staff(OFF), on=c.today, kind="detain", reason="占道经营，拒不改正", basis_text="《湖南省城市综合管理条例》第五十二条",
                place="株洲市荷塘区人民路88号门前", items=ITEMS)
    return lambda: CA.take(case, **{**args, **changed})


@pair("coercion", "take", "ENF-01")
def _emergency_by_one_officer(c: Ctx):
    return _take(c, emergency="当事人正在转移货物", **_site(officers=[OFF], at=_at_local(c.today, "00:10")))


@pair("coercion", "take", "ENF-03")
def _neither_seal_nor_detain(c: Ctx):
    return _take(c, kind="confiscate")


def _seize(c: Ctx, **changed):
    m = c.at("approved")
    return c.step(m, "seize", OFF, on=m.opened_on, **_site(at=_at_local(m.opened_on, "10:00"), **changed))


@pair("coercion", "seize", "ENF-01")
def _seized_by_one_officer(c: Ctx):
    return _seize(c, officers=[OFF])


@pair("coercion", "seize", "ENF-03")
def _decision_not_handed_over(c: Ctx):
    return _seize(c, handed_over=False)


@pair("coercion", "seize", "REC-01")
def _seizure_without_video(c: Ctx):
    return _seize(c, video=" ")


@pair("coercion", "ratify", "ENF-02")
def _ratify_a_measure_taken_with_approval(c: Ctx):
    return c.step(_seized(c), "ratify", H, reported_at=_at_local(c.today, "00:05"), approve=True)


@pair("coercion", "extend", "ENF-03")
def _extended_twice(c: Ctx):
    return c.step(_seized(c, extended=True), "extend", H, reason="情况复杂")


@pair("coercion", "dispose", "ENF-03")
def _disposal_by_release(c: Ctx):
    return c.step(_seized(c), "dispose", H, outcome="released", reason="退还")


@pair("coercion", "release", "ENF-03")
def _release_on_no_ground(c: Ctx):
    return c.step(_seized(c), "release", H, ground="领导同意")


@pair("coercion", "start_demolition", "ENF-06")
def _demolition_without_government_order(c: Ctx):
    from decimal import Decimal

    from fazhi.coercion import actions as CA

    case = c.at("ordered").case
    return lambda: CA.start_demolition(case, by=c.staff(OFF), on=c.today, government_order=" ", structure="彩钢板房",
                                       place="新华西路12号", area=Decimal("40"), reason="逾期未拆除")


@pair("coercion", "announce", "ENF-06")
def _notice_deadline_on_its_day(c: Ctx):
    return c.step(c.at("ordered"), "announce", OFF, deadline=c.today)


@pair("coercion", "demand", "ENF-04")
def _demand_without_rights(c: Ctx):
    return c.step(c.at("announced"), "demand", OFF, deadline=c.today + timedelta(days=10), method="自行拆除",
                  statement_rights=False)


@pair("coercion", "agree", "ENF-08")
def _agreement_with_nothing_agreed(c: Ctx):
    return c.step(c.at("demanded"), "agree", H, stages=" ", no_harm=True)


@pair("coercion", "resume", "ENF-08")
def _resume_without_default(c: Ctx):
    return c.step(c.at("agreed"), "resume", H, reason=" ")


def _execute(c: Ctx, day: date, start: str, end: str, **changed):
    from tests.coercion.helpers import EXECUTION

    return c.step(c.at("demanded"), "execute", OFF, on=day, started_at=_at_local(day, start),
                  ended_at=_at_local(day, end), **{**EXECUTION, **changed})


@pair("coercion", "execute", "ENF-05")
def _execution_at_night(c: Ctx):
    return _execute(c, date(2026, 9, 17), "22:30", "23:30")


@pair("coercion", "execute", "ENF-06")
def _execution_within_the_dispute_periods(c: Ctx):
    return _execute(c, date(2026, 4, 22), "09:00", "12:00")


@pair("coercion", "execute", "REC-01")
def _execution_without_video(c: Ctx):
    return _execute(c, date(2026, 9, 17), "09:00", "12:00", video=" ")


# --- 违法建设和整改通知 (HUD-02, HUD-03, ENF-06) ------------------------------------------------------------------

@pair("registers/sites", "register", "HUD-02")
def _site_without_area(c: Ctx):
    from decimal import Decimal

    from fazhi.registers import actions as RA

    return lambda: RA.register_site(by=c.staff(OFF), on=c.today, structure="彩钢板房", area=Decimal("0"),
                                    vintage="new", party_name="王强", address="新华西路12号")


@pair("registers/sites", "record_outcome", "HUD-02")
def _self_demolition_without_its_area(c: Ctx):
    return c.step(c.at("registered"), "record_outcome", OFF, outcome="self")


@pair("registers/sites", "record_outcome", "ENF-06")
def _forced_demolition_without_its_record(c: Ctx):
    from decimal import Decimal

    return c.step(c.at("in_case"), "record_outcome", OFF, outcome="forced", area=Decimal("10"))


@pair("registers/notices", "issue", "HUD-03")
def _notice_due_on_its_day(c: Ctx):
    from fazhi.registers import actions as RA

    return lambda: RA.issue_notice(by=c.staff(OFF), on=c.today, subject="户外招牌", problem="松动", requirement="加固",
                                   party_name="某餐馆", address="建设中路66号", due=c.today)


@pair("registers/notices", "escalate", "HUD-03")
def _escalated_on_the_due_day(c: Ctx):
    n = c.at("issued", lambda n: n.due >= c.today)
    return c.step(n, "escalate", OFF, on=c.today)


@pair("registers/notices", "remove", "HUD-03")
def _removed_without_the_governments_approval(c: Ctx):
    from decimal import Decimal

    return c.step(c.at("issued", lambda n: n.due < c.today), "remove", H, approval=" ", area=Decimal("12"))


# --- 行政许可 (LIC-0x) ------------------------------------------------------------------------------------------

CLERK, REVIEWER, LEADER = "city_window1", "city_permit1", "city_head"


def _wd_back(n: int) -> date:
    """A working day some `n` working days back (roughly: 1.5 calendar days each), today for 0."""
    from fazhi.core.calendar import law_calendar

    cal, day = law_calendar(), timezone.localdate() - timedelta(days=int(n * 1.5))
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _permit(c: Ctx, *, accept: bool = True, back: int = 2, **kw):
    from fazhi.permits.models import Permit
    from tests.permits.helpers import apply, ok, step

    on = _wd_back(back).isoformat()
    u = apply(c.api, on=on, **kw)
    if accept:
        ok(step(c.api, CLERK, u, "accept", on=on))
    return Permit.objects.get(uuid=u)


def _grant(c: Ctx, p, on: date | None = None):
    from tests.permits.helpers import ok, step

    ok(step(c.api, REVIEWER, p.uuid, "decide", on=(on or p.accepted_on).isoformat(), outcome="grant"))
    return c.fresh(p)


@pair("permits", "apply", "LIC-ITEM")
def _application_without_applicant(c: Ctx):
    from fazhi.permits import actions as PA
    from tests.permits.helpers import items

    item = next(i for i in items() if i.code == "XK-04")
    return lambda: PA.apply(by=c.staff(CLERK), on=c.today, item=item, applicant=" ", subject="建筑垃圾处置")


@pair("permits", "accept", "LIC-01")
def _accepted_with_materials_missing(c: Ctx):
    return c.step(_permit(c, accept=False, back=0, materials=["挖掘城市道路申请书"]), "accept", CLERK)


@pair("permits", "request_correction", "LIC-01")
def _correction_naming_nothing(c: Ctx):
    return c.step(_permit(c, accept=False, back=0, materials=["挖掘城市道路申请书"]), "request_correction", CLERK,
                  missing=[])


@pair("permits", "refuse", "LIC-01")
def _refusal_without_reason(c: Ctx):
    return c.step(c.at("received"), "refuse", CLERK, reason=" ")


@pair("permits", "site_check", "LIC-ITEM")
def _site_check_by_one(c: Ctx):
    return c.step(c.at("accepted"), "site_check", REVIEWER, officers=["王核查"], findings="与申请一致")


@pair("permits", "extend", "LIC-02")
def _extension_without_reasons(c: Ctx):
    return c.step(c.at("accepted"), "extend", LEADER, reasons=" ")


@pair("permits", "extend", "LIC-11")
def _joint_extension_without_reasons(c: Ctx):
    return c.step(_permit(c, joint=True), "extend", LEADER, reasons=" ")


@pair("permits", "schedule_hearing", "LIC-05")
def _hearing_requested_too_late(c: Ctx):
    p = c.at("accepted")
    return c.step(p, "schedule_hearing", REVIEWER, told_on=p.accepted_on, requested_on=c.today,
                  held_on=c.today + timedelta(days=20), presider="王主持")


@pair("permits", "decide", "LIC-02")
def _decision_past_the_period(c: Ctx):
    return c.step(_permit(c, back=40, item="XK-04", quantity=None, period_from=None, period_to=None), "decide",
                  REVIEWER, outcome="grant")


@pair("permits", "decide", "LIC-ITEM")
def _decision_for_longer_than_the_item_allows(c: Ctx):
    p = c.at("accepted")
    return c.step(p, "decide", REVIEWER, outcome="grant", valid_from=c.today,
                  valid_until=c.today + timedelta(days=3650))


@pair("permits", "decide", "LIC-09")
def _digging_a_new_road(c: Ctx):
    p = _permit(c, road_done_on=(c.today - timedelta(days=200)).isoformat(), period_from=None, period_to=None)
    return c.step(p, "decide", REVIEWER, outcome="grant")


@pair("permits", "decide", "LIC-10")
def _felling_without_replanting(c: Ctx):
    p = _permit(c, item="XK-05", felling=True, replanting="", period_from=None, period_to=None, quantity=None)
    return c.step(p, "decide", REVIEWER, outcome="grant")


@pair("permits", "record_fee", "LIC-08")
def _fee_without_receipt(c: Ctx):
    return c.step(c.at("granted", lambda p: p.fee_status == "due"), "record_fee", CLERK, receipt=" ")


@pair("permits", "publish", "LIC-07")
def _published_twice(c: Ctx):
    return c.step(c.at("issued", lambda p: p.published_on is not None), "publish", REVIEWER)


@pair("permits", "change", "LIC-ITEM")
def _change_beyond_the_longest_period(c: Ctx):
    p = c.at("issued", lambda p: p.renewal_applied_on is None)
    return c.step(p, "change", REVIEWER, what="延长期限", valid_until=p.valid_from + timedelta(days=3650))


@pair("permits", "change", "LIC-09")
def _change_after_expiry(c: Ctx):
    from tests.permits.helpers import ok, step

    start = _wd_back(40)
    p = _permit(c, back=40, item="XK-04", quantity=None, period_from=start.isoformat(),
                period_to=(start + timedelta(days=20)).isoformat())
    p = _grant(c, p)
    ok(step(c.api, CLERK, p.uuid, "issue_certificate", on=p.decided_on.isoformat()))
    return c.step(p, "change", REVIEWER, what="延长期限", valid_until=c.today + timedelta(days=30))


@pair("permits", "apply_renewal", "LIC-06")
def _renewal_applied_twice(c: Ctx):
    return c.step(c.at("issued", lambda p: p.renewal_applied_on is not None), "apply_renewal", CLERK)


@pair("permits", "decide_renewal", "LIC-06")
def _renewal_without_new_period(c: Ctx):
    return c.step(c.at("issued", lambda p: p.renewal_applied_on is not None), "decide_renewal", REVIEWER,
                  granted=True)


@pairs("permits", ("withdraw", "LIC-END"), ("revoke", "LIC-END"), ("cancel", "LIC-END"))
def _ended_without_reason(c: Ctx):
    who = REVIEWER if c.action == "cancel" else LEADER
    return c.step(c.at("issued", lambda p: p.renewal_applied_on is None), c.action, who, reason=" ")


# --- 行政执法证 (STF-01) -----------------------------------------------------------------------------------------

ADMIN = "city_admin"


def _cert(c: Ctx, status: str = "valid"):
    return c.at(status, lambda x: x.staff.username.startswith("hetang_"))


@pair("certificates", "renew", "STF-01")
def _renewal_shortening_the_period(c: Ctx):
    cert = _cert(c)
    return c.step(cert, "renew", ADMIN, valid_until=cert.valid_until)


@pair("certificates", "annual_check", "STF-01")
def _annual_check_before_validity(c: Ctx):
    cert = _cert(c)
    return c.step(cert, "annual_check", ADMIN, on=cert.valid_from - timedelta(days=1))


@pair("certificates", "suspend", "STF-01")
def _suspension_without_basis(c: Ctx):
    return c.step(_cert(c), "suspend", ADMIN, basis=" ")


@pair("certificates", "restore", "STF-01")
def _restored_the_day_it_was_suspended(c: Ctx):
    cert = _cert(c, "suspended")
    return c.step(cert, "restore", ADMIN, on=cert.suspended_since)


@pair("certificates", "cancel", "STF-01")
def _neither_cancelled_nor_revoked(c: Ctx):
    return c.step(_cert(c), "cancel", ADMIN, basis="调离执法岗位", kind="收回")


@pair("certificate-applications", "apply", "STF-01")
def _second_pending_application(c: Ctx):
    from fazhi.personnel import actions as P

    app = c.at("applied", lambda a: a.staff.username.startswith("hetang_"))
    return lambda: P.apply_for_certificate(app.exam, by=c.staff(ADMIN), on=app.applied_on)


@pair("certificate-applications", "issue", "STF-01")
def _issued_without_number(c: Ctx):
    app = c.at("applied", lambda a: a.staff.username.startswith("hetang_"))
    return c.step(app, "issue", ADMIN, number=" ", issuer="湖南省人民政府", valid_from=date(2026, 6, 1),
                  valid_until=date(2029, 5, 31))


@pair("certificate-applications", "refuse", "STF-01")
def _refused_without_reason(c: Ctx):
    return c.step(c.at("applied", lambda a: a.staff.username.startswith("hetang_")), "refuse", ADMIN, note=" ")


# --- 数字化城管 (DCM-0x) ------------------------------------------------------------------------------------------

OPR, SHIFT, DISPATCHER, COMMANDER, PATROL, WORKER = ("city_operator1", "city_shift1", "city_dispatcher1",
                                                     "city_commander", "hetang_patrol1", "hetang_huanwei")


def _issue(c: Ctx, status: str, kind: str | None = None):
    """A sample in `status`; with `kind`, the one with an application of that kind."""
    return c.at(status, lambda i: kind is None or i.requests.filter(kind=kind).exists()
                if kind else not i.requests.exists())


NOT_ALLOWED = {"accept": (PATROL, "reported"), "register": (OPR, "accepted"), "dispatch": (OPR, "registered"),
               "handle": (OPR, "dispatched"), "review_extension": (PATROL, "dispatched"),
               "review_shelve": (PATROL, "dispatched"), "review_appeal": (PATROL, "closed"),
               "recheck_appeal": (PATROL, "closed"), "verify": (OPR, "handled"), "close": (OPR, "verified")}


@pairs("issues", *((a, "DCM-ROLE") for a in NOT_ALLOWED))
def _not_their_role(c: Ctx):
    who, status = NOT_ALLOWED[c.action]
    return c.step(c.at(status), c.action, who)


@pair("issues", "accept", "DCM-02")
def _accepted_twice(c: Ctx):
    return c.step(c.at("accepted"), "accept", OPR)


@pair("issues", "merge", "DCM-02")
def _merge_a_registered_issue(c: Ctx):
    return c.step(c.at("registered"), "merge", OPR, into=c.at("reported").tracking_code)


@pair("issues", "void", "DCM-02")
def _void_without_reason(c: Ctx):
    return c.step(c.at("reported"), "void", OPR, reason=" ")


@pair("issues", "register", "DCM-03")
def _register_failing_the_condition(c: Ctx):
    return c.step(c.at("accepted"), "register", SHIFT, condition_met=False)


@pair("issues", "dispatch", "DCM-04")
def _dispatch_back_to_the_unit_that_returned_it(c: Ctx):
    # 属地管理: a unit that gave the issue back gets it again only on the 值班长's or 指挥长's ruling
    from fazhi.citydesk import actions as CA

    issue = CA.give_back(c.at("dispatched"), by=c.staff(WORKER), reason="不属于本单位职责")
    return c.step(issue, "dispatch", DISPATCHER)


@pair("issues", "handle", "DCM-02")
def _handled_without_feedback(c: Ctx):
    return c.step(c.at("dispatched"), "handle", WORKER, feedback=" ")


@pair("issues", "give_back", "DCM-04")
def _given_back_without_reason(c: Ctx):
    return c.step(c.at("dispatched"), "give_back", WORKER, reason=" ")


@pair("issues", "apply_extension", "DCM-03")
def _extension_without_time(c: Ctx):
    return c.step(_issue(c, "dispatched"), "apply_extension", WORKER, reason="车辆不足")


@pair("issues", "apply_appeal", "DCM-03")
def _appeal_without_time_out(c: Ctx):
    return c.step(c.at("closed", lambda i: not i.timed_out and not i.requests.exists()), "apply_appeal", WORKER,
                  reason="暴雨")


@pair("issues", "verify", "DCM-02")
def _rework_without_reason(c: Ctx):
    return c.step(c.at("handled"), "verify", PATROL, ok=False, note=" ")


@pair("issues", "close", "DCM-02")
def _closed_before_verification(c: Ctx):
    return c.step(c.at("handled"), "close", SHIFT)


@pair("issues", "call_back", "DCM-05")
def _unsatisfied_without_why(c: Ctx):
    return c.step(c.at("closed", lambda i: not i.requests.exists()), "call_back", OPR, satisfaction="unsatisfied",
                  note=" ")


# --- 行政处罚 (PEN-xx, ENF-09..12): the pairs tests/test_refusal_per_rule.py does not drive -----------------------
# The samples are tests/year_cases.py's cases in every state, as of 2026-12-20; where a scenario needs a case of its
# own it is built through the API (tests/year_cases.py, tests/coercion/helpers.py), dated before that day.

def _case_act(c: Ctx, case, action: str, who: str, **kw):
    """The case action as the pages and the API call it (cases.actions, the staff resolved)."""
    from fazhi.cases import actions as A

    return lambda: A.ACTIONS[action](c.fresh(case), by=c.staff(who), on=kw.pop("on", c.today), **kw)


def _case(uuid):
    from fazhi.cases.models import PenaltyCase

    return PenaltyCase.objects.get(uuid=uuid)


def _proposed(c: Ctx, *, fine="200000", outcome="penalty", waive=True, review=False, filed_on="2026-11-30", **kw):
    """A case of its own brought to the decision: filed, investigated, (reviewed,) notified and rights waived."""
    from tests.test_api_scenarios import act, ok
    from tests.year_cases import _filed, _reported

    day = date.fromisoformat(filed_on)
    u = _reported(c.api, _filed(c.api, on=filed_on, act_on=(day - timedelta(days=2)).isoformat(), discovered_on=filed_on),
                  fine=fine, outcome=outcome, on=(day + timedelta(days=1)).isoformat(), **kw)
    then = (day + timedelta(days=2)).isoformat()
    if review:
        ok(act(c.api, "hetang_reviewer", u, "legal_review", on=then, passed=True, opinion="同意"))
    if waive:
        ok(act(c.api, "hetang_officer1", u, "notify", on=then))
        ok(act(c.api, "hetang_officer1", u, "waive_rights", on=then, statement="放弃陈述申辩和听证"))
    return _case(u)


def _enforcing(c: Ctx, demand_on: str):
    """A decision of 2026-03-12 served 2026-03-16, its 催告 served on `demand_on`."""
    from tests.coercion.helpers import served_case
    from tests.test_api_scenarios import act, ok

    u = served_case(c.api)
    ok(act(c.api, "hetang_officer1", u, "serve_demand", on=demand_on,
           deadline=(date.fromisoformat(demand_on) + timedelta(days=10)).isoformat()))
    return _case(u)


PACKAGE = {"application": True, "decision": True, "party_opinion": True, "property": True}


def _sample(c: Ctx, status: str, procedure: str = "general"):
    return c.at(status, lambda k: k.procedure == procedure)


@pair("cases", "deliberate", "PEN-12")
def _deliberation_before_review(c: Ctx):
    return _case_act(c, _proposed(c, waive=False), "deliberate", "hetang_head",
                     attendees=[c.staff(u) for u in ("hetang_head", "hetang_deputy", "hetang_reviewer")],
                     conclusion="同意")


@pair("cases", "decide", "PEN-12")
def _decision_without_review(c: Ctx):
    return _case_act(c, _proposed(c), "decide", "hetang_head", correction_order="立即清理")


@pair("cases", "decide", "PEN-13")
def _decision_without_deliberation(c: Ctx):
    return _case_act(c, _proposed(c, review=True), "decide", "hetang_head", correction_order="立即清理")


@pair("cases", "decide", "PEN-06")
def _decision_past_ninety_days(c: Ctx):
    return _case_act(c, _proposed(c, fine="5000", filed_on="2026-08-03"), "decide", "hetang_head",
                     correction_order="立即清理")


@pair("cases", "decide", "PEN-11")
def _decision_within_the_hearing_request_period(c: Ctx):
    from tests.test_api_scenarios import act, ok

    case = _proposed(c, waive=False, fine="25000")
    ok(act(c.api, "hetang_officer1", case.uuid, "notify", on="2026-12-16"))
    ok(act(c.api, "hetang_officer1", case.uuid, "record_statement", on="2026-12-17", summary="请求从轻", adopted=False,
           review="不予采纳"))
    return _case_act(c, case, "decide", "hetang_head", on=date(2026, 12, 18), correction_order="立即清理")


@pair("cases", "legal_review", "PEN-05")
def _review_by_an_officer_of_the_case(c: Ctx):
    from fazhi.org.models import Role, RoleGrant

    officer = c.staff("hetang_officer2")  # an officer of the case who is also a qualified 法制审核员
    RoleGrant.objects.create(staff=officer, role=Role.LEGAL_REVIEWER)
    officer.legal_qualification = "A20204302000001"
    officer.save(update_fields=["legal_qualification"])
    return _case_act(c, _sample(c, "reported"), "legal_review", "hetang_officer2", passed=True, opinion="同意")


@pair("cases", "notify", "PEN-08")
def _notice_of_no_penalty(c: Ctx):
    return _case_act(c, _proposed(c, outcome="unfounded", waive=False,
                                         no_penalty_ground="unfounded"), "notify", "hetang_officer1")


@pair("cases", "request_hearing", "PEN-11")
def _hearing_requested_too_late(c: Ctx):
    case = _proposed(c, waive=False)
    from tests.test_api_scenarios import act, ok

    ok(act(c.api, "hetang_officer1", case.uuid, "notify", on="2026-12-02"))
    return _case_act(c, case, "request_hearing", "hetang_officer1", requested_on=date(2026, 12, 18))


def _scheduled(c: Ctx):
    from fazhi.cases import actions as A

    case = _sample(c, "hearing")
    return A.schedule_hearing(case, by=c.staff("hetang_head"), on=date(2026, 12, 3), presider=c.staff("hetang_reviewer"),
                              hearing_on=date(2026, 12, 14), place="听证室")


@pair("cases", "schedule_hearing", "PEN-11")
def _presider_of_another_bureau(c: Ctx):
    return _case_act(c, _sample(c, "hearing"), "schedule_hearing", "hetang_head", on=date(2026, 12, 3),
                     presider=c.staff("lusong_reviewer"), hearing_on=date(2026, 12, 14), place="听证室")


@pair("cases", "hold_hearing", "PEN-11")
def _hearing_on_another_day(c: Ctx):
    return _case_act(c, _scheduled(c), "hold_hearing", "hetang_reviewer", on=date(2026, 12, 15),
                     party_attended=True, record="听证笔录")


@pair("cases", "hold_hearing", "PEN-09")
def _heavier_after_the_hearing(c: Ctx):
    return _case_act(c, _scheduled(c), "hold_hearing", "hetang_reviewer", on=date(2026, 12, 14),
                     party_attended=True, record="听证笔录", kinds=["fine"], fine="30000")


@pair("cases", "serve_demand", "ENF-04")
def _demand_with_no_time_to_pay(c: Ctx):
    from tests.coercion.helpers import served_case

    case = _case(served_case(c.api))
    return _case_act(c, case, "serve_demand", "hetang_officer1", deadline=c.today)


@pair("cases", "apply_court", "ENF-09")
def _court_before_the_lawsuit_period_ends(c: Ctx):
    return _case_act(c, _enforcing(c, "2026-04-10"), "apply_court", "hetang_head", on=date(2026, 9, 10),
                     court="荷塘区人民法院", package=PACKAGE)


@pair("cases", "apply_court", "ENF-10")
def _court_within_ten_days_of_the_demand(c: Ctx):
    return _case_act(c, _enforcing(c, "2026-12-14"), "apply_court", "hetang_head", court="荷塘区人民法院",
                     package=PACKAGE)


@pair("cases", "apply_court", "ENF-11")
def _court_without_the_materials(c: Ctx):
    return _case_act(c, _enforcing(c, "2026-04-10"), "apply_court", "hetang_head", court="荷塘区人民法院",
                     package={**PACKAGE, "property": False}, good_reason="当事人下落不明，经查找后申请")


@pair("cases", "record_court_ruling", "ENF-12")
def _ruling_outside_the_enumeration(c: Ctx):
    from fazhi.cases import actions as A

    case = _enforcing(c, "2026-04-10")
    A.apply_court(case, by=c.staff("hetang_head"), on=c.today, court="荷塘区人民法院", package=PACKAGE,
                  good_reason="当事人下落不明，经查找后申请")
    return _case_act(c, case, "record_court_ruling", "hetang_officer1", result="驳回")


@pair("cases", "hand_over_fine", "PEN-03")
def _handed_over_short(c: Ctx):
    case = c.at("executing", lambda k: k.procedure == "simple" and k.collected_on_spot)
    return _case_act(c, case, "hand_over_fine", "hetang_officer1", amount="20")


@pair("cases", "file_record", "PEN-02")
def _filed_twice(c: Ctx):
    from fazhi.cases import actions as A

    case = c.at("executing", lambda k: k.procedure == "simple" and not k.collected_on_spot)
    A.file_record(case, by=c.staff("hetang_head"), on=c.today)
    return _case_act(c, case, "file_record", "hetang_head")


def _evidenced(c: Ctx):
    from tests.test_api_scenarios import act, ok, site_record
    from tests.year_cases import _filed

    u = _filed(c.api)
    ok(act(c.api, "hetang_officer1", u, "add_evidence", on="2026-12-01", kind="inspection", title="现场检查笔录",
           **site_record("2026-12-01")))
    return _case(u)


@pair("cases", "conclude_investigation", "PEN-33")
def _detention_proposed(c: Ctx):
    return _case_act(c, _evidenced(c), "conclude_investigation", "hetang_officer1", outcome="penalty", facts="经查属实",
                     kinds=["detention"], fine="0")


@pair("cases", "conclude_investigation", "PEN-23")
def _fine_amount_without_fine(c: Ctx):
    return _case_act(c, _evidenced(c), "conclude_investigation", "hetang_officer1", outcome="penalty", facts="经查属实",
                     kinds=["warning"], fine="500")


@pair("cases", "file", "PEN-20")
def _filed_after_two_years(c: Ctx):
    from tests.test_api_scenarios import clue

    u = clue(c.api, act_on="2024-06-01", discovered_on="2026-11-30", on="2026-11-30")
    return _case_act(c, _case(u), "file", "hetang_head", officers=[c.staff("hetang_officer1"), c.staff("hetang_officer2")])


@pair("cases", "decide", "PEN-31")
def _decision_without_correction_order(c: Ctx):
    return _case_act(c, _proposed(c, fine="5000"), "decide", "hetang_head", correction_order=" ")


@pair("cases", "decide", "PEN-27")
def _decision_on_unreviewed_monitoring(c: Ctx):
    from fazhi.cases import actions as A

    case = _proposed(c, fine="5000")
    A.add_evidence(case, by=c.staff("hetang_officer1"), on=date(2026, 12, 3), kind="electronic", title="电子监控抓拍",
                   from_monitoring=True)
    return _case_act(c, case, "decide", "hetang_head", correction_order="立即清理")


@pair("cases", "serve_demand", "ENF-10")
def _demand_before_the_payment_period_ends(c: Ctx):
    return _case_act(c, _sample(c, "executing"), "serve_demand", "hetang_officer1", deadline=c.today + timedelta(days=10))


ON_SITE = {"on": "2026-12-18", "party_kind": "citizen", "party_name": "李明", "party_address": "株洲市车站路",
           "cause": "乱扔废弃物", "facts": "当事人在车站路乱扔烟头", "act_on": "2026-12-18", "discovered_on": "2026-12-18",
           "penalty_provision": "《城市市容和环境卫生管理条例》第三十四条第（一）项", "officers": ["hetang_officer2"],
           "kinds": ["fine"], "fine": "50", "statement": "无异议", "correction_order": "当场清理"}


def _on_site(c: Ctx, **changed):
    """当场处罚 through the API (the field page's path): a 409 is the refusal, raised again as the action's."""
    def attempt():
        code, body = c.api("hetang_officer1").post("/cases/on-site", {**ON_SITE, **changed})
        if code == 409:
            raise RuleViolation(body["code"], body["message"])
        raise AssertionError((code, body))
    return attempt


@pair("cases", "decide_on_site", "PEN-01")
def _on_site_without_basis(c: Ctx):
    return _on_site(c, penalty_provision=" ")


@pair("cases", "decide_on_site", "PEN-02")
def _on_site_without_the_act(c: Ctx):
    return _on_site(c, cause=" ")


@pair("cases", "decide_on_site", "PEN-03")
def _on_site_collection_over_a_hundred(c: Ctx):
    return _on_site(c, fine="150", collect_on_spot=True, receipt_no="R-2026-1219")


@pair("cases", "decide_on_site", "PEN-20")
def _on_site_after_two_years(c: Ctx):
    return _on_site(c, act_on="2024-06-01")


@pair("cases", "decide_on_site", "PEN-04")
def _on_site_with_an_uncertified_officer(c: Ctx):
    from fazhi.org.actions import revoke_certificate

    for cert in c.staff("hetang_officer2").certificates.all():
        revoke_certificate(cert, by=c.staff("city_admin"), on=date(2026, 12, 1), reason="调离执法岗位")
    return _on_site(c)


# --- the driver ------------------------------------------------------------------------------------------------

def _drive(key: str, records: list[Any], api) -> tuple[list[str], int]:
    failures, driven = [], 0
    for (action, rule), build in SCENARIOS[key].items():
        c = Ctx(key, records, api, action)
        sid = transaction.savepoint()
        try:
            attempt = build(c)
            before = all_rows()
            try:
                with transaction.atomic():
                    attempt()
            except RuleViolation as e:
                if e.code != rule:
                    failures.append(f"{action}/{rule}: refused with {e.code} {e.message}")
                    continue
            else:
                failures.append(f"{action}/{rule}: accepted")
                continue
            moved = [k for k, v in all_rows().items() if before.get(k) != v]
            if moved:
                failures.append(f"{action}/{rule}: refused but rows changed in {moved}")
                continue
            driven += 1
        except Exception as e:  # a setup that fails is a failure of this pair, reported with the others
            failures.append(f"{action}/{rule}: {type(e).__name__}: {e}")
        finally:
            transaction.savepoint_rollback(sid)
    return failures, driven


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_each_pair_refuses_and_changes_nothing(api, clock, key):
    if key == "cases":
        clock(date(2026, 12, 20))
    records = SAMPLES[key](api, clock)
    failures, driven = _drive(key, records, api)
    assert not failures, "\n".join(failures)
    assert driven == len(SCENARIOS[key])


# Declared pairs not driven yet: this set may only shrink (the test below fails on a stale entry too). What is left is
# the penalty case's rules a step's document carries by construction, which no input can break: the 全过程记录
# (PEN-28) of register and archive, the 复议机关 (REV-03) and the 复议前置 notice (REV-02) printed in the decisions;
# and PEN-09 in decide — a proposal heavier than the one notified cannot be reached through the actions (hold_hearing
# refuses it first; a new proposal is re-notified). Whether those rows should keep citing them is the lead's call.
NOT_YET: set[tuple[str, str, str]] = {
    # cases
    ("cases", "archive", "PEN-28"), ("cases", "decide", "PEN-09"), ("cases", "decide", "REV-03"),
    ("cases", "decide_on_site", "REV-02"), ("cases", "register", "PEN-28"),
}


def declared() -> set[tuple[str, str, str]]:
    return {(key, s.action, r) for key, wf in REGISTRY.items() for s in wf.steps for r in s.rules}


def driven() -> set[tuple[str, str, str]]:
    from tests.test_refusal_per_rule import DRIVEN as CASE_DRIVEN

    out = {("cases", a, r) for a, r, *_ in CASE_DRIVEN}
    out |= {(key, a, r) for key, pairs_ in SCENARIOS.items() for a, r in pairs_}
    return out


def test_every_declared_pair_is_driven():
    table, done = declared(), driven()
    assert not done - table, f"scenarios for pairs no table declares: {sorted(done - table)}"
    assert not NOT_YET & done, f"driven now, drop from NOT_YET: {sorted(NOT_YET & done)}"
    assert not NOT_YET - table, f"stale NOT_YET: {sorted(NOT_YET - table)}"
    missing = table - done - NOT_YET
    assert not missing, f"{len(missing)} declared pairs are not driven: {sorted(missing)}"


def coverage() -> dict[str, tuple[int, int]]:
    table, done = declared(), driven()
    return {k: (len({p for p in table & done if p[0] == k}), len({p for p in table if p[0] == k})) for k in REGISTRY}

