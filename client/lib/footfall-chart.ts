/**
 * The Chart.js pieces the suite chart needs (bars for actual arrivals, a line for the forecast),
 * and nothing else. This module is imported lazily (when a suite panel first opens), so Chart.js
 * is not part of the first screen's JavaScript.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { FootfallSeries } from './footfall-series.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

type Values = (number | null)[];
export type FootfallChart = Chart<'bar' | 'line', Values, string | string[]>;

/** Tooltip titles per chart ("Wed 26 Nov 00:00–00:59"), kept beside Chart.js's own data. */
const TITLES = new WeakMap<object, string[]>();

export function createFootfallChart(canvas: HTMLCanvasElement): FootfallChart {
  return new Chart<'bar' | 'line', Values, string | string[]>(canvas, {
    type: 'bar',
    data: {
      labels: [],
      datasets: [
        { type: 'bar', label: 'Actual', data: [], backgroundColor: '#2f6fab', borderRadius: 2, order: 2 },
        {
          type: 'line',
          label: 'Forecast',
          data: [],
          borderColor: '#e8590c',
          backgroundColor: '#e8590c',
          borderWidth: 2,
          pointRadius: 1.5,
          pointHoverRadius: 3,
          tension: 0,
          order: 1,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: {
          position: 'top',
          align: 'end',
          labels: { boxWidth: 12, boxHeight: 10, font: { size: 11 }, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
        },
        tooltip: {
          callbacks: { title: (items) => (items[0] ? (TITLES.get(items[0].chart)?.[items[0].dataIndex] ?? '') : '') },
        },
      },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 10 }, maxRotation: 0, autoSkip: true } },
        y: { beginAtZero: true, ticks: { precision: 0, font: { size: 10 } }, grid: { color: '#edf0f3' } },
      },
    },
  });
}

/** Puts new figures into the existing chart: no flicker, no re-creation on every delta. */
export function setSeries(chart: FootfallChart, series: FootfallSeries): void {
  const [actual, forecast] = chart.data.datasets;
  if (!actual || !forecast) return;
  chart.data.labels = series.labels;
  actual.data = series.actual;
  forecast.data = series.forecast;
  forecast.hidden = series.forecast.every((v) => v === null);
  TITLES.set(chart, series.titles);
  chart.update('none');
}
