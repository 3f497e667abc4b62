"""Persistence: SQLModel tables, the database handle, keyword-only queries, Alembic migrations."""
