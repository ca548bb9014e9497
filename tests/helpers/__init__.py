"""Helpers shared by test modules; on the import path through pytest's `pythonpath`."""
