"""`make bench`: run the benchmarks and rewrite bench/results.json (DESIGN.md, Benchmarks).

    python -m bench.run [--only NAME ...] [--quick]

Uses PostgreSQL: $DATABASE_URL, else database `fazhi_bench` on 127.0.0.1 (created if missing). The bench
database is kept between runs so the 1,000,000-case set is generated once. --quick takes smaller sizes for
a trial run; quick results are printed, never written to results.json."""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench"


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


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


def setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if os.environ["DATABASE_URL"] == DEFAULT_URL:
        _ensure_database(DEFAULT_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from fazhi.org.models import Bureau

    if not Bureau.objects.exists():
        from fazhi.org.demo import build_org

        build_org(random.Random(7), date(2026, 11, 20))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", nargs="*", default=None, help="engine, scale")
    p.add_argument("--quick", action="store_true", help="small sizes; print only, results.json untouched")
    args = p.parse_args(argv)
    setup()
    only = set(args.only or ["engine", "scale"])
    results: dict[str, dict] = {}
    command = "make bench" if not args.only else "python -m bench.run --only " + " ".join(sorted(only))
    if "engine" in only:
        from bench import engine

        results["case_engine_vs_spiff"] = engine.run(20 if args.quick else 200)
        print("case_engine_vs_spiff", results["case_engine_vs_spiff"], flush=True)
    if "scale" in only:
        from bench import scale

        results.update(scale.run(cases=50_000 if args.quick else 1_000_000,
                                 requests=400 if args.quick else 4000))
    stamp = {"command": command, "machine": machine(), "date": date.today().isoformat()}
    for r in results.values():
        r.update(stamp)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if not args.quick:
        old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        old.update(results)
        RESULTS.write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
