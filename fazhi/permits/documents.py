"""The written acts of the permit procedure, built as blocks and rendered by the shared layout (fazhi/core/layout.py)
to PDF and DOCX: 受理通知书 and 不予受理决定书 (LIC-01: in writing, sealed and dated), 补正通知书 listing every missing
item at once (LIC-01), 延期通知 with the reasons (LIC-02), 听证通知 with the pause of the clock (LIC-04/05),
准予/不予行政许可决定书 (a refusal with its reasons and the 复议/诉讼 rights, Art 38) and the permit certificate with a
QR code that opens its verification on the public portal (LIC-03). Facts come from the events that recorded each
step, so a document printed later shows what was recorded then."""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core.layout import Doc, Fields, Para, Picture, Sign
from fazhi.core.models import Event
from fazhi.decisions.documents import day
from fazhi.permits.models import Permit

XZXK = "《中华人民共和国行政许可法》"


def _last(p: Permit, kind: str) -> Event | None:
    return Event.objects.filter(stream=p.stream, kind=kind).order_by("-seq").first()


def _head(p: Permit) -> list:
    return [Para(f"申请编号：{p.number}；申请内容：{p.subject.rstrip('。')}；收到申请日期：{day(p.received_on)}。", small=True)]


def _seal(p: Permit, on) -> Sign:
    return Sign([f"{p.bureau.name}（行政许可专用章）", day(on)])


def accepted(p: Permit) -> Doc:
    e = _last(p, "accept")
    deemed = e.data.get("deemed")
    text = (f"你（单位）于{day(p.received_on)}提交的{p.item.name}申请，本机关未在五个工作日内一次告知补正，依照{XZXK}"
            f"第三十二条第一款第（四）项，自收到申请材料之日起即为受理。") if deemed else (
        f"你（单位）提交的{p.item.name}申请，申请材料齐全、符合法定形式，依照{XZXK}第三十二条第一款第（五）项，"
        f"本机关决定予以受理。")
    due = f"本机关将自受理之日起{'四十五' if p.joint else '二十'}个工作日内作出行政许可决定"
    blocks = [Para(f"{p.applicant}："), Para(text),
              Para(f"{due}（本局承诺{p.item.promised_days}个工作日内办结）；依法需要听证、检验、检测、鉴定和专家评审的，所需时间"
                   f"不计算在期限内，本机关将书面告知。查询码：{p.tracking_code}。"),
              Para(f"受理日期：{day(p.accepted_on)}。"), *_head(p), _seal(p, e.effective_on)]
    return Doc("accept", "行政许可受理通知书", p.bureau.name, p.number, blocks)


def correction(p: Permit) -> Doc:
    e = _last(p, "request_correction")
    items = e.data.get("missing", [])
    blocks = [Para(f"{p.applicant}："),
              Para(f"你（单位）于{day(p.received_on)}提交的{p.item.name}申请，申请材料不齐全或者不符合法定形式。依照{XZXK}"
                   f"第三十二条第一款第（四）项，现一次告知需要补正的全部内容如下："),
              *[Para(f"{i}. {m}") for i, m in enumerate(items, 1)],
              *([Para(f"说明：{e.data['note']}")] if e.data.get("note") else []),
              Para("请按上述要求补正全部材料后再次提交。补正材料齐全的，本机关将予以受理。"),
              *_head(p), _seal(p, e.effective_on)]
    return Doc("correction", "行政许可申请材料补正通知书", p.bureau.name, p.number, blocks)


def refused(p: Permit) -> Doc:
    e = _last(p, "refuse")
    gov, court = p.bureau.remedy_bodies()
    refer = e.data.get("refer_to")
    blocks = [Para(f"{p.applicant}："),
              Para(f"你（单位）于{day(p.received_on)}提交的{p.item.name}申请，经审查，{e.data.get('reason', '').rstrip('。')}。"
                   f"依照{XZXK}第三十二条第一款的规定，本机关决定不予受理。"),
              *([Para(f"请向{refer}申请。")] if refer else []),
              Para(f"如不服本决定，可以自收到本决定书之日起六十日内向{gov}申请行政复议，或者在六个月内依法向{court}"
                   f"提起行政诉讼。"),
              *_head(p), _seal(p, e.effective_on)]
    return Doc("refuse", "不予受理行政许可申请决定书", p.bureau.name, e.data.get("decision_no", ""), blocks)


def extension(p: Permit) -> Doc:
    e = _last(p, "extend")
    blocks = [Para(f"{p.applicant}："),
              Para(f"你（单位）申请的{p.item.name}（申请编号{p.number}），本机关已于{day(p.accepted_on)}受理。因"
                   f"{e.data.get('reasons', '').rstrip('。')}，二十个工作日内不能作出决定，经本机关负责人批准，依照{XZXK}"
                   f"第四十二条第一款，决定期限延长十个工作日，至{day(e.data.get('decision_due'))}。"),
              _seal(p, e.effective_on)]
    return Doc("extension", "行政许可延期决定通知书", p.bureau.name, p.number, blocks)


def hearing(p: Permit) -> Doc:
    e = _last(p, "schedule_hearing")
    a = e.data
    blocks = [Para(f"{p.applicant}及利害关系人："),
              Para(f"你（单位）于{day(a.get('requested_on'))}对{p.item.name}申请（申请编号{p.number}）提出听证申请。依照"
                   f"{XZXK}第四十七条、第四十八条，本机关定于{day(a.get('held_on'))}"
                   f"{('在' + a['place']) if a.get('place') else ''}公开举行听证，由{a.get('presider', '')}主持。"
                   f"认为主持人与该许可事项有直接利害关系的，有权申请回避。"),
              Para(f"依照{XZXK}第四十五条，听证所需时间不计算在作出行政许可决定的期限内，自{day(a.get('requested_on'))}"
                   f"起中止计算，听证结束后继续计算。"),
              _seal(p, e.effective_on)]
    return Doc("hearing", "行政许可听证通知书（期限中止告知）", p.bureau.name, p.number, blocks)


def decision(p: Permit) -> Doc:
    e = _last(p, "decide")
    a = e.data
    gov, court = p.bureau.remedy_bodies()
    if a.get("outcome") == "grant":
        fee = f"应缴纳{p.item.fee_name}{a.get('fee_amount')}元（{p.item.fee_basis}），全额上缴国库。" \
            if p.item.charges and a.get("fee_amount") not in (None, "0", "0.00") else "本许可不收费。"
        blocks = [Para(f"{p.applicant}："),
                  Para(f"你（单位）于{day(p.received_on)}提出的{p.item.name}申请，本机关于{day(p.accepted_on)}受理。经审查，"
                       f"申请符合法定条件、标准，依照{p.item.legal_basis}和{XZXK}第三十八条第一款，决定准予行政许可。"),
                  Fields([("许可内容", p.subject), ("位置", p.location or "—"),
                          ("数量", f"{p.quantity:g}{p.item.quantity_unit}" if p.quantity is not None else "—"),
                          ("有效期", f"{day(a.get('valid_from'))}至{day(a.get('valid_until'))}"),
                          ("许可条件", a.get("conditions") or "按批准的位置、面积、期限实施")]),
                  Para(fee),
                  Para(f"本机关将自本决定作出之日起十个工作日内颁发许可证件（{XZXK}第四十四条）。本决定依法予以公开。"),
                  Para(f"如不服本决定，可以自收到本决定书之日起六十日内向{gov}申请行政复议，或者在六个月内依法向{court}"
                       f"提起行政诉讼。"),
                  _seal(p, e.effective_on)]
        return Doc("decision", "准予行政许可决定书", p.bureau.name, a.get("decision_no", ""), blocks)
    blocks = [Para(f"{p.applicant}："),
              Para(f"你（单位）于{day(p.received_on)}提出的{p.item.name}申请，本机关于{day(p.accepted_on)}受理。经审查，"
                   f"{a.get('reasons', '').rstrip('。')}。依照{XZXK}第三十八条第二款，本机关决定不予行政许可。"),
              Para(f"如不服本决定，可以自收到本决定书之日起六十日内向{gov}申请行政复议，或者在六个月内依法向{court}"
                   f"提起行政诉讼。"),
              *_head(p), _seal(p, e.effective_on)]
    return Doc("decision", "不予行政许可决定书", p.bureau.name, a.get("decision_no", ""), blocks)


def verify_url(p: Permit, base: str) -> str:
    return f"{base.rstrip('/')}/public/permits/verify/{p.verify_code}/"


def qr_png(url: str) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def certificate(p: Permit, base: str = "http://127.0.0.1:8000/") -> Doc:
    e = _last(p, "issue_certificate")
    url = verify_url(p, base)
    blocks = [Fields([("被许可人", p.applicant),
                      ("统一社会信用代码/身份证件号码", p.id_number or "—"), ("许可事项", p.item.name),
                      ("许可内容", p.subject), ("位置", p.location or "—"),
                      ("数量", f"{p.quantity:g}{p.item.quantity_unit}" if p.quantity is not None else "—"),
                      ("有效期", f"{day(p.valid_from)}至{day(p.valid_until)}"), ("许可决定书文号", p.decision_no),
                      ("许可条件", p.conditions or "按批准的位置、面积、期限实施；变更须在期限届满前申请")]),
              Picture(qr_png(url), "扫码核验：扫描二维码，在执法信息公开平台核验本证的真伪和效力", width_mm=30),
              Para("被许可人需要延续许可有效期的，应当在有效期届满三十个工作日前提出申请（行政许可法第五十条）。", small=True),
              Sign([f"{p.bureau.name}（行政许可专用章）", f"发证日期：{day(e.effective_on)}"])]
    return Doc("certificate", f"{p.item.name}许可证", p.bureau.name, p.certificate_no, blocks, size="compact")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    build: Callable[..., Doc]
    ready: Callable[[Permit], bool]


def _has(kind: str) -> Callable[[Permit], bool]:
    return lambda p: _last(p, kind) is not None


KINDS = [
    Kind("accept", "受理通知书", lambda p, base="": accepted(p), _has("accept")),
    Kind("correction", "补正通知书", lambda p, base="": correction(p), _has("request_correction")),
    Kind("refuse", "不予受理决定书", lambda p, base="": refused(p), _has("refuse")),
    Kind("extension", "延期通知", lambda p, base="": extension(p), _has("extend")),
    Kind("hearing", "听证通知（期限中止告知）", lambda p, base="": hearing(p), _has("schedule_hearing")),
    Kind("decision", "许可决定书", lambda p, base="": decision(p), _has("decide")),
    Kind("certificate", "许可证", lambda p, base="http://127.0.0.1:8000/": certificate(p, base),
         lambda p: bool(p.certificate_no)),
]
BY_KEY = {k.key: k for k in KINDS}


def available(p: Permit) -> list[tuple[str, str]]:
    return [(k.key, k.label) for k in KINDS if k.ready(p)]
