import { en } from "./en";
import { fr, type MessageKey } from "./fr";

export type { MessageKey };
export type Locale = "fr" | "en";
export type Params = Readonly<Record<string, string | number>>;
/** Keys that have a singular form "<key>.one". */
export type PluralKey = { [K in MessageKey]: `${K}.one` extends MessageKey ? K : never }[MessageKey];

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** French unless the system language is English; French businesses are the audience. */
export function pickLocale(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith("en") ? "en" : "fr";
}

/** Looks a key up and fills {placeholders}; an unknown placeholder is left visible. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogues[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export const catalogueFor = (locale: Locale): Readonly<Record<MessageKey, string>> => catalogues[locale];

/** Whether `n` takes the singular: French says "0 facture", English "0 invoices". */
export function isSingular(locale: Locale, n: number): boolean {
  return locale === "fr" ? Math.abs(n) < 2 : Math.abs(n) === 1;
}

/** The singular or plural message for `count` (the singular is "<key>.one"). */
export function translateCount(locale: Locale, key: PluralKey, count: number, params?: Params): string {
  const chosen = (isSingular(locale, count) ? `${key}.one` : key) as MessageKey;
  return translate(locale, chosen, params);
}
