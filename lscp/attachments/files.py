"""What an uploaded file is, and where its bytes are kept. No models here.

A file's type is read from its first bytes (and, for Word and Excel files, from the parts
inside the zip), never trusted from its name: a page saved as `minutes.pdf` is refused. The
bytes go under a random name in settings.LSCP_ATTACHMENT_DIR, readable by the server's
user only; the name someone uploaded is kept for display and downloads only, cleaned.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

EXTENSIONS = {  # what a name may end with -> the kind its content must be
    "pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "png": "png", "jpg": "jpeg", "jpeg": "jpeg",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
ALLOWED = "a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file"
NAME_LIMIT = 200


class Refused(ValueError):
    """The file cannot be attached; the message says why, for the person uploading it."""


@dataclass(frozen=True)
class Checked:
    filename: str
    kind: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(settings.LSCP_ATTACHMENT_MAX_MB) * 1024 * 1024


def clean_name(name: str) -> str:
    """The last part of the name, without control characters or quotes, at most 200 long;
    `../../etc/passwd.pdf` is `passwd.pdf`."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C" and c not in '"<>:|?*')
    base = base.strip(" .") or "file"
    stem, dot, extension = base.rpartition(".")
    if len(base) > NAME_LIMIT and dot:
        base = stem[:NAME_LIMIT - len(extension) - 1] + "." + extension
    return base[:NAME_LIMIT]


def sniff(head: bytes, whole: io.BufferedIOBase | None = None) -> str | None:
    """The kind the content is, from its magic bytes; None when it is none we take."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and whole is not None:
        return _office_kind(whole)
    return None


def _office_kind(whole: io.BufferedIOBase) -> str | None:
    """A .docx or .xlsx is a zip with a Word or Excel part; only the names are read."""
    try:
        names = set(zipfile.ZipFile(whole).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def check(name: str, size: int, stream: io.BufferedIOBase) -> Checked:
    """Refuse what is too big, not a type we take, or not what its name says."""
    filename = clean_name(name)
    limit = settings.LSCP_ATTACHMENT_MAX_MB
    if size > max_bytes():
        raise Refused(f"The file must be smaller than {limit} MB; {filename} is "
                      f"{size / 1024 / 1024:.1f} MB")
    if size == 0:
        raise Refused(f"The file {filename} is empty")
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise Refused(f"The file must be {ALLOWED}")
    stream.seek(0)
    found = sniff(stream.read(16), stream)
    if found != expected:
        raise Refused(f"The file {filename} is not a real .{extension} file: it must be "
                      f"{ALLOWED}")
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    return Checked(filename, found, size, digest.hexdigest())


def folder() -> Path:
    """The attachments folder, made private (0700) if it is not there yet."""
    root = Path(settings.LSCP_ATTACHMENT_DIR)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def new_stored_name(kind: str) -> str:
    return f"{secrets.token_hex(16)}.{kind}"


def path_of(stored_name: str) -> Path:
    """The file of a stored name; a name that is not one we make never leaves the folder."""
    if not re.fullmatch(r"[0-9a-f]{32}\.[a-z]{3,4}", stored_name):
        raise Refused(f"not a stored attachment name: {stored_name!r}")
    return Path(settings.LSCP_ATTACHMENT_DIR) / stored_name


def write(stored_name: str, chunks: Iterable[bytes]) -> None:
    """Write the bytes under a temporary name (mode 0600), then rename: a file appears whole."""
    target = path_of(stored_name)
    folder()
    partial = target.with_name(f".{stored_name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def read(stored_name: str) -> bytes:
    return path_of(stored_name).read_bytes()


def remove(stored_name: str) -> None:
    """Only for a file whose row was never committed."""
    path_of(stored_name).unlink(missing_ok=True)
