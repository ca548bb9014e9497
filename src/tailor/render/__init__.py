"""Renderers: a grounded context in, Markdown or DOCX out."""
