"""Database files damaged on purpose, shared by the connection and window tests."""

from tdkt_desktop.db.connection import open_database


def damaged_index_file(path):
    """A file whose staff-by-unit index is scribbled over: tables and schema still read, quick_check fails."""
    db = open_database(path)
    db["staff"].insert_all([{"code": f"C{i:04d}", "full_name": "Lê Văn Hòa", "fold": f"le van hoa {i}",
                            "unit_id": None} for i in range(2000)])
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'staff_unit'").fetchone()[0]
    page = db.execute("PRAGMA page_size").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page + 8:(root - 1) * page + 200] = b"\x07" * 192
    path.write_bytes(bytes(data))
