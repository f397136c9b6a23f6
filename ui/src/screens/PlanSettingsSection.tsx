// Settings: the follow-up of installment plans: the grace days after which
// an unpaid installment breaks the plan, the notice before each installment
// and the reminder after it.
import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import { planSettingsGet, planSettingsSave } from "../platform";
import { useNav } from "../app/nav";
import { FormError, TextField } from "../components/Field";
import { useLoad, useSubmit } from "../components/hooks";

const FIELDS = ["plan_grace_days", "plan_notice_days", "plan_reminder_days"];

/** A whole number of days as typed; anything else is sent as -1, which the core refuses naming the field. */
const days = (typed: string) => (/^\d{1,3}$/.test(typed.trim()) ? Number(typed.trim()) : -1);

export function PlanSettingsSection() {
  const { t } = useI18n();
  const nav = useNav();
  const { state } = useLoad(() => planSettingsGet(), []);
  const [grace, setGrace] = useState("");
  const [notice, setNotice] = useState("");
  const [reminder, setReminder] = useState("");
  const { saving, error, send, doneSaving } = useSubmit();

  useEffect(() => {
    if (state.kind !== "ready") return;
    setGrace(String(state.value.grace_days));
    setNotice(String(state.value.notice_days));
    setReminder(String(state.value.reminder_days));
  }, [state]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await planSettingsSave({ grace_days: days(grace), notice_days: days(notice), reminder_days: days(reminder) });
      nav.toast(t("plan_settings.saved_toast"));
      doneSaving();
    });
  };
  const errors = error?.fields;
  return (
    <section className="card stack" aria-labelledby="plan-settings-title" data-testid="plan-settings">
      <h2 className="card-title" id="plan-settings-title">
        {t("plan_settings.title")}
      </h2>
      <p className="muted">{t("plan_settings.intro")}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={error} shown={FIELDS} />
        <div className="form-grid">
          <TextField
            label={t("plan_settings.grace")}
            hint={t("plan_settings.grace.hint")}
            value={grace}
            onChange={setGrace}
            inputMode="numeric"
            field="plan_grace_days"
            errors={errors}
            testid="plan-settings-grace"
          />
          <TextField
            label={t("plan_settings.notice")}
            value={notice}
            onChange={setNotice}
            inputMode="numeric"
            field="plan_notice_days"
            errors={errors}
            testid="plan-settings-notice"
          />
          <TextField
            label={t("plan_settings.reminder")}
            value={reminder}
            onChange={setReminder}
            inputMode="numeric"
            field="plan_reminder_days"
            errors={errors}
            testid="plan-settings-reminder"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving} data-testid="plan-settings-save">
            {saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
