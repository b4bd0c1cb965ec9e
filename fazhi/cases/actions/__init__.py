"""Every state change of a penalty case: one named function per workflow row (cases.workflow.TABLE).

An action is: load and lock → check (workflow table + fazhi.law rules) → mutate → append event → recompute
deadlines, all in one transaction with one actor (`by`) and one effective date (`on`). The UI, the API,
the demo generator and the admin all call these functions; nothing else writes a case's status.

A package, one module per stage, each read in one sitting: `machinery` (the `@transition` wrapper every action
shares), `penalty` (the proposal, its discretion and what it requires), `opening`, `investigation`, `deciding`,
`execution`, `on_site` (简易程序), `hooks` (what the disputes context and the core call) and `issuing` (documents
into the chain). Every name is re-exported here, so `from fazhi.cases import actions as A; A.decide(...)` reads
as before. To replace an action in a test, patch it in the module that defines it: callers inside the package
use that module's name, not this one's.
"""
from __future__ import annotations

from fazhi.cases.actions.deciding import (
    approve_departure,
    decide,
    deliberate,
    hold_hearing,
    legal_review,
    notify,
    record_statement,
    request_hearing,
    schedule_hearing,
    waive_rights,
)
from fazhi.cases.actions.execution import (
    apply_court,
    archive,
    close,
    decide_transfer,
    late_fee_due,
    payment_due,
    record_court_ruling,
    record_payment,
    serve,
    serve_demand,
)
from fazhi.cases.actions.hooks import (
    DISPUTE_SOURCES,
    MET_PERIODS,
    SETTLE,
    dispute_ended,
    dispute_opened,
    settle_deadlines,
)
from fazhi.cases.actions.investigation import (
    add_evidence,
    conclude_investigation,
    dispose_preserved,
    extend_deadline,
    preserve_evidence,
    review_monitoring_record,
)
from fazhi.cases.actions.issuing import (
    ISSUE_DOCUMENTS,
    issue_documents,
    issued_documents,
    issued_pdf,
)
from fazhi.cases.actions.machinery import (
    CASE_ROWS,
    _check_actor,
    case_closed,
    decision_changed,
    transition,
)
from fazhi.cases.actions.on_site import (
    decide_on_site,
    file_record,
    hand_over_fine,
)
from fazhi.cases.actions.opening import (
    CASE_FIELDS,
    assign_officers,
    file_case,
    recuse,
    register,
    reject_clue,
)
from fazhi.cases.actions.penalty import (
    _deliberation_required,
    _review_required,
)
from fazhi.cases.models import CaseOfficer, Evidence, PenaltyCase, Preservation
from fazhi.cases.workflow import TRANSITIONS

# action name → function, for the API, the UI and tests; every row of the workflow table has one.
ACTIONS = {fn.transition.action: fn for fn in list(globals().values())
           if callable(fn) and hasattr(fn, "transition")}
assert set(ACTIONS) == set(TRANSITIONS), set(TRANSITIONS) ^ set(ACTIONS)

__all__ = ["CASE_ROWS", "_check_actor", "case_closed", "decision_changed", "transition", "_deliberation_required", "_review_required", "CASE_FIELDS", "assign_officers", "file_case", "recuse", "register", "reject_clue", "add_evidence", "conclude_investigation", "dispose_preserved", "extend_deadline", "preserve_evidence", "review_monitoring_record", "approve_departure", "decide", "deliberate", "hold_hearing", "legal_review", "notify", "record_statement", "request_hearing", "schedule_hearing", "waive_rights", "apply_court", "archive", "close", "decide_transfer", "late_fee_due", "payment_due", "record_court_ruling", "record_payment", "serve", "serve_demand", "DISPUTE_SOURCES", "MET_PERIODS", "SETTLE", "dispute_ended", "dispute_opened", "settle_deadlines", "decide_on_site", "file_record", "hand_over_fine", "ISSUE_DOCUMENTS", "issue_documents", "issued_documents", "issued_pdf", "CaseOfficer", "Evidence", "PenaltyCase", "Preservation", "ACTIONS"]
