"""Read-side helpers: the clock of an application, remedy paragraph, similar requests,
published items that may answer a request, statistics. No state changes here (see actions.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.template import Context, Template

from gongkai.accounts import permissions
from gongkai.rules import clock as clockrule
from gongkai.rules import dates, outcomes
from gongkai.rules.application_similarity import answers_score, group_similar, similarity
from gongkai.workcal.services import get_calendar

from .models import Application, RemedyConfig

DUE_SOON_DAYS = 5  # working days


def fee_pauses_clock() -> bool:
    """Whether an unpaid fee window stops the answer clock (domain.md: *unverified*)."""
    return bool(getattr(settings, "GONGKAI_APPLICATION_FEE_PAUSES_CLOCK", True))


def today() -> dt.date:
    """Today in Asia/Shanghai (gongkai.rules.dates)."""
    return dates.today()


# -- the clock ------------------------------------------------------------------------------
def stops_of(app: Application, as_of: dt.date | None = None) -> tuple[clockrule.Stop, ...]:
    as_of = as_of or today()
    stops = []
    if app.pk:
        for c in app.consultations.all():
            end = c.answered_on
            if end is None and as_of > c.answer_due:
                end = c.answer_due  # no answer in time: the agency decides (Art. 32)
            stops.append(clockrule.Stop(c.sent_on, end, c.kind, c.party))
        fee = getattr(app, "fee_notice", None) if hasattr(app, "fee_notice") else None
        if fee is not None and fee_pauses_clock():
            end = fee.paid_on
            if end is None and as_of > fee.pay_by:
                end = fee.pay_by
            stops.append(clockrule.Stop(fee.issued_on, end, "fee"))
    return tuple(stops)


def clock_of(app: Application, as_of: dt.date | None = None, calendar=None):
    inp = clockrule.ClockInput(
        received=app.received_on,
        correction_notice=app.correction_notice_on,
        corrected=app.corrected_on,
        extension=app.extension_days,
        stops=stops_of(app, as_of),
        later_date=app.later_due_on,
    )
    return clockrule.compute(inp, calendar or get_calendar(), as_of=as_of or today())


def working_days_taken(app: Application, calendar=None) -> int | None:
    if not app.closed_on:
        return None
    start = app.corrected_on or app.received_on
    return clockrule.working_days_taken(
        calendar or get_calendar(), start, app.closed_on, stops_of(app, app.closed_on)
    )


def is_overdue(app: Application, on: dt.date | None = None) -> bool:
    on = on or today()
    if app.due_on is None:
        return False
    if app.is_closed:
        return bool(app.closed_on and app.closed_on > app.due_on)
    return on > app.due_on


# -- scoping --------------------------------------------------------------------------------
def visible_to(user, ability: str = "view_internal"):
    return Application.objects.filter(organisation_id__in=permissions.org_ids_for(user, ability))


def due_soon_and_overdue(qs, on: dt.date | None = None, calendar=None):
    on = on or today()
    cal = calendar or get_calendar()
    soon_limit = cal.add_workdays(on, DUE_SOON_DAYS).date
    open_qs = qs.filter(state__in=Application.OPEN_STATES, due_on__isnull=False)
    overdue = open_qs.filter(due_on__lt=on).order_by("due_on")
    soon = open_qs.filter(due_on__gte=on, due_on__lte=soon_limit).order_by("due_on")
    return soon, overdue


# -- remedy paragraph -----------------------------------------------------------------------
DEFAULT_REMEDY = (
    "申请人如对本答复不服，可以自收到本答复之日起{{ review_days }}日内向{{ review_body }}"
    "{% if review_address %}（地址：{{ review_address }}）{% endif %}申请行政复议，"
    "也可以自收到本答复之日起{{ litigation_months }}个月内向{{ court }}"
    "{% if court_address %}（地址：{{ court_address }}）{% endif %}提起行政诉讼。"
)


@dataclass
class Remedy:
    review_body: str
    review_address: str
    review_days: int
    court: str
    court_address: str
    litigation_months: int
    template: str = DEFAULT_REMEDY
    configured: bool = False

    def paragraph(self) -> str:
        values = {k: v for k, v in self.__dict__.items() if isinstance(v, str | int)}
        try:  # only plain values reach the template; a broken one falls back to the default
            return Template(self.template or DEFAULT_REMEDY).render(Context(values)).strip()
        except Exception:
            return Template(DEFAULT_REMEDY).render(Context(values)).strip()


def remedy_for(org) -> Remedy:
    """The organisation's remedy settings, else its nearest ancestor's, else defaults."""
    chain = [org, *org.ancestors()]
    configs = {c.organisation_id: c for c in RemedyConfig.objects.filter(organisation__in=chain)}
    for node in chain:
        c = configs.get(node.pk)
        if c is not None:
            return Remedy(
                c.review_body,
                c.review_address,
                c.review_days,
                c.court,
                c.court_address,
                c.litigation_months,
                c.paragraph or DEFAULT_REMEDY,
                True,
            )
    city = org.root
    if org.level == org.LEVEL_DEPARTMENT or org.parent_id:
        parent_gov = org.parent or city
        body = parent_gov.name if parent_gov.name.endswith("政府") else f"{city.name}人民政府"
    else:
        body = "上一级人民政府"
    return Remedy(body, "", 60, "有管辖权的人民法院", "", 6)


# -- similar requests and published items ---------------------------------------------------
@dataclass
class Candidate:
    obj: object
    score: float


def earlier_similar(app: Application, threshold: float = 0.5, limit: int = 5) -> list[Candidate]:
    """The same applicant's earlier applications in the same city that look like the same
    request (candidate 重复申请)."""
    same = Q(name=app.name, phone=app.phone)
    if app.id_number:
        same |= Q(id_number=app.id_number)
    if app.org_code:
        same |= Q(org_code=app.org_code)
    city = app.organisation.root
    qs = (
        Application.objects.filter(same)
        .filter(Q(organisation__city=city) | Q(organisation=city))
        .exclude(pk=app.pk)
        .filter(Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk))
        .order_by("-received_on")[:200]
    )
    found = [Candidate(o, similarity(app.description, o.description)) for o in qs]
    found = [c for c in found if c.score >= threshold]
    return sorted(found, key=lambda c: -c.score)[:limit]


def published_answers(app: Application, threshold: float = 0.35, limit: int = 5) -> list[Candidate]:
    """Published items of the application's city that may already answer it.

    A request is a sentence, not a query: instead of the search interface (which matches the
    query text), each public item of the city is scored by how many of the request's character
    bigrams its title and text cover (``rules.application_similarity.answers_score``)."""
    from gongkai.catalog.models import Item

    city = app.organisation.root
    qs = (
        Item.objects.public()
        .filter(Q(organisation__city=city) | Q(organisation=city))
        .order_by("-published_at")
        .only("id", "title", "body_text", "doc_number", "organisation", "published_at")[:3000]
    )
    found = []
    for item in qs:
        score = answers_score(app.description, item.title, item.body_text)
        if score >= threshold:
            found.append(Candidate(item, score))
    return sorted(found, key=lambda c: -c.score)[:limit]


# -- frequently requested information -------------------------------------------------------
@dataclass
class Topic:
    organisation: object
    subject: str
    applications: list[Application] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.applications)


def popular_topics(qs, min_count: int = 2, threshold: float = 0.5) -> list[Topic]:
    topics: list[Topic] = []
    by_org: dict[int, list[Application]] = {}
    for app in qs.select_related("organisation").order_by("received_on", "id"):
        by_org.setdefault(app.organisation_id, []).append(app)
    for apps in by_org.values():
        for idx in group_similar([a.description for a in apps], threshold):
            if len(idx) >= min_count:
                members = [apps[i] for i in idx]
                subject = min((a.description for a in members), key=len)[:80]
                topics.append(Topic(members[0].organisation, subject, members))
    return sorted(topics, key=lambda t: -t.count)


# -- statistics -----------------------------------------------------------------------------
@dataclass
class Stats:
    received: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0
    avg_days: float | None = None
    worst_days: int | None = None
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    by_applicant: list[tuple[str, int]] = field(default_factory=list)
    table: outcomes.TableThree | None = None


def statistics(qs, start: dt.date, end: dt.date, on: dt.date | None = None) -> Stats:
    """Figures for applications of ``qs`` in the period [start, end] (both inclusive).

    Table 三 counts: new = received in the period; carried in = received before it and not
    closed before it; results = closed in the period; carried out = not closed by its end.
    """
    on = min(on or today(), end)
    cal = get_calendar()
    in_scope = qs.filter(received_on__lte=end).exclude(closed_on__lt=start)
    apps = list(in_scope.prefetch_related("consultations").select_related("fee_notice"))
    st = Stats()
    facts = []
    days = []
    outcome_counts: dict[str, int] = {}
    channel_counts: dict[str, int] = {}
    applicant_counts: dict[str, int] = {}
    for a in apps:
        new = a.received_on >= start
        closed_in = a.closed_on is not None and a.closed_on <= end and a.outcome
        facts.append(outcomes.CaseFact(a.applicant_type, new, a.outcome if closed_in else None))
        if new:
            st.received += 1
            channel_counts[a.channel] = channel_counts.get(a.channel, 0) + 1
            applicant_counts[a.applicant_type] = applicant_counts.get(a.applicant_type, 0) + 1
        if closed_in:
            st.closed += 1
            outcome_counts[a.outcome] = outcome_counts.get(a.outcome, 0) + 1
            taken = working_days_taken(a, cal)
            if taken is not None:
                days.append(taken)
            if a.due_on and a.closed_on > a.due_on:
                st.overdue += 1
        else:
            st.open += 1
            if a.due_on and on > a.due_on:
                st.overdue += 1
    if days:
        st.avg_days = round(sum(days) / len(days), 1)
        st.worst_days = max(days)
    st.by_outcome = [
        (outcomes.short_label(c), outcome_counts[c])
        for c in outcomes.OUTCOME_CODES
        if c in outcome_counts
    ]
    st.by_channel = [(label, channel_counts.get(c, 0)) for c, label in Application.CHANNEL_CHOICES]
    st.by_applicant = [(label, applicant_counts.get(c, 0)) for c, label in outcomes.APPLICANT_TYPES]
    st.table = outcomes.table_three(facts)
    return st


@dataclass
class FeeCalculator:
    rank: int  # the applicant's n-th application this calendar month
    per_application: object  # FeeQuote
    volume_examples: list  # FeeQuote for typical page counts


def fee_calculator(app: Application) -> FeeCalculator:
    """Both methods of 国办函〔2020〕109号 for this application, with the monthly count."""
    from gongkai.rules import fees as feerules

    rank = monthly_rank(app)
    return FeeCalculator(
        rank,
        feerules.per_application(rank),
        [feerules.by_volume(n) for n in (30, 31, 100, 101, 200, 201)],
    )


def monthly_rank(app: Application) -> int:
    """Which of the applicant's applications this is in its calendar month (1-based)."""
    same = Application.objects.filter(
        received_on__year=app.received_on.year, received_on__month=app.received_on.month
    )
    if app.id_number:
        same = same.filter(id_number=app.id_number)
    elif app.org_code:
        same = same.filter(org_code=app.org_code)
    else:
        same = same.filter(name=app.name, phone=app.phone)
    earlier = same.filter(received_on__lt=app.received_on).count()
    same_day = same.filter(received_on=app.received_on, pk__lte=app.pk).count()
    return earlier + same_day
