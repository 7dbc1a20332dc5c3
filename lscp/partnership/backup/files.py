"""Files that belong with the database: attachments (evidence, meeting papers) live outside
it, under settings.LSCP_ATTACHMENT_DIR, and a backup without them would restore rows that
point at nothing. Each file is a member `files/<folder>/<name>` with its size and SHA-256 in
the manifest; a restore checks them all, writes them beside their folder first, and moves
them into place only once the rows are in.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


@dataclass
class File:
    folder: str  # "attachments"
    name: str
    size: int
    sha256: str

    @property
    def member(self) -> str:
        return f"files/{self.folder}/{self.name}"


def folders() -> dict[str, Path]:
    """The folders a backup carries, by the name they have in the file."""
    return {"attachments": Path(settings.LSCP_ATTACHMENT_DIR)}


def write_files(archive: zipfile.ZipFile) -> list[File]:
    written = []
    for folder, root in folders().items():
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            if not path.is_file() or not SAFE_NAME.fullmatch(path.name):
                continue  # a partial write (".name.partial") is not a file yet
            digest, size = hashlib.sha256(), 0
            entry = File(folder, path.name, 0, "")
            with path.open("rb") as source, archive.open(entry.member, "w",
                                                         force_zip64=True) as out:
                for chunk in iter(lambda: source.read(1 << 16), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            entry.size, entry.sha256 = size, digest.hexdigest()
            written.append(entry)
    return written


def problems(archive: zipfile.ZipFile, entries: list[File]) -> list[str]:
    """What is wrong with the files, before anything is written: unknown folders, unsafe
    names, and members that are missing or not what the manifest says."""
    known, found = folders(), []
    for entry in entries:
        if entry.folder not in known or not SAFE_NAME.fullmatch(entry.name):
            found.append(f"{entry.member}: not a file a backup carries")
            continue
        digest, size = hashlib.sha256(), 0
        try:
            with archive.open(entry.member) as member:
                for chunk in iter(lambda: member.read(1 << 16), b""):
                    digest.update(chunk)
                    size += len(chunk)
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            found.append(f"{entry.member}: cannot be read ({exc})")
            continue
        if size != entry.size or digest.hexdigest() != entry.sha256:
            found.append(f"{entry.member}: {size} bytes and SHA-256 {digest.hexdigest()}, but "
                         f"the manifest says {entry.size} bytes and {entry.sha256}")
    return found


class Staged:
    """The backup's files written beside their folders, moved in by `commit()` once the
    database is restored, or removed by `discard()` if it was not."""

    def __init__(self, archive: zipfile.ZipFile, entries: list[File]) -> None:
        self.moves: list[tuple[Path, Path]] = []
        self.staging: dict[str, Path] = {}
        known = folders()
        try:
            for entry in entries:
                root = known[entry.folder]
                if entry.folder not in self.staging:
                    root.mkdir(parents=True, exist_ok=True, mode=0o700)
                    self.staging[entry.folder] = Path(tempfile.mkdtemp(prefix=".restore-",
                                                                       dir=root))
                staged = self.staging[entry.folder] / entry.name
                descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as out, archive.open(entry.member) as member:
                    shutil.copyfileobj(member, out)
                self.moves.append((staged, root / entry.name))
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        for staged, target in self.moves:
            os.replace(staged, target)
        self.discard()

    def discard(self) -> None:
        for folder in self.staging.values():
            shutil.rmtree(folder, ignore_errors=True)
