"""The narrative parts of a bureau's 法治政府建设年度报告, written by the bureau and kept per year (RPT-02)."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import Audited

# The five parts of the 法治政府建设与责任落实督察工作规定 (厅字〔2019〕28号) for a department's report (RPT-02).
PARTS = [
    (1, "一、推进法治政府建设的主要举措和成效"),
    (2, "二、推进法治政府建设存在的不足和原因"),
    (3, "三、党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况"),
    (4, "四、下一年度推进法治政府建设的主要安排"),
    (5, "五、其他需要报告的情况"),
]


class ReportSection(Audited):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="report_sections")
    year = models.PositiveIntegerField("年度")
    part = models.PositiveSmallIntegerField("部分", choices=PARTS)
    text = models.TextField("正文", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "年度报告文字部分"
        constraints = [models.UniqueConstraint(fields=["bureau", "year", "part"], name="report_section_unique")]
