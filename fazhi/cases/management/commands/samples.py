"""fazhi samples [-o DIR] [--kinds decision,on_site,…]: page images of the 文书 from the loaded demo (docs/samples).

For each kind it picks the demo case that shows the most of the document (the 决定书 of the case that went through
the most procedure, the 当场处罚决定书 paid at a bank, the 事先告知书 with a hearing right, a 询问笔录 with 问/答),
renders the PDF as every user gets it and converts each page to PNG with pdftoppm (poppler-utils)."""
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.cases import documents
from fazhi.cases.models import PenaltyCase
from fazhi.core import doclint
from fazhi.core.models import Event

DEFAULT_KINDS = ["decision", "on_site", "notice", "inquiry"]
PROCEDURE = ("record_statement", "request_hearing", "hold_hearing", "legal_review", "approve_departure", "deliberate")


def _score(case: PenaltyCase, key: str) -> tuple:
    kinds = set(Event.objects.filter(stream=case.stream).values_list("kind", flat=True))
    if key == "decision":
        return (len(kinds & set(PROCEDURE)) + bool(case.discretion), case.fine > 0, -case.pk)
    if key == "on_site":
        return (not case.collected_on_spot, case.party_kind == "org", -case.pk)
    if key == "notice":
        return (case.hearing_right, -case.pk)
    return (-case.pk,)


def pick(key: str) -> PenaltyCase | None:
    """The demo case whose document of this kind shows the most (deterministic for a given database)."""
    qs = PenaltyCase.objects.order_by("id")
    if key == "decision":
        qs = qs.filter(decided_on__isnull=False, on_spot=False, outcome="penalty")
    elif key == "on_site":
        qs = qs.filter(on_spot=True)
    elif key == "notice":
        qs = qs.filter(notified_on__isnull=False)
    elif key == "inquiry":
        qs = qs.filter(evidence__kind="party_statement").distinct()
    best, best_score = None, None
    for case in qs[:400]:
        if key not in {k.key for k in documents.available(case)}:
            continue
        s = _score(case, key)
        if best_score is None or s > best_score:
            best, best_score = case, s
    return best


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
            if key not in documents.BY_KEY:
                raise CommandError(f"没有“{key}”这种文书")
            case = pick(key)
            if case is None:
                raise CommandError(f"演示数据中没有形成{documents.BY_KEY[key].title}的案件；请先运行 fazhi demo")
            doc = documents.build(case, key)
            pdf = documents.to_pdf(doc)
            problems = doclint.pdf_problems(pdf, doc) + doclint.doc_problems(doc)
            for old in out.glob(f"{key}-*.png"):
                old.unlink()
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / f"{key}.pdf"
                src.write_bytes(pdf)
                subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), str(out / key)], check=True, timeout=120)
            pages = sorted(out.glob(f"{key}-*.png"))
            self.stdout.write(f"{doc.title}（{case}）：{len(pages)}页 → " + "、".join(p.name for p in pages))
            for p in problems:
                self.stderr.write(f"  检查未通过：{p}")
