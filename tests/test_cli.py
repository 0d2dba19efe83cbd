"""Command line: demo, check, backup, screenshots; errors are Vietnamese with a non-zero exit."""


import pytest
from tests_db_helpers import digest

from tdkt_desktop import paths
from tdkt_desktop.cli import main
from tdkt_desktop.db.connection import open_database


def test_demo_builds_default_demo_file_not_the_real_one(capsys):
    assert main(["demo", "--no-window"]) == 0
    assert paths.demo_database_path().exists()
    assert not paths.database_path().exists()
    assert "61 cán bộ" in capsys.readouterr().out


def test_demo_reuses_its_own_file(tmp_path, capsys):
    target = tmp_path / "demo.sqlite"
    assert main(["--db", str(target), "demo", "--no-window"]) == 0
    assert main(["--db", str(target), "demo", "--no-window"]) == 0
    db = open_database(target)
    assert db["staff"].count == 61
    db.close()


def test_demo_never_overwrites_real_data(tmp_path, capsys):
    target = tmp_path / "real.sqlite"
    db = open_database(target)
    db["units"].insert({"name": "Phòng thật", "fold": "phong that"})
    db.close()
    assert main(["--db", str(target), "demo", "--no-window"]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    db = open_database(target)
    assert db["staff"].count == 0 and db["units"].count == 1
    db.close()


def test_check_ok_and_damaged(tmp_path, capsys):
    good = tmp_path / "good.sqlite"
    open_database(good).close()
    assert main(["--db", str(good), "check"]) == 0
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"PK\x03\x04 not a database")
    before = digest(bad)
    assert main(["--db", str(bad), "check"]) == 1
    assert "không phải tệp SQLite" in capsys.readouterr().err
    assert digest(bad) == before


def test_check_missing_file(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite"), "check"]) == 1
    assert "Không có tệp" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_backup_command(tmp_path, capsys):
    target = tmp_path / "a.sqlite"
    open_database(target).close()
    assert main(["--db", str(target), "backup"]) == 0
    assert "Đã sao lưu" in capsys.readouterr().out
    assert len(list((tmp_path / "backups" / "a.sqlite").glob("*.sqlite"))) == 1


def test_screenshots_writes_every_tab_and_dialog_at_laptop_size(tmp_path, qapp, capsys):
    from PySide6.QtGui import QImage

    target = tmp_path / "demo.sqlite"
    assert main(["--db", str(target), "demo", "--no-window"]) == 0
    db = open_database(target)
    before = [db[t].count for t in ("staff", "decisions", "awards", "units", "audit_log")]
    db.close()
    out = tmp_path / "shots"
    assert main(["--db", str(target), "screenshots", str(out), "--size", "1366x768"]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    assert {"01-can-bo.png", "01-2-qua-trinh-khen-thuong.png", "02-danh-hieu-khen-thuong.png",
            "03-phong-trao-thi-dua.png", "04-khoi-thi-dua.png", "99-tim-nhanh.png"} <= set(names)
    assert QImage(str(out / "01-can-bo.png")).size().toTuple() == (1366, 768)
    dialogs = [n for n in names if n.startswith("d")]
    for expected in ("them-can-bo", "them-quyet-dinh", "dong-khi-chua-luu", "so-cap-giay-khen", "xem-truoc-nhap",
                     "xac-nhan-nhap", "mo-cuoc-hop-moi", "chon-tep-nhap"):
        assert any(expected in n for n in dialogs), expected
    assert all(QImage(str(out / n)).width() <= 1366 and QImage(str(out / n)).height() <= 768 for n in dialogs)
    assert all((out / n).stat().st_size > 2000 for n in names)
    db = open_database(target)
    assert [db[t].count for t in ("staff", "decisions", "awards", "units", "audit_log")] == before  # nothing saved
    db.close()


@pytest.mark.parametrize("argv", [["--db", "x", "nosuch"]])
def test_unknown_command_exits_2(argv):
    with pytest.raises(SystemExit) as err:
        main(argv)
    assert err.value.code == 2


def test_eligibility_json_is_compact_unless_pretty(tmp_path, demo_db, capsys):
    import json

    path = tmp_path / "demo.sqlite"
    demo_db.execute(f"VACUUM INTO '{path}'")
    assert main(["--db", str(path), "eligibility", "--year", "2026", "--json"]) == 0
    compact = capsys.readouterr().out
    assert main(["--db", str(path), "eligibility", "--year", "2026", "--json", "--pretty"]) == 0
    pretty = capsys.readouterr().out
    assert compact.count("\n") == 1 and pretty.count("\n") > 100
    assert json.loads(compact) == json.loads(pretty) and json.loads(compact)
