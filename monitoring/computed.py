"""Computed indicators: values derived from base indicators, kept with numerator and denominator.

The formulas are those of KomMonitor's processes (share, per mille, ratio, difference,
absolute and relative change over n periods). They are one line of arithmetic each, so they
are written here rather than taken from a library. A computed cell inherits the worst flag
of its inputs: a secret or locked input makes the result secret too.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from monitoring.models import HIDDEN_FLAGS, Flag, Formula, Indicator, Observation

__all__ = ["compute_value", "dependants", "recompute", "recompute_dependants"]

HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)


def compute_value(formula, a, b=None, a_before=None):
    """(value, numerator, denominator) of one cell; ``None`` where it is undefined.

    >>> compute_value("percent", Decimal(12), Decimal(48))
    (Decimal('25.00'), Decimal('12'), Decimal('48'))
    >>> compute_value("rel_change", Decimal(110), a_before=Decimal(100))
    (Decimal('10.0'), Decimal('10'), Decimal('100'))
    >>> compute_value("ratio", Decimal(3), Decimal(0))
    (None, Decimal('3'), Decimal('0'))
    """
    if formula in (Formula.ABS_CHANGE, Formula.REL_CHANGE):
        if a is None or a_before is None:
            return None, None, None
        change = a - a_before
        if formula == Formula.ABS_CHANGE:
            return change, change, None
        if a_before == 0:
            return None, change, a_before
        return change / a_before * HUNDRED, change, a_before
    if a is None or b is None:
        return None, a, b
    if formula == Formula.DIFFERENCE:
        return a - b, a, b
    if b == 0:
        return None, a, b
    factor = {Formula.PERCENT: HUNDRED, Formula.PER_MILLE: THOUSAND, Formula.RATIO: 1}[formula]
    return a / b * factor, a, b


def _flag(*observations):
    flags = [o.flag for o in observations if o is not None]
    for flag in (Flag.LOCKED, Flag.SECRET, Flag.UNKNOWN, Flag.UNCERTAIN, Flag.ESTIMATED):
        if flag in flags:
            return flag
    if Flag.PROVISIONAL in flags:
        return Flag.PROVISIONAL
    return Flag.OK


def recompute(indicator):
    """Store the values of a computed indicator from its bases; returns the number of cells."""
    if not indicator.formula:
        return 0
    base_ids = [i for i in (indicator.base_a_id, indicator.base_b_id) if i]
    cells = {}
    for obs in Observation.objects.filter(indicator_id__in=base_ids):
        cells[(obs.indicator_id, obs.district_id, obs.year)] = obs
    keys = sorted({(d, y) for (i, d, y) in cells if i == indicator.base_a_id})
    rows = []
    for district_id, year in keys:
        a = cells.get((indicator.base_a_id, district_id, year))
        b = cells.get((indicator.base_b_id, district_id, year)) if indicator.base_b_id else None
        before = cells.get((indicator.base_a_id, district_id, year - indicator.periods))
        if indicator.formula in (Formula.ABS_CHANGE, Formula.REL_CHANGE) and before is None:
            continue
        if indicator.base_b_id and b is None:
            continue
        flag = _flag(a, b, before)
        hidden = flag in HIDDEN_FLAGS
        value, numerator, denominator = compute_value(
            indicator.formula,
            None if hidden else a.value,
            None if (hidden or b is None) else b.value,
            None if (hidden or before is None) else before.value,
        )
        rows.append(
            Observation(
                indicator=indicator,
                district_id=district_id,
                year=year,
                value=None if value is None else round(value, 6),
                numerator=None if numerator is None else round(numerator, 6),
                denominator=None if denominator is None else round(denominator, 6),
                flag=flag,
                computed=True,
            )
        )
    with transaction.atomic():
        Observation.objects.filter(indicator=indicator).delete()
        Observation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def dependants(indicator_ids):
    """Computed indicators that depend (directly or further down) on ``indicator_ids``, in the
    order they must be recomputed."""
    found, frontier = [], set(indicator_ids)
    while frontier:
        level = list(
            Indicator.objects.exclude(formula="")
            .filter(Q(base_a_id__in=frontier) | Q(base_b_id__in=frontier))
            .exclude(pk__in=[i.pk for i in found])
            .order_by("pk")
        )
        found.extend(level)
        frontier = {i.pk for i in level}
    return found


def recompute_dependants(indicator_ids):
    """Recompute every computed indicator built on ``indicator_ids`` (after an import)."""
    changed = dependants(indicator_ids)
    for indicator in changed:
        recompute(indicator)
    return changed
