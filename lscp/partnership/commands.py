"""What the management commands share."""

from __future__ import annotations

from django.core.management.base import CommandError

from lscp.partnership.models import Partnership


def pick_partnership(slug: object) -> Partnership:
    """The partnership named by --partnership, or the only one there is."""
    partnerships = Partnership.objects.all()
    if slug:
        partnerships = partnerships.filter(slug=str(slug))
    if partnerships.count() != 1:
        raise CommandError("name the partnership with --partnership SLUG "
                           f"(found {partnerships.count()})")
    return partnerships.get()
