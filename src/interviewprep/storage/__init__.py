"""SQLite storage: typed ORM models, repositories, Alembic migrations and backups."""
