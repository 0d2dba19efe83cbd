"""Database files for tests: their digest (to prove a file untouched) and one damaged on purpose."""

import hashlib

from tdkt_desktop.db.connection import open_database


def digest(path) -> str:
    """SHA-256 of a file's bytes: equal before and after means nothing wrote to it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_index_file(path):
    """A file whose audit log b-tree is scribbled over: what the window reads at start is intact, quick_check fails."""
    db = open_database(path)
    db["staff"].insert_all([{"code": f"C{i:04d}", "full_name": "Lê Văn Hòa", "fold": f"le van hoa {i}"}
                            for i in range(200)])
    db["audit_log"].insert_all([{"at": "2025-01-01T08:00:00", "action": "them", "table_name": "staff",
                                 "row_id": str(i), "summary": "Lê Văn Hòa " * 5} for i in range(3000)])
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").fetchone()[0]
    page = db.execute("PRAGMA page_size").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page + 8:(root - 1) * page + 200] = b"\x07" * 192
    path.write_bytes(bytes(data))
