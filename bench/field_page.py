"""field_page_phone_ms: the 当场处罚 page (/field/) as an officer's phone loads it on a slow mobile connection —
Debian's Chromium with a mobile profile (390×844), the network throttled to 1.6 Mbps down / 750 kbps up with
150 ms round trips and the CPU slowed 4× (Chrome DevTools' "Slow 4G"-like preset), served by gunicorn from
PostgreSQL. Measures first contentful paint and the bytes transferred (HTML, CSS, script) over five fresh loads
(empty cache each time); the figure is the median FCP."""
from __future__ import annotations

import os
import shutil
import signal
import statistics

from bench.scale import _free_port, _start_server

RUNS = 5


def _log_in(page, port: int) -> None:
    """The officer logs in before the clock starts (the login page is not what is measured)."""
    page.goto(f"http://127.0.0.1:{port}/accounts/login/")
    page.fill("input[name=username]", "hetang_officer1")
    page.fill("input[name=password]", "fazhi2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"http://127.0.0.1:{port}/")


def run() -> dict:
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    from fazhi.catalog.demo import build_catalogue
    from fazhi.org.models import Bureau

    build_catalogue(Bureau.objects.get(parent=None))  # a fresh database: the org is there, the catalogue is not

    call_command("collectstatic", "--noinput", verbosity=0)
    port = _free_port()
    server = _start_server(port, workers=2)
    fcp, sizes = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                        args=["--no-sandbox"])
            for _ in range(RUNS + 1):  # the first load warms the server; it is not counted
                ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                          locale="zh-CN", device_scale_factor=3)
                page = ctx.new_page()
                _log_in(page, port)
                cdp = ctx.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", {
                    "offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
                    "uploadThroughput": 750 * 1024 / 8})
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                received: list[int] = []
                cdp.on("Network.loadingFinished", lambda e, into=received: into.append(e["encodedDataLength"]))
                page.goto(f"http://127.0.0.1:{port}/field/", wait_until="load")
                paint = page.evaluate("""() => new Promise(done => {
                    const seen = performance.getEntriesByName('first-contentful-paint');
                    if (seen.length) return done(seen[0].startTime);
                    new PerformanceObserver(list => done(list.getEntries()[0].startTime))
                        .observe({type: 'paint', buffered: true});
                })""")
                if "当场处罚" not in page.content():
                    raise SystemExit("bench: /field/ did not show the 当场处罚 page")
                fcp.append(paint)
                sizes.append(sum(received))
                ctx.close()
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    fcp, sizes = fcp[1:], sizes[1:]
    out = {"field_page_phone_ms": {
        "value": round(statistics.median(fcp), 1), "unit": "ms (first contentful paint)", "goal": "≤ 1500",
        "runs_ms": [round(v, 1) for v in fcp], "bytes_transferred": int(statistics.median(sizes)),
        "bytes_goal": "≤ 200 KB",
        "profile": "Chromium 390×844 mobile, 1.6 Mbps down / 750 kbps up, 150 ms RTT, CPU 4× slower, cache off",
        "server": "gunicorn, 2 sync workers, on the same 2-core machine as the browser"}}
    print(out, flush=True)
    return out
