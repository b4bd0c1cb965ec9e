"""The 法治政府建设年度报告 built from the records (RPT-02, five parts): every figure in the reports' own kind of
sentence, charts (month trend, by violation, by bureau) with the CJK font, and the narrative parts the bureau
wrote for the year. A figure the system does not record is named as missing, never invented. Rendered to PDF and
DOCX through the same blocks as the 文书 (cases/documents.py)."""
from __future__ import annotations

import io
from datetime import date, timedelta

from fazhi.cases.documents import Doc, Fields, Para, Picture, Sign
from fazhi.reports import figures as F
from fazhi.reports.models import PARTS, ReportSection

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
    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=150)
    if kind == "line":
        ax.plot(labels, values, marker="o", color="#1f4e8c")
    else:
        ax.barh(labels[::-1], values[::-1], color="#1f4e8c")
    ax.set_title(title, fontsize=11)
    ax.tick_params(labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _pct(v) -> str:
    return F.MISSING if v is None or v == F.MISSING else f"{v * 100:.1f}%"


def _n(v, unit="") -> str:
    return F.MISSING if v == F.MISSING else f"{v}{unit}"


def build(bureau, year: int, progress=lambda step, total, what: None) -> tuple[Doc, dict]:
    scope = F.Scope(bureau, date(year, 1, 1), date(year, 12, 31))
    total = len(F.FIGURES) + 4
    values = {}
    for i, f in enumerate(F.FIGURES, 1):
        values[f.key] = f.compute(scope)
        progress(i, total, f.name)
    v = values
    np = v["no_penalty"]
    sentences = [
        f"全年共办理行政处罚案件{v['cases']}起，其中一般程序{v['general']}起、简易程序{v['simple']}起，"
        f"罚没款{v['fines']}万元。",
        f"一般程序案件按期办结率{_pct(v['in_time'])}；出具法制审核意见{v['review_opinions']}份，重大执法决定法制审核覆盖率"
        f"{_pct(v['review_coverage'])}；召开案件集体讨论{v['deliberations']}次。",
        "依法作出不予行政处罚决定" + (f"{sum(np.values())}起（" + "，".join(f"{k}{n}起" for k, n in np.items()) + "）"
                                    if np else "0起") + "。",
        f"行政处罚决定公示及时率{_pct(v['published_on_time'])}。",
        f"发生行政复议案件{v['reconsiderations']}件、行政诉讼案件{v['lawsuits']}件；复议纠错率"
        f"{_pct(v['appeal_outcomes']['复议纠错率'])}，败诉率{_pct(v['appeal_outcomes']['败诉率'])}"
        "（按审结的复议、诉讼计算）。",
        f"向人民法院申请强制执行{v['court_applications']}件。",
        f"开展涉企行政检查{_n(v['inspections'], '次')}，其中双随机抽查占{_pct(v['random_share'])}。",
        f"数字化城管平台受理城市管理问题{v['issues']}件，立案{v['issues_registered']}件，结案率{_pct(v['issues_closed'])}，"
        f"按期结案率{_pct(v['issues_in_time'])}。",
        f"案卷评查：{F.MISSING}（系统尚未登记案卷评查）。",
    ]
    months = F.by_month(scope)
    charts = [Picture(_chart("line", [f"{m}月" for m, _ in months], [n for _, n in months], f"{year}年各月作出处罚决定数"),
                    "图1  各月行政处罚决定数")]
    progress(total - 3, total, "图表")
    causes = F.by_cause(scope)
    if causes:
        charts.append(Picture(_chart("bar", [c[:14] for c, _ in causes], [n for _, n in causes], "主要违法行为"),
                            "图2  按违法行为"))
    units = F.by_bureau(scope)
    if units:
        charts.append(Picture(_chart("bar", [u for u, _ in units], [n for _, n in units], "按执法机构"), "图3  按执法机构"))
    progress(total - 1, total, "文字部分")
    texts = dict(ReportSection.objects.filter(bureau=bureau, year=year).values_list("part", "text"))
    blocks: list = []
    for part, heading in PARTS:
        blocks.append(Para(heading, heading=True))
        if part == 1:
            blocks += [Para(s) for s in sentences] + charts
        text = texts.get(part, "").strip()
        blocks += [Para(p) for p in text.splitlines() if p.strip()] if text else \
            ([] if part == 1 else [Para(f"（本部分尚未填写：请在“年度报告”页面撰写{heading[2:]}。）")])
    blocks.append(Fields([(f.name, _display(values[f.key], f.unit)) for f in F.FIGURES]))
    blocks.append(Sign([bureau.name, f"{year + 1}年  月  日"]))
    progress(total, total, "完成")
    return Doc("annual", f"{year}年法治政府建设年度报告", bureau.name, "", blocks), values


def _display(value, unit: str) -> str:
    if value is None:
        return "无数据"
    if isinstance(value, dict):
        return "；".join(f"{k}{n}起" for k, n in value.items()) or "0"
    if isinstance(value, float):
        return f"{value * 100:.1f}%"
    return f"{value}{unit}" if value != F.MISSING else F.MISSING


def build_quarterly(bureau, year: int, quarter: int) -> tuple[Doc, dict]:
    """执法信息报送 for one quarter: permits, inspections and penalties, from the same figure definitions.
    行政许可 is not recorded in this system yet, so it is named as missing."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("季度应为1至4")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    scope = F.Scope(bureau, start, end)
    v = {key: F.BY_KEY[key].compute(scope) for key in ("cases", "general", "simple", "fines", "court_applications")}
    from fazhi.inspections.models import Inspection

    inspections = Inspection.objects.filter(bureau__path__startswith=bureau.path,
                                            inspected_on__range=(start, end)).count()
    blocks = [
        Para(f"{year}年第{quarter}季度（{start:%Y年%m月%d日}至{end:%Y年%m月%d日}）执法信息如下："),
        Fields([("行政许可办理数", F.MISSING + "（本系统尚未承接行政许可）"), ("涉企行政检查次数", f"{inspections}次"),
                ("行政处罚案件数", f"{v['cases']}起（一般程序{v['general']}起、简易程序{v['simple']}起）"),
                ("罚没款金额", f"{v['fines']}万元"), ("申请法院强制执行", f"{v['court_applications']}件")]),
        Sign([bureau.name, "报送日期：    年  月  日"]),
    ]
    return Doc("quarterly", f"{year}年第{quarter}季度执法信息报送表", bureau.name, "", blocks), {**v, "inspections": inspections}


def month_chart(bureau, year: int) -> bytes:
    """The dashboard's month trend as a PNG (the same chart the report prints)."""
    months = F.by_month(F.Scope(bureau, date(year, 1, 1), date(year, 12, 31)))
    return _chart("line", [f"{m}月" for m, _ in months], [n for _, n in months], f"{year}年各月作出处罚决定数")
