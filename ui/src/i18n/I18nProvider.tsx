import { createContext, useContext, useMemo, type ReactNode } from "react";
import { translate, type Locale, type MessageKey, type Params } from "./translate";

export type TFunction = (key: MessageKey, params?: Params) => string;

interface I18n {
  locale: Locale;
  t: TFunction;
}

const I18nContext = createContext<I18n>({
  locale: "fr",
  t: (key, params) => translate("fr", key, params),
});

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(
    () => ({ locale, t: (key, params) => translate(locale, key, params) }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
