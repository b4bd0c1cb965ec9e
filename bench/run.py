"""`make bench`: run the benchmarks and rewrite bench/results.json (DESIGN.md, Benchmarks).

    python -m bench.run [--only engine|scale|upload|draw|report|grid|open311|province|field ...] [--quick]

Each benchmark runs in its own process against its own PostgreSQL database on $FAZHI_BENCH_PG (default
postgres://postgres@127.0.0.1:5432): `fazhi_bench_engine`, made afresh on every run, so the engine figures do
not depend on what ran before; and `fazhi_bench`, kept between runs, so the 1,000,000 cases are generated once.
--quick takes smaller sizes for a trial; its results are printed, never written to results.json."""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")
SERVER = os.environ.get("FAZHI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# name, fresh each run
DATABASES = {"engine": ("fazhi_bench_engine", True), "scale": ("fazhi_bench", False),
             "upload": ("fazhi_bench_upload", True), "draw": ("fazhi_bench_engine", False),  # draw: pure, no DB use
             "report": ("fazhi_bench_report", True), "grid": ("fazhi_bench_engine", False),
             "open311": ("fazhi_bench_open311", True), "province": ("fazhi_bench", False),
             "field": ("fazhi_bench_field", True)}


def _prepare_database(name: str, fresh: bool) -> str:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER}/{name}"


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, {cpu}; "
            f"Python {platform.python_version()}, PostgreSQL {pg}")


def _child(name: str, quick: bool) -> dict:
    """Runs inside the benchmark's own process, with DATABASE_URL already pointing at its database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from fazhi.org.models import Bureau

    if name != "report" and not Bureau.objects.exists():  # the report bench loads the whole demo itself
        from fazhi.org.demo import build_org

        build_org(random.Random(7), date(2026, 11, 20))
    if name == "engine":
        from bench import engine

        results = {"case_engine_vs_spiff": engine.run(20 if quick else 200)}
    elif name == "draw":
        from bench import draw

        results = draw.run(100_000 if quick else 1_000_000, 1_000 if quick else 10_000)
    elif name == "open311":
        from bench import open311

        results = open311.run(5 if quick else 30)
    elif name == "grid":
        from bench import grid

        results = grid.run(100_000 if quick else 1_000_000)
    elif name == "province":
        from bench import province

        results = province.run(*( (50_000, 500_000) if quick else (1_000_000, 10_000_000)))
    elif name == "field":
        from bench import field_page

        results = field_page.run()
    elif name == "report":
        from bench import report

        results = report.run()
    elif name == "upload":
        from bench import upload

        results = upload.run(20 if quick else 200)
    else:
        from bench import scale

        results = scale.run(cases=50_000 if quick else 1_000_000, requests=400 if quick else 4000)
    for r in results.values():
        r["machine"] = machine()
    return results


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", nargs="*", choices=sorted(DATABASES), default=None)
    p.add_argument("--quick", action="store_true", help="small sizes; print only, results.json untouched")
    p.add_argument("--child", choices=sorted(DATABASES), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print("RESULT " + json.dumps(_child(args.child, args.quick), ensure_ascii=False, default=str))
        return 0
    names = args.only or ["engine", "scale", "upload", "draw", "report", "grid", "open311", "province", "field"]
    command = "make bench" if not args.only else "python -m bench.run --only " + " ".join(names)
    results: dict[str, dict] = {}
    for name in names:
        url = _prepare_database(*DATABASES[name])
        proc = subprocess.run([sys.executable, "-m", "bench.run", "--child", name] + (["--quick"] if args.quick else []),
                              env=dict(os.environ, DATABASE_URL=url), stdout=subprocess.PIPE, text=True)
        lines = proc.stdout.splitlines()
        print("\n".join(line for line in lines if not line.startswith("RESULT ")), flush=True)
        if proc.returncode != 0 or not lines or not lines[-1].startswith("RESULT "):
            print(f"bench {name} failed", file=sys.stderr)
            return 1
        results.update(json.loads(lines[-1][len("RESULT "):]))
    for r in results.values():
        r.update({"command": command, "date": date.today().isoformat()})
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if not args.quick:
        old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        old.update(results)
        RESULTS.write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
