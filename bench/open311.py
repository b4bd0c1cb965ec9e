"""open311_post_rps: sustained Open311 POST requests/s on PostgreSQL with p95 latency (goal ≥ 200/s and p95 ≤ 200 ms),
gunicorn with 4 workers and 16 async clients on the same 2-core machine, points spread over 荷塘区."""
from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import statistics
import time
from pathlib import Path

from bench.scale import _free_port, _start_server
from fazhi.citydesk import actions as C
from fazhi.citydesk.models import Category, Issue, Unit
from fazhi.org.models import ApiToken, Bureau, Staff

SHARED = Path(os.environ.get("FAZHI_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))


def _setup() -> str:
    hetang = Bureau.objects.get(code="430202")
    region = C.import_region(bureau=hetang, code="430202", name="荷塘区",
                             geometry=json.loads((SHARED / "data" / "hunan-boundaries" / "430202.geojson").read_text()))
    unit = Unit.objects.create(name="荷塘区环境卫生管理所", duty="环境卫生")
    unit.regions.add(region)
    Category.objects.create(kind="event", class_code="01", class_name="市容环境", code="02", name="暴露垃圾",
                            filing_condition="公共区域存在暴露垃圾", limit=2, limit_unit="工作时", urgent_limit=1,
                            urgent_unit="工作时", closing_condition="清理干净", duty="环境卫生")
    return ApiToken.issue(Staff.objects.get(username="hetang_officer1"))[1]


async def _load(port: int, key: str, seconds: float, clients: int) -> list[float]:
    import httpx

    rng = random.Random(9)
    lat: list[float] = []
    stop = time.perf_counter() + seconds
    failures = []

    async def client():
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            while time.perf_counter() < stop:
                form = {"api_key": key, "service_code": "E0102", "lat": f"{27.85 + rng.random() * 0.03:.6f}",
                        "long": f"{113.16 + rng.random() * 0.03:.6f}", "description": "路边有暴露垃圾"}
                t = time.perf_counter()
                r = await http.post("/open311/v2/requests.json", data=form)
                lat.append((time.perf_counter() - t) * 1000)
                if r.status_code != 201:
                    failures.append(r.status_code)

    await asyncio.gather(*(client() for _ in range(clients)))
    if failures:
        raise SystemExit(f"bench: {len(failures)} failed POSTs, e.g. {failures[:3]}")
    return lat


def run(seconds: float = 30.0, clients: int = 16) -> dict:
    key = _setup()
    port = _free_port()
    server = _start_server(port)
    try:
        asyncio.run(_load(port, key, 3, clients))  # warm up
        before = Issue.objects.count()
        t = time.perf_counter()
        lat = asyncio.run(_load(port, key, seconds, clients))
        elapsed = time.perf_counter() - t
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    made = Issue.objects.count() - before
    p95 = statistics.quantiles(lat, n=100, method="inclusive")[94]
    out = {"open311_post_rps": {"value": round(made / elapsed, 1), "unit": "requests/s", "goal": "≥ 200 with p95 ≤ 200 ms",
                                "p95_ms": round(p95, 1), "p50_ms": round(statistics.median(lat), 1),
                                "requests": made, "seconds": round(elapsed, 1), "clients": clients,
                                "server": "gunicorn, 4 sync workers, on the same 2-core machine as the load client"}}
    print(out, flush=True)
    return out
