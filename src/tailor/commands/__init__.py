"""Command groups that live outside `cli.py` (bulk, templates, profile, init).

Each module defines click commands and imports only click at module level, so
`tailor --help` stays instant; heavy imports happen inside the commands.
"""
