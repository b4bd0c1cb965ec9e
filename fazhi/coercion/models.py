"""行政强制: one record per measure, linked to its penalty case — a 查封 or 扣押 (ENF-01..03) or the bureau's own
强制拆除 of an illegal structure (ENF-04..06, ENF-08, REC-01). Status and dates are written only by
coercion.actions; every change is an event in the stream measure:<uuid>."""
from __future__ import annotations

from django.db import models

from fazhi.core.models import Audited, WithUuid


class Kind(models.TextChoices):
    SEAL = "seal", "查封"
    DETAIN = "detain", "扣押"
    DEMOLISH = "demolish", "强制拆除"


class Status(models.TextChoices):
    REQUESTED = "requested", "待负责人批准"
    APPROVED = "approved", "已批准待实施"
    SEIZED = "seized", "查封扣押中"
    RELEASED = "released", "已解除"
    DISPOSED = "disposed", "已作出处理决定"
    REFUSED = "refused", "负责人不予批准"
    ORDERED = "ordered", "待公告"
    ANNOUNCED = "announced", "已公告待催告"
    DEMANDED = "demanded", "已催告"
    AGREED = "agreed", "执行协议履行中"
    EXECUTED = "executed", "已强制拆除"
    PERFORMED = "performed", "当事人已自行履行"


OPEN = (Status.REQUESTED, Status.APPROVED, Status.SEIZED, Status.ORDERED, Status.ANNOUNCED, Status.DEMANDED,
        Status.AGREED)


class Outcome(models.TextChoices):
    CONFISCATED = "confiscated", "没收"
    DESTROYED = "destroyed", "销毁"
    RELEASED = "released", "解除查封扣押"
    NOT_APPROVED = "not_approved", "负责人不同意，立即解除"
    EXECUTED = "executed", "强制拆除"
    SELF = "self", "当事人自行拆除"
    AGREEMENT = "agreement", "按执行协议履行"


class Measure(WithUuid, Audited):
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, related_name="measures",
                             verbose_name="处罚案件")
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="measures", verbose_name="执法主体")
    number = models.CharField("编号", max_length=40, editable=False)
    kind = models.CharField("种类", max_length=10, choices=Kind.choices)
    status = models.CharField("状态", max_length=12, choices=Status.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    outcome = models.CharField("结果", max_length=14, choices=Outcome.choices, blank=True, editable=False)
    opened_on = models.DateField("登记日期")
    opened_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("理由")
    basis_text = models.CharField("依据", max_length=300)
    place = models.CharField("场所或地点", max_length=200)
    items = models.JSONField("场所、设施或者财物（名称、数量）", default=list, blank=True)
    emergency = models.CharField("情况紧急的事由", max_length=300, blank=True)
    # approval (ENF-01 prior; ENF-02 after an emergency measure)
    approved_at = models.DateTimeField("负责人批准时间", null=True, blank=True)
    approved_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # the measure on the spot
    taken_at = models.DateTimeField("实施时间", null=True, blank=True, db_index=True)
    officers = models.JSONField("实施人员", default=list, blank=True)
    party_present = models.BooleanField("当事人到场", default=False)
    witness = models.CharField("见证人", max_length=120, blank=True)
    statement = models.TextField("当事人陈述申辩", blank=True)
    video = models.CharField("音像记录", max_length=200, blank=True)
    report_due_at = models.DateTimeField("向负责人报告期限", null=True, blank=True)
    # the limit (ENF-03)
    due = models.DateField("期限", null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField("期限末日待节假日安排确定", default=False)
    extended_on = models.DateField("延长批准日期", null=True, blank=True)
    extension_reason = models.TextField("延长理由", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    close_reason = models.TextField("处理（解除）理由", blank=True)
    # 强制拆除 (ENF-06, 城乡规划法 Art 68)
    government_order = models.CharField("县级以上人民政府责成文件", max_length=200, blank=True)
    structure = models.CharField("违法建筑物、构筑物、设施", max_length=300, blank=True)
    area = models.DecimalField("面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)
    notice_on = models.DateField("公告日期", null=True, blank=True)
    notice_deadline = models.DateField("公告限期自行拆除至", null=True, blank=True)
    demand_on = models.DateField("催告日期", null=True, blank=True)
    demand_deadline = models.DateField("催告履行期限", null=True, blank=True)
    agreement_on = models.DateField("执行协议日期", null=True, blank=True)
    agreement_stages = models.TextField("分阶段履行", blank=True)
    late_fee_reduction = models.DecimalField("减免加处罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    executed_from = models.DateTimeField("强制拆除开始时间", null=True, blank=True)
    executed_to = models.DateTimeField("强制拆除结束时间", null=True, blank=True)
    holiday_unknown = models.BooleanField("执行日是否法定节假日待节假日安排确定", default=False)
    demolished_area = models.DecimalField("拆除面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政强制"
        ordering = ["due", "-id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="measure_number_unique")]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    @property
    def stream(self) -> str:
        return f"measure:{self.uuid}"

    @property
    def seizure(self) -> bool:
        return self.kind in (Kind.SEAL, Kind.DETAIN)

    @property
    def drill_url(self) -> str:
        return f"/coercion/{self.uuid}/"

    @property
    def drill_label(self) -> str:
        return f"{self.number} {self.get_kind_display()} {self.case.party_name}（{self.get_status_display()}）"
