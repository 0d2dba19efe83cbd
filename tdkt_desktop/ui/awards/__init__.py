"""Sub-pages of the "Danh hiệu & Khen thưởng" tab: register, decisions, ratings, statistics, import."""
