"""Development tools that need only the standard library (``run.py`` imports them before
anything is installed)."""
