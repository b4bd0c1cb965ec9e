"""涉企行政检查: the subject directory (检查对象名录库), declared conflicts, draws and inspections.
Status fields are written only by inspections.actions; every change is in the event log."""
from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from fazhi.core.models import Audited, WithUuid


class RiskGrade(models.TextChoices):
    HIGH = "high", "高风险"
    MEDIUM = "medium", "中风险"
    LOW = "low", "低风险"


class Subject(WithUuid, Audited):
    """An enterprise or individual business in the 检查对象名录库 (INS-09)."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="subjects", verbose_name="属地机构")
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类型", max_length=16, choices=[("enterprise", "企业"), ("individual", "个体工商户")])
    address = models.CharField("地址", max_length=200)
    lng = models.DecimalField("经度", max_digits=10, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField("纬度", max_digits=10, decimal_places=6, null=True, blank=True)
    area = models.CharField("所在街道/区域", max_length=60, blank=True)
    industry = models.CharField("行业", max_length=60, blank=True)
    risk = models.CharField("风险等级", max_length=8, choices=RiskGrade.choices, default=RiskGrade.MEDIUM)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "检查对象"
        ordering = ["credit_code"]

    def __str__(self):
        return self.name


class Conflict(Audited):
    """A declared conflict of interest: the officer never draws this subject (INS-09)."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflicts")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="conflicts")
    reason = models.CharField("利害关系", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "回避申报"
        constraints = [models.UniqueConstraint(fields=["staff", "subject"], name="conflict_unique")]


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", "名单已冻结、种子已承诺"
    DRAWN = "drawn", "已抽取并公布"


class Draw(WithUuid, Audited):
    """One 双随机 draw: frozen inputs and seed commitment published first, then the seed and the result."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="draws")
    title = models.CharField("名称", max_length=200)
    items = models.ManyToManyField("catalog.InspectionItem", verbose_name="检查事项")
    status = models.CharField("状态", max_length=12, choices=DrawStatus.choices, editable=False)
    inputs = models.JSONField("冻结的名单", editable=False)
    inputs_sha256 = models.CharField("名单哈希", max_length=64, editable=False)
    seed_commitment = models.CharField("种子承诺值", max_length=64, blank=True, editable=False)
    seed_source = models.CharField("事先指定的公开种子来源", max_length=200, blank=True, editable=False,
                                   help_text="如：某日体育彩票排列5开奖号码。指定来源时不另作承诺值")
    same_residence_rule = models.BooleanField("居住地回避", default=False, editable=False)
    seed = models.CharField("种子（抽取后公开）", max_length=200, blank=True, editable=False)
    result = models.JSONField("抽取结果", default=dict, editable=False)
    committed_on = models.DateField("冻结日期")
    drawn_on = models.DateField("抽取日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "双随机抽取"

    def publication(self) -> dict:
        """With a named public source, there was no commitment: the file carries the source so anyone can check
        the revealed seed against it, and `seed_commitment` is the hash of that seed."""
        commitment = self.seed_commitment or hashlib.sha256(bytes.fromhex(self.seed)).hexdigest()
        return {"algorithm": self.inputs["algorithm"], "inputs": self.inputs, "inputs_sha256": self.inputs_sha256,
                "seed_commitment": commitment, "seed_source": self.seed_source, "seed": self.seed,
                "result": self.result}


class InspectionKind(models.TextChoices):
    RANDOM = "random", "双随机抽查"
    COMPLAINT = "complaint", "投诉举报核查"
    SPECIAL = "special", "专项检查"
    JOINT = "joint", "联合检查"


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "待审批"
    APPROVED = "approved", "已批准"
    DONE = "done", "已检查"
    NOTIFIED = "notified", "结果已告知"
    PUBLISHED = "published", "结果已公示"


def _check_in_code() -> str:
    return secrets.token_urlsafe(12)


class Inspection(WithUuid, Audited):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="inspections")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="inspections")
    items = models.ManyToManyField("catalog.InspectionItem", verbose_name="检查事项")
    kind = models.CharField("类型", max_length=12, choices=InspectionKind.choices)
    partners = models.CharField("联合检查部门", max_length=200, blank=True)
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections")
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="inspections", verbose_name="检查人员")
    status = models.CharField("状态", max_length=12, choices=InspectionStatus.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    planned_on = models.DateField("计划检查日期")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    approved_on = models.DateField("批准日期", null=True, blank=True)
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    findings = models.TextField("检查情况", blank=True)
    problem_found = models.BooleanField("发现违法问题", default=False)
    result = models.TextField("检查结果", blank=True)
    notified_on = models.DateField("结果告知日期", null=True, blank=True)
    publish_due = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    check_in_code = models.CharField("亮码检查码", max_length=32, unique=True, default=_check_in_code, editable=False)
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="inspections")

    class Meta:
        verbose_name = verbose_name_plural = "涉企行政检查"
        ordering = ["-planned_on", "-id"]

    @property
    def stream(self) -> str:
        return f"inspection:{self.uuid}"
