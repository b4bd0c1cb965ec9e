"""行政许可: the bureau's permit items (bureau-editable data with their defaults' source) and the applications, each
from receipt to the certificate and after (变更, 延续, 撤回/撤销/注销). Status, clocks and fees are written only by
permits.actions; every change is an event in the stream permit:<uuid>."""
from __future__ import annotations

from django.db import models

from fazhi.core.models import Audited, WithUuid


class Gate(models.TextChoices):
    """Which item-specific rules an item's decision passes (legal-rules §A.16)."""

    NONE = "", "无"
    ROAD_DIG = "road_dig", "挖掘城市道路（LIC-09）"
    ROAD_OCCUPY = "road_occupy", "占用城市道路（LIC-09）"
    TREES = "trees", "砍伐、迁移城市树木（LIC-10）"


class PermitItem(Audited):
    """One permit item of the bureau's 权责清单 (LICENSING kind) as the window publishes it (Art 30): the materials,
    the 示范文本, the legal and the promised time limit, the fee rule with its basis (or none), whether a hearing
    may apply, and a quantity limit. Loaded with defaults (permits/items.py, each with its source); the bureau
    edits them in the admin."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="permit_items")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=120)
    power_item = models.ForeignKey("catalog.PowerItem", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="权责清单事项")
    legal_basis = models.TextField("设定依据")
    gate = models.CharField("特别规定", max_length=16, choices=Gate.choices, default="", blank=True)
    materials = models.JSONField("申请材料目录", default=list)
    template = models.CharField("申请书示范文本", max_length=200, blank=True)
    legal_days = models.PositiveSmallIntegerField("法定办理时限（工作日）", default=20)
    promised_days = models.PositiveSmallIntegerField("承诺办理时限（工作日）", default=20)
    fee_name = models.CharField("收费项目", max_length=80, blank=True, help_text="不收费的留空")
    fee_rate = models.DecimalField("收费标准（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    fee_unit = models.CharField("计费单位", max_length=20, blank=True, help_text="如：平方米·日、平方米")
    fee_per_day = models.BooleanField("按日计费", default=False)
    fee_basis = models.CharField("收费依据", max_length=300, blank=True)
    hearing_may_apply = models.BooleanField("可能适用听证", default=False)
    quantity_unit = models.CharField("数量单位", max_length=20, blank=True)
    quantity_limit = models.FloatField("数量限制", null=True, blank=True)
    max_days = models.PositiveSmallIntegerField("最长许可期限（日）", null=True, blank=True)
    source = models.CharField("数据来源", max_length=300)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "行政许可事项"
        ordering = ["bureau", "code"]
        constraints = [models.UniqueConstraint(fields=["bureau", "code"], name="permit_item_code_unique")]

    def __str__(self):
        return self.name

    @property
    def charges(self) -> bool:
        return bool(self.fee_name) and self.fee_rate is not None

    @property
    def fee_text(self) -> str:
        if not self.charges:
            return "不收费"
        per = "（按日计）" if self.fee_per_day else ""
        return f"{self.fee_name}：{self.fee_rate}元/{self.fee_unit}{per}（依据：{self.fee_basis}）"


class PermitStatus(models.TextChoices):
    RECEIVED = "received", "待受理"
    CORRECTING = "correcting", "待补正"
    ACCEPTED = "accepted", "审查中"
    HEARING = "hearing", "听证中（期限中止）"
    GRANTED = "granted", "准予许可，待发证"
    ISSUED = "issued", "已发证"
    DENIED = "denied", "不予许可"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    WITHDRAWN = "withdrawn", "已撤回"
    REVOKED = "revoked", "已撤销"
    CANCELLED = "cancelled", "已注销"


OPEN = (PermitStatus.RECEIVED, PermitStatus.CORRECTING, PermitStatus.ACCEPTED, PermitStatus.HEARING,
        PermitStatus.GRANTED)
IN_FORCE = (PermitStatus.GRANTED, PermitStatus.ISSUED)


class Channel(models.TextChoices):
    WINDOW = "window", "窗口"
    ONLINE = "online", "网上申请"


class Permit(WithUuid, Audited):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="permits")
    item = models.ForeignKey(PermitItem, on_delete=models.PROTECT, related_name="permits", verbose_name="许可事项")
    number = models.CharField("申请编号", max_length=40, editable=False)
    status = models.CharField("状态", max_length=16, choices=PermitStatus.choices, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    channel = models.CharField("申请渠道", max_length=8, choices=Channel.choices, default=Channel.WINDOW)
    tracking_code = models.CharField("查询码", max_length=12, unique=True, editable=False)
    applicant = models.CharField("申请人", max_length=120)
    applicant_kind = models.CharField("申请人类型", max_length=8, choices=[("citizen", "公民"), ("org", "法人或其他组织")],
                                      default="org")
    id_number = models.CharField("身份证件号码/统一社会信用代码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    subject = models.CharField("申请内容", max_length=300)
    location = models.CharField("位置", max_length=200, blank=True)
    quantity = models.FloatField("数量（面积等）", null=True, blank=True)
    period_from = models.DateField("申请期限自", null=True, blank=True)
    period_to = models.DateField("申请期限至", null=True, blank=True)
    joint = models.BooleanField("一件事一次办（联合办理）", default=False)
    materials_given = models.JSONField("已提交材料", default=list)
    # LIC-09 / LIC-10: the item-specific facts
    road_done_on = models.DateField("道路交付使用或大修竣工日期", null=True, blank=True)
    major_repair = models.BooleanField("大修道路", default=False)
    government_approval = models.CharField("人民政府批准文件", max_length=120, blank=True)
    emergency = models.BooleanField("紧急抢修先行破路", default=False)
    dug_at = models.DateTimeField("破路时间", null=True, blank=True)
    emergency_late_hours = models.PositiveIntegerField("补办超过24小时（小时）", default=0, editable=False)
    felling = models.BooleanField("砍伐（否则为迁移、修剪等）", default=False)
    ancient = models.BooleanField("古树名木", default=False)
    replanting = models.CharField("补植要求", max_length=300, blank=True)
    # the clock (DAY-03: working days)
    received_on = models.DateField("收到申请日期", db_index=True)
    received_at = models.DateTimeField("收到申请时间", null=True, blank=True)
    correction_due = models.DateField("一次告知期限", null=True, blank=True, editable=False)
    correction_on = models.DateField("补正告知日期", null=True, blank=True, editable=False)
    correction_items = models.JSONField("需补正的全部内容", default=list, editable=False)
    accepted_on = models.DateField("受理日期", null=True, blank=True, editable=False, db_index=True)
    deemed_accepted = models.BooleanField("逾期未告知视为受理", default=False, editable=False)
    refused_reason = models.TextField("不予受理理由", blank=True, editable=False)
    extended_on = models.DateField("延长批准日期", null=True, blank=True, editable=False)
    extension_reasons = models.TextField("延长理由", blank=True, editable=False)
    paused_days = models.PositiveSmallIntegerField("中止计算的工作日", default=0, editable=False)
    hearing_requested_on = models.DateField("听证申请日期", null=True, blank=True, editable=False)
    hearing_held_on = models.DateField("听证日期", null=True, blank=True, editable=False)
    decision_due = models.DateField("决定期限", null=True, blank=True, editable=False)
    decided_on = models.DateField("决定日期", null=True, blank=True, editable=False, db_index=True)
    decision = models.CharField("决定", max_length=8, blank=True, editable=False,
                                choices=[("grant", "准予许可"), ("deny", "不予许可")])
    decision_no = models.CharField("决定书文号", max_length=60, blank=True, editable=False)
    decision_late_days = models.PositiveSmallIntegerField("决定逾期工作日", default=0, editable=False)
    late_reason = models.TextField("逾期原因", blank=True, editable=False)
    work_days = models.PositiveSmallIntegerField("办理用时（工作日）", null=True, blank=True, editable=False)
    reasons = models.TextField("决定理由", blank=True, editable=False)
    conditions = models.TextField("许可条件", blank=True, editable=False)
    valid_from = models.DateField("有效期自", null=True, blank=True, editable=False)
    valid_until = models.DateField("有效期至", null=True, blank=True, editable=False)
    certificate_due = models.DateField("发证期限", null=True, blank=True, editable=False)
    certificate_no = models.CharField("许可证编号", max_length=60, blank=True, editable=False)
    certified_on = models.DateField("发证日期", null=True, blank=True, editable=False)
    certificate_late_days = models.PositiveSmallIntegerField("发证逾期工作日", default=0, editable=False)
    verify_code = models.CharField("核验码", max_length=16, blank=True, editable=False, db_index=True)
    publish_due = models.DateField("公示期限", null=True, blank=True, editable=False)
    published_on = models.DateField("公示日期", null=True, blank=True, editable=False)
    publish_late_days = models.PositiveSmallIntegerField("公示逾期工作日", default=0, editable=False)
    fee_amount = models.DecimalField("应收费用（元）", max_digits=12, decimal_places=2, default=0, editable=False)
    fee_status = models.CharField("收费状态", max_length=8, blank=True, editable=False,
                                  choices=[("", "不收费"), ("due", "待缴费"), ("paid", "已缴费"), ("waived", "已减免")])
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True, editable=False, db_index=True)
    fee_receipt = models.CharField("缴款书号码", max_length=60, blank=True, editable=False)
    fee_waiver_basis = models.CharField("减免依据", max_length=300, blank=True, editable=False)
    renewal_applied_on = models.DateField("延续申请日期", null=True, blank=True, editable=False)
    renewal_decided_on = models.DateField("延续决定日期", null=True, blank=True, editable=False)
    renewal_result = models.CharField("延续结果", max_length=8, blank=True, editable=False)
    ended_on = models.DateField("终止日期", null=True, blank=True, editable=False)
    end_reason = models.TextField("撤回、撤销或注销理由", blank=True, editable=False)
    next_due = models.DateField("最近期限", null=True, blank=True, editable=False, db_index=True)
    next_due_what = models.CharField("最近期限事项", max_length=16, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "行政许可申请"
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="permit_number_unique")]

    def __str__(self):
        return f"{self.number} {self.applicant}"

    @property
    def stream(self) -> str:
        return f"permit:{self.uuid}"

    @property
    def drill_url(self) -> str:
        return f"/permits/{self.uuid}/"

    @property
    def drill_label(self) -> str:
        return f"{self.number} {self.item.name} {self.applicant}"


class PermitFile(Audited):
    """A material the applicant uploaded (online) or the window scanned, stored by its SHA-256 (core.blobs)."""

    permit = models.ForeignKey(Permit, on_delete=models.PROTECT, related_name="files")
    material = models.CharField("材料", max_length=120)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("类型", max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "申请材料文件"
        ordering = ["permit", "id"]
