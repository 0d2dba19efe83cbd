"""blocs."""
