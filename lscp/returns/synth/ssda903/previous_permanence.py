"""previous_permanence.csv: for each child starting care, any earlier adoption, SGO or CAO."""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.formats import LEA
from lscp.returns.synth.ssda903.codes import PREV_PERM
from lscp.returns.synth.ssda903.stay import CareStay


def write_previous_permanence(job: Chunk, stay: CareStay) -> None:
    """Z1 (none) for most entrants; otherwise the kind, the LA that made it and its date."""
    if not stay.entrant:
        return
    dob, dob_uk = stay.dob, job.uk(stay.dob)
    kind = job.pick(PREV_PERM) if stay.start - dob > 90 else "Z1"
    if kind == "Z1":
        job.row("previous_permanence", (stay.cid, dob_uk, "Z1", "", ""))
    else:
        when = job.between(dob + 30, stay.start - 30)
        job.row("previous_permanence", (stay.cid, dob_uk, kind, LEA if job.rnd() < 0.7 else "999",
                                        job.uk(when)))
