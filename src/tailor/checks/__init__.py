"""Checks on finished documents: the grounding guard, provenance, the ATS round trip."""
