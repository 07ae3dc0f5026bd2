"""Which pupils a teacher/TA may see: those whose cycles (responsible staff) or allocations
(delivering a provision) name them. One query; the index on cycle_staff(user_id) and
allocations(staff_user_id) keeps it fast at 2,000 pupils.
"""

from __future__ import annotations

import sqlite_utils

_SQL = (
    "SELECT c.pupil_id FROM cycle_staff s JOIN cycles c ON c.id = s.cycle_id WHERE s.user_id = :u"
    " UNION SELECT c.pupil_id FROM allocations a JOIN cycles c ON c.id = a.cycle_id"
    " WHERE a.staff_user_id = :u"
)


def teacher_pupil_ids(db: sqlite_utils.Database, user_id: int | None) -> set[int]:
    if user_id is None:
        return set()
    return {r[0] for r in db.execute(_SQL, {"u": user_id})}


def is_teachers_pupil(db: sqlite_utils.Database, user_id: int | None, pupil_id: int) -> bool:
    if user_id is None:
        return False
    return (
        db.execute(f"SELECT 1 FROM ({_SQL}) WHERE pupil_id = :p", {"u": user_id, "p": pupil_id}).fetchone()
        is not None
    )
