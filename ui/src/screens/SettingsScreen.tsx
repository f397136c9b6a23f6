import { useI18n } from "../i18n";
import { ScreenPlaceholder } from "./ScreenPlaceholder";

export function SettingsScreen() {
  const { t } = useI18n();
  return <ScreenPlaceholder intro={t("screen.settings.intro")} />;
}
