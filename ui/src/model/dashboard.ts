// Shapes the dashboard's figures (decimal strings from Rust) for the charts.
// Chart.js draws numbers; the amounts shown as text keep their exact strings.
import type { MessageKey } from "../i18n";
import type { BehindFigure } from "../app/routes";

/** The aged balance's columns, in the order drawn. */
export const AGING_CODES = ["not_due", "1_30", "31_60", "61_90", "over_90"] as const;

export function agingLabel(code: string): MessageKey {
  switch (code) {
    case "not_due":
      return "dashboard.aging.not_due";
    case "1_30":
      return "dashboard.aging.1_30";
    case "31_60":
      return "dashboard.aging.31_60";
    case "61_90":
      return "dashboard.aging.61_90";
    default:
      return "dashboard.aging.over_90";
  }
}

/** A decimal string in integer cents ("5119.85" -> 511985); 0 for what is not a decimal. */
export function cents(value: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(value.trim());
  if (!m) return 0;
  const whole = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -whole : whole;
}

/** A decimal string as a number for a chart axis (euros, days); null stays a gap. */
export function chartValue(value: string | null): number | null {
  if (value === null) return null;
  return cents(value) / 100;
}

export interface Series {
  /** One label per point, already in the user's words. */
  labels: string[];
  values: (number | null)[];
}

/** The aged balance columns in AGING_CODES order; a missing column is 0. */
export function agingSeries(
  buckets: readonly { code: string; amount: string }[],
  label: (code: string) => string,
): Series {
  return {
    labels: AGING_CODES.map(label),
    values: AGING_CODES.map((code) => chartValue(buckets.find((b) => b.code === code)?.amount ?? "0")),
  };
}

/** The sum in cents of the given amounts (the aged balance adds up to the receivables). */
export function totalCents(amounts: readonly string[]): number {
  return amounts.reduce((sum, a) => sum + cents(a), 0);
}

/** "2026-03-31" -> "03/2026": a month of the DSO trend. */
export function monthLabel(iso: string): string {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(iso);
  return m ? `${m[2]}/${m[1]}` : iso;
}

/** "2026-03-02" -> "02/03": the first day of a forecast week. */
export function dayLabel(iso: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[1]}` : iso;
}

/** The title of the list behind a figure (its `{detail}` names the column, week or customer). */
export function behindTitle(kind: BehindFigure["kind"]): MessageKey {
  return `dashboard.behind.title.${kind}`;
}

/** Whether a chart has anything to draw (all zero or empty: say so instead of an empty grid). */
export function hasData(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && v !== 0);
}

/** A ratio or a number of days as Rust sent it (one decimal): "16.3" -> "16,3" (fr), "16.3" (en). */
export function formatRatio(value: string, locale: "fr" | "en"): string {
  const t = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return t;
  return locale === "fr" ? t.replace(".", ",") : t;
}
