"""Reads of the reports app: the monthly status report and the coordinators' dashboard.

Both are built from the same functions below (members, events, ambassadors, offers,
placements, the pathway funnel), so a chart on the dashboard and a table in the report never
disagree. Everything derived from participants is an aggregate count over ids, milestone
types and dates; no personal field is read (so nothing is written to the access log), and
counts from 1 to 4 are shown as "<5".
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wegweiser.core import charts
from wegweiser.core.models import AuditEntry
from wegweiser.events.constants import ActionItemStatus, EventStatus, RegistrationStatus
from wegweiser.events.models import ActionItem, Event
from wegweiser.jobs.constants import OfferSource, OfferType
from wegweiser.jobs.models import Offer
from wegweiser.network.constants import MembershipStatus
from wegweiser.network.models import (
    AmbassadorNews,
    AmbassadorTerm,
    Membership,
    Network,
    Organisation,
    SocialMediaSlot,
)
from wegweiser.network.policy import actor_for
from wegweiser.network.selectors import growth_for, network_tree_ids
from wegweiser.participants.models import Participant
from wegweiser.participants.selectors import milestones_in_networks
from wegweiser.reports import policy
from wegweiser.reports.constants import (
    DASHBOARD_MONTHS,
    EMPLOYED_6_MONTHS,
    FUNNEL_MILESTONES,
    JOB_START,
    LEFT_PROGRAMME,
    SUPPRESS_BELOW,
    SUPPRESSED,
    TRAINING_START,
    FunnelStage,
    Section,
)
from wegweiser.reports.models import StatusReport

Cell = int | str

# --- Periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def aware_bounds(self) -> tuple[datetime, datetime]:
        """[start 00:00, day after end 00:00) in the site's time zone."""
        tz = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz),
        )


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def last_month(today: date | None = None) -> Period:
    today = today or timezone.localdate()
    first = today.replace(day=1) - timedelta(days=1)
    return month_period(first.year, first.month)


def _month_starts(today: date, months: int) -> list[date]:
    year, month = today.year, today.month
    starts = []
    for _i in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(starts)


# --- Scope ---------------------------------------------------------------------------------


def _member_org_ids(network_ids: Collection[int]) -> Any:
    """Organisations that are or were members (not mere prospects) of the networks."""
    return (
        Membership.objects.filter(network_id__in=network_ids)
        .exclude(status=MembershipStatus.PROSPECT)
        .values("organisation_id")
    )


def reportable_networks_for(*, actor: Any) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=actor_for(actor).coordinated_network_ids).order_by(
        "kind", "name"
    )


def access_network_for_report(*, actor: Any, network_id: int) -> Network:
    """The network to report on; 404 for unknown ids and networks the actor does not coordinate."""
    if not policy.can_report_on(actor, network_id):
        raise Http404
    network = Network.objects.filter(pk=network_id).first()
    if network is None:
        raise Http404
    return network


def access_report_by_id(*, actor: Any, report_id: int) -> StatusReport:
    report = StatusReport.objects.select_related("network").filter(pk=report_id).first()
    if report is None or not policy.can_report_on(actor, report.network_id):
        raise Http404
    return report


def saved_reports_for(*, actor: Any) -> QuerySet[StatusReport]:
    return StatusReport.objects.filter(
        network_id__in=actor_for(actor).coordinated_network_ids
    ).select_related("network")


def saved_report_for_period(*, network: Network, period: Period) -> StatusReport | None:
    return StatusReport.objects.filter(
        network=network, period_start=period.start, period_end=period.end
    ).first()


# --- Small-number suppression and chart helpers -------------------------------------------


def suppress(count: int) -> Cell:
    """Counts derived from participants: 1 to 4 become "<5" so no one can be singled out."""
    return SUPPRESSED if 0 < count < SUPPRESS_BELOW else count


@dataclass(frozen=True)
class ShownBar(charts.Bar):
    display: str = ""


def _with_display(chart: charts.Chart, rows: Sequence[tuple[str, Cell]]) -> charts.Chart:
    bars: list[charts.Bar] = [
        ShownBar(**{k: getattr(bar, k) for k in charts.Bar.__dataclass_fields__}, display=str(v))
        for bar, (_label, v) in zip(chart.bars, rows, strict=True)
    ]
    return charts.Chart(chart.width, chart.height, bars, chart.grid, chart.max_value)


def _numeric(rows: Sequence[tuple[str, Cell]]) -> list[tuple[str, int]]:
    return [(label, value if isinstance(value, int) else 0) for label, value in rows]


@dataclass(frozen=True)
class Series:
    """A chart and its table: rows of (label, value); suppressed values are "<5" strings."""

    key: str
    title: str
    rows: list[tuple[str, Cell]]
    chart: charts.Chart
    kind: str = "bars"  # or "columns"
    label: str = ""  # heading of the label column
    value_label: str = ""
    note: str = ""

    @property
    def template(self) -> str:
        return f"core/charts/{self.kind}.html"


def bar_series(key: str, title: str, rows: list[tuple[str, Cell]], **extra: str) -> Series:
    chart = _with_display(charts.bar_chart(_numeric(rows)), rows)
    return Series(key, title, rows, chart, "bars", **extra)


def column_series(key: str, title: str, rows: list[tuple[str, Cell]], **extra: str) -> Series:
    chart = _with_display(charts.column_chart(_numeric(rows)), rows)
    return Series(key, title, rows, chart, "columns", **extra)


@dataclass(frozen=True)
class Table:
    """A table with several columns (CSV downloads use the same rows)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""


def suppression_note() -> str:
    return _(
        "Counts from 1 to 4 are shown as “<5” so that no participant can be recognised. "
        "Only aggregate numbers are shown, never names."
    )


# --- Building blocks shared by the report and the dashboard -------------------------------


@dataclass(frozen=True)
class MemberCounts:
    joined: list[tuple[Organisation, date]]
    left: list[tuple[Organisation, date]]
    at_end: int


def member_counts(network_ids: Collection[int], period: Period) -> MemberCounts:
    rows = list(
        Membership.objects.filter(network_id__in=network_ids)
        .exclude(status=MembershipStatus.PROSPECT)
        .select_related("organisation")
        .order_by("joined_on", "organisation__name")
    )
    joined: dict[int, tuple[Organisation, date]] = {}
    left: dict[int, tuple[Organisation, date]] = {}
    at_end: set[int] = set()
    for m in rows:
        if m.joined_on and period.start <= m.joined_on <= period.end:
            joined.setdefault(m.organisation_id, (m.organisation, m.joined_on))
        if m.left_on and period.start <= m.left_on <= period.end:
            left.setdefault(m.organisation_id, (m.organisation, m.left_on))
        if (
            m.joined_on
            and m.joined_on <= period.end
            and (m.left_on is None or m.left_on > period.end)
        ):
            at_end.add(m.organisation_id)
    return MemberCounts(
        joined=sorted(joined.values(), key=lambda r: (r[1], r[0].name)),
        left=sorted(left.values(), key=lambda r: (r[1], r[0].name)),
        at_end=len(at_end),
    )


def events_in(network_ids: Collection[int], period: Period) -> Any:
    """Events of the networks that started in the period, with registrations and attendance."""
    start, end = period.aware_bounds()
    return (
        Event.objects.filter(network_id__in=network_ids, starts_at__gte=start, starts_at__lt=end)
        .annotate(
            registered=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
            attended=Count(
                "registrations",
                filter=Q(registrations__checked_in_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class OfferCounts:
    posted: int
    published: int
    filled: int
    by_type: list[list[Cell]]


def offer_counts(network_ids: Collection[int], period: Period) -> OfferCounts:
    """Own offers of member organisations: posted (created), published and filled in the period.

    "Filled" is read from the audit trail (`offer.filled` entries), which dates each filling.
    """
    start, end = period.aware_bounds()
    members = _member_org_ids(network_ids)
    offers = Offer.objects.filter(source=OfferSource.OWN, organisation_id__in=members)
    posted = Counter(
        offers.filter(created_at__gte=start, created_at__lt=end).values_list(
            "offer_type", flat=True
        )
    )
    published = Counter(
        offers.filter(published_at__gte=start, published_at__lt=end).values_list(
            "offer_type", flat=True
        )
    )
    filled_ids = set(
        AuditEntry.objects.filter(
            action="offer.filled",
            object_type="jobs.offer",
            organisation_id__in=members,
            created_at__gte=start,
            created_at__lt=end,
        ).values_list("object_id", flat=True)
    )
    filled = Counter(
        offers.filter(pk__in=[int(i) for i in filled_ids if i.isdigit()]).values_list(
            "offer_type", flat=True
        )
    )
    by_type: list[list[Cell]] = [
        [str(label), posted[value], published[value], filled[value]]
        for value, label in OfferType.choices
        if posted[value] or published[value] or filled[value]
    ]
    return OfferCounts(
        posted=sum(posted.values()),
        published=sum(published.values()),
        filled=sum(filled.values()),
        by_type=by_type,
    )


def placement_counts(network_ids: Collection[int], period: Period) -> dict[str, int]:
    """Distinct participants who started training or a job in the period, by milestone type."""
    rows = (
        milestones_in_networks(network_ids)
        .filter(
            milestone_type__key__in=(TRAINING_START, JOB_START),
            occurred_on__gte=period.start,
            occurred_on__lte=period.end,
        )
        .values_list("milestone_type__key", "participant_id")
        .distinct()
    )
    counts: Counter[str] = Counter(key for key, _p in rows)
    return {TRAINING_START: counts[TRAINING_START], JOB_START: counts[JOB_START]}


def funnel_counts(network_ids: Collection[int]) -> list[tuple[str, int]]:
    """How many participants reached each stage of the pathway (at any time)."""
    pairs = set(
        milestones_in_networks(network_ids)
        .values_list("participant_id", "milestone_type__key")
        .distinct()
    )
    stage_of = {key: stage for stage, keys in FUNNEL_MILESTONES.items() for key in keys}
    reached: dict[str, set[int]] = defaultdict(set)
    for participant_id, key in pairs:
        if key in stage_of:
            reached[stage_of[key]].add(participant_id)
    return [(str(stage.label), len(reached[stage.value])) for stage in FunnelStage]


def outcomes_per_project(network_ids: Collection[int]) -> list[tuple[str, dict[str, int]]]:
    """Per enrolling organisation: participants, and how many reached each outcome."""
    members = _member_org_ids(network_ids)
    enrolled = dict(
        Participant.objects.filter(organisation_id__in=members)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    reached: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for org_id, participant_id, key in (
        milestones_in_networks(network_ids)
        .filter(
            milestone_type__key__in=(TRAINING_START, JOB_START, EMPLOYED_6_MONTHS, LEFT_PROGRAMME)
        )
        .values_list("participant__organisation_id", "participant_id", "milestone_type__key")
        .distinct()
    ):
        reached[org_id][key].add(participant_id)
    names = dict(Organisation.objects.filter(pk__in=enrolled.keys()).values_list("pk", "name"))
    result = []
    for org_id in sorted(enrolled, key=lambda o: names.get(o, "")):
        counts = {"participants": enrolled[org_id]} | {
            key: len(reached[org_id][key])
            for key in (TRAINING_START, JOB_START, EMPLOYED_6_MONTHS, LEFT_PROGRAMME)
        }
        result.append((names.get(org_id, "–"), counts))
    return result


# --- The status report --------------------------------------------------------------------


@dataclass
class ReportSection:
    key: str
    title: str
    numbers: list[tuple[str, Cell]]
    table: Table | None = None
    series: Series | None = None
    note: str = ""


@dataclass
class StatusReportData:
    network: Network
    period: Period
    sections: list[ReportSection] = field(default_factory=list)

    def section(self, key: str) -> ReportSection:
        return next(s for s in self.sections if s.key == key)


def _date(value: date | datetime) -> str:
    from django.utils.formats import date_format

    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "SHORT_DATE_FORMAT")


def _members_section(network_ids: set[int], period: Period) -> ReportSection:
    counts = member_counts(network_ids, period)
    rows: list[list[Cell]] = [[org.name, _("joined"), _date(day)] for org, day in counts.joined]
    rows += [[org.name, _("left"), _date(day)] for org, day in counts.left]
    numbers: list[tuple[str, Cell]] = [
        (_("Joined"), len(counts.joined)),
        (_("Left"), len(counts.left)),
        (_("Members at the end of the period"), counts.at_end),
    ]
    return ReportSection(
        Section.MEMBERS,
        str(Section.MEMBERS.label),
        numbers,
        table=Table(
            "members", _("Joined and left"), [_("Organisation"), _("Change"), _("Date")], rows
        ),
        series=bar_series("members", _("Members joined and left"), numbers[:2]),
    )


def _events_section(network_ids: set[int], period: Period) -> ReportSection:
    events = list(events_in(network_ids, period))
    held = [e for e in events if e.status == EventStatus.SCHEDULED]
    rows: list[list[Cell]] = [[_date(e.starts_at), e.title, e.registered, e.attended] for e in held]
    numbers: list[tuple[str, Cell]] = [
        (_("Events held"), len(held)),
        (_("Registrations"), sum(e.registered for e in held)),
        (_("Attended"), sum(e.attended for e in held)),
        (_("Cancelled"), len(events) - len(held)),
    ]
    return ReportSection(
        Section.EVENTS,
        str(Section.EVENTS.label),
        numbers,
        table=Table(
            "events",
            _("Events held"),
            [_("Date"), _("Event"), _("Registrations"), _("Attended")],
            rows,
        ),
        series=bar_series(
            "attendance", _("Attendance per event"), [(e.title, e.attended) for e in held]
        )
        if held
        else None,
    )


def _ambassadors_section(network_ids: set[int], period: Period) -> ReportSection:
    start, end = period.aware_bounds()
    news = list(
        AmbassadorNews.objects.filter(
            term__network_id__in=network_ids, created_at__gte=start, created_at__lt=end
        )
        .select_related("term__organisation")
        .order_by("created_at")
    )
    terms = AmbassadorTerm.objects.filter(network_id__in=network_ids)
    started = list(
        terms.filter(starts_on__gte=period.start, starts_on__lte=period.end).select_related(
            "organisation"
        )
    )
    ended = terms.filter(ends_on__gte=period.start, ends_on__lte=period.end).count()
    handed_over = sum(1 for t in started if t.predecessor_id is not None)
    slots = list(
        SocialMediaSlot.objects.filter(
            network_id__in=network_ids, starts_on__lte=period.end, ends_on__gte=period.start
        )
        .select_related("term__organisation")
        .order_by("starts_on")
    )
    rows: list[list[Cell]] = [
        [_("News"), n.term.organisation.name, n.title, _date(n.created_at)] for n in news
    ]
    rows += [
        [_("Term started"), t.organisation.name, t.region, _date(t.starts_on)] for t in started
    ]
    rows += [
        [
            _("Social-media slot"),
            s.term.organisation.name,
            s.get_status_display(),
            f"{_date(s.starts_on)} – {_date(s.ends_on)}",
        ]
        for s in slots
    ]
    return ReportSection(
        Section.AMBASSADORS,
        str(Section.AMBASSADORS.label),
        [
            (_("News"), len(news)),
            (_("Terms started"), len(started)),
            (_("Terms ended"), ended),
            (_("Handed over"), handed_over),
            (_("Social-media slots"), len(slots)),
        ],
        table=Table(
            "ambassadors",
            _("Ambassador activities"),
            [_("Activity"), _("Organisation"), _("Topic"), _("Date")],
            rows,
        ),
    )


def _offers_section(network_ids: set[int], period: Period) -> ReportSection:
    counts = offer_counts(network_ids, period)
    numbers: list[tuple[str, Cell]] = [
        (_("Posted"), counts.posted),
        (_("Published"), counts.published),
        (_("Filled"), counts.filled),
    ]
    return ReportSection(
        Section.OFFERS,
        str(Section.OFFERS.label),
        numbers,
        table=Table(
            "offers",
            _("Offers by type"),
            [_("Type"), _("Posted"), _("Published"), _("Filled")],
            counts.by_type,
        ),
        series=bar_series("offers", _("Offers posted, published and filled"), numbers),
    )


def _placements_section(network_ids: set[int], period: Period) -> ReportSection:
    counts = placement_counts(network_ids, period)
    numbers: list[tuple[str, Cell]] = [
        (_("Training started"), suppress(counts[TRAINING_START])),
        (_("Job started"), suppress(counts[JOB_START])),
        (_("Together"), suppress(counts[TRAINING_START] + counts[JOB_START])),
    ]
    return ReportSection(
        Section.PLACEMENTS,
        str(Section.PLACEMENTS.label),
        numbers,
        series=bar_series("placements", _("Placements"), numbers[:2]),
        note=suppression_note(),
    )


def _action_items_section(network_ids: set[int], period: Period) -> ReportSection:
    items = list(
        ActionItem.objects.filter(
            network_id__in=network_ids,
            status__in=(ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS),
        )
        .select_related("owner_organisation")
        .order_by("due_on", "pk")
    )
    overdue = [i for i in items if i.due_on is not None and i.due_on < period.end]
    rows: list[list[Cell]] = [
        [
            i.title,
            i.owner_organisation.name if i.owner_organisation else "–",
            _date(i.due_on) if i.due_on else "–",
            i.get_status_display(),
        ]
        for i in items
    ]
    return ReportSection(
        Section.ACTION_ITEMS,
        str(Section.ACTION_ITEMS.label),
        [(_("Open"), len(items)), (_("Overdue at the end of the period"), len(overdue))],
        table=Table(
            "action_items",
            _("Open action items"),
            [_("Action item"), _("Owner"), _("Due"), _("Status")],
            rows,
        ),
    )


def status_report_for(*, actor: Any, network: Network, period: Period) -> StatusReportData:
    """The numbers of one network (and the networks inside it) for one period."""
    if not policy.can_report_on(actor, network.pk):
        raise Http404
    network_ids = network_tree_ids({network.pk})
    data = StatusReportData(network=network, period=period)
    for build in (
        _members_section,
        _events_section,
        _ambassadors_section,
        _offers_section,
        _placements_section,
        _action_items_section,
    ):
        data.sections.append(build(network_ids, period))
    return data


# --- The coordinators' dashboard ----------------------------------------------------------


@dataclass
class Dashboard:
    networks: list[Network]
    members: Series
    events: Series
    attendance: Series
    funnel: Series
    placements_per_project: Series
    outcomes: Table
    offers: Series

    @property
    def series(self) -> list[Series]:
        return [
            self.members,
            self.events,
            self.attendance,
            self.funnel,
            self.placements_per_project,
            self.offers,
        ]


def dashboard_for(*, actor: Any, today: date | None = None) -> Dashboard:
    """Every chart of the dashboard, each with its table; a fixed number of queries."""
    if not policy.can_view_reports(actor):
        raise Http404
    today = today or timezone.localdate()
    coordinated = set(actor_for(actor).coordinated_network_ids)
    network_ids = network_tree_ids(coordinated)
    month_starts = _month_starts(today, DASHBOARD_MONTHS)
    year = Period(month_starts[0], today)

    growth = growth_for(actor=actor, months=DASHBOARD_MONTHS, today=today)
    members_rows: list[tuple[str, Cell]] = list(growth.over_time.rows)

    per_month: Counter[str] = Counter()
    attended: Counter[str] = Counter()
    for event in events_in(network_ids, year).filter(status=EventStatus.SCHEDULED):
        label = timezone.localtime(event.starts_at).strftime("%m/%Y")
        per_month[label] += 1
        attended[label] += event.attended
    labels = [m.strftime("%m/%Y") for m in month_starts]

    funnel_rows: list[tuple[str, Cell]] = [
        (label, suppress(n)) for label, n in funnel_counts(network_ids)
    ]
    outcomes = outcomes_per_project(network_ids)
    outcome_keys = ("participants", TRAINING_START, JOB_START, EMPLOYED_6_MONTHS, LEFT_PROGRAMME)
    outcome_rows: list[list[Cell]] = [
        [name, *(suppress(c[k]) for k in outcome_keys)] for name, c in outcomes
    ]
    placement_rows: list[tuple[str, Cell]] = [
        (name, suppress(c[TRAINING_START] + c[JOB_START])) for name, c in outcomes
    ]
    offers = offer_counts(network_ids, year)
    offer_rows: list[tuple[str, Cell]] = [
        (_("Posted"), offers.posted),
        (_("Published"), offers.published),
        (_("Filled"), offers.filled),
    ]
    note = suppression_note()
    month, number = _("Month"), _("Number")
    return Dashboard(
        networks=list(reportable_networks_for(actor=actor)),
        members=column_series(
            "members",
            _("Members over time"),
            members_rows,
            label=month,
            value_label=_("Members"),
        ),
        events=column_series(
            "events",
            _("Events per month"),
            [(label, per_month[label]) for label in labels],
            label=month,
            value_label=_("Events"),
        ),
        attendance=column_series(
            "attendance",
            _("Attendance per month"),
            [(label, attended[label]) for label in labels],
            label=month,
            value_label=_("Attended"),
        ),
        funnel=bar_series(
            "funnel",
            _("Pathway funnel"),
            funnel_rows,
            label=pgettext("pathway", "Stage"),
            value_label=_("Participants"),
            note=note,
        ),
        placements_per_project=bar_series(
            "placements",
            _("Training or job started, per project"),
            placement_rows,
            label=_("Project"),
            value_label=_("Participants"),
            note=note,
        ),
        outcomes=Table(
            "outcomes",
            _("Outcomes per project"),
            [
                _("Project"),
                _("Participants"),
                _("Training started"),
                _("Job started"),
                _("Still employed after 6 months"),
                _("Left the programme"),
            ],
            outcome_rows,
            note=note,
        ),
        offers=bar_series(
            "offers",
            _("Offers in the last 12 months"),
            offer_rows,
            label=_("Offers"),
            value_label=number,
        ),
    )


def dashboard_table(*, dashboard: Dashboard, key: str) -> Table:
    """The table behind one chart (or the outcomes table), as the CSV download shows it."""
    if key == dashboard.outcomes.key:
        return dashboard.outcomes
    for series in dashboard.series:
        if series.key == key:
            return Table(
                series.key,
                series.title,
                [series.label, series.value_label],
                [[label, value] for label, value in series.rows],
                note=series.note,
            )
    raise Http404
