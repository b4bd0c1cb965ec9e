"""The bureau's local legal values as the 本局设置 page shows them: each with its meaning, its default and where
that default comes from, so an administrator changes a threshold knowing what the law leaves to the bureau.

Defaults are the model fields' defaults (org.models.Bureau), which come from the rules catalogue."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from fazhi.law.penalty import DEFAULT_HEARING_THRESHOLDS, DEFAULT_MAJOR_POLICY
from fazhi.law.workhours import parse_periods


@dataclass(frozen=True)
class Setting:
    field: str
    kind: str          # "money", "days", "flag", "text", "hours", "optional", "body", "points", "yearly_hours"
    source: str        # where the default comes from (shown beside the value)
    rule: str = ""     # the rule it sets a value for (behind the basis disclosure)
    unset: str = ""    # what applies while the value is empty (shown as the default)


HEARING = f"行政处罚法第六十三条：“较大数额”由省级规定。默认值：{DEFAULT_HEARING_THRESHOLDS.source}"
MAJOR = f"重大执法决定事项目录由本局制定（国办发〔2018〕118号），数额由本局确定。默认值：{DEFAULT_MAJOR_POLICY.source}"

PAYMENT = ("行政处罚法第六十七条：当事人应当自收到决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。"
           "由本局按财政部门的收缴安排填写；印在决定书上")

GOVERNMENT = ("行政复议法第二十四条：对县级以上地方人民政府工作部门作出的行政行为不服的，向本级人民政府申请行政复议。"
              "印在每份行政处罚决定书的救济告知中")
COURT = ("行政诉讼法第十八条：行政案件由最初作出行政行为的行政机关所在地人民法院管辖；经最高人民法院批准，高级人民法院"
         "可以确定若干人民法院跨行政区域管辖行政案件（集中管辖）。印在每份行政处罚决定书的救济告知中")
DESIGNATION = "复议机关、管辖法院由谁、以什么文件确定（如集中管辖的，写明决定名称和文号）；在本页与设置一并显示"
# The suffix each body's name must carry: a decision names a 人民政府 as 复议机关 (REV-03) and a 人民法院.
BODY_SUFFIX = {"government": "人民政府", "court": "人民法院"}

SETTINGS = [
    Setting("government", "body", GOVERNMENT, "REV-03", unset="本级人民政府"),
    Setting("government_source", "optional", DESIGNATION, "REV-03"),
    Setting("court", "body", COURT, "REV-08", unset="有管辖权的人民法院"),
    Setting("court_source", "optional", DESIGNATION, "REV-08"),
    Setting("hearing_fine_citizen", "money", HEARING, "PEN-10"),
    Setting("hearing_fine_org", "money", HEARING, "PEN-10"),
    Setting("hearing_confiscation_citizen", "money", HEARING, "PEN-10"),
    Setting("hearing_confiscation_org", "money", HEARING, "PEN-10"),
    Setting("hearing_source", "text", "本局执行的较大数额标准的文件名称和文号", "PEN-10"),
    Setting("major_fine_citizen", "money", MAJOR, "LRV-04"),
    Setting("major_fine_org", "money", MAJOR, "LRV-04"),
    Setting("review_all_general", "flag", "行政处罚法第五十八条列明须经法制审核的情形；本局可规定普通程序案件一律审核",
            "LRV-04"),
    Setting("deliberate_major", "flag", "行政处罚法第五十七条：情节复杂或者重大违法行为给予处罚，应当集体讨论决定",
            "PEN-13"),
    Setting("major_source", "text", "本局重大执法决定目录的文件名称和文号", "LRV-04"),
    Setting("statement_days", "days", "行政处罚法第四十四条、第六十二条未规定陈述申辩的天数；常见为3个工作日，由本局规定",
            "PEN-08"),
    Setting("qualification_pass_mark", "points", "行政处罚法第四十二条：行政处罚由具有行政执法资格的执法人员实施；"
            "执法资格考试的合格分数由组织考试的机关确定，本局按其公告填写", "STF-01"),
    Setting("qualification_pass_source", "text", "合格分数线所依据的考试办法或公告的名称和文号", "STF-01"),
    Setting("training_min_hours", "yearly_hours", "执法人员年度培训学时由本局培训制度规定；未达到的仅作提示，不影响执法",
            "STF-02"),
    Setting("training_min_source", "text", "年度培训学时所依据的制度名称和文号", "STF-02"),
    Setting("work_hours", "hours", "数字化城管处置时限按本局工作时段计算（GB/T 30428）", "DCM-03"),
    *[Setting(f, "optional", PAYMENT, "PEN-17", unset="决定书载明“到指定银行或者通过电子支付系统缴纳”") for f in ("payment_bank", "payment_account_name", "payment_account",
                                                          "payment_online", "payment_code")],
]


def label(s: Setting) -> str:
    from fazhi.org.models import Bureau

    return str(Bureau._meta.get_field(s.field).verbose_name)


def default(s: Setting):
    from fazhi.org.models import Bureau

    return Bureau._meta.get_field(s.field).default


def parse_setting(s: Setting, raw):
    """A typed value from the form, or BadInput with the reason."""
    from fazhi.org.actions import BadInput

    text = str(raw if raw is not None else "").strip()
    name = label(s)
    if s.kind == "flag":
        return text.lower() in ("1", "true", "on", "yes")
    if s.kind == "money":
        try:
            v = Decimal(text)
        except InvalidOperation:
            raise BadInput(f"{name}应为金额（元）")
        if not v.is_finite() or v < 0 or v >= Decimal("10000000000"):
            raise BadInput(f"{name}应在0至100亿元之间")
        return v.quantize(Decimal("0.01"))
    if s.kind in ("points", "yearly_hours"):
        top = Decimal(100) if s.kind == "points" else Decimal(500)
        try:
            v = Decimal(text)
        except InvalidOperation:
            raise BadInput(f"{name}应为数字")
        if not v.is_finite() or not Decimal(0) < v <= top:
            raise BadInput(f"{name}应大于0且不超过{top}")
        return v.quantize(Decimal("0.1"))
    if s.kind == "days":
        if not text.isdigit() or not 1 <= int(text) <= 30:
            raise BadInput(f"{name}应为1至30之间的整数")
        return int(text)
    if s.kind == "hours":
        try:
            parse_periods(text)
        except ValueError as e:
            raise BadInput(f"{name}：{e}")
        return text
    if s.kind == "body":
        from fazhi.org.models import Bureau

        limit = Bureau._meta.get_field(s.field).max_length
        if len(text) > limit:
            raise BadInput(f"{name}不超过{limit}个字")
        suffix = BODY_SUFFIX[s.field]
        if text and not text.endswith(suffix):
            raise BadInput(f"{name}应为“××{suffix}”的全称，如“株洲市荷塘区{suffix}”")
        return text
    if s.kind == "optional":
        from fazhi.org.models import Bureau

        limit = Bureau._meta.get_field(s.field).max_length
        if len(text) > limit:
            raise BadInput(f"{name}不超过{limit}个字")
        return text
    if not text or len(text) > 300:
        raise BadInput(f"请填写{name}（不超过300个字）")
    return text
