"""Hour totals of volunteers and the Ehrenamtskarte rule of each state.

The rules (per state, in :data:`CARD_RULES`) come from the states' own pages: in
Rhineland-Palatinate at least 5 hours a week or 250 hours a year, from the age of 14
(wir-tun-was.rlp.de); in North Rhine-Westphalia the same hours, the age set locally
(engagiert-in-nrw.de). Hours at several organisations may be added up. A site picks its
state in the site settings "Ehrenamt".

The sums are plain arithmetic on approved entries; written here because no kept library
does calendar-year and rolling-year totals of a handful of rows.
"""

import dataclasses
import datetime
from decimal import Decimal

__all__ = [
    "CARD_RULES",
    "CardRule",
    "CardVerdict",
    "card_verdict",
    "hours_in",
    "yearly_totals",
]


@dataclasses.dataclass(frozen=True)
class CardRule:
    """What a state asks for its Ehrenamtskarte."""

    state: str
    weekly_hours: Decimal
    yearly_hours: Decimal
    min_age: int | None = None


CARD_RULES = {
    "RP": CardRule("RP", Decimal(5), Decimal(250), min_age=14),
    "NW": CardRule("NW", Decimal(5), Decimal(250), min_age=None),
}


@dataclasses.dataclass(frozen=True)
class CardVerdict:
    """The check of the last 12 months before ``on``."""

    rule: CardRule
    start: datetime.date
    end: datetime.date
    total: Decimal
    weeks: int
    weekly_average: Decimal
    by_year: bool
    by_week: bool
    old_enough: bool

    @property
    def meets(self):
        return (self.by_year or self.by_week) and self.old_enough


def hours_in(entries, start, end):
    """Sum of ``(date, hours)`` entries with ``start <= date <= end``.

    >>> import datetime as dt
    >>> hours_in([(dt.date(2026, 1, 5), Decimal("2.5")), (dt.date(2026, 2, 1), Decimal(3))],
    ...          dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    Decimal('2.5')
    """
    return sum((hours for day, hours in entries if start <= day <= end), Decimal(0))


def yearly_totals(entries):
    """``{calendar year: hours}`` of ``(date, hours)`` entries, years in order.

    >>> import datetime as dt
    >>> yearly_totals([(dt.date(2025, 12, 31), Decimal(2)), (dt.date(2026, 1, 1), Decimal(3))])
    {2025: Decimal('2'), 2026: Decimal('3')}
    """
    totals = {}
    for day, hours in sorted(entries):
        totals[day.year] = totals.get(day.year, Decimal(0)) + hours
    return totals


def card_verdict(entries, rule, on, engaged_since, age=None):
    """Whether approved ``entries`` meet ``rule`` in the 12 months up to ``on``.

    The year is the 365 days ending on ``on``. The weekly average divides the hours of
    that year by the whole weeks engaged in it (from ``engaged_since`` or the year's
    start, whichever is later; at least one week).
    """
    start = on - datetime.timedelta(days=364)
    total = hours_in(entries, start, on)
    since = max(start, engaged_since)
    weeks = max(1, ((on - since).days + 1) // 7)
    average = (total / weeks).quantize(Decimal("0.01"))
    old_enough = rule.min_age is None or (age is not None and age >= rule.min_age)
    return CardVerdict(
        rule=rule,
        start=start,
        end=on,
        total=total,
        weeks=weeks,
        weekly_average=average,
        by_year=total >= rule.yearly_hours,
        by_week=average >= rule.weekly_hours,
        old_enough=old_enough,
    )
