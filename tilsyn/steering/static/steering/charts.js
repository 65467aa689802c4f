// The steering panel's charts (Chart.js, served by the application): this year against last year month by
// month, with the target as a line, and an office's new and closed cases per week. Every chart has its numbers
// in a table beside it; numbers are written the Norwegian way (1 234; 5,1; 56 %).
(function () {
  "use strict";
  var number = new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 1 });
  var UNITS = { "prosent": " %", "måneder": " md.", "poeng": "", "antall": "" };

  function text(value, unit) {
    if (value === null || value === undefined) { return "–"; }
    return number.format(value).replace(/\u00a0|\u202f/g, "\u00a0") + (UNITS[unit] || "");
  }

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function options(unit) {
    return {
      animation: false, responsive: true, maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      plugins: { tooltip: { callbacks: { label: function (item) {
        return item.dataset.label + ": " + text(item.parsed.y, unit);
      } } } },
      scales: { y: { beginAtZero: true, ticks: { callback: function (value) { return text(value, unit); } } } }
    };
  }

  function trendChart(canvas, data, labels) {
    var series = data[canvas.dataset.chartKind][canvas.dataset.chartKey];
    if (!series) { return; }
    var datasets = [
      { label: String(labels.year), data: series["this"], borderColor: "#1e5aa0", backgroundColor: "#1e5aa0",
        spanGaps: true },
      { label: String(labels.last), data: series["last"], borderColor: "#6b6b6b", backgroundColor: "#6b6b6b",
        borderDash: [6, 4], spanGaps: true }
    ];
    if (series.goal !== null && series.goal !== undefined) {
      datasets.push({ label: labels.goal, data: labels.months.map(function () { return series.goal; }),
        borderColor: "#b3261e", backgroundColor: "#b3261e", borderDash: [2, 2], pointRadius: 0 });
    }
    new Chart(canvas, { type: "line", data: { labels: labels.months, datasets: datasets },
      options: options(series.unit) });
  }

  function flowsChart(canvas, flows) {
    new Chart(canvas, { type: "bar", data: { labels: flows.weeks, datasets: [
      { label: flows.labels.inflow, data: flows.inflow, backgroundColor: "#1e5aa0" },
      { label: flows.labels.closures, data: flows.closures, backgroundColor: "#8fb4dc" }
    ] }, options: options("antall") });
  }

  function downloadPng(button) {
    var chart = Chart.getChart(button.dataset.png);
    if (!chart) { return; }
    var link = document.createElement("a");
    link.href = chart.toBase64Image("image/png", 1);
    link.download = button.dataset.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = readJson("steering-charts");
    var flows = readJson("steering-flows");
    if (typeof Chart !== "undefined" && data) {
      var labels = { months: data.months, year: data.year, last: data.last, goal: data.goal_label };
      document.querySelectorAll("canvas[data-chart-kind='targets'], canvas[data-chart-kind='backlogs']")
        .forEach(function (canvas) { trendChart(canvas, data, labels); });
      var canvas = document.querySelector("canvas[data-chart-kind='flows']");
      if (canvas && flows) { flowsChart(canvas, flows); }
    }
    document.querySelectorAll("button[data-png]").forEach(function (button) {
      button.addEventListener("click", function () { downloadPng(button); });
    });
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
  // Charts redraw to the paper's width before printing.
  window.addEventListener("beforeprint", function () {
    if (typeof Chart === "undefined") { return; }
    Object.values(Chart.instances).forEach(function (chart) { chart.resize(); });
  });
}());
