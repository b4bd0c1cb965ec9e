"""The default permit items of a 城管 bureau (legal-rules §A.16): what a bureau starts from and then edits (the admin,
`PermitItem`). The legal basis of each is the article in shared/law; the materials, the promised time limits, the
quantity limits and the fee rates are illustrative and marked so (`source`): a bureau replaces them with its own
published 办事指南 and the price authority's standard before use."""
from __future__ import annotations

from decimal import Decimal

from fazhi.permits.models import Gate, PermitItem

EXAMPLE = "默认值：设定依据为法规条文；材料目录、承诺时限、数量限制和收费标准为示例，须按本局公布的办事指南和物价部门核定的标准核实"
ID_DOC = "申请人身份证明（营业执照或身份证）"

DEFAULTS: list[dict] = [
    dict(code="XK-01", name="挖掘城市道路审批", gate=Gate.ROAD_DIG,
         legal_basis="《城市道路管理条例》第三十条、第三十三条、第三十四条、第三十六条",
         materials=["挖掘城市道路申请书", "城市规划部门批准签发的文件", "设计文件（施工图）", "施工方案及交通组织方案",
                    "安全防护和路面恢复方案", ID_DOC],
         promised_days=10, fee_name="城市道路挖掘修复费", fee_rate=Decimal("420"), fee_unit="平方米",
         fee_basis="《城市道路管理条例》第三十七条；标准按省物价、财政部门核定（示例值）",
         quantity_unit="平方米", quantity_limit=3000, max_days=90),
    dict(code="XK-02", name="临时占用城市道路审批", gate=Gate.ROAD_OCCUPY,
         legal_basis="《城市道路管理条例》第三十条、第三十一条、第三十六条",
         materials=["临时占用城市道路申请书", "占用位置平面示意图", "交通安全措施方案", ID_DOC],
         promised_days=5, fee_name="城市道路占用费", fee_rate=Decimal("3.00"), fee_unit="平方米·日", fee_per_day=True,
         fee_basis="《城市道路管理条例》第三十七条；标准按省物价、财政部门核定（示例值）",
         quantity_unit="平方米", quantity_limit=1000, max_days=180),
    dict(code="XK-03", name="户外广告设施和招牌设置审批",
         legal_basis="《城市市容和环境卫生管理条例》第十一条",
         materials=["户外广告设施（招牌）设置申请书", "设置位置平面图和效果图", "设施结构设计图及安全检测报告",
                    "场地或建筑物使用权证明", ID_DOC],
         promised_days=8, hearing_may_apply=True, quantity_unit="平方米", quantity_limit=200, max_days=1095),
    dict(code="XK-04", name="城市建筑垃圾处置核准",
         legal_basis="《国务院对确需保留的行政审批项目设定行政许可的决定》第101项",
         materials=["城市建筑垃圾处置核准申请表", "建筑垃圾处置方案", "运输车辆清单及行驶证", "消纳场所的证明",
                    "运输合同", ID_DOC],
         promised_days=5, max_days=365),
    dict(code="XK-05", name="砍伐、迁移城市树木审批", gate=Gate.TREES,
         legal_basis="《城市绿化条例》第二十条第二款、第二十四条",
         materials=["砍伐、迁移城市树木申请书", "树木位置图及现状照片", "补植方案", ID_DOC],
         promised_days=10, hearing_may_apply=True, quantity_unit="株", quantity_limit=200, max_days=90),
    dict(code="XK-06", name="临时占用城市绿地审批",
         legal_basis="《城市绿化条例》第十九条",
         materials=["临时占用城市绿地申请书", "占用位置图及面积", "绿地恢复方案", ID_DOC],
         promised_days=10, quantity_unit="平方米", quantity_limit=500, max_days=365),
    dict(code="XK-07", name="依附城市道路建设管线、杆线和城市照明等市政设施审批",
         legal_basis="《城市道路管理条例》第二十九条",
         materials=["市政设施建设申请书", "设计文件", "城市规划部门批准文件", "施工及安全方案", ID_DOC],
         promised_days=10, hearing_may_apply=True, max_days=180),
]


def ensure_items(bureau) -> list[PermitItem]:
    """The bureau's items, the defaults created where missing (an item the bureau edited stays as edited); each
    linked to the 权责清单 item of the same name (LICENSING kind) when the list has one."""
    from fazhi.catalog.models import PowerItem, PowerKind

    powers = {p.name: p for p in PowerItem.objects.filter(kind=PowerKind.LICENSING, disabled=False)}
    out = []
    for d in DEFAULTS:
        power = powers.get(d["name"]) or next((p for n, p in powers.items() if d["name"][:4] in n), None)
        item, _ = PermitItem.objects.get_or_create(
            bureau=bureau, code=d["code"],
            defaults={**d, "template": f"{d['name']}申请书（示范文本，行政许可法第三十条）", "power_item": power,
                      "source": EXAMPLE})
        out.append(item)
    return out
