"""A looked-after child: the period of care drawn step by step, then every table's rows.

The steps run in a fixed order because each one draws from the chunk's generator; reorder
them and the files change.
"""

from __future__ import annotations

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.ssda903.adoption import plan_adoption, write_adoption
from lscp.returns.synth.ssda903.cin_record import write_cin_record
from lscp.returns.synth.ssda903.entry import enter_care
from lscp.returns.synth.ssda903.episodes import write_episodes
from lscp.returns.synth.ssda903.header import write_header
from lscp.returns.synth.ssda903.leaving_care import leave_care
from lscp.returns.synth.ssda903.legal_status import legal_changes
from lscp.returns.synth.ssda903.missing import write_missing
from lscp.returns.synth.ssda903.outcomes import write_leaving_outcomes, write_year_outcomes
from lscp.returns.synth.ssda903.placements import placement_moves
from lscp.returns.synth.ssda903.previous_permanence import write_previous_permanence
from lscp.returns.synth.ssda903.reviews import write_reviews


def lac_child(job: Chunk, number: int) -> None:
    """A child looked after during the year, in both returns under the same ID."""
    # The period of care.
    stay = enter_care(job, number)
    legal_changes(job, stay)
    plan_adoption(job, stay)
    leave_care(job, stay)
    placement_moves(job, stay)
    # Its rows in the SSDA903 tables.
    write_episodes(job, stay)
    write_header(job, stay)
    write_reviews(job, stay)
    write_missing(job, stay)
    write_year_outcomes(job, stay)
    write_leaving_outcomes(job, stay)
    write_adoption(job, stay)
    write_previous_permanence(job, stay)
    # The same child in the CIN census: an episode open while looked after.
    write_cin_record(job, stay)
