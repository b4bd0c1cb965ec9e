"""The demo year of 行政复议和行政应诉, shaped on the seed reports (株洲 answered 4 复议 and 1 lawsuit; 醴陵 had 复议 upheld
and one 责令履职, lawsuits upheld and one going to 二审, its 负责人 appearing; 零陵 replied to every 司法建议; 湘乡
rectified its 检察建议): per district bureau with decided cases, 复议 and lawsuits in every state on its own penalty
decisions — upheld, revoked (the decision leaves the portal), answered and waiting, just received with its answer
clock running — a lawsuit lost at 一审 and upheld at 二审, a 责令履职 application, the 负责人 arranged and appearing
from the staff register; the 建议 register; the city bureau's adviser giving an opinion. All through the actions;
dates relative to today; synthetic names only."""
from __future__ import annotations

import random
from datetime import date, timedelta

from fazhi.cases.models import PenaltyCase
from fazhi.disputes import actions as A
from fazhi.org.models import Staff

APPLICANTS = ["周某", "吴某", "郑某", "冯某", "陈某", "褚某", "卫某", "蒋某", "沈某", "韩某"]


def _answered(d, by, on: date, act_on: date):
    A.add_evidence(d, by=by, on=on, title="现场检查笔录", collected_on=act_on)
    A.add_evidence(d, by=by, on=on, title="询问笔录", collected_on=act_on)
    return A.file_answer(d, by=by, on=on, document="行政复议答复书" if d.kind == "reconsideration" else "行政答辩状",
                         basis_text="《城市市容和环境卫生管理条例》及本局行政处罚裁量基准")


def _on_case(b, case, by, rng, *, kind: str, filed_on: date, received_on: date):
    lawsuit = kind == "lawsuit"
    return A.receive(by=by, on=received_on, kind=kind, applicant=rng.choice(APPLICANTS),
                     applicant_kind=case.party_kind if case.party_kind in ("citizen", "org") else "citizen",
                     body=b.bureau.court if lawsuit else b.bureau.government, act_kind="penalty",
                     act_description="行政处罚决定", case=case, filed_on=filed_on,
                     received_on=received_on, claim="请求撤销该行政处罚决定", level="first" if lawsuit else "")


def _bureau_year(b, rng: random.Random, today: date, *, revoke: bool, appeal: bool) -> int:
    """One district bureau's disputes; returns how many were registered."""
    cases = list(PenaltyCase.objects.filter(bureau=b.bureau).exclude(decision_no="")
                 .filter(decided_on__lte=today - timedelta(days=40)).order_by("decided_on", "id"))
    old = [c for c in cases if c.decided_on <= today - timedelta(days=230)]
    if len(cases) < 4 or len(old) < 2:
        return 0
    by, head, deputy = b.reviewer, b.head, b.deputy
    n = 0

    # A 复议 upheld and, where `revoke`, one revoked: filed ~3 weeks after the decision, answered within days.
    for case, result in ((old[0], "维持"), (old[1], "撤销" if revoke else "维持")):
        filed = case.decided_on + timedelta(days=20)
        d = _on_case(b, case, by, rng, kind="reconsideration", filed_on=filed, received_on=filed + timedelta(days=2))
        _answered(d, by, filed + timedelta(days=6), case.act_on)
        A.record_result(d, by=by, on=filed + timedelta(days=50), result=result, result_on=filed + timedelta(days=48))
        n += 1

    # A lawsuit: 一审 upheld and in force after its appeal period, the 分管领导 appearing; or, where `appeal`, lost at
    # 一审, appealed by the bureau and upheld at 二审 — counted once, by its final result (DSP-08).
    case = cases[2]
    filed = case.decided_on + timedelta(days=30)
    d = _on_case(b, case, by, rng, kind="lawsuit", filed_on=filed, received_on=filed + timedelta(days=7))
    _answered(d, by, filed + timedelta(days=15), case.act_on)
    A.arrange_appearance(d, by=by, on=filed + timedelta(days=16), held_on=filed + timedelta(days=40),
                         appeared=deputy.username, position="in_charge", place="人民法院第一审判庭",
                         notice_on=filed + timedelta(days=16))
    A.record_hearing(d, by=by, on=filed + timedelta(days=40), held_on=filed + timedelta(days=40),
                     appeared=deputy.username, position="in_charge")
    ruled = filed + timedelta(days=70)
    if appeal and ruled + timedelta(days=100) < today:
        A.record_result(d, by=by, on=ruled, result="撤销", result_on=ruled - timedelta(days=2))
        A.appeal(d, by=by, on=ruled + timedelta(days=10), appellant="bureau", court="株洲市中级人民法院")
        A.record_hearing(d, by=by, on=ruled + timedelta(days=50), held_on=ruled + timedelta(days=50),
                         appeared=head.username)
        A.record_result(d, by=by, on=ruled + timedelta(days=80), result="维持原判")
    else:
        A.record_result(d, by=by, on=ruled, result="驳回", result_on=ruled - timedelta(days=2))
        A.finalize(d, by=by, on=ruled + timedelta(days=20))
    n += 1

    # Still open: a 复议 answered and waiting for its decision, and one just received (its answer clock on the board).
    case = cases[-2]
    filed = max(case.decided_on + timedelta(days=10), today - timedelta(days=30))
    d = _on_case(b, case, by, rng, kind="reconsideration", filed_on=filed, received_on=filed + timedelta(days=1))
    _answered(d, by, filed + timedelta(days=5), case.act_on)
    case = cases[-1]
    filed = max(case.decided_on + timedelta(days=5), today - timedelta(days=4))
    A.receive(by=by, on=today, kind="lawsuit", applicant=rng.choice(APPLICANTS), body=b.bureau.court,
              act_kind="penalty", act_description="行政处罚决定", case=case, filed_on=filed,
              received_on=today - timedelta(days=1), level="first", claim="请求撤销该行政处罚决定")
    n += 2

    # A 责令履职 application: the applicant asked the bureau to act on a neighbour's 占道; 驳回 after the answer.
    asked = today - timedelta(days=200)
    d = A.receive(by=by, on=asked + timedelta(days=75), kind="reconsideration", applicant=rng.choice(APPLICANTS),
                  body=b.bureau.government, act_kind="inaction", act_on=asked,
                  act_description="申请查处相邻商户长期占道经营，请求责令履行查处职责", filed_on=asked + timedelta(days=70),
                  received_on=asked + timedelta(days=75), claim="请求责令被申请人依法履行查处职责")
    A.add_evidence(d, by=by, on=asked + timedelta(days=80), title="现场巡查记录及处理情况说明",
                   collected_on=asked + timedelta(days=5))
    A.file_answer(d, by=by, on=asked + timedelta(days=80), document="行政复议答复书",
                  basis_text="已于收到申请后立案查处并作出处理，不存在不履行法定职责的情形")
    A.record_result(d, by=by, on=asked + timedelta(days=120), result="驳回")
    n += 1

    # The 建议 register: a 检察建议 replied and rectified in time; a 司法建议 still open.
    s = A.receive_suggestion(by=by, on=today - timedelta(days=120), kind="procuratorate",
                             issuer=f"{b.bureau.short_name[:2]}区人民检察院", subject="规范占道经营案件的证据收集",
                             owner=by, number="检建〔2026〕3号")
    A.reply_suggestion(s, by=by, on=today - timedelta(days=80), reply="已组织专题培训，修订证据收集指引",
                       rectification="修订《现场检查笔录制作规范》，抽查整改案卷12卷")
    A.receive_suggestion(by=by, on=today - timedelta(days=10), kind="judicial", issuer=b.bureau.court,
                         subject="加强行政处罚决定书说理", owner=by, number="司建〔2026〕1号")
    return n


def build_disputes(staff, rng: random.Random, today: date) -> int:
    n = 0
    for i, (slug, b) in enumerate(staff.items()):
        if slug == "city":
            continue
        n += _bureau_year(b, rng, today, revoke=i == 1, appeal=i in (1, 3))
    # The city bureau: a 责令履职 application answered with its adviser's opinion.
    city = staff["city"]
    adviser = Staff.objects.filter(username="city_adviser").first()
    asked = today - timedelta(days=90)
    d = A.receive(by=city.reviewer, on=asked + timedelta(days=32), kind="reconsideration",
                  applicant=rng.choice(APPLICANTS), applicant_kind="org", body=city.bureau.government,
                  act_kind="inaction", act_on=asked, act_description="申请公开并查处某渣土运输企业违规运输行为",
                  filed_on=asked + timedelta(days=30), received_on=asked + timedelta(days=32),
                  claim="请求责令被申请人履行查处职责")
    if adviser is not None:
        A.assign_adviser(d, by=city.reviewer, on=asked + timedelta(days=33), adviser=adviser.username)
        A.give_opinion(d, by=adviser, on=asked + timedelta(days=36),
                       text="已有立案查处记录，可在答复中附处理决定；建议同时说明信息公开的办理情况。")
    A.add_evidence(d, by=city.reviewer, on=asked + timedelta(days=38), title="立案审批表及处理决定",
                   collected_on=asked + timedelta(days=10))
    A.file_answer(d, by=city.reviewer, on=asked + timedelta(days=38), document="行政复议答复书",
                  basis_text="已依法立案查处，不存在不履行法定职责的情形")
    return n + 1
