"""The settings table: one JSON value per key."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def load(db: sqlite_utils.Database) -> dict[str, Any]:
    return {r["key"]: json.loads(r["value"]) for r in db.query("SELECT key, value FROM settings")}


def save(db: sqlite_utils.Database, values: dict[str, Any]) -> None:
    for key, value in values.items():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )
