"""The `fazhi` console command: operator verbs over Django management commands.

    fazhi demo            load the demo bureau (株洲) with a year of cases
    fazhi verify          verify every event chain (names the first broken link)
    fazhi serve [ADDR]    run the web server (development server; use a WSGI server in production)
    fazhi <command> ...   any other manage.py command (migrate, createsuperuser, ...)
"""
import os
import sys


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if argv[0] == "serve":
        argv = ["runserver", *(argv[1:] or ["127.0.0.1:8000"])]
    execute_from_command_line(["fazhi", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
