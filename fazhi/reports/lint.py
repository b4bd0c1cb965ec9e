"""What an officer must never read in a document or report (issue 14 §3), checked on its extracted text: "None",
a Python dict or list, doubled or clashing punctuation, a rate as a bare fraction or decimal, money in 万元 not to
two decimals, English words or internal codes. Returns the problems found, each naming what and where, so a test
can say what is wrong. One function for every document kind and the reports."""
from __future__ import annotations

import re

CHECKS: list[tuple[str, re.Pattern]] = [
    ("出现 None", re.compile(r"\bNone\b|\bnull\b|\bnan\b", re.I)),
    ("出现程序字典或列表", re.compile(r"\{'|'\}|\['|'\]|\{\"|\": ")),
    ("标点重复或冲突", re.compile(r"。。|，。|。，|，，|；。|。；|、。")),
    ("比率写成裸分数（应为百分比并附分子分母）", re.compile(r"(?<![%％]（)(?<![\d/])\b\d+/\d+\b(?![\d/])")),
    ("比率写成小数", re.compile(r"(?<![\d.])0\.\d{3,}(?![\d万元])")),
    ("金额（万元）不是两位小数", re.compile(r"(?<![\d.])\d+(?:\.\d|\.\d{3,})?万元")),
    ("出现英文单词或内部代码", re.compile(r"\b(?!PDF\b|DOCX\b)[A-Za-z_]{3,}\b")),
]


def problems(text: str) -> list[str]:
    out = []
    for what, pattern in CHECKS:
        for m in pattern.finditer(text):
            lo, hi = max(0, m.start() - 12), min(len(text), m.end() + 12)
            out.append(f"{what}：“…{text[lo:hi]}…”")
    return out
