"""Statistical confidentiality: the one place that decides which cells the public may see.

Every public output (pages, charts, maps, tables, CSV downloads, the public API) takes its
cells from :func:`public_cells`. Two rules apply:

* **Primary suppression**: a count below the indicator's threshold (default 3: the values 1
  and 2) is never shown; the statistics offices' secrecy point ``.`` stands in its place.
  For rates the count is the numerator. Cells the office already delivered as secret or
  locked are treated the same way.
* **Secondary suppression**: districts add up to their parent (statistical areas to their
  district, districts to the town). If exactly one cell of such a sum is unknown, it can be
  recovered by subtraction, so the next-smallest published cell of the sum is suppressed too
  (or, where no part is left, the total). This is repeated until no sum has a single
  unknown cell.

The rules are simple set logic on small tables, so they are written here; the
statistics-office tools (tau-argus, sdcTable) solve the general optimisation problem for
large multi-dimensional tables and are not Python libraries.
"""

import dataclasses
from decimal import Decimal

from monitoring.models import FLAG_SYMBOLS, HIDDEN_FLAGS, Flag

__all__ = ["PublicCell", "SECRET_SYMBOL", "is_primary", "public_cells", "suppressed_keys"]

#: What replaces a suppressed value in every public output.
SECRET_SYMBOL = FLAG_SYMBOLS[Flag.SECRET]


def is_primary(count, threshold):
    """Whether a count must be suppressed on its own (0 < count < threshold).

    >>> [is_primary(n, 3) for n in (0, 1, 2, 3)]
    [False, True, True, False]
    >>> is_primary(None, 3)
    False
    """
    return count is not None and 0 < count < threshold


def suppressed_keys(counts, groups, threshold, hidden=()):
    """The keys to suppress, each with its reason (``"primary"`` or ``"secondary"``).

    ``counts`` maps a cell key to its count (``None`` where there is none); ``groups`` lists
    ``(total_key, [part_keys])`` for every sum that holds in the table; ``hidden`` names keys
    already withheld by the source (treated like primary suppressions).

    >>> counts = {"Stadt": 40, "A": 2, "B": 5, "C": 33}
    >>> sorted(suppressed_keys(counts, [("Stadt", ["A", "B", "C"])], 3).items())
    [('A', 'primary'), ('B', 'secondary')]
    """
    reasons = {}
    for key, count in counts.items():
        if key in hidden or is_primary(count, threshold):
            reasons[key] = "primary"
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            members = [total, *parts]
            if not any(key in counts for key in members):
                continue
            unknown = [k for k in members if k in reasons or counts.get(k) is None]
            if len(unknown) != 1 or unknown[0] not in reasons:
                continue
            candidates = sorted(
                (counts[k], index, k)
                for index, k in enumerate(parts)
                if k not in reasons and counts.get(k) is not None
            )
            if candidates:
                reasons[candidates[0][2]] = "secondary"
            else:
                reasons[total] = "secondary"
            changed = True
    return reasons


@dataclasses.dataclass(frozen=True)
class PublicCell:
    """One cell as the public may see it: no value where it is suppressed."""

    district_id: int
    year: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    flag: str
    symbol: str
    suppressed: bool


def _count(indicator, observation):
    return observation.value if indicator.is_count else observation.numerator


def _groups(district_ids, parents):
    children = {}
    for district_id in district_ids:
        parent = parents.get(district_id)
        if parent is not None and parent in district_ids:
            children.setdefault(parent, []).append(district_id)
    return [(total, sorted(parts)) for total, parts in sorted(children.items())]


def public_cells(indicator, observations, parents):
    """The publishable cells of ``observations`` (one indicator), suppression applied.

    ``parents`` maps a district id to its parent's id, so the sums that hold are known
    (districts of one parent add up to it, per year).
    """
    by_year = {}
    for observation in observations:
        by_year.setdefault(observation.year, []).append(observation)
    cells = []
    for year in sorted(by_year):
        rows = by_year[year]
        counts = {o.district_id: _count(indicator, o) for o in rows}
        hidden = {o.district_id for o in rows if o.flag in HIDDEN_FLAGS}
        reasons = suppressed_keys(
            counts, _groups(set(counts), parents), indicator.suppression_threshold, hidden
        )
        for observation in sorted(rows, key=lambda o: o.district_id):
            if observation.district_id in reasons:
                symbol = FLAG_SYMBOLS[Flag(observation.flag)]
                if observation.flag not in HIDDEN_FLAGS:
                    symbol = SECRET_SYMBOL
                cells.append(
                    PublicCell(
                        observation.district_id,
                        year,
                        None,
                        None,
                        None,
                        observation.flag if observation.flag in HIDDEN_FLAGS else Flag.SECRET,
                        symbol,
                        True,
                    )
                )
            else:
                cells.append(
                    PublicCell(
                        observation.district_id,
                        year,
                        observation.value,
                        observation.numerator,
                        observation.denominator,
                        observation.flag,
                        FLAG_SYMBOLS[Flag(observation.flag)],
                        False,
                    )
                )
    return cells
