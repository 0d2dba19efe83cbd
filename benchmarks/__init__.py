"""Benchmarks: scripts that print ratios and times against a baseline in one run."""
