"""The ``settings`` table: key-value settings stored as JSON in the database, so they travel
with a backup."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from interviewprep.storage.database import driver_connection
from interviewprep.storage.models import SettingRow


class SettingsRepository:
    """Owns the SQL of the ``settings`` table; values come back as plain JSON values."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: Any = None) -> Any:
        value = self.session.scalar(select(SettingRow.value).where(SettingRow.key == key))
        return default if value is None else value

    def all(self) -> dict[str, Any]:
        # Read once per process on opening: plain SQL, since compiling the ORM statement for a
        # new engine costs more (0.5 ms) than the read.
        rows = driver_connection(self.session).execute("SELECT key, value FROM settings")
        return {key: None if value is None else json.loads(value) for key, value in rows}

    def set(self, key: str, value: Any) -> None:
        if value is None:  # unset: get() then returns its default
            self.session.execute(delete(SettingRow).where(SettingRow.key == key))
            return
        statement = sqlite_insert(SettingRow).values(key=key, value=value)
        self.session.execute(
            statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        )
