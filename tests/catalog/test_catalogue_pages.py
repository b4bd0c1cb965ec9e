"""Issue 4 §5: catalogue pages for staff and the "四清单一计划" workbook, from the demo bureau's catalogue."""
import io

from django.test import Client
from openpyxl import load_workbook

from fazhi.catalog.demo import build_catalogue
from fazhi.org.models import Bureau, Staff


def test_catalogue_pages_and_four_lists_one_plan(org):
    build_catalogue(Bureau.objects.get(code="430200"))
    c = Client()
    c.force_login(Staff.objects.get(username="hetang_officer1"))
    page = c.get("/catalog/").content.decode()
    assert "深圳市城市管理行政处罚裁量权实施标准（2023年版）" in page and "初次违法" in page
    # CAT-01: each benchmark names its area; 深圳's is marked as not this bureau's, the 株洲 one as an example.
    assert "适用地域：广东省深圳市" in page and "不适用于本局" in page
    assert "株洲市城市管理行政处罚裁量基准（示例）" in page and "适用地域：湖南省株洲市" in page and "非正式文件" in page
    assert "户外广告设施安全检查" in page and "2026年涉企行政检查计划" in page
    b = c.get("/catalog/benchmarks/shenzhen-cg-2023/?q=垃圾").content.decode()
    assert "生活垃圾" in b and "第一次被处罚的。" in b
    r = c.get("/catalog/four-lists.xlsx")
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    assert wb.sheetnames == ["执法事项目录", "行政处罚裁量权基准", "免罚事项清单", "涉企行政检查事项清单", "涉企行政检查计划"]
    counts = {name: sum(1 for _ in wb[name].iter_rows()) - 1 for name in wb.sheetnames}
    # The bureau publishes the benchmark that applies to it (株洲's 33 tiers), not 深圳's 234 (CAT-01).
    assert counts == {"执法事项目录": 13, "行政处罚裁量权基准": 33, "免罚事项清单": 4, "涉企行政检查事项清单": 4,
                      "涉企行政检查计划": 4}
    other = Client()
    other.force_login(Staff.objects.get(username="lusong_officer1"))
    assert other.get("/catalog/powers/zhuzhou-power-2026/").status_code == 200
