// Shapes the dashboard's figures (decimal strings from Rust) for the charts.
// Chart.js draws numbers; the amounts shown as text keep their exact strings.
import type { MessageKey } from "../i18n";

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

/** The filter behind a figure, as sent by Rust (`DrillView`). */
export interface Drill {
  open: boolean;
  overdue: boolean;
  customer_id: number | null;
  due_from: string | null;
  due_to: string | null;
  issued_from: string | null;
  issued_to: string | null;
  paid_from: string | null;
  paid_to: string | null;
  written_off_from: string | null;
  written_off_to: string | null;
}

/** What the Factures list can show of a drill: its status filter and due-date range (JJ/MM/AAAA). */
export interface InvoicesDrill {
  status: "overdue" | "unpaid" | "all";
  customerId: number | null;
  dueFrom: string;
  dueTo: string;
}

const typed = (iso: string | null): string => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
};

/**
 * The invoice list filters that show exactly the invoices behind a figure, or
 * null when the list cannot express it (issue, payment or write-off dates):
 * such a figure is shown without a link rather than with a wrong list.
 */
export function invoicesDrill(d: Drill): InvoicesDrill | null {
  if (d.issued_from || d.issued_to || d.paid_from || d.paid_to || d.written_off_from || d.written_off_to) return null;
  return {
    status: d.overdue ? "overdue" : d.open ? "unpaid" : "all",
    customerId: d.customer_id,
    dueFrom: typed(d.due_from),
    dueTo: typed(d.due_to),
  };
}

/** A ratio or a number of days as Rust sent it (one decimal): "16.3" -> "16,3" (fr), "16.3" (en). */
export function formatRatio(value: string, locale: "fr" | "en"): string {
  const t = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return t;
  return locale === "fr" ? t.replace(".", ",") : t;
}
