// The chart view of a poll's results. Loaded only when a citizen asks for it: Chart.js weighs
// ~47 KB gzip and never sits on the first-render path.
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

export interface ChartRow {
  label: string;
  votes: number;
}

export interface ChartLook {
  color: string;
  textColor: string;
  font: string;
}

export interface ChartHandle {
  destroy(): void;
}

const maxLabel = 40;

/** Draws a horizontal bar chart of the votes. Registration happens here, not on import. */
export function drawBarChart(
  canvas: HTMLCanvasElement,
  rows: ChartRow[],
  look: ChartLook,
): ChartHandle {
  Chart.register(BarController, BarElement, CategoryScale, LinearScale);
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const forced = matchMedia('(forced-colors: active)').matches;
  const color = forced ? 'CanvasText' : look.color;
  const text = forced ? 'CanvasText' : look.textColor;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) =>
        r.label.length > maxLabel ? `${r.label.slice(0, maxLabel - 1)}…` : r.label,
      ),
      datasets: [{ data: rows.map((r) => r.votes), backgroundColor: color, borderColor: color }],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 300 },
      events: [],
      font: { family: look.font },
      scales: {
        x: {
          beginAtZero: true,
          ticks: { precision: 0, color: text },
          grid: { color: 'rgba(128,128,128,0.3)' },
        },
        y: { ticks: { color: text }, grid: { display: false } },
      },
    },
  });
  return { destroy: () => chart.destroy() };
}
