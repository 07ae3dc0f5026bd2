"""Queries on pupils, their SEN history and contacts."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from . import versioned
from .rows import now_iso

PUPIL_COLUMNS = (
    "upn",
    "former_upn",
    "legal_surname",
    "legal_forename",
    "preferred_surname",
    "preferred_forename",
    "dob",
    "gender",
    "year_group",
    "class_name",
    "admission_date",
    "sen_status",
    "sen_start_date",
    "primary_need",
    "secondary_need",
    "pupil_premium",
    "eal",
    "looked_after",
    "fsm",
    "notes",
    "left_on",
    "destination",
    "home_language",
    "attendance_pct",
    "attendance_as_at",
    "support_layer",
)


def get(db: sqlite_utils.Database, pupil_id: int) -> dict | None:
    return next(iter(db.query("SELECT * FROM pupils WHERE id = ?", [pupil_id])), None)


def id_for_upn(db: sqlite_utils.Database, upn: str) -> int | None:
    """The pupil holding `upn`, else the pupil whose former UPN it is. A blank matches nobody
    (most pupils' former UPN is blank)."""
    if not upn.strip():
        return None
    row = db.execute(
        "SELECT id FROM pupils WHERE upn = ? OR former_upn = ? ORDER BY upn = ? DESC", [upn, upn, upn]
    ).fetchone()
    return row[0] if row else None


def upn_taken(db: sqlite_utils.Database, upn: str, except_id: int | None = None) -> dict | None:
    """The pupil (leavers included: census rule 1520) already holding this UPN, if any."""
    return next(
        iter(
            db.query(
                "SELECT id, legal_forename, legal_surname, left_on FROM pupils WHERE upn = ? AND id IS NOT ?",
                [upn, except_id],
            )
        ),
        None,
    )


def insert(db: sqlite_utils.Database, values: dict[str, Any], username: str) -> int:
    return versioned.insert(db, "pupils", {k: values.get(k) for k in PUPIL_COLUMNS}, username)


def update(
    db: sqlite_utils.Database, pupil_id: int, version: int, values: dict[str, Any], username: str
) -> bool:
    """Update only if nobody saved since `version` was read. False means stale: nothing written."""
    sets = {k: values[k] for k in PUPIL_COLUMNS if k in values}
    return versioned.update(db, "pupils", pupil_id, version, sets, username)


def contacts(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM contacts WHERE pupil_id = ? ORDER BY position, id", [pupil_id]))


def replace_contacts(db: sqlite_utils.Database, pupil_id: int, rows: list[dict]) -> None:
    db.execute("DELETE FROM contacts WHERE pupil_id = ?", [pupil_id])
    for position, row in enumerate(rows):
        db.table("contacts").insert(
            {**{k: v for k, v in row.items() if k != "id"}, "pupil_id": pupil_id, "position": position}
        )


def sen_history(db: sqlite_utils.Database, pupil_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM sen_history WHERE pupil_id = ? ORDER BY start_date, id", [pupil_id]))


def add_sen_history(
    db: sqlite_utils.Database,
    pupil_id: int,
    start_date: str,
    status: str,
    primary: str | None,
    secondary: str | None,
    username: str,
) -> None:
    db.table("sen_history").insert(
        {
            "pupil_id": pupil_id,
            "start_date": start_date,
            "status": status,
            "primary_need": primary,
            "secondary_need": secondary,
            "recorded_at": now_iso(),
            "recorded_by": username,
        }
    )


def register_rows(db: sqlite_utils.Database, *, include_leavers: bool = True) -> list[dict]:
    """Every pupil's register line in one query (the register filters these in memory).

    The open cycle's review date comes by a LEFT JOIN: at most one open cycle per pupil (a
    unique index holds that), so the join never repeats a pupil and needs no per-pupil query.
    """
    where = "" if include_leavers else "WHERE p.left_on IS NULL"
    return list(
        db.query(
            "SELECT p.id, p.upn,"
            " CASE WHEN p.preferred_surname != '' THEN p.preferred_surname ELSE p.legal_surname END"
            " AS surname,"
            " CASE WHEN p.preferred_forename != '' THEN p.preferred_forename ELSE p.legal_forename END"
            " AS forename,"
            " p.year_group, p.class_name, p.sen_status, p.primary_need, p.secondary_need, p.left_on,"
            " p.support_layer,"
            " c.review_date AS next_review FROM pupils p"
            f" LEFT JOIN cycles c ON c.pupil_id = p.id AND c.status = 'open' {where}"
            " ORDER BY surname COLLATE NOCASE, forename COLLATE NOCASE"
        )
    )


def counts(db: sqlite_utils.Database, ids: list[int] | None = None) -> dict[str, int]:
    """On roll, K and E; of the given pupils only when `ids` is not None (a teacher's own)."""
    sql = "SELECT COUNT(*), SUM(sen_status = 'K'), SUM(sen_status = 'E') FROM pupils WHERE left_on IS NULL"
    if ids is not None:
        sql += " AND id IN (SELECT value FROM json_each(?))"
    row = db.execute(sql, [] if ids is None else [json.dumps(ids)]).fetchone()
    return {"pupils": row[0] or 0, "K": row[1] or 0, "E": row[2] or 0}


def support_layer_counts(db: sqlite_utils.Database, *, include_leavers: bool = False) -> dict[str, int]:
    """Pupils in each support layer (on roll only, unless `include_leavers`); none: not listed."""
    where = "" if include_leavers else " AND left_on IS NULL"
    sql = f"SELECT support_layer, COUNT(*) FROM pupils WHERE support_layer != ''{where}"
    sql += " GROUP BY support_layer"
    return {r[0]: r[1] for r in db.execute(sql)}


def rename_support_layer(db: sqlite_utils.Database, old: str, new: str, username: str) -> None:
    """Every record in layer `old` moves to `new` (a rename in Settings), bumping each version so
    a record open elsewhere cannot save the old name back over it."""
    db.execute(
        "UPDATE pupils SET support_layer = ?, version = version + 1, updated_at = ?, updated_by = ?"
        " WHERE support_layer = ?",
        [new, now_iso(), username, old],
    )


def upn_holders(db: sqlite_utils.Database) -> dict[str, dict]:
    """Every UPN in the file (leavers included) -> its holder, for checking a batch in one query."""
    return {
        r["upn"]: r for r in db.query("SELECT id, upn, legal_forename, legal_surname, left_on FROM pupils")
    }


def check_rows(db: sqlite_utils.Database) -> list[dict]:
    """What the census check reads for every pupil (leavers included), in one query."""
    return list(
        db.query(
            "SELECT id, upn, former_upn, legal_surname, legal_forename, preferred_surname,"
            " preferred_forename, year_group, class_name, sen_status, primary_need, secondary_need,"
            " sen_unit, resourced_provision, top_up_funding,"
            " left_on FROM pupils ORDER BY legal_surname COLLATE NOCASE, legal_forename COLLATE NOCASE"
        )
    )


def names(db: sqlite_utils.Database, marks: str, ids: list[int]) -> list[dict]:
    """id, forename, surname (preferred names first) for the given ids; `marks` is '?,?,..'."""
    return list(
        db.query(
            "SELECT id,"
            " CASE WHEN preferred_forename != '' THEN preferred_forename ELSE legal_forename END AS forename,"
            " CASE WHEN preferred_surname != '' THEN preferred_surname ELSE legal_surname END AS surname"
            f" FROM pupils WHERE id IN ({marks})",
            ids,
        )
    )
