"""Inspection search index (inspections/search.py). PostgreSQL only: a trigram GIN index over the subject's doubled
name (core.search.doubled: a two-character fragment becomes indexable). SQLite scans instead."""
from django.db import migrations

INDEXES = [
    ("inspections_subject_name2_trgm", r"regexp_replace(name::text, '(.)', '\1\1', 'g') gin_trgm_ops"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expr in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON inspections_subject USING gin ({expr})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_draw_same_residence_rule_draw_seed_source_and_more")]
    operations = [migrations.RunPython(forwards, backwards)]
