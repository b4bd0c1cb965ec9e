"""行政复议和行政应诉: a dispute is a record of its own (DSP-01) with its stages (审级), the documents the bureau
received, its answer package, its hearings with who appeared, the adviser's opinions; and the register of
司法建议 and 检察建议. Status and clock fields are written only by disputes.actions; every change is in the event log
(stream dispute:<uuid> or suggestion:<uuid>)."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import Audited, WithUuid
from fazhi.law.disputes import ACT_LABELS, KIND_LABELS, LEVEL_LABELS, POSITION_LABELS, STAGE_RESULTS


class DisputeStatus(models.TextChoices):
    RECEIVED = "received", "待答复（答辩）"
    ANSWERED = "answered", "审理中"
    RULED = "ruled", "一审已裁判，上诉期内"
    CONCLUDED = "concluded", "已审结"


OPEN = (DisputeStatus.RECEIVED, DisputeStatus.ANSWERED, DisputeStatus.RULED)


class DisputeSettings(Audited):
    """Local values of this context, per bureau (defaults from legal-rules DSP-06/DSP-07), with their source."""

    bureau = models.OneToOneField("org.Bureau", on_delete=models.PROTECT, related_name="dispute_settings")
    judicial_reply_days = models.PositiveSmallIntegerField(
        "司法建议回复期限（日）", default=30,
        help_text="法律未规定司法建议的回复期限；按本局规定或建议书载明的期限（DSP-07）")
    principal_target = models.PositiveSmallIntegerField("主要负责人出庭率目标（%）", default=30)
    source = models.CharField("依据", max_length=200, default="本局规定（默认值：司法建议30日内回复；主要负责人出庭率不低于30%，"
                                                              "参照零陵区法治政府建设实施方案）")

    class Meta:
        verbose_name = verbose_name_plural = "行政应诉设置"


def settings_for(bureau) -> DisputeSettings:
    s = DisputeSettings.objects.filter(bureau=bureau).first()
    return s or DisputeSettings(bureau=bureau)


class Dispute(WithUuid, Audited):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="disputes", verbose_name="被申请人/被告")
    number = models.CharField("登记编号", max_length=40, editable=False)
    kind = models.CharField("类型", max_length=16, choices=list(KIND_LABELS.items()))
    status = models.CharField("状态", max_length=12, choices=DisputeStatus.choices, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    applicant = models.CharField("申请人/原告", max_length=120)
    applicant_kind = models.CharField("申请人类型", max_length=8, choices=[("citizen", "公民"), ("org", "法人或其他组织")],
                                      default="citizen")
    body = models.CharField("复议机关/人民法院", max_length=80)
    their_number = models.CharField("复议机关或法院案号", max_length=60, blank=True)
    act_kind = models.CharField("被申请（被诉）行为", max_length=12, choices=list(ACT_LABELS.items()))
    act_description = models.CharField("行为说明", max_length=300)
    act_reference = models.CharField("行为文号/编号", max_length=80, blank=True,
                                     help_text="行政许可决定等尚不在本系统中的行为，填写其文号或编号")
    act_on = models.DateField("行为作出日期", null=True, blank=True,
                              help_text="申请履职的，为申请人提出履职申请的日期")
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="disputes", verbose_name="处罚案件")
    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="disputes", verbose_name="行政检查")
    filed_on = models.DateField("申请（起诉）日期")
    simple = models.BooleanField("复议简易程序", default=False)
    claim = models.TextField("请求事项", blank=True)
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="advised_disputes", verbose_name="法律顾问/法制人员")
    next_due = models.DateField("最近期限", null=True, blank=True, editable=False, db_index=True)
    next_due_what = models.CharField("最近期限事项", max_length=16, blank=True, editable=False)
    final_result = models.CharField("终局结果", max_length=12, blank=True, editable=False)
    concluded_on = models.DateField("审结日期", null=True, blank=True, editable=False, db_index=True)
    opinion_received_on = models.DateField("收到复议意见书日期", null=True, blank=True, editable=False)
    correction_due = models.DateField("纠正情况报送期限", null=True, blank=True, editable=False)
    correction_reported_on = models.DateField("纠正情况报送日期", null=True, blank=True, editable=False)
    performed_on = models.DateField("履行完毕日期", null=True, blank=True, editable=False)
    performance = models.TextField("履行情况", blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["bureau", "number"], name="dispute_number_unique")]

    def __str__(self):
        return f"{self.number} {self.applicant}"

    @property
    def stream(self) -> str:
        return f"dispute:{self.uuid}"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def drill_url(self) -> str:
        return f"/disputes/{self.uuid}/"

    @property
    def drill_label(self) -> str:
        result = f"（{self.final_result}）" if self.final_result else ""
        return f"{self.number} {self.kind_label} {self.applicant}{result}"

    @property
    def act_label(self) -> str:
        return ACT_LABELS.get(self.act_kind, self.act_kind)


class Stage(Audited):
    """One 审级 (or the 复议 itself): its clocks, its answer, its hearings and its result (DSP-05)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="stages")
    seq = models.PositiveSmallIntegerField("序号")
    level = models.CharField("审级", max_length=16, choices=list(LEVEL_LABELS.items()))
    body = models.CharField("审理机关", max_length=80)
    received_on = models.DateField("收到副本日期", null=True, blank=True)
    answer_due = models.DateField("答复（答辩）期限", null=True, blank=True)
    answer_rule = models.CharField("期限依据", max_length=8, blank=True)
    answered_on = models.DateField("提交答复（答辩）日期", null=True, blank=True)
    answer_late_days = models.IntegerField("逾期天数", null=True, blank=True)
    answer_document = models.CharField("答复书/答辩状", max_length=120, blank=True)
    answer_basis = models.TextField("作出行政行为的依据", blank=True)
    result = models.CharField("结果", max_length=12, blank=True, choices=[(r, r) for r in STAGE_RESULTS])
    result_judgment = models.BooleanField("判决（否则为裁定/决定）", default=True)
    result_on = models.DateField("裁判（决定）日期", null=True, blank=True)
    served_on = models.DateField("裁判文书送达日期", null=True, blank=True)
    appeal_due = models.DateField("上诉期限", null=True, blank=True)
    appealed_by = models.CharField("上诉人", max_length=12, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审级"
        ordering = ["dispute", "seq"]
        constraints = [models.UniqueConstraint(fields=["dispute", "seq"], name="stage_seq_unique")]

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)


class Received(Audited):
    """A document the bureau received, with the day it was received (the clocks run from it: DSP-02, DSP-04)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="documents")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    title = models.CharField("文书", max_length=80)
    number = models.CharField("文号", max_length=60, blank=True)
    received_on = models.DateField("收到日期")

    class Meta:
        verbose_name = verbose_name_plural = "收到的文书"
        ordering = ["received_on", "id"]


class AnswerEvidence(Audited):
    """An item of the answer's evidence list; one gathered after the act is flagged (行诉法 Art 34, 35; DSP-04)."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField("证据名称", max_length=120)
    collected_on = models.DateField("收集日期")
    after_act = models.BooleanField("行为作出后收集", default=False, editable=False)
    purpose = models.CharField("证明目的", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "证据清单"
        ordering = ["stage", "id"]


class Hearing(Audited):
    """A hearing (复议听证) or court session of a stage, with who appeared for the bureau (DSP-03, DSP-06)."""

    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="hearings")
    held_on = models.DateField("开庭（听证）日期")
    notice_on = models.DateField("收到通知日期", null=True, blank=True)
    notice_late = models.BooleanField("通知不足五个工作日", default=False, editable=False)
    appeared_name = models.CharField("出庭负责人", max_length=40, blank=True)
    appeared = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    position = models.CharField("职务", max_length=16, blank=True, choices=list(POSITION_LABELS.items()))
    counts = models.BooleanField("计为负责人出庭", default=False, editable=False)
    absence_reason = models.CharField("未出庭理由", max_length=40, blank=True)
    absence_proof = models.CharField("证明材料", max_length=200, blank=True)
    agent = models.CharField("出庭工作人员", max_length=80, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "开庭和听证"
        ordering = ["stage", "held_on", "id"]


class Opinion(Audited):
    """The adviser's (法律顾问/法制人员) opinion on a dispute (MJD-07: replies in disputes are legal reviews)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="opinions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField("出具日期")
    text = models.TextField("意见")

    class Meta:
        verbose_name = verbose_name_plural = "法律意见"
        ordering = ["given_on", "id"]


class SuggestionKind(models.TextChoices):
    JUDICIAL = "judicial", "司法建议"
    PROCURATORATE = "procuratorate", "检察建议"


class Suggestion(WithUuid, Audited):
    """A 司法建议 or 检察建议 received, its owner, its reply due (DSP-07) and the reply with its rectification."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="suggestions")
    kind = models.CharField("类型", max_length=16, choices=SuggestionKind.choices)
    issuer = models.CharField("制发机关", max_length=80)
    number = models.CharField("建议书文号", max_length=60, blank=True)
    subject = models.CharField("建议事项", max_length=300)
    received_on = models.DateField("收到日期")
    period_days = models.PositiveSmallIntegerField("建议书载明的回复期限（日）", null=True, blank=True)
    reply_due = models.DateField("回复期限", editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="承办人")
    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, null=True, blank=True, related_name="suggestions")
    replied_on = models.DateField("书面回复日期", null=True, blank=True, editable=False)
    on_time = models.BooleanField("按期办复", default=False, editable=False)
    reply = models.TextField("回复内容", blank=True, editable=False)
    rectification = models.TextField("整改情况及证明材料", blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "司法建议和检察建议"
        ordering = ["-received_on", "-id"]

    @property
    def stream(self) -> str:
        return f"suggestion:{self.uuid}"

    @property
    def drill_url(self) -> str:
        return "/disputes/suggestions/"

    @property
    def drill_label(self) -> str:
        return f"{self.get_kind_display()} {self.issuer} {self.number}"
