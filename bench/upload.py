"""evidence_upload_rss_mb: how much the serving process's memory grows while it receives a 200 MB video.

gunicorn with one worker; the worker's peak RSS is reset (/proc/PID/clear_refs) after a warm-up request, the
file is posted by curl (which streams it from disk), and the growth is the worker's peak RSS afterwards minus
its RSS before. The upload must also be stored intact (its SHA-256 is compared)."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.scale import _free_port, _start_server
from fazhi.cases import actions as A
from fazhi.cases.models import Evidence
from fazhi.org.models import ApiToken, Staff

MB = 1024 * 1024


def _kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def run(size_mb: int = 200) -> dict:
    officer = Staff.objects.select_related("bureau__parent").get(username="hetang_officer1")
    case = A.register(by=officer, on=date(2026, 3, 2), party_kind="org", party_name="株洲市某运输有限公司",
                      cause="运输散装货物未密封造成遗撒", act_on=date(2026, 3, 1), discovered_on=date(2026, 3, 2))
    head = Staff.objects.select_related("bureau__parent").get(username="hetang_head")
    case = A.file_case(case, by=head, on=date(2026, 3, 3),
                       officers=[officer, Staff.objects.get(username="hetang_officer2")])
    token = ApiToken.issue(officer)[1]
    work = Path(tempfile.mkdtemp(prefix="fazhi-upload-"))
    video = work / "bodycam.mp4"
    h = hashlib.sha256()
    with open(video, "wb") as f:
        for _ in range(size_mb):
            chunk = os.urandom(MB)
            h.update(chunk)
            f.write(chunk)
    os.environ["FAZHI_BLOB_DIR"] = str(work / "blobs")
    port = _free_port()
    server = _start_server(port, workers=1)
    try:
        time.sleep(1)
        worker = int(subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()[0])
        url = f"http://127.0.0.1:{port}/api/v1/cases/{case.uuid}/evidence"
        auth = ["-H", f"Authorization: Bearer {token}"]
        subprocess.run(["curl", "-s", "-o", "/dev/null", *auth, f"http://127.0.0.1:{port}/api/v1/me"], check=True)
        Path(f"/proc/{worker}/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
        before = _kb(worker, "VmRSS")
        t = time.perf_counter()
        out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", *auth,
                              "-F", f"file=@{video};type=video/mp4", "-F", "kind=audiovisual",
                              "-F", "title=执法记录仪视频", "-F", "on=2026-03-04", url],
                             capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - t
        peak = _kb(worker, "VmHWM")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    if out.stdout != "200":
        raise SystemExit(f"bench: upload answered {out.stdout}")
    ev = Evidence.objects.get(case=case, kind="audiovisual")
    stored = Path(os.environ["FAZHI_BLOB_DIR"]) / ev.sha256[:2] / ev.sha256[2:4] / ev.sha256
    if ev.sha256 != h.hexdigest() or stored.stat().st_size != size_mb * MB:
        raise SystemExit("bench: the stored file differs from the upload")
    growth = (peak - before) / 1024
    result = {"evidence_upload_rss_mb": {
        "value": round(growth, 1), "unit": "MB", "goal": "≤ 100", "upload_mb": size_mb,
        "rss_before_mb": round(before / 1024, 1), "peak_rss_mb": round(peak / 1024, 1),
        "upload_s": round(seconds, 1), "server": "gunicorn, 1 sync worker; curl streams the file"}}
    print(result, flush=True)
    subprocess.run(["rm", "-rf", str(work)])
    return result
