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
        out.append(("bar", "主要违法行为（处罚决定数）", [c[:16] for c, _ in causes], [n for _, n in causes]))
    units = F.by_bureau(scope)
    if len(units) >= 2:
        out.append(("bar", "各执法机构作出处罚决定数", [u for u, _ in units], [n for _, n in units]))
    return out


@dataclass
class Report:
    """One bureau's report for a period: the figures, the anomalies, the drafted parts and the saved texts."""
    bureau: object
    scope: F.Scope
    today: date
    values: dict
    anomalies: dict[str, int]
    saved: dict[int, str] = field(default_factory=dict)

    @property
    def period(self) -> str:
        return period_word(self.scope)

    def v(self, key: str) -> str:
        return show(F.BY_KEY[key], self.values[key], self.period)

    def rate(self, key: str) -> F.Rate:
        return self.values[key]

    # -- part 一: each figure in a sentence --------------------------------------------------------------

    def achievements(self) -> list[str]:
        v, year = self.v, self.scope.start.year
        return [
            f"（一）严格规范公正文明执法。全年作出行政处罚决定{v('cases')}，其中一般程序{v('general')}、"
            f"简易程序{v('simple')}；罚没款{v('fines')}（按决定金额计）。依法作出不予行政处罚决定{v('no_penalty')}。"
            f"普通程序案件按期办结率{v('in_time')}。",
            f"（二）落实重大执法决定法制审核制度。经法制审核的案件{v('reviewed_cases')}，出具法制审核意见"
            f"{v('review_opinions')}；重大执法决定法制审核覆盖率{v('review_coverage')}；机关负责人集体讨论决定案件"
            f"{v('deliberations')}。",
            f"（三）保障当事人陈述、申辩和听证权利。当事人申请听证{v('hearing_requests')}，依法举行听证{v('hearings')}。",
            f"（四）落实行政执法公示制度。{year}年作出并公开的行政处罚决定，公示及时率{v('published_on_time')}，"
            f"公示超期{v('late_publications')}；处罚决定书送达超期{v('late_services')}。",
            f"（五）规范涉企行政检查。实施涉企行政检查{v('inspections')}，其中双随机抽查占比{v('random_share')}。",
            f"（六）依法处理行政复议和行政诉讼。{self.appeals('reconsideration')}；{self.appeals('lawsuit')}。",
            f"（七）加强执行和行刑衔接。向人民法院申请强制执行{v('court_applications')}；移送司法机关"
            f"{v('transferred')}；接收其他机关移送并立案{v('transfers_in')}，办理上级交办案件{v('assigned')}。",
            f"（八）加强执法队伍管理。执法岗位人员持证上岗率{v('certified')}。",
            f"（九）推进数字化城市管理。数字化城管平台受理城市管理问题{v('issues')}（其中巡查自处理{v('issues_self_fixed')}），"
            f"立案{v('issues_registered')}，"
            f"结案率{v('issues_closed')}，按期结案率{v('issues_in_time')}。",
        ]

    def appeals(self, kind: str) -> str:
        """The 复议 (诉讼) sentence: the count, and the results and the rate only when some were decided."""
        name, count, results, rate, rate_name = (
            ("行政复议", "reconsiderations", "reconsideration_results", "reconsideration_corrected", "复议纠错率")
            if kind == "reconsideration" else ("行政诉讼", "lawsuits", "lawsuit_results", "lawsuit_lost", "败诉率"))
        text = f"发生{name}案件{self.v(count)}"
        if self.rate(rate).den:
            text += f"，审结{self.v(results)}，{rate_name}{self.v(rate)}"
        elif sum(self.values[results].values()):
            text += f"，以调解、和解或撤回结案{self.v(results)}"
        return text

    # -- part 二: each anomaly a problem with its count ----------------------------------------------------

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
                                 ("期限已逾期", "期限", "办案环节已超过法定或设定期限")):
            n = self.anomalies.get(key, 0)
            if n:
                out.append((label, f"存在“{label}”情形。{on}，{what}的案件{n}起。" if label != "期限" else
                            f"办案环节逾期。{on}，{what}的案件{n}起。"))
        if r("reconsideration_corrected").num:
            out.append(("纠错", f"行政复议被纠错。审结的行政复议中{r('reconsideration_corrected').num}件被变更、撤销、"
                                f"确认违法、确认无效或责令履行，复议纠错率{self.v('reconsideration_corrected')}。"))
        if r("lawsuit_lost").num:
            out.append(("败诉", f"行政诉讼败诉。审结的行政诉讼中{r('lawsuit_lost').num}件败诉，"
                                f"败诉率{self.v('lawsuit_lost')}。"))
        uncert = r("certified").den - r("certified").num
        if uncert:
            out.append(("持证", f"执法人员持证上岗未全覆盖。{uncert}名在执法岗位的人员没有有效的行政执法证，持证上岗率"
                                f"{self.v('certified')}。"))
        late_issues = r("issues_in_time").den - r("issues_in_time").num
        if late_issues:
            out.append(("问题", f"城市管理问题处置超时。已结案的问题中{late_issues}件超过处置时限，按期结案率"
                                f"{self.v('issues_in_time')}。"))
        return out

    def shortfalls(self) -> list[str]:
        found = self.problems()
        if not found:
            return ["系统记录未显示公示超期、办案超期、立而不查、查而不罚、罚而不执、复议纠错或诉讼败诉等问题。",
                    "（不足和原因由本机关结合案卷评查和执法监督情况填写。）"]
        numerals = "一二三四五六七八九十"
        out = [f"（{numerals[i]}）{text}" for i, (_, text) in enumerate(found[:10])]
        out.append("（以上问题的原因，由本机关结合案卷逐项分析后填写。）")
        return out

    # -- parts 三 to 五 ----------------------------------------------------------------------------------

    def duties(self) -> list[str]:
        return [f"机关负责人履行重大执法决定集体讨论职责，全年对情节复杂或者重大违法行为的案件集体讨论{self.v('deliberations')}。",
                "（负责人出庭应诉、主要负责人研究部署法治建设、带头学法述法等履职情况，本系统未记录，由本机关填写。）"]

    PLANS = {
        "公示": "将行政处罚决定公开纳入办案期限管理，确保在作出决定之日起七个工作日内公开。",
        "送达": "决定作出后即安排送达，送达期限纳入办案期限提醒。",
        "期限": "对逾期和临期案件逐件督办，严格执行办案期限和延期审批制度。",
        "审核": "严格落实重大执法决定法制审核制度，未经法制审核或者审核未通过的，不得作出决定。",
        "立而不查": "对立案后未及时调查取证的案件逐件清理，明确承办人和完成时限。",
        "查而不罚": "对调查终结后久拖未决的案件逐件研究处理意见，及时作出决定。",
        "罚而不执": "对逾期未履行的处罚决定依法催告，符合条件的及时申请人民法院强制执行。",
        "纠错": "对被复议纠错的案件逐件剖析原因，落实整改。",
        "败诉": "对败诉案件逐件剖析原因，落实整改和责任追究。",
        "持证": "对无有效行政执法证的人员调整岗位或组织参加执法资格考试，确保持证上岗。",
        "问题": "加强城市管理问题处置的时限督办，提高按期结案率。",
    }

    def plans(self) -> list[str]:
        numerals = "一二三四五六七八九十"
        items, seen = [], set()
        for what, _ in self.problems():
            if what in self.PLANS and self.PLANS[what] not in seen:
                seen.add(self.PLANS[what])
                items.append(self.PLANS[what])
        items.append("继续落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。")
        return [f"（{numerals[i]}）{t}" for i, t in enumerate(items[:10])]

    def other(self) -> list[str]:
        year = self.scope.start.year
        return [f"本报告附件《{year}年主要执法数据统计表》列明各项数据、统计口径和图表；本系统尚未记录的数据在附件中一并列出，"
                "由本机关另行统计补充。"]

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

    def table(self) -> list[list[str]]:
        return [[f.name, shown, f.definition] for f, shown in rows(F.FIGURES, self.values, self.period)]

    def not_recorded(self) -> list[list[str]]:
        return [[f.name, f"本系统未记录：{what}"] for f, what in missing(F.FIGURES, self.values)]


def report(bureau, start: date, end: date, today: date | None = None) -> Report:
    from django.utils import timezone

    scope = F.Scope(bureau, start, end)
    today = today or timezone.localdate()
    saved = dict(ReportSection.objects.filter(bureau=bureau, year=start.year).values_list("part", "text")) \
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) else {}
    return Report(bureau, scope, today, F.compute_all(scope), F.anomalies(scope, today), saved)


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
              Table(["指标", "数值", "统计口径"], r.table(), widths=[22, 30, 48])]
    gaps = r.not_recorded()
    if gaps:
        blocks += [Heading("本系统未记录的数据（由本机关另行统计填报）", level=2),
                   Table(["指标", "说明"], gaps, widths=[30, 70])]
    return blocks


QUARTERLY = ("permits", "inspections", "random_share", "cases", "general", "simple", "fines", "no_penalty",
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
    table = [[f.name, show(f, r.values[f.key], r.period), f.definition] for f in figures]
    found = r.problems()
    blocks = [
        Para(f"报送期间：{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日。"),
        Heading("一、执法数据"),
        Table(["指标", "数值", "统计口径"], table, widths=[22, 30, 48]),
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
