"""open311_post_rps: sustained Open311 POST requests/s on PostgreSQL with p95 latency (goal ≥ 200/s and p95 ≤ 200 ms),
gunicorn on the same 2-core machine as the load client, points spread over 荷塘区.

The load client is wrk (C, Debian package `wrk`) with a Lua script that sends a fresh random point in each form:
a Python client (httpx) on the same two cores took about a third of the CPU the server needs, so it measured
itself as much as the server. Without wrk the httpx client still runs, and the result says which client ran."""
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

SHARED = Path(os.environ.get("FAZHI_SHARED_DIR") or Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "shared")


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


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
math.randomseed(9)
request = function()
  local body = string.format("api_key=%s&service_code=E0102&lat=%.6f&long=%.6f&description=%%E6%%9A%%B4%%E9%%9C%%B2%%E5%%9E%%83%%E5%%9C%%BE",
    "KEY", 27.85 + math.random() * 0.03, 113.16 + math.random() * 0.03)
  return wrk.format(nil, "/open311/v2/requests.json", nil, body)
end
done = function(summary, latency, requests)
  io.stderr:write(string.format('{"requests": %d, "non2xx": %d, "p50_ms": %.1f, "p95_ms": %.1f, "seconds": %.2f}\\n',
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.duration / 1e6))
end
"""


def _wrk(port: int, key: str, seconds: float, clients: int) -> dict:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT.replace("KEY", key))
    r = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "-s", f.name, f"http://127.0.0.1:{port}"],
                       capture_output=True, text=True, check=True)
    os.unlink(f.name)
    result = json.loads(r.stderr.strip().splitlines()[-1])
    if result["non2xx"]:
        raise SystemExit(f"bench: {result['non2xx']} failed POSTs\n{r.stdout}")
    return result


def run(seconds: float = 30.0, clients: int = 16, workers: int = 3) -> dict:
    import shutil

    key = _setup()
    port = _free_port()
    server = _start_server(port, workers=workers)
    client = "wrk" if shutil.which("wrk") else "httpx"
    try:
        before = Issue.objects.count()
        if client == "wrk":
            _wrk(port, key, 3, clients)  # warm up
            before = Issue.objects.count()
            w = _wrk(port, key, seconds, clients)
            elapsed, p95, p50 = w["seconds"], w["p95_ms"], w["p50_ms"]
        else:
            asyncio.run(_load(port, key, 3, clients))  # warm up
            before = Issue.objects.count()
            t = time.perf_counter()
            lat = asyncio.run(_load(port, key, seconds, clients))
            elapsed = time.perf_counter() - t
            p95, p50 = statistics.quantiles(lat, n=100, method="inclusive")[94], statistics.median(lat)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    made = Issue.objects.count() - before
    out = {"open311_post_rps": {"value": round(made / elapsed, 1), "unit": "requests/s", "goal": "≥ 200 with p95 ≤ 200 ms",
                                "p95_ms": round(p95, 1), "p50_ms": round(p50, 1),
                                "requests": made, "seconds": round(elapsed, 1), "clients": clients,
                                "load_client": client,
                                "server": f"gunicorn, {workers} sync workers, on the same 2-core machine as the "
                                          "load client"}}
    print(out, flush=True)
    return out
