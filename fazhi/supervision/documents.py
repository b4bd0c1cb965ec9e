"""The 通报 of a finished 案卷评查 task (SUP-04), built as blocks and rendered by the shared layout
(fazhi/core/layout.py) to PDF and DOCX: how the sample was drawn, the results per bureau and per file, the main
problems found and the 整改 asked for, with its due dates."""
from __future__ import annotations

from datetime import date

from fazhi.core.layout import Doc, Heading, Para, Sign, Table
from fazhi.supervision import queries as Q
from fazhi.supervision.models import Rectification, ReviewTask, ScoreSheet


def day(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def notice(t: ReviewTask) -> Doc:
    sheets = list(t.sheets.select_related("case__bureau", "reviewer").order_by("case__bureau__code", "id"))
    per_bureau = Q.results(t, sheets)
    bands = [b["grade"] for b in t.standard.bands]
    done = [s for s in sheets if s.status == ScoreSheet.DONE]
    average = Q.num(sum((s.score for s in done), 0) / len(done)) if done else ""
    scope = "、".join(b.short_name for b in t.scope.order_by("code"))
    blocks = [
        Para(f"根据{t.bureau.name}《{t.title}》工作安排，{day(t.created_on)}起对{scope}"
             f"{day(t.period_from)}至{day(t.period_to)}结案的"
             f"{'、'.join(Q.PROCEDURE_LABELS.get(p, p) for p in t.procedures)}案卷开展评查。"
             f"评查案卷从范围内已结案卷中随机抽取（每单位{t.per_bureau}卷），抽取过程可公开复核；"
             f"评查人员实行回避，不评查本单位或本人承办的案卷。现将评查情况通报如下。"),
        Para(f"本次评查依据《{t.standard.title}》，共评查案卷{len(sheets)}卷"
             f"{f'，平均得分{average}分' if average else ''}。"),
        Heading("一、各单位评查结果", level=2),
        Table(["被评查单位", "评查案卷", "平均得分", *bands, "触及否决项"],
              [[r["bureau"], str(r["files"]), r["average"] or "—", *[str(g["files"]) for g in r["grades"]],
                str(r["vetoed"])] for r in per_bureau], widths=[4, 2, 2, *[2 for _ in bands], 2]),
        Heading("二、案卷评查结果", level=2),
        Table(["案号", "单位", "得分", "等级"],
              [[Q.case_number(s.case), s.case.bureau.short_name, Q.num(s.score) or "—", s.grade or "未评定"]
               for s in sheets], widths=[5, 2, 1, 1]),
    ]
    fixes = list(Rectification.objects.filter(sheet__task=t).select_related("owner").order_by("owner__code", "id"))
    blocks.append(Heading("三、发现的主要问题和整改要求", level=2))
    if fixes:
        blocks.append(Table(["序号", "整改责任单位", "问题", "整改期限"],
                            [[str(i), r.owner.short_name, r.problem, day(r.due)] for i, r in enumerate(fixes, 1)],
                            widths=[1, 2, 7, 2]))
        blocks.append(Para("各单位应对照问题逐项整改，在整改期限内将整改情况及佐证材料报送，逾期未整改的予以督办。"))
    else:
        blocks.append(Para("本次评查未发现需要整改的问题。"))
    blocks.append(Sign([t.bureau.name, day(t.finished_on)]))
    return Doc("review_notice", "案卷评查情况通报", t.bureau.name, "", blocks)
