"""Fast bulk inserts for generated data (demo school, benchmark): many rows, one statement each
table, inside the caller's transaction. Ids are handed out by the caller so parents and children
can be built in memory first."""

from __future__ import annotations

import sqlite_utils


def next_id(db: sqlite_utils.Database, table: str) -> int:
    return (db.execute(f"SELECT COALESCE(MAX(id), 0) FROM [{table}]").fetchone()[0]) + 1


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    """Insert dicts that all have the same keys (executemany: thousands of rows a second)."""
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    db.conn.executemany(sql, [tuple(r[c] for c in columns) for r in rows])
