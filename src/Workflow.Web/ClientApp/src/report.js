// The year-end report page: draws each <canvas data-chart='{…}'> with Chart.js (the server writes the labels, series
// and links, already in the reader's language) and makes tables marked data-sortable sortable by their header buttons.
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

// Colours that stay apart in grey print: dark to light for the levels, best first.
const palette = ['#14532d', '#4d9a5b', '#e0b43a', '#b42318', '#1d4ed8', '#7c3aed', '#0f766e', '#9a3412'];
const lang = document.documentElement.lang || 'vi';
const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

function draw(canvas) {
  let spec;
  try {
    spec = JSON.parse(canvas.dataset.chart);
  } catch {
    return;
  }
  const horizontal = !!spec.horizontal;
  const valueAxis = horizontal ? 'x' : 'y';
  const scales = {
    x: { stacked: !!spec.stacked, ticks: { autoSkip: false, maxRotation: 60 } },
    y: { stacked: !!spec.stacked, ticks: { autoSkip: false } },
  };
  scales[valueAxis].beginAtZero = true;
  // Counts are whole numbers: no 0.1 steps on a small chart.
  scales[valueAxis].ticks = { precision: 0 };
  if (spec.percent) {
    scales[valueAxis].max = 100;
    scales[valueAxis].ticks = { callback: (v) => `${number.format(v)}%` };
  }
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        type: d.line ? 'line' : 'bar',
        backgroundColor: d.color || palette[i % palette.length],
        borderColor: d.color || palette[i % palette.length],
        borderDash: d.dashed ? [6, 4] : undefined,
        pointRadius: d.line ? 3 : undefined,
        stack: spec.stacked && !d.line ? 'levels' : undefined,
        order: d.line ? 0 : 1,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales,
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14 } },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label}: ${number.format(ctx.parsed[valueAxis])}${spec.percent ? '%' : ''}`,
          },
        },
      },
      onClick: spec.links ? (_, elements) => {
        if (elements.length && spec.links[elements[0].index]) window.location.href = spec.links[elements[0].index];
      } : undefined,
      onHover: spec.links ? (event, elements) => {
        event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
      } : undefined,
    },
  });
  canvas.setAttribute('data-drawn', 'true');
  return chart;
}

const charts = [...document.querySelectorAll('canvas[data-chart]')].map(draw).filter(Boolean);
// Printing: charts redraw at the paper's width, so they are sharp and not cut.
window.addEventListener('beforeprint', () => charts.forEach((c) => c.resize()));
window.addEventListener('afterprint', () => charts.forEach((c) => c.resize()));

function sortBy(table, column, button) {
  const body = table.tBodies[0];
  const ascending = button.getAttribute('aria-sort') !== 'ascending';
  const numeric = button.dataset.type === 'number';
  const collator = new Intl.Collator(lang);
  const value = (row) => row.cells[column]?.dataset.value ?? row.cells[column]?.textContent.trim() ?? '';
  const rows = [...body.rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    let order;
    if (numeric) {
      const nx = x === '' ? -Infinity : Number(x);
      const ny = y === '' ? -Infinity : Number(y);
      order = nx - ny;
    } else {
      order = collator.compare(x, y);
    }
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
  table.querySelectorAll('th').forEach((th) => th.removeAttribute('aria-sort'));
  table.querySelectorAll('button[data-column]').forEach((b) => b.removeAttribute('aria-sort'));
  button.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  button.closest('th')?.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
}

document.querySelectorAll('table[data-sortable]').forEach((table) => {
  table.querySelectorAll('button[data-column]').forEach((button) => {
    button.addEventListener('click', () => sortBy(table, Number(button.dataset.column), button));
  });
});
