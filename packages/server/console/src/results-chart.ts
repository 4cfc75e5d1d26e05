// Charts of the results page, loaded only when a result is shown (Chart.js is ~47 KB gzip). The
// table under each chart holds the same figures for screen readers and for copying.
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

export interface ChartBar {
  label: string;
  value: number;
}

const maxLabel = 40;

/** Bars: horizontal for answers (long labels), vertical for days. */
export function drawBars(
  canvas: HTMLCanvasElement,
  bars: readonly ChartBar[],
  horizontal: boolean,
  /** A resolved colour: Chart.js cannot read the tokens' light-dark(). */
  accent: string,
): { destroy(): void } {
  Chart.register(BarController, BarElement, CategoryScale, LinearScale);
  const forced = matchMedia('(forced-colors: active)').matches;
  const style = getComputedStyle(canvas);
  const color = forced ? 'CanvasText' : accent;
  const text = forced ? 'CanvasText' : style.color;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: bars.map((b) =>
        b.label.length > maxLabel ? `${b.label.slice(0, maxLabel - 1)}…` : b.label,
      ),
      datasets: [{ data: bars.map((b) => b.value), backgroundColor: color, borderColor: color }],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      events: [],
      scales: {
        [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0, color: text } },
        [horizontal ? 'y' : 'x']: { ticks: { color: text }, grid: { display: false } },
      },
    },
  });
  return { destroy: () => chart.destroy() };
}
