"""header.csv (with the child's UPN, ethnicity and motherhood) and uasc.csv."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.dates import birthday
from lscp.returns.synth.identity import ETHNICITY, ETHNICITY_UASC, upn
from lscp.returns.synth.ssda903.stay import CareStay


def write_header(job: Chunk, stay: CareStay) -> None:
    """The child's header row, and a uasc row for an unaccompanied asylum-seeking child."""
    r, dob = job.rnd, stay.dob
    dob_uk = job.uk(dob)
    age_now = stay.age_at(job.E)
    stay.upn = upn(job) if r() < (0.95 if age_now >= 5 else 0.3) else None
    mother, mother_dob = "", ""
    if stay.sex == "2" and age_now >= 14:
        if r() < 0.02:
            mother = "1"
            mother_dob = job.uk(job.between(max(birthday(dob, 13), job.S - 700), job.E))
        else:
            mother = "0"
    stay.ethnicity = job.pick(ETHNICITY_UASC if stay.uasc else ETHNICITY)
    job.row("header", (stay.cid, job.lac_sex[stay.sex], dob_uk, stay.ethnicity,
                       stay.upn or ("UN1" if age_now < 5 else "UN2"), mother, mother_dob))
    if stay.uasc:
        job.row("uasc", (stay.cid, job.lac_sex[stay.sex], dob_uk, job.uk(stay.adult)))
