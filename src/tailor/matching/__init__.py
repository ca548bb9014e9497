"""Align what a posting asks for with the profile's facts, and write the match report."""
