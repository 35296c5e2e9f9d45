from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperation.core.admin import AuditedDeletionsMixin, HistoryAdmin

from .models import (
    Body,
    CoordinationGroup,
    Decision,
    Municipality,
    Policy,
    PolicyGoal,
    Population,
    ProviderGroupRole,
    RoleAssignment,
    Unit,
    User,
)


class BodyInline(admin.TabularInline):
    model = Body
    fields = ("name", "abbreviation", "kind", "parent", "is_active")
    autocomplete_fields = ("parent",)
    extra = 0


class UnitInline(admin.TabularInline):
    model = Unit
    fields = ("name", "kind", "body", "is_central_office", "email", "is_active")
    autocomplete_fields = ("body",)
    extra = 0


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ("name", "short_name", "slug", "website")
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = (BodyInline, UnitInline, PopulationInline)


@admin.register(Body)
class BodyAdmin(HistoryAdmin):
    list_display = ("name", "abbreviation", "kind", "parent", "municipality", "is_active")
    list_filter = ("kind", "is_active", "municipality")
    list_select_related = ("parent", "municipality")
    search_fields = ("name", "abbreviation")
    autocomplete_fields = ("parent",)


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ("name", "kind", "body", "municipality", "is_central_office", "is_active")
    list_filter = ("kind", "is_central_office", "is_active", "municipality")
    list_select_related = ("body", "municipality")
    search_fields = ("name", "email")
    autocomplete_fields = ("body",)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fields = ("role", "unit", "from_provider")
    readonly_fields = ("from_provider",)
    autocomplete_fields = ("unit",)
    extra = 0


@admin.register(User)
class UserAdmin(AuditedDeletionsMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "language", "is_staff", "is_active")
    list_filter = ("language", "is_staff", "is_superuser", "is_active", "role_assignments__role")
    list_per_page = 50
    inlines = (RoleAssignmentInline,)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(HistoryAdmin):
    list_display = ("user", "role", "unit", "from_provider")
    list_filter = ("role", "from_provider", ("unit", admin.RelatedOnlyFieldListFilter))
    readonly_fields = ("from_provider",)
    list_select_related = ("user", "unit")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__name")
    autocomplete_fields = ("user", "unit")


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ("__str__", "title", "case_number")
    list_filter = ("body", "date")
    list_select_related = ("body",)
    search_fields = ("title", "case_number", "paragraph", "summary", "body__name", "body__abbreviation")
    autocomplete_fields = ("body",)
    date_hierarchy = "date"


class PolicyGoalInline(admin.TabularInline):
    model = PolicyGoal
    fields = ("kind", "order", "title", "parent")
    autocomplete_fields = ("parent",)
    extra = 0


@admin.register(Policy)
class PolicyAdmin(HistoryAdmin):
    list_display = ("title", "kind", "municipality", "decision", "valid_from", "valid_until", "next_revision_on")
    list_filter = ("kind", "municipality", "valid_from", "next_revision_on")
    list_select_related = ("municipality", "decision__body")
    search_fields = ("title", "summary")
    autocomplete_fields = ("decision",)
    date_hierarchy = "valid_from"
    inlines = (PolicyGoalInline,)


@admin.register(PolicyGoal)
class PolicyGoalAdmin(HistoryAdmin):
    list_display = ("title", "kind", "order", "policy", "parent")
    list_filter = ("kind", "policy")
    list_select_related = ("policy", "parent")
    search_fields = ("title", "description")
    autocomplete_fields = ("policy", "parent")


@admin.register(CoordinationGroup)
class CoordinationGroupAdmin(HistoryAdmin):
    list_display = ("name", "kind", "body", "convened_by", "decision", "one_contact_per_unit")
    list_filter = ("kind", "one_contact_per_unit")
    list_select_related = ("body", "convened_by", "decision__body")
    search_fields = ("name", "mandate")
    autocomplete_fields = ("body", "convened_by", "decision", "member_units", "members")


@admin.register(Population)
class PopulationAdmin(HistoryAdmin):
    list_display = ("municipality", "year", "inhabitants", "source")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("source",)


@admin.register(ProviderGroupRole)
class ProviderGroupRoleAdmin(HistoryAdmin):
    list_display = ("group", "role", "unit")
    list_filter = ("role", ("unit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("unit",)
    search_fields = ("group", "unit__name")
    autocomplete_fields = ("unit",)
