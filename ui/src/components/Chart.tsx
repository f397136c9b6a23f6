import { useEffect, useRef } from "react";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** A colour from our stylesheet (`--accent`...), so the charts follow the theme. */
export function cssColour(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export interface ChartProps {
  kind: "bar" | "line";
  labels: string[];
  values: (number | null)[];
  /** The stylesheet variable colouring the bars or the line. */
  colour: string;
  /** A tick or tooltip value in the user's words. */
  format: (value: number) => string;
  /** Says what the chart shows; the figures are in the table given as `children`. */
  label: string;
  testid: string;
  /** Clicking a bar (its index). */
  onPick?: ((index: number) => void) | undefined;
  /** The same figures as a table, for screen readers (visually hidden). */
  children: React.ReactNode;
}

/**
 * A Chart.js canvas. Chart.js sizes the canvas through the CSSOM (allowed by
 * our CSP, unlike style attributes); no animation, the figures are static.
 */
export function ChartCanvas({ kind, labels, values, colour, format, label, testid, onPick, children }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const main = cssColour(colour, "#1f3a5f");
    const grid = cssColour("--grey-200", "#e2e5ea");
    const text = cssColour("--grey-600", "#5b6472");
    const chart = new Chart(el, {
      type: kind,
      data: {
        labels,
        datasets: [
          {
            data: values,
            backgroundColor: main,
            borderColor: main,
            borderWidth: kind === "line" ? 2 : 0,
            pointRadius: kind === "line" ? 3 : 0,
            spanGaps: false,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => format(Number(item.parsed.y)) } },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: text } },
          y: { beginAtZero: true, grid: { color: grid }, ticks: { color: text, callback: (v) => format(Number(v)) } },
        },
        onClick: (_event, elements) => {
          const first = elements[0];
          if (first && pick.current) pick.current(first.index);
        },
      },
    });
    return () => chart.destroy();
  }, [kind, labels, values, colour, format]);

  return (
    <figure className="chart" data-testid={testid}>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      <div className="visually-hidden">{children}</div>
    </figure>
  );
}
