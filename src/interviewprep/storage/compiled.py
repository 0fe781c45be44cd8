"""Statements compiled once to SQLite's SQL and run on the driver connection.

On the answer path SQLAlchemy's per-execution work (parameter and result processing, result
objects) cost several times what SQLite takes to run its indexed lookups, and building a
statement costs more than running it: so those statements are built and compiled once, and
run with bound parameters on the sqlite3 connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.dialects.sqlite import dialect as SQLiteDialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

_SQLITE = SQLiteDialect()


@dataclass(frozen=True)
class Compiled:
    """One statement as SQLite's SQL. Rows come back as SQLite stores them: epoch
    milliseconds, JSON text, 0/1. Parameters go in the same way, unconverted: pass epoch
    milliseconds, never datetimes."""

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]

    def args(self, **values: Any) -> tuple[Any, ...]:
        return tuple(values[n] if n in values else self.fixed[n] for n in self.names)

    def rewritten(self, old: str, new: str) -> Compiled:
        """The statement with ``old`` replaced by ``new``: for what SQLAlchemy cannot write for
        SQLite (``CROSS JOIN``, ``INDEXED BY``). Raises at import time if SQLAlchemy's SQL no
        longer holds ``old``, rather than silently losing the planner hint."""
        if old not in self.sql:
            raise RuntimeError(f"compiled SQL has no {old!r} to rewrite: {self.sql}")
        return Compiled(self.sql.replace(old, new), self.names, self.fixed)


def compile_once(statement: ClauseElement, **placeholders: Any) -> Compiled:
    """Compile ``statement``; ``placeholders`` name its parameters given at each execution."""
    if placeholders:
        statement = statement.params(**placeholders)
    compiled = statement.compile(dialect=_SQLITE)
    assert isinstance(compiled, SQLCompiler)
    state = compiled.construct_expanded_state()
    return Compiled(state.statement, tuple(state.positiontup or ()), dict(state.parameters))
