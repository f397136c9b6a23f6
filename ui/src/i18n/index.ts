export { I18nProvider, useI18n, type TFunction, type TnFunction } from "./I18nProvider";
export {
  isSingular,
  pickLocale,
  translate,
  translateCount,
  type Locale,
  type MessageKey,
  type Params,
  type PluralKey,
} from "./translate";
