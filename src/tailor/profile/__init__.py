"""The applicant's profile: its model, loading with line-numbered errors, JSON Resume, facts."""
