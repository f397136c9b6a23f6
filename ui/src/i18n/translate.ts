import { en } from "./en";
import { fr, type MessageKey } from "./fr";

export type { MessageKey };
export type Locale = "fr" | "en";
export type Params = Readonly<Record<string, string | number>>;

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
