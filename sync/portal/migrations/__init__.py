"""The portal database's Alembic migrations (run by ``sync.portal.db``)."""
