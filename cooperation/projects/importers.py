"""Projects from a spreadsheet: one row per project, its partners in one cell, its yearly finances in columns
whose headers end with the year ("Beviljat 2025"). Checked and saved by the project's own edit page."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.importing import cells, common
from cooperation.importing.cells import CellError, Named
from cooperation.importing.spec import Column, Importer, register

from .choices import ProjectRole, ProjectStatus
from .models import FundingSource, Programme, Project
from .views import ProjectEditView

funding_source = Named(FundingSource.objects.all(), "code", "name_sv", "name_en", what=gettext_lazy("funding source"))
programme = Named(Programme.objects.all(), "name", what=gettext_lazy("programme"))
PARTNER = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)$")
# The yearly finance row's amounts, each a column per year.
YEARLY = ["applied_for", "granted", "paid_out", "costs"]


def partners(raw) -> list[dict]:
    """ "Stadt Kiel (Tyskland); Aarhus Kommune, Aarhus (DK)": each partner's name, its city after a comma, and its
    country in brackets."""
    found = []
    for part in cells.several(raw):
        match = PARTNER.match(part)
        if not match:
            raise CellError(
                _("“{partner}”: write each partner as Name (Country), several separated by semicolons.").format(
                    partner=part
                )
            )
        name, _comma, city = match["name"].partition(",")
        found.append({"name": name.strip(), "city": city.strip(), "country": cells.country(match["country"])})
    return found


def data(values: dict) -> dict:
    posted = {key: value for key, value in values.items() if key not in ("partners", *YEARLY)}
    rows = values.get("partners", [])
    posted |= {"partners-TOTAL_FORMS": len(rows), "partners-INITIAL_FORMS": 0}
    for number, partner in enumerate(rows):
        posted |= {f"partners-{number}-{key}": value for key, value in partner.items()}
        posted[f"partners-{number}-kind"] = "municipality"
    years = sorted({year for key in YEARLY for year, value in values.get(key, {}).items() if value})
    posted |= {"finances-TOTAL_FORMS": len(years), "finances-INITIAL_FORMS": 0}
    for number, year in enumerate(years):
        posted |= {f"finances-{number}-year": year, f"finances-{number}-source": values.get("funding_source", "")}
        posted |= {f"finances-{number}-{key}": values.get(key, {}).get(year, "") for key in YEARLY}
    return posted


register(
    Importer(
        key="projekt",
        model="projects.Project",
        view=ProjectEditView,
        columns=[
            Column("title", "Titel", cells.text, required=True, example="Gröna hamnar i Östersjön"),
            Column("acronym", "Akronym", cells.text, example="GREENPORT"),
            Column(
                "status",
                "Status",
                cells.choice(ProjectStatus),
                example="Pågående",
                help=cells.listed(ProjectStatus),
            ),
            Column("description", "Beskrivning", cells.text, example="Minskade utsläpp från hamnarnas fordon."),
            Column(
                "owner",
                "Ägande enhet",
                common.unit,
                required=True,
                example="Miljöförvaltningen",
                help=gettext_lazy("The unit's name as in the register."),
            ),
            Column(
                "participating_units",
                "Deltagande enheter",
                common.unit.many,
                example="",
                help=gettext_lazy("Several separated by semicolons."),
            ),
            Column(
                "funding_source",
                "Finansiär",
                funding_source,
                required=True,
                example="EU",
                help=gettext_lazy("The funding source's name or code; also the yearly finance rows' source."),
            ),
            Column("programme", "Program", programme, example="Interreg Central Baltic"),
            Column("call", "Utlysning", cells.text, example="Utlysning 3"),
            Column("role", "Kommunens roll", cells.choice(ProjectRole), example="Partner"),
            Column("start_date", "Startdatum", cells.date, example="2025-01-01", help="ÅÅÅÅ-MM-DD"),
            Column("end_date", "Slutdatum", cells.date, example="2027-12-31", help="ÅÅÅÅ-MM-DD"),
            Column("case_number", "Diarienummer", cells.text, example="MN 2024/123"),
            Column(
                "decision",
                "Beslut (diarienummer)",
                common.decision,
                example="",
                help=gettext_lazy("The case number of a decision in the register."),
            ),
            Column("currency", "Valuta", common.currency, example="SEK"),
            Column("total_budget", "Total budget", cells.amount, example="2 400 000"),
            Column("municipality_share", "Kommunens andel", cells.amount, example="600 000"),
            Column("external_funding", "Beviljat externt stöd", cells.amount, example="450 000"),
            Column("own_contribution_cash", "Egen insats kontant", cells.amount, example="150 000"),
            Column("own_contribution_in_kind", "Egen insats i natura", cells.amount, example=""),
            Column(
                "partners",
                "Partner",
                partners,
                example="Stadt Kiel, Kiel (Tyskland); Aarhus Kommune (Danmark)",
                help=gettext_lazy("Name, city (Country); several separated by semicolons."),
            ),
            Column("benefit_risk_analysis", "Nytto- och riskanalys", cells.text),
            Column("partner_choice_grounds", "Skäl för val av partner", cells.text),
            Column("democracy_considerations", "Demokrati och mänskliga rättigheter", cells.text),
            Column("video_conferencing_considered", "Digitalt möte övervägt", cells.boolean, example="ja"),
            Column(
                "travel_considerations",
                "Närliggande och digitala alternativ",
                cells.text,
                example="Partnermötena hålls digitalt utom ett per år.",
            ),
            Column("applied_for", "Sökt", cells.amount, yearly=True, field="finances", example=""),
            Column("granted", "Beviljat", cells.amount, yearly=True, field="finances", example="150 000"),
            Column("paid_out", "Utbetalt", cells.amount, yearly=True, field="finances", example=""),
            Column("costs", "Kostnader", cells.amount, yearly=True, field="finances", example="120 000"),
        ],
        data=data,
        name_column="title",
        duplicates=lambda cleaned: Project.objects.filter(title__iexact=cleaned["title"], owner=cleaned["owner"]),
        duplicate_column="title",
        identity=lambda cleaned: (cleaned["title"].casefold(), cleaned["owner"].pk),
    )
)
