"""What every register does alike (lscp/partnership/records.py): codes, positions and a
withdrawal that claims the version the form was opened at."""

from __future__ import annotations

import datetime as dt

import pytest

from lscp.partnership.locking import StaleEdit
from lscp.partnership.models import Group
from lscp.partnership.records import CODE_LENGTH, mark_withdrawn, unique_code
from tests.factories import GroupFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_a_code_is_a_slug_made_unique_by_a_number_and_never_too_long() -> None:
    p = PartnershipFactory()
    GroupFactory(partnership=p, code="safeguarding-board")
    assert unique_code(p.groups.all(), "Safeguarding Board") == "safeguarding-board-2"
    assert unique_code(p.groups.all(), "", wanted="", fallback="group") == "group"
    long = "word " * 30
    first = GroupFactory(partnership=p, code=unique_code(p.groups.all(), long))
    second = unique_code(p.groups.all(), long)
    assert len(first.code) <= CODE_LENGTH and len(second) <= CODE_LENGTH
    assert second != first.code and second.endswith("-2")


def test_a_withdrawal_claims_the_version_and_keeps_the_row() -> None:
    group = GroupFactory()
    with pytest.raises(StaleEdit):
        mark_withdrawn(group, seen_version=group.version + 1, reason="Merged", by=None,
                       today=dt.date(2021, 6, 30))
    mark_withdrawn(group, seen_version=group.version, reason="Merged", by=None,
                   today=dt.date(2021, 6, 30))
    saved = Group.objects.get(pk=group.pk)
    assert (saved.withdrawn_on, saved.withdrawn_reason, saved.version) == (
        dt.date(2021, 6, 30), "Merged", 1)
