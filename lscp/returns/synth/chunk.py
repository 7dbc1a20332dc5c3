"""Chunk: the draws for one chunk of children plus the part files the chunk writes to.

Each chunk writes `{tag}.xml` (its `<Child>` elements) and `{tag}.{name}.csv` (rows without a
header) into the parts folder; `generate` joins the parts in chunk order.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from lscp.returns.synth.draws import Draws
from lscp.returns.synth.formats import CSV_FILES


class Chunk(Draws):
    """Makes one chunk of children and writes them to the chunk's part files."""

    def __init__(self, start: dt.date, end: dt.date, seed: int, folder: Path, tag: str) -> None:
        super().__init__(start, end, seed)
        self.xml: TextIO = open(folder / f"{tag}.xml", "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.handles: dict[str, TextIO] = {}
        self.rows: dict[str, Callable[[Sequence[str]], Any]] = {}
        for name in CSV_FILES:
            handle = open(folder / f"{tag}.{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            self.handles[name] = handle
            self.rows[name] = csv.writer(handle, lineterminator="\n").writerow
        self.counts: dict[str, int] = {"cin_children": 0, **dict.fromkeys(CSV_FILES, 0)}

    def close(self) -> None:
        self.xml.close()
        for handle in self.handles.values():
            handle.close()

    def row(self, name: str, values: Sequence[str]) -> None:
        """One data row of the SSDA903 CSV `name`."""
        self.rows[name](values)
        self.counts[name] += 1

    def uk(self, day: int) -> str:
        """An ordinal as a dd/mm/YYYY date, as the SSDA903 CSVs write it."""
        return self.cal.uk[day - self.cal.lo]
