"""API input shapes, one per workflow action. Staff are named by login (username); cases by UUID."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

# Amounts of money as the records hold them (DecimalField(max_digits=14, decimal_places=2)): a bigger or negative
# number, NaN or infinity is bad input (422), never a database error.
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Quantity = Annotated[Decimal, Field(ge=0, max_digits=14)]
# Row ids: within what every database's integer column holds (an id that names nothing is the action's refusal).
Id = Annotated[int, Field(ge=-(2 ** 53), le=2 ** 53)]


class ActionIn(Schema):
    on: date = Field(description="办理日期（实际发生日期，不得晚于今天）")
    expected_version: int | None = Field(None, ge=0, le=2 ** 31, description="乐观并发控制：案件当前版本号")


class PenaltyIn(Schema):
    kinds: list[str] | None = None
    fine: Money | None = None
    confiscated_income: Money | None = None
    confiscated_property: Money | None = None


class CaseFieldsIn(Schema):
    party_kind: Literal["citizen", "org"] = Field(description="citizen 公民 / org 法人或其他组织")
    party_name: str = Field(min_length=1, max_length=120)
    party_id_number: str = ""
    party_address: str = ""
    party_phone: str = ""
    party_representative: str = ""
    cause: str = Field(min_length=1, max_length=200)
    facts: str = ""
    place: str = ""
    act_on: date
    act_ended_on: date | None = None
    serious_harm: bool = False
    discovered_on: date
    violated_provision: str = ""
    penalty_provision: str = ""
    source: Literal["patrol", "complaint", "hotline", "citydesk", "transfer_in", "assigned", "monitoring",
                    "inspection"] = "patrol"


class RegisterIn(ActionIn, CaseFieldsIn):
    pass


class OnSiteIn(ActionIn, CaseFieldsIn):
    cause: str = Field("", max_length=200, description="案由；选择了裁量基准中的违法行为时可空，取其名称")
    officers: list[str] = Field(description="同行执法人员（登录名），连同本人不少于二人")
    kinds: list[str]
    fine: Money = Decimal("0")
    facts_certain: bool = True
    statement: str = ""
    statement_waived: bool = False
    collect_on_spot: bool = False
    receipt_no: str = ""
    hard_to_collect: bool = False
    remote_area: bool = False
    party_requested: bool = False
    correction_order: str = ""
    benchmark_violation: str = Field("", description="裁量基准中的违法行为（基准编码:违法行为编码），据此填写案由、依据并核对裁量阶次")
    signature_refused: bool = Field(False, description="当事人拒绝签收（在决定书上注明，行政处罚法第五十二条）")
    witness: str = Field("", max_length=60, description="拒绝签收时在场的见证人")
    signature: str = Field("", max_length=410_000,
                           description="当事人在手机上的签名（PNG 图像的 data URL：data:image/png;base64,…），打印在交付的决定书上")


class RejectClueIn(ActionIn):
    reason: str


class FileIn(ActionIn):
    officers: list[str]
    lead: str | None = None
    note: str = ""


class AssignIn(ActionIn):
    add: list[str] = []
    remove: list[str] = []


class RecuseIn(ActionIn):
    officer: str
    reason: str
    applicant: str = "当事人"


class EvidenceIn(ActionIn):
    kind: str
    title: str
    description: str = ""
    place: str = ""
    collected_on: date | None = None
    from_monitoring: bool = False
    sha256: str = ""
    qa: str | list[list[str]] = ""  # 询问笔录: "问：…\n答：…" or [[问, 答], …]
    record_type: str = Field("", description="笔录类型：inquiry 询问笔录 / site 现场检查笔录 / survey 勘验笔录（空：非笔录）")
    record_officers: list[str] = Field([], description="制作笔录的执法人员（登录名，不少于二名当日持证人员）")
    record_person: str = Field("", description="被询问人或在场人")
    record_person_role: str = Field("", description="其身份：当事人、证人、在场人、见证人等")
    record_person_id_number: str = Field("", max_length=30, description="被询问人（在场人）的身份证件号码")
    record_person_phone: str = Field("", max_length=30, description="被询问人（在场人）的联系电话")
    started_at: datetime | None = Field(None, description="笔录开始时间（北京时间）")
    ended_at: datetime | None = Field(None, description="笔录结束时间（北京时间）")


class ReviewMonitoringIn(ActionIn):
    evidence_uuid: UUID
    accurate: bool
    note: str = ""


class PreserveIn(ActionIn):
    items: str
    approved_by: str


class DisposeIn(ActionIn):
    preservation_id: Id
    disposal: str


class ExtendIn(ActionIn):
    days: int = Field(ge=1, le=3650)  # the action itself also refuses 0 or less under PEN-06
    reason: str


class DiscretionFactsIn(Schema):
    prior_penalties: int = Field(0, ge=0, le=10_000, description="违法行为发生前一年内因同一违法行为受处罚次数")
    circumstances: list[str] = Field([], description="裁量基准适用条件中经查证属实的情形（原文）")
    minor_corrected: bool = False
    mitigation_grounds: list[str] = Field([], description="行政处罚法第三十二条应当从轻或者减轻的情形")
    quantities: dict[str, Quantity] = Field({}, description="计罚数量，如 平方米、处、赔偿额")


class ConcludeIn(ActionIn):
    outcome: str
    facts: str
    kinds: list[str] = []
    fine: Money = Decimal("0")
    confiscated_income: Money = Decimal("0")
    confiscated_property: Money = Decimal("0")
    no_penalty_ground: str = ""
    no_penalty_conditions: list[str] = Field([], description="查明的不予处罚条件（首违不罚：初次违法、危害后果轻微、及时改正）")
    exemption_entry: str = ""
    flags: dict[str, bool] = {}
    violated_provision: str = ""
    penalty_provision: str = ""
    benchmark_violation: str = Field("", description="裁量基准中的违法行为：<基准编码>:<违法行为编码>")
    discretion_group: int = Field(1, ge=1, le=100)
    discretion_facts: DiscretionFactsIn | None = None
    departure_reason: str = ""


class ApproveDepartureIn(ActionIn):
    reason: str


class LegalReviewIn(ActionIn):
    passed: bool
    opinion: str


class DeliberateIn(ActionIn):
    attendees: list[str]
    conclusion: str
    observers: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=30, description="列席人员（姓名及职务，如承办人员、法制审核人员）")
    recorder: str = Field("", max_length=40, description="记录人")


class NotifyIn(ActionIn, PenaltyIn):
    new_facts: str = ""


class StatementIn(ActionIn, PenaltyIn):
    summary: str
    adopted: bool
    review: str


class WaiveIn(ActionIn):
    statement: str


class HearingRequestIn(ActionIn):
    requested_on: date | None = None


class ScheduleHearingIn(ActionIn):
    presider: str
    hearing_on: date
    place: str
    public: bool = True


class HoldHearingIn(ActionIn, PenaltyIn):
    party_attended: bool
    record: str


class DecideIn(ActionIn):
    correction_order: str = ""
    performance: str = ""
    evidence_summary: str = ""
    education: str = Field("", description="不予处罚时对当事人的教育（行政处罚法第三十三条第三款）")


class ServeIn(ActionIn):
    method: str
    recipient: str
    party_consented: bool = False
    confirmation_signed: bool = False
    place: str = Field("", max_length=200, description="送达地点（默认为当事人住所）")
    refusal_reason: str = Field("", max_length=200, description="留置送达：拒收事由（民事诉讼法第八十九条）")
    refused_by: str = Field("", max_length=60, description="留置送达：拒收人及其身份（单位为法定代表人、主要负责人或负责收件的人）")
    witnesses: list[Annotated[str, Field(max_length=60)]] = Field(
        default_factory=list, max_length=5, description="留置送达：到场见证人（姓名及所在基层组织或单位）")
    recorded: bool = Field(False, description="留置送达：已采用拍照、录像等方式记录送达过程")


class PaymentIn(ActionIn):
    fine_paid: Money
    late_fee_paid: Money = Decimal("0")
    paid_on: date | None = None
    channel: str = "bank"


class DemandIn(ActionIn):
    deadline: date
    method: str = "直接送达"


class CourtIn(ActionIn):
    court: str
    package: dict[str, bool]
    good_reason: str = ""


class CourtRulingIn(ActionIn):
    result: str


class TransferIn(ActionIn):
    approve: bool
    reason: str
    transferred_on: date | None = None
    police: str = ""


class CloseIn(ActionIn):
    close_type: str
    summary: str = ""


class ArchiveIn(ActionIn):
    location: str = ""


class HandOverIn(ActionIn):
    amount: Money


class FileRecordIn(ActionIn):
    note: str = ""


ACTION_SCHEMAS: dict[str, type[ActionIn]] = {
    "reject_clue": RejectClueIn, "file": FileIn, "assign_officers": AssignIn, "recuse": RecuseIn,
    "add_evidence": EvidenceIn, "review_monitoring_record": ReviewMonitoringIn, "preserve_evidence": PreserveIn,
    "dispose_preserved": DisposeIn, "extend_deadline": ExtendIn, "conclude_investigation": ConcludeIn,
    "legal_review": LegalReviewIn, "deliberate": DeliberateIn, "notify": NotifyIn,
    "approve_departure": ApproveDepartureIn,
    "record_statement": StatementIn, "waive_rights": WaiveIn, "request_hearing": HearingRequestIn,
    "schedule_hearing": ScheduleHearingIn, "hold_hearing": HoldHearingIn, "decide": DecideIn, "serve": ServeIn,
    "record_payment": PaymentIn, "serve_demand": DemandIn,
    "apply_court": CourtIn, "record_court_ruling": CourtRulingIn, "decide_transfer": TransferIn,
    "close": CloseIn, "archive": ArchiveIn, "hand_over_fine": HandOverIn, "file_record": FileRecordIn,
}

# Parameters that name staff members: resolved from login names to Staff rows before the action runs.
STAFF_FIELDS = {"officers", "lead", "officer", "approved_by", "attendees", "presider", "add", "remove",
                "record_officers"}


class UnknownStaff(LookupError, ValueError):
    pass


def _staff(value):
    from fazhi.org.models import Staff

    if value is None:
        return None
    if isinstance(value, list):
        return [_staff(v) for v in value]
    s = Staff.objects.filter(username=value, is_active=True).select_related("bureau__parent").first()
    if s is None:
        raise UnknownStaff(f"工作人员“{value}”不存在")
    return s


def action_kwargs(payload: Schema) -> tuple[dict, date, int | None]:
    """An action's keyword arguments from its validated input (API body or staff form): staff named by
    login become Staff rows; penalty fields left empty mean "unchanged"."""
    return kwargs_from(payload.dict())


def kwargs_from(data: dict) -> tuple[dict, date, int | None]:
    """The same from the validated input as a dict (fazhi.core.workflow passes it so)."""
    data = dict(data)
    on, version = data.pop("on"), data.pop("expected_version", None)
    for key in STAFF_FIELDS & set(data):
        data[key] = _staff(data[key])
    for key in ("kinds", "fine", "confiscated_income", "confiscated_property"):
        if key in data and data[key] is None:
            data.pop(key)
    return data, on, version
