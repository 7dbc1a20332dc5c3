"""What makes the report fast, as behaviour (how fast is measured by benchmarks/report_build.py,
never asserted here): no page view or download builds a report that is already built, and a
chart is drawn once however many formats show it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from lscp.partnership.models import Partnership
from lscp.reports import render, views
from lscp.reports.content import Chart
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.render import charts

pytestmark = pytest.mark.django_db

DOWNLOAD = "/reports/yearly/2020-21/download.{fmt}"


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """How many trees are built and files rendered while the test runs."""
    calls = {"built": 0, "rendered": 0}
    build = views.build_yearly_report

    def building(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["built"] += 1
        return build(*args, **kwargs)

    monkeypatch.setattr(views, "build_yearly_report", building)
    for fmt, (content_type, renderer) in list(render.RENDERERS.items()):
        def rendering(document, renderer=renderer):  # type: ignore[no-untyped-def]
            calls["rendered"] += 1
            return renderer(document)

        monkeypatch.setitem(render.RENDERERS, fmt, (content_type, rendering))
    return calls


def test_a_second_download_builds_and_renders_nothing(manager: Client, counted) -> None:  # type: ignore[no-untyped-def]
    first = manager.get(DOWNLOAD.format(fmt="docx"))
    assert first.status_code == 200
    assert counted == {"built": 1, "rendered": 1}
    second = manager.get(DOWNLOAD.format(fmt="docx"))
    assert second.content == first.content
    assert counted == {"built": 1, "rendered": 1}


def test_the_report_page_and_a_download_share_one_built_tree(manager: Client, counted) -> None:  # type: ignore[no-untyped-def]
    assert manager.get("/reports/yearly/2020-21/").status_code == 200
    assert counted["built"] == 1
    assert manager.get(DOWNLOAD.format(fmt="html")).status_code == 200
    assert manager.get("/reports/yearly/2020-21/").status_code == 200
    assert counted == {"built": 1, "rendered": 1}


def test_the_public_page_and_its_downloads_build_once(demo: Partnership, counted) -> None:  # type: ignore[no-untyped-def]
    year = demo.years.get(label="2020-21")
    year.report_published = True
    year.save()
    anyone = Client()
    page = "/public/bromley/yearly/2020-21/"
    assert anyone.get(page).status_code == 200
    assert anyone.get(page + "download.html").status_code == 200
    assert anyone.get(page + "download.html").status_code == 200
    assert anyone.get(page).status_code == 200
    assert counted == {"built": 1, "rendered": 1}


def test_a_changed_record_builds_again(manager: Client, demo: Partnership, counted) -> None:  # type: ignore[no-untyped-def]
    manager.get(DOWNLOAD.format(fmt="html"))
    demo.contact_phone = "01632 960000"
    demo.save()
    assert b"01632 960000" in manager.get(DOWNLOAD.format(fmt="html")).content
    assert counted == {"built": 2, "rendered": 2}


def test_each_chart_is_drawn_once_for_every_format(demo: Partnership, monkeypatch,
                                                   tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = build_yearly_report(demo, demo.years.get(label="2020-21"))
    specs = {charts.spec_key(charts.untitled(b.spec)) for b in document.blocks()
             if isinstance(b, Chart)}
    assert specs
    drawn: list[str] = []
    real = charts.vlc.vegalite_to_svg
    monkeypatch.setattr(charts.vlc, "vegalite_to_svg",
                        lambda spec, **kw: drawn.append(charts.spec_key(spec)) or real(spec))
    charts._svg.cache_clear()
    charts._png.cache_clear()
    render.write_document(document, ["html", "pdf", "docx"], tmp_path)
    assert sorted(drawn) == sorted(specs)


def test_the_cyclic_collector_is_paused_only_while_a_pdf_is_laid_out() -> None:
    import gc

    from lscp.reports.render.pdf import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():  # a second render at the same time
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first is still under way
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
