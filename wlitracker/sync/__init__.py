"""Sync through a folder another tool carries: the files in it, their sealing, the keyring.

Each device writes only its own files (append-only change sets under ``devices/ID/``),
sealed with a key derived from the passphrase. The rules that decide what the journal
shows after a merge live in ``core.sync``; this package only reads and writes the folder.
"""
