"""A local Maildir as a mailbox, with the same contract as IMAP.

Maildir has no UIDs, so this source keeps its own: ``.mailbot-uids`` in the folder maps
each message's unique name (the file name before ``:2,flags``, which a mail client
keeps when it marks mail read or moves it from ``new/`` to ``cur/``) to a number that
only grows. The map is replaced atomically, so a crash leaves the old or the new one. If
it is lost, a new one starts with a new UIDVALIDITY and the ingest step's Message-ID and
SHA-256 deduplication keeps anything from being handled twice.

"Processed" is a rename into the ``.Processed`` sub-folder (Maildir++), into the same
``new/`` or ``cur/`` and under the same name, so flags of any message are never changed.
"""

from __future__ import annotations

import json
import mailbox
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mailbot.config import MailboxSettings
from mailbot.logs import get_logger
from mailbot.sources.base import (
    FetchedMessage,
    MailTarget,
    SourceError,
    header_message_id_hash,
    matched_targets,
)

log = get_logger(__name__)

UID_FILE = ".mailbot-uids"


@dataclass
class UidMap:
    """Unique message name -> UID, for one Maildir folder."""

    uidvalidity: int
    next_uid: int = 1
    uids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> UidMap:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(int(data["uidvalidity"]), int(data["next_uid"]),
                       {str(k): int(v) for k, v in data["uids"].items()})
        except FileNotFoundError:
            return cls.fresh()
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("uid_map_unreadable", path=str(path), then="new UID map and UIDVALIDITY")
            return cls.fresh()

    @classmethod
    def fresh(cls) -> UidMap:
        # Positive and below 2**31: stored in a signed 32-bit column.
        return cls(uidvalidity=secrets.randbelow(2**31 - 2) + 1)

    def save(self, path: Path) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        payload = {"uidvalidity": self.uidvalidity, "next_uid": self.next_uid, "uids": self.uids}
        with tmp.open("w", encoding="utf-8") as out:
            json.dump(payload, out, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)

    def assign(self, names: Iterable[str]) -> bool:
        """Give each new name the next UID (in the given order); True if anything changed."""
        changed = False
        for name in names:
            if name not in self.uids:
                self.uids[name] = self.next_uid
                self.next_uid += 1
                changed = True
        return changed

    def forget_except(self, present: set[str]) -> bool:
        gone = [name for name in self.uids if name not in present]
        for name in gone:
            del self.uids[name]
        return bool(gone)


class MaildirSource:
    """One Maildir folder (``folder = "INBOX"`` is the Maildir itself)."""

    def __init__(
        self,
        settings: MailboxSettings,
        *,
        poll_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if settings.path is None:
            raise SourceError("[mailbox] backend = \"maildir\" needs path = the Maildir folder")
        self.settings = settings
        self.root = Path(settings.path).absolute()
        self._poll_interval = poll_interval
        self._sleep = sleep
        self._dir: Path | None = None
        self._map: UidMap | None = None

    @property
    def key(self) -> str:
        folder = self.settings.folder
        return f"maildir:{self.root}" + ("" if folder == "INBOX" else f"/{folder}")

    # -- lifecycle -------------------------------------------------------------------

    def __enter__(self) -> MaildirSource:
        self.connect()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def connect(self) -> None:
        """Open the folder and read its UID map (reconnecting re-reads it)."""
        folder = self.settings.folder
        try:
            root = mailbox.Maildir(self.root, factory=None, create=False)
            if folder != "INBOX":
                root.get_folder(folder)  # raises when the folder does not exist
        except (mailbox.NoSuchMailboxError, OSError) as exc:
            raise SourceError(f"{self.key}: cannot open the Maildir: {type(exc).__name__}") from exc
        self._dir = _folder_path(self.root, folder)
        self._map = UidMap.load(self._dir / UID_FILE)

    def close(self) -> None:
        self._dir = None
        self._map = None

    # -- reading ---------------------------------------------------------------------

    def uidvalidity(self) -> int:
        return self._uid_map().uidvalidity

    def uids_after(self, last_uid: int, since: datetime | None = None) -> list[int]:
        files = self._sync()
        uid_map = self._uid_map()
        wanted = sorted(uid for uid in uid_map.uids.values() if uid > last_uid)
        if since is None:
            return wanted
        by_uid = {uid: name for name, uid in uid_map.uids.items()}
        return [uid for uid in wanted if _mtime(files[by_uid[uid]]) >= since]

    def fetch(self, uids: Iterable[int]) -> Iterator[FetchedMessage]:
        files = self._scan()
        by_uid = {uid: name for name, uid in self._uid_map().uids.items()}
        for uid in uids:
            path = files.get(by_uid.get(uid, ""))
            message = self._read(uid, path) if path is not None else None
            if message is not None:
                yield message

    def _read(self, uid: int, path: Path) -> FetchedMessage | None:
        try:
            stat = path.stat()
            big = stat.st_size > self.settings.max_message_bytes
            raw = None if big else path.read_bytes()
        except FileNotFoundError:  # moved or deleted since the scan
            return None
        except OSError as exc:
            raise SourceError(f"{self.key}: cannot read a message: {type(exc).__name__}") from exc
        date = datetime.fromtimestamp(stat.st_mtime, UTC)
        return FetchedMessage(uid=uid, size=stat.st_size, raw=raw, internal_date=date)

    # -- changing --------------------------------------------------------------------

    def move_to_processed(self, uids: Iterable[int]) -> None:
        target = self._processed_dir()
        files = self._scan()
        uid_map = self._uid_map()
        by_uid = {uid: name for name, uid in uid_map.uids.items()}
        moved = 0
        for uid in uids:
            name = by_uid.get(uid)
            path = files.get(name or "")
            if name is None or path is None:
                continue  # already moved: nothing to do
            try:
                os.rename(path, target / path.parent.name / path.name)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise SourceError(f"{self.key}: move failed: {type(exc).__name__}") from exc
            moved += 1
        log.info("moved", mailbox=self.key, count=moved, to=self.settings.processed_folder)

    def remove_messages(self, targets: Sequence[MailTarget]) -> list[int]:
        """Delete the targets' files from the folder and the processed folder."""
        counts = [0] * len(targets)
        by_uid = {uid: name for name, uid in self._uid_map().uids.items()}
        files = self._scan()
        for i, target in enumerate(targets):  # still where it was fetched: its UID names it
            if target.uidvalidity == self.uidvalidity() and target.uid in by_uid:
                path = files.get(by_uid[target.uid])
                if path is not None and _unlink(path):
                    counts[i] += 1
        for folder in dict.fromkeys((self.settings.folder, self.settings.processed_folder)):
            found = remove_from_maildir(_folder_path(self.root, folder), targets)
            counts = [a + b for a, b in zip(counts, found, strict=True)]
        return counts

    def mark_left(self, uids: Iterable[int], flag: str) -> None:
        """Maildir has no keywords: any flag becomes the flagged flag (``F``) in ``cur/``."""
        files = self._scan()
        by_uid = {uid: name for name, uid in self._uid_map().uids.items()}
        for uid in uids:
            path = files.get(by_uid.get(uid, ""))
            if path is None:
                continue  # gone (moved or deleted by a person): nothing to mark
            base, _, info = path.name.partition(":")
            flags = info[2:] if info.startswith("2,") else ""
            if "F" in flags and path.parent.name == "cur":
                continue
            target = self._folder() / "cur" / f"{base}:2,{''.join(sorted(set(flags + 'F')))}"
            try:
                os.rename(path, target)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise SourceError(f"{self.key}: mark failed: {type(exc).__name__}") from exc

    def _processed_dir(self) -> Path:
        name = self.settings.processed_folder
        try:
            root = mailbox.Maildir(self.root, factory=None, create=False)
            if name not in root.list_folders():
                root.add_folder(name)
        except OSError as exc:
            raise SourceError(f"{self.key}: cannot create {name}: {type(exc).__name__}") from exc
        return _folder_path(self.root, name)

    # -- waiting ---------------------------------------------------------------------

    def wait_for_new(self, timeout: float) -> bool:
        """Polls: the stdlib has no inotify, and a stat of two folders costs next to nothing."""
        known = set(self._scan())
        stamp = self._dir_stamp()
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            self._sleep(min(self._poll_interval, left))
            if self._dir_stamp() != stamp:
                stamp = self._dir_stamp()
                if set(self._scan()) - known:
                    return True
        return False

    # -- helpers ---------------------------------------------------------------------

    def _uid_map(self) -> UidMap:
        if self._map is None:
            raise SourceError(f"{self.key}: not connected (call connect() first)")
        return self._map

    def _folder(self) -> Path:
        if self._dir is None:
            raise SourceError(f"{self.key}: not connected (call connect() first)")
        return self._dir

    def _sync(self) -> dict[str, Path]:
        """Number messages seen for the first time (oldest first) and save the map."""
        files = self._scan()
        uid_map = self._uid_map()
        fresh = sorted((n for n in files if n not in uid_map.uids),
                       key=lambda n: (_mtime_ns(files[n]), n))
        changed = uid_map.forget_except(set(files))
        if uid_map.assign(fresh) or changed:
            try:
                uid_map.save(self._folder() / UID_FILE)
            except OSError as exc:
                raise SourceError(f"{self.key}: cannot save {UID_FILE}: {exc.strerror}") from exc
        return files

    def _scan(self) -> dict[str, Path]:
        """Unique name -> current path, over ``new/`` and ``cur/``."""
        files: dict[str, Path] = {}
        for sub in ("new", "cur"):
            try:
                entries = list(os.scandir(self._folder() / sub))
            except OSError as exc:
                raise SourceError(f"{self.key}: cannot list {sub}/: {exc.strerror}") from exc
            for entry in entries:
                if not entry.name.startswith(".") and entry.is_file():
                    files[entry.name.split(":", 1)[0]] = Path(entry.path)
        return files

    def _dir_stamp(self) -> tuple[int, int]:
        folder = self._folder()
        return (os.stat(folder / "new").st_mtime_ns, os.stat(folder / "cur").st_mtime_ns)


HEADER_LIMIT = 256 * 1024
"""Bytes read to find a message's Message-ID: its header ends long before."""


def remove_from_maildir(folder: Path, targets: Sequence[MailTarget]) -> list[int]:
    """Delete every file in the Maildir folder's ``new/`` and ``cur/`` that matches a target;
    how many each target matched. A missing folder holds nothing to delete."""
    counts = [0] * len(targets)
    by_id = any(target.message_id_hash for target in targets)
    for sub in ("new", "cur"):
        try:
            entries = [e for e in os.scandir(folder / sub) if e.is_file()]
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise SourceError(f"cannot list {folder.name}/{sub}/: {exc.strerror}") from exc
        for entry in entries:
            path = Path(entry.path)
            try:
                size = path.stat().st_size
                mid = header_message_id_hash(_head(path)) if by_id else None
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise SourceError(f"cannot read {folder.name}/{sub}/: {exc.strerror}") from exc
            hits = matched_targets(targets, mid, size, path.read_bytes)
            if hits and _unlink(path):
                for i in hits:
                    counts[i] += 1
    return counts


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEADER_LIMIT)


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise SourceError(f"cannot delete a message: {exc.strerror}") from exc
    return True


def _folder_path(root: Path, folder: str) -> Path:
    """Maildir++: INBOX is the Maildir itself, other folders are ``.Name`` inside it."""
    return root if folder == "INBOX" else root / f".{folder}"


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(_mtime_ns(path) / 1e9, UTC)


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:  # gone since the scan: sorts first, is never "recent"
        return 0
