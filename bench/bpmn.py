"""The general procedure of fazhi.cases.workflow.TABLE rendered as a BPMN 2.0 process, so the SpiffWorkflow
peer runs the same process as our engine, by construction rather than by a hand-drawn copy.

Each case state is an exclusive gateway whose outgoing flows lead to the user tasks allowed in that state
(the flow is chosen by the process variable `next`); after each task a second gateway routes by the process
variable `status` to the gateway of the state the case is now in. `archived` ends the process."""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

from fazhi.cases.models import Procedure, Status
from fazhi.cases.workflow import TABLE

NS = ('xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')


def _cond(expr: str) -> str:
    return f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{expr}</bpmn:conditionExpression>'


def general_procedure_bpmn() -> str:
    rows = [t for t in TABLE if Procedure.GENERAL in t.procedures]
    out, flows = [], []

    def flow(src: str, dst: str, cond: str | None = None):
        fid = f"f{len(flows)}"
        flows.append(f'<bpmn:sequenceFlow id="{fid}" sourceRef="{src}" targetRef="{dst}">'
                     f'{_cond(cond) if cond else ""}</bpmn:sequenceFlow>')

    out.append('<bpmn:startEvent id="start"/>')
    out.append('<bpmn:endEvent id="end"/>')
    states = [s for s in Status.values if any(s in t.sources for t in rows)]
    for s in states:
        out.append(f'<bpmn:exclusiveGateway id="at_{s}"/>')
    for t in rows:
        out.append(f'<bpmn:userTask id="{t.action}" name={quoteattr(t.label)}/>')
        out.append(f'<bpmn:exclusiveGateway id="after_{t.action}"/>')
        flow(t.action, f"after_{t.action}")
        if not t.sources:
            flow("start", t.action)
        for s in t.sources:
            flow(f"at_{s}", t.action, f'next == "{t.action}"')
        results = {t.target} if t.target else set(t.targets or t.sources)
        for r in sorted(results):
            flow(f"after_{t.action}", "end" if r == Status.ARCHIVED else f"at_{r}", f'status == "{r}"')
    return (f'<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions {NS} id="fazhi_bench" '
            f'targetNamespace="https://fazhi.example/bench"><bpmn:process id="general_procedure" '
            f'isExecutable="true">{"".join(out)}{"".join(flows)}</bpmn:process></bpmn:definitions>')
