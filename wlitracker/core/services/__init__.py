"""Use cases: every read and every write of the journal, each write in one transaction."""
