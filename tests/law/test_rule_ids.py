"""Every rule ID the code raises anywhere is in the catalogue (fazhi/law/rules.py) with a legal basis, and each app's
refusals cite its own sources: 数字化城管 GB/T 30428 and local rules, inspections the 涉企检查 documents, disclosure
the 公示 rules, never the penalty law's articles for duties it does not impose."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi.cases.workflow import DATE_RULES
from fazhi.law import laws
from fazhi.law.rules import RULES

ROOT = Path(__file__).resolve().parents[2] / "fazhi"
ID = r"([A-Z]{2,5}-[A-Z0-9]{2,8})"
FIRST_ARG = re.compile(r"(?:violation|RuleViolation)\(\s*\"" + ID + r"\"")
ROLE_ARG = re.compile(r"NotPermitted\((?:[^\n]|\n(?!\s*\n))*?,\s*\"" + ID + r"\"\)")


_MUTANT_DEF = re.compile(r"^(\s*)def \w*__mutmut_(?!orig\b)\w*\(")


def unmutated(text: str) -> str:
    """The source without the mutant copies of its functions that `make mutate` writes beside each original
    (mutmut 3: `x_name__mutmut_1`, …; the original is kept as `x_name__mutmut_orig`): a mutant's changed string
    ("XXPEN-16XX") is no rule the code raises."""
    out, skip = [], None
    for line in text.splitlines():
        if skip is not None:
            if not line.strip() or len(line) - len(line.lstrip()) > skip:
                continue
            skip = None
        m = _MUTANT_DEF.match(line)
        if m:
            skip = len(m.group(1))
            continue
        out.append(line)
    return "\n".join(out)


def raised() -> dict[str, set[str]]:
    """app → rule IDs its code raises (the first argument of violation()/RuleViolation(), the rule of NotPermitted)."""
    out: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = unmutated(path.read_text("utf-8"))
        ids = set(FIRST_ARG.findall(text)) | set(ROLE_ARG.findall(text))
        if ids:
            out.setdefault(path.relative_to(ROOT).parts[0], set()).update(ids)
    out.setdefault("cases", set()).update(DATE_RULES.values())
    return out


def test_the_scan_finds_what_the_apps_raise():
    r = raised()
    assert {"PEN-16", "ENF-10", "CASE-DATE"} <= r["cases"]
    assert "DCM-ROLE" in r["citydesk"] and "INS-03" in r["inspections"] and "PUB-ROLE" in r["disclosure"]


def test_the_scan_skips_mutant_copies_but_not_the_original():
    text = ('def x_f__mutmut_orig(a):\n    raise violation("PEN-16", "m")\n\n'
            'def x_f__mutmut_1(a):\n    raise violation("XXPEN-16XX", "m")\n    return 1\n'
            'def g():\n    raise violation("PEN-17", "m")\n')
    kept = unmutated(text)
    assert set(FIRST_ARG.findall(kept)) == {"PEN-16", "PEN-17"}


def test_every_raised_rule_is_in_the_catalogue_with_its_basis():
    missing = {(app, i) for app, ids in raised().items() for i in ids if i not in RULES}
    assert missing == set()
    for app, ids in raised().items():
        for i in ids:
            b = RULES[i].basis
            assert b.law.strip(), (app, i)


# app → the sources its own refusals may cite (prefixes of rule IDs)
OWN = {
    "citydesk": ("DCM-", "DAY-"),
    "open311": ("DCM-", "DAY-"),
    "inspections": ("INS-", "CASE-DATE", "PEN-14"),  # PEN-14: a finding moved into a penalty case
    "disclosure": ("PUB-", "PEN-29", "CASE-DATE"),
    "reports": ("RPT-",),
    "decisions": ("MJD-",),
}


@pytest.mark.parametrize("app", sorted(OWN))
def test_each_app_cites_its_own_sources(app):
    wrong = {i for i in raised().get(app, set()) if not i.startswith(OWN[app])}
    assert wrong == set()


def test_citydesk_refusals_cite_gbt_30428_never_the_penalty_law():
    for app in ("citydesk", "open311"):
        for i in raised().get(app, set()):
            assert RULES[i].basis.law != laws.XZCF, i
    assert RULES["DCM-ROLE"].basis.law == laws.GBT_30428


def test_ENF_10_demand_before_the_payment_date_cites_the_administrative_compulsion_law():
    assert DATE_RULES[("serve_demand", "payment_due")] == "ENF-10"
    b = RULES["ENF-10"].basis
    assert (b.law, b.article) == (laws.XZQZ, 54)


def test_no_citation_repeats_its_article_in_the_note():
    for r in RULES.values():
        text = str(r.basis)
        if r.basis.article:
            law_end = text.index("》") + 1  # a law's own name may hold 条 (…条例)
            article = text[law_end:text.index("条", law_end) + 1]
            assert f"（{article}" not in text and f"、{article}" not in text.split("（", 1)[-1], (r.id, text)
    assert str(RULES["DIS-05"].basis) == "《中华人民共和国行政处罚法》第三十二条（并第三十三条）"
