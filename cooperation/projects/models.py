"""International projects: EU-funded or applying, with partners abroad, or funded by Sida, ICLD and others."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, DecimalField, ExpressionWrapper, F, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cooperation.core.constraints import FieldCheckConstraint, not_before
from cooperation.core.display import money
from cooperation.core.models import BilingualName, MoneyField, sort_indexes
from cooperation.organisation.choices import BodyKind
from cooperation.organisation.models import municipality_errors
from cooperation.organisation.rules import TRAVEL_HELP, cooperation_analysis_errors, travel_errors

from .choices import FundingKind, IcldPhase, PartnerKind, ProjectRole, ProjectStatus, TeamRole, TeamSide

# A project is under way from the moment it is granted: the cooperation has started (Lidköping: the analysis comes
# "before new international cooperation starts"), whether or not its decision is recorded yet.
STARTED = frozenset({ProjectStatus.GRANTED, ProjectStatus.ONGOING})
# A closed project stays on the public list: EU rules (CPR 2021/1060 art. 49) keep operations on the list of
# operations, and the list is the record of what the municipality has done.
PUBLISHABLE = STARTED | {ProjectStatus.CLOSED}

# The project's totals and the finance rows they are checked against: (project field, row field).
FINANCE_TOTALS = [
    ("external_funding", "granted"),
    ("external_funding", "paid_out"),
    ("own_contribution_cash", "own_contribution_cash"),
    ("own_contribution_in_kind", "own_contribution_in_kind"),
]
ROWS_EXCEED_TOTAL = _("{field}: {total} is less than the yearly finance rows' {rows_field} together ({rows}).")
ROWS_WITHOUT_TOTAL = _("{field}: give the project's total; the yearly finance rows' {rows_field} add up to {rows}.")


class FundingSource(BilingualName):
    """Who funds a project: the EU, Sida, ICLD, a Nordic funder, the municipality's central funds …"""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name_sv"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")


class Programme(models.Model):
    """A funding programme, e.g. Interreg Europe, Horizon Europe or ICLD's municipal partnership programme."""

    choice_related = ("source",)

    source = models.ForeignKey(
        FundingSource, models.PROTECT, related_name="programmes", verbose_name=_("funding source")
    )
    name = models.CharField(_("name"), max_length=200)
    period = models.CharField(_("programme period"), max_length=20, blank=True, help_text=_("E.g. 2021–2027."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [models.UniqueConstraint(fields=["source", "name", "period"], name="programme_unique")]

    def __str__(self):
        return f"{self.name} {self.period}".strip()


def rate(part, whole):
    """`part` as a percentage of `whole`, computed in the database, to one decimal; NULL without a whole."""
    percentage = ExpressionWrapper(
        F(part) * Value(Decimal(100)) / F(whole), output_field=DecimalField(max_digits=20, decimal_places=6)
    )
    return Case(When(**{f"{whole}__gt": 0, f"{part}__isnull": False}, then=percentage), default=None)


class ProjectQuerySet(models.QuerySet):
    def publishable(self):
        """The projects on the public list: marked for publication by a coordinator and granted (under way or
        closed); never an idea, an application or a rejected one."""
        return self.filter(published=True, status__in=PUBLISHABLE)

    def with_co_financing_rates(self):
        """The whole project's co-financing rate and that of the municipality's own part, as percentages."""
        return self.annotate(
            co_financing_rate_db=rate("external_funding", "total_budget"),
            own_co_financing_rate_db=rate("external_funding", "municipality_share"),
        )


class Project(models.Model):
    """An international project owned by one unit."""

    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    aim = models.TextField(_("aim"), blank=True)
    owner = models.ForeignKey(
        "organisation.Unit",
        models.PROTECT,
        related_name="projects",
        verbose_name=_("owning unit"),
        help_text=_(
            "The unit owns the whole project: anchoring, assessment, budget, organisation, delivery, follow-up."
        ),
    )
    participating_units = models.ManyToManyField(
        "organisation.Unit", blank=True, related_name="participating_projects", verbose_name=_("participating units")
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_projects",
        verbose_name=_("contact person"),
    )
    status = models.CharField(_("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.IDEA)
    funding_source = models.ForeignKey(
        FundingSource, models.PROTECT, related_name="projects", verbose_name=_("funding source")
    )
    programme = models.ForeignKey(
        Programme, models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("programme")
    )
    call = models.CharField(_("call"), max_length=200, blank=True)
    role = models.CharField(
        _("the municipality's role"), max_length=12, choices=ProjectRole.choices, default=ProjectRole.PARTNER
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    decision = models.ForeignKey(
        "organisation.Decision",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("decision"),
        help_text=_(
            "The owning unit's committee decides its projects; KS decides the central internationalisation funds."
        ),
    )
    currency = models.ForeignKey(
        "core.Currency", models.PROTECT, default="SEK", related_name="+", verbose_name=_("currency")
    )
    exchange_rate = models.DecimalField(
        _("exchange rate to SEK"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Kronor per unit of the currency, as used in the budget."),
    )
    total_budget = MoneyField(_("total budget"), null=True, blank=True)
    municipality_share = MoneyField(_("the municipality's share"), null=True, blank=True)
    external_funding = MoneyField(_("external funding granted"), null=True, blank=True)
    own_contribution_cash = MoneyField(_("own contribution, cash"), null=True, blank=True)
    own_contribution_in_kind = MoneyField(_("own contribution, in kind"), null=True, blank=True)
    results = models.TextField(_("results against the programme's indicators"), blank=True)
    benefit_risk_analysis = models.TextField(_("benefit and risk analysis"), blank=True)
    partner_choice_grounds = models.TextField(_("grounds for choosing the partners"), blank=True)
    democracy_considerations = models.TextField(
        _("democracy and human rights"),
        blank=True,
        help_text=_("Where a partner country is not a democracy: how democracy and human rights are addressed."),
    )
    video_conferencing_considered = models.BooleanField(
        _("digital meetings considered"),
        default=False,
        help_text=_("Near expertise before far, digital meetings when possible."),
    )
    travel_considerations = models.TextField(_("near and digital alternatives"), blank=True, help_text=TRAVEL_HELP)
    icld_phase = models.CharField(_("ICLD phase"), max_length=10, choices=IcldPhase.choices, blank=True)
    city_relation = models.ForeignKey(
        "cities.CityRelation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("city relation"),
    )
    membership = models.ForeignKey(
        "networks.Membership",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("network"),
    )
    goals = models.ManyToManyField(
        "organisation.PolicyGoal", blank=True, related_name="projects", verbose_name=_("municipal goals")
    )
    sdgs = models.ManyToManyField(
        "core.SustainableDevelopmentGoal", blank=True, related_name="projects", verbose_name=_("Agenda 2030 goals")
    )
    # Göteborg §4 and CPR art. 49: the public list. Only coordinators set these (ProjectForm, ProjectAdmin).
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Shown on the public pages and in the open data once granted, with the public summary; set by the "
            "central office's coordinators."
        ),
    )
    public_summary_sv = models.TextField(
        _("public summary in Swedish"),
        blank=True,
        help_text=_("Written for the public: no names of people. Shown instead of the internal description."),
    )
    public_summary_en = models.TextField(_("public summary in English"), blank=True)
    history = HistoricalRecords(m2m_fields=[participating_units, goals, sdgs])

    objects = ProjectQuerySet.as_manager()

    # Set by the edit page to the partners' countries it posts, so the rules read the partners as they will be saved.
    posted_partner_countries = None
    # Set by a page that posts the finance rows with the project (the edit page, the admin): the rows' form set
    # then checks them against the totals as both will be saved.
    finances_posted = False

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("international project")
        verbose_name_plural = _("international projects")
        indexes = sort_indexes(
            "project", "-start_date,title", "title", "acronym", "status", "start_date", "end_date", "total_budget"
        )
        constraints = [
            not_before(
                "start_date",
                "end_date",
                "project_end_not_before_start",
                _("End date: the end date cannot be before the start date."),
            ),
            FieldCheckConstraint(
                condition=models.Q(external_funding__isnull=True) | models.Q(total_budget__isnull=False),
                name="project_external_funding_has_budget",
                field="external_funding",
                violation_error_message=_(
                    "External funding granted: give the total budget too; the external funding is part of it."
                ),
            ),
            FieldCheckConstraint(
                condition=models.Q(external_funding__isnull=True)
                | models.Q(total_budget__isnull=True)
                | models.Q(external_funding__lte=models.F("total_budget")),
                name="project_external_funding_within_budget",
                field="external_funding",
                violation_error_message=_("External funding granted: cannot exceed the total budget."),
            ),
            FieldCheckConstraint(
                condition=models.Q(municipality_share__isnull=True) | models.Q(total_budget__isnull=False),
                name="project_share_has_budget",
                field="municipality_share",
                violation_error_message=_(
                    "The municipality's share: give the total budget too; the municipality's share is part of it."
                ),
            ),
            FieldCheckConstraint(
                condition=models.Q(municipality_share__isnull=True)
                | models.Q(total_budget__isnull=True)
                | models.Q(municipality_share__lte=models.F("total_budget")),
                name="project_share_within_budget",
                field="municipality_share",
                violation_error_message=_("The municipality's share: cannot exceed the total budget."),
            ),
        ]

    def __str__(self):
        return f"{self.acronym}: {self.title}" if self.acronym else self.title

    def get_absolute_url(self):
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.programme_id and self.funding_source_id and self.programme.source_id != self.funding_source_id:
            errors["programme"] = _("Programme: the programme does not belong to the chosen funding source.")
        if self.currency_id and self.currency_id != "SEK" and self.exchange_rate is None:
            errors["exchange_rate"] = _("Exchange rate to SEK: give the rate used when the budget is not in kronor.")
        errors |= self.decision_errors()
        decided_on = self.decided_on()
        if decided_on is not None:
            errors |= cooperation_analysis_errors(self, decided_on, self.partner_countries())
            # Göteborg and Lidköping: near before far, digital meetings, asked as on trips and memberships.
            errors |= travel_errors(self, "travel_considerations", decided_on)
        errors |= municipality_errors(self, "decision", "owner")
        if not self.finances_posted and self.pk:
            errors |= self.finance_errors(self.finances.all())
        if errors:
            raise ValidationError(errors)

    def finance_errors(self, rows) -> dict:
        """The totals checked against the yearly finance rows, as messages on the project's total fields."""
        return {total_field: message for total_field, _row_field, message in self.finance_problems(rows)}

    def finance_problems(self, rows) -> list[tuple[str, str, str]]:
        """(total field, row field, message) where the finance rows add up to more than the project's total.

        The rows break the totals down by year and source and may be incomplete (years not yet entered), but never
        add up to more. The totals are not derived from the rows: the budget is decided for the whole period before
        the rows come in year by year. The yearly report's and the start page's money figures read the rows."""
        rows = list(rows)
        problems, seen = [], set()
        for total_field, row_field in FINANCE_TOTALS:
            rows_sum = sum((getattr(row, row_field) or Decimal(0) for row in rows), Decimal(0))
            total = getattr(self, total_field)
            if total_field in seen or not rows_sum or (total is not None and rows_sum <= total):
                continue
            seen.add(total_field)
            message = ROWS_WITHOUT_TOTAL if total is None else ROWS_EXCEED_TOTAL
            currency = self.currency_id or "SEK"
            text = message.format(
                field=capfirst(self._meta.get_field(total_field).verbose_name),
                rows_field=ProjectFinance._meta.get_field(row_field).verbose_name,
                rows=money(rows_sum, currency),
                total=money(total, currency),
            )
            problems.append((total_field, row_field, text))
        return problems

    def decision_errors(self) -> dict:
        """The owning unit's own committee or board decides the project; KS may, for the central funds (Vänersborg:
        KS allocates the centrally budgeted funds for internationalisation)."""
        body = self.owner.body if self.owner_id else None
        if self.decision is None or (body is not None and self.decision.body_id == body.pk):
            return {}
        if body is None:
            # A unit that answers to no committee or board (a representation office, a regional company): KS decides.
            if self.decision.body.kind == BodyKind.EXECUTIVE_BOARD:
                return {}
            return {
                "decision": _(
                    "Decision: the owning unit answers to no committee or board, so its projects are decided by the "
                    "executive board (KS); choose a KS decision."
                )
            }
        central_funds = self.funding_source_id is not None and self.funding_source.kind == FundingKind.MUNICIPAL
        if central_funds and self.decision.body.kind == BodyKind.EXECUTIVE_BOARD:
            return {}
        if central_funds:
            message = _(
                "Decision: a project funded by the central internationalisation funds is decided by the executive "
                "board (KS) or the owning unit's own committee or board ({body})."
            )
        else:
            message = _(
                "Decision: a project is decided by the owning unit's own committee or board ({body}); the executive "
                "board (KS) decides only projects funded by the central internationalisation funds."
            )
        return {"decision": message.format(body=body)}

    def decided_on(self):
        """The day the project was decided: its decision's date, or for a project under way without one, its start."""
        if self.decision is not None:
            return self.decision.date
        if self.status in STARTED:
            return self.start_date or timezone.localdate()
        return None

    def partner_countries(self) -> set:
        """The partners' countries: those the edit page posts when it gave them, else the saved partners'."""
        if self.posted_partner_countries is not None:
            return self.posted_partner_countries
        return set(self.partners.values_list("country", flat=True)) if self.pk else set()

    @property
    def co_financing_rate(self) -> Decimal | None:
        """External funding as a percentage of the total budget, to one decimal."""
        if not self.total_budget or self.external_funding is None:
            return None
        return (self.external_funding * 100 / self.total_budget).quantize(Decimal("0.1"))

    @property
    def own_co_financing_rate(self) -> Decimal | None:
        """External funding as a percentage of the municipality's share, to one decimal: for a partner in a large
        project the whole project's rate says little about what the municipality itself pays."""
        if not self.municipality_share or self.external_funding is None:
            return None
        return (self.external_funding * 100 / self.municipality_share).quantize(Decimal("0.1"))

    @property
    def own_contribution(self) -> Decimal:
        return (self.own_contribution_cash or Decimal(0)) + (self.own_contribution_in_kind or Decimal(0))


class ProjectFinance(models.Model):
    """A project's money for one year from one funding source, in the project's currency."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="finances", verbose_name=_("project"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    source = models.ForeignKey(FundingSource, models.PROTECT, related_name="finances", verbose_name=_("funding source"))
    programme = models.ForeignKey(
        Programme, models.PROTECT, null=True, blank=True, related_name="finances", verbose_name=_("programme")
    )
    applied_for = MoneyField(_("applied for"), null=True, blank=True)
    granted = MoneyField(_("amount granted"), null=True, blank=True)
    granted_on = models.DateField(_("grant decision date"), null=True, blank=True)
    paid_out = MoneyField(
        _("paid out"), null=True, blank=True, help_text=_("Paid out to the municipality during the year.")
    )
    own_contribution_cash = MoneyField(_("own contribution, cash"), null=True, blank=True)
    own_contribution_in_kind = MoneyField(_("own contribution, in kind"), null=True, blank=True)
    costs = MoneyField(_("costs"), null=True, blank=True, help_text=_("The municipality's costs during the year."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "year", "source"]
        verbose_name = _("finance row")
        verbose_name_plural = _("finances per year")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "source"],
                name="project_finance_unique",
                violation_error_message=_("The project already has a finance row for this year and funding source."),
            ),
            FieldCheckConstraint(
                condition=models.Q(granted_on__isnull=True) | models.Q(granted__isnull=False),
                name="project_finance_grant_date_has_amount",
                field="granted",
                violation_error_message=_(
                    "Amount granted: give the amount granted when the grant decision date is given."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.project} {self.year} {self.source}"

    def get_absolute_url(self):
        """Finance rows are shown, and edited, on their project's page."""
        return f"{self.project.get_absolute_url()}#finances"

    @property
    def currency_id(self) -> str:
        """The project's currency: a row's amounts are kept in it."""
        return self.project.currency_id if self.project_id else "SEK"

    def clean(self):
        errors = {}
        if self.programme_id and self.source_id and self.programme.source_id != self.source_id:
            errors["programme"] = _("Programme: the programme does not belong to the chosen funding source.")
        if self.project_id and not self.project.finances_posted:
            # A row saved alone (the shell, an import): checked with the project's other rows as stored.
            others = self.project.finances.exclude(pk=self.pk) if self.pk else self.project.finances.all()
            for _total_field, row_field, message in self.project.finance_problems([*others, self]):
                errors.setdefault(row_field, message)
        if errors:
            raise ValidationError(errors)


class ProjectPartner(models.Model):
    """A partner in the project, abroad or at home."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="partners", verbose_name=_("project"))
    name = models.CharField(_("organisation"), max_length=300)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = CountryField(_("country"), db_index=True)  # the list's partner-country filter
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.MUNICIPALITY)
    is_lead = models.BooleanField(_("lead partner"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-is_lead", "name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")

    def __str__(self):
        return self.name


class ProjectTeamMember(models.Model):
    """A member of an ICLD municipal-partnership team: politicians of majority and opposition, and officials."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="team", verbose_name=_("project"))
    side = models.CharField(_("side"), max_length=12, choices=TeamSide.choices, default=TeamSide.MUNICIPALITY)
    role = models.CharField(_("role"), max_length=12, choices=TeamRole.choices)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "side", "role", "name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name
