"""The 文书 of a 查封/扣押, built as blocks and rendered by the shared layout (fazhi/core/layout.py) to PDF and DOCX:
the 查封（扣押）决定书 (行政强制法 Art 24 ¶2: the party, the reasons, basis and period, the items, the remedies, the
bureau and date), its 清单 (Art 24 ¶3, in two copies), the 延长查封（扣押）期限通知书 (Art 25 ¶2, with reasons) and the
解除查封（扣押）决定书 (Art 28). Facts come from the measure and the events that recorded each step, so a document
printed later shows what was recorded then."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from fazhi.cases.wording import you
from fazhi.coercion.models import Measure
from fazhi.core.layout import Doc, Fields, Para, Sign, Table
from fazhi.core.models import Event


def day(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def _last(m: Measure, *kinds: str) -> Event | None:
    return Event.objects.filter(stream=m.stream, kind__in=kinds).order_by("-seq").first()


def _word(m: Measure) -> str:
    return m.get_kind_display()


def _party(m: Measure) -> list[tuple[str, str]]:
    c = m.case
    return [("当事人", c.party_name), ("地址", c.party_address or "")]


def _remedies(m: Measure, y: str) -> Para:
    government, court = m.bureau.remedy_bodies()
    return Para(f"{y}如不服本决定，可以在收到本决定书之日起六十日内向{government}申请行政复议，"
                f"或者在六个月内依法向{court}提起行政诉讼。")


def _taken_on(m: Measure):
    return timezone.localtime(m.taken_at).date() if m.taken_at else None


def _first_due(m: Measure):
    """The period's last day as the decision stated it (before any extension)."""
    e = _last(m, "seize", "take")
    return (e.data.get("due") if e else None) or (m.due.isoformat() if m.due else "")


def decision(m: Measure) -> Doc:
    """Art 24 ¶2: 查封（扣押）决定书."""
    y, w = you(m.case.party_kind), _word(m)
    due = _first_due(m)
    due_day = day(date.fromisoformat(due)) if due else ""
    blocks = [
        Fields(_party(m)),
        Para(f"经查，{y}{m.reason.rstrip('。')}。依据{m.basis_text}，本机关决定对下列场所、设施或者财物予以{w}，"
             f"期限自{day(_taken_on(m))}起三十日（至{due_day}止）。"),
        Table(["序号", "名称及数量"], [[str(i), item] for i, item in enumerate(m.items, 1)], widths=[1, 6]),
        Para(f"{w}的场所、设施或者财物由本机关妥善保管，不得使用或者损毁；保管费用由本机关承担。情况复杂的，经本机关负责人批准，"
             f"{w}期限可以延长，但延长期限不得超过三十日。"),
        _remedies(m, y),
        Sign([f"{m.bureau.name}（印章）", day(_taken_on(m))]),
        Sign(["当事人签名：", "执法人员签名："], align="left"),
    ]
    return Doc("seizure_decision", f"{w}决定书", m.bureau.name, m.number, blocks)


def inventory(m: Measure) -> Doc:
    """Art 24 ¶3: the 清单, in two copies, one kept by the party and one by the bureau."""
    w = _word(m)
    officers = "、".join(o["name"] for o in m.officers)
    present = "当事人到场" if m.party_present else f"当事人未到场，见证人：{m.witness}"
    blocks = [
        Fields([*_party(m), (f"{w}地点", m.place), (f"{w}时间", f"{timezone.localtime(m.taken_at):%Y年%m月%d日%H时%M分}"),
                ("执法人员", officers), ("到场情况", present), ("决定书编号", m.number)]),
        Table(["序号", "名称及数量", "备注"], [[str(i), item, ""] for i, item in enumerate(m.items, 1)], widths=[1, 5, 2]),
        Para("本清单一式二份，由当事人和本机关分别保存。"),
        Sign(["当事人（见证人）签名：", "执法人员签名：", f"{m.bureau.name}（印章）", day(_taken_on(m))], align="left"),
    ]
    return Doc("seizure_inventory", f"{w}清单", m.bureau.name, m.number, blocks)


def extension(m: Measure) -> Doc:
    """Art 25 ¶2: the extension told to the party in writing, with its reasons."""
    y, w = you(m.case.party_kind), _word(m)
    blocks = [
        Fields(_party(m)),
        Para(f"本机关于{day(_taken_on(m))}对{y}的下列场所、设施或者财物予以{w}（{m.number}）。因{m.extension_reason.rstrip('。')}，"
             f"情况复杂，经本机关负责人批准，{w}期限延长三十日，至{day(m.due)}止。"),
        Table(["序号", "名称及数量"], [[str(i), item] for i, item in enumerate(m.items, 1)], widths=[1, 6]),
        _remedies(m, y),
        Sign([f"{m.bureau.name}（印章）", day(m.extended_on)]),
    ]
    return Doc("seizure_extension", f"延长{w}期限通知书", m.bureau.name, m.number, blocks)


def release(m: Measure) -> Doc:
    """Art 28: the decision to release, the items returned at once."""
    y, w = you(m.case.party_kind), _word(m)
    reason = m.close_reason.rstrip("。")
    blocks = [
        Fields(_party(m)),
        Para(f"本机关于{day(_taken_on(m))}对{y}的下列场所、设施或者财物予以{w}（{m.number}）。因{reason}，"
             f"本机关决定自{day(m.closed_on)}起解除{w}，并立即退还下列财物。"),
        Table(["序号", "名称及数量"], [[str(i), item] for i, item in enumerate(m.items, 1)], widths=[1, 6]),
        Sign([f"{m.bureau.name}（印章）", day(m.closed_on)]),
        Sign(["当事人签收："], align="left"),
    ]
    return Doc("seizure_release", f"解除{w}决定书", m.bureau.name, m.number, blocks)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    build: Callable[[Measure], Doc]
    ready: Callable[[Measure], bool]


def _label(m: Measure, text: str) -> str:
    return text.replace("查封扣押", m.get_kind_display())


KINDS = [
    Kind("decision", "查封扣押决定书", decision, lambda m: m.seizure and m.taken_at is not None),
    Kind("inventory", "查封扣押清单", inventory, lambda m: m.seizure and m.taken_at is not None),
    Kind("extension", "延长查封扣押期限通知书", extension, lambda m: m.seizure and m.extended_on is not None),
    Kind("release", "解除查封扣押决定书", release,
         lambda m: m.seizure and m.taken_at is not None and m.outcome in ("released", "not_approved")),
]
BY_KEY = {k.key: k for k in KINDS}


def available(m: Measure) -> list[tuple[str, str]]:
    return [(k.key, _label(m, k.label)) for k in KINDS if k.ready(m)]
