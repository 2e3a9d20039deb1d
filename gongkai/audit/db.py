"""Database triggers that make the audit table append-only, on SQLite and PostgreSQL.

Created by the app's first migration. Only ``gongkai manage flush`` (which wipes the whole
database, as the test runner does between browser tests) lifts them, for the length of the wipe.
"""

SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS audit_no_update_delete ON audit_auditentry",
    """CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_append_only();""",
    "DROP TRIGGER IF EXISTS audit_no_truncate ON audit_auditentry",
    """CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();""",
]


def create_triggers(connection) -> None:
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(
        connection.vendor, []
    )
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def remove_triggers(connection) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER IF EXISTS audit_no_update")
            cur.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        elif connection.vendor == "postgresql":
            cur.execute("DROP TRIGGER IF EXISTS audit_no_update_delete ON audit_auditentry")
            cur.execute("DROP TRIGGER IF EXISTS audit_no_truncate ON audit_auditentry")
