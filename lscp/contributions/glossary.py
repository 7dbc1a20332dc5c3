"""The glossary of terms, kept as data (glossary.toml), and which of them a text uses.

A term in capitals (an acronym: MASH, CP) is found only as written and as a whole word, so
"CP" is not found in "CPD" or "cp"; any other term ("Early help") is found whatever its case.
No Django here.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent / "glossary.toml"
NATIONAL_CONTACTS = Path(__file__).resolve().parent / "national_contacts.toml"


@dataclass(frozen=True)
class Term:
    term: str
    stands_for: str
    meaning: str
    also: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        forms = "|".join(re.escape(f) for f in (self.term, *self.also))
        exact = all(f.upper() == f for f in (self.term, *self.also)) and self.term.isupper()
        return re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", 0 if exact else re.IGNORECASE)

    def used_in(self, text: str) -> bool:
        return self.pattern.search(text) is not None

    @property
    def explained(self) -> str:
        return f"{self.stands_for}. {self.meaning}" if self.stands_for else self.meaning


@functools.cache
def terms() -> tuple[Term, ...]:
    """Every term, in alphabetical order."""
    data = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    found = [Term(t["term"], t.get("stands_for", ""), t["meaning"], tuple(t.get("also", ())))
             for t in data["term"]]
    return tuple(sorted(found, key=lambda t: t.term.lower()))


def used(texts: Iterable[str], known: Iterable[Term] | None = None) -> list[Term]:
    """The terms that appear in any of the texts, in alphabetical order."""
    whole = "\n".join(texts)
    return [t for t in (terms() if known is None else known) if t.used_in(whole)]


@functools.cache
def national_contacts() -> tuple[tuple[str, str, str], ...]:
    """(who answers, phone, when) for the national ways to report a concern."""
    data = tomllib.loads(NATIONAL_CONTACTS.read_text(encoding="utf-8"))
    return tuple((c["label"], c["phone"], c.get("when", "")) for c in data["contact"])
