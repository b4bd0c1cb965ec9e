"""A 荷塘 inspection in every state of the 涉企行政检查 table — 待审批, 已批准, 已检查 (with and without a finding),
结果已告知, 结果已公示, and a finding already moved into a case — planned by the squad leader with two officers and
approved by the head: the samples of the generated workflow tests (tests/test_workflow_offered.py) and of the 工作台
crawl."""
from datetime import date

from fazhi.catalog.models import InspectionItem
from fazhi.inspections import actions as I
from fazhi.inspections.importers import load_subjects
from fazhi.inspections.models import Inspection, Subject
from fazhi.law.draw import uscc_check_char
from fazhi.org.models import Bureau, Staff

ON = date(2026, 11, 2)


def _code(n: int) -> str:
    body = f"91430202{n + 900000:09d}"
    return body + uscc_check_char(body)


def inspections_in_every_state() -> list[Inspection]:
    hetang = Bureau.objects.get(code="430202")
    load_subjects([{"统一社会信用代码": _code(i), "名称": f"株洲市样例{i}号广告有限公司", "类型": "企业",
                    "地址": f"株洲市荷塘区新华西路{i}号"} for i in range(1, 8)], bureau=hetang)
    item = InspectionItem.objects.create(bureau=hetang, seq=901, name="户外广告设施安全检查（样例）",
                                         legal_basis="《株洲市户外广告设施管理办法》", subjects="设置单位")
    st = {u: Staff.objects.select_related("bureau__parent").get(username=u)
          for u in ("hetang_head", "hetang_squad1", "hetang_officer1", "hetang_officer2")}
    officer = st["hetang_officer1"]
    subjects = list(Subject.objects.filter(credit_code__in=[_code(i) for i in range(1, 8)]).order_by("credit_code"))

    def planned(n):
        return I.plan_inspection(by=st["hetang_squad1"], on=ON, subject=subjects[n], items=[item],
                                 officers=[officer, st["hetang_officer2"]])

    def approved(n):
        return I.approve(planned(n), by=st["hetang_head"], on=ON)

    def done(n, problem=True):
        return I.record(approved(n), by=officer, on=date(2026, 11, 3), problem_found=problem,
                        findings="广告牌固定件锈蚀松动，存在坠落隐患。" if problem else "设施牢固，未见安全隐患。")

    def notified(n, problem=True):
        return I.notify_result(done(n, problem), by=officer, on=date(2026, 11, 4),
                               result="责令限期整改。" if problem else "未发现问题。")

    def published(n, problem=True):
        return I.publish(notified(n, problem), by=officer, on=date(2026, 11, 5))

    out = [planned(0), approved(1), done(2), done(3, problem=False), notified(4), published(5, problem=False),
           published(6)]
    I.open_case(out[-1], by=officer, on=date(2026, 11, 6), cause="户外广告设施存在安全隐患", facts="广告牌松动")
    return list(Inspection.objects.filter(pk__in=[i.pk for i in out]))
