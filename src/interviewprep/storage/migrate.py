"""Run Alembic migrations programmatically, only when the schema is behind."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from interviewprep.core.errors import UserFacingError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseTooNew(UserFacingError):
    """The database was written by a newer interviewprep; opening it could damage it."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine, path: Path, target: str = "head") -> None:
    """Upgrade the schema; refuse a database from a newer version instead of touching it."""
    from alembic import command

    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head and target == "head":
        return
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseTooNew(
            f"{path} was written by a newer version of interviewprep (schema {current}). "
            "Update interviewprep to open it; the file was left untouched."
        )
    if current is not None:
        backup_before_migrating(path, current, head or target)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def backup_before_migrating(path: Path, current: str, target: str) -> Path:
    """Copy the database aside before its schema changes; listed with the other backups."""
    from datetime import datetime

    from interviewprep.storage.backup import copy_database

    stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    folder = path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target_path = folder / f"interviewprep-{stamp}-before-schema-{current}-to-{target}.sqlite3"
    copy_database(path, target_path)
    return target_path
