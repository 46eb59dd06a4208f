"""Exports of a survey: all responses as CSV/XLSX (one row per response), results as XLSX."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from cms.spreadsheets import neutralise, neutralise_row
from surveys.models import OTHER_CHOICE, Answer, QuestionKind, Response, split_lines

__all__ = ["response_table", "responses_csv", "responses_xlsx", "results_xlsx"]


def _columns(survey, questions, institutions):
    """``(header, question id, selector)`` for every column after the fixed ones."""
    columns = []
    for q in questions:
        kind = q.kind
        if kind == QuestionKind.SECTION:
            continue
        if kind == QuestionKind.MULTIPLE:
            for choice in split_lines(q.choices):
                columns.append((f"{q.key}: {choice}", q.pk, ("choice", choice)))
            if q.allow_other:
                columns.append((f"{q.key}: {OTHER_CHOICE}", q.pk, ("choice", OTHER_CHOICE)))
                columns.append((f"{q.key}: {OTHER_CHOICE} (Text)", q.pk, ("other", None)))
        elif kind == QuestionKind.LIKERT:
            items = [value for value, _label in q.likert_items()]
            if len(items) == 1 and items[0] == q.text:
                columns.append((q.key, q.pk, ("item", items[0])))
            else:
                for item in items:
                    columns.append((f"{q.key}: {item}", q.pk, ("item", item)))
        elif kind == QuestionKind.INSTITUTIONS:
            for pk, name in institutions:
                columns.append((f"{q.key}: {name}", q.pk, ("institution", pk)))
        else:
            columns.append((q.key, q.pk, ("value", kind)))
    return columns


def _number(value):
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def response_table(survey, questions=None):
    """Header and rows of all responses; a fixed number of queries.

    Multiple choice gives one column per choice (1 chosen, 0 not chosen, empty when the
    question was not answered); Likert one column per statement (the level); the
    institution picker one column per institution (the intensity).
    """
    from network.models import Institution

    if questions is None:
        questions = list(survey.questions.all())
    institutions = []
    if any(q.kind == QuestionKind.INSTITUTIONS for q in questions):
        institutions = list(
            Institution.objects.filter(project_id=survey.project_id)
            .order_by("name", "pk")
            .values_list("pk", "name")
        )
    columns = _columns(survey, questions, institutions)
    header = [_("Nr."), _("abgegeben am"), _("Sprache")]
    if not survey.anonymous:
        header.append(_("Institution"))
    header += [title for title, _q, _s in columns]

    answers = {}
    for response_id, question_id, choice, number, text, date, institution_id in (
        Answer.objects.filter(response__survey=survey)
        .order_by("response_id", "pk")
        .values_list(
            "response_id", "question_id", "choice", "number", "text", "date", "institution_id"
        )
    ):
        answers.setdefault(response_id, {}).setdefault(question_id, []).append(
            (choice, number, text, date, institution_id)
        )

    rows = []
    responses = (
        Response.objects.filter(survey=survey)
        .order_by("pk")
        .values_list("pk", "submitted_on", "language", "institution__name")
    )
    for index, (pk, submitted_on, language, institution) in enumerate(responses, start=1):
        given = answers.get(pk, {})
        row = [index, submitted_on.isoformat(), language]
        if not survey.anonymous:
            row.append(institution or "")
        for _title, question_id, (selector, arg) in columns:
            values = given.get(question_id)
            if not values:
                row.append(None)
                continue
            if selector == "choice":
                row.append(1 if any(v[0] == arg for v in values) else 0)
            elif selector == "other":
                row.append(next((v[2] for v in values if v[0] == OTHER_CHOICE), None) or None)
            elif selector == "item":
                row.append(next((_number(v[1]) for v in values if v[0] == arg), None))
            elif selector == "institution":
                row.append(next((_number(v[1]) for v in values if v[4] == arg), None))
            else:
                choice, number, text, date, _institution = values[0]
                if arg in (QuestionKind.RATING, QuestionKind.NUMBER):
                    row.append(_number(number))
                elif arg == QuestionKind.DATE:
                    row.append(date.isoformat() if date else None)
                elif arg in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
                    row.append(text)
                else:
                    row.append(choice)
        rows.append(row)
    return header, rows


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return neutralise(value)


def responses_csv(survey):
    """CSV for spreadsheet programs: semicolon-separated, UTF-8 with BOM, decimal comma."""
    header, rows = response_table(survey)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def _append(sheet, row):
    """Append ``row`` with every text cell neutralised (numbers stay numbers)."""
    sheet.append(neutralise_row(row))


def _xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def responses_xlsx(survey):
    """The same table as :func:`responses_csv` as an Excel workbook."""
    from openpyxl import Workbook  # openpyxl loads numpy: only where a workbook is made
    from openpyxl.styles import Font

    header, rows = response_table(survey)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Antworten")
    _append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        _append(sheet, [float(v) if isinstance(v, Decimal) else v for v in row])
    sheet.freeze_panes = "B2"
    return _xlsx_bytes(workbook)


def results_xlsx(results):
    """Results summary: per question its answers with count and percent, means and medians."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ergebnisse")
    bold = Font(bold=True)
    _append(sheet, [results.survey.title])
    sheet["A1"].font = bold
    _append(sheet, [_("Antworten insgesamt"), results.total])
    if results.suppressed:
        _append(
            sheet,
            [
                _(
                    "Weniger als %(n)d Antworten: die Auswertung wird zum Schutz der "
                    "Teilnehmenden nicht gezeigt."
                )
                % {"n": results.min_group}
            ],
        )
        return _xlsx_bytes(workbook)
    for result in results.questions:
        question = result.question
        _append(sheet, [])
        _append(sheet, [f"{question.key}: {question.text}", None, None])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        _append(sheet, [_("beantwortet"), result.answered])
        if result.likert_rows:
            _append(
                sheet,
                [_("Aussage")]
                + [label for _level, label in result.likert_levels]
                + [_("Mittelwert")],
            )
            for row in result.likert_rows:
                _append(
                    sheet,
                    [row["label"]]
                    + [count for count, _pct in row["cells"]]
                    + [float(row["mean"]) if row["mean"] is not None else None],
                )
        elif result.rows:
            _append(sheet, [_("Antwort"), _("Anzahl"), _("Prozent")])
            for row in result.rows:
                _append(sheet, [str(row["label"]), row["count"], round(float(row["percent"]), 1)])
        if result.mean is not None:
            _append(sheet, [_("Mittelwert"), float(result.mean)])
            _append(sheet, [_("Median"), float(result.median)])
        for text in result.texts:
            _append(sheet, [text])
    sheet.column_dimensions["A"].width = 60
    return _xlsx_bytes(workbook)
