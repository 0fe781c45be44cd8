"""Alembic environment: always run on a connection handed in by ``storage.database``."""

from __future__ import annotations

from alembic import context

from interviewprep.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only a developer running alembic by hand gets here
    raise RuntimeError("run migrations through interviewprep.storage.database.open_database")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
