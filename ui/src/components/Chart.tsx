import { useEffect, useRef } from "react";
import { hasData } from "../model/dashboard";
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
  /** A tooltip value in the user's words (exact, with cents). */
  format: (value: number) => string;
  /** An axis tick in the user's words (rounded: the axis shows magnitudes); `format` when absent. */
  tick?: ((value: number) => string) | undefined;
  /** Says what the chart shows; the figures are in the table given as `children`. */
  label: string;
  testid: string;
  /** Clicking a bar (its index). */
  onPick?: ((index: number) => void) | undefined;
  /** Shown instead of an empty grid when every value is 0 or missing. */
  empty: string;
  /** The same figures as a table, for screen readers (visually hidden). */
  children: React.ReactNode;
}

/**
 * A Chart.js canvas. Chart.js sizes the canvas through the CSSOM (allowed by
 * our CSP, unlike style attributes); no animation, the figures are static.
 */
export function ChartCanvas({ kind, labels, values, colour, format, tick, label, testid, onPick, empty, children }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const drawn = hasData(values);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !drawn) return;
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
          y: { beginAtZero: true, grid: { color: grid }, ticks: { color: text, callback: (v) => (tick ?? format)(Number(v)) } },
        },
        onClick: (_event, elements) => {
          const first = elements[0];
          if (first && pick.current) pick.current(first.index);
        },
      },
    });
    return () => chart.destroy();
  }, [kind, labels, values, colour, format, tick, drawn]);

  return (
    <figure className={onPick ? "chart chart-pickable" : "chart"} data-testid={testid}>
      {drawn ? (
        <div className="chart-box">
          <canvas ref={canvas} role="img" aria-label={label} />
        </div>
      ) : (
        <p className="chart-empty" data-testid={`${testid}-empty`}>
          {empty}
        </p>
      )}
      <div className="visually-hidden">{children}</div>
    </figure>
  );
}
