"""The documents a bureau sends in a dispute, built as blocks and rendered by the shared layout (fazhi/core/layout.py)
to PDF and DOCX: the 出庭应诉负责人身份证明 the court needs before the session (负责人出庭规定 Art 6), the internal
出庭应诉通知 that tells the named 负责人 when and where to appear (Art 5), and the 不能出庭情况说明 with its proof
(Art 8, 9). Facts come from the events that recorded each step, so a document printed later shows what was recorded
then."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core.layout import Doc, Fields, Para, Sign
from fazhi.core.models import Event
from fazhi.decisions.documents import day, sentence
from fazhi.disputes.models import Dispute
from fazhi.law.disputes import LEVEL_LABELS, POSITION_LABELS

APPEAR_BASIS = "《中华人民共和国行政诉讼法》第三条第三款、《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"


def _last(d: Dispute, kind: str) -> Event | None:
    return Event.objects.filter(stream=d.stream, kind=kind).order_by("-seq").first()


def _case_line(d: Dispute, a: dict) -> str:
    number = f"（{d.their_number}）" if d.their_number else ""
    level = LEVEL_LABELS.get(a.get("level", ""), "")
    return f"{d.applicant}诉{d.bureau.name}{d.act_label}一案{number}{level}"


def identity(d: Dispute) -> Doc:
    """负责人出庭规定 Art 6: the 身份证明 states the 负责人's name and post and bears the bureau's seal."""
    a = _last(d, "arrange_appearance").data
    post = POSITION_LABELS.get(a.get("position", ""), "")
    blocks = [
        Para(f"{a.get('body') or d.body}："),
        Para(f"{a.get('name', '')}，系我机关{post}，依法作为行政机关负责人出庭参加{_case_line(d, a)}的诉讼活动。"),
        Fields([("姓名", a.get("name", "")), ("职务", post), ("出庭日期", day(a.get("held_on"))),
                ("出庭地点", a.get("place", "")), ("一同出庭的工作人员", a.get("agent", ""))]),
        Para("特此证明。"),
        Sign([f"{d.bureau.name}（盖章）", day(_last(d, "arrange_appearance").effective_on)]),
    ]
    return Doc("identity", "出庭应诉负责人身份证明", d.bureau.name, d.number, blocks)


def notice(d: Dispute) -> Doc:
    """The internal notice to the named 负责人: when, where, which case; and what absence costs (Art 5, 8, 9)."""
    e = _last(d, "arrange_appearance")
    a = e.data
    post = POSITION_LABELS.get(a.get("position", ""), "")
    received = f"于{day(a.get('notice_on'))}收到出庭通知书，" if a.get("notice_on") else ""
    blocks = [
        Para(f"{a.get('name', '')}（{post}）："),
        Para(f"{_case_line(d, a)}，{a.get('body') or d.body}{received}定于{day(a.get('held_on'))}"
             f"{('在' + a['place']) if a.get('place') else ''}开庭（听证）。根据{APPEAR_BASIS}，请您作为行政机关负责人"
             f"出庭应诉{('，' + a['agent'] + '一同出庭') if a.get('agent') else ''}。"),
        Fields([("复议机关/人民法院", a.get("body") or d.body), ("案号", d.their_number),
                ("申请人/原告", d.applicant), ("被申请（被诉）行为", sentence(d.act_description).rstrip("。")),
                ("开庭（听证）日期", day(a.get("held_on"))), ("地点", a.get("place", ""))]),
        Para("出庭应诉负责人的身份证明须于开庭前提交人民法院（第六条）。因不可抗力、意外事件、需要履行他人不能代替的公务等"
             "正当理由不能出庭的，应当及时告知法制机构，提交加盖机关印章或者由主要负责人签字认可的证明材料（第八条、第九条），"
             "并由本机关相应的工作人员出庭；不得仅委托律师出庭。"),
        Sign([f"{d.bureau.name}法制机构", day(e.effective_on)]),
    ]
    return Doc("notice", "出庭应诉通知", d.bureau.name, d.number, blocks)


def _absence(d: Dispute) -> Event | None:
    for e in Event.objects.filter(stream=d.stream, kind="record_hearing").order_by("-seq"):
        if e.data.get("absence_reason"):
            return e
    return None


def absence(d: Dispute) -> Doc:
    """Art 8, 9: why no 负责人 appeared, with the proof, sealed or signed by the 主要负责人."""
    e = _absence(d)
    h = d.stages.filter(hearings__held_on=e.data.get("held_on")).first()
    hearing = None
    if h is not None:
        hearing = h.hearings.filter(held_on=e.data.get("held_on")).exclude(absence_reason="").first()
    blocks = [
        Para(f"{(h.body if h else d.body)}："),
        Para(f"{_case_line(d, e.data)}于{day(e.data.get('held_on'))}开庭。我机关负责人因{e.data.get('absence_reason', '')}"
             f"不能出庭应诉，委托本机关工作人员{hearing.agent if hearing else ''}出庭。"),
        Fields([("不能出庭的理由", e.data.get("absence_reason", "")),
                ("证明材料", hearing.absence_proof if hearing else "")]),
        Sign([f"{d.bureau.name}（盖章）", "主要负责人签字：", day(e.effective_on)]),
    ]
    return Doc("absence", "行政机关负责人不能出庭情况说明", d.bureau.name, d.number, blocks)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    build: Callable[[Dispute], Doc]
    ready: Callable[[Dispute], bool]


KINDS = [
    Kind("notice", "出庭应诉通知", notice, lambda d: _last(d, "arrange_appearance") is not None),
    Kind("identity", "出庭应诉负责人身份证明", identity, lambda d: _last(d, "arrange_appearance") is not None),
    Kind("absence", "负责人不能出庭情况说明", absence, lambda d: _absence(d) is not None),
]
BY_KEY = {k.key: k for k in KINDS}


def available(d: Dispute) -> list[tuple[str, str]]:
    return [(k.key, k.label) for k in KINDS if k.ready(d)]
