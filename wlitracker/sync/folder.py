"""The sync folder on disk.

```
DIR/wlitracker-sync.json              which journal, how sealed (salt, key check); written once
DIR/devices/ID/00000001.chg           change sets of device ID, never rewritten
DIR/devices/ID/snapshot-00000001-00000120.chg   its change sets 1..120, compacted
DIR/devices/ID/seen.json              what device ID has read of every device
```

A change set is two lines of plain text (a magic line and a JSON header naming the
journal, the device, its sequence number, the schema and the body's length) and the body:
the changes, compressed, sealed with the header as associated data (or, with
``--no-encryption``, followed by a BLAKE2b checksum of header and changes). Conflict
copies made by file-sync tools (``*.sync-conflict-*``, ``(conflicted copy)``) end in
``.chg`` too and are read like the others: what a file is comes from its header.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..core.files import write_private, write_private_new
from ..core.model.errors import WliError
from ..core.sync.changes import Change, ChangeSetError, decode, encode
from ..core.sync.ports import ChangeSet, FolderHeader, SyncError
from ..core.sync.registry import SYNC_SCHEMA
from . import crypto

FORMAT = 1
MAGIC = b"WLITRACKER-SYNC 1\n"
HEADER_NAME = "wlitracker-sync.json"
DEVICES = "devices"
SEEN_NAME = "seen.json"
SEALED = "xchacha20poly1305-secretstream"
_SEQ = re.compile(r"^(\d{8})")
_SNAPSHOT = re.compile(r"^snapshot-(\d{8})-(\d{8})")


class ChangeSetProblem(SyncError):
    """One change set that cannot be read now (cut short, altered, from a newer version);
    it is skipped and tried again at the next sync."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def describe_os_error(folder: Path, error: OSError) -> SyncError:
    """A failed write to the folder in words a person can act on."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SyncError(
            f"The disk holding the sync folder {folder} is full: nothing was synced and "
            "the journal is unchanged. Free some space and sync again."
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return SyncError(
            f"The sync folder {folder} is read-only for wlitracker: nothing was synced and "
            "the journal is unchanged. Make it writable, or choose another folder."
        )
    return SyncError(f"The sync folder {folder} cannot be written ({error.strerror or error}).")


class Folder:
    """A sync folder; ``unlock`` before reading or writing change sets."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._key: bytes | None = None
        self._header: FolderHeader | None = None
        self.bytes_written = 0
        if not self.path.exists():
            raise SyncError(
                f"The sync folder {self.path} does not exist (is the drive that holds it "
                "connected?). Nothing was synced."
            )
        if not self.path.is_dir():
            raise SyncError(f"{self.path} is a file, not a folder: choose a folder to sync.")

    # the header
    def _header_files(self) -> list[Path]:
        return sorted(
            p
            for p in self.path.iterdir()
            if p.name.startswith("wlitracker-sync") and p.name.endswith(".json")
        )

    def _read_header_file(self, path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("journal"), str):
                raise ValueError("no journal named")
        except (OSError, ValueError) as error:
            raise SyncError(
                f"{path} is not a wlitracker sync folder's header ({error}); "
                "is this the right folder?"
            ) from None
        if int(data.get("format", 0)) > FORMAT:
            raise SyncError(
                f"The sync folder {self.path} was set up by a newer version of wlitracker. "
                "Update wlitracker on this computer to sync with it; nothing was changed."
            )
        return data

    def read_header(self) -> FolderHeader | None:
        files = self._header_files()
        if not files:
            return None
        headers = [self._read_header_file(p) for p in files]
        distinct = {(h["journal"], json.dumps(h.get("kdf"), sort_keys=True)) for h in headers}
        if len(distinct) > 1:
            raise SyncError(
                f"The sync folder {self.path} was set up twice at once, from two computers "
                f"({', '.join(p.name for p in files)}). Keep the folder of the computer "
                "that synced first, remove the other header and its devices, then sync again."
            )
        data = headers[0]
        header = FolderHeader(data["journal"], data.get("encryption") == SEALED)
        self._raw = data
        self._header = header
        return header

    def create_header(self, journal: str, passphrase: str | None) -> FolderHeader:
        data: dict[str, Any] = {"format": FORMAT, "journal": journal}
        if passphrase is None:
            data["encryption"] = "none"
        else:
            salt = secrets.token_bytes(crypto.SALT_BYTES)
            kdf = {
                "name": "argon2id",
                "salt": _b64(salt),
                "opslimit": crypto.OPSLIMIT,
                "memlimit": crypto.MEMLIMIT,
            }
            key = crypto.derive_key(passphrase, salt, crypto.OPSLIMIT, crypto.MEMLIMIT)
            data["encryption"] = SEALED
            data["kdf"] = kdf
            data["check"] = _b64(crypto.seal(key, self._check_ad(journal), b"wlitracker"))
        text = json.dumps(data, indent=2) + "\n"
        try:
            write_private_new(self.path / HEADER_NAME, text.encode("utf-8"))
        except FileExistsError:
            pass  # another process set it up a moment ago: use that one
        except OSError as error:
            raise describe_os_error(self.path, error) from None
        header = self.read_header()
        assert header is not None
        return header

    @staticmethod
    def _check_ad(journal: str) -> bytes:
        return b"wlitracker sync key check " + journal.encode("ascii")

    def unlock(self, header: FolderHeader, passphrase: str | None) -> None:
        """Derive the key and check it against the header's sealed check value."""
        if not header.encrypted:
            self._key = None
            return
        if not passphrase:
            raise SyncError(
                f"The sync folder {self.path} is encrypted: give its passphrase "
                "(on the command line in WLITRACKER_SYNC_PASSPHRASE)."
            )
        try:
            kdf = self._raw["kdf"]
            salt = _unb64(kdf["salt"])
            key = crypto.derive_key(passphrase, salt, int(kdf["opslimit"]), int(kdf["memlimit"]))
            check = crypto.unseal(key, self._check_ad(header.journal), _unb64(self._raw["check"]))
        except crypto.SealError:
            raise SyncError(
                f"That is not the passphrase the sync folder {self.path} was set up with. "
                "Nothing was synced; try again with the passphrase used on your other computer."
            ) from None
        except (KeyError, ValueError, TypeError) as error:
            raise SyncError(
                f"The header of the sync folder {self.path} is damaged ({error})."
            ) from None
        if check != b"wlitracker":
            raise SyncError(f"The header of the sync folder {self.path} is damaged.")
        self._key = key

    # change sets
    def _device_dir(self, device: str) -> Path:
        return self.path / DEVICES / device

    def next_seq(self, device: str) -> int:
        folder = self._device_dir(device)
        if not folder.is_dir():
            return 1
        top = 0
        for entry in os.scandir(folder):
            snap = _SNAPSHOT.match(entry.name)
            match = _SEQ.match(entry.name)
            if snap:
                top = max(top, int(snap.group(2)))
            elif match:
                top = max(top, int(match.group(1)))
        return top + 1

    def _file_bytes(
        self, device: str, device_name: str, seq: int, covers: tuple[int, int], body: bytes
    ) -> bytes:
        assert self._header is not None
        header = {
            "format": FORMAT,
            "schema": SYNC_SCHEMA,
            "journal": self._header.journal,
            "device": device,
            "name": device_name,
            "seq": seq,
            "covers": list(covers),
            "encryption": SEALED if self._key is not None else "none",
        }
        head = MAGIC + json.dumps(header, separators=(",", ":")).encode("utf-8") + b"\n"
        if self._key is not None:
            sealed = crypto.seal(self._key, head, body)
        else:
            sealed = body + hashlib.blake2b(head + body, digest_size=32).digest()
        return head + sealed

    def write_changes(
        self, device: str, device_name: str, seq: int, changes: Sequence[Change]
    ) -> tuple[str, int]:
        data = self._file_bytes(device, device_name, seq, (seq, seq), encode(changes))
        name = f"{seq:08d}.chg"
        self._write_new(device, name, data)
        return f"{DEVICES}/{device}/{name}", len(data)

    def _write_new(self, device: str, name: str, data: bytes) -> None:
        folder = self._device_dir(device)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_private_new(folder / name, data)
        except FileExistsError:
            raise SyncError(
                f"{folder / name} already exists: another wlitracker wrote to this folder "
                "as this computer at the same moment. Sync again."
            ) from None
        except OSError as error:
            raise describe_os_error(self.path, error) from None
        self.bytes_written += len(data)

    def unread(self, seen: set[str]) -> list[str]:
        """Names (relative to the folder) of change sets not yet read, oldest first."""
        root = self.path / DEVICES
        if not root.is_dir():
            return []
        names = []
        for device in sorted(os.scandir(root), key=lambda e: e.name):
            if not device.is_dir() or device.name.startswith("."):
                continue
            for entry in os.scandir(device.path):
                if entry.name.startswith(".") or not entry.name.endswith(".chg"):
                    continue
                name = f"{DEVICES}/{device.name}/{entry.name}"
                if name not in seen:
                    names.append(name)
        return sorted(names)

    def read(self, name: str) -> ChangeSet:
        path = self.path / name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ChangeSetProblem(f"{name} cannot be read ({error.strerror}).") from None
        try:
            if not data.startswith(MAGIC):
                raise ValueError("not a wlitracker change set")
            end = data.index(b"\n", len(MAGIC)) + 1
            head = data[:end]
            meta = json.loads(head[len(MAGIC) :])
            if int(meta["format"]) > FORMAT:
                raise ChangeSetProblem(
                    f"{name} was written by a newer version of wlitracker; update wlitracker "
                    "on this computer to read it (it is kept, and read after the update)."
                )
            assert self._header is not None
            if meta["journal"] != self._header.journal:
                raise ValueError("it belongs to another journal")
            body = data[end:]
            if meta["encryption"] == SEALED:
                if self._key is None:
                    raise ValueError("it is encrypted, and this folder is not")
                payload = crypto.unseal(self._key, head, body)
            else:
                if self._key is not None:
                    raise ValueError("it is not encrypted, and this folder is")
                payload, digest = body[:-32], body[-32:]
                if hashlib.blake2b(head + payload, digest_size=32).digest() != digest:
                    raise ValueError("cut short or altered")
            covers = (int(meta["covers"][0]), int(meta["covers"][1]))
            schema = int(meta["schema"])
            changes = () if schema > SYNC_SCHEMA else tuple(decode(payload))
            return ChangeSet(
                name,
                str(meta["device"]),
                str(meta.get("name") or meta["device"]),
                int(meta["seq"]),
                covers,
                schema,
                changes,
            )
        except ChangeSetProblem:
            raise
        except crypto.SealError as error:
            raise ChangeSetProblem(
                f"{name} is cut short or was altered ({error}): skipped, and tried again at "
                "the next sync (a file still arriving is complete by then)."
            ) from None
        except (ValueError, KeyError, IndexError, TypeError, ChangeSetError) as error:
            raise ChangeSetProblem(f"{name} cannot be read ({error}): skipped for now.") from None

    # what each device has read, and compaction
    def write_acknowledged(self, device: str, seen: Mapping[str, int]) -> None:
        folder = self._device_dir(device)
        text = json.dumps(dict(sorted(seen.items())), separators=(",", ":"))
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_private(folder / SEEN_NAME, lambda h: h.write(text.encode("utf-8")))
        except OSError as error:
            raise describe_os_error(self.path, error) from None
        except WliError as error:
            raise SyncError(f"The sync folder {self.path} cannot be written ({error}).") from None

    def acknowledgements(self) -> dict[str, dict[str, int]]:
        """For each device that has synced, what it has read of every device."""
        root = self.path / DEVICES
        out: dict[str, dict[str, int]] = {}
        if not root.is_dir():
            return out
        for device in os.scandir(root):
            if not device.is_dir():
                continue
            try:
                data = json.loads((Path(device.path) / SEEN_NAME).read_text(encoding="utf-8"))
                out[device.name] = {str(k): int(v) for k, v in data.items()}
            except (OSError, ValueError, AttributeError):
                out[device.name] = {}
        return out

    def own_files(self, device: str) -> list[tuple[str, tuple[int, int]]]:
        """This device's change sets and snapshots by name, with the sequence numbers each
        stands for (conflict copies are left alone: another tool made them)."""
        folder = self._device_dir(device)
        out: list[tuple[str, tuple[int, int]]] = []
        if not folder.is_dir():
            return out
        for entry in os.scandir(folder):
            snap = re.fullmatch(r"snapshot-(\d{8})-(\d{8})\.chg", entry.name)
            plain = re.fullmatch(r"(\d{8})\.chg", entry.name)
            if snap:
                out.append((entry.name, (int(snap.group(1)), int(snap.group(2)))))
            elif plain:
                out.append((entry.name, (int(plain.group(1)), int(plain.group(1)))))
        return sorted(out, key=lambda item: item[1])

    def compact(self, device: str, device_name: str, upto: int) -> str | None:
        """Merge this device's change sets numbered up to ``upto`` (which every device has
        read) into one snapshot, then remove them. Returns the snapshot's name."""
        files = [(n, c) for n, c in self.own_files(device) if c[1] <= upto]
        if len(files) < 2:
            return None
        changes: list[Change] = []
        for name, _ in files:
            changes += self.read(f"{DEVICES}/{device}/{name}").changes
        first = min(c[0] for _, c in files)
        snapshot = f"snapshot-{first:08d}-{upto:08d}.chg"
        data = self._file_bytes(device, device_name, upto, (first, upto), encode(changes))
        self._write_new(device, snapshot, data)
        for name, _ in files:
            with contextlib.suppress(OSError):
                (self._device_dir(device) / name).unlink()
        return f"{DEVICES}/{device}/{snapshot}"


def covers_of_name(name: str) -> tuple[int, int] | None:
    """The range a snapshot's name says it stands for."""
    match = _SNAPSHOT.match(Path(name).name)
    return (int(match.group(1)), int(match.group(2))) if match else None
