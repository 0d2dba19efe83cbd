"""PySide6 user interface: main window, one module per tab, dialogs, Qt models."""
