"""How the report writes dates, lists of names and counts, so every section says them alike."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    """ "1 April 2020": the GOV.UK style, no leading zero."""
    return f"{day.day} {day:%B %Y}"


def join_names(names: list[str]) -> str:
    """ "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sentence_case(text: str) -> str:
    """ "MAPPA category" stays as written, first letter raised: str.capitalize() would lower
    the rest and write "Mappa"."""
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """Text ending in one full stop, whether or not it came with one (or with "!" or "?")."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def plural(count: int, noun: str) -> str:
    """ "1 case review", "2 case reviews"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
