"""Sentences of the 文书 (cases/wording.py): an officer's text is placed once, with one closing mark (issue 14 §2)."""
from datetime import UTC, datetime

from fazhi.cases import wording as W


def test_officer_text_loses_lead_in_closing_mark_and_evidence_sentence():
    typed = "经查，2026年11月25日起当事人在建设中路堆放物料。有现场检查笔录、询问笔录为证。"
    assert W.facts_clause(typed) == "2026年11月25日起当事人在建设中路堆放物料"
    assert W.found(typed) == "经查，2026年11月25日起当事人在建设中路堆放物料"
    assert W.sentence(W.found(typed)) == "经查，2026年11月25日起当事人在建设中路堆放物料。"
    assert W.found("经查属实") == "经查属实"  # a lead-in that is part of the sentence is kept, not doubled


def test_sentence_closes_once_and_joins_clauses():
    assert W.sentence("同意。", "", "责令改正；") == "同意，责令改正。"
    assert W.sentences("甲。", "乙") == "甲。乙。"
    assert W.sentence("") == ""
    assert W.clause("一是堆放物料。二是未设围挡。") == "一是堆放物料；二是未设围挡"


def test_orders_amounts_and_address():
    assert W.order_clause("责令当事人立即改正违法行为。") == "立即改正违法行为"
    assert W.clause("同意罚款15000元") == "同意罚款15,000.00元"
    assert W.yuan("5000") == "人民币5,000.00元"
    assert (W.you("citizen"), W.you("org")) == ("你", "你单位")
    assert W.listing(["现场检查笔录。", "询问笔录"]) == "1.现场检查笔录；2.询问笔录"


def test_moment_in_beijing_time():
    assert W.moment(datetime(2026, 3, 4, 23, 30, tzinfo=UTC)) == "2026年3月5日7时30分"
