"""A posting to an `Analysis`: sections, metadata, requirements and skills, with offsets."""
