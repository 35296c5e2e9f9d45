"""Memberships from a spreadsheet: one row per membership, the organisation by its name or acronym as the register
has it. Checked and saved by the membership's own edit page."""

from django.utils.translation import gettext_lazy as _

from cooperation.importing import cells, common
from cooperation.importing.cells import Named
from cooperation.importing.spec import Column, Importer, register

from .choices import MembershipKind
from .models import Membership, Organisation
from .views import MembershipEditView

organisation = Named(Organisation.objects.all(), "name", "acronym", what=_("organisation or network"))

register(
    Importer(
        key="medlemskap",
        model="networks.Membership",
        view=MembershipEditView,
        columns=[
            Column(
                "organisation",
                "Organisation",
                organisation,
                required=True,
                example="Eurocities",
                help=_("Its name or acronym as in the register of organisations."),
            ),
            Column(
                "kind",
                "Typ av medlemskap",
                cells.choice(MembershipKind),
                example="Sektorsspecifikt medlemskap",
                help=cells.listed(MembershipKind),
            ),
            Column("unit", "Medlem (enhet)", common.unit, required=True, example="Miljöförvaltningen"),
            Column("units", "Deltagande enheter", common.unit.many, help=_("Several separated by semicolons.")),
            Column("member_since", "Medlem sedan", cells.date, required=True, example="2019-01-01", help="ÅÅÅÅ-MM-DD"),
            Column("purpose", "Syfte", cells.text, example="Kunskapsutbyte om klimatanpassning."),
            Column(
                "decision",
                "Beslut (diarienummer)",
                common.decision,
                help=_("The case number of a decision in the register."),
            ),
            Column("annual_fee", "Årsavgift", cells.amount, example="25 000"),
            Column("fee_currency", "Valuta", common.currency, example="SEK"),
            Column("fee_basis", "Avgiften baseras på", cells.text, example="Per invånare"),
            Column("next_review_on", "Nästa omprövning", cells.date, example="2026-12-31", help="ÅÅÅÅ-MM-DD"),
            Column("benefit_risk_analysis", "Nytto- och riskanalys", cells.text),
            Column("partner_choice_grounds", "Skäl för val av partner", cells.text),
            Column("democracy_considerations", "Demokrati och mänskliga rättigheter", cells.text),
            Column("travel_considerations", "Närliggande och digitala alternativ", cells.text),
        ],
        data=dict,
        name_column="organisation",
        duplicates=lambda cleaned: Membership.objects.filter(
            organisation=cleaned["organisation"], unit=cleaned["unit"], member_until__isnull=True
        ),
        duplicate_column="organisation",
        identity=lambda cleaned: (cleaned["organisation"].pk, cleaned["unit"].pk),
    )
)
