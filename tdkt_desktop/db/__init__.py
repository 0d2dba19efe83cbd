"""Database layer: sqlite-utils connection, migrations, records, one module per aggregate (no Qt)."""
