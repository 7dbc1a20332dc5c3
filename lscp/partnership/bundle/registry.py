"""Bundle parts: each app that keeps records adds its files, import and export here.

The partnership's own part comes first; apps that build on it (assurance, dataset) register
theirs in their AppConfig.ready(), so `partnership` never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lscp.partnership.bundle.reader import Bundle, Problem
    from lscp.partnership.bundle.schema import FileSpec


@dataclass(frozen=True)
class BundlePart:
    name: str
    files: tuple[FileSpec, ...]
    # (writer, bundle, lookups) -> None; lookups has "partnership", "agencies", "years",
    # "users" (username -> user)
    import_rows: Callable[[Any, Bundle, dict[str, Any]], None]
    # (partnership, write(file_name, rows), attach(path_in_bundle, data)) -> None
    export_rows: Callable[[Any, Callable[[str, Any], None], Callable[[str, bytes], None]], None]
    validate: Callable[[Bundle], list[Problem]] | None = None
    # (partnership) -> ids of the users its records name (who raised, changed, approved), so
    # that users.csv lists them even when they are not members of the partnership
    referenced_users: Callable[[Any], Iterable[int | None]] | None = None


PARTS: list[BundlePart] = []


def register(part: BundlePart) -> None:
    if any(p.name == part.name for p in PARTS):
        return
    PARTS.append(part)


def all_files() -> tuple[FileSpec, ...]:
    from lscp.partnership.bundle.schema import FILES

    return FILES + tuple(f for part in PARTS for f in part.files)


def file_spec(name: str) -> FileSpec | None:
    return next((f for f in all_files() if f.name == name), None)
