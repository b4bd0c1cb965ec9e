"""Issue search indexes (citydesk/search.py). PostgreSQL only: trigram GIN indexes over the doubled address and
description (core.search.doubled: a two-character fragment becomes indexable). SQLite scans instead."""
from django.db import migrations

INDEXES = [
    ("citydesk_issue_address2_trgm", r"regexp_replace(address::text, '(.)', '\1\1', 'g') gin_trgm_ops"),
    ("citydesk_issue_description2_trgm", r"regexp_replace(description, '(.)', '\1\1', 'g') gin_trgm_ops"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expr in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON citydesk_issue USING gin ({expr})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("citydesk", "0003_loop_side_paths")]
    operations = [migrations.RunPython(forwards, backwards)]
