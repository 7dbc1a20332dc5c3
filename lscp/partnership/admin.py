"""Django admin for the business unit: every register, searchable, with its parts inline,
scoped to the user's own partnership (scoped_admin.py)."""

from django.contrib import admin

from lscp.partnership import models as m
from lscp.partnership.locked_admin import LockedAdmin
from lscp.partnership.scoped_admin import ScopedAdmin, ScopedTabularInline, SuperuserOnlyAdmin


class SeatInline(ScopedTabularInline):
    model = m.Seat
    extra = 0
    autocomplete_fields = ["agency", "holder"]


class AttendanceInline(ScopedTabularInline):
    model = m.Attendance
    extra = 0


class ActionInline(ScopedTabularInline):
    model = m.PriorityAction
    extra = 0


@admin.register(m.Partnership)
class PartnershipAdmin(SuperuserOnlyAdmin):
    list_display = ["name", "short_name", "area", "region", "slug"]


@admin.register(m.ReportingYear)
class ReportingYearAdmin(ScopedAdmin):
    list_display = ["label", "partnership", "report_published"]
    list_filter = ["partnership", "report_published"]


@admin.register(m.Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ["name", "sector", "code", "partnership"]
    list_filter = ["partnership", "sector"]
    search_fields = ["name", "code"]


@admin.register(m.Person)
class PersonAdmin(ScopedAdmin):
    list_display = ["role_title", "agency", "name", "code"]
    list_filter = ["partnership"]
    search_fields = ["role_title", "name", "code"]


@admin.register(m.Group)
class GroupAdmin(ScopedAdmin):
    list_display = ["name", "kind", "parent", "chair"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name", "code"]
    inlines = [SeatInline]


@admin.register(m.Meeting)
class MeetingAdmin(ScopedAdmin, LockedAdmin):
    list_display = ["group", "date", "kind"]
    list_filter = ["group__partnership", "group", "kind"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(m.BudgetLine)
class BudgetLineAdmin(ScopedAdmin):
    list_display = ["line", "year", "direction", "agency", "amount_pence", "position"]
    list_filter = ["year__partnership", "year", "direction"]


@admin.register(m.Priority)
class PriorityAdmin(ScopedAdmin):
    list_display = ["title", "year", "position"]
    list_filter = ["year__partnership", "year"]
    inlines = [ActionInline]


@admin.register(m.Membership)
class MembershipAdmin(SuperuserOnlyAdmin):
    list_display = ["user", "partnership", "role", "agency"]
    list_filter = ["partnership", "role"]
