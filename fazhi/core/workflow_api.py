"""One API shape for every context's steps: `POST /api/v1/<context>/<id>/actions/<step>`, generated from the
registered table and the step's input schema, so the OpenAPI document lists every step of every context with its
schema and its errors (the API's error handlers answer refusals in one shape). No `from __future__ import
annotations` here: ninja reads the endpoint's annotations as objects."""

from uuid import UUID

from ninja import Router
from ninja.errors import HttpError

from fazhi.core.workflow import Step, Workflow


def _endpoint(router: Router, wf: Workflow, step: Step) -> None:
    schema = wf.schemas[step.action]

    def endpoint(request, record_id: UUID, payload: schema):  # type: ignore[valid-type]
        record = wf.load(request.auth, record_id)
        try:
            wf.perform(record, step, request.auth, payload.dict())
        except LookupError as e:  # a name in the input that resolves to nothing (a login, a linked record)
            raise HttpError(422, f"输入有误：{e}") from e
        return wf.present(wf.load(request.auth, record_id), request.auth)

    endpoint.__name__ = f"{wf.op_prefix or wf.key}_{step.action}"
    router.post(f"/{wf.key}/{{uuid:record_id}}/actions/{step.action}",
                summary=f"{step.label}（{'、'.join(step.rules)}）",
                operation_id=f"{wf.op_prefix or wf.key}_{step.action}")(endpoint)


def mount(router: Router, wf: Workflow) -> None:
    """Add an endpoint for every step taken on an existing record of `wf` (creating steps have their own)."""
    for step in wf.record_steps():
        _endpoint(router, wf, step)
