/* Draws the bar charts of survey results from each canvas's data-chart attribute.
   The tables next to the charts carry the same figures, so nothing is lost without JS. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var palette = ["#1a3da5", "#4f6cc4", "#8a9fdc", "#c1cbee", "#6b7280", "#0f766e",
                 "#b45309", "#9d174d", "#4d7c0f", "#7c3aed", "#be123c"];
  var likert = ["#b91c1c", "#f59e0b", "#d1d5db", "#60a5fa", "#1d4ed8", "#1e3a8a", "#312e81"];

  function build(canvas) {
    var spec;
    try {
      spec = JSON.parse(canvas.getAttribute("data-chart"));
    } catch (error) {
      return;
    }
    var colours = spec.stacked ? likert : palette;
    var datasets = spec.datasets.map(function (dataset, index) {
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: spec.stacked ? colours[index % colours.length] : colours[0],
        borderWidth: 0
      };
    });
    var horizontal = Boolean(spec.horizontal);
    var rows = spec.labels.length;
    if (horizontal) {
      canvas.parentNode.style.height = Math.max(160, rows * 36 + 60) + "px";
    }
    var valueAxis = {
      beginAtZero: true,
      stacked: Boolean(spec.stacked),
      max: spec.stacked && spec.unit === "%" ? 100 : undefined,
      ticks: { precision: 0 }
    };
    var categoryAxis = { stacked: Boolean(spec.stacked), ticks: { autoSkip: false } };
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (context) {
                var value = horizontal ? context.parsed.x : context.parsed.y;
                return context.dataset.label + ": " + value + (spec.unit ? " " + spec.unit : "");
              }
            }
          }
        },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis }
      }
    });
  }

  function start() {
    var canvases = document.querySelectorAll("canvas[data-chart]");
    for (var i = 0; i < canvases.length; i += 1) {
      build(canvases[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
