"""Composers: profile + match -> a grounded template context (no I/O, no templates)."""
