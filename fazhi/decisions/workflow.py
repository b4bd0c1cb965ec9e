"""A major decision's procedure as a table: (action, label, source stages, target stage, who, rule IDs). The
actions in decisions.actions run through it; the decision page offers what it allows; tests walk it."""
from __future__ import annotations

from dataclasses import dataclass

from fazhi.decisions.models import Status as S


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    actor: str          # leader | head | unit (the 承办人 or a leader) | reviewer
    rules: tuple[str, ...]


FORMING = (S.DRAFTING, S.CONSULTING)

STEPS = [
    Step("save_draft", "拟订决策草案", FORMING, None, "unit", ("MJD-ROLE",)),
    Step("open_consultation", "公开征求意见", (S.DRAFTING,), S.CONSULTING, "unit", ("MJD-02",)),
    Step("announce_hearing", "公布听证会", (S.CONSULTING,), None, "unit", ("MJD-02",)),
    Step("hold_hearing", "举行听证会", (S.CONSULTING,), None, "unit", ("MJD-02",)),
    Step("close_consultation", "公布意见采纳情况", (S.CONSULTING,), S.DRAFTING, "unit", ("MJD-02",)),
    Step("add_expert", "专家论证", FORMING, None, "unit", ("MJD-03",)),
    Step("assess_risk", "风险评估", FORMING, None, "unit", ("MJD-03",)),
    Step("submit_review", "送请合法性审查", (S.DRAFTING,), S.REVIEWING, "unit", ("MJD-02", "MJD-03", "MJD-04")),
    Step("deliberate", "集体讨论决定", (S.REVIEWED,), None, "head", ("MJD-04", "MJD-05")),
    Step("publish", "决策公布", (S.DECIDED,), S.PUBLISHED, "unit", ("MJD-06",)),
    Step("archive", "归档", (S.DECIDED, S.PUBLISHED, S.CLOSED), S.ARCHIVED, "unit", ("MJD-06",)),
    Step("evaluate", "决策后评估", (S.ARCHIVED,), S.EVALUATED, "leader", ("MJD-06",)),
]
BY_ACTION = {s.action: s for s in STEPS}
