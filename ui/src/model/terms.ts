// The payment-terms control composes a code the back end understands:
// "receipt" | "net:30" | "net_eom:45" | "eom_plus:10" | "" (the company's default).
import type { MessageKey, Params } from "../i18n";

export type TermsKind = "default" | "receipt" | "net" | "net_eom" | "eom_plus";

export const TERMS_KINDS: readonly TermsKind[] = ["receipt", "net", "net_eom", "eom_plus", "default"];

/** What the control shows: a kind and, for the kinds that need one, a number of days as typed. */
export interface TermsChoice {
  kind: TermsKind;
  days: string;
}

export const needsDays = (kind: TermsKind): boolean => kind === "net" || kind === "net_eom" || kind === "eom_plus";

/** Longest delay the back end accepts (a sanity bound, not the legal cap). */
export const MAX_TERMS_DAYS = 365;

/** A code as stored -> the control's state. Unknown codes fall back to the default. */
export function parseTerms(code: string): TermsChoice {
  const c = code.trim().toLowerCase();
  if (c === "") return { kind: "default", days: "" };
  if (c === "receipt") return { kind: "receipt", days: "" };
  const m = /^(?:(net|net_eom|eom_plus):)?(\d{1,3})$/.exec(c);
  if (!m) return { kind: "default", days: "" };
  const kind = (m[1] ?? "net") as TermsKind;
  const days = String(Number(m[2]));
  if (kind === "net" && days === "0") return { kind: "receipt", days: "" };
  return { kind, days };
}

export type BuiltTerms = { ok: true; code: string } | { ok: false };

/** The control's state -> the code to send, or `ok: false` when the days are not a whole number 0..365. */
export function buildTerms(choice: TermsChoice): BuiltTerms {
  if (choice.kind === "default") return { ok: true, code: "" };
  if (choice.kind === "receipt") return { ok: true, code: "receipt" };
  const days = choice.days.trim();
  if (!/^\d{1,3}$/.test(days) || Number(days) > MAX_TERMS_DAYS) return { ok: false };
  return { ok: true, code: `${choice.kind}:${Number(days)}` };
}

type Translate = (key: MessageKey, params?: Params) => string;

/** A code in words: "45 jours fin de mois". Never shows the raw code. */
export function termsInWords(code: string, t: Translate): string {
  const choice = parseTerms(code);
  switch (choice.kind) {
    case "default":
      return t("terms.words.default");
    case "receipt":
      return t("terms.words.receipt");
    case "net":
      return t(choice.days === "1" ? "terms.words.net.one" : "terms.words.net", { days: choice.days });
    case "net_eom":
      return t("terms.words.net_eom", { days: choice.days });
    case "eom_plus":
      return t("terms.words.eom_plus", { days: choice.days });
  }
}

export const TERMS_KIND_LABEL: Record<TermsKind, MessageKey> = {
  default: "terms.kind.default",
  receipt: "terms.kind.receipt",
  net: "terms.kind.net",
  net_eom: "terms.kind.net_eom",
  eom_plus: "terms.kind.eom_plus",
};
