"""数字化城管 (legal-rules B.5): regions and unit grids, 部件/事件 categories with their time limits, handling units,
and issues moving through 信息收集 → 受理 → 立案 → 派遣 → 处置 → 核查 → 结案. Status is written only by
citydesk.actions; every change is in the event log. All coordinates are GCJ-02 (law/geo.py)."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from fazhi.core.models import Audited, WithUuid


class Region(Audited):
    """A district's boundary and its generated grid's parameters (cells are GridCell rows)."""

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=60)
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="regions", verbose_name="执法机构")
    boundary = models.JSONField("边界（GeoJSON，GCJ-02）")
    grid_origin_lng = models.FloatField()
    grid_origin_lat = models.FloatField()
    grid_d_lng = models.FloatField()
    grid_d_lat = models.FloatField()

    class Meta:
        verbose_name = verbose_name_plural = "区域"

    def __str__(self):
        return self.name


class GridCell(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="cells")
    code = models.CharField("单元网格编码", max_length=15, unique=True)
    row = models.IntegerField()
    col = models.IntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "单元网格"
        constraints = [models.UniqueConstraint(fields=["region", "row", "col"], name="cell_position_unique")]


class Unit(Audited):
    """处置单位: a department or contractor that handles dispatched issues. Dispatch finds the unit by the
    subclass's duty and the issue's region; a unit with no regions serves the whole city."""

    name = models.CharField("名称", max_length=100, unique=True)
    duty = models.CharField("职责类别", max_length=40, default="", help_text="如：环境卫生、市政设施、城管执法；与分类的处置单位类别对应")
    regions = models.ManyToManyField(Region, blank=True, verbose_name="负责区域")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="citydesk_units")

    class Meta:
        verbose_name = verbose_name_plural = "处置单位"

    def __str__(self):
        return self.name


class Category(Audited):
    """A 部件 or 事件 subclass with its 立案条件, 处置时限 (normal and urgent) and 结案条件 (legal-rules §d)."""

    kind = models.CharField("类型", max_length=8, choices=[("part", "部件"), ("event", "事件")])
    class_code = models.CharField("大类代码", max_length=2)
    class_name = models.CharField("大类", max_length=30)
    code = models.CharField("小类代码", max_length=2)
    name = models.CharField("小类", max_length=40)
    filing_condition = models.CharField("立案条件", max_length=200)
    limit = models.PositiveIntegerField("处置时限")
    limit_unit = models.CharField("时限单位", max_length=4, choices=[("工作时", "工作时"), ("工作日", "工作日")])
    urgent_limit = models.PositiveIntegerField("紧急处置时限")
    urgent_unit = models.CharField("紧急时限单位", max_length=4, choices=[("工作时", "工作时"), ("工作日", "工作日")])
    closing_condition = models.CharField("结案条件", max_length=200)
    duty = models.CharField("处置单位类别", max_length=40, default="")
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "部件事件分类"
        constraints = [models.UniqueConstraint(fields=["kind", "class_code", "code"], name="category_code_unique")]

    @property
    def service_code(self) -> str:
        """The Open311 service_code: kind letter + 大类 + 小类, e.g. E0102 (事件 市容环境 暴露垃圾)."""
        return f"{'P' if self.kind == 'part' else 'E'}{self.class_code}{self.code}"

    def __str__(self):
        return f"{self.class_name}/{self.name}"


class Channel(models.TextChoices):
    PATROL = "patrol", "监督员巡查"
    HOTLINE = "hotline", "12319/12345热线"
    WEB = "web", "网站"
    OPEN311 = "open311", "Open311接口"
    SELF = "self", "自处理"


class IssueStatus(models.TextChoices):
    REPORTED = "reported", "待受理"
    ACCEPTED = "accepted", "待立案"
    REGISTERED = "registered", "待派遣"
    DISPATCHED = "dispatched", "处置中"
    HANDLED = "handled", "待核查"
    VERIFIED = "verified", "待结案"
    PENDING = "pending", "挂账"
    CLOSED = "closed", "已结案"
    VOID = "void", "已作废"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


def _tracking() -> str:
    return secrets.token_hex(4).upper()


class Issue(WithUuid, Audited):
    tracking_code = models.CharField("查询码", max_length=8, unique=True, default=_tracking, editable=False)
    channel = models.CharField("来源", max_length=10, choices=Channel.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="issues")
    description = models.TextField("问题描述")
    lng = models.FloatField("经度（GCJ-02）")
    lat = models.FloatField("纬度（GCJ-02）")
    address = models.CharField("位置描述", max_length=200, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, related_name="issues")
    cell = models.ForeignKey(GridCell, on_delete=models.PROTECT, null=True, related_name="issues")
    reporter_name = models.CharField("反映人", max_length=40, blank=True)
    reporter_phone = models.CharField("联系电话", max_length=20, blank=True)
    callback = models.BooleanField("需要回访", default=False)
    media_url = models.URLField("图片链接", blank=True)
    urgent = models.BooleanField("紧急", default=False)
    status = models.CharField("状态", max_length=12, choices=IssueStatus.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="issues")
    # Who did each step and when: appraisal (§C.1) reads these columns, not the event log, so a month's
    # figures over millions of issues are one scan.
    reported_at = models.DateTimeField("上报时间")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    registered_at = models.DateTimeField("立案时间", null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    dispatched_at = models.DateTimeField("派遣时间", null=True, blank=True)
    dispatched_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    due_at = models.DateTimeField("处置期限", null=True, blank=True)
    handled_at = models.DateTimeField("处置时间", null=True, blank=True)
    verified_at = models.DateTimeField("核查时间", null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    voided_after_register = models.BooleanField("立案后撤销", default=False)
    # 回退 (DCM-04): units that returned the issue as outside their remit. Sending it back to one of them
    # needs the 值班长/指挥长's ruling on responsibility (属地管理), not the dispatcher alone.
    returned_by = models.JSONField("回退单位", default=list, blank=True)
    # 超时申诉 approved on both reviews: the issue leaves time-out appraisal; the raw time-out stays visible
    # (handled_at > due_at).
    exempt = models.BooleanField("超时免考核", default=False)
    satisfaction = models.CharField("回访满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    called_back_at = models.DateTimeField("回访时间", null=True, blank=True)
    status_notes = models.CharField("状态说明", max_length=300, blank=True)
    rework_count = models.PositiveSmallIntegerField("返工次数", default=0)
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="issues")
    duplicate_of = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="duplicates", verbose_name="合并至")

    class Meta:
        verbose_name = verbose_name_plural = "城市管理问题"
        ordering = ["-reported_at", "-id"]
        indexes = [models.Index(fields=["status", "-reported_at"], name="issue_status_time"),
                   models.Index(fields=["reported_at"], name="issue_reported_at")]

    @property
    def stream(self) -> str:
        return f"issue:{self.uuid}"

    @property
    def open311_status(self) -> str:
        return "closed" if self.status in (IssueStatus.CLOSED, IssueStatus.VOID) else "open"

    @property
    def timed_out(self) -> bool:
        """The raw time-out, whatever an appeal decided."""
        return bool(self.due_at and self.handled_at and self.handled_at > self.due_at)


class IssuePhoto(models.Model):
    """A photo taken at report (巡查上报) or handling (处置反馈), in the content-addressed store."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField("环节", max_length=10, choices=[("report", "上报"), ("handle", "处置"), ("verify", "核查")])
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    taken_at = models.DateTimeField()

    class Meta:
        verbose_name = verbose_name_plural = "问题照片"


class RequestKind(models.TextChoices):
    EXTENSION = "extension", "延期"
    SHELVE = "shelve", "挂账"
    APPEAL = "appeal", "超时申诉"


class RequestState(models.TextChoices):
    OPEN = "open", "待审核"
    FIRST_PASSED = "first_passed", "初审通过，待复审"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class IssueRequest(Audited):
    """A handling unit's application on an issue: 延期 and 挂账 (one approval), 超时申诉 (two reviews by different
    people: 值班长 then 指挥长)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField("类型", max_length=10, choices=RequestKind.choices)
    state = models.CharField("状态", max_length=14, choices=RequestState.choices, default=RequestState.OPEN)
    reason = models.CharField("理由", max_length=300)
    amount = models.PositiveIntegerField("延长时限", null=True, blank=True)
    amount_unit = models.CharField("时限单位", max_length=4, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    first_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    first_at = models.DateTimeField(null=True)
    first_opinion = models.CharField(max_length=300, blank=True)
    second_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    second_at = models.DateTimeField(null=True)
    second_opinion = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "延期、挂账与超时申诉"
