"""Disclosure as a record of its own: what was published, when, by whom, withdrawn when and why (PUB-03, PEN-29).
The published text is a masked snapshot taken at publication, so later edits of the case never change what the
public saw without a new record."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import Audited, WithUuid


class Publication(WithUuid, Audited):
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, related_name="publications")
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="publications")
    content = models.JSONField("公开内容（已脱敏）")
    decided_on = models.DateField("决定日期")
    due = models.DateField("公开期限", null=True, blank=True)  # None: runs into a year whose holiday table is missing
    published_on = models.DateField("公开日期")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_time = models.BooleanField("按期公开")
    late_days = models.PositiveIntegerField("公开超期日数", default=0)
    # PUB-03's limit runs into a year whose holiday table is missing: `due` is None until the table is entered
    # (disclosure.actions.settle_publications). With on_time False the lateness is unknown too (published in that
    # year past the known working days); with on_time True it was published within them, on time whatever comes.
    calendar_pending = models.BooleanField("公开期限待定", default=False)
    natural_person = models.BooleanField("当事人为自然人")
    # What the publisher added in the preview for the masker to hide besides what it finds itself (a name it did
    # not recognise, a shop sign with a person's name): applied on every later read too (disclosure.public).
    also_masked = models.JSONField("公开时另行隐去的内容", default=list, blank=True)
    retain_until = models.DateField("公开截止日期（保留期限）")
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=200, blank=True)
    withdraw_due = models.DateField("撤回期限", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "行政处罚决定公开"
        ordering = ["-published_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=models.Q(withdrawn_on=None),
                                               name="one_live_publication_per_case")]

    @property
    def stream(self) -> str:
        return f"publication:{self.uuid}"
