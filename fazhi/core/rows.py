"""Row statements for the write path every action takes: lock-and-load a record by key, update the columns
an action changed, append a row. Each statement is written once per model and database vendor instead of
being compiled by the ORM on every call; on a 90-column case row the compile cost more than the query
(measured: bench/results.json, case_engine_vs_spiff). Values still go through the fields' own
conversions (get_db_prep_save on the way in, the backend's and field's converters on the way out)."""
from __future__ import annotations

from django.db import connection, models


class Rows:
    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.by_name = {f.name: f for f in self.fields}
        self._sql: dict = {}  # statements by vendor (and, for updates, the column list)

    def _q(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def _lock_sql(self):
        key = f"lock:{connection.vendor}"
        if key not in self._sql:
            table = self.model._meta.db_table
            cols = ", ".join(self._q(f.column) for f in self.fields)
            # FOR NO KEY UPDATE: the lock an UPDATE itself takes; rows that only refer to this one (evidence,
            # officers) can still be inserted meanwhile. SQLite has no row locks: BEGIN IMMEDIATE (settings).
            lock = " FOR NO KEY UPDATE" if connection.vendor == "postgresql" else ""
            compiler = self.model.objects.all().query.get_compiler(connection=connection)
            converters = compiler.get_converters([f.get_col(table) for f in self.fields])
            sql = f"SELECT {cols} FROM {self._q(table)} WHERE {self._q(self.model._meta.pk.column)} = %s{lock}"
            self._sql[key] = (sql, compiler, converters)
        return self._sql[key]

    def lock(self, pk):
        """Load the row and hold its lock until the surrounding transaction ends."""
        sql, compiler, converters = self._lock_sql()
        with connection.cursor() as cur:
            cur.execute(sql, [pk])
            rows = cur.fetchall()
        if not rows:
            raise self.model.DoesNotExist(pk)
        values = next(iter(compiler.apply_converters(rows, converters))) if converters else rows[0]
        return self.model.from_db(connection.alias, [f.attname for f in self.fields], list(values))

    def update_statement(self, obj, names: list[str]) -> tuple[str, list]:
        fields = [self.by_name[n] for n in names]
        for f in fields:
            if getattr(f, "auto_now", False):
                f.pre_save(obj, add=False)
        key = (connection.vendor, *names)
        if key not in self._sql:
            sets = ", ".join(f"{self._q(f.column)} = %s" for f in fields)
            table, pk = self.model._meta.db_table, self.model._meta.pk
            self._sql[key] = f"UPDATE {self._q(table)} SET {sets} WHERE {self._q(pk.column)} = %s"
        return self._sql[key], [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]

    def insert_statement(self, obj) -> tuple[str, list]:
        """The INSERT of a row nobody needs the key of (see insert())."""
        fields = [f for f in self.fields if not f.primary_key]
        key = f"insert:{connection.vendor}"
        if key not in self._sql:
            table = self.model._meta.db_table
            cols = ", ".join(self._q(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            self._sql[key] = f"INSERT INTO {self._q(table)} ({cols}) VALUES ({marks})"
        obj._state.adding = False
        return self._sql[key], [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]

    def insert(self, obj) -> None:
        """Insert a new row and set its primary key."""
        sql, params = self.insert_statement(obj)
        with connection.cursor() as cur:
            cur.execute(f"{sql} RETURNING {self._q(self.model._meta.pk.column)}", params)
            obj.pk = cur.fetchone()[0]


def execute(*statements: tuple[str, list]) -> None:
    """Run write statements in order, in one round trip on PostgreSQL (all but the last become
    data-modifying WITH clauses, which PostgreSQL runs exactly once each, in the same snapshot; fine for
    writes to different rows), one by one elsewhere."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql" and len(statements) > 1:
            ctes = ", ".join(f"w{i} AS ({sql})" for i, (sql, _) in enumerate(statements[:-1]))
            cur.execute(f"WITH {ctes} {statements[-1][0]}", [p for _, params in statements for p in params])
        else:
            for sql, params in statements:
                cur.execute(sql, params)
