"""How `fazhi verify` compares a penalty case with its log (core/integrity.py calls this through the registry).

A case keeps its stream's head on its own row (version, chain_head) rather than in core_streamhead, and its
status, 立案编号, 决定书文号 and fine must be what the log last recorded."""
from __future__ import annotations

from fazhi.core.integrity import label, money

# Key fields of a penalty case and the event data that last set them (cases/actions).
FIELDS = {"case_no": ("case_no",), "decision_no": ("decision_no",)}
COLUMNS = ("chain_head", "case_no", "decision_no", "fine", "party_name", "cause")


def summarise(bodies: list[dict]) -> dict:
    fields: dict = {}
    for b in bodies:
        d = b.get("data") or {}
        for name, keys in FIELDS.items():
            for k in keys:
                if k in d:
                    fields[name] = d[k]
        if b.get("kind") in ("decide", "decide_on_site"):
            fields["fine"] = (d.get("penalty") or {}).get("fine", "0")
    return fields


def name(row: dict, stream: str) -> str:
    ident = row["decision_no"] or row["case_no"] or f"{row['party_name']} {row['cause']}"
    return f"案件 {ident}（{stream}）"


def check(a, name: str, row: dict, last) -> None:
    from fazhi.cases.models import PenaltyCase

    if row["version"] != last.seq:
        a.add(name, f"案件记载第{row['version']}条记录，全过程记录末条为第{last.seq}条"
                    + ("：末尾记录被删除" if row["version"] > last.seq else ""))
    elif row["chain_head"] and row["chain_head"] != last.hash:
        a.add(name, "案件记载的链头与全过程记录末条的哈希不一致：末条记录被替换")
    if last.status is not None and row["status"] != last.status:
        a.add(name, f"案件状态为“{label(PenaltyCase, row['status'])}”，全过程记录为“{label(PenaltyCase, last.status)}”："
                    "案件被绕过全过程记录修改")
    for f, what in (("case_no", "立案编号"), ("decision_no", "决定书文号")):
        if f in last.fields and (row[f] or "") != (last.fields[f] or ""):
            a.add(name, f"{what}为“{row[f]}”，全过程记录为“{last.fields[f]}”：案件被绕过全过程记录修改")
    if "fine" in last.fields and money(row["fine"]) != money(last.fields["fine"]):
        a.add(name, f"罚款金额为{row['fine']}元，全过程记录为{last.fields['fine']}元：案件被绕过全过程记录修改")
