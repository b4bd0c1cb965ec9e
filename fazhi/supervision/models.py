"""执法监督: the records of this context.

A 评查 standard (SUP-01) is data, one row per version: its sections (基本标准 veto items, 卷面, 内容) and items
(what is checked, the deduction rule, the most it deducts, and which record check pre-scores it, SUP-03)."""
from django.db import models

from fazhi.core.models import Audited, WithUuid
from fazhi.law.supervision import SOURCES as PROBLEM_SOURCES


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
        return f"{self.title}（示例）" if self.illustrative and "示例" not in self.title else self.title

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


class ReviewTask(WithUuid, Audited):
    """A 评查 task: the organising bureau reviews the closed files of the bureaus in scope, over a period, of the
    kinds named; the sample is drawn with the verifiable draw (SUP-02) and published in `draw`."""

    DRAWN, FINISHED = "drawn", "finished"
    STATUSES = [(DRAWN, "评查中"), (FINISHED, "已完成")]

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="review_tasks",
                               verbose_name="组织单位")
    title = models.CharField("名称", max_length=200)
    standard = models.ForeignKey(ReviewStandard, on_delete=models.PROTECT, related_name="tasks",
                                 verbose_name="评查标准")
    scope = models.ManyToManyField("org.Bureau", related_name="+", verbose_name="被评查单位")
    period_from = models.DateField("结案日期自")
    period_to = models.DateField("结案日期至")
    procedures = models.JSONField("案卷种类", default=list)
    per_bureau = models.PositiveIntegerField("每单位抽取案卷数")
    draw = models.JSONField("抽取记录", default=dict, editable=False)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=DRAWN, editable=False)
    created_on = models.DateField("下达日期")
    due_on = models.DateField("评查完成期限", null=True, blank=True)
    finished_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查任务"
        ordering = ["-created_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def stream(self) -> str:
        return f"review:{self.uuid}"


class ScoreSheet(WithUuid, Audited):
    """一卷一表: the score sheet of one drawn file."""

    OPEN, DONE = "open", "done"
    task = models.ForeignKey(ReviewTask, on_delete=models.PROTECT, related_name="sheets")
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, related_name="score_sheets")
    reviewer = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="评查人员")
    status = models.CharField("状态", max_length=6, choices=[(OPEN, "待评查"), (DONE, "已评定")], default=OPEN)
    score = models.DecimalField("得分", max_digits=6, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等级", max_length=10, blank=True)
    vetoed = models.JSONField("否决项", default=list, blank=True)
    scored_on = models.DateField("评定日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查表"
        ordering = ["task", "case__bureau__code", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "case"], name="sup_one_sheet_per_file")]


class SheetItem(models.Model):
    """One item of a score sheet: pre-scored from the record (SUP-03) where the item names a record check, with
    the evidence; the reviewer confirms it or overrides with a reason."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(StandardItem, on_delete=models.PROTECT, related_name="+")
    prescored = models.BooleanField("系统预评", default=False)
    record_passed = models.BooleanField("记录核查结论", null=True)
    record_note = models.CharField("核查情况", max_length=300, blank=True)
    evidence = models.JSONField("证据链接", default=list, blank=True)
    passed = models.BooleanField("符合", null=True)        # the reviewer's (or the confirmed pre-score's) finding
    deduction = models.DecimalField("扣分", max_digits=6, decimal_places=1, default=0)
    reason = models.CharField("改判理由", max_length=300, blank=True)
    confirmed = models.BooleanField("已确认", default=False)

    class Meta:
        ordering = ["item__section__seq", "item__seq"]
        constraints = [models.UniqueConstraint(fields=["sheet", "item"], name="sup_item_once")]

    @property
    def overridden(self) -> bool:
        return self.prescored and self.record_passed is not None and self.passed != self.record_passed


class Rectification(WithUuid, Audited):
    """整改 item (SUP-04): every deduction of a finished score sheet, owned by the reviewed bureau, due by a date,
    closed with evidence of the fix."""

    OPEN, DONE = "open", "done"
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="rectifications")
    item = models.ForeignKey(SheetItem, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="rectifications",
                              verbose_name="整改责任单位")
    problem = models.CharField("问题", max_length=400)
    due = models.DateField("整改期限")
    status = models.CharField("状态", max_length=6, choices=[(OPEN, "整改中"), (DONE, "已整改")], default=OPEN)
    fixed_on = models.DateField("整改完成日期", null=True, blank=True)
    fixed_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    evidence = models.TextField("整改情况及佐证", blank=True)
    sha256 = models.CharField("佐证文件（SHA-256）", max_length=64, blank=True, editable=False)
    filename = models.CharField("佐证文件名", max_length=200, blank=True, editable=False)
    content_type = models.CharField("佐证文件类型", max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "评查整改事项"
        ordering = ["status", "due", "id"]


class SupervisionOrder(WithUuid, Audited):
    """督办单 (SUP-05): an upper bureau orders a lower one to deal with a named penalty case, 数字化城管 issue or
    评查整改 problem by a due date; the lower bureau's leaders answer (text, optionally a file in the evidence
    store); the issuer accepts the answer (办结) or returns it for another answer."""

    OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
    STATUSES = [(OPEN, "待答复"), (ANSWERED, "已答复待审核"), (CLOSED, "已办结")]
    CASE, ISSUE, PROBLEM = "case", "issue", "rectification"
    SUBJECTS = [(CASE, "行政处罚案件"), (ISSUE, "数字化城管问题"), (PROBLEM, "评查整改问题")]

    issuer = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="orders_issued",
                               verbose_name="督办机关")
    target = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="orders_received",
                               verbose_name="承办单位")
    subject_kind = models.CharField("督办对象", max_length=16, choices=SUBJECTS)
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issue = models.ForeignKey("citydesk.Issue", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="orders")
    subject = models.CharField("督办对象名称", max_length=200)
    matter = models.TextField("督办事项")
    requirement = models.TextField("督办要求")
    issued_on = models.DateField("下达日期")
    issued_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, related_name="+")
    due = models.DateField("办理期限")
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=OPEN, editable=False)
    answer = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sha256 = models.CharField("答复附件（SHA-256）", max_length=64, blank=True, editable=False)
    filename = models.CharField("答复附件名", max_length=200, blank=True, editable=False)
    content_type = models.CharField("答复附件类型", max_length=100, blank=True, editable=False)
    returned = models.PositiveIntegerField("退回次数", default=0, editable=False)
    return_note = models.TextField("退回意见", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    close_note = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["status", "due", "id"]

    def __str__(self):
        return f"督办：{self.subject}"

    @property
    def stream(self) -> str:
        return f"order:{self.uuid}"

    @property
    def drill_url(self) -> str:   # a row of a report figure's 明细
        from django.urls import reverse

        return reverse("supervision_order", args=[self.uuid])

    @property
    def drill_label(self) -> str:
        return f"{self.subject}（{self.target.short_name}，{self.get_status_display()}）"


class Campaign(WithUuid, Audited):
    """专项整治 (SUP-04): a bureau's campaign over its scope (itself and/or the bureaus below it) between two dates,
    aimed at named kinds of problem (整治重点), keeping a 问题清单 (CampaignProblem). Each change is an event in
    `campaign:<uuid>` carrying the status and the version."""

    OPEN, CLOSED = "open", "closed"
    STATUSES = [(OPEN, "整治中"), (CLOSED, "已结束")]

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="campaigns",
                               verbose_name="组织单位")
    title = models.CharField("名称", max_length=200)
    basis = models.CharField("部署文件", max_length=200, blank=True)
    focus = models.TextField("整治重点", blank=True)
    kinds = models.JSONField("问题类别", default=list)
    scope = models.ManyToManyField("org.Bureau", related_name="+", verbose_name="整治范围")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    status = models.CharField("状态", max_length=8, choices=STATUSES, default=OPEN, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_on = models.DateField("部署日期")
    created_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField("结束办理日期", null=True, blank=True)
    closed_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    summary = models.TextField("整治总结", blank=True)
    problem_count = models.PositiveIntegerField("问题编号", default=0, editable=False)   # the last problem's number

    class Meta:
        verbose_name = verbose_name_plural = "专项整治"
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.title

    @property
    def stream(self) -> str:
        return f"campaign:{self.uuid}"


class CampaignProblem(WithUuid, Audited):
    """One problem of a campaign's 问题清单 (SUP-04): where it was found (评查, 数字化城管, 投诉举报, 自查, 督查走访 —
    linked to the case, issue or 评查整改 item it came from when there is one), the owning bureau and the
    person responsible, the due date; the owner reports the fix with evidence (text and a file in the evidence
    store), the organiser accepts it (整改销号) or returns it. Events in `campaign-problem:<uuid>`."""

    OPEN, REPORTED, DONE = "open", "reported", "done"
    STATUSES = [(OPEN, "整改中"), (REPORTED, "已报送待验收"), (DONE, "已整改销号")]
    SOURCES = list(PROBLEM_SOURCES.items())

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="problems")
    seq = models.PositiveIntegerField("问题编号")
    source = models.CharField("问题来源", max_length=12, choices=SOURCES)
    kind = models.CharField("问题类别", max_length=60)
    description = models.TextField("问题描述")
    place = models.CharField("地点", max_length=200, blank=True)
    owner = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="campaign_problems",
                              verbose_name="整改责任单位")
    responsible = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="整改责任人")
    due = models.DateField("整改期限")
    found_on = models.DateField("发现日期")
    found_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.PenaltyCase", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issue = models.ForeignKey("citydesk.Issue", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rectification = models.ForeignKey(Rectification, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="campaign_problems")
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=OPEN, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    measures = models.TextField("整改情况", blank=True)
    reported_on = models.DateField("报送日期", null=True, blank=True)
    reported_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sha256 = models.CharField("整改佐证文件（SHA-256）", max_length=64, blank=True, editable=False)
    filename = models.CharField("整改佐证文件名", max_length=200, blank=True, editable=False)
    content_type = models.CharField("整改佐证文件类型", max_length=100, blank=True, editable=False)
    returned = models.PositiveIntegerField("退回次数", default=0, editable=False)
    return_note = models.TextField("退回意见", blank=True)
    accepted_on = models.DateField("销号日期", null=True, blank=True)
    accepted_by = models.ForeignKey("org.Staff", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    accept_note = models.TextField("验收意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "专项整治问题"
        ordering = ["campaign", "seq"]
        constraints = [models.UniqueConstraint(fields=["campaign", "seq"], name="sup_problem_number_once")]
        indexes = [models.Index(fields=["owner", "status", "due"], name="sup_problem_owner_due")]

    def __str__(self):
        return f"{self.campaign.title}第{self.seq}号问题"

    @property
    def stream(self) -> str:
        return f"campaign-problem:{self.uuid}"

    @property
    def number(self) -> str:
        return f"第{self.seq}号"

    @property
    def drill_url(self) -> str:   # a row of a report figure's 明细
        from django.urls import reverse

        return reverse("campaign_problem", args=[self.uuid])

    @property
    def drill_label(self) -> str:
        return f"{self.campaign.title}{self.number}：{self.kind}（{self.owner.short_name}，{self.get_status_display()}）"
