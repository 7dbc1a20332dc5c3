"""Care leavers who were not looked after during the year: a header row and an OC3 row."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.dates import birthday
from lscp.returns.synth.identity import ETHNICITY, upn
from lscp.returns.synth.ssda903.codes import CARE_LEAVER_AGE
from lscp.returns.synth.ssda903.outcomes import write_oc3


def care_leaver(job: Chunk, number: int) -> None:
    """A former relevant child whose 17th to 21st birthday falls in the year."""
    r = job.rnd
    cid = f"SYN{number:07d}"
    age = job.pick(CARE_LEAVER_AGE)
    dob = birthday(job.between(job.S, job.E), -age)
    sex = "1" if r() < 0.55 else "2"
    dob_uk = job.uk(dob)
    mother, mother_dob = "", ""
    if sex == "2":
        if r() < (0.04 if age <= 18 else 0.1):
            mother = "1"
            mother_dob = job.uk(job.between(max(birthday(dob, 14), job.S - 900), job.E))
        else:
            mother = "0"
    leaver_upn = upn(job) if r() < 0.9 else "UN2"
    job.row("header", (cid, job.lac_sex[sex], dob_uk, job.pick(ETHNICITY), leaver_upn, mother, mother_dob))
    write_oc3(job, cid, dob_uk, age)
