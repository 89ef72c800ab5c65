"""The sync passphrase in the system keyring, where there is one that works.

Without one (a headless Linux, a locked-down desktop) nothing is stored: the window asks
once each time it starts, and the command line reads ``WLITRACKER_SYNC_PASSPHRASE``. The
passphrase is never written to a file by wlitracker.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

SERVICE = "wlitracker sync"
ENVIRONMENT = "WLITRACKER_SYNC_PASSPHRASE"


def from_environment() -> str | None:
    return os.environ.get(ENVIRONMENT) or None


def keyring_works() -> bool:
    """Whether a keyring backend that really stores secrets is available."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring install must not stop a sync
        log.warning("the keyring cannot be used", exc_info=True)
        return False
    chain = getattr(backend, "backends", None)
    if chain is not None:
        return any(not isinstance(b, fail.Keyring | null.Keyring) for b in chain)
    return not isinstance(backend, fail.Keyring | null.Keyring)


def stored(journal: str) -> str | None:
    """The passphrase kept for the sync folder of ``journal`` (its id), if any."""
    if not keyring_works():
        return None
    try:
        import keyring

        return keyring.get_password(SERVICE, journal)
    except Exception:
        log.warning("the keyring could not be read", exc_info=True)
        return None


def store(journal: str, passphrase: str) -> bool:
    """Keep the passphrase in the keyring; ``False`` if there is none that works."""
    if not keyring_works():
        return False
    try:
        import keyring

        keyring.set_password(SERVICE, journal, passphrase)
    except Exception:
        log.warning("the keyring could not store the passphrase", exc_info=True)
        return False
    return True


def forget(journal: str) -> None:
    if not keyring_works():
        return
    try:
        import keyring

        keyring.delete_password(SERVICE, journal)
    except Exception:
        log.info("no passphrase to forget in the keyring")
