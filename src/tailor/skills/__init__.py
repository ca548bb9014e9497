"""Skill spans: the spaCy pipeline, the skill component and the ESCO/O*NET taxonomy."""
