import { useI18n } from "../i18n";
import { ScreenPlaceholder } from "./ScreenPlaceholder";

export function ClientsScreen() {
  const { t } = useI18n();
  return <ScreenPlaceholder intro={t("screen.clients.intro")} />;
}
