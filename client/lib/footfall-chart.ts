/**
 * The Chart.js pieces a bar chart needs, and nothing else. This module is imported lazily (when
 * a suite panel first opens), so Chart.js is not part of the first screen's JavaScript.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const HOUR_LABELS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

export type FootfallChart = Chart<'bar', number[], string>;

export function createFootfallChart(canvas: HTMLCanvasElement): FootfallChart {
  return new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: {
      labels: HOUR_LABELS,
      datasets: [{ label: 'FN arrivals', data: new Array<number>(24).fill(0), backgroundColor: '#2f6fab', borderRadius: 2 }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => {
              const h = items[0]?.label ?? '';
              return `${h}:00–${h}:59`;
            },
          },
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
export function setHours(chart: FootfallChart, hours: readonly number[]): void {
  const dataset = chart.data.datasets[0];
  if (!dataset) return;
  dataset.data = [...hours];
  chart.update('none');
}
