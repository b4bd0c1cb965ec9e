"""Domain errors besides RuleViolation (which lives in fazhi.law so pure rules can raise it)."""
from fazhi.law.basis import RuleViolation
from fazhi.law.rules import basis


class NotPermitted(RuleViolation):
    """The user may not do this (role, bureau or assignment). Mapped to HTTP 403. `rule` names the rule whose
    basis explains the refusal (by default CASE-ROLE)."""

    def __init__(self, message: str, rule: str = "CASE-ROLE"):
        # Each app cites the source that assigns its duties: CASE-ROLE (行政处罚法) for cases, DCM-ROLE (GB/T 30428
        # and local rules) for 数字化城管, INS-* for inspections, PUB-ROLE for disclosure, RPT-02 for the report.
        super().__init__(rule, message, basis(rule))


class Conflict(RuleViolation):
    """Someone else changed the record first (stale version). Mapped to HTTP 409."""

    def __init__(self, message: str = "该案件已被他人更新，请刷新后重试"):
        super().__init__("CASE-CONFLICT", message, basis("CASE-CONFLICT"))



def refused(e: Exception) -> tuple[dict, int]:
    """A refused step as a page shows it in place (code, message, basis) and its HTTP status: 403 for a user who
    may not act, 409 for a rule or bad input (a ValueError from parsing)."""
    shown = e.shown() if isinstance(e, RuleViolation) else {"code": "", "message": str(e), "basis": ""}
    return shown, 403 if isinstance(e, NotPermitted) else 409
