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


_KINDS = {"bool": "是或否（true/false）", "int": "整数", "float": "数字", "decimal": "数字", "date": "日期（YYYY-MM-DD）",
          "datetime": "日期时间", "uuid": "UUID", "string": "文本", "list": "列表", "dict": "对象", "model": "对象",
          "json": "JSON"}


def describe(err: dict) -> str:
    """One input validation error (pydantic's dict) as a Chinese phrase, for the API and the staff forms."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "missing":
        return "必填"
    if kind in ("literal_error", "enum"):
        return f"取值应为：{ctx.get('expected', '')}".replace(" or ", "、")
    if kind == "string_too_long":
        return f"不得超过{ctx.get('max_length')}个字符"
    if kind == "string_too_short":
        return "不得为空" if ctx.get("min_length") == 1 else f"不得少于{ctx.get('min_length')}个字符"
    if kind in ("too_long", "too_short"):
        return "项数不正确"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "不得小于", "greater_than": "应大于", "less_than_equal": "不得大于",
                "less_than": "应小于"}[kind]
        bound = next((v for k, v in ctx.items() if k in ("ge", "gt", "le", "lt")), "")
        return f"{sign}{bound}"
    if kind == "finite_number":
        return "应为有限的数字（不接受 NaN、Infinity）"
    if kind.startswith("decimal_"):
        return "数字的位数过多（最多12位整数、2位小数）"
    if kind.startswith("date") and kind != "date_type":
        return "应为有效的日期（YYYY-MM-DD），如 2026-02-28"
    if kind in ("extra_forbidden",):
        return "不是可接受的字段"
    for key, label in _KINDS.items():
        if kind.startswith(key):
            return f"应为{label}"
    return "格式不正确"
