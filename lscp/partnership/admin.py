"""Django admin for the business unit: every register, searchable, with its parts inline."""

from django.contrib import admin

from lscp.partnership import models as m
from lscp.partnership.locked_admin import LockedAdmin


class SeatInline(admin.TabularInline):
    model = m.Seat
    extra = 0
    autocomplete_fields = ["agency", "holder"]


class AttendanceInline(admin.TabularInline):
    model = m.Attendance
    extra = 0


class ActionInline(admin.TabularInline):
    model = m.PriorityAction
    extra = 0


@admin.register(m.Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "area", "slug"]


@admin.register(m.ReportingYear)
class ReportingYearAdmin(admin.ModelAdmin):
    list_display = ["label", "partnership", "report_published"]
    list_filter = ["partnership", "report_published"]


@admin.register(m.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "code", "partnership"]
    list_filter = ["partnership", "sector"]
    search_fields = ["name", "code"]


@admin.register(m.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["role_title", "agency", "name", "code"]
    list_filter = ["partnership"]
    search_fields = ["role_title", "name", "code"]


@admin.register(m.Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "chair"]
    list_filter = ["partnership", "kind"]
    search_fields = ["name", "code"]
    inlines = [SeatInline]


@admin.register(m.Meeting)
class MeetingAdmin(LockedAdmin):
    list_display = ["group", "date", "kind"]
    list_filter = ["group__partnership", "group", "kind"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(m.BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["line", "year", "direction", "agency", "amount_pence", "position"]
    list_filter = ["year__partnership", "year", "direction"]


@admin.register(m.Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "position"]
    list_filter = ["year__partnership", "year"]
    inlines = [ActionInline]


@admin.register(m.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role", "agency"]
    list_filter = ["partnership", "role"]
