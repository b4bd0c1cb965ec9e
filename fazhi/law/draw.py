"""双随机 (INS-07, INS-09): a random draw of inspection targets and inspector pairs that anyone can re-run.

The algorithm is specified in docs/draw-algorithm.md precisely enough to re-implement in another language; this
module is that specification in Python and uses nothing but SHA-256 and integer arithmetic:

1. Freeze the inputs: candidates (subject code + stratum), inspectors (code + residence), recusals and the
   previous inspector of each subject, sorted; their canonical JSON is hashed and the hash published.
2. Commit to a seed: publish SHA-256(seed) before the draw (or name a public future value as the seed).
3. Draw: a stream of 64-bit numbers = the first 8 bytes of SHA-256(seed ‖ "fazhi-draw/1" ‖ counter) for
   counter = 0, 1, 2, …; a number in [0, n) is taken by rejection (no modulo bias). Targets: per stratum, in
   stratum order, a partial Fisher–Yates shuffle of the stratum's candidates picks the first k. Inspectors: for
   each target in drawn order, two distinct inspectors eligible for it (not recused, not the subject's previous
   inspector, optionally not living where the subject is) are drawn by rejection: a number below the pool size
   picks an inspector; an ineligible (or already picked) one is drawn again. If fewer than two are eligible, no
   number is drawn and the target is marked for manual assignment.
4. Publish the seed and the result; `verify()` re-runs 3 on the published inputs and compares byte for byte.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fazhi.law.rules import violation

ALGORITHM = "fazhi-draw/1"


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Stream:
    """Deterministic uniform integers from a seed (step 3 of the specification)."""

    def __init__(self, seed: bytes):
        self.prefix = seed + ALGORITHM.encode()
        self.counter = 0

    def next64(self) -> int:
        block = hashlib.sha256(self.prefix + self.counter.to_bytes(8, "big")).digest()
        self.counter += 1
        return int.from_bytes(block[:8], "big")

    def below(self, n: int) -> int:
        """Uniform in [0, n) by rejection: numbers ≥ the largest multiple of n below 2^64 are thrown away."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.next64()
            if x < limit:
                return x % n


@dataclass(frozen=True)
class Inputs:
    """The frozen, published inputs of one draw. Lists are sorted by code when frozen."""

    candidates: list[tuple[str, str]]              # (subject code, stratum)
    quotas: dict[str, int]                         # stratum → how many to draw
    inspectors: list[tuple[str, str]]              # (inspector code, residence)
    recusals: list[tuple[str, str]] = field(default_factory=list)   # (inspector, subject)
    previous: dict[str, list[str]] = field(default_factory=dict)    # subject → inspectors of its last inspection
    subject_residence: dict[str, str] = field(default_factory=dict)
    same_residence_rule: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"algorithm": ALGORITHM, "candidates": [list(c) for c in self.candidates], "quotas": self.quotas,
                "inspectors": [list(i) for i in self.inspectors], "recusals": [list(r) for r in self.recusals],
                "previous": self.previous, "subject_residence": self.subject_residence,
                "same_residence_rule": self.same_residence_rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Inputs:
        if d.get("algorithm") != ALGORITHM:
            raise ValueError(f"unknown draw algorithm {d.get('algorithm')}")
        return cls([tuple(c) for c in d["candidates"]], d["quotas"], [tuple(i) for i in d["inspectors"]],
                   [tuple(r) for r in d["recusals"]], d["previous"], d["subject_residence"], d["same_residence_rule"])

    def digest(self) -> str:
        """Computed once (it is what was published when the inputs were frozen)."""
        cached = self.__dict__.get("_digest")
        if cached is None:
            cached = sha256_hex(canonical(self.as_dict()))
            object.__setattr__(self, "_digest", cached)
        return cached


def freeze(candidates: Iterable[tuple[object, object]], quotas: Mapping[str, int],
           inspectors: Iterable[tuple[object, object]],
           recusals: Iterable[tuple[object, object]] = (), previous: Mapping[str, Any] | None = None,
           subject_residence: Mapping[str, str] | None = None, same_residence_rule: bool = False) -> Inputs:
    """Sort and de-duplicate the inputs into their canonical form (step 1)."""
    cands = sorted(set((str(c), str(s)) for c, s in candidates))
    codes = [c for c, _ in cands]
    if len(set(codes)) != len(codes):
        raise violation("INS-09", "检查对象名录库中有重复的对象（同一对象只能属于一个层级）")
    insp = sorted(set((str(i), str(r)) for i, r in inspectors))
    if len({i for i, _ in insp}) != len(insp):
        raise violation("INS-09", "执法检查人员名录库中有重复的人员")
    strata = {s for _, s in cands}
    for s, k in quotas.items():
        if k < 0 or s not in strata and k > 0:
            raise violation("INS-09", f"层级“{s}”的抽取数量不正确")
    return Inputs(cands, dict(sorted(quotas.items())), insp, sorted(set((str(a), str(b)) for a, b in recusals)),
                  {k: sorted(v) for k, v in sorted((previous or {}).items())}, dict(sorted((subject_residence or {}).items())),
                  same_residence_rule)


@dataclass(frozen=True)
class Result:
    targets: list[dict[str, Any]]         # [{subject, stratum, inspectors: [a, b] | [], note}]
    inputs_sha256: str
    seed_sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"algorithm": ALGORITHM, "inputs_sha256": self.inputs_sha256, "seed_sha256": self.seed_sha256,
                "targets": self.targets}

    def canonical(self) -> bytes:
        return canonical(self.as_dict())


def draw(inputs: Inputs, seed: bytes) -> Result:
    """Step 3. Pure and deterministic: the same inputs and seed give the same bytes."""
    rng = Stream(seed)
    by_stratum: dict[str, list[str]] = {}
    for code, stratum in inputs.candidates:
        by_stratum.setdefault(stratum, []).append(code)
    chosen: list[tuple[str, str]] = []
    for stratum in sorted(inputs.quotas):
        pool = by_stratum.get(stratum, [])
        k = min(inputs.quotas[stratum], len(pool))
        swaps: dict[int, int] = {}  # partial Fisher–Yates without copying the pool
        n = len(pool)
        for i in range(k):
            j = i + rng.below(n - i)
            a, b = swaps.get(i, i), swaps.get(j, j)
            swaps[i], swaps[j] = b, a
            chosen.append((pool[b], stratum))
    recused: dict[str, set[str]] = {}
    for inspector, subject in inputs.recusals:
        recused.setdefault(subject, set()).add(inspector)
    pool = [code for code, _ in inputs.inspectors]
    residence = dict(inputs.inspectors)
    per_residence: dict[str, int] = {}
    for r in residence.values():
        per_residence[r] = per_residence.get(r, 0) + 1
    targets = []
    for subject, stratum in chosen:
        home = inputs.subject_residence.get(subject) if inputs.same_residence_rule else None
        excluded = {i for i in recused.get(subject, set()) | set(inputs.previous.get(subject, ()))
                    if i in residence and residence[i] != home}
        eligible = len(pool) - len(excluded) - (per_residence.get(home, 0) if home else 0)
        if eligible < 2:
            targets.append({"subject": subject, "stratum": stratum, "inspectors": [],
                            "note": "符合回避条件的执法检查人员不足二人，须另行指派"})
            continue
        picked: list[str] = []
        while len(picked) < 2:
            code = pool[rng.below(len(pool))]
            if code in excluded or code in picked or (home and residence[code] == home):
                continue
            picked.append(code)
        targets.append({"subject": subject, "stratum": stratum, "inspectors": picked, "note": ""})
    return Result(targets, inputs.digest(), sha256_hex(seed))


@dataclass
class Verification:
    ok: bool
    problems: list[str]


def verify(published: dict[str, Any]) -> Verification:
    """Re-run a published draw (its inputs, seed commitment, seed and result) and compare byte for byte."""
    problems = []
    inputs = Inputs.from_dict(published["inputs"])
    seed = bytes.fromhex(published["seed"])
    if inputs.digest() != published["inputs_sha256"]:
        problems.append("抽取名单与公布的名单哈希不一致：名单在公布后被改动")
    if sha256_hex(seed) != published["seed_commitment"]:
        problems.append("随机种子与事先公布的承诺值不一致")
    again = draw(inputs, seed)
    if again.canonical() != canonical(published["result"]):
        problems.append("按公布的输入重新抽取，结果与公布的结果不一致")
    return Verification(not problems, problems)


def publication(inputs: Inputs, seed: bytes) -> dict[str, Any]:
    """What a bureau publishes after the draw: inputs, their hash, the seed and its (earlier) commitment, result."""
    return {"algorithm": ALGORITHM, "inputs": inputs.as_dict(), "inputs_sha256": inputs.digest(),
            "seed_commitment": sha256_hex(seed), "seed": seed.hex(), "result": draw(inputs, seed).as_dict()}


# --- 统一社会信用代码 (GB 32100-2015) -------------------------------------------------------------------------

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """GB 32100-2015: 18 characters from the 31-character set, the last a weighted mod-31 check character."""
    code = code.strip().upper()
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]
