"""``tdkt-desktop bloc score-template|import-scores|ranking``: bloc scores with Excel, and the year's ranking."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``bloc`` and its three actions."""
    p = sub.add_parser("bloc", help="khối thi đua: mẫu chấm điểm Excel, nhập điểm, xếp hạng")
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)

    def common(q: argparse.ArgumentParser) -> None:
        q.add_argument("--bloc", required=True, metavar="TÊN", help="tên khối (không cần dấu, có thể chỉ một phần tên)")
        q.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm chấm điểm")

    q = actions.add_parser("score-template", help="tạo tệp Excel để các đơn vị tự chấm điểm")
    common(q)
    q.add_argument("-o", "--output", required=True, type=Path, metavar="TỆP.xlsx", help="tệp Excel kết quả")
    q.set_defaults(func=run_template)
    q = actions.add_parser("import-scores", help="nhập tiêu chí và điểm của một năm từ tệp Excel (tất cả hoặc không)")
    q.add_argument("file", type=Path, metavar="TỆP.xlsx")
    common(q)
    q.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    q.set_defaults(func=run_import)
    q = actions.add_parser("ranking", help="xếp hạng các đơn vị theo tổng điểm của năm")
    common(q)
    q.add_argument("--json", action="store_true", help="in danh sách dạng JSON")
    q.set_defaults(func=run_ranking)


def _year(args: argparse.Namespace) -> int:
    from tdkt_desktop.errors import ValidationError

    if not 1945 <= args.year <= 2100:
        raise ValidationError({"year": f"Năm “{args.year}” không hợp lệ."})
    return args.year


def run_template(args: argparse.Namespace) -> int:
    """Write the score template of a bloc-year."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.errors import UserError
    from tdkt_desktop.importing.bloc_scores import write_template
    from tdkt_desktop.services.blocs import resolve_bloc

    year = _year(args)
    if args.output.parent and not args.output.parent.exists():
        raise UserError(f"Thư mục “{args.output.parent}” không tồn tại.")
    with reading(args) as db:
        bloc = resolve_bloc(db, args.bloc)
        counts = write_template(db, bloc, year, args.output)
    print(f"Đã tạo {args.output} cho “{bloc.name}” năm {year}: "
          + ", ".join(f"{name} {n} dòng" for name, n in counts.items()) + ".")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Check the whole file; replace the year's criteria and scores, or change nothing and list every problem."""
    from tdkt_desktop.commands.console import print_issues
    from tdkt_desktop.commands.opening import writing
    from tdkt_desktop.importing.bloc_scores import import_scores, issue_text
    from tdkt_desktop.services.blocs import resolve_bloc

    year = _year(args)
    with writing(args) as db:
        bloc = resolve_bloc(db, args.bloc)
        result = import_scores(db, args.file, bloc, year, dry_run=args.dry_run)
    if not result.ok:
        print(f"Lỗi: tệp có {len(result.issues)} lỗi, không nhập gì; dữ liệu giữ nguyên.", file=sys.stderr)
        print_issues(result.issues, issue_text)
        return 1
    what = f"{len(result.criteria)} tiêu chí, {len(result.scores)} dòng điểm"
    if args.dry_run:
        print(f"Kiểm tra xong, không có lỗi: {what} của “{bloc.name}” năm {year} (chưa ghi gì).")
    elif result.changed:
        print(f"Đã nhập {what} của “{bloc.name}” năm {year} (thay toàn bộ dữ liệu chấm điểm của năm).")
    else:
        print(f"Không có gì thay đổi: dữ liệu chấm điểm năm {year} của “{bloc.name}” đã đúng như tệp.")
    return 0


def run_ranking(args: argparse.Namespace) -> int:
    """Print the ranking (agreed score; self score where the bloc gave none); ties share a rank."""
    from tdkt_desktop.commands.opening import reading
    from tdkt_desktop.rules.ranking import rank_text
    from tdkt_desktop.rules.scoring import points_text
    from tdkt_desktop.services.blocs import require_ranking, resolve_bloc

    year = _year(args)
    with reading(args) as db:
        bloc = resolve_bloc(db, args.bloc)
        rows = require_ranking(db, bloc, year)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    print(f"Xếp hạng {bloc.name} năm {year} (điểm khối chấm; điểm tự chấm nếu khối chưa chấm):")
    width = max(len(r.name) for r in rows)
    print(f"{'Hạng':>5}  {'Đơn vị':<{width}}  {'Tự chấm':>8}  {'Khối chấm':>9}")
    for r in rows:
        rank = rank_text(r.rank, r.tied)
        print(f"{rank:>5}  {r.name:<{width}}  {points_text(r.self_score):>8}  {points_text(r.agreed_score):>9}")
    if any(r.tied for r in rows):
        print("Dấu “=”: bằng điểm, cùng hạng (không tự phân định thứ tự).")
    return 0
