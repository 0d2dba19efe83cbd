"""Use cases that combine storage (db/) and decisions (rules/); shared by the window and the command line."""
