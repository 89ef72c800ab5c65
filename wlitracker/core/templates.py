"""Ideas for a first experiment, shipped as data.

Each idea is a small, concrete shift with a reason to try it ("why"), a
hypothesis that can be checked against the user's own ratings, and a default
schedule short enough to finish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import schedules
from .model.entities import GUILT, SATISFACTION, Domain, Experiment, Schedule, Target
from .model.errors import NotFoundError


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    why: str
    intention: str
    shift: str
    hypothesis: str
    domains: tuple[Domain, ...]
    targets: tuple[Target, ...]
    schedule: Schedule

    def to_experiment(self, start: dt.date | None = None) -> Experiment:
        return Experiment(
            title=self.title,
            intention=self.intention,
            shift=self.shift,
            hypothesis=self.hypothesis,
            domains=self.domains,
            targets=self.targets,
            schedule=Schedule(self.schedule.plan, start),
            template=self.key,
        )


_MORE_SATISFIED = Target(SATISFACTION, "higher")
_LESS_GUILT = Target(GUILT, "lower")

TEMPLATES: tuple[Template, ...] = (
    Template(
        key="midday-exercise",
        title="Exercise in the middle of the day",
        why="Rushing to a class after work squeezes both ends of the day; "
        "a midday workout can leave the evening free.",
        intention="Self-care during the day",
        shift="Exercise at lunchtime instead of rushing to a class after work.",
        hypothesis="My evenings will feel calmer and my overall satisfaction will rise.",
        domains=(Domain.HEALTH, Domain.WORK),
        targets=(_MORE_SATISFIED, _LESS_GUILT),
        schedule=schedules.ab(7, 14),
    ),
    Template(
        key="afternoon-errands",
        title="Personal calls in the mid-afternoon",
        why="Lunch breaks are short and crowded; a quiet mid-afternoon slot "
        "often has room for a quick personal call or booking.",
        intention="Less stress from loose ends",
        shift="Make personal phone calls and book appointments mid-afternoon "
        "instead of waiting for lunch.",
        hypothesis="Fewer personal tasks will hang over me, so my guilt will drop.",
        domains=(Domain.WORK, Domain.FAMILY),
        targets=(_LESS_GUILT, _MORE_SATISFIED),
        schedule=schedules.ab(7, 14),
    ),
    Template(
        key="commute-call",
        title="Last meeting by phone on the way home",
        why="Taking the day's last meeting while commuting can bring you home earlier.",
        intention="More time with family",
        shift="Take the last meeting of the day by phone while commuting.",
        hypothesis="I will get home earlier and feel more satisfied with my day.",
        domains=(Domain.WORK, Domain.FAMILY),
        targets=(_MORE_SATISFIED,),
        schedule=schedules.abab(7),
    ),
    Template(
        key="pickup-line-call",
        title="Call a friend in the pick-up line",
        why="Waiting time can become friend time: a call you would otherwise keep postponing.",
        intention="Caring for relationships",
        shift="Call a friend while waiting in the school pick-up line.",
        hypothesis="I will feel more connected and less guilty about losing touch.",
        domains=(Domain.RELATIONSHIPS, Domain.FAMILY),
        targets=(_MORE_SATISFIED, _LESS_GUILT),
        schedule=schedules.ab(7, 14),
    ),
    Template(
        key="no-email-after-9",
        title="No work email after 9 p.m.",
        why="A clear boundary protects sleep and evenings, whether you blend "
        "work and home or keep them apart.",
        intention="Less stress",
        shift="Do not read or send work email after 9 p.m.",
        hypothesis="My evening guilt will drop and my satisfaction will rise.",
        domains=(Domain.WORK, Domain.HEALTH),
        targets=(_LESS_GUILT, _MORE_SATISFIED),
        schedule=schedules.ab(7, 14),
    ),
    Template(
        key="chores-on-listen-only-calls",
        title="Chores during listen-only calls",
        why="A call where you only listen can carry a small chore, freeing time later.",
        intention="More time for what matters at home",
        shift="Start a load of laundry or load the dishwasher during a listen-only call.",
        hypothesis="My evenings will have more free time and I will feel more satisfied.",
        domains=(Domain.WORK, Domain.FAMILY),
        targets=(_MORE_SATISFIED,),
        schedule=schedules.abab(7),
    ),
    Template(
        key="homework-table",
        title="Work beside homework, then stop",
        why="Sharing the table keeps you near the kids; a fixed stop time keeps "
        "the evening theirs.",
        intention="Caring for family",
        shift="Work at the dining table while the kids do homework, then stop at a fixed time.",
        hypothesis="I will feel less guilty about work time at home.",
        domains=(Domain.FAMILY, Domain.WORK),
        targets=(_LESS_GUILT, _MORE_SATISFIED),
        schedule=schedules.ab(7, 14),
    ),
    Template(
        key="protect-deep-work",
        title="Protect your most productive hours",
        why="Guarding your best hours for focused work lets the rest of the day be lighter.",
        intention="More time for creative projects",
        shift="Block my most productive hours for deep work: no meetings, no chat.",
        hypothesis="I will finish more of what matters and feel more satisfied.",
        domains=(Domain.WORK, Domain.PERSONAL_GROWTH),
        targets=(_MORE_SATISFIED,),
        schedule=schedules.ab(7, 14),
    ),
    Template(
        key="short-breaks",
        title="Short breaks through the day",
        why="A few minutes away every hour or two keeps energy up and stress down.",
        intention="Self-care during the day",
        shift="Take a five-minute break away from the screen every 90 minutes.",
        hypothesis="I will end the day less drained and more satisfied.",
        domains=(Domain.HEALTH, Domain.WORK),
        targets=(_MORE_SATISFIED, _LESS_GUILT),
        schedule=schedules.abab(5),
    ),
    Template(
        key="flexible-hours-trial",
        title="A two-week trial run of flexible hours",
        why="A short, time-boxed trial is an easy yes for a manager, and your "
        "own data from it makes the case.",
        intention="Blending work and family on purpose",
        shift="Propose and run a two-week trial of flexible hours with my manager.",
        hypothesis="Flexible hours will raise my satisfaction without raising my guilt.",
        domains=(Domain.WORK, Domain.FAMILY, Domain.HEALTH),
        targets=(_MORE_SATISFIED, _LESS_GUILT),
        schedule=schedules.ab(14, 14),
    ),
)


def template(key: str) -> Template:
    for item in TEMPLATES:
        if item.key == key:
            return item
    keys = ", ".join(t.key for t in TEMPLATES)
    raise NotFoundError(f"template: no idea called {key!r}; known ideas: {keys}")
