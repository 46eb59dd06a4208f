"""The data table of one indicator (district × year) with the city's trend and forecast."""

import dataclasses
import unicodedata

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from monitoring import analysis
from monitoring.confidentiality import public_cells
from monitoring.models import FLAG_SYMBOLS, Flag
from network.models import LEVEL_ORDER, DistrictLevel

__all__ = ["ValueTable", "format_number", "german_order", "value_table"]


def german_order(name):
    """Sort key of a place name as in a German index (DIN 5007-1): Ä like A, ß like ss.

    >>> sorted(["Betzenberg", "Bännjerrück", "Dansenberg"], key=german_order)
    ['Bännjerrück', 'Betzenberg', 'Dansenberg']
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)), name


def format_number(value, decimals):
    """``value`` the German way (``1.234,5``) in the active language."""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _with_unit(text, unit):
    return f"{text} {unit}" if unit in ("%", "‰") else text


@dataclasses.dataclass
class ValueTable:
    years: list
    rows: list  # (district, is_city, [cell text per year])
    symbols: list  # (symbol, label) of the flags that occur
    breaks: list
    trend: str
    forecast: list  # sentences
    forecast_note: str


def _cell_text(indicator, cell):
    if cell is None:
        return ""
    if cell.suppressed or cell.value is None:
        return cell.symbol or FLAG_SYMBOLS[Flag.UNKNOWN]
    text = format_number(cell.value, indicator.decimals)
    if cell.flag == Flag.LIMITED:
        return f"({text})"
    return f"{text} {cell.symbol}" if cell.symbol else text


def value_table(indicator, horizon=3):
    """Build the table of ``indicator`` from its observations in one query.

    ``indicator.versions`` should be prefetched (series breaks).
    """
    observations = list(indicator.observations.select_related("district"))
    districts = {o.district_id: o.district for o in observations}
    parents = {pk: district.parent_id for pk, district in districts.items()}
    cells = {(c.district_id, c.year): c for c in public_cells(indicator, observations, parents)}
    years = sorted({o.year for o in observations})
    ordered = sorted(
        districts.values(), key=lambda d: (LEVEL_ORDER.get(d.level, 9), german_order(d.name))
    )
    rows, used = [], set()
    for district in ordered:
        texts = []
        for year in years:
            cell = cells.get((district.pk, year))
            if cell is not None and cell.symbol:
                used.add(Flag(cell.flag))
            texts.append(_cell_text(indicator, cell))
        rows.append((district, district.level == DistrictLevel.CITY, texts))
    symbols = [(FLAG_SYMBOLS[flag], flag.label) for flag in Flag if flag in used]
    breaks = indicator.break_years()
    city = next((d for d in ordered if d.level == DistrictLevel.CITY), None)
    trend_text, sentences, note = "", [], ""
    if city is not None:
        series = {
            year: float(cells[(city.pk, year)].value)
            for year in years
            if (city.pk, year) in cells and cells[(city.pk, year)].value is not None
        }
        trend_text, sentences, note = _city_analysis(indicator, series, breaks, horizon)
    return ValueTable(years, rows, symbols, breaks, trend_text, sentences, note)


def _city_analysis(indicator, series, breaks, horizon):
    trend_text = ""
    seg_years, seg_values = analysis.segment_after_break(series, breaks)
    if len(seg_values) >= 2:
        figure = analysis.trend(seg_values)
        if figure is not None:
            trend_text = _(
                "Trend %(first)d–%(last)d: %(figure)s %% des Anfangswerts je Jahr "
                "(Steigung der linearen Regression)"
            ) % {
                "first": seg_years[0],
                "last": seg_years[-1],
                "figure": ("+" if figure > 0 else "") + format_number(figure, 1),
            }
    try:
        result = analysis.forecast(series, horizon=horizon, break_years=breaks)
    except analysis.NotEnoughData as error:
        return trend_text, [], str(error)
    decimals = indicator.decimals
    sentences = [
        _(
            "Prognose %(year)d: %(mean)s (80 %%-Intervall %(low80)s–%(high80)s, "
            "95 %%-Intervall %(low95)s–%(high95)s)"
        )
        % {
            "year": point.year,
            "mean": _with_unit(format_number(point.mean, decimals), indicator.unit),
            "low80": format_number(point.lower80, decimals),
            "high80": format_number(point.upper80, decimals),
            "low95": format_number(point.lower95, decimals),
            "high95": format_number(point.upper95, decimals),
        }
        for point in result.points
    ]
    method = analysis.METHOD_LABELS.get(result.method, result.method)
    if result.mape is None:
        note = _("%(label)s mit %(method)s, Werte %(first)d–%(last)d.")
    else:
        note = _(
            "%(label)s mit %(method)s, Werte %(first)d–%(last)d; mittlerer absoluter "
            "Fehler im Rücktest %(mape)s %%."
        )
    note = note % {
        "label": analysis.FORECAST_LABEL,
        "method": method,
        "first": result.fitted_years[0],
        "last": result.fitted_years[1],
        "mape": format_number(result.mape or 0, 1),
    }
    return trend_text, sentences, note
