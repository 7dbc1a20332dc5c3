"""Writing events to the trail. Record changes are kept by each model's history; these are
the rest: sign-ins, publication, downloads. Called inside the caller's transaction."""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.helpers import get_client_ip_address
from django.http import HttpRequest

from lscp.audit.history import current_user
from lscp.audit.models import Event, EventKind
from lscp.partnership.access import membership_of
from lscp.partnership.models import Membership, Partnership


def address_of(request: HttpRequest | None) -> str | None:
    """The client's address as the sign-in lock sees it (django-axes), if it is an address."""
    if request is None:
        return None
    found = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(found)) if found else None
    except ValueError:
        return None


def record(kind: EventKind, *, user: Any = None, partnership: Partnership | None = None,
           username: str = "", address: str | None = None, subject: str = "") -> Event:
    """Keep one event. Its partnership is the person's unless given."""
    if not getattr(user, "is_authenticated", False):
        user = None
    if partnership is None and user is not None:
        membership = membership_of(user)
        partnership = membership.partnership if membership is not None else None
    return Event.objects.create(
        kind=kind, partnership=partnership, user=user,
        username=(username or getattr(user, "username", ""))[:150], address=address,
        subject=subject[:200])


def record_request(request: HttpRequest, kind: EventKind, subject: str) -> Event:
    """An event of the signed-in user making this request (a download)."""
    return record(kind, user=request.user, address=address_of(request), subject=subject)


def record_sign_in(request: HttpRequest | None, user: Any) -> Event:
    return record(EventKind.SIGNED_IN, user=user, address=address_of(request))


def record_failed_sign_in(request: HttpRequest | None, username: str) -> Event:
    """The username as typed and the address; the password is never passed here. The event
    belongs to the partnership of the account of that name, or to none."""
    membership = (Membership.objects.filter(user__username=username)
                  .select_related("partnership").first())
    return record(EventKind.SIGN_IN_FAILED, username=username,
                  partnership=membership.partnership if membership is not None else None,
                  address=address_of(request))


def record_publication(*, partnership: Partnership, label: str, published: bool,
                       by: Any = None) -> Event:
    """A yearly report published or withdrawn, by `by` or whoever is acting now."""
    return record(EventKind.PUBLISHED if published else EventKind.WITHDRAWN,
                  user=by if getattr(by, "is_authenticated", False) else current_user(),
                  partnership=partnership, subject=f"Yearly report {label}")
