"""The journal's data: frozen records, errors, the repository protocol, people's words."""
