"""Rows of the minimised tables, collected column by column for a fast columnar load."""

from __future__ import annotations

from typing import Any

from lscp.returns.schema import TABLES, columns


class Records:
    def __init__(self) -> None:
        self.data: dict[str, dict[str, list[Any]]] = {
            table: {name: [] for name in columns(table)} for table in TABLES}

    def add(self, table: str, **values: Any) -> None:
        """One row; every column of the table must be given (None where unknown)."""
        target = self.data[table]
        if values.keys() != target.keys():
            missing = set(target) - set(values)
            extra = set(values) - set(target)
            raise KeyError(f"{table}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        for name, value in values.items():
            target[name].append(value)

    def count(self, table: str) -> int:
        first = columns(table)[0]
        return len(self.data[table][first])
