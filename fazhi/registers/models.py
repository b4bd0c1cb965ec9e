"""违法建设和隐患整改台账: a 违法建设 site from discovery to its outcome with m² (HUD-02, ENF-06), and a 整改通知 issued
outside a case to its re-inspection (HUD-03). Status and outcomes are written only by registers.actions; every change
is an event in the stream site:<uuid> or notice:<uuid>."""
from __future__ import annotations

from django.db import models

from fazhi.core.models import Audited, WithUuid


class Source(models.TextChoices):
    PATROL = "patrol", "巡查发现"
    CITYDESK = "citydesk", "数字城管移交"
    COMPLAINT = "complaint", "投诉举报"


class Vintage(models.TextChoices):
    STOCK = "stock", "存量"
    NEW = "new", "新增"


class SiteStatus(models.TextChoices):
    REGISTERED = "registered", "已登记待查处"
    IN_CASE = "in_case", "立案查处中"
    CLOSED = "closed", "已处理"


class SiteOutcome(models.TextChoices):
    SELF = "self", "自行拆除"
    FORCED = "forced", "强制拆除"
    RECTIFIED = "rectified", "整改"
    RETAINED = "retained", "保留处理"


class Located(models.Model):
    """Where a site or a hazard is: the address, and the point with its 数字化城管 region and grid cell when known."""

    address = models.CharField("位置", max_length=200)
    lng = models.FloatField("经度（GCJ-02）", null=True, blank=True)
    lat = models.FloatField("纬度（GCJ-02）", null=True, blank=True)
    region = models.ForeignKey("citydesk.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cell = models.ForeignKey("citydesk.GridCell", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        abstract = True


class Site(WithUuid, Audited, Located):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="illegal_sites",
                               verbose_name="执法主体")
    number = models.CharField("编号", max_length=40, editable=False)
    status = models.CharField("状态", max_length=12, choices=SiteStatus.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    issue = models.ForeignKey("citydesk.Issue", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="illegal_sites")
    found_on = models.DateField("发现日期", db_index=True)
    found_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, related_name="+")
    structure = models.CharField("违法建设情况", max_length=300)
    area = models.DecimalField("面积（平方米）", max_digits=10, decimal_places=2)
    vintage = models.CharField("存量或新增", max_length=6, choices=Vintage.choices)
    farmland = models.BooleanField("占用耕地", default=False)
    road = models.BooleanField("侵占城市道路及公共设施", default=False)
    hazard = models.BooleanField("存在重大安全隐患", default=False)
    boundary = models.BooleanField("城市开发边界内", default=False)
    party_name = models.CharField("责任人", max_length=100)
    party_kind = models.CharField("责任人类型", max_length=8, default="citizen")
    party_phone = models.CharField("联系电话", max_length=20, blank=True)
    party_address = models.CharField("责任人地址", max_length=200, blank=True)
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="illegal_sites", verbose_name="处罚案件")
    measure = models.ForeignKey("coercion.Measure", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="illegal_sites", verbose_name="强制拆除")
    outcome = models.CharField("处理结果", max_length=10, choices=SiteOutcome.choices, blank=True, editable=False)
    handled_area = models.DecimalField("处理面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)
    closed_on = models.DateField("处理日期", null=True, blank=True, db_index=True)
    close_note = models.TextField("处理情况", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "违法建设"
        ordering = ["-found_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="site_number_unique")]

    def __str__(self):
        return f"{self.number} {self.structure}"

    @property
    def stream(self) -> str:
        return f"site:{self.uuid}"

    @property
    def red_lines(self) -> list[str]:
        from fazhi.law.registers import RED_LINES

        return [label for key, label in RED_LINES.items() if getattr(self, key)]


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", "整改中"
    COMPLIED = "complied", "已整改"
    REMOVED = "removed", "已组织拆除"
    ESCALATED = "escalated", "已移交立案"


class Notice(WithUuid, Audited, Located):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="rectification_notices",
                               verbose_name="执法主体")
    number = models.CharField("文号", max_length=40, editable=False)
    status = models.CharField("状态", max_length=12, choices=NoticeStatus.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    issue = models.ForeignKey("citydesk.Issue", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="rectification_notices")
    issued_on = models.DateField("通知日期", db_index=True)
    issued_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, related_name="+")
    officers = models.JSONField("执法人员", default=list, blank=True)
    subject = models.CharField("设施或问题", max_length=100)
    problem = models.TextField("存在的问题")
    requirement = models.TextField("整改要求")
    basis_text = models.CharField("依据", max_length=300)
    area = models.DecimalField("面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)
    party_name = models.CharField("当事人", max_length=100)
    party_kind = models.CharField("当事人类型", max_length=8, default="org")
    party_phone = models.CharField("联系电话", max_length=20, blank=True)
    party_address = models.CharField("当事人地址", max_length=200, blank=True)
    due = models.DateField("整改期限", db_index=True)
    checked_on = models.DateField("复查日期", null=True, blank=True, db_index=True)
    check_note = models.TextField("复查情况", blank=True)
    approval = models.CharField("人民政府批准文件", max_length=200, blank=True)
    removed_area = models.DecimalField("拆除面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="rectification_notices", verbose_name="处罚案件")

    class Meta:
        verbose_name = verbose_name_plural = "整改通知"
        ordering = ["due", "-id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="notice_number_unique")]

    def __str__(self):
        return f"{self.number} {self.subject}"

    @property
    def stream(self) -> str:
        return f"notice:{self.uuid}"
