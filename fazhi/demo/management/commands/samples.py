"""fazhi samples [-o DIR] [--kinds decision,on_site,…]: page images of the 文书 from the loaded demo (docs/samples).

Every kind of 文书 a case produces, the 当场处罚决定书 also on an 80 mm roll (`on_site_roll`), and the documents of a
major decision (`major_minutes`, `major_review`: the 集体讨论纪要 and the 合法性审查意见书). For each kind it picks the
demo case that shows the most of the document (the 决定书 of the case that went through the most procedure, the
当场处罚决定书 signed on the phone and paid at a bank, the 送达回证 of a 留置送达, the 事先告知书 with a hearing
right, a 询问笔录 with 问/答), renders the PDF as every user gets it, converts each page to PNG with pdftoppm
(poppler-utils) and reports what the document lint finds."""
import dataclasses
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.cases import documents
from fazhi.cases.models import PenaltyCase
from fazhi.core import doclint
from fazhi.core.layout import Doc
from fazhi.core.models import Event

EXTRA = ["on_site_roll", "major_minutes", "major_review"]
DEFAULT_KINDS = [k.key for k in documents.KINDS] + EXTRA
PROCEDURE = ("record_statement", "request_hearing", "hold_hearing", "legal_review", "approve_departure", "deliberate")
# The event that makes each kind available: the candidates are the cases that have one.
READY_EVENT = {"filing": "file", "notice": "notify", "hearing_right": "notify", "hearing_notice": "schedule_hearing",
               "hearing_record": "hold_hearing", "review": "legal_review", "deliberation": "deliberate",
               "decision": "decide", "correction": "decide", "on_site": "decide_on_site", "service": "serve",
               "demand": "serve_demand", "court": "apply_court", "closing": "close"}
CANDIDATES = 150


def _score(case: PenaltyCase, key: str) -> tuple:
    kinds = set(Event.objects.filter(stream=case.stream).values_list("kind", flat=True))
    if key == "decision":
        return (len(kinds & set(PROCEDURE)) + bool(case.discretion), case.fine > 0, -case.pk)
    if key == "on_site":
        signed = Event.objects.filter(stream=case.stream, kind="decide_on_site", data__receipt="signed").exists()
        return (signed, not case.collected_on_spot, case.party_kind == "org", -case.pk)
    if key == "notice":
        return (case.hearing_right, -case.pk)
    if key == "service":
        return (case.service_method == "left", case.party_kind == "org", -case.pk)
    if key == "deliberation":
        return (case.party_kind == "org", -case.pk)
    return (-case.pk,)


def _candidates(key: str):
    qs = PenaltyCase.objects.order_by("id")
    if key in READY_EVENT:
        streams = Event.objects.filter(stream__startswith="case:", kind=READY_EVENT[key]).values_list("stream", flat=True)
        uuids = {s.split(":", 1)[1] for s in streams[:5000]}
        qs = qs.filter(uuid__in=uuids)
    if key == "decision":
        qs = qs.filter(on_spot=False, outcome="penalty")
    elif key == "inquiry":
        qs = qs.filter(evidence__kind="party_statement").distinct()
    elif key == "inspection":
        qs = qs.filter(evidence__kind="inspection").distinct()
    return qs[:CANDIDATES]


def pick(key: str) -> PenaltyCase | None:
    """The demo case whose document of this kind shows the most (deterministic for a given database)."""
    best, best_score = None, None
    for case in _candidates(key):
        if key not in {k.key for k in documents.available(case)}:
            continue
        s = _score(case, key)
        if best_score is None or s > best_score:
            best, best_score = case, s
    return best


def _major(key: str) -> tuple[Doc, str] | None:
    """A major decision's 纪要 or 合法性审查意见书, from the demo decision that has reached it."""
    from fazhi.decisions import documents as D
    from fazhi.decisions.models import Decision

    kind = D.BY_KEY[key.removeprefix("major_")]
    for d in Decision.objects.order_by("id"):
        f = D.Facts(d)
        if kind.ready(f):
            return kind.build(f), d.title
    return None


def build(key: str) -> tuple[Doc, str]:
    if key.startswith("major_"):
        found = _major(key)
        if found is None:
            raise CommandError("演示数据中没有形成该文书的重大行政决策；请先运行 fazhi demo")
        return found
    base = "on_site" if key == "on_site_roll" else key
    if base not in documents.BY_KEY:
        raise CommandError(f"没有“{key}”这种文书")
    case = pick(base)
    if case is None:
        raise CommandError(f"演示数据中没有形成{documents.BY_KEY[base].title}的案件；请先运行 fazhi demo")
    doc = documents.build(case, base)
    if key == "on_site_roll":
        doc = dataclasses.replace(doc, size="roll")
    return doc, str(case)


class Command(BaseCommand):
    help = "从演示数据生成文书样张（PDF 逐页转为 PNG），供 docs/samples 使用"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output-dir", default="docs/samples")
        parser.add_argument("--kinds", default=",".join(DEFAULT_KINDS), help="文书种类，逗号分隔")
        parser.add_argument("--dpi", type=int, default=80)

    def handle(self, *args, output_dir, kinds, dpi, **opts):
        if shutil.which("pdftoppm") is None:
            raise CommandError("需要 pdftoppm（Debian 软件包 poppler-utils）")
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        for key in [k.strip() for k in kinds.split(",") if k.strip()]:
            doc, source = build(key)
            pdf = documents.to_pdf(doc)
            problems = doclint.doc_problems(doc) + doclint.served_problems(doc, pdf)
            if doc.size != "roll":  # a roll is one long page by design
                problems += doclint.pdf_problems(pdf, doc)
            for old in out.glob(f"{key}-*.png"):
                old.unlink()
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / f"{key}.pdf"
                src.write_bytes(pdf)
                subprocess.run(["pdftoppm", "-r", str(dpi * 2 if doc.size == "roll" else dpi), "-png", str(src),
                                str(out / key)], check=True, timeout=120)
            pages = sorted(out.glob(f"{key}-*.png"))
            self.stdout.write(f"{doc.title}（{source}）：{len(pages)}页 → " + "、".join(p.name for p in pages))
            for p in problems:
                self.stderr.write(f"  检查未通过：{p}")

