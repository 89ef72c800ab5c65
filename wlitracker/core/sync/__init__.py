"""The rules of sync that need no disk: the clock, the change format, the registry, the merge.

Pure Python, tested without a database: the SQLite journal (``storage.sync_store``) and the
folder (``wlitracker.sync``) apply these rules; ``core.services.sync`` runs one sync.
"""
