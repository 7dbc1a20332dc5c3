"""missing.csv: missing and away-from-placement episodes of children aged 11 and over."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.ssda903.stay import CareStay


def write_missing(job: Chunk, stay: CareStay) -> None:
    """Several short episodes for some older children, none overlapping, all within care."""
    r, S, E, uk, lo = job.rnd, job.S, job.E, job.cal.uk, job.cal.lo
    age_now = stay.age_at(E)
    stay_end = min(stay.end, E + 1)
    missing_chance = 0.0 if age_now < 11 else 0.07 if age_now < 14 else 0.2
    if r() < missing_chance and stay_end - max(stay.start, S) > 3:
        dob_uk = uk[stay.dob - lo]
        day = max(stay.start, S)
        for _ in range(1 + min(int(job.rng.expovariate(1 / 3.5)), 29)):
            day += 1 + int(job.rng.expovariate(1 / 30))
            if day >= stay_end:
                break
            back = day + (int(r() * 3) if r() < 0.8 else job.between(3, 20))
            back = min(back, stay_end - 1)
            job.row("missing", (stay.cid, dob_uk, "M" if r() < 0.8 else "A", uk[day - lo],
                                uk[back - lo] if back <= E else ""))
            day = back
