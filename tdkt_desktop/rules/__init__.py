"""Pure eligibility engine and versioned rule sets as data (no Qt, no SQL)."""
