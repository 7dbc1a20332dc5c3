"""What learning and improvement expects: each open action by its due date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from lscp.assurance.selectors import open_actions
from lscp.partnership.expectations import Expected
from lscp.partnership.models import Partnership


def actions_due(partnership: Partnership, today: dt.date) -> Iterator[Expected]:
    for action in open_actions(partnership, today):
        yield Expected(
            kind="action", what=action.text, agency=action.owner, due=action.due,
            state="overdue" if action.is_overdue(today) else action.get_status_display().lower(),
            url=reverse("assurance:action_detail", args=[action.pk]),
            overdue=action.is_overdue(today))
