"""重大行政决策和合法性审查: the yearly 目录, each decision's procedure, the legal reviews and the adviser register.
Status fields are written only by decisions.actions; every change is in the record's event log."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import Audited, WithUuid
from fazhi.law import decisions as D


class Settings(Audited):
    """The bureau's local values for this context, each with its source (defaults from the 条例)."""

    bureau = models.OneToOneField("org.Bureau", on_delete=models.PROTECT, related_name="decision_settings")
    comment_days = models.PositiveSmallIntegerField("公开征求意见期限（日）", default=D.COMMENT_DAYS)
    hearing_notice_days = models.PositiveSmallIntegerField("听证材料提前送达（日）", default=D.HEARING_NOTICE_DAYS)
    review_days = models.PositiveSmallIntegerField("合法性审查时间（工作日）", default=D.REVIEW_WD)
    review_target_wd = models.PositiveSmallIntegerField(
        "其他法律审查办理时限（工作日）", default=7,
        help_text="本局规定；默认参照重大行政决策程序暂行条例第二十六条的7个工作日")
    source = models.CharField("依据", max_length=300,
                              default="重大行政决策程序暂行条例第十五条、第十六条、第二十六条；其他审查时限为本局规定")

    class Meta:
        verbose_name = verbose_name_plural = "重大行政决策本局设置"


def settings_for(bureau) -> Settings:
    s = Settings.objects.filter(bureau=bureau).first()
    return s or Settings(bureau=bureau)


class Catalogue(WithUuid, Audited):
    """The yearly 重大行政决策事项目录 (MJD-01, Art 3 ¶3)."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="decision_catalogues")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    published_on = models.DateField("公布日期", null=True, blank=True, editable=False)
    approval = models.CharField("同级党委同意情况", max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "重大行政决策事项目录"
        constraints = [models.UniqueConstraint(fields=["bureau", "year"], name="decision_catalogue_year")]

    @property
    def stream(self) -> str:
        return f"catalogue:{self.uuid}"

    def __str__(self):
        return self.title


class CatalogueItem(WithUuid, Audited):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="items")
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("事项类别", max_length=12, choices=list(D.CATEGORIES.items()))
    unit = models.CharField("承办单位", max_length=100)
    basis = models.CharField("决策依据", max_length=300, blank=True)
    planned = models.CharField("计划完成时间", max_length=40, blank=True)
    added_on = models.DateField("列入日期")
    added_reason = models.CharField("调整增加理由", max_length=300, blank=True)
    withdrawn_on = models.DateField("调出日期", null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField("调出理由", max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "目录事项"
        ordering = ["added_on", "id"]

    def __str__(self):
        return self.title


class Status(models.TextChoices):
    DRAFTING = "drafting", "拟订草案"
    CONSULTING = "consulting", "公众参与"
    REVIEWING = "reviewing", "合法性审查"
    REVIEWED = "reviewed", "待集体讨论"
    DECIDED = "decided", "已决定"
    PUBLISHED = "published", "已公布"
    ARCHIVED = "archived", "已归档"
    EVALUATED = "evaluated", "已后评估"
    CLOSED = "closed", "不予通过或暂缓"


class Decision(WithUuid, Audited):
    """One 重大行政决策 and its procedure. The steps the item needs are fixed at the launch (`required`)."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="major_decisions")
    item = models.ForeignKey(CatalogueItem, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="decisions", verbose_name="目录事项")
    outside_reason = models.CharField("目录外认定为重大行政决策的理由", max_length=300, blank=True)
    title = models.CharField("决策事项", max_length=200)
    unit = models.CharField("决策承办单位", max_length=100)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name="承办人")
    status = models.CharField("阶段", max_length=12, choices=Status.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    launched_on = models.DateField("启动日期")
    required = models.JSONField("须履行的程序", default=dict)
    skip_reasons = models.JSONField("不履行程序的理由", default=dict)
    draft = models.TextField("决策草案", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    draft_rev = models.PositiveSmallIntegerField("草案版本", default=0, editable=False)
    # 公众参与 (MJD-02)
    consult_published_on = models.DateField("草案公布日期", null=True, blank=True)
    consult_ends_on = models.DateField("征求意见截止日期", null=True, blank=True)
    consult_channel = models.CharField("公布途径", max_length=200, blank=True)
    consult_short_reason = models.CharField("缩短期限的理由", max_length=300, blank=True)
    consult_closed_on = models.DateField("意见整理完成日期", null=True, blank=True)
    comments_received = models.PositiveIntegerField("收到意见（条）", default=0)
    comments_adopted = models.PositiveIntegerField("采纳意见（条）", default=0)
    consult_feedback = models.TextField("意见采纳情况", blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_place = models.CharField("听证地点", max_length=200, blank=True)
    hearing_materials_on = models.DateField("听证材料送达日期", null=True, blank=True)
    hearing_participants = models.JSONField("听证参加人", default=list)
    hearing_held_on = models.DateField("听证举行日期", null=True, blank=True)
    # 风险评估 (MJD-03)
    risk_on = models.DateField("风险评估报告日期", null=True, blank=True)
    risk_by = models.CharField("评估单位", max_length=100, blank=True)
    risk_points = models.TextField("风险点", blank=True)
    risk_measures = models.TextField("防范措施和处置预案", blank=True)
    risk_controllable = models.BooleanField("风险可控", default=True)
    # 合法性审查 (MJD-04): the request row carries it; the passing conclusion is mirrored here for the gate
    review_conclusion = models.CharField("合法性审查结论", max_length=16, blank=True, editable=False)
    review_rev = models.PositiveSmallIntegerField("审查的草案版本", default=0, editable=False)
    # 集体讨论决定 (MJD-05)
    meeting_on = models.DateField("会议日期", null=True, blank=True)
    meeting_kind = models.CharField("会议", max_length=40, blank=True)
    speakers = models.JSONField("发言记录", default=list)
    outcome = models.CharField("决定", max_length=8, blank=True)
    head = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="行政首长")
    reasons = models.TextField("与多数意见不一致的理由", blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    # 公布, 归档, 后评估 (MJD-06)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField("公布途径", max_length=200, blank=True)
    not_public_reason = models.CharField("不予公开的理由", max_length=300, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_materials = models.JSONField("归档材料", default=list)
    evaluated_on = models.DateField("后评估日期", null=True, blank=True)
    evaluation_ground = models.CharField("后评估情形", max_length=20, blank=True)
    evaluator = models.CharField("评估单位", max_length=100, blank=True)
    evaluation_result = models.TextField("后评估结果", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "重大行政决策"
        ordering = ["-launched_on", "-id"]
        indexes = [models.Index(fields=["bureau", "status"])]

    def __str__(self):
        return self.title

    @property
    def stream(self) -> str:
        return f"decision:{self.uuid}"

    def needs(self, step: str) -> bool:
        return bool(self.required.get(step, True))


class Expert(Audited):
    """An expert or expert body's 论证意见 (MJD-03), with the declared absence of a direct interest."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="experts")
    name = models.CharField("专家", max_length=60)
    organisation = models.CharField("单位", max_length=100, blank=True)
    field = models.CharField("专业", max_length=60, blank=True)
    no_conflict = models.BooleanField("声明无直接利害关系", default=False)
    opinion = models.TextField("论证意见")
    given_on = models.DateField("论证日期")

    class Meta:
        verbose_name = verbose_name_plural = "专家论证意见"
        ordering = ["given_on", "id"]


class Adviser(Audited):
    """The adviser register: 法律顾问 (a firm's lawyer under contract) or 公职律师."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="advisers")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="adviser_contracts", verbose_name="登录账号")
    name = models.CharField("姓名", max_length=40)
    kind = models.CharField("类别", max_length=12, choices=[("adviser", "法律顾问"), ("public", "公职律师")],
                            default="adviser")
    firm = models.CharField("律师事务所", max_length=100, blank=True)
    contract_from = models.DateField("聘用期起")
    contract_until = models.DateField("聘用期止")

    class Meta:
        verbose_name = verbose_name_plural = "法律顾问"
        ordering = ["-contract_until", "name"]

    def __str__(self):
        return self.name


class ReviewStatus(models.TextChoices):
    OPEN = "open", "审查中"
    DONE = "done", "已出具意见"


class Review(WithUuid, Audited):
    """A legal review request (MJD-04 for a major decision, MJD-07 for the others). A penalty case's 法制审核 is
    linked, not copied: `case_stream` and `case_seq` name the case's own `legal_review` event."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="legal_reviews")
    kind = models.CharField("审查类别", max_length=20, choices=list(D.REVIEW_KINDS.items()))
    subject = models.CharField("审查事项", max_length=200)
    requested_by = models.CharField("送审单位", max_length=100)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews")
    status = models.CharField("状态", max_length=8, choices=ReviewStatus.choices, editable=False)
    received_on = models.DateField("收件日期")
    due_on = models.DateField("要求审结日期")
    short_reason = models.CharField("审查时间不足7个工作日的理由", max_length=300, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="审查人员")
    adviser = models.ForeignKey(Adviser, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews",
                                verbose_name="法律顾问")
    adviser_opinion = models.TextField("法律顾问意见", blank=True)
    conclusion = models.CharField("审查结论", max_length=16, blank=True, choices=list(D.CONCLUSIONS.items()))
    opinion = models.TextField("审查意见", blank=True)
    done_on = models.DateField("出具意见日期", null=True, blank=True)
    turnaround_wd = models.PositiveSmallIntegerField("办理用时（工作日）", null=True, blank=True)
    case_stream = models.CharField("处罚案件记录", max_length=80, blank=True)
    case_seq = models.PositiveIntegerField("法制审核事件序号", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律审查"
        ordering = ["status", "due_on", "id"]
        indexes = [models.Index(fields=["bureau", "status", "due_on"])]

    def __str__(self):
        return self.subject

    @property
    def stream(self) -> str:
        return f"review:{self.uuid}"
