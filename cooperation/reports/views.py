"""The annual follow-up's pages: the years, one year's tasks and assessments, a unit's task, the builds and files."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from cooperation.core import audit
from cooperation.core.views import error_summary
from cooperation.organisation.choices import BodyKind, GoalKind
from cooperation.organisation.models import Body, Decision, get_municipality, policy_in_force
from cooperation.organisation.roles import body_ids, is_coordinator, unit_ids

from . import services
from .choices import ReportFormat
from .figures.scope import bounds
from .forms import AssessmentForm, BuildForm, FollowUpForm, ReceiptForm, UnitReportForm
from .items import unit_items
from .models import AreaAssessment, FollowUp, GoalAssessment, ReportBuild, ReportVersion, UnitReport
from .permissions import contact_people, may_build_for, may_compile, may_record_receipt, may_see_task, may_submit


class ErrorSummaryMixin:
    """A refused form lists its errors at the top of the page, as the registers' forms do."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["error_summary"] = error_summary(form, {}) if form is not None and form.is_bound else []
        return context


class FollowUpMixin(LoginRequiredMixin):
    """A page of one year's follow-up: a year without one is not found."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.follow_up = get_object_or_404(FollowUp, pk=kwargs["year"])
        self.check_allowed(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_allowed(self, user):
        """Refuse (403) unless the user may use the page."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(follow_up=self.follow_up, **kwargs)


class FollowUpListView(LoginRequiredMixin, TemplateView):
    template_name = "reports/followup_list.html"

    def get_context_data(self, **kwargs):
        follow_ups = FollowUp.objects.all()
        return super().get_context_data(follow_ups=follow_ups, can_open=is_coordinator(self.request.user), **kwargs)


class FollowUpOpenView(ErrorSummaryMixin, LoginRequiredMixin, FormView):
    """A coordinator opens the follow-up of a year: every unit with items active in it gets its task."""

    template_name = "reports/followup_form.html"
    form_class = FollowUpForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            follow_up = services.open_follow_up(data["year"], data["deadline"], self.request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        if data.get("case_number"):
            follow_up.case_number = data["case_number"]
            follow_up.save()
        count = follow_up.unit_reports.count()
        opened = ngettext(
            "The follow-up of {year} is open: {count} unit has a task.",
            "The follow-up of {year} is open: {count} units have a task.",
            count,
        )
        messages.success(self.request, opened.format(year=follow_up.year, count=count))
        return HttpResponseRedirect(follow_up.get_absolute_url())


class FollowUpDetailView(FollowUpMixin, TemplateView):
    """Who has submitted, the assessments, the report's versions and what is being built."""

    template_name = "reports/followup_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        follow_up = self.follow_up
        services.give_up_stuck_builds(follow_up.builds.all())
        tasks = follow_up.unit_reports.select_related("unit", "submitted_by")
        bodies = Body.objects.filter(kind__in=[BodyKind.COMMITTEE, BodyKind.COMPANY_BOARD], is_active=True)
        if not is_coordinator(user):
            bodies = bodies.filter(pk__in=body_ids(user))
        return super().get_context_data(
            tasks=tasks,
            own_units=unit_ids(user),
            submitted=sum(1 for task in tasks if task.is_submitted),
            goal_assessments=follow_up.goal_assessments.select_related("goal"),
            area_assessments=follow_up.area_assessments.all(),
            versions=follow_up.versions.filter(body__isnull=True).select_related("received_in__body"),
            builds=follow_up.builds.filter(body__isnull=True)[:5],
            committee_bodies=bodies,
            is_coordinator=is_coordinator(user),
            can_compile=may_compile(user),
            can_receive=may_record_receipt(user) and awaits_receipt(follow_up),
            **kwargs,
        )


class UnitReportView(ErrorSummaryMixin, LoginRequiredMixin, FormView):
    """A unit's task: its items in the year, what they lack, and its account, submitted by the deadline."""

    template_name = "reports/unitreport_detail.html"
    form_class = UnitReportForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.task = get_object_or_404(UnitReport.objects.select_related("unit", "follow_up"), pk=kwargs["pk"])
        if not may_see_task(request.user, self.task):
            raise PermissionDenied
        self.can_submit = may_submit(request.user, self.task)
        if request.method == "POST" and not self.can_submit:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.task, "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        services.submit(
            self.task,
            self.request.user,
            achieved=data["achieved"],
            lessons=data["lessons"],
            next_year=data["next_year"],
        )
        messages.success(self.request, _("The account of {unit} was submitted.").format(unit=self.task.unit))
        return HttpResponseRedirect(self.task.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            task=self.task,
            items=unit_items(self.task.unit, self.task.follow_up_id),
            can_submit=self.can_submit,
            contacts=[role.user for role in contact_people(self.task.unit_id).select_related("user")],
            submissions=self.task.history.filter(submitted_at__isnull=False)
            .select_related("history_user")
            .order_by("-history_date"),
            **kwargs,
        )


class AssessmentView(ErrorSummaryMixin, FollowUpMixin, FormView):
    """The coordinator assesses each goal and sub-goal of the policy in force, and each coordination area."""

    template_name = "reports/assessment_form.html"
    form_class = AssessmentForm

    def check_allowed(self, user):
        if not is_coordinator(user):
            raise PermissionDenied

    def goals(self):
        policy = policy_in_force(bounds(self.follow_up.year)[1])
        if policy is None:
            return []
        kinds = [GoalKind.GOAL, GoalKind.SUB_GOAL]
        return list(policy.goals.filter(kind__in=kinds).select_related("parent").order_by("parent_id", "order", "pk"))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goals": self.goals(), "follow_up": self.follow_up}

    @transaction.atomic
    def form_valid(self, form):
        data = form.cleaned_data
        given = 0
        for goal in form.goals:
            verdict, text = data[f"goal_{goal.pk}_verdict"], data[f"goal_{goal.pk}_text"]
            if verdict:
                save_changed(GoalAssessment, {"follow_up": self.follow_up, "goal": goal}, verdict=verdict, text=text)
                given += 1
        for area in AreaAssessment._meta.get_field("area").choices:
            text = data[f"area_{area[0]}"].strip()
            if text:
                save_changed(AreaAssessment, {"follow_up": self.follow_up, "area": area[0]}, text=text)
                given += 1
        if given:
            messages.success(self.request, _("The assessment was saved."))
        else:
            messages.info(self.request, _("Nothing was assessed: choose a verdict for a goal or write about an area."))
        return HttpResponseRedirect(self.follow_up.get_absolute_url())


def save_changed(model, keys: dict, **values):
    """Create or update a row, saving it (and so adding to its history) only when something changed."""
    obj = model.objects.filter(**keys).first() or model(**keys)
    if obj.pk and all(getattr(obj, name) == value for name, value in values.items()):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


class BuildMixin(FollowUpMixin, FormView):
    """Start a build of the report, or show its versions."""

    form_class = BuildForm
    body = None

    def get_initial(self):
        return {"language": self.request.LANGUAGE_CODE if self.request.LANGUAGE_CODE in ("sv", "en") else "sv"}

    def form_valid(self, form):
        try:
            build = services.start_build(
                self.follow_up, self.request.user, body=self.body, language=form.cleaned_data["language"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        return HttpResponseRedirect(build.get_absolute_url())

    def get_context_data(self, **kwargs):
        services.give_up_stuck_builds(self.follow_up.builds.all())
        versions = self.follow_up.versions.filter(body=self.body).select_related("received_in__body")
        builds = self.follow_up.builds.filter(body=self.body)[:5]
        return super().get_context_data(body=self.body, versions=versions, builds=builds, **kwargs)


class CompileView(BuildMixin):
    """The coordinator compiles the whole portfolio's report: it is built in the background."""

    template_name = "reports/compile.html"

    def check_allowed(self, user):
        if not may_compile(user):
            raise PermissionDenied


class CommitteeReportView(BuildMixin):
    """A committee's or company board's own report, built by its units' people or a coordinator."""

    template_name = "reports/committee_report.html"

    def check_allowed(self, user):
        committee_kinds = [BodyKind.COMMITTEE, BodyKind.COMPANY_BOARD]
        self.body = get_object_or_404(Body, pk=self.kwargs["body"], kind__in=committee_kinds)
        if not may_build_for(user, self.body):
            raise PermissionDenied


class BuildDetailView(LoginRequiredMixin, TemplateView):
    """How far a build has come; the page refreshes itself until the files are ready or the build failed."""

    template_name = "reports/reportbuild_detail.html"

    def get_context_data(self, **kwargs):
        services.give_up_stuck_builds(ReportBuild.objects.filter(pk=self.kwargs["pk"]))
        build = get_object_or_404(
            ReportBuild.objects.select_related("follow_up", "body", "result", "requested_by"), pk=self.kwargs["pk"]
        )
        return super().get_context_data(
            build=build,
            follow_up=build.follow_up,
            timeout=settings.REPORT_BUILD_TIMEOUT_MINUTES,
            again_url=self.again_url(build),
            **kwargs,
        )

    def again_url(self, build) -> str | None:
        """Where the user may ask for the same report again, if they may."""
        user = self.request.user
        if build.body_id is None:
            return reverse("reports:followup_compile", args=[build.year]) if may_compile(user) else None
        may = may_build_for(user, build.body)
        return reverse("reports:committee_report", args=[build.year, build.body_id]) if may else None


class ReceiptView(ErrorSummaryMixin, FollowUpMixin, FormView):
    """KS records that it has received the report: the latest version is frozen with the decision."""

    template_name = "reports/receipt_form.html"
    form_class = ReceiptForm

    def check_allowed(self, user):
        if not may_record_receipt(user):
            raise PermissionDenied

    def get_initial(self):
        return {"case_number": self.follow_up.case_number}

    def get_context_data(self, **kwargs):
        version = services.latest_version(self.follow_up)
        return super().get_context_data(version=version, can_receive=awaits_receipt(self.follow_up), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                decision = citation(BodyKind.EXECUTIVE_BOARD, data["date"], data["paragraph"], data["case_number"])
                kf = None
                if data.get("kf_date"):
                    kf = citation(BodyKind.COUNCIL, data["kf_date"], data["kf_paragraph"], data["case_number"])
                version = services.record_receipt(
                    self.follow_up, decision, kf_decision=kf, case_number=data["case_number"]
                )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("KS's receipt was recorded; {version} is frozen.").format(version=version))
        return HttpResponseRedirect(self.follow_up.get_absolute_url())


def awaits_receipt(follow_up) -> bool:
    """Whether the report's latest version is compiled and not yet received by KS."""
    version = services.latest_version(follow_up)
    return version is not None and not version.is_frozen


def citation(kind: str, date, paragraph: str, case_number: str) -> Decision:
    """The decision of the municipality's KS or KF with this date and §: the one registered, or a new one."""
    municipality = get_municipality()
    body = municipality and municipality.bodies.filter(kind=kind).order_by("pk").first()
    if body is None:
        raise ValidationError(_("The municipality has no {body} registered.").format(body=BodyKind(kind).label))
    found = Decision.objects.filter(body=body, date=date, paragraph=paragraph).first()
    if found:
        return found
    decision = Decision(
        body=body, date=date, paragraph=paragraph, case_number=case_number, title=_("Annual follow-up received")
    )
    decision.full_clean()
    decision.save()
    return decision


class VersionFileView(LoginRequiredMixin, TemplateView):
    """One of a version's files: served through a view, never from a public folder."""

    kind = ReportFormat.PDF

    def get(self, request, *args, **kwargs):
        version = get_object_or_404(ReportVersion, pk=kwargs["pk"])
        stored = version.file(self.kind)
        if not stored:
            raise Http404
        name = f"uppfoljning-{version.follow_up_id}-v{version.number}-{version.language}.{self.kind}"
        audit.record(
            audit.AuditEventKind.EXPORT, request, model="reports.reportversion", id=version.pk, format=str(self.kind)
        )
        return FileResponse(stored.open("rb"), as_attachment=True, filename=name)
