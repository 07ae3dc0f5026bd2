"""Everything held about one pupil, found by following the foreign keys from `pupils`.

Other parts of SENCO desk add tables (cycles, allocations, referrals...) in their own
migrations; walking the schema's foreign keys finds them all, including tables that belong to
the pupil through another table (an allocation through its cycle), without a list to keep up.
"""

from __future__ import annotations

import sqlite_utils


def _references(db: sqlite_utils.Database) -> dict[str, list[tuple[str, str, str]]]:
    """parent table -> [(child table, child column, parent column)]."""
    refs: dict[str, list[tuple[str, str, str]]] = {}
    for table in db.table_names():
        for fk in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            # columns: id, seq, table, from, to, on_update, on_delete, match
            refs.setdefault(fk[2], []).append((table, fk[3], fk[4] or "id"))
    return refs


def rows_about(db: sqlite_utils.Database, pupil_id: int) -> dict[str, list[dict]]:
    """{table: rows} for every row reachable from the pupil through foreign keys."""
    refs = _references(db)
    found: dict[str, list[dict]] = {"pupils": list(db.query("SELECT * FROM pupils WHERE id = ?", [pupil_id]))}
    queue = ["pupils"]
    while queue:
        parent = queue.pop(0)
        for child, column, parent_column in refs.get(parent, []):
            keys = sorted({r[parent_column] for r in found[parent] if r.get(parent_column) is not None})
            if not keys or child == parent:
                continue
            marks = ", ".join("?" for _ in keys)
            rows = list(db.query(f"SELECT * FROM [{child}] WHERE [{column}] IN ({marks})", keys))
            # A table reached by two paths (a pupil's session through its allocation and its
            # cycle) is listed once per row.
            known = {tuple(sorted(r.items())) for r in found.get(child, [])}
            rows = [r for r in rows if tuple(sorted(r.items())) not in known]
            found.setdefault(child, []).extend(rows)
            if rows:
                queue.append(child)
    found["audit"] = list(
        db.query(
            "SELECT * FROM audit WHERE pupil_id = ? OR (entity = 'pupil' AND entity_id = ?) ORDER BY id",
            [pupil_id, pupil_id],
        )
    )
    return found
