"""Sealing change sets: Argon2id for the key, libsodium's secretstream (XChaCha20-Poly1305)
for each file, with the file's plaintext header as associated data, so a file cannot be
swapped for another device's or sequence number's, cut short, or altered unnoticed."""

from __future__ import annotations

import functools
import struct

from nacl import bindings as sodium
from nacl import pwhash
from nacl.exceptions import CryptoError

CHUNK = 64 * 1024
KEY_BYTES = sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES
HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
SALT_BYTES = pwhash.argon2id.SALTBYTES
# libsodium's parameters for interactive use: about 0.1 s and 64 MiB here.
OPSLIMIT = pwhash.argon2id.OPSLIMIT_INTERACTIVE
MEMLIMIT = pwhash.argon2id.MEMLIMIT_INTERACTIVE
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


class SealError(ValueError):
    """Not sealed with this key, cut short, or altered."""


@functools.lru_cache(maxsize=4)
def derive_key(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    """The folder's key (kept for the process: a sync every few minutes need not wait)."""
    return bytes(
        pwhash.argon2id.kdf(
            KEY_BYTES, passphrase.encode("utf-8"), salt, opslimit=opslimit, memlimit=memlimit
        )
    )


def seal(key: bytes, associated: bytes, plaintext: bytes) -> bytes:
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    parts = [header]
    chunks = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
            state, chunk, associated if index == 0 else None, _TAG_FINAL if last else _TAG_MESSAGE
        )
        parts.append(struct.pack(">I", len(sealed)))
        parts.append(sealed)
    return b"".join(parts)


def unseal(key: bytes, associated: bytes, body: bytes) -> bytes:
    if len(body) < HEADER_BYTES:
        raise SealError("too short")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, body[:HEADER_BYTES], key)
        at = HEADER_BYTES
        out = []
        first = True
        while True:
            if at + 4 > len(body):
                raise SealError("cut short")
            (size,) = struct.unpack(">I", body[at : at + 4])
            at += 4
            if at + size > len(body):
                raise SealError("cut short")
            message, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(
                state, body[at : at + size], associated if first else None
            )
            first = False
            at += size
            out.append(message)
            if tag == _TAG_FINAL:
                if at != len(body):
                    raise SealError("something follows the end")
                return b"".join(out)
    except CryptoError:
        raise SealError("not sealed with this key, or altered") from None
