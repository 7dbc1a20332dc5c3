"""The Django admin, scoped to the signed-in person's partnership.

Until every register has its own pages in the app, the business unit keeps its registers
in the admin; several partnerships can share one installation, so a business-unit account
(staff, never superuser) sees and edits only its own partnership's records, and picks
related records (agencies, groups, years) only from it. Whether it may is decided in
`access`, like everything else; superusers keep the whole admin for housekeeping.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from lscp.partnership import access
from lscp.partnership.locked_admin import LimitedAdmin, LimitedTabularInline
from lscp.partnership.models import Partnership
from lscp.partnership.versioning import path_to_partnership


def partnership_path(model: type[models.Model]) -> str | None:
    """The lookup from `model` to its Partnership ("recommendation__partnership"): the same
    chain of foreign keys the page cache and the audit trail follow."""
    if model is Partnership:
        return "pk"
    path = path_to_partnership(model)
    return "__".join(f.name for f in path) if path else None


def _scope(request: HttpRequest, queryset: Any) -> Any:
    if request.user.is_superuser:
        return queryset
    path = partnership_path(queryset.model)
    membership = access.membership_of(request.user)
    if path is None or membership is None:
        return queryset.none()
    return queryset.filter(**{path: membership.partnership_id})


def _is_relation(model: type[models.Model], lookup: str) -> bool:
    field: Any = None
    for part in lookup.split("__"):
        field = model._meta.get_field(part)
        if field.related_model is not None:
            model = field.related_model
    return bool(field is not None and field.is_relation)


class ScopedMixin:
    """Records, and the choices offered for related records, from one partnership only."""

    def get_queryset(self, request: HttpRequest) -> Any:
        return _scope(request, super().get_queryset(request))  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _scope(request, field.queryset)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _scope(request, field.queryset)
        return field

    def get_list_filter(self, request: HttpRequest) -> Any:
        """A filter on a related record lists every partnership's records (agency names,
        years): only superusers get those."""
        filters = super().get_list_filter(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return filters
        model = self.model  # type: ignore[attr-defined]
        return [f for f in filters if isinstance(f, str) and not _is_relation(model, f)]

    def _allowed(self, request: HttpRequest) -> bool:
        return access.can_edit_in_admin(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class ScopedAdmin(ScopedMixin, LimitedAdmin):
    pass


class ScopedTabularInline(ScopedMixin, LimitedTabularInline):
    pass


class SuperuserOnlyAdmin(LimitedAdmin):
    """Who may do what (memberships) and the partnerships themselves: housekeeping."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)
