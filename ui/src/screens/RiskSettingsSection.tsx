// Settings: the thresholds that turn a customer's payment history into a profile (ponctuel,
// tardif, variable, à risque). The values go to the core as typed; it checks each one on its own
// field. « Valeurs conseillées » only fills the form with the recommended values: saving is still
// the user's choice.
import { useEffect, useState, type FormEvent } from "react";
import { useI18n, type MessageKey } from "../i18n";
import { riskSettingsGet, riskSettingsSave, type RiskSettingsForm, type RiskThresholdsView } from "../platform";
import { useNav } from "../app/nav";
import { FormError, TextField } from "../components/Field";
import { useLoad, useSubmit } from "../components/hooks";

type Key = keyof RiskSettingsForm;

/** Each threshold: its form key, the core's field name (for errors), its label and hint. */
const THRESHOLDS: ReadonlyArray<{ key: Key; field: string; label: MessageKey; hint: MessageKey }> = [
  { key: "grace_days", field: "risk_grace_days", label: "risk_settings.grace", hint: "risk_settings.grace.hint" },
  { key: "min_history", field: "risk_min_history", label: "risk_settings.history", hint: "risk_settings.history.hint" },
  { key: "punctual_max_days", field: "risk_punctual_days", label: "risk_settings.punctual", hint: "risk_settings.punctual.hint" },
  { key: "late_min_share_late", field: "risk_late_share", label: "risk_settings.late_share", hint: "risk_settings.late_share.hint" },
  { key: "regular_spread_days", field: "risk_spread_days", label: "risk_settings.spread", hint: "risk_settings.spread.hint" },
  { key: "at_risk_broken_promises", field: "risk_broken_promises", label: "risk_settings.promises", hint: "risk_settings.promises.hint" },
  { key: "at_risk_overdue_days", field: "risk_overdue_days", label: "risk_settings.overdue", hint: "risk_settings.overdue.hint" },
  { key: "at_risk_score", field: "risk_score", label: "risk_settings.score", hint: "risk_settings.score.hint" },
];

const asForm = (v: RiskThresholdsView): RiskSettingsForm =>
  Object.fromEntries(THRESHOLDS.map(({ key }) => [key, String(v[key])])) as RiskSettingsForm;

export function RiskSettingsSection() {
  const { t } = useI18n();
  const nav = useNav();
  const { state } = useLoad(() => riskSettingsGet(), []);
  const [form, setForm] = useState<RiskSettingsForm | null>(null);
  const { saving, error, send, doneSaving } = useSubmit();

  useEffect(() => {
    if (state.kind === "ready") setForm(asForm(state.value.saved));
  }, [state]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    void send(async () => {
      const saved = await riskSettingsSave(form);
      setForm(asForm(saved.saved));
      nav.toast(t("risk_settings.saved_toast"));
      doneSaving();
    });
  };
  const errors = error?.fields;
  return (
    <section className="card stack" aria-labelledby="risk-settings-title" data-testid="risk-settings">
      <h2 className="card-title" id="risk-settings-title">
        {t("risk_settings.title")}
      </h2>
      <p className="muted">{t("risk_settings.intro")}</p>
      {state.kind === "failed" && <p className="field-error">{state.error.message}</p>}
      {form && (
        <form className="form" onSubmit={submit} noValidate>
          <FormError error={error} shown={THRESHOLDS.map((x) => x.field)} />
          <div className="form-grid">
            {THRESHOLDS.map(({ key, field, label, hint }) => (
              <TextField
                key={key}
                label={t(label)}
                hint={t(hint)}
                value={form[key]}
                onChange={(v) => setForm((f) => (f ? { ...f, [key]: v } : f))}
                inputMode="numeric"
                field={field}
                errors={errors}
                testid={`risk-settings-${key}`}
              />
            ))}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving} data-testid="risk-settings-save">
              {saving ? t("common.saving") : t("common.save")}
            </button>
            {state.kind === "ready" && (
              <button
                type="button"
                className="button"
                onClick={() => setForm(asForm(state.value.recommended))}
                data-testid="risk-settings-recommended"
              >
                {t("risk_settings.recommended")}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
