"""Dialogs built in code; they return records and never write to the database."""
