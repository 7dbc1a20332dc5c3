"""oc2.csv (outcomes of children looked after all year) and oc3.csv (care leavers)."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.dates import birthday
from lscp.returns.synth.ssda903.codes import (
    ACCOMMODATION,
    ACTIVITY_OLDER,
    ACTIVITY_YOUNG,
    IN_TOUCH_OLDER,
    IN_TOUCH_YOUNG,
    SDQ_REASON,
)
from lscp.returns.synth.ssda903.stay import CareStay


def write_year_outcomes(job: Chunk, stay: CareStay) -> None:
    """An OC2 row for a child looked after for the whole year."""
    if stay.start <= job.S and stay.end > job.E:
        write_oc2(job, stay.cid, job.uk(stay.dob), stay.age_at(job.E))


def write_leaving_outcomes(job: Chunk, stay: CareStay) -> None:
    """An OC3 row for a care leaver whose 17th or 18th birthday falls after leaving, in the year.

    That is a child who left care at 16 or over, other than by adoption or death, after 13
    weeks or more in care from the age of 14.
    """
    E, dob, end = job.E, stay.dob, stay.end
    if end <= E and stay.age_at(end) >= 16 and stay.rec not in ("E11", "E12", "E2"):
        turns = int(stay.age_at(E))
        if birthday(dob, turns + 1) <= E:
            turns += 1
        elif birthday(dob, turns) > E:
            turns -= 1
        day = birthday(dob, turns)
        if turns in (17, 18) and end <= day <= E and end - max(stay.start, birthday(dob, 14)) >= 91:
            write_oc3(job, stay.cid, job.uk(dob), turns)


def write_oc2(job: Chunk, cid: str, dob_uk: str, age: float) -> None:
    """SDQ, offending, health and substance misuse for a child looked after all year."""
    r = job.rnd
    score = reason = ""
    if 4 <= age < 17:
        if r() < 0.78:
            score = str(max(0, min(40, int(job.rng.gauss(14, 7)))))
        else:
            reason = job.pick(SDQ_REASON)
    misuse = r() < 0.03
    job.row("oc2", (
        cid, dob_uk, score, reason,
        ("1" if r() < 0.02 else "0") if age >= 10 else "",
        ("1" if r() < 0.87 else "0") if age < 5 else "",
        "1" if r() < 0.8 else "0",
        "1" if r() < 0.76 else "0",
        "1" if r() < 0.89 else "0",
        "1" if misuse else "0",
        ("1" if r() < 0.6 else "0") if misuse else "",
        ("1" if r() < 0.8 else "0") if misuse else "",
    ))


def write_oc3(job: Chunk, cid: str, dob_uk: str, age: int) -> None:
    """Whether in touch, activity and accommodation (suitable or not) of a care leaver."""
    r = job.rnd
    in_touch = job.pick(IN_TOUCH_YOUNG if age <= 18 else IN_TOUCH_OLDER)
    activity = accommodation = ""
    if in_touch == "YES":
        activity = job.pick(ACTIVITY_YOUNG if age <= 18 else ACTIVITY_OLDER)
        kind = job.pick(ACCOMMODATION)
        suitable = kind not in ("S", "X") and (r() < 0.9 if kind not in ("V", "W") else r() < 0.3)
        accommodation = kind + ("1" if suitable else "2")
    job.row("oc3", (cid, dob_uk, in_touch, activity, accommodation))
