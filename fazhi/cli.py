"""The `fazhi` console command: operator verbs over Django management commands.

    fazhi demo            load the demo bureau (株洲) with a year of cases (fazhi/demo: composes each context's builder)
    fazhi verify [--checkpoint FILE]
                          verify every event chain, every stream against its head, every record against
                          its log and the log against the latest signed checkpoint (names what differs)
    fazhi checkpoint [--out FILE]
                          sign the heads of all streams (run it periodically; give the file to a third party)
    fazhi backup FILE / fazhi restore FILE
                          the database and the evidence store in one archive; restore proves itself by verify
    fazhi serve [ADDR]    run the web server (development server; use a WSGI server in production)
    fazhi secret-key      create this installation's secret key file (var/secret_key) if it has none
    fazhi export-archive CASE [-o FILE]
                          export a closed case (案件编号、决定书文号 or UUID) as one ZIP (一案一卷)
    fazhi verify-archive FILE [--seal SEAL]
                          check an exported case archive offline, without the database
    fazhi draw verify FILE
                          re-run a published 双随机 draw (docs/draw-algorithm.md) and compare byte for byte
    fazhi holidays YEAR FILE --title T --by USER [--save]
                          preview (and with --save record) the State Council's holiday notice for a year, then
                          make every deadline that waited for it concrete (--settle: only that)
    fazhi <command> ...   any other manage.py command (migrate, createsuperuser, ...)
"""
import os
import sys


def verify_archive(argv) -> int:
    """Plain Python: no settings, no database (a court or a reviewer runs this on the file alone)."""
    import argparse

    from fazhi.cases.archive import verify

    p = argparse.ArgumentParser(prog="fazhi verify-archive", description="离线校验案卷压缩包（一案一卷）")
    p.add_argument("file")
    p.add_argument("--seal", help="登记的封存值（SHA-256），与案卷内的清单比对")
    args = p.parse_args(argv)
    r = verify(args.file, args.seal)
    print(f"封存值：{r.seal}")
    print(f"已校验：{r.checked_files} 个文件，{r.checked_events} 条全过程记录")
    if r.ok:
        print("校验通过：案卷未被改动")
        return 0
    for problem in r.problems:
        print(f"不一致：{problem}")
    return 1


def draw_verify(argv) -> int:
    """Plain Python, like verify-archive: the public re-runs a draw on the published file alone."""
    import json

    from fazhi.law.draw import verify

    if len(argv) != 2 or argv[0] != "verify":
        print("用法：fazhi draw verify FILE")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        v = verify(json.load(f))
    if v.ok:
        print("校验通过：按公布的名单和种子重新抽取，结果完全一致")
        return 0
    for p in v.problems:
        print(f"不一致：{p}")
    return 1


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "verify-archive":
        return verify_archive(argv[1:])
    if argv and argv[0] == "draw":
        return draw_verify(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if argv[0] in ("secret-key", "demo"):
        # The demo runs as production does (FAZHI_DEBUG=0), so it needs a key of its own: made once, kept.
        from fazhi.core.security import write_secret_key

        path, created = write_secret_key()
        if created and not os.environ.get("FAZHI_SECRET_KEY"):
            from django.conf import settings

            settings.SECRET_KEY = path.read_text().strip()
        if created or argv[0] == "secret-key":
            print(f"密钥文件：{path}{'（新生成）' if created else '（已存在，未改动）'}")
        if argv[0] == "secret-key":
            return 0
    if argv[0] == "serve":
        import django

        django.setup()
        from fazhi.core.security import refuse_insecure_start

        try:
            refuse_insecure_start()
        except Exception as e:
            print(f"无法启动：{e}", file=sys.stderr)
            return 1
        argv = ["runserver", *(argv[1:] or ["127.0.0.1:8000"])]
    execute_from_command_line(["fazhi", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
