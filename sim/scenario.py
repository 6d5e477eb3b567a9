"""The scenario: a validated, frozen description of one office's year.

Flow: YAML file (optionally ``base:`` another file, deep-merged) -> :class:`Scenario`.
Variants and ``--set`` overrides are dotted key paths applied to the complete dump of the
base scenario, so a path must name a key the format has; the result is validated again.
Every failure is a :class:`ScenarioError` that renders as one line:
``FILE: KEY.PATH: what is wrong``.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from sim import yaml_reader
from sim.distributions import KINDS as DISTRIBUTION_KINDS
from sim.distributions import Distribution, number_only
from sim.keypath import item_label, merge, set_path
from sim.origins import Origin, nearest, origins
from sim.problems import Problem, from_pydantic, render

Number = BeforeValidator(number_only)
Probability = Annotated[float, Number, Field(ge=0, le=1, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, strict=True)]
PositiveCount = Annotated[int, Field(ge=1, strict=True)]
# 10^12: above any count, rate or rupiah amount a scenario holds (a typing error beyond)
NonNegFloat = Annotated[float, Number, Field(ge=0, le=1e12, allow_inf_nan=False)]
# walk-ins and visitors a day at one site: a whole region's residents do not come in a day
PerDay = Annotated[float, Number, Field(ge=0, le=100_000, allow_inf_nan=False)]
Name = Annotated[str, Field(min_length=1)]
# Bounds that keep a typing error from becoming a run that exhausts the machine: the units
# of one group (posts, teams), the officers and devices of one unit, the period's length.
MAX_UNITS = 10_000
MAX_STAFF = 1_000
MAX_PERIOD_DAYS = 3_660  # ten years
Units = Annotated[int, Field(ge=1, le=MAX_UNITS, strict=True)]
StaffCount = Annotated[int, Field(ge=0, le=MAX_STAFF, strict=True)]
SomeStaffCount = Annotated[int, Field(ge=1, le=MAX_STAFF, strict=True)]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FIXED_KINDS = ("main_office", "kecamatan_post", "village_post")
CHANNELS = (*FIXED_KINDS, "outreach", "home_visit")
Channel = Literal["main_office", "kecamatan_post", "village_post", "outreach", "home_visit"]


class ScenarioError(Exception):
    """A scenario problem, reported to the user as one line: ``FILE: KEY: problem``."""

    def __init__(self, source: str, key: str, code: str, **params: Any) -> None:
        self.source, self.key, self.code, self.params = source, key, code, params
        super().__init__(self.render("en"))

    @property
    def problem(self) -> str:
        return render(self.code, self.params, "en")

    def render(self, lang: str) -> str:
        """The one-line message in ``lang`` ("id" or "en")."""
        text = render(self.code, self.params, lang)
        return f"{self.source}: {self.key}: {text}" if self.key else f"{self.source}: {text}"


def _parse_hhmm(text: str) -> int:
    hours, minutes = text.strip().split(":")
    value = int(hours) * 60 + int(minutes)
    if not (0 <= int(minutes) < 60 and 0 <= value <= 24 * 60):
        raise ValueError
    return value


def parse_window(text: str) -> tuple[int, int]:
    """``"08:00-14:00"`` -> (480, 840) minutes after midnight."""
    try:
        start, end = (_parse_hhmm(part) for part in text.split("-"))
    except ValueError:
        raise Problem("window_format", text=text) from None
    if end <= start:
        raise Problem("window_order", text=text)
    return start, end


def _check_window(text: str) -> str:
    parse_window(text)
    return text


Window = Annotated[str, AfterValidator(_check_window)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- period and goal -------------------------------------------------------------------


class Period(Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise Problem("end_before_start", key="end")
        if self.days > MAX_PERIOD_DAYS:
            raise Problem("period_too_long", key="end", days=MAX_PERIOD_DAYS)
        return self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Goal(Strict):
    residents_obliged_ktp: PositiveCount
    target_share: Probability | None = None
    target_count: Count | None = None
    activated_at_start: Count = 0

    @model_validator(mode="after")
    def _one_target(self) -> Goal:
        if (self.target_share is None) == (self.target_count is None):
            raise Problem("one_target")
        if self.activated_at_start > self.residents_obliged_ktp:
            raise Problem("start_above_obliged")
        return self

    @property
    def target(self) -> int:
        """The target as a count of activated residents at the end of the period."""
        if self.target_count is not None:
            return self.target_count
        return math.ceil(self.target_share * self.residents_obliged_ktp - 1e-9)


# --- residents: the funnel --------------------------------------------------------------


class Funnel(Strict):
    compatible_smartphone_share: Probability
    android_share: Probability
    email_share: Probability
    not_recorded_share: Probability


class FunnelOverride(Strict):
    """Funnel shares that differ for one group (e.g. civil servants carry more iPhones)."""

    compatible_smartphone_share: Probability | None = None
    android_share: Probability | None = None
    email_share: Probability | None = None
    not_recorded_share: Probability | None = None


class Bass(Strict):
    """Bass diffusion: a resident of the remaining willing pool decides to activate at the
    rate p + q * (share of the pool already activated), per year."""

    p_per_year: NonNegFloat  # innovation: deciding on one's own
    q_per_year: NonNegFloat  # imitation: word of mouth from those already activated


class Segment(Strict):
    """A group of the residents obliged to hold a KTP (students 17+, ASN, elderly, ...).

    Shares left out are the residents' own. E-mail is drawn given the phone: a compatible
    Android phone carries the Google account its Play Store install needs, so
    ``android_email_share`` (default 1) applies to it and ``email_share_given_phone`` to
    other phones.
    """

    name: Name
    share: Probability  # of the residents obliged to hold a KTP (WKTP)
    not_recorded_share: Probability | None = None
    compatible_smartphone_share: Probability | None = None
    android_share: Probability | None = None
    email_share_given_phone: Probability | None = None
    android_email_share: Probability = 1.0
    willing_share: Probability | None = None
    came_unprepared_share: Probability | None = None  # None: walk-ins meet the full funnel
    adoption: Bass | None = None  # default: demand.adoption's p and q


@dataclass(frozen=True)
class Group:
    """A segment with every share resolved: what the model draws residents from."""

    name: Name
    share: float
    not_recorded_share: float
    compatible_smartphone_share: float
    android_share: float
    android_email_share: float
    other_email_share: float
    willing_share: float
    came_unprepared_share: float | None
    adoption: Bass | None = None

    @property
    def email_share(self) -> float:
        """Share with a usable e-mail among compatible phones."""
        a = self.android_share
        if self.android_email_share == self.other_email_share:
            return self.android_email_share
        return a * self.android_email_share + (1 - a) * self.other_email_share

    @property
    def capable_share(self) -> float:
        """Share with no lasting obstacle (recorded, compatible phone, e-mail)."""
        phone = self.compatible_smartphone_share
        return (1 - self.not_recorded_share) * phone * self.email_share

    def overridden(self, funnel: FunnelOverride) -> Group:
        """This group with an event kind's funnel shares in place of its own."""
        given = funnel.model_dump(exclude_none=True)
        email = given.pop("email_share", None)
        if email is not None:
            given |= {"android_email_share": email, "other_email_share": email}
        return dataclasses.replace(self, **given)


class Residents(Funnel):
    ios_from: dt.date | None = None
    willing_share: Probability
    segments: list[Segment] = []

    @model_validator(mode="after")
    def _segments_make_up_everyone(self) -> Residents:
        if self.segments and abs(sum(seg.share for seg in self.segments) - 1) > 1e-6:
            raise Problem("segments_not_whole", key="segments")
        names = [seg.name for seg in self.segments]
        twice = [name for i, name in enumerate(names) if name in names[:i]]
        if twice:
            raise Problem("duplicate_name", key="segments", name=twice[0])
        return self

    def groups(self) -> list[Group]:
        """The segments, resolved; without segments, everyone as one group whose e-mail
        share does not depend on the phone (the residents' ``email_share``)."""
        if not self.segments:
            return [
                Group(
                    "all",
                    1.0,
                    self.not_recorded_share,
                    self.compatible_smartphone_share,
                    self.android_share,
                    self.email_share,
                    self.email_share,
                    self.willing_share,
                    None,
                )
            ]
        return [self._group(seg) for seg in self.segments]

    def _group(self, seg: Segment) -> Group:
        def own(field: str, fallback: str | None = None) -> float:
            value = getattr(seg, field)
            return getattr(self, fallback or field) if value is None else value

        return Group(
            seg.name,
            seg.share,
            own("not_recorded_share"),
            own("compatible_smartphone_share"),
            own("android_share"),
            seg.android_email_share,
            own("email_share_given_phone", "email_share"),
            own("willing_share"),
            seg.came_unprepared_share,
            seg.adoption,
        )


# --- calendar ---------------------------------------------------------------------------


class WeeklyHours(Strict):
    mon: Window | None = None
    tue: Window | None = None
    wed: Window | None = None
    thu: Window | None = None
    fri: Window | None = None
    sat: Window | None = None
    sun: Window | None = None

    def window(self, day: dt.date) -> tuple[int, int] | None:
        text = getattr(self, WEEKDAYS[day.weekday()])
        return None if text is None else parse_window(text)


class Calendar(Strict):
    national_holidays: bool = True
    opening_hours: dict[str, WeeklyHours]
    extra_closures: list[dt.date] = []
    closures: dict[str, list[Closure]] = {}  # named periods, e.g. school_holidays


# --- the activation itself --------------------------------------------------------------


class FaceRecognition(Strict):
    attempt_min: Distribution
    fail_prob: Annotated[float, Field(ge=0, lt=1)]
    max_attempts: PositiveCount


class EmailCode(Strict):
    code_min: Distribution
    second_visit_prob: Probability


class Activation(Strict):
    officer_min: Distribution
    check_min: Distribution
    self_prep_min: Distribution
    face_recognition: FaceRecognition
    email_code: EmailCode


# --- sites, outreach, home visits, staff ----------------------------------------------


def unit_names(name: str, count: int) -> list[str]:
    """Names of the units of a group: the name itself, or ``name 1`` ... ``name n``."""
    return [name] if count == 1 else [f"{name} {i}" for i in range(1, count + 1)]


class Diversion(Strict):
    """Where residents of a post go on days it does not serve IKD (not installed, not open yet)."""

    to: str
    share: Probability


class FixedSite(Strict):
    name: Name
    kind: Literal["main_office", "kecamatan_post", "village_post"]
    count: Units = 1
    officers: StaffCount
    devices: StaffCount
    ikd_installed: bool = True
    opens_on: dt.date | None = None
    hours: str | None = None
    walk_ins_per_day: PerDay = 0  # a flat rate of walk-ins (with demand.adoption: extra)
    walk_in_share: Probability = 0  # with demand.adoption: its share of the region's walk-ins
    other_service_visitors_per_day: PerDay = 0
    queue_quota_per_day: Count | None = None
    network_trouble_prob_per_day: Probability = 0
    when_closed: Diversion | None = None

    @model_validator(mode="after")
    def _devices_for_officers(self) -> FixedSite:
        if self.ikd_installed and self.officers > 0 and self.devices == 0:
            raise Problem("site_no_devices", key="devices")
        return self

    @property
    def hours_name(self) -> str:
        return self.hours or self.kind


class EventKind(Strict):
    size: Distribution
    turnout_share: Probability
    window: Window
    segment: str | None = None  # the segment its crowd comes from (default: everyone)
    funnel: FunnelOverride = FunnelOverride()
    # residents who pass by events of this kind over the period (car-free days, markets):
    # one who already stopped at an earlier event does not stop again, so the yield falls
    catchment: PositiveCount | None = None


class OutreachTeam(Strict):
    name: Name
    count: Units = 1
    officers: SomeStaffCount
    devices: StaffCount
    travel_min: Distribution
    setup_min: Distribution
    weekly: dict[Weekday, str]
    from_date: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None

    @model_validator(mode="after")
    def _devices_for_officers(self) -> OutreachTeam:
        if self.devices == 0:
            raise Problem("team_no_devices", key="devices")
        if self.from_date and self.until and self.until < self.from_date:
            raise Problem("until_before_from", key="until")
        return self

    def works_on(self, day: dt.date) -> bool:
        """Whether the team is in service on this date (its from/until dates)."""
        return (self.from_date is None or day >= self.from_date) and (
            self.until is None or day <= self.until
        )


class Closure(Strict):
    """A period in which a kind of institution cannot be visited (school holidays, exams)."""

    name: str = ""
    from_date: dt.date = Field(alias="from")
    until: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        if self.until < self.from_date:
            raise Problem("until_before_from", key="until")
        return self


class NamedInstitution(Strict):
    name: Name
    headcount: Count  # residents obliged to hold a KTP there (students 17+, staff, santri)


class Register(Strict):
    """The institutions an event kind visits: a count with a headcount distribution, or a
    list of named institutions. Teams work through them largest first (the plan that
    reaches the most residents per visit), all teams of the kind sharing one plan; once
    every institution has been visited, a revisit reaches only those who have not come."""

    count: Count | None = None
    headcount: Distribution | None = None
    named: list[NamedInstitution] = []
    closed: list[Closure] | str = []  # periods, or the name of a list in calendar.closures

    @model_validator(mode="after")
    def _one_form(self) -> Register:
        counted = self.count is not None and self.headcount is not None
        if counted == bool(self.named):
            raise Problem("register_one_form")
        return self


class Outreach(Strict):
    event_kinds: dict[str, EventKind] = {}
    institutions: dict[str, Register] = {}  # event kind -> the institutions it visits
    teams: list[OutreachTeam] = []


class HomeVisitTeam(Strict):
    name: Name
    officers: SomeStaffCount
    devices: StaffCount
    weekdays: list[Weekday]
    window: Window
    requests_per_week: NonNegFloat
    travel_min: Distribution

    @model_validator(mode="after")
    def _devices_for_officers(self) -> HomeVisitTeam:
        if self.devices == 0:
            raise Problem("team_no_devices", key="devices")
        return self


class PPPKAddition(Strict):
    site: Name
    officers: SomeStaffCount
    devices: StaffCount
    from_date: dt.date = Field(alias="from")


class Costs(Strict):
    """What added staff cost, in rupiah: shown with every staffing plan."""

    pppk_officer_per_month: NonNegFloat  # salary and allowances of one PPPK officer
    device: NonNegFloat  # one SIAK-connected activation device (bought once)
    vehicle_day: NonNegFloat = 0  # one outreach team's vehicle and travel for a day


class Staff(Strict):
    other_work_share: dict[Channel, Annotated[float, Field(ge=0, lt=1)]] = {}
    pppk: list[PPPKAddition] = []
    # The earliest day new PPPK staff can serve (the staffing search's start). Default: the
    # first of the month four months after the period starts. ASSUMPTION: formasi approval,
    # selection, appointment and SIAK access take about four months (DOMAIN §7: a PPPK
    # round runs for months from its announcement; contracts start after appointment).
    pppk_earliest_start: dt.date | None = None
    costs: Costs | None = None


# --- disruptions and demand -----------------------------------------------------------


class Disruptions(Strict):
    national_outage_prob_per_day: Probability = 0
    national_outage_dates: list[dt.date] = []


class Returns(Strict):
    after_closing: Probability
    after_outage: Probability
    after_quota_full: Probability
    after_fr_failure: Probability
    after_email_failure: Probability
    delay_days: Distribution


class Driver(Strict):
    """A dated change in the adoption rate: a campaign, "IKD required for bansos from X",
    the school year's start. The rate is multiplied by ``factor`` from ``from`` to
    ``until`` (inclusive; open-ended without it), for the named segments or all."""

    name: Name
    from_date: dt.date = Field(alias="from")
    until: dt.date | None = None
    factor: NonNegFloat
    segments: list[str] = []


class Adoption(Strict):
    """Walk-ins who come to activate, from each segment's remaining willing pool (Bass)."""

    p_per_year: NonNegFloat
    q_per_year: NonNegFloat
    drivers: list[Driver] = []


class Demand(Strict):
    # poisson: a Poisson count per day at random times following the profile;
    # even: exactly the rounded daily rate, evenly spaced from opening (deterministic cases)
    arrival_pattern: Literal["poisson", "even"] = "poisson"
    time_of_day_profile: dict[Annotated[int, Field(ge=0, le=23)], NonNegFloat] | None = None
    patience_min: Distribution | None = None
    deplete_with_pool: bool = True
    ikd_required_before_services: bool = False
    adoption: Adoption | None = None
    returns: Returns

    @model_validator(mode="after")
    def _profile_has_weight(self) -> Demand:
        if self.time_of_day_profile is not None and sum(self.time_of_day_profile.values()) <= 0:
            raise Problem("profile_no_weight", key="time_of_day_profile")
        return self


class Workload(Strict):
    """Settings of the workload analysis (analisis beban kerja, ABK) in the report."""

    effective_hours_per_year: Annotated[float, Field(gt=0, le=24 * 366)] = 1250


class Variant(Strict):
    description: str = ""
    description_id: str = ""  # the description in Bahasa Indonesia, shown with --lang id
    changes: dict[str, Any]


class Swept(Strict):
    """An input of the one-at-a-time sweep: a key path and its plausible low and high values."""

    key: str
    low: Any
    high: Any
    label: str = ""
    label_id: str = ""  # the label in Bahasa Indonesia, shown with --lang id


class UncertainInput(Strict):
    """A scenario key whose value is not known: each parameter set draws it from
    ``distribution`` (a whole number where the key holds one)."""

    key: str
    distribution: Distribution
    label: str = ""
    label_id: str = ""  # the label in Bahasa Indonesia, shown with --lang id


class Joint(Strict):
    """Joint samples of several keys (a calibrated posterior): each parameter set takes one
    row, drawn by its weight, so the keys keep their correlation."""

    keys: Annotated[list[str], Field(min_length=1)]
    samples: Annotated[list[list[float]], Field(min_length=1)]
    weights: list[NonNegFloat] | None = None
    source: str = ""  # how the samples were made (e.g. the calibration that wrote them)

    @model_validator(mode="after")
    def _shapes(self) -> Joint:
        if any(len(row) != len(self.keys) for row in self.samples):
            raise Problem("joint_row_length", key="/uncertain.joint.samples")
        if self.weights is not None and (
            len(self.weights) != len(self.samples) or sum(self.weights) <= 0
        ):
            raise Problem("weights_length", key="/uncertain.joint.weights")
        return self


class UncertainInputs(Strict):
    """Inputs drawn anew for each parameter set, so the results carry input uncertainty.

    Replications ``k*inner .. k*inner + inner - 1`` share parameter set ``k`` (the inner
    replications), which is what lets the spread be split into inputs and chance. A key the
    joint samples cover is drawn from them, not from ``inputs``.
    """

    inputs: dict[str, UncertainInput] = {}
    joint: Joint | None = None
    inner_replications: Annotated[int, Field(ge=1, le=100)] = 2

    @property
    def active(self) -> bool:
        """Whether any input can take more than one value."""
        varies = any(not item.distribution.fixed for item in self.inputs.values())
        return varies or (self.joint is not None and len({*map(tuple, self.joint.samples)}) > 1)


class Scenario(Strict):
    name: Name
    description: str = ""
    period: Period
    goal: Goal
    residents: Residents
    calendar: Calendar
    activation: Activation
    sites: list[FixedSite] = []
    outreach: Outreach = Outreach()
    home_visits: list[HomeVisitTeam] = []
    staff: Staff = Staff()
    disruptions: Disruptions = Disruptions()
    demand: Demand
    abk: Workload = Workload()
    variants: dict[str, Variant] = {}
    sensitivity: dict[str, Swept] = {}
    uncertain: UncertainInputs = UncertainInputs()

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        units = [*self.sites, *self.outreach.teams, *self.home_visits]
        names = [unit.name for unit in units]
        all_units: set[str] = set()
        for group in units:  # names of groups and of their units ("Pos 2") must not clash
            own = {group.name, *unit_names(group.name, getattr(group, "count", 1))}
            clash = sorted(own & (all_units | set(names[: units.index(group)])))
            if clash:
                key = f"/{_group_of(group)}.{group.name}.name"
                raise Problem("duplicate_name", key=key, name=clash[0])
            all_units |= own
        for site in self.sites:
            if site.hours_name not in self.calendar.opening_hours:
                key = f"/sites.{site.name}.hours"
                raise Problem("unknown_hours", key=key, name=site.hours_name)
        for team in self.outreach.teams:
            for day, kind in team.weekly.items():
                if kind not in self.outreach.event_kinds:
                    key = f"/outreach.teams.{team.name}.weekly.{day}"
                    raise Problem("unknown_event_kind", key=key, name=kind)
        sites = {u for s in self.sites for u in unit_names(s.name, s.count)}
        for site in self.sites:
            target = site.when_closed.to if site.when_closed else None
            if target is not None and (target not in sites or target == site.name):
                key = f"/sites.{site.name}.when_closed.to"
                raise Problem("unknown_site", key=key, name=target)
        for i, add in enumerate(self.staff.pppk):
            if add.site not in names and add.site not in all_units:
                raise Problem("unknown_site", key=f"/staff.pppk.{i}.site", name=add.site)
        if "baseline" in self.variants:
            raise Problem("baseline_reserved", key="/variants.baseline")
        return self

    @model_validator(mode="after")
    def _demand_refs(self) -> Scenario:
        segments = {seg.name for seg in self.residents.segments}
        for name, kind in self.outreach.event_kinds.items():
            if kind.segment is not None and kind.segment not in segments:
                key = f"/outreach.event_kinds.{name}.segment"
                raise Problem("unknown_segment", key=key, name=kind.segment)
        adoption = self.demand.adoption
        for driver in adoption.drivers if adoption else []:
            for name in driver.segments:
                if name not in segments:
                    key = f"/demand.adoption.drivers.{driver.name}.segments"
                    raise Problem("unknown_segment", key=key, name=name)
        for kind, register in self.outreach.institutions.items():
            if kind not in self.outreach.event_kinds:
                key = f"/outreach.institutions.{kind}"
                raise Problem("unknown_event_kind", key=key, name=kind)
            if self.outreach.event_kinds[kind].catchment is not None:
                key = f"/outreach.event_kinds.{kind}.catchment"
                raise Problem("catchment_with_register", key=key, name=kind)
            named = register.closed
            if isinstance(named, str) and named not in self.calendar.closures:
                key = f"/outreach.institutions.{kind}.closed"
                raise Problem("unknown_closures", key=key, name=named)
        shares = sum(site.walk_in_share for site in self.sites)
        if adoption is not None and abs(shares - 1) > 1e-6:
            raise Problem("walk_in_shares_not_whole", key="/sites")
        if adoption is None and shares > 0:
            raise Problem("walk_in_share_without_adoption", key="/demand.adoption")
        return self

    @property
    def target(self) -> int:
        return self.goal.target

    @property
    def pppk_start(self) -> dt.date:
        """The earliest day new PPPK staff can serve (see ``staff.pppk_earliest_start``)."""
        if self.staff.pppk_earliest_start is not None:
            return self.staff.pppk_earliest_start
        start = self.period.start
        month = start.month + 3
        return dt.date(start.year + month // 12, month % 12 + 1, 1)

    def closed_periods(self, kind: str) -> list[Closure]:
        """The periods in which the institutions of an event kind cannot be visited."""
        closed = self.outreach.institutions[kind].closed
        return self.calendar.closures[closed] if isinstance(closed, str) else closed


def _group_of(unit: BaseModel) -> str:
    if isinstance(unit, FixedSite):
        return "sites"
    return "outreach.teams" if isinstance(unit, OutreachTeam) else "home_visits"


# --- loading ------------------------------------------------------------------------------


MAX_FILE_BYTES = 5_000_000  # a region file is ~20 kB; a register of 10,000 names < 1 MB
MAX_BASE_FILES = 64


def _read_yaml(path: Path, source: str) -> dict:
    _check_file(path, source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(source, "", "cannot_read", reason=exc.strerror) from None
    except UnicodeDecodeError as exc:
        raise ScenarioError(source, "", "not_utf8", byte=exc.start) from None
    try:
        data = yaml_reader.read(text)
    except yaml_reader.YamlProblem as exc:
        key = exc.params.get("name", "")
        where = yaml_reader.where(exc)
        raise ScenarioError(source, key, exc.code, where=where, **exc.params) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(source, "", "yaml_syntax", where=where, detail=detail) from None
    if not isinstance(data, dict):
        raise ScenarioError(source, "", "not_mapping")
    if yaml_reader.expanded_size(data, yaml_reader.MAX_NODES) > yaml_reader.MAX_NODES:
        raise ScenarioError(source, "", "too_many_nodes", limit=yaml_reader.MAX_NODES)
    _check_text(data, source, "")
    return data


def _check_text(data: Any, source: str, prefix: str) -> None:
    """Text with a control character is refused at the door (it broke the workbook and
    reached the terminal raw)."""
    found = yaml_reader.control_text(data)
    if found is not None:
        path, char = found
        raise ScenarioError(source, f"{prefix}{path}", "control_character", char=char)


def _check_file(path: Path, source: str) -> None:
    """A scenario file is a regular file of a sane size (not /dev/zero, not a folder)."""
    try:
        if not path.is_file():
            if path.exists() and not path.is_dir():  # a device or a pipe: /dev/zero
                raise ScenarioError(source, "", "not_a_file")
            return  # reading it says it is missing or a folder
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError(source, "", "cannot_read", reason=exc.strerror) from None
    if size > MAX_FILE_BYTES:
        raise ScenarioError(source, "", "file_too_large", size=size, limit=MAX_FILE_BYTES)


def base_chain(path: str | Path) -> list[tuple[Path, dict]]:
    """A scenario file and the files its ``base:`` keys name, deepest base first: each path
    with its data (``base:`` removed)."""
    path, chain, seen = Path(path), [], set()
    while True:
        data = _read_yaml(path, str(path))
        chain.insert(0, (path, data))
        base = data.pop("base", None)
        if base is None:
            return chain
        if not isinstance(base, str):
            raise ScenarioError(str(path), "base", "base_not_file")
        base_path = _base_file(path, base)
        if base_path in seen:
            raise ScenarioError(str(path), "base", "base_cycle", base=base)
        if len(seen) >= MAX_BASE_FILES:
            raise ScenarioError(str(path), "base", "base_chain_long", limit=MAX_BASE_FILES)
        path = base_path
        seen.add(base_path)


PACKAGE_DEFAULTS = Path(__file__).with_name("defaults.yaml")


def _base_file(path: Path, base: str) -> Path:
    """The file ``base:`` names: beside the scenario or, for ``defaults.yaml`` with no such
    file beside it, the defaults the simulator ships (so a scenario copied anywhere runs)."""
    beside = (path.parent / base).resolve()
    if beside.exists():
        return beside
    if base == PACKAGE_DEFAULTS.name:
        return PACKAGE_DEFAULTS
    raise ScenarioError(str(path), "base", "base_missing", base=base, folder=path.parent.resolve())


def load_raw(path: str | Path) -> dict:
    """Read a scenario file, merging the files named by ``base:`` keys underneath it."""
    return _merged(base_chain(path))


def _merged(chain: list[tuple[Path, dict]]) -> dict:
    merged: dict = {}
    for _, data in chain:
        merged = merge(merged, data)
    return merged


def _readable_loc(loc: tuple, data: Any) -> str:
    """Pydantic's error location, with list indices replaced by item names where they exist."""
    parts, node = [], data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            parts.append(item_label(node, part))
        elif isinstance(node, dict) and part in node:
            node = node[part]
            parts.append(str(part))
        elif isinstance(part, str) and part in DISTRIBUTION_KINDS:
            continue  # the discriminator of a distribution union, not a key
        else:
            node = None
            parts.append(str(part))
    return ".".join(parts)


def _first_error(exc: ValidationError, data: Any) -> tuple[str, str, dict]:
    """(key path, message code, values) of the first problem pydantic found."""
    err = exc.errors(include_url=False)[0]
    key = _readable_loc(err["loc"], data)
    cause = err.get("ctx", {}).get("error")
    if isinstance(cause, Problem) and cause.key:
        # an absolute key ("/sites.X.hours") or one below where pydantic points ("devices")
        absolute = cause.key.startswith("/")
        key = cause.key[1:] if absolute else ".".join(filter(None, [key, cause.key]))
    found = from_pydantic(err)
    if found is None:
        return key, "raw", {"text": err["msg"].removeprefix("Value error, ")}
    return key, *found


def validate(data: dict, source: str) -> Scenario:
    """Validate a raw mapping into a :class:`Scenario` or raise a one-line ScenarioError."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        key, code, params = _first_error(exc, data)
        raise ScenarioError(source, key, code, **params) from None


def load(path: str | Path) -> Scenario:
    """Load and validate a scenario file; a problem names the file and line it is about."""
    chain = base_chain(path)
    try:
        return validate(_merged(chain), str(path))
    except ScenarioError as exc:
        origin = nearest(origins([file for file, _ in chain]), exc.key) if exc.key else None
        if origin is None:
            raise
        raise ScenarioError(
            f"{origin.path}:{origin.line}", exc.key, exc.code, **exc.params
        ) from None


def origins_of(path: str | Path) -> dict[str, Origin]:
    """Where each key of a scenario file and its bases was written (see :mod:`sim.origins`)."""
    return origins([file for file, _ in base_chain(path)])


# --- variants and overrides ----------------------------------------------------------------


def full_tree(scenario: Scenario) -> dict:
    """Every key of a scenario, defaults included, as plain data that validates again."""
    return scenario.model_dump(by_alias=True, exclude={"variants"})


def exported_yaml(scenario: Scenario) -> str:
    """The scenario as one YAML text that stands alone: every key, defaults and variants in."""
    tree = full_tree(scenario)
    tree["variants"] = {n: v.model_dump(by_alias=True) for n, v in scenario.variants.items()}
    header = f"# {scenario.name}: every key written out (run_sim.py --export-yaml)\n"
    return header + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=100)


def rebuilt(tree: dict, source: str, label: str = "") -> Scenario:
    """A changed :func:`full_tree` validated again, without variants (a variant is
    resolved already); a problem is reported at ``label`` + its key."""
    tree["variants"] = {}
    try:
        return Scenario.model_validate(tree)
    except ValidationError as exc:
        key, code, params = _first_error(exc, tree)
        raise ScenarioError(source, f"{label}{key}", code, **params) from None


def apply_changes(scenario: Scenario, changes: dict[str, Any], source: str, label: str) -> Scenario:
    """A new scenario with dotted-path ``changes`` applied and validated again."""
    tree = full_tree(scenario)
    for dotted, value in changes.items():
        try:
            set_path(tree, dotted, copy.deepcopy(value))
        except KeyError as exc:
            key = f"{label}{dotted}"
            raise ScenarioError(source, key, "no_such_key", path=exc.args[0]) from None
    return rebuilt(tree, source, label)


def with_variant(scenario: Scenario, name: str, source: str) -> Scenario:
    """The scenario as changed by the named variant (``baseline`` is the scenario itself)."""
    if name == "baseline":
        return scenario
    if name not in scenario.variants:
        known = ", ".join(["baseline", *scenario.variants]) or "none"
        raise ScenarioError(source, "--variant", "no_variant", name=name, known=known)
    changed = apply_changes(
        scenario, scenario.variants[name].changes, source, f"variants.{name}.changes: "
    )
    return changed.model_copy(update={"name": f"{scenario.name} [{name}]"})


def parse_set(items: list[str], source: str) -> dict[str, Any]:
    """``["a.b=3", "c=[1, 2]"]`` -> ``{"a.b": 3, "c": [1, 2]}``; values are parsed as YAML."""
    changes: dict[str, Any] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise ScenarioError(source, f"--set {item}", "set_format")
        _check_text(text, source, f"--set {key}")
        try:
            changes[key.strip()] = yaml_reader.read(text)
        except yaml_reader.YamlProblem as exc:
            raise ScenarioError(source, f"--set {key}", exc.code, where="", **exc.params) from None
        except yaml.YAMLError:
            raise ScenarioError(source, f"--set {key}", "set_value", text=text) from None
    return changes


def validate_variants(scenario: Scenario, source: str) -> None:
    """Resolve every declared variant and sensitivity value once, so a bad one is reported
    before any run."""
    for name in scenario.variants:
        with_variant(scenario, name, source)
    for name, item in scenario.sensitivity.items():
        for end in ("low", "high"):
            label = f"sensitivity.{name}.{end}: "
            apply_changes(scenario, {item.key: getattr(item, end)}, source, label)


def scenario_sha256(scenario: Scenario) -> str:
    """Hash of the resolved scenario (every key, defaults included)."""
    text = json.dumps(scenario.model_dump(mode="json", by_alias=True), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
