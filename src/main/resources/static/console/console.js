// Operator console: draws the overview's charts with Chart.js (from its WebJar). Each canvas carries what to draw as
// JSON in data-chart (no inline script: the Content-Security-Policy forbids it); the same numbers are in a table
// below each chart. Colours come with the data, so they match the legend and the table.
(function () {
  'use strict';
  var INK = '#18181b';
  function draw(canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    var datasets = spec.datasets.map(function (d) {
      var set = { label: d.label, data: d.data, backgroundColor: d.colour, borderColor: d.colour, borderWidth: 1 };
      if (d.stack) {
        set.stack = d.stack;
      }
      return set;
    });
    var y = { stacked: spec.stacked, beginAtZero: true, ticks: { color: INK, precision: 0 },
      title: { display: !!spec.yTitle, text: spec.yTitle, color: INK } };
    if (spec.max) {
      y.max = spec.max;
    }
    return new window.Chart(canvas, {
      type: 'bar',
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: spec.stacked, ticks: { color: INK }, title: { display: !!spec.xTitle, text: spec.xTitle, color: INK } },
          y: y
        },
        plugins: {
          legend: { display: datasets.length > 1, position: 'bottom', labels: { color: INK } }
        }
      }
    });
  }
  function start() {
    if (!window.Chart) {
      return;
    }
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), draw);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  }
  else {
    start();
  }
}());
