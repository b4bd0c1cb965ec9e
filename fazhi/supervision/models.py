"""执法监督: the records of this context.

A 评查 standard (SUP-01) is data, one row per version: its sections (基本标准 veto items, 卷面, 内容) and items
(what is checked, the deduction rule, the most it deducts, and which record check pre-scores it, SUP-03)."""
from django.db import models

from fazhi.core.models import Audited, WithUuid


class ReviewStandard(WithUuid, Audited):
    """One version of a 案卷评查 standard (一卷一表). A new version is a new code; an old one stays as issued."""

    code = models.CharField("编码", max_length=60, unique=True)
    title = models.CharField("名称", max_length=200)
    version = models.CharField("版本", max_length=40, blank=True)
    case_kind = models.CharField("适用案卷", max_length=60, default="行政处罚一般程序案卷")
    issuing_authority = models.CharField("制定机关", max_length=120, blank=True)
    effective_from = models.DateField("施行日期")
    source = models.CharField("来源", max_length=300, blank=True)
    illustrative = models.BooleanField("示例标准", default=False,
                                       help_text="未依据正式发布的评查标准编写，仅作示例")
    bands = models.JSONField("评定等级", default=list)   # [{"grade": "优秀", "min_score": "90"}, …] highest first
    notes = models.JSONField("说明", default=list, blank=True)
    content_sha256 = models.CharField("导入内容哈希", max_length=64)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查标准"
        ordering = ["-effective_from", "code"]

    def __str__(self):
        return f"{self.title}（示例）" if self.illustrative else self.title

    @property
    def total_points(self):
        return sum((s.points for s in self.sections.all()), 0)


class StandardSection(models.Model):
    VETO, POINTS = "veto", "points"
    KINDS = [(VETO, "否决项"), (POINTS, "计分项")]

    standard = models.ForeignKey(ReviewStandard, on_delete=models.PROTECT, related_name="sections")
    seq = models.PositiveIntegerField("序号")
    name = models.CharField("部分", max_length=60)
    kind = models.CharField("类别", max_length=10, choices=KINDS)
    points = models.DecimalField("分值", max_digits=6, decimal_places=1, default=0)

    class Meta:
        ordering = ["standard", "seq"]
        constraints = [models.UniqueConstraint(fields=["standard", "name"], name="sup_section_once")]

    def __str__(self):
        return self.name


class StandardItem(models.Model):
    section = models.ForeignKey(StandardSection, on_delete=models.PROTECT, related_name="items")
    seq = models.PositiveIntegerField("序号")
    code = models.CharField("编码", max_length=30)
    text = models.CharField("评查内容", max_length=300)
    rule = models.CharField("扣分标准", max_length=300, blank=True)
    points = models.DecimalField("最多扣分", max_digits=6, decimal_places=1, default=0)
    record_check = models.CharField("自动核查", max_length=40, blank=True)   # a key of fazhi.law.supervision.CHECKS

    class Meta:
        ordering = ["section__seq", "seq"]

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def veto(self) -> bool:
        return self.section.kind == StandardSection.VETO
