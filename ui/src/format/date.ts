// Business dates cross IPC as "YYYY-MM-DD" and are shown as dd/mm/yyyy (the
// form French users read and type; en-GB uses the same order). They are
// handled as strings: no Date object, so no time zone can shift a day.
import type { Locale } from "../i18n/translate";

const TAGS: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-02-09" -> "09/02/2026"; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const m = ISO.exec(iso.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    month - 1
  ] ?? 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/**
 * What the user typed -> "YYYY-MM-DD", or null when it is not a real date.
 * Accepts d/m/yyyy (also with "-" or "." between) and yyyy-mm-dd. The back
 * end parses again; this is only for hints shown while typing.
 */
export function parseInputDate(typed: string): string | null {
  const t = typed.trim();
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [d, mo, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
}

/** "2026-02-09" -> "lundi 9 février 2026" / "Monday 9 February 2026". */
export function formatLongDate(iso: string, locale: Locale): string {
  const m = ISO.exec(iso.trim());
  if (!m) return iso;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(TAGS[locale], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(at);
}

/** An RFC 3339 instant (activity log) -> "09/02/2026 14:05" in the computer's time zone. */
export function formatTimestamp(rfc3339: string, locale: Locale): string {
  const at = new Date(rfc3339);
  if (Number.isNaN(at.getTime())) return rfc3339;
  const date = new Intl.DateTimeFormat(TAGS[locale], { day: "2-digit", month: "2-digit", year: "numeric" }).format(at);
  const time = new Intl.DateTimeFormat(TAGS[locale], { hour: "2-digit", minute: "2-digit" }).format(at);
  return `${date} ${time}`;
}

/** Today as the user types dates: "09/02/2026". `isoToday` comes from the back end's clock when known. */
export function todayForInput(isoToday: string | null | undefined): string {
  if (isoToday && ISO.test(isoToday)) return formatDate(isoToday);
  const now = new Date();
  return `${pad(now.getDate(), 2)}/${pad(now.getMonth() + 1, 2)}/${pad(now.getFullYear(), 4)}`;
}
