"""Action plans as a table: shared by the sections on reviews and audits."""

from __future__ import annotations

from lscp.assurance.models import Action, ActionStatus
from lscp.reports.content import Table


def actions_table(caption: str, actions: list[Action]) -> Table:
    """Done actions show their evidence: what changed, not only what was planned."""
    return Table(
        caption=caption,
        head=["Action", "Owner", "Status"],
        rows=[[a.evidence or a.text if a.status in (ActionStatus.DONE,
                                                    ActionStatus.EVIDENCE_ACCEPTED) else a.text,
               a.owner.name, a.get_status_display()] for a in actions],
    )
