"""Résumé import: a PDF, DOCX, text file or LinkedIn export into a draft profile.

The stages, one module each: a source reader turns the file into `Line`s in
reading order (`pdf_lines`, `docx_lines`, `text_lines`; `linkedin` reads the
export's CSVs straight into entries), `sections` splits the lines under their
headings, `contact`, `roles`, `education` and `lists` read each section into
`Entry`s, and `yaml_writer` writes the draft with each entry's source and the
values to review. Every value is a verbatim slice of the source text: nothing is
invented, so a value not found is simply absent.
"""
