"""Rendered reports kept on disk, keyed by what they contain.

Laying a report out as PDF takes seconds. A download reads the content tree the pages keep by
data version (decision 0016) and renders a format only when the tree, or the renderers
themselves, have changed since the last time: a second download builds nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from lscp import __version__
from lscp.reports import render
from lscp.reports.content import Document
from lscp.reports.render.html import TEMPLATES
from lscp.reports.templatetags import report_tags

KEEP = 24  # rendered files kept; older ones are removed as new ones arrive


def _renderer_sources() -> list[Path]:
    """Every file that decides how a tree is laid out: the render package's modules, the
    template tags that draw charts, and the report templates and stylesheet."""
    package = Path(render.__file__).parent
    tags = Path(report_tags.__file__)
    return [*sorted(package.rglob("*.py")), tags,
            *sorted(p for p in TEMPLATES.rglob("*") if p.is_file())]


@lru_cache(maxsize=1)
def _renderer_digest() -> bytes:
    """The renderers' code, templates and stylesheet, read once per process: they change
    only with a deployment, which restarts it."""
    digest = hashlib.sha256(__version__.encode())
    for source in _renderer_sources():
        digest.update(source.read_bytes())
    return digest.digest()


def fingerprint(document: Document, fmt: str) -> str:
    """Same content, format and renderer code: same key. Anything else: a new key."""
    digest = hashlib.sha256(_renderer_digest())
    digest.update(f"\0{fmt}\0".encode())
    tree = json.dumps(dataclasses.asdict(document), sort_keys=True, default=str)
    digest.update(tree.encode("utf-8"))
    return digest.hexdigest()


def rendered(document: Document, fmt: str, folder: Path) -> bytes:
    _, render_format = render.RENDERERS[fmt]
    target = folder / f"{fingerprint(document, fmt)}.{fmt}"
    if target.exists():
        return target.read_bytes()
    data = render_format(document)
    folder.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed: a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, target)
    _prune(folder)
    return data


def _prune(folder: Path) -> None:
    files = sorted((p for p in folder.iterdir() if p.suffix != ".part"),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
