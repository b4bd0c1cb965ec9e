"""draw_s: one 双随机 draw over 1,000,000 subjects in 3 strata and 10,000 inspectors with 50,000 declared
recusals and a previous-inspector rule, drawing 10,000 targets. The draw is timed; freezing the lists (sort,
de-duplicate) and hashing them happen when they are published, before the draw, and are reported beside it."""
from __future__ import annotations

import random
import time

from fazhi.law import draw as D


def run(subjects: int = 1_000_000, inspectors: int = 10_000) -> dict:
    rng = random.Random(5)
    cands = [(f"9143{i:014d}", ("高风险", "中风险", "低风险")[i % 3]) for i in range(subjects)]
    insp = [(f"ZF{i:05d}", f"街道{i % 50}") for i in range(inspectors)]
    recusals = [(f"ZF{rng.randrange(inspectors):05d}", f"9143{rng.randrange(subjects):014d}") for _ in range(50_000)]
    previous = {f"9143{rng.randrange(subjects):014d}": [f"ZF{rng.randrange(inspectors):05d}"] for _ in range(100_000)}
    t = time.perf_counter()
    inputs = D.freeze(cands, {"高风险": 5000, "中风险": 3000, "低风险": 2000}, insp, recusals, previous)
    freeze_s = time.perf_counter() - t
    t = time.perf_counter()
    digest = inputs.digest()
    digest_s = time.perf_counter() - t
    times = []
    for k in range(3):
        t = time.perf_counter()
        result = D.draw(inputs, f"seed-{k}".encode())
        times.append(time.perf_counter() - t)
    assert len(result.targets) == 10_000 and result.inputs_sha256 == digest
    out = {"draw_s": {"value": round(min(times), 3), "unit": "s", "goal": "≤ 2", "subjects": subjects,
                      "inspectors": inspectors, "targets": 10_000, "recusals": 50_000,
                      "runs_s": [round(x, 3) for x in times], "freeze_s": round(freeze_s, 2),
                      "inputs_hash_s": round(digest_s, 2)}}
    print(out, flush=True)
    return out
