"""Alembic environment: always run on a connection handed in by desktop.store.db."""

from __future__ import annotations

from alembic import context

from desktop.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables in batches
)
with context.begin_transaction():
    context.run_migrations()
