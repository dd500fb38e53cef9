"""The desk's local SQLite database: models, migrations, transactions."""
