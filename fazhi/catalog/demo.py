"""The demo bureau's catalogue. 株洲's bureaus apply an illustrative benchmark built from the national provisions
that set a fine range (data/zhuzhou-illustrative-discretion.csv; see data/SOURCE.md) — no official Hunan item table
is bundled. 醴陵 applies its published method (醴城〔2017〕22号, DIS-06) over a demo list of everyday violations whose
ranges come from real Hunan sources, each row labelled with its source and status. 深圳's 2023 benchmark stays
loaded as a second benchmark restricted to 深圳 (area 4403): the catalogue shows it, and a 株洲 case that cites it is
refused (CAT-01). 株洲's own lists — 权责清单 items, a 免罚清单, 涉企检查事项 and the 2026 plan — are written for the
demo."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from fazhi.catalog import importers, powers
from fazhi.catalog.models import InspectionItem, InspectionPlan

DATA = Path(__file__).with_name("data")
CSJ = "《城市市容和环境卫生管理条例》"

POWERS = [
    ("行政处罚", "对在城市人民政府规定的街道的临街建筑物的阳台和窗外，堆放、吊挂有碍市容的物品的处罚", f"{CSJ}第三十四条"),
    ("行政处罚", "对擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的处罚", f"{CSJ}第三十六条"),
    ("行政处罚", "对运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒的处罚", f"{CSJ}第三十四条第（六）项"),
    ("行政处罚", "对未取得建设工程规划许可证进行建设的处罚", "《中华人民共和国城乡规划法》第六十四条"),
    ("行政强制", "对违法堆放的物料、违法设置的设施予以暂扣", "《中华人民共和国行政强制法》第九条"),
    ("行政检查", "对户外广告设施设置及安全情况的检查", "《湖南省户外广告设施和招牌设置管理办法》"),
    ("行政检查", "对建筑垃圾运输车辆及消纳场所的检查", "《城市建筑垃圾管理规定》第二十二条"),
    ("行政许可", "城市建筑垃圾处置核准", "《国务院对确需保留的行政审批项目设定行政许可的决定》第101项"),
    ("行政许可", "临时占用城市道路（人行道）设摊经营审批", "《城市道路管理条例》第三十一条"),
    ("行政征收", "城市道路占用、挖掘修复费的征收", "《城市道路管理条例》第三十三条"),
    ("行政确认", "户外广告设施设置安全检测报告的确认", "《湖南省户外广告设施和招牌设置管理办法》"),
    ("行政奖励", "对举报违法建设等城市管理违法行为的奖励", "《株洲市城市管理条例》"),
    ("其他行政权力", "对城市管理违法行为的投诉举报受理和处置", "《城市管理执法办法》第二十八条"),
]
EXEMPTIONS = [
    ("不予处罚", "临街商户超出门窗外墙摆卖、占道经营", "初次违法，经教育后当场自行改正，未造成危害后果",
     "《中华人民共和国行政处罚法》第三十三条第一款"),
    ("不予处罚", "在临街阳台、窗外吊挂有碍市容的物品", "初次违法且危害后果轻微，经责令后及时改正", "《中华人民共和国行政处罚法》第三十三条第一款"),
    ("不予处罚", "未经批准张贴、悬挂宣传品（公益性质）", "属公益宣传，首次被发现，及时清除", "《中华人民共和国行政处罚法》第三十三条第一款"),
    ("从轻处罚", "运输散装货物造成遗撒", "主动清理遗撒物、消除危害后果", "《中华人民共和国行政处罚法》第三十二条第（一）项"),
]
INSPECTIONS = [
    ("户外广告设施安全检查", "《湖南省户外广告设施和招牌设置管理办法》", "户外广告设施设置单位", 1),
    ("建筑垃圾运输企业及车辆检查", "《城市建筑垃圾管理规定》", "建筑垃圾运输企业", 2),
    ("市容环境卫生责任区落实情况检查", f"{CSJ}第二十一条", "临街商户及单位", 1),
    ("燃气经营企业安全管理检查（城管职权范围内）", "《城镇燃气管理条例》第四十二条", "燃气经营企业", 2),
]


ZHUZHOU = "4302"
SHENZHEN = "4403"
LILING = "430281"
LILING_NOTES = [
    "裁量方法：醴陵市城市管理行政执法局行政处罚裁量权基准制度（醴城〔2017〕22号）第二部分“基准设定”——特别轻微批评教育、"
    "免于行政处罚；轻微处最低限；一般处最低限（不含）以上、最高限一半（含）以下；严重处最高限一半（不含）以上、最高限（不含）"
    "以下；特别严重处最高限；取整数；法条未规定最低限的，按最高限的10%计算。各档金额由本系统按各行的法定幅度推算。",
    "违法行为清单为演示用：各行的条文已对照法规文本，罚款幅度的来源和核实状态逐行注明。标注“须核实”的行，"
    "本局须对照本局公布的裁量基准确认后方可使用（见 docs/discretion.md）。",
    "施行日期：原文未见成文或印发日期，按其发布页面地址推定为2017年10月19日；现行有效性未核实。",
]
ILLUSTRATIVE_NOTES = [
    "示例数据：本基准由本系统依据《城市道路管理条例》第二十七条、第四十二条和《中华人民共和国城乡规划法》第六十四条"
    "的条文编写，供演示使用，不是株洲市或湖南省发布的裁量基准。",
    "《城市市容和环境卫生管理条例》第三十四条、第三十六条和《城市绿化条例》第二十六条至第二十八条未规定罚款数额，"
    "数额由地方性法规或规章规定，本示例未编入；适用时请以本地正式发布的裁量基准为准。",
]


def _csv_rows(name: str, columns=None, required=None):
    with open(DATA / name, encoding="utf-8") as f:
        reader = csv.reader(f)
        return importers.rows_from_table(next(reader), reader, columns, required)


def build_liling_benchmark():
    """醴陵's method benchmark (DIS-06) over the demo list of everyday violations (data/SOURCE.md)."""
    rows, pre = _csv_rows("liling-everyday-violations.csv", importers.METHOD_COLUMNS, importers.METHOD_REQUIRED)
    return importers.load_method(
        rows, method_code="liling-2017", code="liling-cg-2017",
        title="醴陵市城市管理行政处罚裁量权基准（常见违法行为）", document_no="醴城〔2017〕22号",
        issuing_authority="醴陵市城市管理行政执法局", effective_from=date(2017, 10, 19),
        source="醴陵市城市管理行政执法局行政处罚裁量权基准制度（醴城〔2017〕22号，登记号LLDR-2017-38002）；"
               "违法行为清单为演示用，逐行注明幅度来源和核实状态",
        notes=LILING_NOTES, pre_problems=pre, area=LILING)


def build_catalogue(city) -> None:
    rows, pre = _csv_rows("zhuzhou-illustrative-discretion.csv")
    importers.load(rows, code="zhuzhou-illustrative", title="株洲市城市管理行政处罚裁量基准（示例）",
                   issuing_authority="示例数据（非行政机关发布）", effective_from=date(2025, 1, 1),
                   source="示例：依据《城市道路管理条例》《中华人民共和国城乡规划法》条文编写，非正式文件",
                   notes=ILLUSTRATIVE_NOTES, pre_problems=pre, area=ZHUZHOU)
    rows, pre = _csv_rows("shenzhen-discretion-2023.csv")
    importers.load(rows, code="shenzhen-cg-2023", title="深圳市城市管理行政处罚裁量权实施标准（2023年版）",
                   document_no="深城管规〔2023〕2号", issuing_authority="深圳市城市管理和综合执法局",
                   issued_on=date(2023, 11, 23), effective_from=date(2023, 12, 15),
                   source="深圳市人民政府公报2023年第42期（参照示例，仅适用于深圳市）", pre_problems=pre, area=SHENZHEN)
    build_liling_benchmark()
    powers.load([{"序号": n, "事项类型": k, "事项名称": name, "设定依据": basis, "实施主体": city.name,
                  "责任事项": "受理、审查、决定、送达、执行、信息公开等", "备注": ""}
                 for n, (k, name, basis) in enumerate(POWERS, 1)],
                code="zhuzhou-power-2026", title=f"{city.name}权责清单（2026年版）", issuing_authority=city.name,
                effective_from=date(2026, 1, 1), area=ZHUZHOU)
    powers.load_exemptions([{"类别": k, "序号": n, "违法行为": v, "适用条件": c, "法律依据": b}
                            for n, (k, v, c, b) in enumerate(EXEMPTIONS, 1)], bureau=city,
                           effective_from=date(2026, 1, 1))
    items = [InspectionItem.objects.create(bureau=city, seq=n, name=name, legal_basis=basis, subjects=subjects,
                                           yearly_cap=cap) for n, (name, basis, subjects, cap) in
             enumerate(INSPECTIONS, 1)]
    InspectionPlan.objects.create(bureau=city, year=2026, title="涉企行政检查计划", approved_on=date(2026, 1, 15),
                                  lines=[{"item": i.name, "ratio": "5%", "times": 1, "months": "3-11月"} for i in items])
