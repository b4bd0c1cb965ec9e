"""执法人员 (legal-rules §A.15): the 执法资格考试 results, applications for a 行政执法证, training courses with their
attendance, 学法考试 results and 法考 passes. The certificate itself is org.Certificate (the kernel every step's
PEN-04 gate reads); its lifecycle steps are this context's workflow."""
from __future__ import annotations

from django.db import models

from fazhi.core.models import Audited, WithUuid
from fazhi.org.models import Bureau, Certificate, Staff


class QualificationExam(WithUuid, Audited):
    """One 执法资格考试 result (STF-01): the general and the specialised part, against the bureau's pass mark of the
    day (kept with the result, with its source)."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="qualification_exams", verbose_name="考生")
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="+", verbose_name="所属执法主体")
    taken_on = models.DateField("考试日期")
    general_score = models.DecimalField("公共法律知识成绩", max_digits=4, decimal_places=1)
    special_score = models.DecimalField("专业法律知识成绩", max_digits=4, decimal_places=1)
    pass_mark = models.DecimalField("合格分数线", max_digits=4, decimal_places=1)
    pass_source = models.CharField("合格分数线依据", max_length=300)
    passed = models.BooleanField("是否合格")
    batch = models.CharField("考试批次或文号", max_length=100, blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")

    class Meta:
        verbose_name = verbose_name_plural = "执法资格考试成绩"
        indexes = [models.Index(fields=["bureau", "taken_on"], name="qexam_bureau_on")]

    def __str__(self):
        return f"{self.staff} {self.taken_on}"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "待发证"
    ISSUED = "issued", "已发证"
    REFUSED = "refused", "不予发证"


class CertificateApplication(WithUuid, Audited):
    """申领 a 行政执法证 on a passed exam (STF-01); 发证 creates the org.Certificate."""

    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="certificate_applications",
                              verbose_name="申领人")
    exam = models.ForeignKey(QualificationExam, on_delete=models.PROTECT, related_name="applications",
                             verbose_name="执法资格考试")
    applied_on = models.DateField("申领日期")
    status = models.CharField("状态", max_length=10, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.APPLIED)
    certificate = models.OneToOneField(Certificate, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="application", verbose_name="所发执法证")
    decided_on = models.DateField("办结日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = verbose_name_plural = "执法证申领"

    def __str__(self):
        return f"{self.staff} {self.applied_on}"

    @property
    def stream(self) -> str:
        return f"certificate-application:{self.uuid}"


class CourseKind(models.TextChoices):
    CLASSROOM = "classroom", "集中面授"
    ONLINE = "online", "网络培训"
    MENTORING = "mentoring", "以师带徒"


class TrainingCourse(WithUuid, Audited):
    """A training course (STF-02) with its hours; attendance records each officer's hours."""

    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="+", verbose_name="组织单位")
    title = models.CharField("培训名称", max_length=100)
    kind = models.CharField("形式", max_length=10, choices=CourseKind.choices)
    start_on = models.DateField("开始日期")
    end_on = models.DateField("结束日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    mentor = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="带教师傅")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")

    class Meta:
        verbose_name = verbose_name_plural = "执法人员培训"
        indexes = [models.Index(fields=["bureau", "start_on"], name="course_bureau_on")]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="attendance")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="training", verbose_name="参训人")
    hours = models.DecimalField("实际学时", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = verbose_name_plural = "参训记录"
        constraints = [models.UniqueConstraint(fields=["course", "staff"], name="attendance_once")]


class LawExam(WithUuid, Audited):
    """学法考试 (年度学法用法考试) result; or, kind bar, a pass of the 国家统一法律职业资格考试 (法考)."""

    KINDS = [("study", "学法考试"), ("bar", "法律职业资格考试")]
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="law_exams", verbose_name="人员")
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="+", verbose_name="所属执法主体")
    kind = models.CharField("类别", max_length=6, choices=KINDS)
    taken_on = models.DateField("考试（通过）日期")
    title = models.CharField("考试名称", max_length=100)
    score = models.DecimalField("成绩", max_digits=4, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("是否合格/通过")
    number = models.CharField("证书编号", max_length=40, blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")

    class Meta:
        verbose_name = verbose_name_plural = "学法考试和法考"
        indexes = [models.Index(fields=["bureau", "taken_on"], name="lawexam_bureau_on")]
