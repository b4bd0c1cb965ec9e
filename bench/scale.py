"""case_list_p95_ms, case_detail_p95_ms and case_search_p95_ms: the case list, case detail and case search (a
two-character fragment of a party's name, or the tail of a 文号) API at 16 concurrent clients with 1,000,000
cases in PostgreSQL, served by gunicorn as in production.

The cases are generated in SQL from one real case (made through the actions by the engine benchmark), with
varied bureaus, states, dates and parties, two officers, two evidence items and six events each. The events
are shaped like real ones but their hashes are filler: `fazhi verify` is not meant to pass on the bench
database. Generation runs once; the database is kept between runs."""
from __future__ import annotations

import asyncio
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection, transaction

from fazhi.cases.models import PenaltyCase
from fazhi.org.models import ApiToken, Bureau, Staff

BATCH = 100_000
# No peer can be run here; the issue names this published figure for scale (not measured by us).
REFERENCE = "Open Zaak reports a 240–390 ms median at 16 users with 1,000,000 cases on 10 replicas"
STATUSES = (["archived"] * 7 + ["closed"] * 3 + ["executing"] * 3 + ["investigating"] * 2 + ["notified", "reported",
            "decided", "enforcing", "clue"])
OPEN = ("executing", "investigating", "notified", "reported", "decided", "enforcing", "clue")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
CAUSES = ["擅自在街道两侧堆放物料影响市容", "运输散装货物未密封造成遗撒", "擅自设置大型户外广告影响市容",
          "临街工地未设置护栏影响市容", "未取得建设工程规划许可证进行建设", "擅自搭建构筑物影响市容"]
EVENTS = ["register", "file", "add_evidence", "conclude_investigation", "notify", "decide"]


def _sql_array(items) -> str:
    return "ARRAY[" + ",".join("'" + s.replace("'", "''") + "'" for s in items) + "]"


def _progress(msg: str) -> None:
    print(f"  [scale] {msg}", flush=True)


def ensure_cases(target: int) -> None:
    have = PenaltyCase.objects.count()
    if have >= target:
        return
    template = PenaltyCase.objects.filter(status="archived").order_by("id").first()
    if template is None:  # one real case, made through the actions, is the pattern for all the others
        from bench.engine import fazhi_lifecycle, staff

        fazhi_lifecycle(staff())
        template = PenaltyCase.objects.filter(status="archived").order_by("id").first()
    entities = list(Bureau.objects.filter(kind__in=["district", "county"]).order_by("id"))
    officers = {b.pk: list(Staff.objects.filter(bureau__path__startswith=b.path, username__contains="_officer")
                           .order_by("id").values_list("id", flat=True)) for b in entities}
    ents = "ARRAY[" + ",".join(str(b.pk) for b in entities) + "]"
    prefixes = _sql_array([b.doc_prefix or b.short_name for b in entities])
    # Two officers per bureau suffice for variety: (bureau index) → officer ids.
    off_a = "ARRAY[" + ",".join(str(officers[b.pk][0]) for b in entities) + "]"
    off_b = "ARRAY[" + ",".join(str(officers[b.pk][1]) for b in entities) + "]"
    n_ent = len(entities)
    qn = connection.ops.quote_name
    override = {
        "uuid": "gen_random_uuid()",
        "bureau_id": f"({ents})[1 + g %% {n_ent}]",
        "squad_id": "NULL",
        "status": f"({_sql_array(STATUSES)})[1 + (g / {n_ent}) %% {len(STATUSES)}]",
        "case_no": f"({prefixes})[1 + g %% {n_ent}] || '立字〔' || (2017 + g %% 10) || '〕第' || lpad((g / 60)::text, 6, '0') || '号'",
        "decision_no": f"({prefixes})[1 + g %% {n_ent}] || '罚决字〔' || (2017 + g %% 10) || '〕第' || lpad((g / 60)::text, 6, '0') || '号'",
        "party_name": f"substr('{SURNAMES}', 1 + g %% 20, 1) || substr('{GIVEN}', 1 + (g / 20) %% 20, 1) || "
                      f"substr('{GIVEN}', 1 + (g / 400) %% 20, 1)",
        "party_kind": "'citizen'",
        "cause": f"({_sql_array(CAUSES)})[1 + g %% {len(CAUSES)}]",
        "created_at": "timestamptz '2017-01-01 08:00+08' + g * interval '5 minutes'",
        "discovered_on": "date '2017-01-01' + (g / 300)::int",
        "act_on": "date '2017-01-01' + (g / 300)::int",
        "filed_on": "date '2017-01-02' + (g / 300)::int",
        "fine": "(100 * (1 + g %% 200))::numeric",
        "proposed_fine": "(100 * (1 + g %% 200))::numeric",
        "next_due": f"CASE WHEN ({_sql_array(STATUSES)})[1 + (g / {n_ent}) %% {len(STATUSES)}] = ANY({_sql_array(OPEN)}) "
                    "THEN date '2026-11-20' + ((g %% 60) - 20) END",
        "officer_ids": f"jsonb_build_array(({off_a})[1 + g %% {n_ent}], ({off_b})[1 + g %% {n_ent}])",
        "version": "6",
    }
    fields = [f for f in PenaltyCase._meta.concrete_fields if not f.primary_key]
    cols = ", ".join(qn(f.column) for f in fields)
    exprs = ", ".join(override.get(f.column, f"t.{qn(f.column)}") for f in fields)
    start = PenaltyCase.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _progress(f"generating {target - have:,} cases after id {start}")
    t0 = time.perf_counter()
    done = 0
    while have + done < target:
        n = min(BATCH, target - have - done)
        lo = start + done
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"""
                INSERT INTO cases_penaltycase ({cols})
                SELECT {exprs} FROM cases_penaltycase t, generate_series({lo + 1}, {lo + n}) AS g
                WHERE t.id = %s""", [template.pk])
        done += n
        _progress(f"cases {have + done:,}/{target:,} ({time.perf_counter() - t0:.0f} s)")
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("""
            INSERT INTO cases_caseofficer (case_id, staff_id, role, assigned_on, recused_on, recusal_reason)
            SELECT c.id, (c.officer_ids ->> k)::bigint, CASE WHEN k = 0 THEN 'lead' ELSE 'assist' END, c.filed_on,
                   NULL, ''
            FROM cases_penaltycase c, generate_series(0, 1) AS k WHERE c.id > %s""", [start])
        _progress(f"officers ({time.perf_counter() - t0:.0f} s)")
        cur.execute("""
            INSERT INTO cases_evidence (created_at, updated_at, uuid, case_id, kind, title, description, collected_on,
                                        collected_by_id, place, from_monitoring, reviewed_on, sha256, size, filename,
                                        content_type)
            SELECT c.created_at, c.created_at, gen_random_uuid(), c.id,
                   (ARRAY['inspection','audiovisual'])[k], (ARRAY['现场检查笔录','执法记录仪视频'])[k], '',
                   c.filed_on, (c.officer_ids ->> 0)::bigint, c.place, false, NULL, '', 0, '', ''
            FROM cases_penaltycase c, generate_series(1, 2) AS k WHERE c.id > %s""", [start])
        _progress(f"evidence ({time.perf_counter() - t0:.0f} s)")
        cur.execute(f"""
            INSERT INTO core_event (stream, seq, kind, data, actor, actor_name, effective_on, entered_at,
                                    prev_hash, hash)
            SELECT 'case:' || c.uuid, k, ({_sql_array(EVENTS)})[k],
                   jsonb_build_object('status', c.status, 'version', k, 'note', '批量生成'),
                   'bench', '基准测试', c.filed_on + k, c.created_at + k * interval '1 day',
                   CASE WHEN k = 1 THEN repeat('0', 64)
                        ELSE encode(sha256(convert_to(c.uuid::text || (k - 1), 'UTF8')), 'hex') END,
                   encode(sha256(convert_to(c.uuid::text || k, 'UTF8')), 'hex')
            FROM cases_penaltycase c, generate_series(1, 6) AS k WHERE c.id > %s""", [start])
        _progress(f"events ({time.perf_counter() - t0:.0f} s)")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    _progress(f"done in {time.perf_counter() - t0:.0f} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int, workers: int = 4) -> subprocess.Popen:
    # Production mode refuses the built-in secret key (docs/security.md): the bench server gets a random one.
    env = dict(os.environ, FAZHI_DEBUG="0", FAZHI_CONN_MAX_AGE="600",
               FAZHI_SECRET_KEY=os.environ.get("FAZHI_SECRET_KEY") or secrets.token_urlsafe(50))
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "fazhi.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level",
                             "warning"], env=env, start_new_session=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("bench: gunicorn did not start")


def _requests(n: int) -> list[tuple[str, str, str]]:
    """(kind, token, path): lists with the filters staff use, and case pages, for city and district users."""
    rng = random.Random(11)
    users = ["city_supervisor"] + [f"{s}_head" for s in ("hetang", "lusong", "shifeng", "tianyuan", "lukou",
                                                        "liling")]
    staff = {u: Staff.objects.select_related("bureau").get(username=u) for u in users}
    tokens = {u: ApiToken.issue(s)[1] for u, s in staff.items()}
    entity_codes = [b.code for b in Bureau.objects.filter(kind__in=["district", "county"])]
    max_id = PenaltyCase.objects.order_by("-id").values_list("id", flat=True).first()
    ids = [rng.randint(1, max_id) for _ in range(n)]
    cases = dict(PenaltyCase.objects.filter(id__in=ids).values_list("uuid", "bureau__code"))
    heads = {s.bureau.code: u for u, s in staff.items() if u != "city_supervisor"}
    uuids = list(cases.items())
    names = list(PenaltyCase.objects.filter(id__in=ids).values_list("party_name", "decision_no"))
    out = []
    for i in range(n):
        if i % 4 == 3:  # 案件查询: a two-character fragment of a party's name, or the tail of a 文号 (issue 15)
            name, number = rng.choice(names)
            user = rng.choice(users)
            if i % 8 == 3 and number:
                out.append(("search", tokens[user], "/api/v1/cases?limit=50&" + urlencode({"q": number[-9:]})))
            else:
                start = rng.randint(0, max(0, len(name) - 2))
                out.append(("search", tokens[user], "/api/v1/cases?limit=50&" + urlencode({"q": name[start:start + 2]})))
        elif i % 2 == 0:
            user = rng.choice(users)
            q = rng.choice(["", "status=executing", "status=investigating", "procedure=general", "overdue=true",
                            f"bureau={rng.choice(entity_codes)}"])
            out.append(("list", tokens[user], f"/api/v1/cases?limit=50&{q}"))
        else:
            uuid, code = rng.choice(uuids)
            user = rng.choice([heads.get(code, "city_supervisor"), "city_supervisor"])
            out.append(("detail", tokens[user], f"/api/v1/cases/{uuid}"))
    return out


async def _load(port: int, reqs, clients: int) -> dict[str, list[float]]:
    import httpx

    lat: dict[str, list[float]] = {"list": [], "detail": [], "search": []}
    queue = list(reversed(reqs))
    errors = []

    async def client():
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            while queue:
                kind, token, path = queue.pop()
                t = time.perf_counter()
                r = await http.get(path, headers={"Authorization": f"Bearer {token}"})
                lat[kind].append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    errors.append((r.status_code, path))

    await asyncio.gather(*(client() for _ in range(clients)))
    if errors:
        raise SystemExit(f"bench: {len(errors)} failed requests, e.g. {errors[:3]}")
    return lat


def _pct(values: list[float], p: float) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1], 1)


def run(cases: int, requests: int, clients: int = 16) -> dict:
    ensure_cases(cases)
    total = PenaltyCase.objects.count()
    port = _free_port()
    server = _start_server(port)
    try:
        asyncio.run(_load(port, _requests(200), clients))  # warm the workers and their connections
        reqs = _requests(requests)
        t = time.perf_counter()
        lat = asyncio.run(_load(port, reqs, clients))
        elapsed = time.perf_counter() - t
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    out = {}
    for kind in ("list", "detail", "search"):
        v = lat[kind]
        out[f"case_{kind}_p95_ms"] = {
            "value": _pct(v, 95), "unit": "ms", "goal": "≤ 200" if kind == "search" else "≤ 250",
            "p50_ms": _pct(v, 50), "requests": len(v),
            "clients": clients, "cases": total, "throughput_rps": round(len(reqs) / elapsed, 1),
            "server": "gunicorn, 4 sync workers, on the same 2-core machine as the load client",
            "reference": REFERENCE}
    for k, r in out.items():
        print(k, r, flush=True)
    return out
