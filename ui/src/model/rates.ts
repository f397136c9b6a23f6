// Late-payment rates the user adds per half-year: the choices offered and their wording.
import type { Locale } from "../i18n";

export type RateKind = "ecb" | "legal_other" | "legal_private";
export const RATE_KINDS: readonly RateKind[] = ["ecb", "legal_other", "legal_private"];

export interface HalfYear {
  year: number;
  /** 1: January to June, 2: July to December. */
  half: 1 | 2;
  /** The first day, as the back end takes it: "2026-07-01". */
  start: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The half-year that starts on `iso` ("2026-07-01"), or null when it is not a 1 January / 1 July. */
export function halfYearOf(iso: string): HalfYear | null {
  const m = ISO.exec(iso);
  if (!m || m[3] !== "01" || (m[2] !== "01" && m[2] !== "07")) return null;
  const year = Number(m[1]);
  const half = m[2] === "01" ? 1 : 2;
  return { year, half, start: iso };
}

/**
 * `count` half-years starting with the one `todayIso` falls in. An unreadable
 * date gives the half-years from today's clock instead.
 */
export function halfYearOptions(todayIso: string | null | undefined, count: number): HalfYear[] {
  const m = todayIso ? ISO.exec(todayIso) : null;
  const now = new Date();
  let year = m ? Number(m[1]) : now.getFullYear();
  let half: 1 | 2 = (m ? Number(m[2]) : now.getMonth() + 1) <= 6 ? 1 : 2;
  const out: HalfYear[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ year, half, start: `${String(year).padStart(4, "0")}-${half === 1 ? "01" : "07"}-01` });
    if (half === 2) year += 1;
    half = half === 1 ? 2 : 1;
  }
  return out;
}

/** "2.40" -> "2,40 %" (fr) or "2.40%" (en); the value as the back end stored it otherwise. */
export function formatRate(value: string, locale: Locale): string {
  return locale === "fr" ? `${value.replace(".", ",")}\u00a0%` : `${value}%`;
}
