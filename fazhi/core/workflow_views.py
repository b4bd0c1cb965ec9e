"""What every context's step page does with a posted form: parse it with the step's schema (the API's), perform the
step through the context's action, and either queue the success message or hand back the refusal to show in
place (with its basis) and the HTTP status: 403 when the user may not, 409 for a rule, 400 for unreadable input."""
from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header

from fazhi.core import forms
from fazhi.core.errors import refused
from fazhi.core.workflow import Workflow
from fazhi.law.basis import RuleViolation
from fazhi.law.rules import RULES

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(doc, fmt: str) -> HttpResponse:
    """A 文书 built as blocks (core.layout.Doc) rendered as PDF or DOCX for download, named by its file name;
    an unknown format is a 404."""
    from fazhi.core.layout import to_docx, to_pdf

    if fmt not in ("pdf", "docx"):
        raise Http404("无此文书格式")
    data = to_pdf(doc) if fmt == "pdf" else to_docx(doc)
    r = HttpResponse(data, content_type="application/pdf" if fmt == "pdf" else DOCX)
    r["Content-Disposition"] = content_disposition_header(fmt == "docx", f"{doc.filename}.{fmt}")
    return r


def basis_of(rules) -> list[dict]:
    """The 依据 of a step as a page shows it behind its disclosure: each rule's title, its law and article, and
    its ID last (staff read the law, not the code)."""
    return [{"rule": r, "title": RULES[r].title, "basis": str(RULES[r].basis)} for r in rules if r in RULES]


def step_form(offered: dict, fields: list, *, record, url: str, refusal: dict | None = None, failed: str = "",
              post=None) -> dict:
    """One offered step's form as a record page renders it (workflow/_steps.html): `offered` is the step's row of
    the record's detail (action, label, rules, due…), `fields` its inputs from the step's schema; what was typed
    stays in place when this step is the one refused, shown with its refusal and the step's 依据."""
    if offered["action"] == failed and post is not None:
        forms.keep(fields, post)
    return {**offered, "basis": basis_of(offered["rules"]), "fields": fields, "version": record.version, "url": url,
            "refusal": refusal if offered["action"] == failed else None}


def unreadable(errors: list[str]) -> dict:
    return {"code": "", "message": "；".join(errors), "basis": ""}


def post_step(request, wf: Workflow, record, action: str, labels: Mapping[str, str],
              special=None) -> tuple[dict | None, int]:
    """(None, 302) when the step was taken; (refusal, status) when not."""
    step = wf.step(action)
    payload, errors = forms.parse(wf.schemas[action], request.POST, labels, special)
    if payload is None:
        return unreadable(errors), 400
    try:
        wf.perform(record, step, request.user, payload.dict())
    except RuleViolation as e:
        return refused(e)
    except LookupError as e:  # a name in the form that resolves to nothing (a login, a linked record)
        return unreadable([str(e)]), 400
    messages.success(request, f"已办理：{step.label}")
    return None, 302
