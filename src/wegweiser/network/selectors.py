"""Reads of the network app. Object reads go through `access_*` and check policy."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wegweiser.core import charts
from wegweiser.core.places import Bundesland
from wegweiser.core.services import access_log_record_many
from wegweiser.network import engagement, policy
from wegweiser.network.constants import (
    PLACE_SPONSORSHIP_KINDS,
    EngagementStage,
    MembershipStatus,
    ProjectStatus,
    Sector,
    SponsorshipStatus,
)
from wegweiser.network.models import (
    AmbassadorNews,
    AmbassadorTerm,
    Invitation,
    MemberProject,
    Membership,
    Network,
    Organisation,
    Role,
    SocialMediaSlot,
    Sponsorship,
)


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    bundesland: str = ""
    org_type: str = ""
    sector: str = ""
    size_band: str = ""
    network: int | None = None
    district: str = ""
    status: str = ""


def visible_network_ids(user: Any) -> set[int]:
    """The networks whose organisations the user may see: their federation's whole tree."""
    return set(policy.actor_for(user).visible_network_ids)


def organisation_list_for(*, actor: Any, filters: OrganisationFilters) -> QuerySet[Organisation]:
    """Organisations of the actor's networks, with what the directory shows already fetched."""
    network_ids = visible_network_ids(actor)
    organisations = Organisation.objects.filter(
        Q(memberships__network_id__in=network_ids)
        | Q(pk__in=policy.actor_for(actor).organisation_ids)
    ).distinct()
    if filters.q:
        organisations = organisations.filter(
            Q(name__icontains=filters.q)
            | Q(city__icontains=filters.q)
            | Q(plz__startswith=filters.q)
        )
    if filters.bundesland:
        organisations = organisations.filter(bundesland=filters.bundesland)
    if filters.org_type:
        organisations = organisations.filter(org_type=filters.org_type)
    if filters.sector:
        organisations = organisations.filter(sector=filters.sector)
    if filters.size_band:
        organisations = organisations.filter(size_band=filters.size_band)
    if filters.network:
        organisations = organisations.filter(memberships__network_id=filters.network)
    if filters.district:
        organisations = organisations.filter(district=filters.district)
    if filters.status:
        organisations = organisations.filter(
            memberships__network_id__in=network_ids, memberships__status=filters.status
        )
    return organisations


def district_choices(organisations: QuerySet[Organisation]) -> list[str]:
    """The districts that occur among these organisations, for the district filter."""
    return sorted(
        set(organisations.exclude(district="").values_list("district", flat=True).distinct())
    )


def network_list_for(*, actor: Any) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=visible_network_ids(actor)).order_by("kind", "name")


def _organisation_network_ids(organisation: Organisation) -> set[int]:
    return set(organisation.memberships.values_list("network_id", flat=True))


@dataclass(frozen=True)
class OrganisationAccess:
    organisation: Organisation
    network_ids: set[int]
    can_edit: bool
    can_manage_people: bool


def access_organisation_by_id(
    *, actor: Any, organisation_id: int, purpose: str = "view"
) -> OrganisationAccess:
    """The organisation if the actor may see it (for `purpose`), else 404 (never 403)."""
    organisation = (
        Organisation.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("network"))
        )
        .filter(pk=organisation_id)
        .first()
    )
    if organisation is None:
        raise Http404
    network_ids = {m.network_id for m in organisation.memberships.all()}
    if not policy.can_view_organisation(actor, organisation, network_ids):
        raise Http404
    can_edit = policy.can_edit_organisation(actor, organisation, network_ids)
    can_people = policy.can_manage_people(actor, organisation, network_ids)
    if purpose == "edit" and not can_edit:
        raise Http404
    if purpose == "people" and not can_people:
        raise Http404
    return OrganisationAccess(organisation, network_ids, can_edit, can_people)


def role_list_for_organisation(*, actor: Any, access: OrganisationAccess) -> list[Role]:
    """The people of an organisation (personal data: names and e-mail addresses, logged)."""
    if not access.can_manage_people:
        raise Http404
    roles = list(
        Role.objects.filter(organisation=access.organisation)
        .select_related("user")
        .order_by("user__last_name", "user__email", "kind")
    )
    access_log_record_many(actor=actor, objs=[r.user for r in roles], purpose="organisation_people")
    return roles


def invitation_list_open(*, access: OrganisationAccess) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=access.organisation, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def invitation_get_open(*, access: OrganisationAccess, invitation_id: int) -> Invitation:
    invitation = invitation_list_open(access=access).filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


@dataclass(frozen=True)
class NetworkSummary:
    network: Network
    members: int
    prospects: int


def network_summaries_for(*, actor: Any) -> list[NetworkSummary]:
    """Member counts per coordinated network, for the coordinator's dashboard."""
    coordinated = policy.actor_for(actor).coordinated_network_ids
    networks = Network.objects.filter(pk__in=coordinated).annotate(
        members=Count("memberships", filter=Q(memberships__status=MembershipStatus.MEMBER)),
        prospects=Count("memberships", filter=Q(memberships__status=MembershipStatus.PROSPECT)),
    )
    return [NetworkSummary(n, n.members, n.prospects) for n in networks]


def organisations_of(*, actor: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=policy.actor_for(actor).organisation_ids)


def network_tree_ids(network_ids: Collection[int]) -> set[int]:
    """The given networks and every network inside them (one query)."""
    return policy.network_tree(network_ids, dict(Network.objects.values_list("id", "parent_id")))


# --- Public member directory ----------------------------------------------------------------


def public_member_list(*, filters: OrganisationFilters) -> QuerySet[Organisation]:
    """Members that opted in to the public directory (status member in some network)."""
    organisations = Organisation.objects.filter(
        public_listing=True,
        pk__in=Membership.objects.filter(status=MembershipStatus.MEMBER).values("organisation_id"),
    )
    if filters.q:
        organisations = organisations.filter(
            Q(name__icontains=filters.q)
            | Q(city__icontains=filters.q)
            | Q(plz__startswith=filters.q)
        )
    for name in ("bundesland", "district", "org_type", "sector", "size_band"):
        value = getattr(filters, name)
        if value:
            organisations = organisations.filter(**{name: value})
    return organisations


def public_district_choices() -> list[str]:
    return district_choices(public_member_list(filters=OrganisationFilters()))


# --- Engagement ladder (the network's own signals) ------------------------------------------


def engagement_prospects(network_ids: frozenset[int]) -> set[int]:
    return set(
        Membership.objects.filter(network_id__in=network_ids, status=MembershipStatus.PROSPECT)
        .order_by()
        .values_list("organisation_id", flat=True)
    )


def engagement_members(network_ids: frozenset[int]) -> set[int]:
    return set(
        Membership.objects.filter(
            network_id__in=network_ids,
            status__in=(MembershipStatus.MEMBER, MembershipStatus.PAUSED),
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )


def engagement_project_runners(network_ids: frozenset[int]) -> set[int]:
    return set(
        MemberProject.objects.filter(
            network_id__in=network_ids,
            status__in=(ProjectStatus.ACTIVE, ProjectStatus.COMPLETED),
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )


def engagement_ambassadors(network_ids: frozenset[int]) -> set[int]:
    return set(
        AmbassadorTerm.objects.filter(
            network_id__in=network_ids, starts_on__lte=timezone.localdate()
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )


def engagement_place_sponsors(network_ids: frozenset[int]) -> set[int]:
    return set(
        Sponsorship.objects.filter(
            network_id__in=network_ids,
            kind__in=PLACE_SPONSORSHIP_KINDS,
            status__in=(SponsorshipStatus.ACTIVE, SponsorshipStatus.FULFILLED),
        )
        .order_by()
        .values_list("organisation_id", flat=True)
    )


def engagement_stage_of(*, organisation: Organisation, network_ids: set[int]) -> int | None:
    return engagement.stages_for(network_ids).get(organisation.pk)


# --- Growth dashboard -----------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    title: str
    rows: list[tuple[str, int]]
    chart: charts.Chart


@dataclass(frozen=True)
class Growth:
    networks: list[Network]
    members: int
    prospects: int
    paused: int
    joined_last_year: int
    left_last_year: int
    over_time: Series
    by_region: Series
    by_sector: Series
    funnel: list[engagement.FunnelStep]


def _month_ends(today: date, months: int) -> list[date]:
    ends = []
    year, month = today.year, today.month
    for _i in range(months):
        ends.append(date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(ends)


def growth_for(*, actor: Any, months: int = 24, today: date | None = None) -> Growth:
    """Members over time, by region and by sector, and the engagement funnel.

    One query for the memberships plus one per engagement signal, whatever the size.
    """
    today = today or timezone.localdate()
    coordinated = set(policy.actor_for(actor).coordinated_network_ids)
    network_ids = network_tree_ids(coordinated)
    rows = list(
        Membership.objects.filter(network_id__in=network_ids).values_list(
            "organisation_id",
            "status",
            "joined_on",
            "left_on",
            "organisation__bundesland",
            "organisation__sector",
        )
    )
    current_status: dict[int, str] = {}
    rank = {
        MembershipStatus.MEMBER: 4,
        MembershipStatus.PAUSED: 3,
        MembershipStatus.PROSPECT: 2,
        MembershipStatus.LEFT: 1,
    }
    region_of: dict[int, str] = {}
    sector_of: dict[int, str] = {}
    for org, status, _joined, _left, land, sector in rows:
        if rank[MembershipStatus(status)] > rank.get(
            MembershipStatus(current_status.get(org, MembershipStatus.LEFT)), 0
        ):
            current_status[org] = status
        current_status.setdefault(org, status)
        region_of[org], sector_of[org] = land, sector
    members = {o for o, s in current_status.items() if s in ("member", "paused")}
    year_ago = today - timedelta(days=365)
    over_time = []
    for month_end in _month_ends(today, months):
        count = len(
            {
                org
                for org, status, joined, left, _l, _s in rows
                if status != MembershipStatus.PROSPECT
                and joined is not None
                and joined <= month_end
                and (left is None or left > month_end)
            }
        )
        over_time.append((month_end.strftime("%m/%Y"), count))
    land_labels = dict(Bundesland.choices)
    sector_labels = {k: str(v) for k, v in Sector.choices}
    by_region = Counter(str(land_labels.get(region_of[o], "–")) for o in members)
    by_sector = Counter(sector_labels.get(sector_of[o], "–") for o in members)
    region_rows = sorted(by_region.items(), key=lambda r: (-r[1], r[0]))
    sector_rows = sorted(by_sector.items(), key=lambda r: (-r[1], r[0]))
    from django.utils.translation import gettext as _

    return Growth(
        networks=list(Network.objects.filter(pk__in=coordinated).order_by("kind", "name")),
        members=len(members),
        prospects=sum(1 for s in current_status.values() if s == MembershipStatus.PROSPECT),
        paused=sum(1 for s in current_status.values() if s == MembershipStatus.PAUSED),
        joined_last_year=len(
            {o for o, _s, j, _l, _a, _b in rows if j is not None and year_ago < j <= today}
        ),
        left_last_year=len(
            {o for o, _s, _j, left, _a, _b in rows if left is not None and year_ago < left <= today}
        ),
        over_time=Series(_("Members over time"), over_time, charts.column_chart(over_time)),
        by_region=Series(_("Members by federal state"), region_rows, charts.bar_chart(region_rows)),
        by_sector=Series(_("Members by sector"), sector_rows, charts.bar_chart(sector_rows)),
        funnel=engagement.funnel_for(network_ids),
    )


@dataclass(frozen=True)
class CoordinatorPanel:
    members: int
    joined_recently: int
    slots_soon: list[SocialMediaSlot]


def coordinator_panel_for(*, actor: Any, days: int = 30) -> CoordinatorPanel:
    today = timezone.localdate()
    network_ids = network_tree_ids(policy.actor_for(actor).coordinated_network_ids)
    memberships = Membership.objects.filter(network_id__in=network_ids)
    return CoordinatorPanel(
        members=memberships.filter(status__in=(MembershipStatus.MEMBER, MembershipStatus.PAUSED))
        .values("organisation_id")
        .distinct()
        .count(),
        joined_recently=memberships.filter(joined_on__gt=today - timedelta(days=days))
        .values("organisation_id")
        .distinct()
        .count(),
        slots_soon=list(
            SocialMediaSlot.objects.filter(
                network_id__in=network_ids,
                ends_on__gte=today,
                starts_on__lte=today + timedelta(days=days),
            )
            .select_related("network", "term__organisation")
            .order_by("starts_on")[:5]
        ),
    )


# --- Member projects and sponsorships -------------------------------------------------------


@dataclass(frozen=True)
class WorkFilters:
    q: str = ""
    status: str = ""
    kind: str = ""
    organisation: int | None = None


def project_list_for(*, actor: Any, filters: WorkFilters) -> QuerySet[MemberProject]:
    projects = MemberProject.objects.filter(
        network_id__in=policy.readable_network_ids(actor)
    ).select_related("organisation", "network")
    if filters.q:
        projects = projects.filter(
            Q(title__icontains=filters.q) | Q(organisation__name__icontains=filters.q)
        )
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.organisation:
        projects = projects.filter(organisation_id=filters.organisation)
    return projects


def sponsorship_list_for(*, actor: Any, filters: WorkFilters) -> QuerySet[Sponsorship]:
    sponsorships = Sponsorship.objects.filter(
        network_id__in=policy.readable_network_ids(actor)
    ).select_related("organisation", "network")
    if filters.q:
        sponsorships = sponsorships.filter(
            Q(description__icontains=filters.q) | Q(organisation__name__icontains=filters.q)
        )
    if filters.status:
        sponsorships = sponsorships.filter(status=filters.status)
    if filters.kind:
        sponsorships = sponsorships.filter(kind=filters.kind)
    if filters.organisation:
        sponsorships = sponsorships.filter(organisation_id=filters.organisation)
    return sponsorships


@dataclass(frozen=True)
class WorkAccess:
    obj: Any
    can_edit: bool


def access_project_by_id(*, actor: Any, project_id: int, purpose: str = "view") -> WorkAccess:
    project = (
        MemberProject.objects.select_related("organisation", "network")
        .filter(pk=project_id)
        .first()
    )
    if project is None or not policy.can_read_network_content(actor, project.network_id):
        raise Http404
    can_edit = policy.can_manage_member_work(actor, project.organisation_id)
    if purpose == "edit" and not can_edit:
        raise Http404
    return WorkAccess(project, can_edit)


def access_sponsorship_by_id(
    *, actor: Any, sponsorship_id: int, purpose: str = "view"
) -> WorkAccess:
    sponsorship = (
        Sponsorship.objects.select_related("organisation", "network")
        .filter(pk=sponsorship_id)
        .first()
    )
    if sponsorship is None or not policy.can_read_network_content(actor, sponsorship.network_id):
        raise Http404
    can_edit = policy.can_manage_member_work(actor, sponsorship.organisation_id)
    if purpose == "edit" and not can_edit:
        raise Http404
    return WorkAccess(sponsorship, can_edit)


def member_networks_of(organisation: Organisation) -> QuerySet[Network]:
    """Networks in which the organisation may record projects and sponsorships."""
    return Network.objects.filter(
        memberships__organisation=organisation,
        memberships__status__in=(MembershipStatus.MEMBER, MembershipStatus.PAUSED),
    ).order_by("kind", "name")


# --- Ambassadors ----------------------------------------------------------------------------


def term_list_for(*, actor: Any, when: str = "current") -> QuerySet[AmbassadorTerm]:
    today = timezone.localdate()
    terms = AmbassadorTerm.objects.filter(
        network_id__in=policy.readable_network_ids(actor)
    ).select_related("organisation", "network", "predecessor__organisation")
    if when == "current":
        terms = terms.filter(starts_on__lte=today, ends_on__gte=today)
    elif when == "coming":
        terms = terms.filter(starts_on__gt=today)
    elif when == "past":
        terms = terms.filter(ends_on__lt=today)
    return terms


@dataclass(frozen=True)
class TermAccess:
    term: AmbassadorTerm
    successor: AmbassadorTerm | None
    is_active: bool
    can_manage: bool
    can_read_handover: bool
    can_write_handover: bool
    can_write_news: bool
    slots: list[SocialMediaSlot] = field(default_factory=list)
    news: list[AmbassadorNews] = field(default_factory=list)


def access_term_by_id(*, actor: Any, term_id: int, purpose: str = "view") -> TermAccess:
    term = (
        AmbassadorTerm.objects.select_related(
            "organisation", "network", "predecessor__organisation"
        )
        .filter(pk=term_id)
        .first()
    )
    if term is None or not policy.can_read_network_content(actor, term.network_id):
        raise Http404
    predecessor_org = term.predecessor.organisation_id if term.predecessor else None
    successor = (
        AmbassadorTerm.objects.select_related("organisation").filter(predecessor=term).first()
    )
    active = term.is_active_on(timezone.localdate())
    access = TermAccess(
        term=term,
        successor=successor,
        is_active=active,
        can_manage=policy.can_manage_ambassadors(actor, term.network_id),
        can_read_handover=policy.can_read_handover(
            actor, term.network_id, term.organisation_id, predecessor_org
        ),
        can_write_handover=policy.can_write_handover(actor, term.network_id, predecessor_org),
        can_write_news=policy.can_write_news(actor, term.organisation_id, active),
        slots=list(term.slots.select_related("network").order_by("starts_on"))
        if purpose == "view"
        else [],
        news=list(term.news.order_by("-created_at")[:10]) if purpose == "view" else [],
    )
    needed = {
        "view": True,
        "manage": access.can_manage,
        "handover_notes": access.can_write_handover and term.predecessor_id is not None,
        "news": access.can_write_news,
    }
    if not needed.get(purpose, False):
        raise Http404
    return access


def news_terms_for(*, actor: Any) -> QuerySet[AmbassadorTerm]:
    """The current terms whose organisation the actor may write news for."""
    today = timezone.localdate()
    from wegweiser.network.constants import RoleKind

    return AmbassadorTerm.objects.filter(
        organisation_id__in=policy.actor_for(actor).organisations_with(RoleKind.ORG_ADMIN),
        starts_on__lte=today,
        ends_on__gte=today,
    ).select_related("organisation", "network")


def appointable_organisations(*, actor: Any) -> QuerySet[Organisation]:
    network_ids = network_tree_ids(policy.actor_for(actor).coordinated_network_ids)
    return Organisation.objects.filter(
        memberships__network_id__in=network_ids, memberships__status=MembershipStatus.MEMBER
    ).distinct()


def coordinated_networks(*, actor: Any) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=policy.actor_for(actor).coordinated_network_ids).order_by(
        "kind", "name"
    )


# --- Slot calendar --------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    slot: SocialMediaSlot | None
    slot_starts: bool


@dataclass(frozen=True)
class SlotCalendar:
    network: Network | None
    networks: list[Network]
    month: date
    previous_month: date
    next_month: date
    weeks: list[list[CalendarDay]]
    slots: list[SocialMediaSlot]
    can_manage: bool


def _shift_month(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def slot_calendar_for(
    *, actor: Any, network_id: int | None = None, month: date | None = None
) -> SlotCalendar:
    """A month of a network's slots as weeks of days (Monday first), with the slots listed."""
    today = timezone.localdate()
    month = (month or today).replace(day=1)
    readable = policy.readable_network_ids(actor)
    networks = list(
        Network.objects.filter(pk__in=readable, social_slots__isnull=False)
        .distinct()
        .order_by("kind", "name")
    )
    coordinated = sorted(policy.actor_for(actor).coordinated_network_ids)
    network = next((n for n in networks if n.pk == network_id), None)
    if network is None and network_id in coordinated:
        network = Network.objects.get(pk=network_id)
        networks.append(network)
    if network is None and network_id is not None and network_id not in readable:
        raise Http404
    if network is None and networks:
        network = networks[0]
    if network is None and coordinated:
        network = Network.objects.filter(pk__in=coordinated).order_by("kind", "name").first()
        if network is not None:
            networks.append(network)
    weeks_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    first_day, last_day = weeks_dates[0][0], weeks_dates[-1][-1]
    slots = (
        list(
            SocialMediaSlot.objects.filter(
                network=network, starts_on__lte=last_day, ends_on__gte=first_day
            )
            .select_related("term__organisation")
            .order_by("starts_on")
        )
        if network is not None
        else []
    )

    def slot_on(day: date) -> SocialMediaSlot | None:
        return next((s for s in slots if s.starts_on <= day <= s.ends_on), None)

    weeks = [
        [
            CalendarDay(
                day=day,
                in_month=day.month == month.month,
                is_today=day == today,
                slot=(slot := slot_on(day)),
                slot_starts=slot is not None and (slot.starts_on == day or day == first_day),
            )
            for day in week
        ]
        for week in weeks_dates
    ]
    return SlotCalendar(
        network=network,
        networks=networks,
        month=month,
        previous_month=_shift_month(month, -1),
        next_month=_shift_month(month, 1),
        weeks=weeks,
        slots=[s for s in slots if s.ends_on >= month and s.starts_on <= _shift_month(month, 1)],
        can_manage=network is not None and policy.can_manage_slots(actor, network.pk),
    )


def access_slot_by_id(*, actor: Any, slot_id: int) -> SocialMediaSlot:
    """A slot the actor may change (coordinators of its network), else 404."""
    slot = (
        SocialMediaSlot.objects.select_related("term__organisation", "network")
        .filter(pk=slot_id)
        .first()
    )
    if slot is None or not policy.can_manage_slots(actor, slot.network_id):
        raise Http404
    return slot


def swappable_slots(slot: SocialMediaSlot) -> QuerySet[SocialMediaSlot]:
    return (
        SocialMediaSlot.objects.filter(
            network_id=slot.network_id,
            status=slot.status,
            starts_on__gt=timezone.localdate(),
        )
        .exclude(term__organisation_id=slot.term.organisation_id)
        .select_related("term__organisation")
        .order_by("starts_on")
    )


# --- Ambassador news ------------------------------------------------------------------------


def news_list_for(*, actor: Any) -> QuerySet[AmbassadorNews]:
    return AmbassadorNews.objects.filter(
        term__network_id__in=policy.readable_network_ids(actor)
    ).select_related("term__organisation", "term__network")


def access_news_by_id(*, actor: Any, news_id: int) -> AmbassadorNews:
    news = (
        AmbassadorNews.objects.select_related("term__organisation", "term__network")
        .filter(pk=news_id)
        .first()
    )
    if news is None or not policy.can_read_network_content(actor, news.term.network_id):
        raise Http404
    return news


def ambassador_news_between(
    network_ids: Collection[int], start: date, end: date
) -> QuerySet[AmbassadorNews]:
    """News of the ambassadors of these networks (and the networks inside them) written from
    `start` to `end` inclusive, oldest first: for the newsletter and the monthly report."""
    return (
        AmbassadorNews.objects.filter(
            term__network_id__in=network_tree_ids(network_ids),
            created_at__date__gte=start,
            created_at__date__lte=end,
        )
        .select_related("term__organisation", "term__network")
        .order_by("created_at", "pk")
    )


def stage_label(stage: int | None) -> str:
    return str(EngagementStage(stage).label) if stage else ""


def access_membership_by_id(*, actor: Any, membership_id: int) -> Membership:
    """A membership the actor may change (coordinators of its network), else 404."""
    membership = (
        Membership.objects.select_related("organisation", "network")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or not policy.can_manage_memberships(actor, membership.network_id):
        raise Http404
    return membership


@dataclass(frozen=True)
class OrganisationWork:
    stage: int | None
    stage_label: str
    manageable_membership_ids: set[int]
    can_add_membership: bool
    projects: list[MemberProject]
    sponsorships: list[Sponsorship]
    terms: list[AmbassadorTerm]
    can_manage_work: bool


def organisation_work_for(*, actor: Any, access: OrganisationAccess) -> OrganisationWork:
    """What the organisation page shows beyond the address: stage, work, ambassador terms."""
    organisation = access.organisation
    readable = policy.readable_network_ids(actor)
    coordinated = policy.actor_for(actor).coordinated_network_ids
    stage = engagement.stages_for(access.network_ids).get(organisation.pk)
    return OrganisationWork(
        stage=stage,
        stage_label=stage_label(stage),
        manageable_membership_ids={
            m.pk for m in organisation.memberships.all() if m.network_id in coordinated
        },
        can_add_membership=bool(coordinated),
        projects=list(
            MemberProject.objects.filter(organisation=organisation, network_id__in=readable)
        ),
        sponsorships=list(
            Sponsorship.objects.filter(organisation=organisation, network_id__in=readable)
        ),
        terms=list(
            AmbassadorTerm.objects.filter(
                organisation=organisation, network_id__in=readable
            ).select_related("network")
        ),
        can_manage_work=policy.can_manage_member_work(actor, organisation.pk),
    )
