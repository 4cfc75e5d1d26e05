// The chart of a citizen's budget beside the community's mean. Loaded only once results show:
// Chart.js weighs ~47 KB gzip and never sits on the first-render path. The table beside it
// holds the same figures for screen readers and keyboard users; the canvas is aria-hidden.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale } from 'chart.js';

export interface BudgetChartRow {
  label: string;
  /** The citizen's amount in euros (display only), null when they did not take part. */
  mine: number | null;
  /** The community's mean in euros (display only). */
  mean: number;
}

export interface BudgetChartLook {
  mineLabel: string;
  meanLabel: string;
  color: string;
  textColor: string;
  font: string;
  locale: string;
}

export interface ChartHandle {
  destroy(): void;
}

/** Draws horizontal bars, two per line. Registration happens here, not on import. */
export function drawBudgetChart(
  canvas: HTMLCanvasElement,
  rows: BudgetChartRow[],
  look: BudgetChartLook,
): ChartHandle {
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);
  // Long labels would squeeze the bars on a phone: they wrap, and the chart grows to fit them.
  const labels = rows.map((r) => wrap(r.label, canvas.clientWidth < 480 ? 12 : 32));
  const lines = Math.max(1, ...labels.map((l) => l.length));
  const box = canvas.parentElement;
  const needed = rows.length * (lines * 15 + 18) + 80;
  if (box && needed > box.clientHeight) box.style.height = `${needed}px`;
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const forced = matchMedia('(forced-colors: active)').matches;
  const color = forced ? 'CanvasText' : look.color;
  const text = forced ? 'CanvasText' : look.textColor;
  const mean = forced ? 'GrayText' : `color-mix(in srgb, ${look.color} 35%, transparent)`;
  const datasets = [
    {
      label: look.meanLabel,
      data: rows.map((r) => r.mean),
      backgroundColor: mean,
      borderColor: color,
      borderWidth: 1,
    },
  ];
  if (rows.some((r) => r.mine !== null)) {
    datasets.unshift({
      label: look.mineLabel,
      data: rows.map((r) => r.mine ?? 0),
      backgroundColor: color,
      borderColor: color,
      borderWidth: 1,
    });
  }
  const money = new Intl.NumberFormat(look.locale, {
    style: 'currency',
    currency: 'EUR',
    notation: 'compact',
  });
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets,
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: reduceMotion ? false : { duration: 300 },
      events: [],
      font: { family: look.font },
      plugins: { legend: { labels: { color: text } } },
      scales: {
        x: {
          beginAtZero: true,
          ticks: { color: text, callback: (value) => money.format(Number(value)) },
          grid: { color: 'rgba(128,128,128,0.3)' },
        },
        y: { ticks: { color: text }, grid: { display: false } },
      },
    },
  });
  return { destroy: () => chart.destroy() };
}

/** A label in lines of about `width` characters, broken at spaces (a longer word stays whole). */
export function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}
