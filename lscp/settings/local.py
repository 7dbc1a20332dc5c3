"""The laptop demo: embedded SQLite, console email, demo secret key."""

from .base import *  # noqa: F403
