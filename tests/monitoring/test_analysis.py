"""Analysis functions against hand-checked values and the libraries' own results."""

import math
import warnings

import pytest

from monitoring.analysis import (
    NotEnoughData,
    change,
    classify,
    compare,
    correlation,
    dissimilarity,
    forecast,
    mape,
    segment_after_break,
    trend,
)

# x = 0..5, y = 1 3 2 5 4 6: x̄ = 2.5, ȳ = 3.5, Sxy = 15.5, Sxx = 17.5,
# slope = 0.885714…, intercept = 1.285714…, prediction at x = 6: 6.6 (by hand).
SERIES = {2015 + i: v for i, v in enumerate([1.0, 3.0, 2.0, 5.0, 4.0, 6.0])}


def test_district_against_city():
    assert compare(15.0, 12.0) == (3.0, 1.25)
    assert compare(None, 12.0) == (None, None)


def test_change_over_two_periods():
    assert change({2020: 50.0, 2021: 60.0, 2022: 75.0}, periods=2) == {2022: (25.0, 50.0)}


def test_kommonitor_trend_is_hundred_times_slope_over_first_value():
    # slope of 1 3 2 5 4 6 is 31/35; first value 1 → 100 · 31/35 = 88.571428…
    assert trend(list(SERIES.values())) == pytest.approx(8857.142857142857 / 100)
    assert trend([0.0, 1.0]) is None


def test_linear_forecast_equals_the_hand_computed_regression():
    fc = forecast(SERIES, horizon=1, methods=("linear",))
    point = fc.points[0]
    assert point.year == 2021
    assert point.mean == pytest.approx(6.6)
    # s² = SSR / (n − 2); SSR of the fit by hand = 3.771428…; se_pred = s·√(1 + 1/6 + 3.5²/17.5)
    from scipy.stats import t

    residuals = [y - (1.2857142857 + 0.8857142857 * x) for x, y in enumerate(SERIES.values())]
    s = math.sqrt(sum(r * r for r in residuals) / 4)
    se = s * math.sqrt(1 + 1 / 6 + 3.5**2 / 17.5)
    assert point.upper95 == pytest.approx(6.6 + t.ppf(0.975, 4) * se, rel=1e-6)
    assert point.lower80 == pytest.approx(6.6 - t.ppf(0.9, 4) * se, rel=1e-6)
    assert fc.label == "Fortschreibung/Extrapolation"


def test_damped_holt_equals_statsmodels_ets():
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    values = [50, 52, 55, 56, 60, 61, 63, 66, 67, 70]
    series = {2016 + i: float(v) for i, v in enumerate(values)}
    fc = forecast(series, horizon=2, methods=("holt_damped",))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = ETSModel(
            pd.Series(values, dtype=float), error="add", trend="add", damped_trend=True
        ).fit(disp=False)
        frame = result.get_prediction(start=10, end=11).summary_frame(alpha=0.05)
    assert [p.year for p in fc.points] == [2026, 2027]
    assert [p.mean for p in fc.points] == pytest.approx(list(frame["mean"]), abs=1e-6)
    assert [p.upper95 for p in fc.points] == pytest.approx(list(frame["pi_upper"]), abs=1e-6)


def test_the_method_with_the_smaller_back_test_error_is_chosen():
    # a straight line: the linear trend predicts the held-out values exactly (MAPE 0)
    series = {2012 + i: 100.0 + 5 * i for i in range(10)}
    fc = forecast(series, horizon=3)
    assert fc.method == "linear" and fc.mape == 0.0
    assert set(fc.mapes) == {"linear", "holt_damped"}
    assert [round(p.mean, 6) for p in fc.points] == [150.0, 155.0, 160.0]


def test_no_forecast_under_six_points_or_across_a_break():
    with pytest.raises(NotEnoughData, match="mindestens 6 Jahreswerte"):
        forecast({2020 + i: float(i) for i in range(5)})
    long = {2012 + i: float(i) for i in range(14)}
    with pytest.raises(NotEnoughData, match=r"\(vorhanden: 2\)"):
        forecast(long, break_years=[2024])
    assert segment_after_break(long, [2020])[0] == list(range(2020, 2026))
    fc = forecast(long, break_years=[2019], methods=("linear",))
    assert fc.fitted_years == (2019, 2025)


def test_a_gap_stops_the_forecast():
    series = {2012 + i: float(i) for i in range(8)}
    del series[2015]
    with pytest.raises(NotEnoughData, match="Lücken \\(2015\\)"):
        forecast(series)


def test_mape_leaves_zero_actuals_out():
    assert mape([0.0, 50.0], [3.0, 55.0]) == 10.0


def test_classes_by_quantiles_equal_intervals_jenks_and_manual():
    values = list(range(1, 11))
    assert classify(values, "quantiles", 5).bounds == [1.0, 2.8, 4.6, 6.4, 8.2, 10.0]
    assert classify(values, "equal_intervals", 4).bounds == [1.0, 3.25, 5.5, 7.75, 10.0]
    jenks = classify([1, 2, 3, 10, 11, 12, 30, 31], "natural_breaks", 3)
    assert jenks.bounds == [1.0, 3.0, 12.0, 31.0]
    assert [jenks.index(v) for v in (1, 3, 4, 12, 13, 31)] == [0, 0, 1, 1, 2, 2]
    manual = classify(values, "manual", manual_breaks=[3, 6, 50])
    assert manual.bounds == [1.0, 3.0, 6.0, 10.0]
    assert manual.colours == ["#deebf7", "#9ecae1", "#3182bd"]


def test_classes_shrink_with_few_distinct_values():
    assert classify([5, 5, 7, 7], "quantiles", 5).bounds == [5.0, 7.0]
    assert classify([4, 4], "equal_intervals", 3).bounds == [4.0, 4.0]


def test_duncan_dissimilarity_by_hand():
    # foreigners 20/40/40 of 100, Germans 60/20/20 of 100: ½(|.2−.6|+|.4−.2|+|.4−.2|) = 0.4
    assert dissimilarity([20, 40, 40], [60, 20, 20]) == 0.4
    with pytest.raises(NotEnoughData):
        dissimilarity([0, 0], [1, 2])


def test_correlation_across_districts():
    r, p = correlation([1, 2, 3, 4, None], [1, 3, 2, 4, 9])
    assert r == 0.8  # Σ dxdy = 4, Σdx² = Σdy² = 5 → r = 4/5
    assert 0 < p < 1
    with pytest.raises(NotEnoughData):
        correlation([1, 2], [3, 4])
