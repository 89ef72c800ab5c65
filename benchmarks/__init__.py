"""Performance measurements: scripts that print figures (not tests)."""
