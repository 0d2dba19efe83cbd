"""Excel import/export and legacy Vietnamese encodings (no Qt)."""
