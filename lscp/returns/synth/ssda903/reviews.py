"""reviews.csv: looked-after reviews at about 3 weeks, 3 months, then every 5-6 months."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.ssda903.codes import REVIEW_CODE
from lscp.returns.synth.ssda903.stay import CareStay


def write_reviews(job: Chunk, stay: CareStay) -> None:
    """The reviews held in the year while the child was looked after, 7% of them late."""
    r, S, dob, uk, lo = job.rnd, job.S, stay.dob, job.cal.uk, job.cal.lo
    dob_uk = uk[dob - lo]
    stay_end = min(stay.end, job.E + 1)
    review = stay.start + job.between(10, 27)
    step = 0
    while review < stay_end:
        late = job.between(1, 40) if r() < 0.07 else 0
        day = review + late
        if S <= day < stay_end:
            code = "PN0" if day - dob < 4 * 365.25 else job.pick(REVIEW_CODE)
            job.row("reviews", (stay.cid, dob_uk, uk[day - lo], code))
        review = day + (job.between(75, 91) if step == 0 else job.between(160, 182))
        step += 1
