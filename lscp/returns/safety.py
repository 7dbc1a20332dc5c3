"""Reading returns safely: refuse a file before it reaches a parser, and parse XML defensively.

- `check_file` looks at the size and the first 64 KiB: a file over the limit, binary content
  (a ZIP, an .xlsx, a PDF, NUL bytes...), UTF-16, XML that does not start with `<`, a CSV that
  is not UTF-8, or XML with a DOCTYPE / ENTITY declaration is refused with `RefusedFile`.
- `iter_xml` streams elements with lxml `iterparse` (no entities resolved, no network, no DTD
  loaded or validated, no huge trees) from a guarded reader that refuses the file as soon as a
  `<!DOCTYPE` or `<!ENTITY` appears anywhere in it, or it grows past the limit while being read;
  on its first element it also asks lxml whether a DTD was seen. A document that is not
  well-formed (truncated, unclosed tags) is refused with the line lxml reports.

Returns never need a DTD, so refusing any document with one keeps entity expansion ("billion
laughs") and external entities (`SYSTEM "file:///etc/passwd"`) away from every parser.

- `workspace` is where a load's files wait to be read (an upload, DuckDB's spill files): a
  folder of its own, mode 0700, under a private root, removed however the load ends; `sweep`
  removes what a killed process left there. Returns hold children's UPNs and birth dates, so
  they never go to the shared temporary folder and never outlive their load.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: workspaces are swept by age instead
    fcntl = None  # type: ignore[assignment]

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from lxml import etree

from lscp.returns.problems import FileTooBig, RefusedFile
from lscp.returns.records import Records
from lscp.returns.schema import columns

HEAD_BYTES = 64 * 1024
_READ_BYTES = 256 * 1024

# First bytes of formats that are sometimes uploaded in place of an XML or CSV return.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx, .docx or .zip file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.xls or .doc)"),
    (b"%PDF", "a PDF"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_OVERLAP = max(len(marker) for marker in _FORBIDDEN) - 1
# Encodings an XML declaration may name: all of them keep "<!DOCTYPE" as these very bytes.
_XML_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1",
                            "windows-1252", "cp1252"})
_ENCODING = re.compile(rb"""^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

_DTD_MESSAGE = ("has a DOCTYPE or ENTITY declaration; returns never need one and it could expand "
                "entities or read other files, so the file is refused")


def check_file(path: Path, kind: str, max_bytes: int) -> None:
    """Refuse `path` (RefusedFile) unless it plausibly is what it claims: "xml" or "csv"."""
    if kind not in ("xml", "csv"):
        raise ValueError(f"kind must be 'xml' or 'csv', not {kind!r}")
    name = path.name
    try:
        stat = path.stat()
    except OSError as exc:
        raise RefusedFile(name, f"cannot be read ({exc.strerror or exc})") from None
    if not path.is_file():
        raise RefusedFile(name, "is not a regular file")
    if stat.st_size > max_bytes:
        raise FileTooBig(name, f"is {describe_size(stat.st_size)}, over the limit of "
                               f"{describe_size(max_bytes)}")
    if stat.st_size == 0:
        raise RefusedFile(name, "is empty")
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    _refuse_binary(name, head, kind)
    if kind == "xml":
        _check_xml_head(name, head)
    else:
        _check_csv_head(name, head, complete=stat.st_size <= len(head))


def describe_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size:,} bytes ({size / 1_000_000:,.1f} MB)"
    return f"{size:,} bytes"


def _refuse_binary(name: str, head: bytes, kind: str) -> None:
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise RefusedFile(name, f"is {what}, not {kind.upper()} text")
    if head.startswith(_UTF16_32):
        raise RefusedFile(name, "is UTF-16 or UTF-32 text; save it as UTF-8")
    if b"\x00" in head:
        raise RefusedFile(name, f"contains NUL bytes: it is binary, not {kind.upper()} text")


def _check_xml_head(name: str, head: bytes) -> None:
    text = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    if not text.startswith(b"<"):
        raise RefusedFile(name, "is not XML: it does not start with an XML declaration or '<'")
    declared = _ENCODING.match(text)
    if declared and declared.group(1).decode("ascii").lower() not in _XML_ENCODINGS:
        raise RefusedFile(name, f"declares the encoding {declared.group(1).decode('ascii')!r}; "
                                "returns are read as UTF-8")
    if any(marker in head for marker in _FORBIDDEN):
        raise RefusedFile(name, _DTD_MESSAGE)
    _defused_prolog_check(name, head)


def _defused_prolog_check(name: str, head: bytes) -> None:
    """A second, independent opinion on the prolog: defusedxml's expat parser forbids DTDs.

    Only the file's first chunk is fed; syntax errors are left to lxml, which reports the line.
    """
    parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(head)
    except defusedxml.DefusedXmlException:
        raise RefusedFile(name, _DTD_MESSAGE) from None
    except ParseError:
        return


def _check_csv_head(name: str, head: bytes, *, complete: bool) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=complete)
    except UnicodeDecodeError as exc:
        raise RefusedFile(name, not_utf8_message(exc)) from None


def not_utf8_message(exc: UnicodeDecodeError, offset: int = 0) -> str:
    byte = exc.object[exc.start:exc.start + 1].hex()
    return (f"is not UTF-8 text (byte 0x{byte} at position {offset + exc.start:,}); "
            "save it as 'CSV UTF-8'")


class GuardedReader:
    """A binary file wrapper for parsers: counts bytes and refuses DTD markers as they stream."""

    def __init__(self, handle: IO[bytes], name: str, max_bytes: int, *, xml: bool) -> None:
        self._handle = handle
        self._name = name
        self._max = max_bytes
        self._xml = xml
        self._tail = b""
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._handle.read(size if size and size > 0 else _READ_BYTES)
        if not chunk:
            return chunk
        self.total += len(chunk)
        if self.total > self._max:
            raise FileTooBig(self._name, f"grew past the limit of {describe_size(self._max)} "
                                         "while being read")
        if self._xml:
            seam = self._tail + chunk[:_OVERLAP]
            if any(marker in chunk or marker in seam for marker in _FORBIDDEN):
                raise RefusedFile(self._name, _DTD_MESSAGE)
            self._tail = chunk[-_OVERLAP:]
        return chunk

    # what io.TextIOWrapper asks of the binary stream it decodes
    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)

    @property
    def closed(self) -> bool:
        return self._handle.closed

    def close(self) -> None:
        self._handle.close()

    def flush(self) -> None:
        return None


def safe_iterparse(source: Any, *, tag: str | Iterable[str] | None = None,
                   events: tuple[str, ...] = ("end",)) -> etree.iterparse:
    """The only way returns build an lxml parser: streaming, and closed to entities and DTDs."""
    return etree.iterparse(
        source, events=events, tag=tag,
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, recover=False,
    )


def iter_xml(path: Path, *, tag: str | Iterable[str], max_bytes: int) -> Iterator[Any]:
    """Elements of `path` matching `tag`, at their end events, parsed by `safe_iterparse`.

    Raises RefusedFile for a DTD or entity declaration, a file that grows past `max_bytes`, or
    XML that is not well-formed (with lxml's line number). The caller clears what it has read.
    """
    name = path.name
    with path.open("rb") as handle:
        guarded = GuardedReader(handle, name, max_bytes, xml=True)
        checked = False
        try:
            for _event, element in safe_iterparse(guarded, tag=tag):
                if not checked:
                    _refuse_doctype(name, element)
                    checked = True
                yield element
        except etree.XMLSyntaxError as exc:
            line = exc.position[0] if exc.position else exc.lineno
            message = (exc.msg or str(exc)).split(", line ")[0]
            if message.startswith("Excessive depth"):
                message = "elements are nested more than 256 deep"
            elif message.startswith("Premature end of data"):
                message += " (is the file cut short?)"
            raise RefusedFile(name, f"is not well-formed XML (line {line}): {message}") from None


def _refuse_doctype(name: str, element: Any) -> None:
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise RefusedFile(name, _DTD_MESSAGE)


class StagedRows:
    """Rows on their way into Records, so that a refused file stores nothing.

    Readers append tuples (in the schema's column order, checked here) to `rows[table]`;
    `flush` moves them into Records column by column, and `rollback` removes everything this
    reader added, flushed or not. Flushing now and then keeps one copy of the rows in memory.
    """

    def __init__(self, records: Records, layout: dict[str, tuple[str, ...]]) -> None:
        for table, names in layout.items():
            if tuple(columns(table)) != names:
                raise RuntimeError(f"the reader's columns for {table} are out of step with "
                                   f"lscp/returns/schema.py: {names} != {tuple(columns(table))}")
        self._records = records
        self._layout = layout
        self._marks = {table: records.count(table) for table in layout}
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in layout}

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                target = self._records.data[table]
                for name, values in zip(self._layout[table], zip(*rows, strict=True), strict=True):
                    target[name].extend(values)
                rows.clear()

    def rollback(self) -> None:
        for table, rows in self.rows.items():
            rows.clear()
            for values in self._records.data[table].values():
                del values[self._marks[table]:]


# --- where files wait to be read ----------------------------------------------------------------

WORKSPACE_PREFIX = "load-"
_LOCK = ".lock"
_MIN_AGE = 5.0  # seconds: a workspace this new may not have taken its lock yet


def private_folder(path: Path) -> Path:
    """`path`, made if need be and readable by this user only (mode 0700, even if it existed)."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


@contextlib.contextmanager
def workspace(root: Path) -> Iterator[Path]:
    """A new folder under `root` (both mode 0700) for one load, removed on the way out however
    the load ends. It holds a lock while in use: a process that is killed loses the lock, and
    that is how `sweep`, in another process, tells what it left from a load still running."""
    folder = Path(tempfile.mkdtemp(prefix=WORKSPACE_PREFIX, dir=private_folder(root)))
    lock = open(folder / _LOCK, "wb")  # noqa: SIM115 - held open for the workspace's life
    try:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        lock.close()


def sweep(root: Path, *, grace: float = 600.0) -> int:
    """Remove what killed loads and uploads left under `root`; returns how many went.

    A workspace goes as soon as no process holds its lock. Anything else (Django's temporary
    upload files, in `root/uploads`) goes once untouched for `grace` seconds: an upload in
    progress keeps writing to its file, and a reader holding one open keeps it (POSIX).
    """
    if not root.is_dir():
        return 0
    removed = 0
    stale = time.time() - grace
    for entry in root.iterdir():
        with contextlib.suppress(FileNotFoundError):  # another process swept it first
            if entry.is_dir() and entry.name.startswith(WORKSPACE_PREFIX):
                removed += _sweep_workspace(entry, stale)
            elif entry.is_dir():
                removed += sum(_remove_if_older(item, stale) for item in entry.iterdir())
            else:
                removed += _remove_if_older(entry, stale)
    return removed


def _sweep_workspace(folder: Path, stale: float) -> int:
    if folder.stat().st_mtime > time.time() - _MIN_AGE:
        return 0
    lock_path = folder / _LOCK
    if fcntl is None or not lock_path.exists():  # it died before locking, or no locks here
        return _remove_if_older(folder, stale)
    with open(lock_path, "rb") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0  # a live load
        shutil.rmtree(folder, ignore_errors=True)
    return 1


def _remove_if_older(path: Path, stale: float) -> int:
    if path.stat().st_mtime > stale:
        return 0
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return 1
