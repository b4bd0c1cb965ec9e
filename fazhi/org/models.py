"""Bureaus, staff, roles, enforcement certificates (行政执法证) and the bureau's local legal settings."""
from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models

from fazhi.core.models import Audited, WithUuid
from fazhi.law.penalty import (
    DEFAULT_HEARING_THRESHOLDS,
    DEFAULT_MAJOR_POLICY,
    HearingThresholds,
    MajorCasePolicy,
)
from fazhi.law.workhours import WorkingHours, parse_periods


class BureauKind(models.TextChoices):
    CITY = "city", "市级城管局"
    DISTRICT = "district", "区级城管局"
    COUNTY = "county", "县(市)级城管局"
    SQUAD = "squad", "执法中队"


class Bureau(WithUuid, Audited):
    """A node of the bureau tree. City, district and county bureaus are 执法主体 (they decide in their own
    name); squads are internal units of the bureau above them."""

    code = models.CharField("编码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40)
    kind = models.CharField("类别", max_length=16, choices=BureauKind.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name="上级")
    # Materialised path "/430200/430202/": a subtree is one indexed prefix match (O(1) queries per request).
    path = models.CharField(max_length=400, db_index=True, editable=False)
    doc_prefix = models.CharField("文号机关代字", max_length=16, blank=True, help_text="如：株城管、醴城管")
    # The 复议机关 and the 管辖法院 every decision's 救济 clause names (REV-03, REV-08), with the source of the
    # designation (e.g. a 集中管辖 decision of the 高级人民法院); set on the 本局设置 page, each change an event.
    government = models.CharField("行政复议机关", max_length=60, blank=True,
                                  help_text="本级人民政府（行政复议法第二十四条）")
    government_source = models.CharField("行政复议机关的确定依据", max_length=300, blank=True)
    court = models.CharField("管辖人民法院", max_length=60, blank=True)
    court_source = models.CharField("管辖人民法院的确定依据", max_length=300, blank=True,
                                    help_text="如：集中管辖的，写明最高人民法院或高级人民法院的决定名称和文号")
    address = models.CharField("地址", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    # Local legal values (PEN-10 较大数额, LRV-04 重大执法决定目录, PEN-08 陈述申辩期限), each with its source.
    hearing_fine_citizen = models.DecimalField("听证较大数额罚款（公民）", max_digits=12, decimal_places=2,
                                               default=DEFAULT_HEARING_THRESHOLDS.fine_citizen)
    hearing_fine_org = models.DecimalField("听证较大数额罚款（法人或其他组织）", max_digits=12, decimal_places=2,
                                           default=DEFAULT_HEARING_THRESHOLDS.fine_org)
    hearing_confiscation_citizen = models.DecimalField("听证较大数额没收（公民）", max_digits=12, decimal_places=2,
                                                       default=DEFAULT_HEARING_THRESHOLDS.confiscation_citizen)
    hearing_confiscation_org = models.DecimalField("听证较大数额没收（法人或其他组织）", max_digits=12, decimal_places=2,
                                                   default=DEFAULT_HEARING_THRESHOLDS.confiscation_org)
    hearing_source = models.CharField("听证标准依据", max_length=300, default=DEFAULT_HEARING_THRESHOLDS.source)
    major_fine_citizen = models.DecimalField("重大执法决定罚款标准（公民）", max_digits=12, decimal_places=2,
                                             default=DEFAULT_MAJOR_POLICY.major_fine_citizen)
    major_fine_org = models.DecimalField("重大执法决定罚款标准（法人或其他组织）", max_digits=12, decimal_places=2,
                                         default=DEFAULT_MAJOR_POLICY.major_fine_org)
    review_all_general = models.BooleanField("普通程序案件均须法制审核", default=False)
    deliberate_major = models.BooleanField("重大执法决定须集体讨论", default=True)
    major_source = models.CharField("重大执法决定目录依据", max_length=300, default=DEFAULT_MAJOR_POLICY.source)
    statement_days = models.PositiveSmallIntegerField(
        "陈述申辩期限（工作日）", default=3,
        help_text="行政处罚法未规定具体天数；按本局规定（常见为3个工作日）。期限届满且当事人未陈述申辩的，方可作出决定。")
    # Where fines are paid (PEN-17, Art 67: the party pays at the designated bank or through the electronic
    # payment system); printed on every decision with a fine, and recorded in the decide event.
    payment_bank = models.CharField("罚款代收银行", max_length=100, blank=True, help_text="如：中国工商银行株洲荷塘支行")
    payment_account_name = models.CharField("收款户名", max_length=100, blank=True)
    payment_account = models.CharField("收款账号", max_length=40, blank=True)
    payment_online = models.CharField("电子缴款渠道", max_length=200, blank=True,
                                      help_text="如：湖南省非税收入电子缴款平台")
    payment_code = models.CharField("缴款码（执收单位编码）", max_length=40, blank=True,
                                    help_text="当事人在电子缴款渠道或银行网点凭此码缴纳")
    # 执法资格 and training (STF-01, STF-02), each with its source (org/settings_catalogue.py).
    qualification_pass_mark = models.DecimalField(
        "执法资格考试合格分数线", max_digits=4, decimal_places=1, default=60,
        help_text="公共法律知识、专业法律知识两部分均达到此分数为合格（百分制）")
    qualification_pass_source = models.CharField(
        "合格分数线依据", max_length=300, default="本局执法资格考试办法；未另行规定的按百分制60分（须与省司法厅当年考试公告核对）")
    training_min_hours = models.DecimalField("执法人员年度培训最低学时", max_digits=5, decimal_places=1, default=40)
    training_min_source = models.CharField(
        "年度培训学时依据", max_length=300,
        default="本局执法人员培训制度；默认值取湘乡市城管局每人网络学时不少于40学时的做法（国办发〔2023〕27号未核对）")
    work_hours = models.CharField(
        "工作时段", max_length=60, default="08:00-12:00,14:30-17:30",
        help_text="数字化城管处置时限按工作时、工作日计算（B.5）；格式如 08:00-12:00,14:30-17:30。")

    class Meta:
        verbose_name = verbose_name_plural = "执法机构"
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "/") + f"{self.code}/"
        super().save(*args, **kwargs)

    @property
    def enforcement_body(self) -> Bureau:
        """The 执法主体 this node acts for: itself, or for a squad the bureau above it."""
        return self.parent if self.kind == BureauKind.SQUAD and self.parent_id else self

    def lineage(self) -> list[Bureau]:
        """This bureau and those above it: whose lists (清单, 基准) apply here."""
        out, b = [], self
        while b is not None:
            out.append(b)
            b = b.parent
        return out

    def payment_channel(self) -> dict:
        """The bureau's payment settings as the decide event records them (empty values left out)."""
        values = {"bank": self.payment_bank, "account_name": self.payment_account_name,
                  "account": self.payment_account, "online": self.payment_online, "code": self.payment_code}
        return {k: v.strip() for k, v in values.items() if v and v.strip()}

    def remedy_bodies(self) -> tuple[str, str]:
        """(复议机关, 管辖法院) as a decision names them: the bureau's settings, or the statutory description where a
        setting is empty (REV-03: the 本级人民政府; 行政诉讼法第十八条: the court with jurisdiction)."""
        return (self.government.strip() or "本级人民政府", self.court.strip() or "有管辖权的人民法院")

    def hearing_thresholds(self) -> HearingThresholds:
        return HearingThresholds(self.hearing_fine_citizen, self.hearing_fine_org, self.hearing_confiscation_citizen,
                                 self.hearing_confiscation_org, self.hearing_source)

    def working_hours(self) -> WorkingHours:
        return parse_periods(self.work_hours)

    def clean(self):
        from django.core.exceptions import ValidationError
        try:
            parse_periods(self.work_hours)
        except ValueError as e:
            raise ValidationError({"work_hours": str(e)}) from e

    def major_policy(self) -> MajorCasePolicy:
        return MajorCasePolicy(self.major_fine_citizen, self.major_fine_org, self.review_all_general,
                               self.deliberate_major, self.major_source)


class Role(models.TextChoices):
    OFFICER = "officer", "执法队员"
    SQUAD_LEADER = "squad_leader", "中队长"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核员"
    DEPUTY_HEAD = "deputy_head", "分管领导"
    HEAD = "head", "负责人/局长"
    ADMIN = "admin", "系统管理员"
    # 三员分立 (SEC-01..03, GB/T 22239—2019 8.1.7.1): the 系统管理员 above manages accounts and settings, the
    # 安全管理员 grants roles, the 审计员 reads the access log and the administrators' events.
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDITOR = "auditor", "审计员"
    SUPERVISOR = "supervisor", "执法监督员"
    # 数字化城管 (legal-rules B.5)
    PATROLLER = "patroller", "信息采集员/监督员"
    OPERATOR = "operator", "受理员"
    SHIFT_LEADER = "shift_leader", "值班长"
    DISPATCHER = "dispatcher", "派遣员"
    COMMANDER = "commander", "指挥长"
    # 行政许可 window (legal-rules §A.8, §A.16)
    WINDOW_CLERK = "window_clerk", "窗口受理员"
    PERMIT_REVIEWER = "permit_reviewer", "许可审查员"
    # 法律顾问/公职律师: opinions in 合法性审查 and in disputes (§A.12, §A.13)
    LEGAL_ADVISER = "legal_adviser", "法律顾问"


LEADERS = (Role.HEAD, Role.DEPUTY_HEAD)


class Staff(AbstractUser, WithUuid):
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, null=True, blank=True, related_name="staff",
                               verbose_name="所在机构")
    full_name = models.CharField("姓名", max_length=40, blank=True)
    phone = models.CharField("电话", max_length=20, blank=True)
    id_number = models.CharField("公民身份号码", max_length=18, blank=True)  # personal data: a read is logged (ACC-01)
    legal_qualification = models.CharField("法律职业资格证书编号", max_length=40, blank=True,
                                           help_text="法制审核人员初次从事审核须取得法律职业资格（行政处罚法第五十八条）")
    reviewed_before = models.BooleanField("此前已从事法制审核", default=False)
    residence_area = models.CharField("居住地（街道/区域）", max_length=60, blank=True,
                                      help_text="双随机抽取可选“不检查居住地所在区域的对象”（回避）")

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"

    def __str__(self):
        return self.full_name or self.username

    @property
    def roles(self) -> set[str]:
        if not hasattr(self, "_roles"):
            self._roles = set(self.role_grants.values_list("role", flat=True)) if self.pk else set()
        return self._roles

    def has_role(self, *roles) -> bool:
        return bool(self.roles & {str(r) for r in roles})

    @property
    def entity(self) -> Bureau | None:
        """The 执法主体 whose records this person works on."""
        return self.bureau.enforcement_body if self.bureau_id else None

    @property
    def certificate_list(self) -> list[Certificate]:
        """Loaded once per Staff instance (one request, one action): certificates change rarely and a
        revocation takes effect from the next request."""
        if not hasattr(self, "_certificates"):
            self._certificates = list(self.certificates.all()) if self.pk else []
        return self._certificates

    def valid_certificate(self, on: date) -> Certificate | None:
        for c in self.certificate_list:
            if c.is_valid_on(on):
                return c
        return None

    def is_certified_on(self, on: date) -> bool:
        return self.valid_certificate(on) is not None


class RoleGrant(Audited):
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["staff", "role"], name="role_grant_unique")]

    def __str__(self):
        return self.get_role_display()


class GrantStatus(models.TextChoices):
    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准生效"
    REJECTED = "rejected", "未批准"


class RoleGrantRequest(WithUuid, Audited):
    """A requested grant of a role that takes effect only on a second person's approval (SEC-02: a leader's, the
    法制审核's, the 法律顾问's or an administrator's role; law/separation.py). Requested by the 安全管理员, approved or
    rejected by the 局长 of the grantee's bureau (or one above it) or a 安全管理员 — never the requester nor the
    grantee. Each step is an event on the grantee's stream `staff:<uuid>`."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="grant_requests", verbose_name="被授权人")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    status = models.CharField("状态", max_length=10, choices=GrantStatus.choices, default=GrantStatus.PENDING)
    reason = models.CharField("授权理由", max_length=200, blank=True)
    requested_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="申请人")
    requested_on = models.DateField("申请日期")
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="批准人")
    decided_on = models.DateField("批准日期", null=True, blank=True)
    note = models.CharField("批准意见", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "待批准授权"
        constraints = [models.UniqueConstraint(fields=["staff", "role"], condition=models.Q(status="pending"),
                                               name="grant_request_one_pending")]

    def __str__(self):
        return f"{self.staff}：{self.get_role_display()}"

    @property
    def stream(self) -> str:
        return f"staff:{self.staff.uuid}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "在用"
    SUSPENDED = "suspended", "暂扣"
    CANCELLED = "cancelled", "已注销/吊销"


class Certificate(WithUuid, Audited):
    """行政执法证. Only its holder, within its validity, outside any suspension and before any cancellation, is an
    enforcement officer (PEN-04, STF-01; HUD-04: auxiliary staff without one may not enforce). Its lifecycle after
    issue (年审, 换证, 暂扣, 发还, 注销/吊销) is the `certificates` workflow (fazhi/personnel), each step an event on
    `certificate:<uuid>`; the suspension periods are kept on the row so that the gate of every step reads them
    without another query."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="certificates", verbose_name="持证人")
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuer = models.CharField("发证机关", max_length=60, default="湖南省人民政府")
    valid_from = models.DateField("有效期起")
    valid_until = models.DateField("有效期止")
    revoked_on = models.DateField("注销/吊销日期", null=True, blank=True)
    revoked_reason = models.CharField("注销原因", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.VALID)
    cancel_kind = models.CharField("注销或吊销", max_length=4, blank=True, choices=[("注销", "注销"), ("吊销", "吊销")])
    suspended_since = models.DateField("暂扣起始日期", null=True, blank=True)
    # Past suspensions: [[first day, day returned], ...] as ISO dates (the day returned is valid again).
    suspensions = models.JSONField("暂扣记录", default=list, blank=True)
    last_checked_on = models.DateField("最近年审日期", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "行政执法证"

    def __str__(self):
        return self.number

    @property
    def stream(self) -> str:
        return f"certificate:{self.uuid}"

    def suspension_periods(self) -> list[tuple[date, date | None]]:
        out: list[tuple[date, date | None]] = [(date.fromisoformat(a), date.fromisoformat(b))
                                               for a, b in self.suspensions or []]
        if self.suspended_since:
            out.append((self.suspended_since, None))
        return out

    def is_valid_on(self, on: date) -> bool:
        from fazhi.law.staff import certificate_valid_on

        return certificate_valid_on(on, valid_from=self.valid_from, valid_until=self.valid_until,
                                    cancelled_on=self.revoked_on, suspensions=self.suspension_periods())

    def state_on(self, on: date) -> str:
        """How the certificate stands on a day, as a page shows it."""
        if self.revoked_on and on >= self.revoked_on:
            return f"已{self.cancel_kind or '注销'}"
        if on < self.valid_from:
            return "尚未生效"
        if on > self.valid_until:
            return "已过期"
        if not self.is_valid_on(on):
            return "暂扣中"
        return "有效"


def _token_expiry():
    from django.conf import settings
    from django.utils import timezone

    return timezone.now() + timedelta(days=settings.FAZHI_TOKEN_DAYS)


def password_stamp(staff: Staff) -> str:
    """A fingerprint of the staff member's current password hash: a token carries the one it was issued under,
    so any password change (form, admin, `changepassword`) ends every earlier token without a write."""
    return hashlib.sha256((staff.password or "").encode()).hexdigest()[:32]


class ApiToken(Audited):
    """A bearer token for the REST API (and Open311's api_key). Only the SHA-256 of the key is stored. A token
    lives until it expires (FAZHI_TOKEN_DAYS), is revoked, or its owner's password changes; it is sent in the
    Authorization header, never in a URL."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=60, default="api")
    digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField("有效期至", default=_token_expiry)
    password_stamp = models.CharField(max_length=32, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_by = models.CharField("吊销人", max_length=150, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    @property
    def public_id(self) -> str:
        """How a token is named outside the database (lists, revoke URLs): the head of its key's digest, which
        identifies it without revealing it."""
        return self.digest[:16]

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, staff: Staff, name: str = "api") -> tuple[ApiToken, str]:
        key = "fz_" + secrets.token_urlsafe(32)
        return cls.objects.create(staff=staff, name=name, digest=cls.digest_of(key),
                                  password_stamp=password_stamp(staff)), key

    def state(self, now=None) -> tuple[str, str]:
        """(code, label) of this token now: live, revoked, expired, or ended by a password change."""
        from django.utils import timezone

        now = now or timezone.now()
        if self.revoked_at:
            return "revoked", "已吊销"
        if self.expires_at <= now:
            return "expired", "已过期"
        if self.password_stamp != password_stamp(self.staff):
            return "password", "密码已更改，已失效"
        if not self.staff.is_active:
            return "inactive", "账号已停用"
        return "live", "有效"

    @classmethod
    def authenticate(cls, key: str, *, lean: bool = False) -> ApiToken | None:
        """The live token for `key` (REST bearer tokens and Open311 api_key alike). `lean` loads only who the
        staff member is (for recording a report), not their bureau (for deciding what they may see)."""
        from django.utils import timezone

        qs = cls.objects.filter(digest=cls.digest_of(key), revoked_at__isnull=True, staff__is_active=True,
                                expires_at__gt=timezone.now())
        qs = qs.select_related("staff").only("id", "password_stamp", "staff__id", "staff__username",
                                             "staff__full_name", "staff__password") if lean \
            else qs.select_related("staff__bureau__parent")
        token = next(iter(qs[:1]), None)  # the digest is unique: no ORDER BY needed
        if token is not None and token.password_stamp != password_stamp(token.staff):
            return None
        return token

    @classmethod
    def why_refused(cls, key: str) -> str:
        """The reason a presented key is not accepted, in the words the client is shown."""
        token = cls.objects.select_related("staff").filter(digest=cls.digest_of(key)).first()
        if token is None:
            return "接口令牌无效"
        code, label = token.state()
        return {"revoked": "接口令牌已被吊销", "expired": "接口令牌已过期，请重新申请",
                "password": "账号密码已更改，此前的接口令牌均已失效，请重新申请",
                "inactive": "账号已停用"}.get(code, "接口令牌无效")


class LockoutKind(models.TextChoices):
    ACCOUNT = "account", "账号"
    ADDRESS = "address", "来源地址"


class Lockout(WithUuid, Audited):
    """Failed logins for one account or one client address within the current window, and the lock they led
    to. The row is the state; locking and unlocking are events on the stream `lockout:<uuid>`."""

    kind = models.CharField("类别", max_length=10, choices=LockoutKind.choices)
    key = models.CharField("账号/地址", max_length=150)
    failures = models.PositiveIntegerField("失败次数", default=0)
    window_started_at = models.DateTimeField("计数起始", null=True, blank=True)
    last_failure_at = models.DateTimeField("最近失败", null=True, blank=True)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录锁定"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="lockout_kind_key")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"

    @property
    def stream(self) -> str:
        return f"lockout:{self.uuid}"

    def is_locked(self, now) -> bool:
        return self.locked_until is not None and self.locked_until > now


class RateCounter(models.Model):
    """A fixed-window counter (anonymous reports per address and overall). Kept in the database so that the
    embedded installation needs no cache service and every worker process counts the same."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=150)
    window_started_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="rate_counter_scope_key")]


class Challenge(models.Model):
    """A one-time question an anonymous reporter answers (the CAPTCHA of the public report form and of Open311
    POST without an api_key). Generated here, answered once, expires; only the answer's hash is kept."""

    token = models.CharField(max_length=32, unique=True)
    answer_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)


def visible_bureau_ids(user, under: str | None = None) -> list[int] | None:
    """The bureaus whose records `user` may see: the user's 执法主体 and everything below it (None: all, for a
    superuser). `under`, a bureau code, narrows to that bureau's subtree; a code outside the user's scope
    gives nothing. One query on the (small) bureau table; cached on the user object for the request."""
    if user.is_superuser and under is None:
        return None
    key = f"_visible_bureaus:{under}"
    if not hasattr(user, key):
        entity = user.entity
        if entity is None and not user.is_superuser:
            setattr(user, key, [])
            return []
        rows = Bureau.objects.all() if user.is_superuser else Bureau.objects.filter(path__startswith=entity.path)
        rows = list(rows.values_list("id", "code", "path"))
        if under is not None:
            top = next((path for _, code, path in rows if code == under), None)
            rows = [r for r in rows if top is not None and r[2].startswith(top)]
        setattr(user, key, [pk for pk, _, _ in rows])
    return getattr(user, key)


class PersonalDataRead(models.Model):
    """One read of a record's personal data (ACC-01): who, which record, what was read, when. Written with one
    insert per read; append-only (no save of an existing row, no delete, no admin page that edits it). The
    record's bureau decides whose leaders see the entry."""

    at = models.DateTimeField("查阅时间")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="查阅人")
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="+", verbose_name="记录所属机构")
    record = models.CharField("记录", max_length=64)        # the record's stream, e.g. "case:<uuid>"
    label = models.CharField("记录名称", max_length=120)    # a number (立案编号, 查询码), never the person's name
    what = models.CharField("查阅内容", max_length=120)
    channel = models.CharField("途径", max_length=8, choices=[("web", "网页"), ("api", "接口")])

    class Meta:
        verbose_name = verbose_name_plural = "个人信息查阅记录"
        indexes = [models.Index(fields=["bureau", "-at"], name="read_bureau_at"),
                   models.Index(fields=["record"], name="read_record")]

    def save(self, *args, **kwargs):
        if self.pk:
            raise RuntimeError("查阅记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("查阅记录只能追加，不能删除")
