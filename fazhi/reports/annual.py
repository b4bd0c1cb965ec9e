"""The 法治政府建设年度报告 built from the records, in the five parts of the 督察工作规定 (RPT-02), and the quarterly
执法信息报送表. Parts 一 and 二 are drafted from the data — each figure in a sentence, each anomaly a problem with
its count — and parts 三 to 五 from what the records say of them; the bureau edits any part (a saved text replaces
the draft). The figures table with each figure's definition is the 附件, and every figure the published reports
state but the system does not record is listed there in one place. Values are shown by reports/present.py, the
same function the report page uses; charts only where they compare two or more things."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from fazhi.core.layout import PAGES_GBT, Doc, Heading, PageBreak, Para, Picture, Sign, Table
from fazhi.reports import figures as F
from fazhi.reports.models import PARTS, ReportSection
from fazhi.reports.present import missing, period_word, rows, show

FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _chart(kind: str, labels: list[str], values: list[int], title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    try:
        font_manager.fontManager.addfont(FONT_FILE)
        plt.rcParams["font.family"] = "Noto Sans CJK JP"  # the .ttc's first face; it carries every 汉字 we print
    except (OSError, RuntimeError):
        pass
    fig, ax = plt.subplots(figsize=(6.4, 3.0 if kind == "line" else 0.9 + 0.32 * len(labels)), dpi=150)
    if kind == "line":
        ax.plot(labels, values, marker="o", color="#1f4e8c")
        ax.set_ylim(bottom=0)
    else:
        bars = ax.barh(labels[::-1], values[::-1], color="#1f4e8c")
        ax.bar_label(bars, fontsize=8, padding=2)
    if title:
        ax.set_title(title, fontsize=11)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def charts(scope: F.Scope, today: date | None = None) -> list[tuple[str, str, list[str], list[int]]]:
    """The charts worth drawing, as (kind, title, labels, values): a month trend only when two or more months have
    decisions (and, in a year not yet over, only up to this month: a month still to come is not a fall to zero),
    bars only when there are two or more violations or bureaus to compare (one bar says nothing)."""
    out = []
    months = F.by_month(scope)
    if today and scope.start.year == today.year:
        months = months[:today.month]
    if sum(1 for _, n in months if n) >= 2:
        out.append(("line", "各月作出行政处罚决定数", [f"{m}月" for m, _ in months], [n for _, n in months]))
    causes = F.by_cause(scope)
    if len(causes) >= 2:
        out.append(("bar", "主要违法行为（作出决定数）", [c[:16] for c, _ in causes], [n for _, n in causes]))
    units = F.by_bureau(scope)
    if len(units) >= 2:
        labels = ["本机关" if u == scope.bureau.short_name else u for u, _ in units]
        out.append(("bar", "本机关和所属区县局作出行政处罚决定数" if "本机关" in labels else "所属区县局作出行政处罚决定数",
                    labels, [n for _, n in units]))
    return out


NUMERALS = "一二三四五六七八九十"


def _numbered(items: list[str]) -> list[str]:
    return [f"（{NUMERALS[i] if i < 10 else '十' + NUMERALS[i - 10]}）{t}" for i, t in enumerate(items)]


@dataclass
class Report:
    """One bureau's report for a period: the figures, the anomalies, the drafted parts and the saved texts.

    `values` are the whole tree's (the bureau and everything below it). A bureau with 执法主体 below it (a city
    bureau and its district and county bureaus) has its figures split: `own` (本机关: the bureau and its squads) and
    `sub` (所属区县局), and every figure the report states says whose it is."""
    bureau: object
    scope: F.Scope
    today: date
    values: dict
    anomalies: dict[str, int]
    saved: dict[int, str] = field(default_factory=dict)
    own: dict | None = None
    sub: dict | None = None
    subordinates: list[str] = field(default_factory=list)

    @property
    def split(self) -> bool:
        return self.own is not None

    @property
    def period(self) -> str:
        return period_word(self.scope)

    @property
    def mine(self) -> dict:
        """The bureau's own figures: 本机关's in a split report, else the whole (a bureau without 执法主体 below)."""
        return self.own if self.split else self.values

    def v(self, key: str, values: dict | None = None) -> str:
        return show(F.BY_KEY[key], (self.values if values is None else values)[key], self.period)

    def rate(self, key: str) -> F.Rate:
        return self.values[key]

    # -- part 一: each figure in a sentence, labelled whose it is -------------------------------------------

    def _handling(self, vals: dict, who: str) -> list[str]:
        """The 执法办案 paragraphs for one part (who: "" for a bureau alone, "本机关" or "所属区县局")."""
        def v(k):
            return self.v(k, vals)
        year = self.scope.start.year
        return [
            f"严格规范公正文明执法。{who}全年作出行政处罚决定{v('cases')}，其中一般程序{v('general')}、"
            f"简易程序{v('simple')}；罚没款{v('fines')}（按决定金额计，其中一般程序{v('general_fines')}），"
            f"已缴纳罚款{v('fines_paid')}。另依法作出不予行政处罚决定{v('no_penalty')}，不计入上述处罚决定。"
            f"普通程序案件按期办结率{v('in_time')}。立案案件来源：{v('cases_by_source')}；作出决定的主要违法行为："
            f"{v('cases_by_cause')}。",
            f"落实重大执法决定法制审核制度和执法全过程记录制度。{who}经法制审核的案件{v('reviewed_cases')}，出具法制审核意见"
            f"{v('review_opinions')}；重大执法决定法制审核覆盖率{v('review_coverage')}；机关负责人集体讨论决定案件"
            f"{v('deliberations')}。作出决定的案件中有音像记录的比例（执法全过程记录覆盖率）为{v('recorded')}。",
            f"保障当事人陈述、申辩和听证权利。{who}当事人申请听证{v('hearing_requests')}，依法举行听证{v('hearings')}。",
            f"落实行政执法公示制度。{who}{year}年作出并公开的行政处罚决定，公示及时率{v('published_on_time')}，"
            f"公示超期{v('late_publications')}；处罚决定书送达超期{v('late_services')}。",
            f"加强执行和行刑衔接。{who}向人民法院申请强制执行{v('court_applications')}；移送司法机关"
            f"{v('transferred')}；接收其他机关移送并立案{v('transfers_in')}，办理上级交办案件{v('assigned')}。",
        ]

    def _inspections(self, vals: dict, who: str) -> str:
        def v(k):
            return self.v(k, vals)
        return (f"规范涉企行政检查，落实“四清单一计划”。{who}公布涉企行政检查事项{v('inspection_items')}，"
                f"经批准的年度检查计划{v('inspection_plans')}（列明检查事项{v('inspection_plan_lines')}），"
                f"制定不予、减轻、从轻处罚清单事项{v('exemption_entries')}；实施涉企行政检查{v('inspections')}，"
                f"其中双随机抽查占比{v('random_share')}。")

    def _disputes(self, vals: dict, who: str) -> str:
        return (f"依法处理行政复议和行政诉讼。{self.appeals('reconsideration', vals, who)}；"
                f"{self.appeals('lawsuit', vals, who)}；收到司法建议、检察建议{self.v('suggestion_counts', vals)}，"
                f"办复率{self.v('suggestions', vals)}。")

    def _desk(self, vals: dict, who: str) -> str:
        def v(k):
            return self.v(k, vals)
        return (f"推进数字化城市管理。{who}数字化城管平台受理城市管理问题{v('issues')}（来源：{v('issues_by_channel')}；"
                f"其中巡查自处理{v('issues_self_fixed')}），立案{v('issues_registered')}，结案率{v('issues_closed')}，"
                f"按期结案率{v('issues_in_time')}，回访满意率{v('issues_satisfied')}。")

    def _governance(self, vals: dict, who: str) -> list[str]:
        """重大行政决策、合法性审查和合同审查、法律顾问、权责清单 and 案卷评查, in prose."""
        def v(k):
            return self.v(k, vals)
        return [
            f"依法科学民主决策。{who}重大行政决策事项目录列入事项{v('major_catalogue_items')}；在办或办结的重大行政决策"
            f"{v('major_decisions')}，经集体讨论决定{v('major_deliberations')}。",
            f"加强合法性审查和法律顾问工作。{who}法制机构出具法律审查意见{v('legal_reviews')}，其中合同协议审查"
            f"{v('contract_reviews')}，平均用时{v('review_turnaround')}；在聘法律顾问、公职律师{v('advisers')}，"
            f"法律顾问出具意见{v('adviser_work')}。",
            f"规范行政权力运行。{who}施行的权责清单事项{v('power_items')}，年内调整{v('power_adjustments')}。",
            f"开展案卷评查。评定{who}行政执法案卷{v('file_reviews')}，平均得分{v('file_review_score')}，等级分布"
            f"{v('file_review_grades')}；发现问题{v('review_problems')}，已整改{v('review_problems_fixed')}。",
        ]

    def _permits(self, vals: dict, who: str) -> str:
        """行政许可 (LIC-01..08): accepted, decided, on time, average working days and fees."""
        def v(k):
            return self.v(k, vals)
        return (f"优化行政许可服务。{who}受理行政许可申请{v('permits')}，办结{v('permits_done')}；作出许可决定和不予受理决定"
                f"{v('permit_outcomes')}，"
                f"按期办结率{v('permits_on_time')}，平均办理时长{v('permits_avg_days')}；按公布的标准收取许可费用"
                f"{v('permit_fees')}，全部上缴国库。")

    def _orders(self, vals: dict, who: str) -> str:
        """督办 (SUP-05): the orders the bureau issued to those below it, and how many were answered on time."""
        return (f"加强执法监督。{who}对下级机关下达督办{self.v('supervision_orders', vals)}，按期答复率"
                f"{self.v('supervision_orders_on_time', vals)}。")

    def _coercion(self, vals: dict, who: str) -> str:
        """行政强制 (ENF-01..06): seizures closed by outcome, structures the bureau demolished itself."""
        return (f"规范实施行政强制。{who}办结查封扣押{self.v('seizures', vals)}；依法强制拆除违法建筑"
                f"{self.v('forced_demolitions', vals)}，拆除面积{self.v('forced_demolition_area', vals)}。")

    def _campaigns(self, vals: dict, who: str) -> str:
        """专项整治 (SUP-04): per campaign the problems found in the year and those rectified (整改销号)."""
        found, fixed = vals["campaign_problems"], vals["campaign_problems_fixed"]
        if not sum(found.values()):
            return f"开展专项整治。{who}专项整治发现问题{self.v('campaign_problems', vals)}。"
        each = "；".join(f"{name}发现问题{n}个、已整改销号{fixed.get(name, 0)}个" for name, n in found.items())
        return (f"开展专项整治。{who}组织专项整治{len(found)}项，发现并列入问题清单的问题{sum(found.values())}个，"
                f"已整改销号{sum(fixed.values())}个：{each}。")

    def _registers(self, vals: dict, who: str) -> str:
        """违法建设 (HUD-02) and 整改通知 (HUD-03): sites by outcome with the m² demolished, notices and their outcomes."""
        def v(k):
            return self.v(k, vals)
        return (f"整治违法建设和安全隐患。{who}办结违法建设{v('illegal_sites')}，当事人自行拆除面积{v('self_demolished_area')}，"
                f"强制拆除面积{v('forced_demolished_area')}；下达整改通知书{v('rectification_notices')}，复查办结"
                f"{v('rectification_outcomes')}。")

    @staticmethod
    def _has_registers(vals: dict) -> bool:
        return bool(sum(vals["illegal_sites"].values()) or vals["rectification_notices"]
                    or sum(vals["rectification_outcomes"].values()))

    def achievements(self) -> list[str]:
        if not self.split:
            v = self.values
            return _numbered([*self._handling(v, ""), self._inspections(v, ""), self._permits(v, ""),
                              self._disputes(v, ""),
                              f"加强执法队伍管理。执法岗位人员持证上岗率{self.v('certified')}。", self._desk(v, ""),
                              *self._governance(v, ""), self._orders(v, ""), self._coercion(v, ""),
                              self._campaigns(v, ""),
                              *([self._registers(v, "")] if self._has_registers(v) else [])])
        own, sub, who = self.own, self.sub, "本机关"
        out = []
        handled = bool(own["cases"] or sum(own["no_penalty"].values()) or own["reviewed_cases"])
        if handled:
            out += self._handling(own, who)
        else:
            out.append("")  # filled in below, once the paragraph on the subordinate bureaus has its number
        out += [*self._governance(own, who)[:3], self._inspections(own, who), self._permits(own, who),
                self._disputes(own, who),
                f"加强执法队伍管理。本机关执法岗位人员持证上岗率{self.v('certified', own)}。", self._orders(own, who),
                self._campaigns(own, who)]
        if own["issues"]:
            out.append(self._desk(own, who))
        if not handled:
            n = len(out)
            out[0] = (f"严格规范公正文明执法。本机关{self.period}未直接作出行政处罚决定，行政处罚决定由所属区县局作出"
                      f"（见本部分第（{NUMERALS[n] if n < 10 else '十' + NUMERALS[n - 10]}）项）。")
        names = "、".join(self.subordinates)
        by = "，".join(f"{name}{n}起" for name, n in F.by_bureau(self.scope.of("subordinate")))

        def v(k):
            return self.v(k, sub)
        out.append(
            f"指导、监督所属区县局依法行政。所属{len(self.subordinates)}个区县局（{names}）全年作出行政处罚决定{v('cases')}"
            + (f"（{by}）" if by else "") + f"，其中一般程序{v('general')}、简易程序{v('simple')}；罚没款{v('fines')}"
            f"（按决定金额计），已缴纳罚款{v('fines_paid')}；另作出不予行政处罚决定{v('no_penalty')}。所属区县局普通程序案件"
            f"按期办结率{v('in_time')}，重大执法决定法制审核覆盖率{v('review_coverage')}，执法全过程记录覆盖率"
            f"{v('recorded')}，公示及时率{v('published_on_time')}；实施涉企行政检查{v('inspections')}；"
            f"{self.appeals('reconsideration', sub, '所属区县局')}；{self.appeals('lawsuit', sub, '所属区县局')}；"
            f"所属区县局执法岗位人员持证上岗率{v('certified')}。"
            f"数字化城管平台在所属区县局受理城市管理问题{v('issues')}，结案率{v('issues_closed')}，"
            f"回访满意率{v('issues_satisfied')}。")
        for vals, name in ((own, who), (sub, "所属区县局")):
            if sum(vals["seizures"].values()) or vals["forced_demolitions"]:
                out.append(self._coercion(vals, name))
            if self._has_registers(vals):
                out.append(self._registers(vals, name))
        out.append(self._governance(sub, "所属区县局")[3])
        if sum(sub["campaign_problems"].values()):
            out.append(self._campaigns(sub, "所属区县局"))
        return _numbered(out)

    def appeals(self, kind: str, values: dict | None = None, who: str = "") -> str:
        """The 复议 (诉讼) sentence: the count, and the results and the rate only when some were decided."""
        vals = self.values if values is None else values
        name, count, results, rate, rate_name = (
            ("行政复议", "reconsiderations", "reconsideration_results", "reconsideration_corrected", "复议纠错率")
            if kind == "reconsideration" else ("行政诉讼", "lawsuits", "lawsuit_results", "lawsuit_lost", "败诉率"))
        text = f"{who}发生{name}案件{self.v(count, vals)}"
        if vals[rate].den:
            text += f"，审结{self.v(results, vals)}，{rate_name}{self.v(rate, vals)}"
        elif sum(vals[results].values()):
            text += f"，以调解、和解或撤回结案{self.v(results, vals)}"
        return text

    # -- part 二: each anomaly a problem with its count and what the records say of its cause ----------------

    def whose(self, bureau_ids, unit: str = "件") -> str:
        """Where the records behind a problem lie: 本机关 and each subordinate bureau, with their counts."""
        from collections import Counter

        from fazhi.org.models import Bureau

        counts = Counter(bureau_ids)
        if not counts:
            return ""
        bureaus = {b.pk: b for b in Bureau.objects.filter(pk__in=counts).select_related("parent")}
        own_ids = set(self.scope.own_ids)
        mine = sum(n for pk, n in counts.items() if pk in own_ids)
        theirs: Counter = Counter()
        for pk, n in counts.items():
            if pk not in own_ids:
                b = bureaus[pk]
                theirs[(b.enforcement_body.short_name)] += n
        if not self.split and len(theirs) == 0:
            return ""
        parts = []
        if mine:
            parts.append(f"本机关{mine}{unit}")
        if theirs:
            listing = "、".join(f"{name}{n}{unit}" for name, n in theirs.most_common())
            parts.append(f"所属区县局{sum(theirs.values())}{unit}（{listing}）" if self.split else listing)
        return "分布为：" + "，".join(parts) + "。"

    def _days(self, days: list[int], unit: str) -> str:
        if not days:
            return ""
        avg = sum(days) / len(days)
        lo, hi = min(days), max(days)
        span = f"{lo}个{unit}" if lo == hi else f"{lo}至{hi}个{unit}"
        return f"超期{span}，平均{avg:.1f}个{unit}。"

    def causes(self) -> dict[str, str]:
        """What the records say of each problem's cause: the stage it arises in, by how much, and whose it is."""
        from collections import Counter

        s = self.scope
        out: dict[str, str] = {}
        late = list(F._late_publications(s).values_list("bureau_id", "late_days", "case__served_on", "decided_on"))
        if late:
            served_late = sum(1 for _, _, served, decided in late if served and (served - decided).days > 7)
            out["公示"] = ("原因分析：超期发生在决定作出后至公开的环节，"
                          + self._days([d for _, d, _, _ in late if d], "工作日")
                          + (f"其中{served_late}件决定书送达也在决定七日之后，公开随送达延后。" if served_late else "")
                          + self.whose([b for b, *_ in late]))
        served = list(F._late_services(s).values_list("bureau_id", "service_late_days"))
        if served:
            out["送达"] = ("原因分析：超期发生在决定作出后的送达环节，" + self._days([d for _, d in served], "工作日")
                          + self.whose([b for b, _ in served]))
        over = [c for c in s.decided().filter(procedure="general", on_spot=False).exclude(filed_on=None)
                .only("bureau_id", "filed_on", "decided_on", "extension_days")
                if (c.decided_on - c.filed_on).days > 90 + c.extension_days]
        if over:
            out["期限"] = ("原因分析：超期发生在立案至作出决定的办案环节，"
                          + self._days([(c.decided_on - c.filed_on).days - 90 - c.extension_days for c in over], "日")
                          + self.whose([c.bureau_id for c in over]))
        records = F.anomaly_records(s, self.today)
        stage = {"立而不查": "立案后的调查取证环节", "查而不罚": "调查终结后的审核决定环节",
                 "罚而不执": "决定送达后的履行和执行环节"}
        for key, label in (("立案30日未调查取证", "立而不查"), ("调查终结30日未决定", "查而不罚"),
                           ("决定后逾期未执行", "罚而不执")):
            ids = list(records[key].values_list("bureau_id", flat=True))
            if ids:
                out[label] = f"原因分析：问题出在{stage[label]}。" + self.whose(ids)
        overdue = list(records["期限已逾期"].values_list("bureau_id", "next_due_rule"))
        if overdue:
            from collections import Counter

            from fazhi.law.rules import RULES

            rules = Counter(r for _, r in overdue)
            listing = "、".join(f"{RULES[r].title if r in RULES else '其他期限'}{n}件" for r, n in rules.most_common())
            out["逾期"] = f"原因分析：逾期的环节为{listing}。" + self.whose([b for b, _ in overdue])
        for key, label, kind in (("reconsideration_corrected", "纠错", "reconsideration"),
                                 ("lawsuit_lost", "败诉", "lawsuit")):
            if self.values[key].num:
                from collections import Counter

                from fazhi.law.remedies import CORRECTING
                from fazhi.reports.areas.disputes import concluded

                rows = list(concluded(kind)(s).filter(final_result__in=CORRECTING)
                            .values_list("bureau_id", "act_kind", "final_result"))
                from fazhi.law.disputes import ACT_LABELS

                pairs = Counter((ACT_LABELS.get(a, a), r) for _, a, r in rows)
                acts = "、".join(f"{act}被{result}{n}件" for (act, result), n in sorted(pairs.items()))
                out[label] = f"原因分析：被纠正的为{acts}，须逐案核查事实认定、法律适用和程序。" + self.whose(
                    [b for b, _, _ in rows])
        if self.values["certified"].den - self.values["certified"].num:
            from django.db.models import Q

            from fazhi.org.models import Certificate, Role, Staff

            on = min(s.end, self.today)
            posts = Staff.objects.filter(s.within("bureau"), is_active=True,
                                         role_grants__role__in=[Role.OFFICER, Role.SQUAD_LEADER]).distinct()
            valid = Certificate.objects.filter(valid_from__lte=on, valid_until__gte=on).filter(
                Q(revoked_on=None) | Q(revoked_on__gt=on)).values("staff_id")
            without = list(posts.exclude(pk__in=valid).values_list("pk", "bureau_id"))
            lapsed = Certificate.objects.filter(staff_id__in=[p for p, _ in without]).values("staff_id").distinct().count()
            reasons = [f"{lapsed}人的执法证已过期或被注销" if lapsed else "",
                       f"{len(without) - lapsed}人未取得执法证" if len(without) > lapsed else ""]
            out["持证"] = (f"原因分析：{'，'.join(r for r in reasons if r)}，仍在执法岗位。"
                          + self.whose([b for _, b in without], "名"))
        unanswered = list(self._unanswered())
        if unanswered:
            kinds = Counter("司法建议" if k == "judicial" else "检察建议" for _, k in unanswered)
            listing = "、".join(f"{k}{n}件" for k, n in sorted(kinds.items()))
            out["建议"] = (f"原因分析：未在回复期限内书面答复的为{listing}，问题出在收到建议后的答复环节。"
                          + self.whose([b for b, _ in unanswered]))
        open_items = list(self._open_rectifications())
        if open_items:
            out["评查"] = "原因分析：整改事项由案卷所属机关承办，尚未提交整改佐证。" + self.whose(open_items, "个")
        if self.values["issues_in_time"].den - self.values["issues_in_time"].num:
            from collections import Counter

            from django.db.models import F as DF

            from fazhi.citydesk.figures import issues_in

            rows = issues_in(s.start, s.end, s.bureau).filter(status="closed", registered_at__isnull=False,
                                                              exempt=False, handled_at__gt=DF("due_at"))
            units = Counter(rows.values_list("unit__name", flat=True))
            if units:
                listing = "、".join(f"{u or '未派遣单位'}{n}件" for u, n in units.most_common(5))
                out["问题"] = f"原因分析：超时发生在派遣后的处置环节，超时较多的处置单位为{listing}。"
        return out

    def _unanswered(self):
        from fazhi.reports.areas.disputes import _suggestions

        return _suggestions(self.scope).exclude(on_time=True).values_list("bureau_id", "kind")

    def _open_rectifications(self):
        from fazhi.reports.areas.supervision import _rectifications

        return _rectifications(self.scope).exclude(status="done").values_list("owner_id", flat=True)

    def problems(self) -> list[tuple[str, str]]:
        """(what, the drafted problem) for each shortfall the records show; what keys the plan in part 四."""
        out: list[tuple[str, str]] = []
        r = self.rate
        late = r("published_on_time").den - r("published_on_time").num
        if late:
            out.append(("公示", f"行政处罚决定公示不及时。{late}件处罚决定未在作出之日起七个工作日内公开，公示及时率"
                                f"{self.v('published_on_time')}。"))
        late_served = self.values["late_services"]
        if late_served:
            out.append(("送达", f"行政处罚决定书送达超期。{late_served}件处罚决定书超过决定之日起七个工作日才送达"
                                "（送达有效，记为超期）。"))
        over = r("in_time").den - r("in_time").num
        if over:
            out.append(("期限", f"普通程序案件超过办案期限。{over}起案件未在立案之日起九十日（含经批准延长的期限）内作出"
                                f"决定，按期办结率{self.v('in_time')}。"))
        unreviewed = r("review_coverage").den - r("review_coverage").num
        if unreviewed:
            out.append(("审核", f"重大执法决定法制审核未全覆盖。{unreviewed}件应当法制审核的决定未经审核通过即作出，"
                                f"覆盖率{self.v('review_coverage')}。"))
        on = f"截至{self.today.year}年{self.today.month}月{self.today.day}日"
        for key, label, what in (("立案30日未调查取证", "立而不查", "立案后三十日仍未调查取证"),
                                 ("调查终结30日未决定", "查而不罚", "调查终结后三十日仍未作出决定"),
                                 ("决定后逾期未执行", "罚而不执", "处罚决定履行期限届满仍未执行到位"),
                                 ("期限已逾期", "逾期", "办案环节已超过法定或设定期限")):
            n = self.anomalies.get(key, 0)
            if n:
                out.append((label, f"存在“{label}”情形。{on}，{what}的案件{n}起。" if label != "逾期" else
                            f"办案环节逾期。{on}，{what}的案件{n}起。"))
        if r("reconsideration_corrected").num:
            out.append(("纠错", f"行政复议被纠错。审结的行政复议中{r('reconsideration_corrected').num}件被变更、撤销、"
                                f"确认违法、确认无效或责令履行，复议纠错率{self.v('reconsideration_corrected')}。"))
        if r("lawsuit_lost").num:
            out.append(("败诉", f"行政诉讼败诉。审结的行政诉讼中{r('lawsuit_lost').num}件败诉，"
                                f"败诉率{self.v('lawsuit_lost')}。"))
        unanswered = r("suggestions").den - r("suggestions").num
        if unanswered:
            out.append(("建议", f"司法建议、检察建议未全部按期回复。{unanswered}件未在回复期限内书面答复，办复率"
                                f"{self.v('suggestions')}。"))
        uncert = r("certified").den - r("certified").num
        if uncert:
            out.append(("持证", f"执法人员持证上岗未全覆盖。{uncert}名在执法岗位的人员没有有效的行政执法证，持证上岗率"
                                f"{self.v('certified')}。"))
        open_items = self.values["review_problems"] - self.values["review_problems_fixed"]
        if open_items > 0:
            out.append(("评查", f"案卷评查发现的问题尚未全部整改。评查发现问题{self.v('review_problems')}，已整改"
                                f"{self.v('review_problems_fixed')}，尚有{open_items}个未整改。"))
        late_issues = r("issues_in_time").den - r("issues_in_time").num
        if late_issues:
            out.append(("问题", f"城市管理问题处置超时。已结案的问题中{late_issues}件超过处置时限，按期结案率"
                                f"{self.v('issues_in_time')}。"))
        return out

    def shortfalls(self) -> list[str]:
        found = self.problems()
        if not found:
            return ["系统记录未显示公示超期、送达超期、办案超期、立而不查、查而不罚、罚而不执、复议纠错、诉讼败诉、"
                    "持证不全或评查问题未整改等情形。"]
        causes = self.causes()
        return _numbered([text + causes.get(what, "") for what, text in found[:20]])

    # -- parts 三 to 五 ----------------------------------------------------------------------------------

    def duties(self) -> list[str]:
        own, who = self.mine, ("本机关" if self.split else "")
        text = [f"{who or '机关'}负责人履行重大执法决定集体讨论职责，全年对情节复杂或者重大违法行为的案件集体讨论"
                f"{self.v('deliberations', own)}，集体讨论决定重大行政决策{self.v('major_deliberations', own)}。"
                f"{who}负责人出庭应诉率{self.v('court_appearance', own)}，主要负责人出庭率{self.v('principal_appearance', own)}。"]
        text.append(f"加强执法队伍建设。全年组织执法人员培训{self.v('training', own)}、{self.v('training_person_times', own)}，"
                    f"人均培训{self.v('training_average_hours', own)}；执法资格考试合格率{self.v('qualification_pass', own)}，"
                    f"学法考试合格率{self.v('study_pass', own)}，{self.v('bar_exam', own)}通过国家统一法律职业资格考试。"
                    f"持证上岗率{self.v('on_duty', own)}（实施执法行为的人员每次实施时均持有效行政执法证），"
                    f"期末执法岗位人员持证率{self.v('certified', own)}。")
        text.append(f"{F.BY_KEY['leaders_study'].name}的情况本系统未记录，由本机关填写。")
        return text

    PLANS = {
        "公示": "将行政处罚决定公开纳入办案期限管理，确保在作出决定之日起七个工作日内公开。",
        "送达": "决定作出后即安排送达，送达期限纳入办案期限提醒。",
        "期限": "对逾期和临期案件逐件督办，严格执行办案期限和延期审批制度。",
        "逾期": "对逾期和临期案件逐件督办，严格执行办案期限和延期审批制度。",
        "审核": "严格落实重大执法决定法制审核制度，未经法制审核或者审核未通过的，不得作出决定。",
        "立而不查": "对立案后未及时调查取证的案件逐件清理，明确承办人和完成时限。",
        "查而不罚": "对调查终结后久拖未决的案件逐件研究处理意见，及时作出决定。",
        "罚而不执": "对逾期未履行的处罚决定依法催告，符合条件的及时申请人民法院强制执行。",
        "纠错": "对被复议纠错的案件逐件剖析原因，落实整改。",
        "败诉": "对败诉案件逐件剖析原因，落实整改和责任追究。",
        "建议": "司法建议、检察建议明确承办人和回复期限，按期书面回复。",
        "持证": "对无有效行政执法证的人员调整岗位或组织参加执法资格考试，确保持证上岗。",
        "评查": "对案卷评查发现的问题逐项整改销号。",
        "问题": "加强城市管理问题处置的时限督办，提高按期结案率。",
    }

    def plans(self) -> list[str]:
        items, seen = [], set()
        for what, _ in self.problems():
            if what in self.PLANS and self.PLANS[what] not in seen:
                seen.add(self.PLANS[what])
                items.append(self.PLANS[what])
        items.append("继续落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。")
        return _numbered(items[:20])

    def unrecorded_names(self) -> list[str]:
        return [f.name for f, _ in missing(F.FIGURES, self.values)]

    def other(self) -> list[str]:
        year = self.scope.start.year
        out = [f"本报告附件《{year}年主要执法数据统计表》列明各项数据、统计口径和图表"
               + ("，数据按本机关和所属区县局分列" if self.split else "") + "。"]
        names = self.unrecorded_names()
        if names:
            out.append(f"以下数据本系统未记录，由本机关另行统计补充：{'、'.join(names)}。")
        return out

    def drafts(self) -> dict[int, list[str]]:
        return {1: self.achievements(), 2: self.shortfalls(), 3: self.duties(), 4: self.plans(), 5: self.other()}

    def parts(self) -> list[tuple[int, str, list[str], bool]]:
        """(part, heading, paragraphs, drafted?) — the bureau's saved text where there is one, else the draft."""
        drafts = self.drafts()
        out = []
        for part, heading in PARTS:
            text = self.saved.get(part, "").strip()
            paras = [p.strip() for p in text.splitlines() if p.strip()] if text else drafts[part]
            out.append((part, heading, paras, not text))
        return out

    # -- 附件 ---------------------------------------------------------------------------------------------

    def header(self) -> list[str]:
        return ["指标", "本机关", "所属区县局", "统计口径"] if self.split else ["指标", "数值", "统计口径"]

    def widths(self) -> list[int]:
        return [18, 19, 19, 44] if self.split else [22, 30, 48]

    def table(self) -> list[list[str]]:
        if not self.split:
            return [[f.name, shown, f.definition] for f, shown in rows(F.FIGURES, self.values, self.period)]
        own = dict((f.key, shown) for f, shown in rows(F.FIGURES, self.own, self.period))
        return [[f.name, own[f.key], shown, f.definition] for f, shown in rows(F.FIGURES, self.sub, self.period)]

    def not_recorded(self) -> list[list[str]]:
        return [[f.name, f"本系统未记录：{what}"] for f, what in missing(F.FIGURES, self.values)]


def subordinate_bodies(bureau) -> list:
    """The 执法主体 directly or further below a bureau (its district and county bureaus), squads left out."""
    from fazhi.org.models import Bureau, BureauKind

    return list(Bureau.objects.filter(path__startswith=bureau.path, is_active=True).exclude(pk=bureau.pk)
                .exclude(kind=BureauKind.SQUAD).order_by("path"))


def report(bureau, start: date, end: date, today: date | None = None) -> Report:
    from django.utils import timezone

    scope = F.Scope(bureau, start, end)
    today = today or timezone.localdate()
    saved = dict(ReportSection.objects.filter(bureau=bureau, year=start.year).values_list("part", "text")) \
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) else {}
    subs = subordinate_bodies(bureau)
    own = sub = None
    if subs:
        own, sub = F.compute_all(scope.of("own")), F.compute_all(scope.of("subordinate"))
    return Report(bureau, scope, today, F.compute_all(scope), F.anomalies(scope, today), saved, own, sub,
                  [b.short_name for b in subs])


def build(bureau, year: int, progress=lambda step, total, what: None, today: date | None = None) -> tuple[Doc, dict]:
    total = 4
    progress(1, total, "统计数据")
    r = report(bureau, date(year, 1, 1), date(year, 12, 31), today)
    progress(2, total, "文字部分")
    blocks: list = [Para(f"现将本机关{year}年法治政府建设情况报告如下。")]
    for _, heading, paras, _ in r.parts():
        blocks.append(Heading(heading))
        blocks += [Para(p) for p in paras]
    blocks.append(Sign([bureau.name, f"{year + 1}年  月  日"]))
    progress(3, total, "附件与图表")
    pictures = [Picture(_chart(kind, labels, values, ""), f"图{i}  {title}")
                for i, (kind, title, labels, values) in enumerate(charts(r.scope, r.today), 1)]
    blocks += annex(r, f"{year}年主要执法数据统计表")
    if pictures:
        blocks += [Heading("主要数据图示", level=2), *pictures]
    progress(4, total, "完成")
    return Doc("annual", f"{year}年法治政府建设年度报告", bureau.name, "", blocks, pages=PAGES_GBT), r.values


def annex(r: Report, title: str) -> list:
    blocks = [PageBreak(), Para("附件", indent=False), Heading(title),
              Table(r.header(), r.table(), widths=r.widths())]
    gaps = r.not_recorded()
    if gaps:
        blocks += [Heading("本系统未记录的数据（由本机关另行统计填报）", level=2),
                   Table(["指标", "说明"], gaps, widths=[30, 70])]
    return blocks


QUARTERLY = ("permits", "permits_done", "permit_outcomes", "permits_on_time", "permits_avg_days", "permit_fees",
             "inspections", "random_share", "cases", "general", "simple", "fines", "no_penalty",
             "hearings", "review_coverage", "published_on_time", "late_publications", "late_services",
             "court_applications", "transferred")


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("季度应为1至4")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def build_quarterly(bureau, year: int, quarter: int, today: date | None = None) -> tuple[Doc, dict]:
    """执法信息报送 for one quarter: 行政许可, 行政检查 and 行政处罚 from the same figure definitions and the same
    presentation; the shortfalls the quarter's records show; what the system does not record, named."""
    start, end = quarter_range(year, quarter)
    r = report(bureau, start, end, today)
    figures = [F.BY_KEY[k] for k in QUARTERLY]
    if r.split:
        table = [[f.name, show(f, r.own[f.key], r.period), show(f, r.sub[f.key], r.period), f.definition]
                 for f in figures]
    else:
        table = [[f.name, show(f, r.values[f.key], r.period), f.definition] for f in figures]
    found = r.problems()
    blocks = [
        Para(f"报送期间：{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日。"),
        Heading("一、执法数据"),
        Table(r.header(), table, widths=r.widths()),
        Heading("二、需要说明的问题"),
        *([Para(f"{i}. {text}") for i, (_, text) in enumerate(found, 1)] or
          [Para("本季度系统记录未显示公示超期、办案超期、立而不查、查而不罚、罚而不执等问题。")]),
        Sign([bureau.name, "报送日期：    年  月  日"]),
    ]
    return Doc("quarterly", f"{year}年第{quarter}季度执法信息报送表", bureau.name, "", blocks, pages=PAGES_GBT), r.values


def month_chart(bureau, year: int, today: date | None = None) -> bytes:
    """The report page's month trend as a PNG (the same chart the report prints)."""
    months = F.by_month(F.Scope(bureau, date(year, 1, 1), date(year, 12, 31)))
    if today and year == today.year:
        months = months[:today.month]
    return _chart("line", [f"{m}月" for m, _ in months], [n for _, n in months], f"{year}年各月作出处罚决定数")
