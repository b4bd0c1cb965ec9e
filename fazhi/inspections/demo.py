"""The demo bureau's 涉企行政检查: synthetic enterprises in each district's 名录库, a committed and revealed draw
for 荷塘, and inspections in every state. Fixed seed; synthetic names only."""
from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from fazhi.catalog.models import InspectionItem
from fazhi.inspections import actions as A
from fazhi.inspections.importers import load_subjects
from fazhi.inspections.models import Inspection, Subject
from fazhi.law.draw import uscc_check_char

WORDS = ["恒达", "瑞丰", "鑫源", "宏图", "天成", "兴旺", "嘉禾", "盛世", "华泰", "金桥", "长隆", "启航", "新湘", "炎帝"]
TRADES = [("广告传媒有限公司", "广告业"), ("建筑工程有限公司", "建筑业"), ("渣土运输有限公司", "道路货物运输"),
          ("餐饮管理有限公司", "餐饮业"), ("燃气有限公司", "燃气供应"), ("商贸有限公司", "批发零售")]


def build_inspections(staff, rng: random.Random, today: date) -> int:
    city = staff["city"].bureau
    items = list(InspectionItem.objects.filter(bureau=city))
    if not items:
        return 0
    n = 0
    for slug, bs in staff.items():
        if slug == "city":
            continue
        rows = []
        for i in range(40):
            body = f"9143{bs.bureau.code[2:6]}{rng.randint(10**8, 10**9 - 1)}"[:17]
            word, (kind, industry) = rng.choice(WORDS), rng.choice(TRADES)
            rows.append({"统一社会信用代码": body + uscc_check_char(body), "名称": f"株洲市{word}{kind}{i + 1}",
                         "类型": "企业", "地址": f"{bs.bureau.short_name}{rng.choice(['建设路', '新华路', '人民路'])}{i + 1}号",
                         "行业": industry, "风险等级": rng.choice(["高风险", "中风险", "中风险", "低风险"])})
        load_subjects(rows, bureau=bs.bureau)
        n += len(rows)
    hetang = staff["hetang"]
    start = today - timedelta(days=60)
    seed = f"{start.year}年第{start.month}期公开种子（演示）"
    d = A.commit_draw(by=hetang.head, on=start, title=f"{start.year}年第一批户外广告设施双随机抽查", items=items[:1],
                      quotas={"high": 3, "medium": 3, "low": 2}, seed_commitment=hashlib.sha256(seed.encode()).hexdigest())
    A.run_draw(d, by=hetang.head, on=start + timedelta(days=1), seed=seed)
    for k, ins in enumerate(Inspection.objects.filter(draw=d).prefetch_related("officers")):
        officers = list(ins.officers.all())
        if not officers or k == 7:
            continue  # one stays 待审批
        ins = A.approve(ins, by=hetang.head, on=start + timedelta(days=2))
        if k == 6:
            continue  # one approved, not yet inspected
        by = next(o for o in officers)
        ins = A.record(ins, by=by, on=start + timedelta(days=5 + k), findings="设施牢固，未见安全隐患。" if k % 3
                       else "广告牌固定件锈蚀松动，存在坠落隐患。", problem_found=k % 3 == 0)
        ins = A.notify_result(ins, by=by, on=start + timedelta(days=6 + k),
                              result="未发现问题。" if k % 3 else "责令限期整改，逾期将依法处理。")
        if k < 4:
            A.publish(ins, by=by, on=start + timedelta(days=10 + k))
    subject = Subject.objects.filter(bureau=hetang.bureau).exclude(inspections__isnull=False).first()
    A.plan_inspection(by=hetang.squad_leaders[0], on=today - timedelta(days=3), subject=subject, items=items[1:3],
                      officers=hetang.officers[:2], kind="joint", partners="株洲市市场监督管理局荷塘分局",
                      planned_on=today - timedelta(days=1))
    return n
