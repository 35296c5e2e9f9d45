"""The generic register views: list, detail with history, add and edit (with concurrent-edit protection), end
and delete. A register's views are a few lines that declare model, form, filterset and columns."""

import json
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import OperationalError, transaction
from django.db.models import Prefetch, ProtectedError, QuerySet
from django.forms.formsets import DELETION_FIELD_NAME, TOTAL_FORM_COUNT, BaseFormSet
from django.forms.utils import ErrorDict
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DeleteView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView

from . import audit, display, exports
from .filtersets import AuditEventFilterSet
from .history import timeline
from .models import AuditEvent
from .permissions import Action, allowed, permission_flags, visible, who_may
from .queries import related_count
from .registry import add_label
from .signals import item_page, item_saved


def database_busy(error: OperationalError) -> bool:
    """SQLite's busy timeout ran out while another request was writing."""
    return "is locked" in str(error)


class BusyDatabaseMixin:
    """A write that could not get SQLite's lock in time is a 409 (“try again”), as a conflicting save is on
    PostgreSQL, not a 500. The transaction has been rolled back: nothing was saved."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except OperationalError as error:
            if not database_busy(error):
                raise
            return render(request, "409.html", status=409)


def totally_ordered(queryset: QuerySet) -> QuerySet:
    """The queryset in its order with the primary key last, running the same way as the first key: every row has
    one place, so pages neither repeat nor skip a row, and an index on (the sort column, id) serves the order and
    its reverse."""
    query = queryset.query
    ordering = list(query.order_by or (queryset.model._meta.ordering if query.default_ordering else ()))
    names = {str(each).lstrip("-") for each in ordering}
    if names & {"pk", queryset.model._meta.pk.name}:
        return queryset
    descending = bool(ordering) and isinstance(ordering[0], str) and ordering[0].startswith("-")
    return queryset.order_by(*ordering, "-pk" if descending else "pk")


class SeekingPaginator(Paginator):
    """Django's paginator, reading a page past the middle from the far end in the reverse order: the last page of
    50,000 rows skips 0 rows instead of 49,950. The order must be total (`totally_ordered`)."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if bottom <= self.count // 2 or not isinstance(rows, QuerySet) or not rows.ordered:
            return super().page(number)
        found = list(rows.reverse()[self.count - top : self.count - bottom])
        found.reverse()
        return self._get_page(found, number, self)


class RegisterMixin(BusyDatabaseMixin, LoginRequiredMixin):
    """Names, URLs and permissions shared by a register's views."""

    model = None
    action = Action.VIEW

    @property
    def opts(self):
        return self.model._meta

    def url_name(self, action: str) -> str:
        return f"{self.opts.app_label}:{self.opts.model_name}_{action}"

    def url(self, action: str, *args) -> str | None:
        """The URL of another page of this register, or None where the register has no such page."""
        try:
            return reverse(self.url_name(action), args=args)
        except NoReverseMatch:
            return None

    def get_template_names(self):
        return [f"{self.opts.app_label}/{self.opts.model_name}_{self.template_suffix}.html", self.generic_template]

    def get_queryset(self):
        return visible(self.request.user, self.model._default_manager.all())

    def get_object(self, queryset=None):
        """The item, refused (403) unless the user may do this view's action to it."""
        obj = super().get_object(queryset)
        if self.action != Action.VIEW:
            self.check(obj)
        return obj

    def check(self, obj_or_model):
        if not allowed(self.request.user, self.action, obj_or_model):
            who = who_may(self.action, obj_or_model)
            raise PermissionDenied(_("This may be done by {who}.").format(who=who) if who else "")

    parent_field: str | None = None  # the item's field naming its parent, for a register without a list of its own

    def parent(self):
        """The item whose page lists this one, for a register without a list of its own (a paper's versions, a
        relation's activities): its `parent_field` on the item."""
        obj = getattr(self, "object", None)
        return getattr(obj, self.parent_field) if obj is not None and self.parent_field else None

    def breadcrumbs(self) -> list[tuple[str, str]]:
        """The way back above the page: the register's list, or the parent's list and the parent."""
        list_url = self.url("list")
        if list_url:
            return [(capfirst(self.opts.verbose_name_plural), list_url)]
        parent = self.parent()
        if parent is None:
            return []
        opts = parent._meta
        try:
            crumbs = [(capfirst(opts.verbose_name_plural), reverse(f"{opts.app_label}:{opts.model_name}_list"))]
        except NoReverseMatch:
            crumbs = []
        return [*crumbs, (str(parent), parent.get_absolute_url())]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            opts=self.opts,
            can_add=allowed(self.request.user, Action.ADD, self.model),
            add_label=add_label(self.model),
            add_url=self.url("add"),
            list_url=self.url("list"),
            breadcrumbs=self.breadcrumbs(),
            **kwargs,
        )


class ObjectListView(RegisterMixin, FilterView):
    """A register's list: filters in the URL, sortable columns, pages of 50 with the total count."""

    template_suffix = "list"
    generic_template = "object_list.html"
    paginate_by = 50
    paginator_class = SeekingPaginator
    strict = True
    columns: list[str] = []  # field names; the first links to the item
    # What the CSV and Excel files hold: field names (an amount also gets its currency and SEK) and exports.Columns
    # of the register's own. The list's columns where a register declares none.
    export_columns: list | None = None
    badge_columns: tuple[str, ...] = ("status",)  # shown as FKUI badges

    def get(self, request, *args, **kwargs):
        """The list, or with `format=csv` or `format=xlsx` the whole list as filtered and sorted, as a file."""
        kind = request.GET.get("format")
        if kind is None:
            return super().get(request, *args, **kwargs)
        self.filterset = self.get_filterset(self.get_filterset_class())
        if kind in EXPORT_FORMATS and self.filterset.is_valid():
            return self.export(kind)
        # refused as the list refuses a bad filter: the page, its messages on the filters, nothing downloaded
        messages.error(request, _("Nothing was downloaded: correct the filters, then download again."))
        response = super().get(request, *args, **kwargs)
        response.status_code = 400
        return response

    def export_queryset(self, queryset):
        """The list's rows for a file: a register adds what its export-only columns read (in a fixed number of
        queries), e.g. prefetched related rows."""
        return queryset

    def export(self, kind: str):
        declared = self.export_columns or self.columns
        columns = exports.columns_for(self.model, declared)
        queryset = self.export_queryset(self.filterset.qs).defer(*exports.unread_texts(self.model, declared))
        name = f"{slugify(str(self.opts.verbose_name_plural))}-{timezone.localdate():%Y-%m-%d}.{kind}"
        filters = sorted(key for key, value in self.request.GET.items() if value and key != "format")
        audit.record(
            audit.AuditEventKind.EXPORT, self.request, model=self.opts.label_lower, format=kind, filters=filters
        )
        if kind == "xlsx":
            title = str(self.opts.verbose_name_plural).capitalize()
            return FileResponse(
                exports.xlsx_file(columns, queryset, title), as_attachment=True, filename=name, content_type=XLSX
            )
        lines = exports.in_language(get_language(), exports.csv_lines(columns, queryset))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Accel-Buffering"] = "no"  # nginx passes the rows on as they come
        return response

    def export_links(self) -> list[tuple[str, str]]:
        """The links that download this list as it is filtered and sorted: every page, not only the one shown."""
        query = self.request.GET.copy()
        query.pop("page", None)
        links = []
        for kind, label in EXPORT_FORMATS.items():
            query["format"] = kind
            links.append((label, f"?{query.urlencode()}"))
        return links

    def paginate_queryset(self, queryset, page_size):
        """A page number that is not one (`page=abc`) shows the first page, one past the end the last: not a 404."""
        # the long texts no column shows stay in the database: a page's sort then moves a tenth of the data
        queryset = totally_ordered(queryset).defer(*exports.unread_texts(self.model, self.columns))
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        defaults = getattr(self.filterset, "defaults", {})
        sort_keys = dict(self.filterset.filters["sort"].param_map) if "sort" in self.filterset.filters else {}
        context["headers"] = [
            {
                "name": name,
                "label": display.label(self.model, name),
                "sort": name if name in sort_keys else None,
                "numeric": display.is_numeric(self.model, name),
            }
            for name in self.columns
        ]
        context["rows"] = [
            {
                "object": obj,
                "cells": [
                    # the first cell links to the item itself, so it holds no link of its own
                    (
                        display.value(obj, name, linked=index > 0),
                        column_kind(self.model, name),
                        name in self.badge_columns,
                    )
                    for index, name in enumerate(self.columns)
                ],
            }
            for obj in context["object_list"]
        ]
        context["total"] = context["paginator"].count if context.get("paginator") else len(context["object_list"])
        context["active_filters"] = self.filterset.active_count()
        context["filtered"] = bool(context["active_filters"])
        # "Clear filters" widens a list that opens narrowed (the inbox) to everything: its defaults' empty values
        context["clear_url"] = context["list_url"] + ("?" + urlencode(dict.fromkeys(defaults, "")) if defaults else "")
        context["export_links"] = self.export_links()
        return context


EXPORT_FORMATS = {"csv": "CSV", "xlsx": "Excel"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def column_kind(model, name: str) -> str:
    """FKUI's column modifier: numbers right-aligned, dates and short codes (a notice's number) kept on one line."""
    if display.is_numeric(model, name):
        return "numeric"
    if display.is_date(model, name):
        return "date"
    return "shrink" if display.is_code(model, name) else ""


class ObjectDetailView(RegisterMixin, DetailView):
    """Everything about one item, in labelled groups, with related items and the history timeline."""

    template_suffix = "detail"
    generic_template = "object_detail.html"
    fieldsets: list[tuple[str, list[str]]] = []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            groups=self.groups(self.object),
            history=timeline(self.object),
            **permission_flags(self.request.user, self.object),
            **page_extras(self.request.user, self.object),
            edit_url=self.url("edit", self.object.pk),
            end_url=self.url("end", self.object.pk),
            delete_url=self.url("delete", self.object.pk),
            **kwargs,
        )

    def groups(self, obj) -> list[tuple[str, list]]:
        """The fieldsets' fields that have a value, and the groups that have any: a running project shows no empty
        "Ended" group, a visit without gifts no "Gifts: –". `facts()` adds what is worked out to a group."""
        facts = self.facts(obj)
        groups = []
        for title, names in self.fieldsets:
            values = [(display.label(self.model, name), display.value(obj, name)) for name in names]
            values += [fact for name in names for fact in facts.get(name, [])]
            shown = [(label, value) for label, value in values if value != display.EMPTY]
            if shown:
                groups.append((title, shown))
        return groups

    def facts(self, obj) -> dict[str, list[tuple[str, str]]]:
        """Worked-out facts to show as (label, value) in the group of the named field, after its fields."""
        return {}


def page_extras(user, obj) -> dict:
    """What other apps show on an item's page (the notices app: its coordination notices)."""
    extras = {}
    for _receiver, context in item_page.send(sender=type(obj), instance=obj, user=user):
        extras.update(context or {})
    return extras


def save_notes(obj, user) -> list[str]:
    """What other apps tell the person who saved an item (the notices app: that the central office was informed)."""
    return [note for _receiver, note in item_saved.send(sender=type(obj), instance=obj, user=user) if note]


def related(model, name: str):
    """The rows another app keeps about `model`, reached through their relation `name`, not through an import."""
    return model._meta.get_field(name).related_model._default_manager.all()


# How many linked items an item's page lists (its newest); "See all" leads to the list filtered by the item.
LINKED_LIMIT = 10


def newest_linked(model, name: str, *related_fields: str) -> Prefetch:
    """The item's newest LINKED_LIMIT rows of its reverse relation `name` (a relation's projects: there may be
    thousands) as the list `newest_<name>`, with `related_fields` joined; the page shows the total from
    `linked_totals()`."""
    rows = related(model, name).select_related(*related_fields).order_by("-start_date", "-pk")
    return Prefetch(name, rows[:LINKED_LIMIT], to_attr=f"newest_{name}")


def linked_totals(model, *names: str) -> dict:
    """`<name>_total` annotations: how many rows each reverse relation holds, each counted in a subquery."""
    return {f"{name}_total": related_count(model, name) for name in names}


def current_version(obj) -> str:
    """The latest history row of `obj`: a second editor who opened an older version is refused."""
    latest = obj.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()
    return str(latest or "")


class ObjectEditView(RegisterMixin, TemplateView):
    """Add or edit an item with its inline rows. Bad input changes nothing; a concurrent edit is refused."""

    template_suffix = "form"
    generic_template = "object_form.html"
    form_class = None
    formsets: dict = {}  # context name -> inline formset class
    fieldsets: list[tuple[str, list[str]]] | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"]) if "pk" in kwargs else None
        self.action = Action.CHANGE if self.object else Action.ADD
        self.check(self.object or self.model)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {}

    def build(self, data=None, files=None):
        instance = self.object or self.model()
        form = self.form_class(data, files, instance=instance, user=self.request.user, initial=self.get_initial())
        formsets = {
            name: cls(data, files, instance=instance, prefix=name, form_kwargs={"user": self.request.user})
            for name, cls in self.formsets.items()
        }
        return form, formsets

    def get(self, request, *args, **kwargs):
        form, formsets = self.build()
        version = current_version(self.object) if self.object else ""
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets, version=version))

    def post(self, request, *args, **kwargs):
        if ADD_ROW in request.POST:
            return self.add_row(request)
        form, formsets = self.build(request.POST, request.FILES)
        with transaction.atomic():
            conflict = []
            if self.object:
                self.model._default_manager.select_for_update().filter(pk=self.object.pk).first()
                version = current_version(self.object)
                opened = request.POST.get("_version", "")
                if opened != version:
                    # isdigit() also passes "²", which int() refuses: ASCII digits only
                    seen = int(opened) if opened.isascii() and opened.isdigit() else 0
                    conflict = [entry for entry in timeline(self.object) if entry.version > seen]
            valid = form.is_valid() and all(formset.is_valid() for formset in formsets.values())
            valid = valid and self.validate_together(form, formsets)
            if valid and not conflict:
                return self.save(form, formsets)
        if conflict:
            messages.error(
                request,
                _(
                    "Someone else saved this item while you were editing it. Nothing of yours was "
                    "saved: see what changed below, then save again if your changes still hold."
                ),
            )
        context = self.get_context_data(
            form=form, formsets=formsets, conflict=conflict, version=current_version(self.object) if self.object else ""
        )
        return self.render_to_response(context, status=409 if conflict else 200)

    def add_row(self, request):
        """The "add a row" button without JavaScript: the page again with everything typed kept and one more empty
        row in the formset the button names. Nothing is saved, and nothing is checked until the page is saved."""
        data = request.POST.copy()
        prefix = data.get(ADD_ROW, "")
        key = f"{prefix}-{TOTAL_FORM_COUNT}"
        total = data.get(key, "")
        added = None
        if prefix in self.formsets and total.isascii() and total.isdigit():
            if int(total) < self.formsets[prefix].max_num:
                added = int(total)
                data[key] = str(added + 1)
        form, formsets = self.build(data, request.FILES)
        for each in [form, *formsets.values()]:
            unchecked(each)
        if added is not None and added < len(formsets[prefix].forms):
            # The new row shows its initial values (a choice's default, an official's own unit), as on a new page.
            formsets[prefix].forms[added].is_bound = False
        return self.render_to_response(
            self.get_context_data(form=form, formsets=formsets, version=data.get("_version", ""))
        )

    def validate_together(self, form, formsets) -> bool:
        """Rules across the item and its rows; a register adds its own and calls form.add_error."""
        return True

    def save(self, form, formsets):
        obj = form.save()
        for formset in formsets.values():
            formset.instance = obj
            formset.save()
        self.after_save(obj, created=self.object is None)
        messages.success(
            self.request,
            " ".join([_("“{item}” was saved.").format(item=obj), *save_notes(obj, self.request.user)]),
        )
        return HttpResponseRedirect(obj.get_absolute_url())

    def after_save(self, obj, created: bool):
        """A hook for work that follows a save."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(object=self.object, **kwargs)
        form = kwargs["form"]
        context["error_summary"] = error_summary(form, kwargs["formsets"])
        for formset in kwargs["formsets"].values():
            rows(formset)
        if self.fieldsets:
            context["form_groups"] = [
                (title, [form[name] for name in names if name in form.fields]) for title, names in self.fieldsets
            ]
        context["cancel_url"] = self.object.get_absolute_url() if self.object else self.url("list")
        return context


ADD_ROW = "_add"  # the name of a formset's "add a row" button; its value is the formset's prefix


def unchecked(form_or_formset):
    """Shows a bound form or formset without running its validation: its errors are set to none."""
    if isinstance(form_or_formset, BaseFormSet):
        form_or_formset._errors = []
        form_or_formset._non_form_errors = form_or_formset.error_class(error_class="nonform")
        for form in form_or_formset.forms:
            unchecked(form)
    else:
        form_or_formset._errors = ErrorDict()


def rows(formset):
    """Gives each row one remove control, an FKUI checkbox labelled as such (the formset adds the field after the
    form has styled its own), and the formset an empty row for the page to copy when a row is added."""
    formset.empty_row = formset.empty_form
    for form in [*formset.forms, formset.empty_row]:
        if DELETION_FIELD_NAME in form.fields:
            field = form.fields[DELETION_FIELD_NAME]
            field.label = _("Remove the row")
            field.widget.attrs["class"] = "checkbox__input"


def error_summary(form, formsets) -> list[tuple[str, str, str]]:
    """Every error on the page as (label, anchor, message), for the list at the top of the form."""
    rows = []
    for each in [form, *(f for formset in formsets.values() for f in formset.forms)]:
        for name, errors in each.errors.items():
            field = each.fields.get(name)
            label = str(field.label) if field and field.label else ""
            anchor = each[name].auto_id if field else "main"
            for message in errors:
                rows.append(("" if message.startswith(label) else label, anchor, message))
    for formset in formsets.values():
        rows += [("", "main", message) for message in formset.non_form_errors()]
    return rows


class ObjectEndView(RegisterMixin, UpdateView):
    """End an item (a relation, membership or project) with a date and a reason, instead of deleting it."""

    template_suffix = "end"
    generic_template = "object_end.html"
    action = Action.END

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        notes = save_notes(self.object, self.request.user)
        messages.success(self.request, " ".join([_("“{item}” was ended.").format(item=self.object), *notes]))
        return response


class ObjectDeleteView(RegisterMixin, DeleteView):
    """Delete an item after a confirmation page; coordinators and administrators only. History keeps it."""

    template_suffix = "confirm_delete"
    generic_template = "object_confirm_delete.html"
    action = Action.DELETE

    def get_success_url(self):
        return reverse(self.url_name("list"))

    def form_valid(self, form):
        name, pk = str(self.object), self.object.pk
        try:
            response = super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("“{item}” cannot be deleted: other items refer to it.").format(item=name))
            return HttpResponseRedirect(self.object.get_absolute_url())
        audit.record(audit.AuditEventKind.DELETION, self.request, model=self.opts.label_lower, id=pk)
        messages.success(self.request, _("“{item}” was deleted. Its history is kept.").format(item=name))
        return response


class AuditLogView(PermissionRequiredMixin, FilterView):
    """The audit log, newest first, for administrators: staff accounts with the permission to view audit events
    (superusers, or whom an administrator gives it in the admin, such as the data protection officer)."""

    model = AuditEvent
    filterset_class = AuditEventFilterSet
    template_name = "core/auditevent_list.html"
    permission_required = "core.view_auditevent"
    paginate_by = 50
    paginator_class = SeekingPaginator
    strict = True

    def has_permission(self):
        return self.request.user.is_staff and super().has_permission()

    def get_queryset(self):
        return AuditEvent.objects.all()

    def get_context_data(self, **kwargs):
        filtered = any(v for k, v in self.request.GET.items() if k != "page")
        return super().get_context_data(opts=AuditEvent._meta, filtered=filtered, **kwargs)


def set_language(request):
    """Django's language switch, remembered on the signed-in person too: their e-mail follows their choice."""
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


csp_logger = logging.getLogger("intl_portal.csp")
CSP_REPORT_MAX_BYTES = 16 * 1024
CSP_REPORTS_PER_MINUTE = 100  # per process; past it reports are dropped, so a flood cannot fill the log
CSP_FIELDS = {
    # report-uri's names (application/csp-report) and the Reporting API's (application/reports+json)
    "document-uri": "document",
    "documentURL": "document",
    "violated-directive": "directive",
    "effective-directive": "directive",
    "effectiveDirective": "directive",
    "blocked-uri": "blocked",
    "blockedURL": "blocked",
    "source-file": "source",
    "sourceFile": "source",
    "line-number": "line",
    "lineNumber": "line",
    "disposition": "disposition",
}


def csp_reports(data) -> list[dict]:
    """The violations in a report: report-uri sends {"csp-report": {…}}, the Reporting API [{"body": {…}}, …]."""
    reports = [item.get("body") for item in data if isinstance(item, dict)] if isinstance(data, list) else [data]
    reports = [report.get("csp-report", report) for report in reports if isinstance(report, dict)]
    return [report for report in reports if isinstance(report, dict)]


@csrf_exempt
@require_POST
def csp_report(request):
    """Logs the violations of the Content-Security-Policy a browser reports, one JSON line each; stores nothing."""
    body = request.read(CSP_REPORT_MAX_BYTES + 1)
    if len(body) > CSP_REPORT_MAX_BYTES:
        return HttpResponse(status=413)
    try:
        reports = csp_reports(json.loads(body))
    except (ValueError, RecursionError):
        return HttpResponse(status=400)
    if not reports:
        return HttpResponse(status=400)
    minute = f"csp-reports-{int(time.time() // 60)}"
    cache.add(minute, 0, timeout=120)
    for report in reports[:10]:
        if cache.incr(minute) > CSP_REPORTS_PER_MINUTE:
            break
        entry = {CSP_FIELDS[key]: str(value)[:500] for key, value in report.items() if key in CSP_FIELDS}
        csp_logger.warning(json.dumps({"event": "csp_violation", **entry}, sort_keys=True))
    return HttpResponse(status=204)
