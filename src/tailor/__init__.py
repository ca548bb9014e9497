"""tailor: tailor a truthful cover letter and résumé to a job posting, offline."""

__version__ = "0.1.0"
