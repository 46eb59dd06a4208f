"""Matching volunteers and opportunities: hard filters, then a ranking with its reasons.

Pure functions of plain values (no database), so the rules can be read and tested on
hand-built cases. :mod:`volunteers.services` turns model rows into these values.

The ranking is a weighted count of what both sides share; no library offers this rule
(it is four set intersections), so it is written here:

* each shared skill counts 3,
* each shared language counts 2,
* a shared district counts 2,
* each weekly time where both overlap counts 1.

Ties are broken by name and then id, so the order is always the same.
"""

import dataclasses
import datetime

__all__ = [
    "Candidate",
    "Exclusion",
    "Need",
    "QualificationRecord",
    "Reason",
    "Suggestion",
    "WEIGHTS",
    "exclusion_reasons",
    "suggest_opportunities",
    "suggest_volunteers",
]

WEIGHTS = {"skills": 3, "languages": 2, "district": 2, "times": 1}


@dataclasses.dataclass(frozen=True)
class QualificationRecord:
    """A volunteer's qualification of type ``type_id``, valid from ``obtained`` to ``expires``."""

    type_id: int
    obtained: datetime.date
    expires: datetime.date | None = None

    def valid_on(self, day):
        return self.obtained <= day and (self.expires is None or self.expires >= day)


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A volunteer as matching sees them; ``times`` are ``(weekday, start, end)``."""

    id: int
    name: str
    age: int | None = None
    languages: frozenset = frozenset()
    skills: frozenset = frozenset()
    districts: frozenset = frozenset()
    times: tuple = ()
    qualifications: tuple = ()


@dataclasses.dataclass(frozen=True)
class Need:
    """An opportunity as matching sees it."""

    id: int
    title: str
    min_age: int | None = None
    languages: frozenset = frozenset()
    skills: frozenset = frozenset()
    district: int | None = None
    times: tuple = ()
    required_qualifications: frozenset = frozenset()


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why a pair fits: ``kind`` (skills, languages, district, times) and what they share."""

    kind: str
    values: tuple
    points: int


@dataclasses.dataclass(frozen=True)
class Exclusion:
    """Why a pair is ruled out: ``kind`` (qualification, age, language) and its details."""

    kind: str
    values: tuple = ()


@dataclasses.dataclass(frozen=True)
class Suggestion:
    """A ranked partner (a :class:`Candidate` or a :class:`Need`) with score and reasons."""

    partner: object
    score: int
    reasons: tuple


def _overlapping_times(first, second):
    """Pairs of weekly times that share a weekday and some minutes, sorted.

    >>> import datetime as dt
    >>> _overlapping_times([(0, dt.time(9), dt.time(12))], [(0, dt.time(11), dt.time(13))])
    ((0, datetime.time(11, 0), datetime.time(12, 0)),)
    """
    shared = set()
    for day, start, end in first:
        for other_day, other_start, other_end in second:
            if day == other_day and start < other_end and other_start < end:
                shared.add((day, max(start, other_start), min(end, other_end)))
    return tuple(sorted(shared))


def exclusion_reasons(candidate, need, on):
    """The hard filters the pair fails on day ``on``; empty when the pair may match.

    * every required qualification must be valid on ``on``;
    * the volunteer must be old enough (an unknown age does not pass a minimum age);
    * where the opportunity names languages, the volunteer must speak one of them.
    """
    reasons = []
    valid = {q.type_id for q in candidate.qualifications if q.valid_on(on)}
    missing = tuple(sorted(need.required_qualifications - valid))
    if missing:
        reasons.append(Exclusion("qualification", missing))
    if need.min_age is not None and (candidate.age is None or candidate.age < need.min_age):
        reasons.append(Exclusion("age", (need.min_age,)))
    if need.languages and not (need.languages & candidate.languages):
        reasons.append(Exclusion("language", tuple(sorted(need.languages))))
    return tuple(reasons)


def _reasons(candidate, need):
    reasons = []
    skills = tuple(sorted(need.skills & candidate.skills))
    if skills:
        reasons.append(Reason("skills", skills, WEIGHTS["skills"] * len(skills)))
    languages = tuple(sorted(need.languages & candidate.languages))
    if languages:
        reasons.append(Reason("languages", languages, WEIGHTS["languages"] * len(languages)))
    if need.district is not None and need.district in candidate.districts:
        reasons.append(Reason("district", (need.district,), WEIGHTS["district"]))
    times = _overlapping_times(need.times, candidate.times)
    if times:
        reasons.append(Reason("times", times, WEIGHTS["times"] * len(times)))
    return tuple(reasons)


def _suggestion(partner, reasons):
    return Suggestion(partner, sum(reason.points for reason in reasons), reasons)


def suggest_volunteers(need, candidates, on):
    """Volunteers for ``need``: those passing the hard filters, best first.

    Returns ``(suggestions, excluded)``; ``excluded`` maps a candidate id to its
    :class:`Exclusion` tuple.

    >>> import datetime as dt
    >>> need = Need(1, "Lesepatenschaft", skills=frozenset({"lesen"}))
    >>> a = Candidate(1, "Ana", skills=frozenset({"lesen"}))
    >>> b = Candidate(2, "Ben")
    >>> [(s.partner.name, s.score) for s in suggest_volunteers(need, [b, a], dt.date(2026, 1, 1))[0]]
    [('Ana', 3), ('Ben', 0)]
    """
    suggestions, excluded = [], {}
    for candidate in candidates:
        exclusions = exclusion_reasons(candidate, need, on)
        if exclusions:
            excluded[candidate.id] = exclusions
            continue
        suggestions.append(_suggestion(candidate, _reasons(candidate, need)))
    suggestions.sort(key=lambda s: (-s.score, s.partner.name.casefold(), s.partner.id))
    return suggestions, excluded


def suggest_opportunities(candidate, needs, on):
    """Opportunities for one volunteer, the other way round; ``(suggestions, excluded)``."""
    suggestions, excluded = [], {}
    for need in needs:
        exclusions = exclusion_reasons(candidate, need, on)
        if exclusions:
            excluded[need.id] = exclusions
            continue
        suggestions.append(_suggestion(need, _reasons(candidate, need)))
    suggestions.sort(key=lambda s: (-s.score, s.partner.title.casefold(), s.partner.id))
    return suggestions, excluded
