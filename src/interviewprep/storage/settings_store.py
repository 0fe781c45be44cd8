"""Key-value settings stored as JSON in the database, so they travel with a backup."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from interviewprep.storage.models import SettingRow


class SettingsStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: Any = None) -> Any:
        value = self.session.scalar(select(SettingRow.value).where(SettingRow.key == key))
        return default if value is None else value

    def all(self) -> dict[str, Any]:
        return {row.key: row.value for row in self.session.scalars(select(SettingRow))}

    def set(self, key: str, value: Any) -> None:
        if value is None:  # unset: get() then returns its default
            self.session.execute(delete(SettingRow).where(SettingRow.key == key))
            return
        statement = sqlite_insert(SettingRow).values(key=key, value=value)
        self.session.execute(
            statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
        )
