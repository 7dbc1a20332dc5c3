"""Pages read what was built for the records as they stand (decision 0010): a second view
builds nothing, any change to a record (saved, deleted, linked, claimed, approved, a
catalogue sync) makes the next view build afresh, and no entry is shared between the two
editions of a report or between two partnerships."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from lscp.assurance.models import CaseReview
from lscp.dataset import selectors as dataset_selectors
from lscp.dataset import views as dataset_views
from lscp.dataset.models import Indicator
from lscp.dataset.services import sync_catalogue
from lscp.demo.setup import DEMO_PASSWORD
from lscp.partnership import selectors as partnership_selectors
from lscp.partnership import versioning
from lscp.partnership.locking import claim
from lscp.partnership.models import BudgetLine, Meeting, Role
from lscp.reports import views as report_views
from tests.factories import AgencyFactory, PartnershipFactory, ReportingYearFactory, member
from tests.test_dataset import form_data, open_submission

pytestmark = pytest.mark.django_db

REPORT = "/reports/yearly/2020-21/"


@pytest.fixture
def builds(monkeypatch) -> list[tuple[int, bool]]:  # type: ignore[no-untyped-def]
    """Each build of the yearly report's content tree: (partnership, public)."""
    calls: list[tuple[int, bool]] = []
    real = report_views.build_yearly_report

    def counting(partnership, year, public=False):  # type: ignore[no-untyped-def]
        calls.append((partnership.pk, public))
        return real(partnership, year, public=public)

    monkeypatch.setattr(report_views, "build_yearly_report", counting)
    return calls


def counted(monkeypatch, owner: object, name: str) -> list[object]:  # type: ignore[no-untyped-def]
    calls: list[object] = []
    real = getattr(owner, name)

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_a_second_view_of_the_report_builds_nothing(manager, board_member, builds) -> None:  # type: ignore[no-untyped-def]
    first = manager.get(REPORT)
    second = board_member.get(REPORT)
    assert first.status_code == second.status_code == 200
    assert len(builds) == 1
    assert first.context["document_html"] == second.context["document_html"]
    assert len(first.context["document_html"]) > 100_000  # the whole report, laid out


def test_a_sign_in_throws_no_page_away(manager, builds) -> None:  # type: ignore[no-untyped-def]
    """Signing in writes (the last sign-in, the audit trail) but changes nothing a page shows."""
    manager.get(REPORT)
    assert Client().login(username="chair", password=DEMO_PASSWORD)
    manager.get(REPORT)
    assert len(builds) == 1


def test_home_and_dataset_pages_are_built_once(monkeypatch, manager, board_member) -> None:  # type: ignore[no-untyped-def]
    """The first views build (the Board's home reads the themes, and so does the report whose
    gaps the business unit's home lists); every later view, by anyone, builds nothing."""
    home = counted(monkeypatch, partnership_selectors, "overview_figures")
    themes = counted(monkeypatch, dataset_selectors, "themes")
    indicator = counted(monkeypatch, dataset_views, "_indicator_figures")
    urls = ("/", "/dataset/", "/dataset/indicators/cp-plans/")
    for client in (manager, board_member):
        for url in urls:
            assert client.get(url).status_code == 200
    first = (len(home), len(themes), len(indicator))
    assert first[0] == 1 and first[2] == 1 and first[1] >= 1
    for client in (board_member, manager):
        for url in urls:
            assert client.get(url).status_code == 200
    assert (len(home), len(themes), len(indicator)) == first


def test_a_saved_budget_line_shows_on_the_next_view(manager, builds) -> None:  # type: ignore[no-untyped-def]
    assert "£193,776" not in manager.get(REPORT).content.decode()
    line = BudgetLine.objects.get(line="Training income")
    line.amount_pence = 100
    line.save()
    assert "£193,776" in manager.get(REPORT).content.decode()
    assert len(builds) == 2


def test_an_approved_submission_shows_on_the_indicator_page(contributor, manager, demo) -> None:  # type: ignore[no-untyped-def]
    demo.years.get_or_create(label="2021-22")
    url = "/dataset/indicators/da-offences/"

    def shown() -> bool:
        rows = manager.get(url).context["rows"]
        return any(" Q1 " in row[0] and row[1] == 640 for row in rows)

    assert not shown()
    submission = open_submission(contributor, "2021-22-Q1")
    contributor.post(f"/dataset/submissions/{submission.pk}/",
                     form_data(submission, **{"da-offences": "640"}))
    assert not shown()  # submitted, not yet settled
    manager.post(f"/dataset/submissions/{submission.pk}/decide/",
                 {"action": "approve", "reason": "Checked with the force"})
    assert shown()


def test_a_claimed_record_rebuilds_the_page(manager, builds, demo) -> None:  # type: ignore[no-untyped-def]
    """claim() bumps a version with an UPDATE, which sends no signal."""
    manager.get(REPORT)
    meeting = Meeting.objects.filter(group__partnership=demo).first()
    assert meeting is not None
    claim(meeting, meeting.version)
    manager.get(REPORT)
    assert len(builds) == 2


def test_a_deleted_record_and_a_new_link_rebuild_the_page(manager, builds, demo) -> None:  # type: ignore[no-untyped-def]
    manager.get(REPORT)
    BudgetLine.objects.filter(year__partnership=demo, line="Training income").delete()
    manager.get(REPORT)
    review = CaseReview.objects.filter(partnership=demo).first()
    assert review is not None
    review.agencies.add(AgencyFactory(partnership=demo))
    manager.get(REPORT)
    assert len(builds) == 3


def test_a_catalogue_sync_rebuilds_the_pages(monkeypatch, manager, demo) -> None:  # type: ignore[no-untyped-def]
    """The catalogue is shared: its sync writes with UPDATE and tells every partnership."""
    themes = counted(monkeypatch, dataset_selectors, "themes")
    manager.get("/dataset/")
    Indicator.objects.filter(code="cp-plans").update(title="Out of date")
    sync_catalogue()
    manager.get("/dataset/")
    assert len(themes) == 2


def test_the_public_and_internal_editions_never_share_an_entry(manager, builds, demo) -> None:  # type: ignore[no-untyped-def]
    demo.years.filter(label="2020-21").update(report_published=True)
    public_url = f"/public/{demo.slug}/yearly/2020-21/"
    internal, public = manager.get(REPORT), Client().get(public_url)
    assert (internal.status_code, public.status_code) == (200, 200)
    manager.get(REPORT), Client().get(public_url)
    assert builds == [(demo.pk, False), (demo.pk, True)]
    assert "[c]" in public.content.decode()  # small numbers suppressed
    assert "[c]" not in internal.content.decode()


def test_two_partnerships_never_share_an_entry(manager, builds, demo) -> None:  # type: ignore[no-untyped-def]
    other = PartnershipFactory()
    ReportingYearFactory(partnership=other, label="2020-21")
    theirs = Client()
    theirs.force_login(member(other, Role.BUSINESS_UNIT))
    mine, their_page = manager.get(REPORT), theirs.get(REPORT)
    assert their_page.status_code == 200
    assert builds == [(demo.pk, False), (other.pk, False)]
    assert demo.name in mine.content.decode()
    assert demo.name not in their_page.content.decode()


def test_a_change_in_one_partnership_leaves_anothers_version(demo) -> None:  # type: ignore[no-untyped-def]
    other = PartnershipFactory()
    theirs, mine = versioning.version(other.pk), versioning.version(demo.pk)
    AgencyFactory(partnership=demo)
    assert versioning.version(other.pk) == theirs
    assert versioning.version(demo.pk) != mine


def test_the_day_is_part_of_the_key(settings, demo) -> None:  # type: ignore[no-untyped-def]
    settings.LSCP_TODAY = "2021-06-30"
    before = versioning.key(demo.pk, "yearly-report", "2020-21", "internal")
    settings.LSCP_TODAY = "2021-07-01"
    assert versioning.key(demo.pk, "yearly-report", "2020-21", "internal") != before


@pytest.mark.django_db(transaction=True)
def test_others_see_a_change_once_it_is_committed_and_never_a_rolled_back_one() -> None:
    """Inside the transaction only its own connection keys pages by the change; the shared
    token is replaced after the commit, and not at all after a rollback."""
    p = PartnershipFactory()
    before = versioning.version(p.pk)
    with transaction.atomic():
        AgencyFactory(partnership=p)
        inside = versioning.version(p.pk)
        assert inside.startswith(before + ".")  # shared tokens as they were, and its own
    committed = versioning.version(p.pk)
    assert committed not in (before, inside)
    with pytest.raises(RuntimeError), transaction.atomic():
        AgencyFactory(partnership=p)
        raise RuntimeError
    assert versioning.version(p.pk) == committed
    versioning.cache.clear()  # this test's tokens leave with its rows


def test_migrate_makes_the_cache_table(tmp_path: Path) -> None:
    """A fresh clone's `migrate` (as `make demo` runs it) makes the table the cache needs."""
    database = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "LSCP_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "lscp.settings.test"}
    subprocess.run([str(Path(sys.executable).with_name("lscp")), "migrate", "--verbosity", "0"],
                   env=env, check=True)
    with sqlite3.connect(database) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "lscp_cache" in tables


def test_every_demo_record_is_told_apart_by_its_partnership(demo) -> None:  # type: ignore[no-untyped-def]
    """Each record, loaded afresh (nothing related in memory), leads to its partnership; only
    records every partnership reads lead nowhere, and a change to one of those changes all."""
    shared = {"dataset.Indicator"}
    for model in apps.get_models():
        record = model._base_manager.first() if versioning.shown_on_pages(model) else None
        if record is None:
            continue
        found = versioning.partnership_id_of(record)
        if model._meta.label in shared or getattr(record, "partnership_id", demo.pk) is None:
            assert found is None, model
        else:
            assert found == demo.pk, model


# Laid-out HTML kept in the process, and the request's own records ------------------------


def test_laid_out_html_is_read_from_the_process_after_the_first_view(monkeypatch, manager) -> None:  # type: ignore[no-untyped-def]
    """The report's megabyte of HTML is decoded from the cache table once per process, not on
    every view; a change to the records still shows at once (the key names the version)."""
    assert manager.get(REPORT).status_code == 200
    read: list[str] = []
    real_get = versioning.cache.get

    def counting_get(where, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(where)
        return real_get(where, *args, **kwargs)

    monkeypatch.setattr(versioning.cache, "get", counting_get)
    assert manager.get(REPORT).status_code == 200
    assert not [k for k in read if ":yearly-report-html:" in k]
    line = BudgetLine.objects.filter(year__label="2020-21").first()
    assert line is not None
    line.note = "changed"
    line.save()
    assert manager.get(REPORT).status_code == 200
    assert [k for k in read if ":yearly-report-html:" in k]


def test_only_strings_are_kept_in_the_process_and_within_a_limit() -> None:
    kept = versioning._LaidOut(limit=10)
    kept.keep("a", "12345")
    kept.keep("b", "12345")
    assert kept.get("a") == "12345"  # a is now the most recently used
    kept.keep("c", "123")
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == ("12345", None, "123")
    kept.keep("big", "x" * 11)
    assert kept.get("big") is None


def test_a_built_list_is_never_shared_between_views(demo) -> None:  # type: ignore[no-untyped-def]
    first = versioning.cached(demo.pk, "a-list", build=lambda: [1, 2])
    first.append(3)
    assert versioning.cached(demo.pk, "a-list", build=lambda: [9]) == [1, 2]


def test_a_page_view_reads_the_user_with_their_membership_in_one_query(  # type: ignore[no-untyped-def]
        manager, django_assert_max_num_queries) -> None:
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    from lscp.partnership import access

    request = RequestFactory().get("/")
    request.session = manager.session
    assert request.session.items()  # the session itself is read first, as on every request
    with django_assert_max_num_queries(1):
        user = get_user(request)
        membership = access.membership_of(user)
        assert membership is not None
        assert membership.partnership.slug and membership.role
