import { useI18n } from "../i18n";
import { ScreenPlaceholder } from "./ScreenPlaceholder";

export function PaymentScreen() {
  const { t } = useI18n();
  return <ScreenPlaceholder intro={t("screen.payment.intro")} />;
}
