"""The 整改通知书 (HUD-03: 城市市容和环境卫生管理条例 Art 36, 37 — 责令限期改造或者拆除), built as blocks and rendered by
the shared layout (fazhi/core/layout.py) to PDF and DOCX: the party, the facility and where it is, what was found and
when, what must be done by which day, the basis, what follows a failure to comply, the remedies, the bureau and
date. Facts come from the notice and its `issue` event, so a notice printed later shows what was issued."""
from __future__ import annotations

from fazhi.cases.wording import you
from fazhi.core.layout import Doc, Fields, Para, Sign
from fazhi.core.models import Event
from fazhi.registers.models import Notice


def day(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def notice(n: Notice) -> Doc:
    e = Event.objects.filter(stream=n.stream, kind="issue").order_by("seq").first()
    data = e.data if e else {}
    y = you(n.party_kind)
    problem = (data.get("problem") or n.problem).rstrip("。")
    requirement = (data.get("requirement") or n.requirement).rstrip("。")
    basis = data.get("basis") or n.basis_text
    officers = "、".join(o["name"] for o in n.officers)
    government, court = n.bureau.remedy_bodies()
    area = f"（面积约{n.area}平方米）" if n.area else ""
    blocks = [
        Fields([("当事人", n.party_name), ("地点", n.address), ("设施或问题", f"{n.subject}{area}")]),
        Para(f"本机关执法人员{officers}于{day(n.issued_on)}巡查发现，{y}在{n.address}的{n.subject}存在以下问题：{problem}。"),
        Para(f"依据{basis}，现责令{y}于{day(n.due)}前完成整改：{requirement}。"),
        Para(f"整改完成后请告知本机关，本机关将予复查。{y}逾期未整改的，本机关将依法立案查处；不符合城市容貌标准、环境卫生标准的"
             f"设施，经县级以上人民政府批准，由本机关组织拆除。"),
        Para(f"{y}如不服本通知，可以在收到本通知之日起六十日内向{government}申请行政复议，或者在六个月内依法向{court}提起行政诉讼。"),
        Sign([f"{n.bureau.name}（印章）", day(n.issued_on)]),
        Sign(["当事人签收：", "执法人员签名："], align="left"),
    ]
    return Doc("rectification_notice", "整改通知书", n.bureau.name, n.number, blocks, size="compact")  # one page, like the on-site decision
