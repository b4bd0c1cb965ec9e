"""The dispute workflow as a table: (state, action) → next state, the rules that gate each step.

`disputes.actions` executes these rows; nothing else writes `Dispute.status`. Writers are the bureau's 法制审核员
and its leaders (the 法律顾问 gives opinions on the disputes assigned to them)."""
from __future__ import annotations

from dataclasses import dataclass

from fazhi.disputes.models import DisputeStatus as S

ALL = (S.RECEIVED, S.ANSWERED, S.RULED, S.CONCLUDED)


@dataclass(frozen=True)
class Step:
    action: str
    label: str
    sources: tuple[str, ...]      # empty: the action creates the dispute
    target: str | None            # None: stays, or the action chooses among `targets`
    rules: tuple[str, ...]
    targets: tuple[str, ...] = ()
    adviser: bool = False         # the assigned adviser may take it too


TABLE: list[Step] = [
    Step("receive", "登记复议申请或起诉", (), S.RECEIVED, ("DSP-01", "DSP-02", "DSP-04", "REV-05")),
    Step("receive_document", "登记收到的文书", ALL, None, ("DSP-02", "DSP-04")),
    Step("add_evidence", "列入证据清单", (S.RECEIVED, S.ANSWERED), None, ("DSP-04",)),
    Step("file_answer", "提交答复（答辩）材料", (S.RECEIVED,), S.ANSWERED, ("DSP-02", "DSP-04", "REV-04", "REV-09")),
    Step("arrange_appearance", "安排负责人出庭应诉", (S.RECEIVED, S.ANSWERED), None, ("DSP-06", "REV-10")),
    Step("record_hearing", "登记开庭（听证）及出庭情况", (S.ANSWERED,), None, ("DSP-03", "DSP-06", "REV-10")),
    Step("record_result", "登记复议决定或裁判结果", (S.ANSWERED,), None, ("REV-07", "DSP-05", "DSP-08"),
         (S.RULED, S.CONCLUDED, S.ANSWERED)),
    Step("appeal", "提起（应对）上诉", (S.RULED,), None, ("DSP-05",), (S.RECEIVED, S.ANSWERED)),
    Step("finalize", "一审裁判发生法律效力", (S.RULED,), S.CONCLUDED, ("DSP-05", "DSP-08")),
    Step("open_retrial", "登记再审", (S.CONCLUDED,), S.ANSWERED, ("DSP-05",)),
    Step("receive_opinion", "收到行政复议意见书", (S.ANSWERED, S.CONCLUDED), None, ("DSP-07",)),
    Step("report_correction", "报送纠正情况", (S.ANSWERED, S.CONCLUDED), None, ("DSP-07",)),
    Step("record_performance", "履行复议决定或生效裁判", (S.CONCLUDED,), None, ("DSP-07",)),
    Step("assign_adviser", "指定法律顾问", ALL, None, ("DSP-ROLE",)),
    Step("give_opinion", "出具法律意见", ALL, None, ("DSP-ROLE",), adviser=True),
]

STEPS: dict[str, Step] = {s.action: s for s in TABLE}
