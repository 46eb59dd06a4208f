// Charts of the network analysis dashboard. Each chart is drawn from a JSON block next to it and
// paired with a table holding the same numbers; Chart.js comes from the vendored UMD file.
const COLORS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9"];

// Names on the category axis of a horizontal chart are shortened on narrow screens, so the
// bars keep their room; the table next to the chart has the full names.
function shortLabel(value) {
  const label = String(this.getLabelForValue(value));
  const max = this.chart.width < 480 ? 16 : 32;
  return label.length > max ? label.slice(0, max - 1).trimEnd() + "…" : label;
}

function draw(canvas) {
  const source = document.getElementById(canvas.dataset.chartData);
  if (!source || typeof window.Chart === "undefined") return;
  const spec = JSON.parse(source.textContent);
  const datasets = spec.datasets.map((set, i) => ({
    label: set.label,
    data: set.data,
    borderColor: COLORS[i % COLORS.length],
    backgroundColor: spec.type === "line" ? COLORS[i % COLORS.length] : COLORS[i % COLORS.length] + "cc",
    borderWidth: 2,
    tension: 0.2,
    yAxisID: set.axis || "y",
  }));
  const scales = {
    x: { ticks: { autoSkip: true, maxRotation: 0 } },
    y: { beginAtZero: true, position: "left", title: { display: !!spec.yTitle, text: spec.yTitle || "" } },
  };
  if (datasets.some((d) => d.yAxisID === "y2")) {
    scales.y2 = { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: !!spec.y2Title, text: spec.y2Title || "" } };
  }
  // eslint-disable-next-line no-new
  new window.Chart(canvas, {
    type: spec.type || "bar",
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal ? "y" : "x",
      locale: "de-DE",
      plugins: { legend: { display: datasets.length > 1 } },
      scales: spec.horizontal ? { x: scales.y, y: { ticks: { autoSkip: false, callback: shortLabel } } } : scales,
    },
  });
}

function boot() {
  document.querySelectorAll("canvas[data-chart-data]").forEach(draw);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
