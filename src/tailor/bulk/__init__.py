"""`tailor bulk`: many postings in, one folder of documents each, a manifest to resume from.

`inputs` expands the command line into postings with stable ids, `plan` decides
what is up to date and where each posting's documents go, `worker` tailors
batches of postings (one per process, the profile and spaCy loaded once),
`runner` drives the workers and writes results as they arrive, `manifest` and
`progress` record and show the run.
"""
