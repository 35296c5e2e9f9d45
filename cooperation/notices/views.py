from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from cooperation.core import views
from cooperation.core.permissions import Action, allowed, visible, who_may
from cooperation.core.views import BusyDatabaseMixin
from cooperation.organisation.roles import is_coordinator

from . import services, synergies
from .choices import NoticeState
from .filtersets import NoticeFilterSet
from .forms import ANSWER_LABEL, MOVE_LABELS, DismissForm, MoveForm, NoticeForm
from .models import Notice, NoticeAttachment, Overlap, by_weight
from .permissions import may_move_notice
from .triggers import ITEMS, item_for


def item_models() -> dict:
    """The items a notice can be raised from: query parameter (the field on Notice) -> model."""
    return {item.field: apps.get_model(item.model) for item in ITEMS.values()}


class NoticeMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not allowed(request.user, Action.VIEW, Notice):
            raise PermissionDenied(_("This may be done by {who}.").format(who=who_may(Action.VIEW, Notice)))
        return super().dispatch(request, *args, **kwargs)


class NoticeListView(NoticeMixin, views.ObjectListView):
    """The central office's inbox; an official sees their units' notices."""

    model = Notice
    filterset_class = NoticeFilterSet
    columns = ["number", "unit", "summary", "state", "assigned_to", "created_at"]
    export_columns = ["number", "area", "unit", "summary", "state", "assigned_to", "created_at"]
    badge_columns = ("state",)

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "assigned_to")


class NoticeDetailView(NoticeMixin, views.ObjectDetailView):
    model = Notice
    fieldsets = [
        (
            "",
            [
                "number",
                "area",
                "unit",
                "submitted_by",
                "state",
                "assigned_to",
                "is_automatic",
                "created_at",
                "first_answered_at",
                "summary",
            ],
        ),
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "unit",
                "submitted_by",
                "assigned_to",
                "project",
                "visit",
                "membership__organisation",
                "city_relation",
                "consultation",
            )
            .prefetch_related("events__actor", "attachments")
        )

    def get_context_data(self, **kwargs):
        notice = self.object
        user = self.request.user
        moves = [
            (state, ANSWER_LABEL if not is_coordinator(user) else MOVE_LABELS[state])
            for state in NoticeState.values
            if state != notice.state and may_move_notice(user, notice, state)
        ]
        item = notice.item
        synergies_shown = []
        if item is not None and synergies.source_for(item) and allowed(user, Action.VIEW, Overlap):
            synergies_shown = synergies.shown_for(item, synergies.open_overlaps(item))
        return super().get_context_data(
            moves=moves,
            move_form=MoveForm(),
            synergies=synergies_shown,
            can_assign=is_coordinator(user) and notice.is_open and notice.assigned_to_id != user.pk,
            **kwargs,
        )


class NoticeEditView(NoticeMixin, views.ObjectEditView):
    """Informing the central office, free-standing or about an item (?project=12)."""

    model = Notice
    form_class = NoticeForm

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            raise Http404  # a notice is not edited once sent; its trail records what follows
        self.item = None
        for parameter, model in item_models().items():
            if request.GET.get(parameter, request.POST.get("_item_" + parameter)):
                pk = request.GET.get(parameter) or request.POST.get("_item_" + parameter)
                if not (str(pk).isascii() and str(pk).isdigit()):  # "²" is a digit to isdigit(), not to int()
                    raise Http404
                self.item = get_object_or_404(model, pk=pk)
                self.item_parameter = parameter
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        if self.item is None:
            return {}
        unit = services.owning_unit(self.item, self.request.user)
        return {"area": item_for(self.item).area, "unit": unit.pk if unit else None}

    def save(self, form, formsets):
        data = form.cleaned_data
        attachments = [data["attachment"]] if data.get("attachment") else []
        notice = services.submit(
            area=data["area"],
            unit=data["unit"],
            summary=data["summary"],
            user=self.request.user,
            item=self.item,
            attachments=attachments,
        )
        messages.success(
            self.request,
            _("The central office has been informed (coordination notice {number}).").format(number=notice.number),
        )
        return HttpResponseRedirect(notice.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["item_field"] = f"_item_{self.item_parameter}" if self.item else ""
        return context


class NoticeMoveView(NoticeDetailView):
    """One step in the handling: review, acknowledge, ask for more, answer, close. POST only; the form says which
    state the person saw, and a move made by someone else in between is refused (409) with the page as it is now."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        # Past NoticeMixin's refusal: to someone who reads no notices, this notice is simply not found (404).
        return super(NoticeMixin, self).dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        self.object = self.get_object()
        form = MoveForm(request.POST)
        state = request.POST.get("state", "")
        try:
            with transaction.atomic():
                notice = services.locked(self.object.pk, request.POST.get("from_state", ""))
                if not may_move_notice(request.user, notice, state):
                    raise PermissionDenied(
                        _(
                            "The central office's coordinators move a notice along; the raising unit's officials "
                            "answer when more information is requested."
                        )
                    )
                if form.is_valid():
                    event = notice.move_to(state, request.user, form.cleaned_data["comment"])
                    transaction.on_commit(lambda: services.mail_submitter(notice, event))
        except services.StaleMove:
            messages.error(
                request,
                _(
                    "Someone else has just moved this notice. Nothing of yours was saved: see its state and trail "
                    "below, then choose again."
                ),
            )
            self.object = self.get_object()
            return self.render_to_response(self.get_context_data(), status=409)
        if form.errors:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(notice.get_absolute_url())
        messages.success(
            request,
            _("Notice {number} is now “{state}”.").format(number=notice.number, state=notice.get_state_display()),
        )
        return HttpResponseRedirect(notice.get_absolute_url())


class NoticeAssignView(views.BusyDatabaseMixin, LoginRequiredMixin, View):
    """A coordinator takes a notice. POST only."""

    def post(self, request, pk):
        notice = get_object_or_404(visible(request.user, Notice.objects.all()), pk=pk)
        if not allowed(request.user, Action.CHANGE, notice):
            raise PermissionDenied
        notice.assign(request.user)
        messages.success(request, _("You handle notice {number}.").format(number=notice.number))
        return HttpResponseRedirect(notice.get_absolute_url())


class AttachmentView(LoginRequiredMixin, View):
    """An attachment, for those who may read its notice: files are not served from a public folder."""

    def get(self, request, pk):
        attachment = get_object_or_404(NoticeAttachment.objects.select_related("notice"), pk=pk)
        if not visible(request.user, Notice.objects.filter(pk=attachment.notice_id)).exists():
            raise Http404
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=str(attachment))


class OverlapMixin(LoginRequiredMixin):
    """The possible synergies are the coordinators' (notices.permissions)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not allowed(request.user, Action.VIEW, Overlap):
            raise PermissionDenied(_("This may be done by {who}.").format(who=who_may(Action.VIEW, Overlap)))
        return super().dispatch(request, *args, **kwargs)


class OverlapListView(OverlapMixin, ListView):
    """Other units' items that share a partner, a city, a country and theme, a network or a call: the open ones, or
    with `?state=dismissed` those dismissed and why."""

    model = Overlap
    template_name = "notices/overlap_list.html"
    paginate_by = 50

    def dismissed(self) -> bool:
        return self.request.GET.get("state") == "dismissed"

    def get_queryset(self):
        overlaps = Overlap.objects.filter(dismissed_at__isnull=not self.dismissed())
        overlaps = overlaps.select_related("first_unit", "second_unit", "dismissed_by")
        return overlaps.order_by("-dismissed_at", "-pk") if self.dismissed() else by_weight(overlaps)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page.object_list = synergies.items_of(page.object_list)  # both items, with what their names read
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(dismissed=self.dismissed(), opts=Overlap._meta, **kwargs)


class OverlapDetailView(OverlapMixin, BusyDatabaseMixin, View):
    """One possible synergy: both items, what they share, and the form that dismisses it with a reason."""

    template_name = "notices/overlap_detail.html"

    def overlap(self, pk, lock=False):
        if lock:  # the row alone: PostgreSQL locks no row of an outer join's nullable side
            get_object_or_404(Overlap.objects.select_for_update(), pk=pk)
        return get_object_or_404(Overlap.objects.select_related("first_unit", "second_unit", "dismissed_by"), pk=pk)

    def render(self, overlap, form, status=200):
        context = {"object": overlap, "form": form, "opts": Overlap._meta}
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render(self.overlap(pk), DismissForm())

    def post(self, request, pk):
        form = DismissForm(request.POST)
        with transaction.atomic():
            overlap = self.overlap(pk, lock=True)
            if not overlap.is_open:
                # two coordinators at once: the first one's reason stands
                messages.error(
                    request,
                    _("{who} had already dismissed it; nothing was changed.").format(
                        who=overlap.dismissed_by or _("Someone")
                    ),
                )
                return self.render(overlap, DismissForm(), status=409)
            if not form.is_valid():
                return self.render(overlap, form, status=400)
            overlap.dismissed_at = timezone.now()
            overlap.dismissed_by = request.user
            overlap.reason = form.cleaned_data["reason"]
            overlap.save()
        messages.success(request, _("The possible synergy was dismissed."))
        return HttpResponseRedirect(reverse("notices:overlap_list"))
