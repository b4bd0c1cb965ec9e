"""The enforcement catalogue: discretion benchmarks (裁量基准) with their violation types and tiers.

Versioned, never deleted: a benchmark has an effective period and can be disabled; an old case keeps the
version that applied to it (PEN-24). The parsed forms of each text (law/discretion.py) are stored beside the
text, so the engine runs on exactly what the import validated."""
from __future__ import annotations

from django.db import models

from fazhi.core.models import Audited, WithUuid


class Benchmark(WithUuid, Audited):
    """One version of a 裁量基准 document, e.g. 深城管规〔2023〕2号."""

    code = models.CharField("编码", max_length=60, unique=True)
    title = models.CharField("名称", max_length=200)
    document_no = models.CharField("文号", max_length=80, blank=True)
    issuing_authority = models.CharField("制定机关", max_length=120, blank=True)
    issued_on = models.DateField("发布日期", null=True, blank=True)
    effective_from = models.DateField("施行日期")
    effective_until = models.DateField("失效日期", null=True, blank=True)
    source = models.CharField("来源", max_length=300, blank=True)
    notes = models.JSONField("说明", default=list, blank=True)
    content_sha256 = models.CharField("导入内容哈希", max_length=64)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "裁量基准"
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.title}（{self.document_no}）" if self.document_no else self.title

    def in_force_on(self, day) -> bool:
        return not self.disabled and self.effective_from <= day and (self.effective_until is None
                                                                     or day <= self.effective_until)


class ViolationType(Audited):
    """违法行为 with 设定依据 and 处罚依据 (law, article, paragraph, item)."""

    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="violations")
    code = models.CharField("编码", max_length=60)
    seq = models.PositiveIntegerField("序号")
    law_title = models.CharField("法规规章", max_length=120)
    name = models.CharField("违法行为", max_length=300)
    basis_text = models.TextField("设定依据")
    provisions = models.JSONField("处罚依据条款", default=list)
    ranges = models.JSONField("处罚种类及幅度", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "违法行为"
        ordering = ["benchmark", "seq"]
        constraints = [models.UniqueConstraint(fields=["benchmark", "code"], name="violation_code_unique")]

    def __str__(self):
        return f"{self.seq}. {self.name}"


class DiscretionRule(models.Model):
    """One tier of one 裁量分组: 裁量阶次, 适用条件, 处罚标准 — text and parsed form."""

    violation = models.ForeignKey(ViolationType, on_delete=models.PROTECT, related_name="rules")
    group_no = models.PositiveSmallIntegerField("分组序号")
    statutory_text = models.CharField("处罚种类及幅度", max_length=300)
    statutory = models.JSONField("法定幅度（解析）")
    rule_no = models.PositiveSmallIntegerField("裁量序号")
    tier = models.CharField("裁量阶次", max_length=40)
    condition_text = models.TextField("适用条件")
    condition = models.JSONField("适用条件（解析）")
    standard_text = models.CharField("处罚标准", max_length=300)
    standard = models.JSONField("处罚标准（解析）")

    class Meta:
        verbose_name = verbose_name_plural = "裁量阶次"
        ordering = ["violation", "group_no", "rule_no"]

    @property
    def ref(self) -> str:
        return f"{self.violation.code}/{self.group_no}/{self.rule_no}"
