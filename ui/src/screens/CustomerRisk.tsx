// How the customer pays, judged from its history today: a score out of 100 drawn as a
// gauge, the payment profile the history points to, and the reasons in plain words (worded
// in Rust, see relance-wire messages::risk_reason). When the profile chosen by hand on the
// customer's form differs, the card says so: the chosen one still decides the reminders.
import { useI18n } from "../i18n";
import { customerRisk } from "../platform";
import { useLoad } from "../components/hooks";
import { segmentLabel } from "../model/policies";
import { scoreTone } from "../model/risk";

export function RiskCard({ customerId, chosen, reloadKey }: { customerId: number; chosen: string | null; reloadKey: unknown }) {
  const { t } = useI18n();
  const { state } = useLoad(() => customerRisk(customerId), [customerId, reloadKey]);
  const risk = state.kind === "ready" ? state.value : state.kind === "loading" ? state.previous : null;
  if (state.kind === "failed") {
    return (
      <section className="card" data-testid="customer-risk">
        <h2 className="card-title">{t("risk.title")}</h2>
        <p className="field-error">{state.error.message}</p>
      </section>
    );
  }
  if (risk === null) return null;
  const tone = scoreTone(risk.score);
  return (
    <section className="card risk" data-testid="customer-risk" aria-labelledby="risk-title">
      <h2 className="card-title" id="risk-title">
        {t("risk.title")}
      </h2>
      <div className="risk-head">
        <div className="risk-score">
          <span className={`risk-number risk-${tone}`} data-testid="risk-score">
            {risk.score}
          </span>
          <span className="muted">/ 100</span>
        </div>
        <meter
          className="risk-gauge"
          min={0}
          max={100}
          low={40}
          high={70}
          optimum={100}
          value={risk.score}
          aria-label={t("risk.score_label")}
          data-testid="risk-gauge"
        />
        <p className="risk-segment" data-testid="risk-segment">
          {risk.segment === null
            ? t("risk.segment.none")
            : t("risk.segment.is", { segment: t(segmentLabel(risk.segment)) })}
        </p>
      </div>
      <ul className="risk-reasons" data-testid="risk-reasons">
        {risk.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {risk.segment !== null && chosen !== null && chosen !== risk.segment && (
        <p className="banner banner-warning" data-testid="risk-chosen-differs">
          {t("risk.chosen_differs", { chosen: t(segmentLabel(chosen)) })}
        </p>
      )}
      <p className="muted risk-how">{t("risk.how")}</p>
    </section>
  );
}
