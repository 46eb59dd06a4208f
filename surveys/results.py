"""Results of a survey, aggregated in SQL: counts, percentages, scales, texts, cross-tabs.

The number of queries depends on the number of text questions, never on the number of
responses; groups smaller than the survey's ``min_group_size`` are suppressed.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from surveys.models import (
    CHOICE_KINDS,
    OTHER_CHOICE,
    TEXT_KINDS,
    Answer,
    QuestionKind,
    Response,
    split_lines,
)

__all__ = [
    "QuestionResult",
    "SurveyResults",
    "mean_of",
    "median_of",
    "reciprocity",
    "results_for_request",
    "survey_results",
]

TEXT_LIMIT = 100


def mean_of(distribution):
    """Mean of a ``{value: count}`` distribution (``None`` when empty).

    >>> mean_of({1: 2, 4: 1})
    Decimal('2')
    """
    total = sum(distribution.values())
    if not total:
        return None
    return sum(Decimal(value) * count for value, count in distribution.items()) / total


def median_of(distribution):
    """Median of a ``{value: count}`` distribution (mean of the middle two when even).

    >>> median_of({1: 1, 2: 1, 5: 2})
    Decimal('3.5')
    >>> median_of({3: 3})
    Decimal('3')
    """
    total = sum(distribution.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found = []
    seen = 0
    for value in sorted(distribution):
        count = distribution[value]
        for position in middle:
            if seen <= position < seen + count:
                found.append(Decimal(value))
        seen += count
    return sum(found) / len(found)


def percent(part, whole):
    return (Decimal(part) * 100 / whole) if whole else Decimal(0)


@dataclass
class QuestionResult:
    """The aggregated answers of one question."""

    question: object
    answered: int = 0
    rows: list = field(default_factory=list)  # [{"label", "count", "percent"}]
    mean: Decimal | None = None
    median: Decimal | None = None
    likert_levels: list = field(default_factory=list)  # [(level, label)]
    likert_rows: list = field(default_factory=list)  # [{"label", "cells": [(count, pct)], "mean"}]
    texts: list = field(default_factory=list)
    more_texts: int = 0
    crosstab: dict | None = None
    suppressed: bool = False

    @property
    def kind(self):
        return self.question.kind

    @property
    def chart_json(self):
        chart = self.chart()
        return json.dumps(chart, ensure_ascii=False) if chart else ""

    def chart(self):
        """Chart.js data for this question (rendered next to its table)."""
        if self.suppressed:
            return None
        if self.kind == QuestionKind.LIKERT and self.likert_rows:
            return {
                "type": "bar",
                "stacked": True,
                "horizontal": True,
                "unit": "%",
                "labels": [row["label"] for row in self.likert_rows],
                "datasets": [
                    {
                        "label": level_label,
                        "data": [
                            round(float(row["cells"][index][1]), 1) for row in self.likert_rows
                        ],
                    }
                    for index, (_level, level_label) in enumerate(self.likert_levels)
                ],
            }
        if self.rows:
            return {
                "type": "bar",
                "stacked": False,
                "horizontal": self.kind not in (QuestionKind.RATING, QuestionKind.NUMBER),
                "unit": "",
                "labels": [str(row["label"]) for row in self.rows],
                "datasets": [{"label": _("Anzahl"), "data": [row["count"] for row in self.rows]}],
            }
        return None


@dataclass
class SurveyResults:
    """Results of a whole survey, possibly filtered by one answer and broken down by a question."""

    survey: object
    total: int
    min_group: int
    questions: list
    suppressed: bool = False
    timeline: list = field(default_factory=list)  # [(date, count)]
    filter_question: object = None
    filter_value: str = ""
    by_question: object = None
    filter_options: list = field(default_factory=list)  # [(question, [choices])]

    @property
    def timeline_chart_json(self):
        chart = self.timeline_chart()
        return json.dumps(chart, ensure_ascii=False) if chart else ""

    @property
    def timeline_rows(self):
        """``(label, count)`` per day, or per week (Monday) when the span exceeds a month."""
        if not self.timeline:
            return []
        first, last = self.timeline[0][0], self.timeline[-1][0]
        if (last - first).days <= 31:
            return [(day.strftime("%d.%m.%Y"), count) for day, count in self.timeline]
        weeks = defaultdict(int)
        for day, count in self.timeline:
            weeks[day - datetime.timedelta(days=day.weekday())] += count
        start = first - datetime.timedelta(days=first.weekday())
        rows = []
        while start <= last:
            rows.append((_("Woche ab %(day)s") % {"day": start.strftime("%d.%m.%Y")}, weeks[start]))
            start += datetime.timedelta(days=7)
        return rows

    def timeline_chart(self):
        rows = self.timeline_rows
        if self.suppressed or not rows:
            return None
        return {
            "type": "bar",
            "stacked": False,
            "horizontal": False,
            "unit": "",
            "labels": [label for label, _count in rows],
            "datasets": [{"label": _("Antworten"), "data": [count for _label, count in rows]}],
        }


def _choice_order(question, districts, found):
    """Categories of a choice question in a stable order: defined ones, then any others."""
    if question.kind == QuestionKind.DISTRICT:
        defined = list(districts)
    else:
        defined = split_lines(question.choices)
        if question.kind == QuestionKind.MULTIPLE and question.allow_other:
            defined.append(OTHER_CHOICE)
    extra = sorted(value for value in found if value not in defined)
    return defined + extra


def results_for_request(survey, questions, params):
    """Results filtered as the query string asks: ``auswahl=<key>::<answer>``, ``nach=<key>``."""
    filter_key, _sep, filter_value = (params.get("auswahl") or "").partition("::")
    return survey_results(
        survey,
        questions,
        filter_key=filter_key or None,
        filter_value=filter_value or None,
        by_key=params.get("nach") or None,
    )


def survey_results(survey, questions=None, *, filter_key=None, filter_value=None, by_key=None):
    """Aggregate the responses of ``survey``.

    ``filter_key``/``filter_value`` restrict to responses that gave that answer to a
    choice question; ``by_key`` breaks every choice and rating question down by the
    answers of another choice question. Groups below ``survey.min_group_size`` are
    suppressed.
    """
    if questions is None:
        questions = list(survey.questions.all())
    answerable = [q for q in questions if q.kind != QuestionKind.SECTION]
    by_key_map = {q.key: q for q in answerable}
    min_group = survey.min_group_size

    responses = Response.objects.filter(survey=survey)
    filter_question = by_key_map.get(filter_key)
    if filter_question is not None and filter_question.kind in CHOICE_KINDS and filter_value:
        responses = responses.filter(
            pk__in=Answer.objects.filter(question=filter_question, choice=filter_value).values(
                "response_id"
            )
        )
    else:
        filter_question, filter_value = None, ""
    by_question = by_key_map.get(by_key)
    if by_question is not None and by_question.kind not in CHOICE_KINDS:
        by_question = None

    districts = []
    if any(q.kind == QuestionKind.DISTRICT for q in answerable):
        from network.models import District

        districts = list(
            District.objects.filter(project_id=survey.project_id)
            .order_by("name")
            .values_list("name", flat=True)
        )

    total = responses.count()
    results = SurveyResults(
        survey=survey,
        total=total,
        min_group=min_group,
        questions=[QuestionResult(question=q) for q in answerable],
        filter_question=filter_question,
        filter_value=filter_value,
        by_question=by_question,
    )
    choice_questions = [q for q in answerable if q.kind in CHOICE_KINDS]
    if total < min_group:
        results.suppressed = True
        results.filter_options = [(q, _choice_order(q, districts, [])) for q in choice_questions]
        return results

    # Answers are found through their questions (indexed); a filter adds one subquery.
    answers = Answer.objects.filter(question_id__in=[q.pk for q in answerable])
    if filter_question is not None:
        answers = answers.filter(response_id__in=responses.values("pk"))
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    groups = defaultdict(list)
    for row in (
        answers.filter(question_id__in=[q.pk for q in answerable if q.kind not in TEXT_KINDS])
        .values("question_id", "choice", "number", "date")
        .annotate(n=Count("id"))
        .order_by()
    ):
        groups[row["question_id"]].append(row)

    crosstab_cells = defaultdict(list)
    group_sizes = {}
    if by_question is not None:
        group_sizes = dict(
            answers.filter(question=by_question)
            .values("choice")
            .annotate(n=Count("response_id", distinct=True))
            .values_list("choice", "n")
        )
        tabulated = [q.pk for q in answerable if q.kind in (*CHOICE_KINDS, QuestionKind.RATING)]
        for row in (
            answers.filter(question_id__in=tabulated, response__answers__question=by_question)
            .values("question_id", "choice", "number", "response__answers__choice")
            .annotate(n=Count("id"))
            .order_by()
        ):
            crosstab_cells[row["question_id"]].append(row)

    text_questions = [
        q
        for q in answerable
        if q.kind in TEXT_KINDS or (q.kind == QuestionKind.MULTIPLE and q.allow_other)
    ]
    texts = {}
    for question in text_questions:
        texts[question.pk] = list(
            answers.filter(question=question)
            .exclude(text="")
            .order_by("-pk")
            .values_list("text", flat=True)[: TEXT_LIMIT + 1]
        )

    for result in results.questions:
        question = result.question
        result.answered = answered.get(question.pk, 0)
        rows = groups.get(question.pk, [])
        if question.kind in CHOICE_KINDS:
            counts = defaultdict(int)
            for row in rows:
                counts[row["choice"]] += row["n"]
            result.rows = [
                {
                    "label": _("Sonstiges") if label == OTHER_CHOICE else label,
                    "count": counts.get(label, 0),
                    "percent": percent(counts.get(label, 0), result.answered),
                }
                for label in _choice_order(question, districts, counts)
            ]
        elif question.kind == QuestionKind.INSTITUTIONS:
            counts = defaultdict(int)
            intensity = defaultdict(dict)
            for row in rows:
                counts[row["choice"]] += row["n"]
                intensity[row["choice"]][row["number"]] = row["n"]
            result.rows = [
                {
                    "label": label,
                    "count": counts[label],
                    "percent": percent(counts[label], result.answered),
                    "mean": mean_of(intensity[label]),
                }
                for label in sorted(counts, key=lambda name: (-counts[name], name))
            ]
        elif question.kind == QuestionKind.LIKERT:
            levels = question.scale()
            result.likert_levels = levels
            matrix = defaultdict(dict)
            for row in rows:
                matrix[row["choice"]][int(row["number"])] = row["n"]
            statements = [value for value, _label in question.likert_items()]
            statements += sorted(s for s in matrix if s not in statements)
            for statement in statements:
                cells = matrix.get(statement, {})
                n = sum(cells.values())
                result.likert_rows.append(
                    {
                        "label": statement,
                        "count": n,
                        "cells": [
                            (cells.get(level, 0), percent(cells.get(level, 0), n))
                            for level, _label in levels
                        ],
                        "mean": mean_of(cells),
                        "median": median_of(cells),
                    }
                )
        elif question.kind in (QuestionKind.RATING, QuestionKind.NUMBER):
            distribution = defaultdict(int)
            for row in rows:
                if row["number"] is not None:
                    distribution[row["number"]] += row["n"]
            result.mean = mean_of(distribution)
            result.median = median_of(distribution)
            if question.kind == QuestionKind.RATING:
                values = [
                    (_format_number(v), distribution.get(Decimal(v), 0))
                    for v in question.rating_range()
                ]
            else:
                values = binned(distribution)
            result.rows = [
                {"label": label, "count": count, "percent": percent(count, result.answered)}
                for label, count in values
            ]
        elif question.kind == QuestionKind.DATE:
            dates = defaultdict(int)
            for row in rows:
                if row["date"] is not None:
                    dates[row["date"]] += row["n"]
            result.rows = [
                {"label": label, "count": count, "percent": percent(count, result.answered)}
                for label, count in dates_grouped(dates)
            ]
        if question.pk in texts:
            found = texts[question.pk]
            result.texts = found[:TEXT_LIMIT]
            result.more_texts = (
                max(0, result.answered - TEXT_LIMIT) if len(found) > TEXT_LIMIT else 0
            )
        if by_question is not None and question.pk in crosstab_cells and question != by_question:
            result.crosstab = _crosstab(
                question,
                by_question,
                crosstab_cells[question.pk],
                group_sizes,
                min_group,
                districts,
            )

    results.timeline = list(
        responses.values("submitted_on")
        .annotate(n=Count("id"))
        .order_by("submitted_on")
        .values_list("submitted_on", "n")
    )
    results.filter_options = [(q, _choice_order(q, districts, [])) for q in choice_questions]
    return results


def binned(distribution, max_rows=12):
    """Rows ``(label, count)`` of a number distribution; ranges of equal width when many.

    >>> binned({Decimal(3): 1, Decimal(5): 2})
    [('3', 1), ('5', 2)]
    >>> binned({Decimal(n): 1 for n in range(18, 47)})
    [('15–19', 2), ('20–24', 5), ('25–29', 5), ('30–34', 5), ('35–39', 5), ('40–44', 5), ('45–49', 2)]
    """
    if len(distribution) <= max_rows:
        return [(_format_number(v), distribution[v]) for v in sorted(distribution)]
    low, high = min(distribution), max(distribution)
    for width in (Decimal(w) for w in (1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000, 10**4, 10**5)):
        start = (low // width) * width
        if (high - start) / width < max_rows - 2:
            break
    rows = []
    integral = all(v == v.to_integral_value() for v in distribution)
    while start <= high:
        end = start + width
        count = sum(c for v, c in distribution.items() if start <= v < end)
        if integral:
            label = f"{_format_number(start)}–{_format_number(end - 1)}"
        else:
            label = _("%(start)s bis unter %(end)s") % {
                "start": _format_number(start),
                "end": _format_number(end),
            }
        rows.append((label, count))
        start = end
    return rows


def dates_grouped(dates):
    """Rows ``(label, count)`` by month, or by year when the dates span more than two years."""
    if not dates:
        return []
    first, last = min(dates), max(dates)
    if (last.year - first.year) * 12 + last.month - first.month < 24:
        months = defaultdict(int)
        for day, count in dates.items():
            months[(day.year, day.month)] += count
        return [(f"{month:02d}/{year}", months[(year, month)]) for year, month in sorted(months)]
    years = defaultdict(int)
    for day, count in dates.items():
        years[day.year] += count
    return [(str(year), years.get(year, 0)) for year in range(first.year, last.year + 1)]


def _format_number(value):
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.normalize()).replace(".", ",")


def _crosstab(question, by_question, cells, group_sizes, min_group, districts):
    """Rows: the question's answers; columns: the groups of ``by_question``."""
    columns = [
        {
            "label": label,
            "size": group_sizes.get(label, 0),
            "suppressed": group_sizes.get(label, 0) < min_group,
        }
        for label in _choice_order(by_question, districts, group_sizes)
        if group_sizes.get(label, 0) > 0
    ]
    table = defaultdict(lambda: defaultdict(int))
    for row in cells:
        key = row["choice"] if question.kind != QuestionKind.RATING else row["number"]
        table[key][row["response__answers__choice"]] += row["n"]
    if question.kind == QuestionKind.RATING:
        row_keys = [Decimal(v) for v in question.rating_range()]
        labels = [_format_number(v) for v in row_keys]
    else:
        row_keys = _choice_order(question, districts, table)
        labels = [_("Sonstiges") if k == OTHER_CHOICE else k for k in row_keys]
    rows = []
    for key, label in zip(row_keys, labels, strict=True):
        rows.append(
            {
                "label": label,
                "cells": [
                    None
                    if column["suppressed"]
                    else (
                        table[key][column["label"]],
                        percent(table[key][column["label"]], column["size"]),
                    )
                    for column in columns
                ],
            }
        )
    return {
        "by": by_question,
        "columns": columns,
        "rows": rows,
        "any_suppressed": any(column["suppressed"] for column in columns),
    }


def reciprocity(survey):
    """Pairs named in a network survey: mutual ones and those only one side named.

    Returns ``{"mutual": [(a, b)], "one_sided": [(named_by, named, named_took_part)]}``
    with institution names, sorted; two queries.
    """
    named = {}
    for source_id, source_name, target_id, target_name in (
        Answer.objects.filter(
            response__survey=survey,
            response__institution__isnull=False,
            institution__isnull=False,
        )
        .values_list(
            "response__institution_id",
            "response__institution__name",
            "institution_id",
            "institution__name",
        )
        .distinct()
    ):
        named[(source_id, target_id)] = (source_name, target_name)
    respondents = set(
        Response.objects.filter(survey=survey, institution__isnull=False).values_list(
            "institution_id", flat=True
        )
    )
    mutual = sorted(
        names for (a, b), names in named.items() if (b, a) in named and names[0] < names[1]
    )
    one_sided = sorted(
        (names[0], names[1], b in respondents)
        for (a, b), names in named.items()
        if (b, a) not in named
    )
    return {"mutual": mutual, "one_sided": one_sided}
