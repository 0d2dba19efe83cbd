"""The demo's five years of awards: proportions like the source article and the planted chains."""

from __future__ import annotations

from tdkt_desktop.db import decisions, history, ratings, statistics
from tdkt_desktop.db import staff as staff_db
from tdkt_desktop.demo import awards as demo_awards


def test_demo_has_five_years_in_realistic_proportions(demo_db):
    rows = {r.award_type: r for r in statistics.award_counts(demo_db, 2021, 2025)}
    ldtt = rows["lao_dong_tien_tien"].ca_nhan
    cstdcs = rows["chien_si_thi_dua_co_so"].ca_nhan
    assert 200 <= ldtt <= 300
    assert 0.08 <= cstdcs / ldtt <= 0.16  # Cao Bằng 2014–2019: 47 / 373 ≈ 12.6 %
    assert rows["tap_the_lao_dong_tien_tien"].tap_the > rows["tap_the_lao_dong_xuat_sac"].tap_the > 0
    assert rows["bang_khen_cap_tinh"].total >= 3
    assert rows["giay_khen"].tap_the == 2 and rows["giay_khen"].ca_nhan >= 14
    assert rows["huan_chuong_lao_dong_hang_ba"].ca_nhan == 1
    assert {d.year for d in decisions.list_decisions(demo_db)} >= {2021, 2022, 2023, 2024, 2025}
    assert {r.rating for r in ratings.ratings_for_year(demo_db, 2024)} == {"HTXS", "HTT", "HT", "KHT"}
    assert sorted({d.kind for d in decisions.list_decisions(demo_db)}) == ["chuyen_de", "dot_xuat", "hang_nam", "phong_trao"]
    assert all("/QĐ-" in d.number for d in decisions.list_decisions(demo_db))


def test_planted_chains(demo_db):
    def chains(code):
        person = staff_db.find_by_code(demo_db, code)
        return [c.text() for c in history.person_history(demo_db, person.id).chains]

    assert "Chiến sĩ thi đua cơ sở: 2022, 2023, 2024 – 3 năm liên tục" in chains(demo_awards.CSTD_TINH)
    assert "Chiến sĩ thi đua cấp tỉnh: 2024" in chains(demo_awards.CSTD_TINH)
    assert "Chiến sĩ thi đua cơ sở: 2023, 2024, 2025 – 3 năm liên tục" in chains(demo_awards.CANDIDATE)
    for code in demo_awards.BANG_KHEN:
        person = staff_db.find_by_code(demo_db, code)
        assert decisions.list_awards(demo_db, staff_id=person.id, award_type="bang_khen_cap_tinh")
    disciplined = staff_db.find_by_code(demo_db, demo_awards.DISCIPLINED)
    rating = [r for r in ratings.ratings_of(demo_db, disciplined.id) if r.year == 2024][0]
    assert rating.discipline == "khien_trach"
    assert not decisions.list_awards(demo_db, staff_id=disciplined.id, year=2024)
