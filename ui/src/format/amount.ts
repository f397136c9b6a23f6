// Amounts cross IPC as exact decimal strings ("1234.50", "-12.00"). This module
// only changes how they look: it never adds, rounds or converts them to floats.
// Intl supplies the locale's separators and the currency's position; the digits
// are copied from the string as they are.
import type { Locale } from "../i18n/translate";

const TAGS: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

interface Template {
  /** Parts of a formatted sample amount, with its number replaced by a marker. */
  before: string;
  after: string;
  group: string;
  decimal: string;
}

const templates = new Map<string, Template>();

function template(locale: Locale, currency: string | null, negative: boolean): Template {
  const key = `${locale}|${currency ?? ""}|${negative ? "-" : "+"}`;
  const cached = templates.get(key);
  if (cached) return cached;
  const nf = new Intl.NumberFormat(TAGS[locale], {
    ...(currency ? { style: "currency" as const, currency } : {}),
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  let before = "";
  let after = "";
  let group = "";
  let decimal = ".";
  let seenNumber = false;
  for (const part of nf.formatToParts(negative ? -1234567.5 : 1234567.5)) {
    switch (part.type) {
      case "integer":
      case "fraction":
        seenNumber = true;
        break;
      case "group":
        group = part.value;
        break;
      case "decimal":
        decimal = part.value;
        break;
      default:
        if (seenNumber) after += part.value;
        else before += part.value;
    }
  }
  const t = { before, after, group, decimal };
  templates.set(key, t);
  return t;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function groupDigits(digits: string, separator: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

function render(value: string, locale: Locale, currency: string | null): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value; // Not a decimal: show it as it came rather than invent a number.
  const [, sign = "", rawInt = "0", rawFrac = ""] = m;
  const int = rawInt.replace(/^0+(?=\d)/, "");
  const frac = (rawFrac + "00").slice(0, Math.max(2, rawFrac.length));
  const negative = sign === "-" && /[1-9]/.test(int + frac);
  const t = template(locale, currency, negative);
  return `${t.before}${groupDigits(int, t.group)}${t.decimal}${frac}${t.after}`;
}

/** "1234.5" -> "1 234,50 €" (fr) or "€1,234.50" (en). */
export function formatMoney(value: string, locale: Locale, currency = "EUR"): string {
  return render(value, locale, currency);
}

/** "1234.5" -> "1 234,50" (fr) or "1,234.50" (en): for tables that name the currency once. */
export function formatNumber(value: string, locale: Locale): string {
  return render(value, locale, null);
}

/**
 * A chart axis tick in whole euros ("45 000 €"): the axis shows magnitudes, the figures keep their
 * cents. The one place a number (Chart.js's tick) becomes an amount; never used for a figure.
 */
export function formatAxisMoney(value: number, locale: Locale, currency = "EUR"): string {
  return new Intl.NumberFormat(TAGS[locale], { style: "currency", currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(
    Math.round(value),
  );
}

/** An amount as the user would type it back in a form: "1234,50" (fr), "1234.50" (en). */
export function amountForInput(value: string, locale: Locale): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  return locale === "fr" ? value.trim().replace(".", ",") : value.trim();
}

/** True when the amount is exactly zero ("0", "0.00", "-0.00"); no arithmetic. */
export function isZero(value: string): boolean {
  const m = DECIMAL.exec(value.trim());
  return m !== null && !/[1-9]/.test((m[2] ?? "") + (m[3] ?? ""));
}

/**
 * The share `part / whole` as a number between 0 and 1, for drawing a bar.
 * Geometry only: the result is never shown as money.
 */
export function share(part: string, whole: string): number {
  const p = Number(part);
  const w = Number(whole);
  if (!Number.isFinite(p) || !Number.isFinite(w) || w <= 0 || p <= 0) return 0;
  return Math.min(1, p / w);
}
