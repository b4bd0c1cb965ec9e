"""Public pages of 涉企行政检查: the check-in page an enterprise opens by scanning the officers' code (扫码入企 /
亮码检查), and the published draw file anyone can re-run with `fazhi draw verify`."""
from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fazhi.inspections.models import Draw, DrawStatus, Inspection, InspectionStatus


def check_in(request, code):
    ins = get_object_or_404(Inspection.objects.select_related("subject", "bureau", "approved_by"), check_in_code=code)
    today = timezone.localdate()
    officers = []
    for o in ins.officers.prefetch_related("certificates"):
        cert = o.valid_certificate(today)
        officers.append({"name": o.full_name or o.username, "cert": cert.number if cert else "",
                         "valid": cert is not None, "until": cert.valid_until if cert else None})
    approved = ins.status != InspectionStatus.PLANNED
    return render(request, "inspections/check_in.html", {
        "ins": ins, "officers": officers, "approved": approved, "today": today,
        "lawful": approved and len(officers) >= 2 and all(o["valid"] for o in officers)})


def check_in_qr(request, code):
    """The 亮码检查 code officers show: a QR of the check-in page (only for an approved inspection)."""
    import io

    import segno

    ins = get_object_or_404(Inspection, check_in_code=code)
    if ins.status == InspectionStatus.PLANNED:
        return HttpResponse("检查尚未批准，不生成检查码", status=409, content_type="text/plain; charset=utf-8")
    out = io.BytesIO()
    segno.make(request.build_absolute_uri(f"/check/{code}/"), error="m").save(out, kind="svg", scale=6)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


def draw_publication(request, draw_id):
    d = get_object_or_404(Draw, uuid=draw_id)
    if d.status != DrawStatus.DRAWN:  # before the draw only the commitment and the inputs' hash are public
        return JsonResponse({"inputs_sha256": d.inputs_sha256, "seed_commitment": d.seed_commitment,
                             "inputs": d.inputs}, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(d.publication(), json_dumps_params={"ensure_ascii": False})
