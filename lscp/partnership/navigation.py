"""The main menu, filled by each app in its `ready()`: an app adds its own pages here, so
adding an app never means editing another app's menu code.

Whether a user sees an entry is decided in `access`, like every other permission.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from lscp.partnership import access


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str  # namespaced, e.g. "dataset:overview"
    position: int  # lower comes first
    shown_to: Callable[[Any], bool] = access.can_read

    @property
    def url(self) -> str:
        return _url(self.url_name)


@functools.lru_cache(maxsize=256)
def _url(url_name: str) -> str:
    """Menu pages take no arguments, so their addresses never change while the process runs;
    reversing a dozen of them on every page view was a measurable share of it."""
    return reverse(url_name)


_ENTRIES: dict[str, MenuEntry] = {}


def register(*entries: MenuEntry) -> None:
    """Add entries to the menu; registering the same page again replaces it (idempotent)."""
    for entry in entries:
        _ENTRIES[entry.url_name] = entry


def entries() -> list[MenuEntry]:
    return sorted(_ENTRIES.values(), key=lambda e: e.position)


def menu_for(user: Any, path: str) -> list[dict[str, Any]]:
    """The entries this user may open, with the one for the current page marked: the most
    specific match wins, so /dataset/returns/ is Returns, not Dataset."""
    items = [(e.label, e.url) for e in entries() if e.shown_to(user)]
    matches = [url for _, url in items if (path == url if url == "/" else path.startswith(url))]
    current = max(matches, key=len, default=None)
    return [{"label": label, "url": url, "active": url == current} for label, url in items]
