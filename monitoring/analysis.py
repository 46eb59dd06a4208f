"""Pure analysis functions of indicator series: comparison, change, trend, classes, forecasts.

No Django imports; the numerical libraries are imported inside the functions so that web
workers never load them at start-up (``tests/test_worker_imports.py``).

Libraries used: scipy (regression slope, correlation), numpy (quantiles, equal
intervals), jenkspy (Fisher-Jenks natural breaks), statsmodels (OLS linear trend with
prediction intervals; damped Holt as ``ETSModel(trend="add", damped_trend=True)``).
Written here, because each is one line of arithmetic: the district-vs-city difference and
ratio, the change over n periods, KomMonitor's trend figure (100 · slope / first value),
the mean absolute percentage error of the back-test and Duncan's dissimilarity index
(½ · Σ |aᵢ/A − bᵢ/B|).
"""

import dataclasses
import math

__all__ = [
    "Classes",
    "Forecast",
    "ForecastPoint",
    "MIN_FORECAST_POINTS",
    "NotEnoughData",
    "PALETTES",
    "change",
    "classify",
    "compare",
    "correlation",
    "dissimilarity",
    "forecast",
    "mape",
    "segment_after_break",
    "trend",
]

#: A forecast needs at least this many consecutive yearly values of one definition.
MIN_FORECAST_POINTS = 6

#: Label every forecast carries wherever it is shown.
FORECAST_LABEL = "Fortschreibung/Extrapolation"

#: Colour-blind-safe sequential ColorBrewer schemes (Cynthia Brewer, colorbrewer2.org), 3–7 classes.
PALETTES = {
    "Blues": {
        3: ["#deebf7", "#9ecae1", "#3182bd"],
        4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
        5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
        6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
        7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
    },
    "YlOrBr": {
        3: ["#fff7bc", "#fec44f", "#d95f0e"],
        4: ["#ffffd4", "#fed98e", "#fe9929", "#cc4c02"],
        5: ["#ffffd4", "#fed98e", "#fe9929", "#d95f0e", "#993404"],
        6: ["#ffffd4", "#fee391", "#fec44f", "#fe9929", "#d95f0e", "#993404"],
        7: ["#ffffd4", "#fee391", "#fec44f", "#fe9929", "#ec7014", "#cc4c02", "#8c2d04"],
    },
}


class NotEnoughData(ValueError):
    """Too few values for the requested analysis (the message says how many are needed)."""


def compare(value, city_value):
    """(difference, ratio) of a district's value against the city's; ``None`` where undefined.

    >>> compare(12.0, 10.0)
    (2.0, 1.2)
    >>> compare(3.0, 0.0)
    (3.0, None)
    """
    if value is None or city_value is None:
        return None, None
    difference = value - city_value
    ratio = value / city_value if city_value else None
    return difference, ratio


def change(series, periods=1):
    """{year: (absolute, relative %)} change of a ``{year: value}`` series over ``periods`` years.

    >>> change({2020: 100.0, 2021: 110.0, 2022: 99.0})
    {2021: (10.0, 10.0), 2022: (-11.0, -10.0)}
    """
    result = {}
    for year in sorted(series):
        before = series.get(year - periods)
        value = series[year]
        if before is None or value is None:
            continue
        absolute = value - before
        relative = absolute / before * 100 if before else None
        result[year] = (absolute, relative)
    return result


def trend(values):
    """KomMonitor's trend figure: 100 · slope of a linear regression / first value.

    ``values`` are consecutive periods (oldest first).

    >>> trend([100.0, 110.0, 120.0])
    10.0
    """
    from scipy.stats import linregress

    values = [float(v) for v in values]
    if len(values) < 2:
        raise NotEnoughData("Für einen Trend braucht es mindestens zwei Werte.")
    if values[0] == 0:
        return None
    slope = linregress(range(len(values)), values).slope
    return round(float(100 * slope / values[0]), 10)


def segment_after_break(series, break_years):
    """The part of a ``{year: value}`` series from the last series break on, as two lists.

    >>> segment_after_break({2021: 1.0, 2022: 2.0, 2023: 3.0, 2024: 9.0}, [2024])
    ([2024], [9.0])
    """
    years = sorted(y for y, v in series.items() if v is not None)
    starts = [b for b in break_years if b <= (years[-1] if years else 0)]
    if starts:
        years = [y for y in years if y >= max(starts)]
    return years, [float(series[y]) for y in years]


# --- Map classes


@dataclasses.dataclass(frozen=True)
class Classes:
    """Class bounds (``k + 1`` ascending numbers) of a classification, with its colours."""

    method: str
    bounds: list
    colours: list

    @property
    def count(self):
        return len(self.bounds) - 1

    def index(self, value):
        """The class (0-based) of ``value``; the upper bound belongs to its class."""
        if value is None:
            return None
        for index, upper in enumerate(self.bounds[1:]):
            if value <= upper:
                return index
        return self.count - 1

    def ranges(self):
        """(lower, upper) of each class."""
        return list(zip(self.bounds[:-1], self.bounds[1:], strict=True))


def classify(values, method="quantiles", k=5, manual_breaks=None, palette="Blues"):
    """Class bounds for a choropleth map.

    ``method``: ``quantiles``, ``equal_intervals``, ``natural_breaks`` (Fisher-Jenks via
    jenkspy) or ``manual`` (``manual_breaks`` are the inner bounds). Fewer distinct values
    than classes reduce the number of classes.

    >>> classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "equal_intervals", 3).bounds
    [1.0, 4.0, 7.0, 10.0]
    >>> classify([1, 2, 3, 10, 11, 12, 30, 31], "natural_breaks", 3).bounds
    [1.0, 3.0, 12.0, 31.0]
    """
    import numpy as np

    data = sorted(float(v) for v in values if v is not None)
    if not data:
        raise NotEnoughData("Keine Werte zum Klassifizieren.")
    k = max(3, min(7, int(k)))
    distinct = len(set(data))
    if method == "manual":
        inner = sorted(float(b) for b in (manual_breaks or []) if data[0] < float(b) < data[-1])
        bounds = [data[0], *inner, data[-1]]
    else:
        k = min(k, max(1, distinct - 1) if distinct > 1 else 1)
        if distinct == 1:
            bounds = [data[0], data[0]]
        elif method == "equal_intervals":
            bounds = [float(b) for b in np.linspace(data[0], data[-1], k + 1)]
        elif method == "natural_breaks":
            import jenkspy

            bounds = [float(b) for b in jenkspy.jenks_breaks(data, n_classes=k)]
        elif method == "quantiles":
            bounds = [float(b) for b in np.quantile(data, np.linspace(0, 1, k + 1))]
        else:
            raise ValueError(f"unknown classification {method!r}")
    unique = []
    for bound in bounds:
        bound = round(bound, 10)
        if not unique or bound > unique[-1]:
            unique.append(bound)
    if len(unique) == 1:
        unique.append(unique[0])
    count = len(unique) - 1
    scheme = PALETTES[palette]
    colours = scheme[max(3, count)][-count:] if count < 3 else scheme[count]
    return Classes(method, unique, colours)


# --- Forecasts


@dataclasses.dataclass(frozen=True)
class ForecastPoint:
    year: int
    mean: float
    lower80: float
    upper80: float
    lower95: float
    upper95: float


@dataclasses.dataclass(frozen=True)
class Forecast:
    """An extrapolation of one series; ``mapes`` holds each method's back-test error in %."""

    method: str
    mape: float | None
    mapes: dict
    fitted_years: tuple
    points: list
    label: str = FORECAST_LABEL


def mape(actual, predicted):
    """Mean absolute percentage error in % (actual zeros are left out).

    >>> mape([100.0, 200.0], [110.0, 180.0])
    10.0
    """
    pairs = [(a, p) for a, p in zip(actual, predicted, strict=True) if a]
    if not pairs:
        return None
    return round(sum(abs((a - p) / a) for a, p in pairs) / len(pairs) * 100, 10)


def _linear(values, horizon):
    import numpy as np
    import statsmodels.api as sm

    n = len(values)
    x = np.arange(n, dtype=float)
    result = sm.OLS(np.asarray(values, dtype=float), np.column_stack([np.ones(n), x])).fit()
    future = np.arange(n, n + horizon, dtype=float)
    exog = np.column_stack([np.ones(horizon), future])
    frames = {
        alpha: result.get_prediction(exog).summary_frame(alpha=alpha) for alpha in (0.2, 0.05)
    }
    return [
        (
            float(frames[0.2]["mean"].iloc[i]),
            float(frames[0.2]["obs_ci_lower"].iloc[i]),
            float(frames[0.2]["obs_ci_upper"].iloc[i]),
            float(frames[0.05]["obs_ci_lower"].iloc[i]),
            float(frames[0.05]["obs_ci_upper"].iloc[i]),
        )
        for i in range(horizon)
    ]


def _holt(values, horizon):
    import warnings

    import pandas as pd
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    n = len(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        # statsmodels' prediction results need a pandas series (a plain index is enough).
        model = ETSModel(
            pd.Series(values, dtype=float), error="add", trend="add", damped_trend=True
        )
        result = model.fit(disp=False)
        prediction = result.get_prediction(start=n, end=n + horizon - 1)
        frames = {alpha: prediction.summary_frame(alpha=alpha) for alpha in (0.2, 0.05)}
    return [
        (
            float(frames[0.2]["mean"].iloc[i]),
            float(frames[0.2]["pi_lower"].iloc[i]),
            float(frames[0.2]["pi_upper"].iloc[i]),
            float(frames[0.05]["pi_lower"].iloc[i]),
            float(frames[0.05]["pi_upper"].iloc[i]),
        )
        for i in range(horizon)
    ]


METHODS = {"linear": _linear, "holt_damped": _holt}
METHOD_LABELS = {"linear": "linearer Trend", "holt_damped": "gedämpfter Holt-Trend"}


def holdout_size(n):
    """Values kept back for the back-test: 3 from 9 values on, else 2."""
    return 3 if n >= 9 else 2


def forecast(series, horizon=3, break_years=(), methods=("linear", "holt_damped")):
    """Extrapolate a ``{year: value}`` series ``horizon`` years with 80 % and 95 % intervals.

    Only the values since the last series break are used, and there must be at least
    :data:`MIN_FORECAST_POINTS` consecutive ones. Each method is fitted on all but the
    last values (:func:`holdout_size`) and scored by its MAPE on them; the best one is
    refitted on the whole segment.

    >>> fc = forecast({2012 + i: 10.0 + 2 * i for i in range(8)}, horizon=2, methods=("linear",))
    >>> [round(p.mean, 6) for p in fc.points], fc.method, fc.mape
    ([26.0, 28.0], 'linear', 0.0)
    """
    years, values = segment_after_break(series, break_years)
    if len(values) < MIN_FORECAST_POINTS:
        raise NotEnoughData(
            f"Für eine Fortschreibung braucht es mindestens {MIN_FORECAST_POINTS} Jahreswerte "
            f"derselben Definition (vorhanden: {len(values)})."
        )
    if years != list(range(years[0], years[-1] + 1)):
        missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
        raise NotEnoughData(
            "Die Reihe hat Lücken ("
            + ", ".join(str(y) for y in missing)
            + "); eine Fortschreibung braucht lückenlose Jahreswerte."
        )
    from numpy.linalg import LinAlgError

    hold = holdout_size(len(values))
    train, test = values[:-hold], values[-hold:]
    mapes = {}
    for method in methods:
        try:
            predicted = [row[0] for row in METHODS[method](train, hold)]
        except (ValueError, LinAlgError):
            continue
        score = mape(test, predicted)
        if score is not None and math.isfinite(score):
            mapes[method] = score
    chosen = min(mapes, key=lambda m: (mapes[m], methods.index(m))) if mapes else methods[0]
    rows = METHODS[chosen](values, horizon)
    points = [
        ForecastPoint(years[-1] + 1 + i, *[round(v, 6) for v in row]) for i, row in enumerate(rows)
    ]
    return Forecast(chosen, mapes.get(chosen), mapes, (years[0], years[-1]), points)


# --- Across districts


def dissimilarity(group, rest):
    """Duncan's index of dissimilarity (0 … 1) of a group against the rest across units.

    ``group`` and ``rest`` are counts per unit, in the same order.

    >>> dissimilarity([10, 0], [0, 10])
    1.0
    >>> dissimilarity([10, 30], [20, 60])
    0.0
    """
    total_group, total_rest = sum(group), sum(rest)
    if not total_group or not total_rest:
        raise NotEnoughData("Beide Gruppen brauchen mindestens eine Person.")
    return round(
        0.5 * sum(abs(a / total_group - b / total_rest) for a, b in zip(group, rest, strict=True)),
        10,
    )


def correlation(xs, ys):
    """(Pearson's r, p-value) of two indicators across units; needs three pairs.

    >>> correlation([1, 2, 3, 4], [2, 4, 6, 8])[0]
    1.0
    """
    from scipy.stats import pearsonr

    pairs = [
        (float(x), float(y)) for x, y in zip(xs, ys, strict=True) if x is not None and y is not None
    ]
    if len(pairs) < 3:
        raise NotEnoughData("Für eine Korrelation braucht es mindestens drei Raumeinheiten.")
    result = pearsonr([p[0] for p in pairs], [p[1] for p in pairs])
    return round(float(result.statistic), 10), float(result.pvalue)
