"""REST API for penalty cases. Thin: parse, resolve references, call the action, render the read side."""

from datetime import date, datetime
from uuid import UUID

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from fazhi.cases import actions as A
from fazhi.cases import archive, documents, search
from fazhi.cases.models import PenaltyCase
from fazhi.cases.queries import detail, detail_queryset, list_queryset, list_row
from fazhi.cases.schemas import OnSiteIn, RegisterIn, UnknownStaff, _staff, action_kwargs
from fazhi.cases.signatures import signature_file
from fazhi.cases.workflow import TABLE, WORKFLOW
from fazhi.core import blobs
from fazhi.core.workflow_api import mount
from fazhi.org.access import Kind, record_case_read, require

router = Router(tags=["行政处罚案件"])


def _kwargs(request, payload) -> tuple[dict, date, int | None]:
    try:
        return action_kwargs(payload)
    except UnknownStaff as e:
        raise HttpError(422, str(e))


def _staff_named(username: str):
    try:
        return _staff(username.strip())
    except UnknownStaff as e:
        raise HttpError(422, str(e))


class CaseFilter(Schema):
    """The filters of cases/search.py (the staff search page uses the same)."""
    bureau: str | None = Field(None, description="执法主体代码（含下级）")
    q: str | None = Field(None, description="当事人名称、立案编号或决定书文号的片段（至少两个字）")
    id_number: str | None = Field(None, description="完整的身份证件号码或统一社会信用代码")
    place: str | None = Field(None, description="违法地点片段")
    cause: str | None = Field(None, description="案由片段")
    officer: str | None = Field(None, description="承办人员姓名或账号")
    status: str | None = None
    procedure: str | None = None
    discovered_from: str | None = Field(None, description="发现日期（起），YYYY-MM-DD")
    discovered_to: str | None = Field(None, description="发现日期（止）")
    decided_from: str | None = Field(None, description="决定日期（起）")
    decided_to: str | None = Field(None, description="决定日期（止）")
    overdue: bool | None = None
    sort: str = Field("-id", description="排序：-id（默认）、-discovered_on、discovered_on、-fine")
    cursor: str | None = None
    limit: int = 50


@router.get("/cases", summary="案件列表和查询（按可见范围，键集分页）", response={200: dict, 400: dict})
def list_cases(request, f: Query[CaseFilter]):
    require(request.auth, Kind.CASES)
    today = timezone.localdate()
    try:
        cq = search.parse(f.dict())
        qs = search.apply(list_queryset(request.auth, under=cq.bureau or None), cq, today)
        rows, nxt = search.page(qs, cq.sort, f.cursor, max(1, min(f.limit, 200)))
    except search.SearchError as e:
        raise HttpError(400, str(e))
    return {"results": [list_row(c, today) for c in rows], "next_cursor": nxt}


def _get(request, case_id: UUID) -> PenaltyCase:
    """The case, if the user's role has case access (else 403) and it is in their subtree (else 404)."""
    require(request.auth, Kind.CASES)
    return get_object_or_404(detail_queryset(request.auth), uuid=case_id)


def _channel(request) -> str:
    """Downloads linked from the staff pages come with the session; scripts come with a token."""
    return "api" if request.headers.get("Authorization") else "web"


@router.get("/cases/{uuid:case_id}", summary="案件详情（含期限、全过程记录和可办理环节）")
def get_case(request, case_id: UUID):
    case = _get(request, case_id)
    record_case_read(request.auth, case, "案件详情", _channel(request))
    return detail(case, request.auth, timezone.localdate())


@router.post("/cases", response={201: dict}, summary="案源登记（普通程序）")
def register_case(request, payload: RegisterIn):
    data, on, _ = _kwargs(request, payload)
    case = A.register(by=request.auth, on=on, **data)
    return Status(201, detail(_get(request, case.uuid), request.auth, timezone.localdate()))


@router.post("/cases/on-site", response={201: dict}, summary="当场处罚决定（简易程序）")
def on_site(request, payload: OnSiteIn):
    data, on, _ = _kwargs(request, payload)
    try:
        signature = signature_file(data.pop("signature", ""))
    except ValueError as e:
        raise HttpError(422, str(e))
    with blobs.kept([signature] if signature else []) as stored:
        case = A.decide_on_site(by=request.auth, on=on, signature=stored[0] if signature else None, **data)
    return Status(201, detail(_get(request, case.uuid), request.auth, timezone.localdate()))


mount(router, WORKFLOW)  # POST /cases/<id>/actions/<step>, one per step of the table (fazhi.core.workflow_api)


@router.get("/workflow", summary="办案流程表")
def workflow(request):
    return [{"action": t.action, "label": t.label, "procedures": list(t.procedures), "from": list(t.sources),
             "to": t.target, "targets": list(t.targets), "actor": t.actor, "actor_label": t.actor_label,
             "rules": list(t.rules)} for t in TABLE]


@router.post("/cases/{uuid:case_id}/evidence", summary="上传证据文件（PEN-26；按SHA-256存储，重复检测）")
def upload_evidence(request, case_id: UUID, file: File[UploadedFile], kind: Form[str], title: Form[str],
                    on: Form[date], description: Form[str] = "", place: Form[str] = "",
                    collected_on: Form[date | None] = None, from_monitoring: Form[bool] = False,
                    record_type: Form[str] = "", record_officers: Form[str] = "", record_person: Form[str] = "",
                    record_person_role: Form[str] = "", started_at: Form[datetime | None] = None,
                    ended_at: Form[datetime | None] = None):
    """A scanned 笔录 carries its own fields (PEN-04): `record_officers` as logins separated by commas."""
    case = _get(request, case_id)
    officers = [_staff_named(u) for u in record_officers.replace("，", ",").split(",") if u.strip()]
    with blobs.kept([file]) as (blob,):  # identical bytes are stored once; a refused step leaves no file behind
        A.add_evidence(case, by=request.auth, on=on, kind=kind, title=title, description=description, place=place,
                       collected_on=collected_on, from_monitoring=from_monitoring, blob=blob,
                       filename=file.name or "", content_type=file.content_type or "", record_type=record_type,
                       record_officers=officers, record_person=record_person,
                       record_person_role=record_person_role, started_at=started_at, ended_at=ended_at)
    return detail(_get(request, case_id), request.auth, timezone.localdate())


@router.get("/cases/{uuid:case_id}/evidence/{uuid:evidence_id}/file", summary="下载证据文件")
def evidence_file(request, case_id: UUID, evidence_id: UUID):
    case = _get(request, case_id)
    ev = get_object_or_404(case.evidence.exclude(sha256=""), uuid=evidence_id)
    path = blobs.path_of(ev.sha256)
    if not path.exists():
        raise HttpError(404, "证据文件不在存储中")
    record_case_read(request.auth, case, f"证据文件：{ev.title}", _channel(request))
    return FileResponse(open(path, "rb"), as_attachment=True, filename=ev.filename or f"{ev.sha256}",
                        content_type=ev.content_type or "application/octet-stream")


@router.get("/cases/{uuid:case_id}/documents", summary="本案已形成的文书（按一案一卷顺序）")
def case_documents(request, case_id: UUID):
    case = _get(request, case_id)
    return [{"kind": k.key, "title": k.title, "stage": k.stage, "pdf": f"documents/{k.key}.pdf",
             "docx": f"documents/{k.key}.docx" if k.docx else None} for k in documents.available(case)]


@router.get("/cases/{uuid:case_id}/documents/{kind}.{fmt}", summary="下载文书（PDF，或可编辑的DOCX）")
def case_document(request, case_id: UUID, kind: str, fmt: str,
                  layout: str = Query("", description="roll：80毫米便携打印机卷纸版式（仅当场行政处罚决定书的PDF）")):
    case = _get(request, case_id)
    if kind not in documents.BY_KEY or fmt not in ("pdf", "docx") or (fmt == "docx" and not documents.BY_KEY[kind].docx):
        raise HttpError(404, "没有该文书")
    if layout and (layout != "roll" or kind != "on_site" or fmt != "pdf"):
        raise HttpError(400, "卷纸版式仅适用于当场行政处罚决定书的PDF（layout=roll）")
    try:
        doc = documents.build(case, kind)
    except LookupError as e:
        raise HttpError(404, str(e))
    if layout == "roll":  # the same content for a portable printer's 80 mm roll
        import dataclasses

        doc = dataclasses.replace(doc, size="roll")
        body = documents.to_pdf(doc)
    elif fmt == "pdf":  # once issued (archive export), the issued bytes; before, a fresh rendering
        body = A.issued_pdf(case, kind, doc) or documents.to_pdf(doc)
    else:
        body = documents.to_docx(doc)
    record_case_read(request.auth, case, f"文书：{documents.BY_KEY[kind].title}（{fmt.upper()}）", _channel(request))
    types = {"pdf": "application/pdf",
             "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    response = HttpResponse(body, content_type=types[fmt])
    response["Content-Disposition"] = content_disposition_header(False, f"{doc.filename}.{fmt}")
    return response


@router.get("/cases/{uuid:case_id}/archive.zip", summary="导出案卷（一案一卷：文书、证据、全过程记录、哈希清单）")
def case_archive(request, case_id: UUID):
    case = _get(request, case_id)
    try:
        path, seal = archive.export(case, by=request.auth)
    except ValueError as e:
        raise HttpError(409, str(e))
    record_case_read(request.auth, case, "案卷导出（一案一卷）", _channel(request))
    response = FileResponse(open(path, "rb"), as_attachment=True,
                            filename=f"{case.case_no or case.decision_no or case.uuid}.zip",
                            content_type="application/zip")
    response["X-Archive-Seal"] = seal
    path.unlink()  # the open file handle keeps the data until the response is sent (POSIX)
    return response
