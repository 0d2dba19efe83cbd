"""Use cases that combine storage and rules; one implementation for the window and the command line."""
