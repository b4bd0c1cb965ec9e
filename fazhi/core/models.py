"""Model bases, the append-only hash-chained event log, and the bureau-maintained holiday table."""
from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class Audited(models.Model):
    """Who/when for every row. Rows are disabled, not deleted, where history matters."""

    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class WithUuid(models.Model):
    """The public identifier: integer keys are never shown outside the database."""

    uuid = models.UUIDField("标识", default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class Event(models.Model):
    """One entry of a record's whole-process log (全过程记录, PEN-28). Append-only and hash-chained:
    each entry stores the hash of the previous one in the same stream, so any later edit, insertion or
    removal breaks the chain at a nameable place."""

    stream = models.CharField("记录流", max_length=64)  # e.g. "case:<uuid>"; indexed by (stream, seq)
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("事件", max_length=48)
    data = models.JSONField("内容", default=dict)
    actor = models.CharField("操作人", max_length=150)      # username: survives export, verifiable offline
    actor_name = models.CharField("操作人姓名", max_length=64, blank=True)
    effective_on = models.DateField("办理日期")
    entered_at = models.DateTimeField("录入时间")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "全过程记录"
        # Every action inserts here, so no index beyond what reads and the concurrency backstop need; the
        # chain itself, not an index, is what proves the log unaltered.
        constraints = [models.UniqueConstraint(fields=["stream", "seq"], name="event_stream_seq")]
        ordering = ["stream", "seq"]

    def body(self) -> dict:
        return {
            "stream": self.stream, "seq": self.seq, "kind": self.kind, "data": self.data, "actor": self.actor,
            "on": self.effective_on.isoformat() if isinstance(self.effective_on, date) else self.effective_on,
            "entered_at": self.entered_at.isoformat(), "prev": self.prev_hash,
        }

    def save(self, *args, **kwargs):
        if self.pk:
            raise RuntimeError("全过程记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("全过程记录只能追加，不能删除")


class StreamHead(models.Model):
    """The last event of every stream whose record does not carry its own head (a penalty case keeps its head
    on its row: PenaltyCase.version and chain_head). Written by append_event in the same statement batch as the
    event, so a removed last event or a removed stream no longer matches its head (core/integrity.py)."""

    stream = models.CharField("记录流", max_length=64, primary_key=True)
    seq = models.PositiveIntegerField("末条序号")
    hash = models.CharField("末条哈希", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "记录链头"


class Checkpoint(models.Model):
    """A signed list of every stream's head at one moment (core/integrity.py): the anchor outside the mutable
    rows. Its exported file (`fazhi checkpoint --out`) is what a third party holds; append-only like Event."""

    taken_at = models.DateTimeField("签署时间")
    streams = models.PositiveIntegerField("记录流数")
    events = models.PositiveBigIntegerField("记录数")
    document = models.JSONField("检查点")  # the signed document, exactly as exported
    digest = models.CharField("摘要", max_length=64)
    mac = models.CharField("签名", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "链头检查点"
        ordering = ["-taken_at", "-id"]


class HolidayYear(Audited):
    """A year whose statutory holiday notice a bureau recorded (DAY-07). Only then is the year 'known'."""

    year = models.PositiveIntegerField("年度", unique=True)
    notice = models.CharField("通知文号及标题", max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   verbose_name="录入人")

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"

    def __str__(self):
        return f"{self.year}年 {self.notice}"


class SpecialDay(models.Model):
    year = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days", verbose_name="年度")
    day = models.DateField("日期", unique=True)
    is_off_day = models.BooleanField("放假", help_text="勾选为法定节假日放假；不勾选为调休上班")
    name = models.CharField("名称", max_length=40)

    class Meta:
        verbose_name = verbose_name_plural = "节假日/调休日"
        ordering = ["day"]
