import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { translate, translateCount, type Locale, type MessageKey, type Params, type PluralKey } from "./translate";

export type TFunction = (key: MessageKey, params?: Params) => string;
/** Singular or plural by `count`; `count` is also a parameter of the message. */
export type TnFunction = (key: PluralKey, count: number, params?: Params) => string;

interface I18n {
  locale: Locale;
  t: TFunction;
  tn: TnFunction;
  /** Switches the interface language (from app_info, or after the company is saved). */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n>({
  locale: "fr",
  t: (key, params) => translate("fr", key, params),
  tn: (key, count, params) => translateCount("fr", key, count, { count, ...params }),
  setLocale: () => {},
});

export function I18nProvider({ locale: initial, children }: { locale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const setLocale = useCallback((next: Locale) => {
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, params) => translate(locale, key, params),
      tn: (key, count, params) => translateCount(locale, key, count, { count, ...params }),
      setLocale,
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
