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
    # CAT-01: where the list applies, as a prefix of the administrative division code ("" = 全国, "43" = 湖南省,
    # "4302" = 株洲市, "4403" = 深圳市). A case of a bureau outside it cannot cite the list.
    area = models.CharField("适用地域（行政区划代码）", max_length=6, blank=True, default="",
                            help_text="留空为全国适用；如 43（湖南省）、4302（株洲市）、4403（深圳市）")
    notes = models.JSONField("说明", default=list, blank=True)
    # DIS-06: a method benchmark (tiers as rules over each provision's range, e.g. 醴陵's "liling-2017") rather
    # than an item table; its tiers are derived by law.discretion and stored as rules for reading and export.
    method = models.CharField("裁量方法", max_length=40, blank=True, default="",
                              help_text="留空为逐项列明阶次的裁量基准；按法定幅度分档的方法填方法编码，如 liling-2017")
    content_sha256 = models.CharField("导入内容哈希", max_length=64)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "裁量基准"
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.title}（{self.document_no}）" if self.document_no else self.title

    @property
    def area_name(self) -> str:
        from fazhi.law.jurisdiction import area_name

        return area_name(self.area)

    def applies_to(self, bureau) -> bool:
        """CAT-01: whether this benchmark may found a case of `bureau` (its lineage inside the area)."""
        from fazhi.law.jurisdiction import applies

        return applies(self.area, [b.code for b in bureau.lineage()])

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
    range_source = models.CharField("幅度来源", max_length=300, blank=True, default="")
    status = models.CharField("核实状态", max_length=300, blank=True, default="",
                              help_text="如：须对照本局公布的裁量基准核实后使用")

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


class PowerKind(models.TextChoices):
    """The eight kinds of a 权责清单 (as 荆门 publishes: 许可, 处罚, 强制, 征收, 检查, 确认, 奖励, 其他)."""

    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    OTHER = "other", "其他行政权力"


class PowerList(WithUuid, Audited):
    """One published version of a 权责清单 / 行政处罚事项目录."""

    code = models.CharField("编码", max_length=60, unique=True)
    title = models.CharField("名称", max_length=200)
    issuing_authority = models.CharField("发布机关", max_length=120, blank=True)
    effective_from = models.DateField("施行日期")
    effective_until = models.DateField("失效日期", null=True, blank=True)
    source = models.CharField("来源", max_length=300, blank=True)
    # CAT-01: where the list applies, as a prefix of the administrative division code ("" = 全国, "43" = 湖南省,
    # "4302" = 株洲市, "4403" = 深圳市). A case of a bureau outside it cannot cite the list.
    area = models.CharField("适用地域（行政区划代码）", max_length=6, blank=True, default="",
                            help_text="留空为全国适用；如 43（湖南省）、4302（株洲市）、4403（深圳市）")
    content_sha256 = models.CharField("导入内容哈希", max_length=64)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "权责清单"
        ordering = ["-effective_from"]

    @property
    def area_name(self) -> str:
        from fazhi.law.jurisdiction import area_name

        return area_name(self.area)

    def __str__(self):
        return self.title


class PowerItem(models.Model):
    """A power (事项) with its legal basis, who implements it and on whose behalf."""

    power_list = models.ForeignKey(PowerList, on_delete=models.PROTECT, related_name="items")
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("事项类型", max_length=16, choices=PowerKind.choices)
    name = models.CharField("事项名称", max_length=300)
    legal_basis = models.TextField("设定依据", blank=True)
    implementing_bodies = models.JSONField("实施主体", default=list)
    source_authority = models.CharField("承接来源（原实施部门）", max_length=120, blank=True)
    responsibilities = models.TextField("责任事项", blank=True)
    remark = models.CharField("备注", max_length=300, blank=True)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "权责事项"
        ordering = ["power_list", "seq"]
        constraints = [models.UniqueConstraint(fields=["power_list", "name"], name="power_item_unique")]

    def __str__(self):
        return self.name


class ExemptionKind(models.TextChoices):
    """免罚清单 and 从轻减轻清单 (PEN-21, PEN-22; DIS-08)."""

    NO_PENALTY = "no_penalty", "不予处罚"
    MITIGATE = "mitigate", "减轻处罚"
    LIGHTER = "lighter", "从轻处罚"


class ExemptionEntry(Audited):
    """One row of a bureau's 免罚清单 (or 从轻/减轻清单): 序号, 违法行为, 实施机关, 适用条件, 法律依据, 备注."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="exemptions",
                               verbose_name="制定机关")
    kind = models.CharField("类别", max_length=16, choices=ExemptionKind.choices)
    seq = models.PositiveIntegerField("序号")
    violation = models.CharField("违法行为/处罚事项", max_length=300)
    conditions = models.TextField("适用条件")
    legal_basis = models.TextField("法律依据")
    range_text = models.CharField("自由裁量处罚幅度", max_length=200, blank=True)
    remark = models.CharField("备注", max_length=300, blank=True)
    effective_from = models.DateField("施行日期")
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "免罚（从轻减轻）清单"
        ordering = ["bureau", "kind", "seq"]

    def __str__(self):
        return f"{self.get_kind_display()}清单第{self.seq}项：{self.violation}"


class InspectionItem(Audited):
    """涉企行政检查事项清单 (INS-02): only listed items may be inspected."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="inspection_items",
                               verbose_name="实施机关")
    seq = models.PositiveIntegerField("序号")
    name = models.CharField("检查事项", max_length=300)
    legal_basis = models.TextField("检查依据")
    subjects = models.CharField("检查对象", max_length=200)
    method = models.CharField("检查方式", max_length=100, default="双随机、一公开")
    yearly_cap = models.PositiveSmallIntegerField("同一企业年度检查次数上限", default=1,
                                                  help_text="默认值见规则 INS-04；可按本地规定调整")
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "涉企行政检查事项"
        ordering = ["bureau", "seq"]

    def __str__(self):
        return self.name


class InspectionPlan(Audited):
    """年度涉企行政检查计划: per item, the share of subjects to draw and how often."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="inspection_plans",
                               verbose_name="实施机关")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    lines = models.JSONField("计划内容", default=list, help_text="[{item, ratio, times, months}]")
    approved_on = models.DateField("批准日期", null=True, blank=True)
    disabled = models.BooleanField("停用", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "涉企行政检查计划"
        constraints = [models.UniqueConstraint(fields=["bureau", "year", "title"], name="inspection_plan_unique")]

    def __str__(self):
        return f"{self.year}年{self.title}"
