"""Yearly review (Bình xét năm), council meeting (Hội đồng TĐKT), projector mode and rule-set editor."""
