"""Alembic environment: always run on a connection handed in by sync.portal.db."""

from __future__ import annotations

from alembic import context

from sync.portal.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables in batches
)
with context.begin_transaction():
    context.run_migrations()
