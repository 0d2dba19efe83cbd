"""``tdkt-desktop restore [--list] [--from BACKUP]``: list backups, or restore the newest good one."""

from __future__ import annotations

import argparse
from pathlib import Path

from tdkt_desktop.commands.opening import db_path


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``restore``."""
    p = sub.add_parser(
        "restore", help="khôi phục bản sao lưu tốt gần nhất (tệp hiện tại được giữ lại bên cạnh)"
    )
    p.add_argument("--list", action="store_true",
                   help="chỉ liệt kê các bản sao lưu: ngày, dung lượng, số liệu, tốt/hỏng")
    p.add_argument("--from", dest="source", type=Path, default=None, metavar="BẢN_SAO_LƯU",
                   help="khôi phục từ bản sao lưu này thay vì bản tốt mới nhất")
    p.set_defaults(func=run)


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def run(args: argparse.Namespace) -> int:
    """List, or restore under the writer lock; the window and this command follow the same rules."""
    from tdkt_desktop.db import backup
    from tdkt_desktop.db.lock import DatabaseLock
    from tdkt_desktop.db.restore import check_replaceable, choose_backup, restore, skipped_note

    path = db_path(args)
    if args.list:
        infos = backup.backup_infos(path)
        if not infos:
            print(f"Chưa có bản sao lưu nào của “{path}”.")
            return 0
        print(f"Các bản sao lưu của “{path}” (mới nhất trước):")
        for info in infos:
            counts = info.counts.text() if info.counts else "—"
            print(f"  {info.when()}  {_size(info.size):>9}  {info.status():<10}  {counts}\n      {info.path}")
        return 0
    with DatabaseLock(path):
        check_replaceable(path)
        chosen, skipped = choose_backup(path, args.source)
        current = backup.file_counts(path)
        note = skipped_note(skipped)
        if note:
            print(note)
        print(f"Tệp hiện tại: {current.text() if current else 'không đọc được'}")
        print(f"Bản sao lưu {chosen.when()}: {chosen.counts.text() if chosen.counts else '—'}")
        result = restore(path, chosen.path)
    print(f"Đã khôi phục “{path}” từ {result.used.path.name}.")
    if result.kept:
        print(f"Tệp trước khi khôi phục được giữ tại {result.kept}.")
    return 0
