"""Django admin for the business unit: reviews, audits, actions, challenges, risks, CDOP."""

from django.contrib import admin

from lscp.assurance import models as m
from lscp.partnership.locked_admin import LockedAdmin, LockedStackedInline
from lscp.partnership.scoped_admin import ScopedAdmin, ScopedMixin, ScopedTabularInline


class LearningInline(ScopedTabularInline):
    model = m.LearningPoint
    extra = 0


class FindingInline(ScopedTabularInline):
    model = m.AuditFinding
    extra = 0


class ActionInline(ScopedMixin, LockedStackedInline):
    model = m.Action
    extra = 0


@admin.register(m.CaseReview)
class CaseReviewAdmin(ScopedAdmin, LockedAdmin):
    list_display = ["pseudonym", "kind", "became_aware", "completed", "published"]
    list_filter = ["partnership", "kind"]
    search_fields = ["pseudonym", "code"]
    filter_horizontal = ["agencies"]
    inlines = [LearningInline]


@admin.register(m.Audit)
class AuditAdmin(ScopedAdmin):
    list_display = ["topic", "completed", "cases_sampled"]
    list_filter = ["partnership"]
    filter_horizontal = ["agencies"]
    inlines = [FindingInline]


@admin.register(m.Recommendation)
class RecommendationAdmin(ScopedAdmin):
    list_display = ["text", "review", "audit", "child_deaths"]
    list_filter = ["partnership"]
    inlines = [ActionInline]


@admin.register(m.Action)
class ActionAdmin(ScopedAdmin, LockedAdmin):
    list_display = ["text", "owner", "due", "status"]
    list_filter = ["status", "owner"]


@admin.register(m.Challenge)
class ChallengeAdmin(ScopedAdmin, LockedAdmin):
    list_display = ["challenge", "raised_by", "to_agency", "raised_on", "status"]
    list_filter = ["partnership", "status"]


@admin.register(m.Risk)
class RiskAdmin(ScopedAdmin):
    list_display = ["title", "owner", "score_before", "score_after", "review_date"]
    list_filter = ["partnership"]


@admin.register(m.ChildDeathYear)
class ChildDeathYearAdmin(ScopedAdmin):
    list_display = ["year", "neonatal_deaths", "expected_deaths", "unexpected_deaths"]
