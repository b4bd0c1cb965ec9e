"""Case search indexes (cases/search.py). PostgreSQL only: trigram GIN indexes over the doubled party name (so a
two-character fragment of a name is indexable) and over 立案编号 and 决定书文号. SQLite scans instead."""
from django.db import migrations

INDEXES = [
    ("cases_party_name2_trgm", r"regexp_replace(party_name::text, '(.)', '\1\1', 'g') gin_trgm_ops"),
    ("cases_case_no_trgm", "case_no gin_trgm_ops"),
    ("cases_decision_no_trgm", "decision_no gin_trgm_ops"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expr in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON cases_penaltycase USING gin ({expr})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_late_and_pending_deadlines")]
    operations = [migrations.RunPython(forwards, backwards)]
