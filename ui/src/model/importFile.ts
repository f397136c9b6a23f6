// The CSV import screen's decisions, kept pure for tests: which action the
// button offers, why it is disabled, whether the dates' order must be asked.
import type { ImportReportView } from "../platform";

export type ImportKind = "invoices" | "customers" | "payments";
export type ImportPreset = "generic" | "ibm";
export type DateOrderCode = "" | "day_first" | "month_first";

export const IMPORT_KINDS: readonly ImportKind[] = ["invoices", "customers", "payments"];
export const IMPORT_PRESETS: readonly ImportPreset[] = ["generic", "ibm"];

export const isImportKind = (v: string): v is ImportKind => (IMPORT_KINDS as readonly string[]).includes(v);
export const isImportPreset = (v: string): v is ImportPreset => (IMPORT_PRESETS as readonly string[]).includes(v);
export const isDateOrder = (v: string): v is DateOrderCode => v === "" || v === "day_first" || v === "month_first";

/** What « Importer » would add: the main count and what it counts. */
export type ImportAction =
  | { what: "invoices" | "customers" | "payments"; count: number }
  | { what: "nothing_new" }
  | { what: "errors"; count: number };

/** The button's action for a previewed file: errors first, then what is new in the file's kind. */
export function importAction(kind: ImportKind, report: ImportReportView): ImportAction {
  if (report.errors.length > 0) return { what: "errors", count: report.errors.length };
  if (kind === "invoices" && report.invoices_created > 0) return { what: "invoices", count: report.invoices_created };
  if (kind === "customers" && report.customers_created > 0)
    return { what: "customers", count: report.customers_created };
  if (report.payments_created > 0) return { what: "payments", count: report.payments_created };
  return { what: "nothing_new" };
}

/** True when a column's dates could be day/month or month/day: the user must choose. */
export function asksDateOrder(report: ImportReportView | null): boolean {
  return report?.errors.some((e) => e.code === "ambiguous_dates") ?? false;
}

/** The errors listed under the preview: the ambiguous dates are asked by the select instead. */
export function listedErrors(report: ImportReportView): ImportReportView["errors"] {
  return report.errors.filter((e) => e.code !== "ambiguous_dates");
}

/** A whole count with its thousands grouped: 2466 -> "2 466" (fr, no-break space) or "2,466" (en). */
export function formatCount(n: number, locale: "fr" | "en"): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "fr" ? "\u00a0" : ",");
  return n < 0 ? `-${grouped}` : grouped;
}
