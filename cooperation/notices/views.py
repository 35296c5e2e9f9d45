from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View

from cooperation.core import views
from cooperation.core.permissions import Action, allowed, visible, who_may
from cooperation.organisation.roles import is_coordinator

from . import services
from .choices import NoticeState
from .filtersets import NoticeFilterSet
from .forms import ANSWER_LABEL, MOVE_LABELS, MoveForm, NoticeForm
from .models import Notice, NoticeAttachment
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
        return super().get_context_data(
            moves=moves,
            move_form=MoveForm(),
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
