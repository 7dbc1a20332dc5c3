"""generate(): plan the chunks, make them (in parallel processes), and join their part files."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.cin.children import cin_child
from lscp.returns.synth.dates import collection_year
from lscp.returns.synth.formats import CSV_FILES, XML_TAIL, xml_head
from lscp.returns.synth.rates import CARE_LEAVERS_PER_LAC, LAC_SHARE
from lscp.returns.synth.ssda903.care_leavers import care_leaver
from lscp.returns.synth.ssda903.looked_after import lac_child

CHUNK = 10_000  # children per chunk; each chunk has its own generator seeded from the seed


class ChunkPlan(NamedTuple):
    """One chunk: its kind ("cin" or "leavers"), first child number and size, seed and files."""

    kind: str
    first: int
    size: int
    seed: int
    folder: str
    start: dt.date
    end: dt.date
    tag: str


def generate(children: int, seed: int, year: str, out: Path, *, workers: int | None = None) -> dict[str, int]:
    """Write a synthetic CIN census and SSDA903 return for `year` ("2024-25") into `out`.

    `children` is the number of children in the CIN census; about 13% of them are also looked
    after (same IDs in both returns), and care leavers not looked after during the year are
    added to the SSDA903 return only. Returns the number of children in the CIN file
    ("cin_children") and the number of data rows in each CSV (keyed by file stem).
    `workers` caps the processes used (default: one per CPU); it never changes the output.
    """
    if children < 0:
        raise ValueError("children must not be negative")
    start, end = collection_year(year)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parts = out / ".synth-parts"
    if parts.exists():
        shutil.rmtree(parts)
    parts.mkdir()
    plans = plan_chunks(children, seed, start, end, parts)
    try:
        results = make_chunks(plans, workers)
        counts: dict[str, int] = {"cin_children": 0, **dict.fromkeys(CSV_FILES, 0)}
        for result in results:
            for key, value in result.items():
                counts[key] += value
        join_parts(plans, parts, out, year, start, end)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    return counts


def plan_chunks(children: int, seed: int, start: dt.date, end: dt.date, parts: Path) -> list[ChunkPlan]:
    """The CIN children's chunks, then the care leavers', each seeded in turn from `seed`."""
    master = random.Random(seed)
    plans: list[ChunkPlan] = []
    for first in range(0, children, CHUNK):
        plans.append(ChunkPlan("cin", first + 1, min(CHUNK, children - first), master.getrandbits(64),
                               str(parts), start, end, f"{len(plans):05d}"))
    leavers = round(children * LAC_SHARE * CARE_LEAVERS_PER_LAC)
    for first in range(0, leavers, CHUNK):
        plans.append(ChunkPlan("leavers", children + first + 1, min(CHUNK, leavers - first),
                               master.getrandbits(64), str(parts), start, end, f"{len(plans):05d}"))
    return plans


def make_chunks(plans: list[ChunkPlan], workers: int | None) -> list[dict[str, int]]:
    """Each chunk's counts, made in up to `workers` processes (one per CPU by default)."""
    processes = min(workers or os.cpu_count() or 1, len(plans))
    if processes > 1:
        context = multiprocessing.get_context("fork") if os.name == "posix" else None
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            return list(pool.map(make_chunk, plans))
    return [make_chunk(plan) for plan in plans]


def make_chunk(plan: ChunkPlan) -> dict[str, int]:
    """Make one chunk's children into its part files; returns its counts."""
    job = Chunk(plan.start, plan.end, plan.seed, Path(plan.folder), plan.tag)
    try:
        if plan.kind == "cin":
            for number in range(plan.first, plan.first + plan.size):
                if job.rnd() < LAC_SHARE:
                    lac_child(job, number)
                else:
                    cin_child(job, number)
        else:
            for number in range(plan.first, plan.first + plan.size):
                care_leaver(job, number)
    finally:
        job.close()
    return job.counts


def join_parts(plans: list[ChunkPlan], parts: Path, out: Path, year: str, start: dt.date,
               end: dt.date) -> None:
    """The final XML and CSVs: header, then every chunk's part in chunk order."""
    with open(out / f"cin_census_{year}.xml", "w", encoding="utf-8", newline="\n") as xml:
        xml.write(xml_head(start, end))
        for plan in plans:
            with open(parts / f"{plan.tag}.xml", encoding="utf-8", newline="\n") as part:
                shutil.copyfileobj(part, xml, 1 << 20)
        xml.write(XML_TAIL)
    for name, header in CSV_FILES.items():
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as target:
            target.write(",".join(header) + "\n")
            for plan in plans:
                with open(parts / f"{plan.tag}.{name}.csv", encoding="utf-8", newline="") as part:
                    shutil.copyfileobj(part, target, 1 << 20)
