"""The command line: the click app, its command groups, shared options and the terminal printer.

Only click is imported at module level anywhere here, so `tailor --help` stays instant.
"""
