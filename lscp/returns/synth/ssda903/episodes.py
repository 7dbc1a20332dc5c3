"""episodes.csv: the legal status and placement changes merged into episodes open in the year."""

from __future__ import annotations

from typing import Any

from lscp.returns.synth.chunk import Chunk
from lscp.returns.synth.ssda903.codes import LAC_NEED, PLACE_CHANGE
from lscp.returns.synth.ssda903.placements import placement
from lscp.returns.synth.ssda903.stay import CareStay


def write_episodes(job: Chunk, stay: CareStay) -> None:
    """One row per episode: a new one at each change, the last open or ended with REC.

    A legal and placement change on the same day is one episode (RNE T, or B with the same
    carer); each episode before the last ends on the day the next starts (REC X1).
    """
    changes = changes_by_day(stay, job.E)
    stay.need = "N4" if stay.uasc else job.pick(LAC_NEED)
    provider, pl_post, urn = placement(job, stay.place, stay.home)
    # The open episode: DECOM, RNE, LS, PLACE, PLACE_PROVIDER, PL_POST, URN.
    current: list[Any] = [stay.decom, stay.rne, stay.first_ls, stay.place, provider, pl_post, urn]
    for day in sorted(changes):
        new_ls, new_place, move_rne = changes[day]
        if new_place is not None:
            next_rne = ("B" if move_rne == "U" else "T") if new_ls is not None else move_rne
            reason = "PLACE" if move_rne == "U" else "CARPL" if new_place[0] == "A" else job.pick(
                PLACE_CHANGE)
        else:
            next_rne, reason = "L", ""
        if day >= job.S:
            job.row("episodes", _row(job, stay, current, job.uk(day), "X1", reason))
        if new_place is not None:
            provider, pl_post, urn = placement(job, new_place, stay.home)
            current = [day, next_rne, new_ls or current[2], new_place, provider, pl_post, urn]
        else:
            current = [day, next_rne, new_ls, current[3], current[4], current[5], current[6]]
    ended = stay.end <= job.E
    job.row("episodes", _row(job, stay, current, job.uk(stay.end) if ended else "",
                             stay.rec if ended else "", ""))


def changes_by_day(stay: CareStay, E: int) -> dict[int, list[Any]]:
    """Day -> [new legal status, new placement, RNE of a move], for changes within care and the year."""
    changes: dict[int, list[Any]] = {}
    for day, new_ls in stay.legal:
        if stay.decom < day < stay.end and day <= E:
            changes.setdefault(day, [None, None, None])[0] = new_ls
    for day, new_place, move_rne in stay.moves:
        if stay.decom < day < stay.end and day <= E:
            entry = changes.setdefault(day, [None, None, None])
            entry[1], entry[2] = new_place, move_rne
    return changes


def _row(job: Chunk, stay: CareStay, current: list[Any], dec: str, rec: str, reason: str) -> list[str]:
    decom, rne, ls, place, provider, pl_post, urn = current
    place = job.place_code.get(place, place)  # as the year's code list writes it
    return [stay.cid, job.uk(decom), rne, ls, stay.need, place, provider, dec, rec, reason, stay.home,
            pl_post, urn]
