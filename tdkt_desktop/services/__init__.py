"""Use cases that combine storage (db/) and rules (rules/), shared by the window and the command line."""
