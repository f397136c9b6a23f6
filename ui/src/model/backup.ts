// Backups in words: sizes and how far a copy went.
import type { Locale } from "../i18n";

/** 536576 -> "524 Ko" / "524 KB"; 69533696 -> "66,3 Mo" / "66.3 MB". Whole bytes, no floating point. */
export function formatSize(bytes: number, locale: Locale): string {
  const kb = Math.ceil(bytes / 1024);
  if (kb < 1024) return `${kb}\u00a0${locale === "fr" ? "Ko" : "KB"}`;
  const tenths = Math.floor((kb * 10) / 1024);
  const text = `${Math.floor(tenths / 10)}${locale === "fr" ? "," : "."}${tenths % 10}`;
  return `${text}\u00a0${locale === "fr" ? "Mo" : "MB"}`;
}

/** Pages copied -> a whole percentage for the progress bar (0 before the first step). */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done * 100) / total));
}
