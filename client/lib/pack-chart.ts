/**
 * The performance pack's chart: FN arrivals against checked, one pair of bars per suite. Imported
 * lazily when the Reports page first draws a chart, and registers only the bar chart's parts.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export type PackChart = Chart<'bar', number[], string>;

export interface PackSeries {
  labels: string[];
  arrivals: number[];
  checked: number[];
}

/** Horizontal bars, so a suite's name reads across rather than slanted under the axis. */
export function createPackChart(canvas: HTMLCanvasElement, series: PackSeries): PackChart {
  return new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: [
        { label: 'FN arrivals', data: series.arrivals, backgroundColor: '#a9bccf', borderColor: '#5b7590', borderWidth: 1 },
        { label: 'Checked', data: series.checked, backgroundColor: '#1f4e7a' },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      // Drawn at twice the pixels, so the chart stays sharp when printed.
      devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
      plugins: {
        legend: { position: 'top', align: 'end', labels: { boxWidth: 12, boxHeight: 10, font: { size: 11 }, color: '#1d2329' } },
        tooltip: { mode: 'index', intersect: false },
      },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0, font: { size: 10 }, color: '#1d2329' }, grid: { color: '#e3e7eb' } },
        y: { grid: { display: false }, ticks: { font: { size: 11 }, color: '#1d2329', autoSkip: false } },
      },
    },
  });
}
