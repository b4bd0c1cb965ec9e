"""行政处罚案件 and what hangs off it. Status fields are written only by cases.actions."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.models import Audited, WithUuid
from fazhi.law.penalty import CaseFlags, EvidenceKind, Outcome, PartyKind, Penalty, PenaltyKind, ServiceMethod

MONEY = {"max_digits": 14, "decimal_places": 2, "default": Decimal("0.00")}


class Procedure(models.TextChoices):
    SIMPLE = "simple", "简易程序"
    GENERAL = "general", "普通程序"


class Status(models.TextChoices):
    CLUE = "clue", "案源登记"
    INVESTIGATING = "investigating", "调查取证"
    REPORTED = "reported", "调查终结待审查"
    NOTIFIED = "notified", "已告知待决定"
    HEARING = "hearing", "听证程序"
    TRANSFERRING = "transferring", "移送审批"
    DECIDED = "decided", "已决定待送达"
    EXECUTING = "executing", "执行中"
    ENFORCING = "enforcing", "强制执行"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


OPEN_STATUSES = [s for s in Status.values if s not in (Status.CLOSED, Status.ARCHIVED)]


class Source(models.TextChoices):
    PATROL = "patrol", "巡查发现"
    COMPLAINT = "complaint", "投诉举报"
    HOTLINE = "hotline", "12319/12345热线"
    CITYDESK = "citydesk", "数字城管移交"
    TRANSFER_IN = "transfer_in", "其他机关移送"
    ASSIGNED = "assigned", "上级交办"
    MONITORING = "monitoring", "非现场监控"
    INSPECTION = "inspection", "涉企检查发现"


class CloseType(models.TextChoices):
    PERFORMED = "performed", "履行完毕"
    NO_PENALTY = "no_penalty", "不予处罚"
    NOT_FILED = "not_filed", "不予立案"
    REVOKED = "revoked", "撤销立案"
    TRANSFERRED = "transferred", "移送司法机关"
    TERMINATED = "terminated", "终结执行"
    COURT_DONE = "court_done", "法院强制执行完毕"


class CaseQuerySet(models.QuerySet):

    def visible_to(self, user, under: str | None = None):
        """Every list of cases goes through here. A bureau's staff see its cases and those of the bureaus
        below it; nobody sees a sibling bureau's. `under` (a bureau code) narrows to that bureau's subtree.
        The bureau ids are resolved first (one small query), so the case query is `bureau_id IN (…)` on its
        own indexes rather than a join that PostgreSQL may answer by walking every case. A role without case
        access (org.access) sees none, whatever the page that asks."""
        from fazhi.org.access import case_bureau_ids

        if not user or not user.is_authenticated:
            return self.none()
        ids = case_bureau_ids(user, under)
        if ids is None:
            return self
        if not ids:
            return self.none()
        return self.filter(bureau_id=ids[0]) if len(ids) == 1 else self.filter(bureau_id__in=ids)

    def overdue(self, today):
        return self.filter(next_due__lt=today)


class PenaltyCase(WithUuid, Audited):
    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, related_name="cases", verbose_name="执法主体",
                               db_index=False)  # covered by the (bureau, id) index below
    squad = models.ForeignKey("org.Bureau", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="squad_cases", verbose_name="承办中队")
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices)
    status = models.CharField("状态", max_length=16, choices=Status.choices, editable=False)
    version = models.PositiveIntegerField("版本", default=0, editable=False)
    source = models.CharField("案件来源", max_length=16, choices=Source.choices, default=Source.PATROL)
    case_no = models.CharField("立案编号", max_length=60, blank=True, db_index=True)

    # The party (当事人)
    party_kind = models.CharField("当事人类型", max_length=10, choices=[(k.value, k.label) for k in PartyKind])
    party_name = models.CharField("当事人", max_length=120)
    party_id_number = models.CharField("身份证件号码/统一社会信用代码", max_length=40, blank=True)
    party_address = models.CharField("住所地址", max_length=200, blank=True)
    party_phone = models.CharField("联系电话", max_length=30, blank=True)
    party_representative = models.CharField("法定代表人/负责人", max_length=40, blank=True)

    # The violation
    cause = models.CharField("案由", max_length=200)
    facts = models.TextField("违法事实", blank=True)
    place = models.CharField("违法地点", max_length=200, blank=True)
    act_on = models.DateField("违法行为发生日期")
    act_ended_on = models.DateField("违法行为终了日期", null=True, blank=True,
                                    help_text="连续或继续状态的违法行为，填写终了之日（行政处罚法第三十六条）")
    serious_harm = models.BooleanField("涉及公民生命健康安全、金融安全且有危害后果", default=False)
    discovered_on = models.DateField("发现日期")
    violated_provision = models.CharField("违反的规定", max_length=300, blank=True)
    penalty_provision = models.CharField("处罚依据", max_length=300, blank=True)

    # Facts that trigger legal review / deliberation (PEN-12, PEN-13, LRV-01, LRV-04)
    major_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    major_social_impact = models.BooleanField("可能造成重大社会影响", default=False)
    affects_major_rights = models.BooleanField("直接关系当事人或第三人重大权益", default=False)
    complex = models.BooleanField("疑难复杂/涉及多个法律关系", default=False)
    other_legal_requirement = models.BooleanField("法律法规规定的其他情形", default=False)
    mitigated = models.BooleanField("减轻处罚", default=False)

    # 立案
    filed_on = models.DateField("立案日期", null=True, blank=True)
    extension_days = models.PositiveIntegerField("经批准延长办案期限（日）", default=0)

    # 调查终结 and proposal
    outcome = models.CharField("处理意见", max_length=20, blank=True,
                               choices=[(o.value, o.label) for o in Outcome])
    no_penalty_ground = models.CharField("不予处罚理由", max_length=20, blank=True)
    exemption_entry = models.CharField("免罚清单事项", max_length=200, blank=True)
    no_penalty_conditions = models.JSONField("查明的不予处罚条件", default=list, blank=True,
                                             help_text="行政处罚法第三十三条第一款（首违不罚：初次违法、危害后果轻微、及时改正）")
    education = models.TextField("对当事人的教育", blank=True, help_text="依法不予行政处罚的，应当对当事人进行教育（第三十三条第三款）")
    reported_on = models.DateField("调查终结日期", null=True, blank=True)
    proposed_kinds = models.JSONField("拟处罚种类", default=list, blank=True)
    proposed_fine = models.DecimalField("拟罚款", **MONEY)
    proposed_confiscated_income = models.DecimalField("拟没收违法所得", **MONEY)
    proposed_confiscated_property = models.DecimalField("拟没收非法财物价值", **MONEY)
    proposal_rev = models.PositiveIntegerField("拟处理意见版本", default=0)

    # 裁量 (DIS-04): the benchmark tier applied, as assessed when the investigation concluded
    violation_type = models.ForeignKey("catalog.ViolationType", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="cases", verbose_name="违法行为（裁量基准）")
    discretion = models.JSONField("裁量结果", default=dict, blank=True, editable=False)
    departure_approved_rev = models.PositiveIntegerField("偏离裁量基准经批准的意见版本", default=0)

    # 告知, 陈述申辩, 听证
    notified_on = models.DateField("告知日期", null=True, blank=True)
    notified_rev = models.PositiveIntegerField("告知时的意见版本", default=0)
    notified_penalty = models.JSONField("告知的拟处罚", default=dict, blank=True)
    hearing_right = models.BooleanField("享有听证权利", default=False)
    statement_on = models.DateField("陈述申辩日期", null=True, blank=True)
    waived_on = models.DateField("放弃陈述申辩听证权利日期", null=True, blank=True)
    hearing_requested_on = models.DateField("申请听证日期", null=True, blank=True)
    hearing_notice_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_presider = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="听证主持人")
    hearing_held_on = models.DateField("听证举行日期", null=True, blank=True)

    # 法制审核, 集体讨论
    review_passed_rev = models.PositiveIntegerField("法制审核通过的意见版本", default=0)
    # Fixed at the decision by the rule that gated it (PEN-12, LRV-01): 法制审核覆盖率 counts from this column.
    review_required = models.BooleanField("须经法制审核", default=False, editable=False)
    review_on = models.DateField("法制审核日期", null=True, blank=True)
    deliberated_rev = models.PositiveIntegerField("集体讨论的意见版本", default=0)
    deliberated_on = models.DateField("集体讨论日期", null=True, blank=True)

    # 决定
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_no = models.CharField("决定书文号", max_length=60, blank=True, db_index=True)
    final_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine = models.DecimalField("罚款", **MONEY)
    confiscated_income = models.DecimalField("没收违法所得", **MONEY)
    confiscated_property = models.DecimalField("没收非法财物价值", **MONEY)
    correction_order = models.CharField("责令改正内容", max_length=300, blank=True)
    on_spot = models.BooleanField("当场作出", default=False)
    filed_record_on = models.DateField("当场处罚备案日期", null=True, blank=True)

    # 送达, 执行
    service_method = models.CharField("送达方式", max_length=16, blank=True,
                                      choices=[(m.value, m.label) for m in ServiceMethod])
    served_on = models.DateField("送达日期", null=True, blank=True)
    # Days after the PEN-16 limit the service was made (0: in time; None: not yet known, the limit runs into a year
    # whose holiday table is not entered). A late service stands (Art 61) but is recorded and counted (送达超期).
    service_late_days = models.PositiveIntegerField("送达超期日数", null=True, blank=True, default=0)
    payment_due = models.DateField("缴款期限", null=True, blank=True)
    paid_on = models.DateField("缴款日期", null=True, blank=True)
    paid_fine = models.DecimalField("已缴罚款", **MONEY)
    paid_late_fee = models.DecimalField("已缴加处罚款", **MONEY)
    collected_on_spot = models.BooleanField("当场收缴", default=False)
    receipt_no = models.CharField("票据号", max_length=40, blank=True)
    handed_over_on = models.DateField("当场收缴罚款交至机关日期", null=True, blank=True)
    late_fee_pauses = models.JSONField("加处罚款暂停期间", default=list, blank=True)
    demand_served_on = models.DateField("催告书送达日期", null=True, blank=True)
    court_applied_on = models.DateField("申请法院强制执行日期", null=True, blank=True)
    court_result = models.CharField("法院裁定", max_length=100, blank=True)

    # 移送
    transfer_reported_on = models.DateField("移送报告日期", null=True, blank=True)
    transferred_on = models.DateField("移送日期", null=True, blank=True)

    # 结案, 归档
    closed_on = models.DateField("结案日期", null=True, blank=True)
    close_type = models.CharField("结案方式", max_length=16, blank=True, choices=CloseType.choices)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    # The deadlines the case is under now ({rule, label, due, unknown_reason}), rewritten by every action
    # from the recorded facts; the nearest one is kept in next_due so "overdue" is an indexed filter.
    deadlines = models.JSONField("办案期限", default=list, blank=True, editable=False)
    # Who may act as 承办人员 now (assigned, not recused): read with the locked row by every officer's action.
    officer_ids = models.JSONField("在办承办人员", default=list, blank=True, editable=False)
    open_preservations = models.PositiveSmallIntegerField("未处理的先行登记保存", default=0, editable=False)
    # The last event's hash: the case row is locked by every action, so the chain head travels with it.
    chain_head = models.CharField("记录链头", max_length=64, blank=True, editable=False)
    # Deadlines already met, each with its limit, the day it was met and the days late (0: in time), so a late step
    # stays visible on the case after its open deadline is gone.
    met_deadlines = models.JSONField("已办期限", default=list, blank=True, editable=False)
    # Some deadline waits for a year's holiday table (DAY-07): entering the table recomputes these cases.
    calendar_pending = models.BooleanField("期限待节假日安排确定", default=False, editable=False, db_index=True)
    next_due = models.DateField("最近期限", null=True, blank=True, db_index=True)
    next_due_rule = models.CharField("最近期限规则", max_length=12, blank=True)
    last_on = models.DateField("最近办理日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="登记人")

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政处罚案件"
        # Lists are keyset-paged newest first (id DESC) within the user's bureaus, optionally by status: these
        # let PostgreSQL read a district's page straight off an index at any table size.
        indexes = [
            models.Index(fields=["bureau", "-id"], name="case_bureau_keyset"),
            models.Index(fields=["bureau", "status", "-id"], name="case_bureau_status_keyset"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(fine__gte=0), name="case_fine_nonnegative"),
        ]

    def __str__(self):
        return self.decision_no or self.case_no or f"{self.party_name} {self.cause}"

    @property
    def stream(self) -> str:
        return f"case:{self.uuid}"

    @property
    def party(self) -> PartyKind:
        return PartyKind(self.party_kind)

    def flags(self) -> CaseFlags:
        return CaseFlags(self.major_public_interest, self.major_social_impact, self.affects_major_rights,
                         self.complex, self.other_legal_requirement, self.mitigated)

    def proposed_penalty(self) -> Penalty | None:
        if not self.proposed_kinds:
            return None
        return Penalty(frozenset(PenaltyKind(k) for k in self.proposed_kinds), self.proposed_fine,
                       self.proposed_confiscated_income, self.proposed_confiscated_property)

    def final_penalty(self) -> Penalty | None:
        if not self.final_kinds:
            return None
        return Penalty(frozenset(PenaltyKind(k) for k in self.final_kinds), self.fine, self.confiscated_income,
                       self.confiscated_property)

    @property
    def act_end(self):
        return self.act_ended_on or self.act_on


class OfficerRole(models.TextChoices):
    LEAD = "lead", "主办"
    ASSIST = "assist", "协办"


class CaseOfficer(models.Model):
    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="officers")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments")
    role = models.CharField("分工", max_length=8, choices=OfficerRole.choices, default=OfficerRole.ASSIST)
    assigned_on = models.DateField("指派日期")
    recused_on = models.DateField("回避日期", null=True, blank=True)
    recusal_reason = models.CharField("回避理由", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "承办人员"
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="case_officer_unique")]


RECORD_TYPES = [("inquiry", "询问笔录"), ("site", "现场检查笔录"), ("survey", "勘验笔录"), ("hearing", "听证笔录")]
RECORD_KINDS = {"inquiry": ("party_statement", "witness"), "site": ("inspection",), "survey": ("inspection",),
                "hearing": ("party_statement",)}


class Evidence(WithUuid, Audited):
    """An item of evidence (PEN-26). Files arrive with the case workbench; the metadata is recorded now."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("证据种类", max_length=16, choices=[(k.value, k.label) for k in EvidenceKind])
    title = models.CharField("名称", max_length=200)
    description = models.TextField("证明内容", blank=True)
    collected_on = models.DateField("取证日期")
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    place = models.CharField("取证地点", max_length=200, blank=True)
    from_monitoring = models.BooleanField("电子技术监控设备记录", default=False)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    # The file, if uploaded: stored under its SHA-256 (core/blobs.py); a hash alone records a file kept
    # elsewhere (e.g. a disc in the archive room).
    sha256 = models.CharField("文件SHA-256", max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField("文件大小（字节）", default=0)
    filename = models.CharField("原文件名", max_length=255, blank=True)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    collected_at = models.DateTimeField("取证时间", null=True, blank=True)
    # A 笔录 (询问/现场检查/勘验, Art 55 ¶2) names who made it — at least two officers certified that day (PEN-04) —
    # whom they questioned or who was present, and when it started and ended.
    record_type = models.CharField("笔录类型", max_length=10, blank=True, choices=RECORD_TYPES)
    record_officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                             verbose_name="制作笔录的执法人员")
    record_person = models.CharField("被询问人/在场人", max_length=120, blank=True)
    record_person_role = models.CharField("身份", max_length=20, blank=True,
                                          help_text="当事人、证人、在场人、见证人等")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "证据"
        ordering = ["collected_on", "id"]


class Preservation(Audited):
    """先行登记保存 (PEN-07): approved by the 负责人, disposed of within 7 working days."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="preservations")
    items = models.TextField("物品清单")
    preserved_on = models.DateField("登记保存日期")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due = models.DateField("处理期限", null=True, blank=True)
    disposed_on = models.DateField("处理日期", null=True, blank=True)
    disposal = models.CharField("处理决定", max_length=200, blank=True)
    late_days = models.PositiveIntegerField("处理超期日数", null=True, blank=True, default=0)

    class Meta:
        verbose_name = verbose_name_plural = "先行登记保存"


class DocumentCounter(models.Model):
    """Gapless document numbers per bureau, kind and year: the row is locked while a number is taken,
    inside the action's transaction, so a rolled-back action gives its number back."""

    bureau = models.ForeignKey("org.Bureau", on_delete=models.PROTECT)
    kind = models.CharField(max_length=16)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bureau", "kind", "year"], name="doc_counter_unique")]
