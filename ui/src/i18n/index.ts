export { I18nProvider, useI18n, type TFunction } from "./I18nProvider";
export { pickLocale, translate, type Locale, type MessageKey } from "./translate";
