// Settings: optional direct sending of e-mails through the user's SMTP server.
// The server settings are saved in the file; the password only in the system's
// keyring (never in the file, the logs or the backups). Without a keyring the
// section says so: drafts (« Préparer l’e-mail ») keep working.
import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import { mailPasswordSave, mailSettingsGet, mailSettingsSave, mailTest, toAppError, type AppError } from "../platform";
import { useNav } from "../app/nav";
import { FormError, SelectField, TextField } from "../components/Field";
import { useLoad, useSubmit } from "../components/hooks";

const FIELDS = ["smtp_server", "smtp_port", "smtp_security", "smtp_username", "smtp_sender"];
type Security = "starttls" | "tls" | "none";

export function MailSettingsSection() {
  const { t } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => mailSettingsGet(), []);
  const [server, setServer] = useState("");
  const [port, setPort] = useState("587");
  const [security, setSecurity] = useState<Security>("starttls");
  const [username, setUsername] = useState("");
  const [sender, setSender] = useState("");
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const { saving, error, send, doneSaving } = useSubmit();

  useEffect(() => {
    if (state.kind !== "ready") return;
    const v = state.value;
    setServer(v.server);
    setPort(String(v.port));
    setSecurity(v.security as Security);
    setUsername(v.username);
    setSender(v.sender);
  }, [state]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await mailSettingsSave({ server, port, security, username, sender });
      nav.toast(t("mail_settings.saved_toast"));
      doneSaving();
      reload();
    });
  };

  const run = async (work: () => Promise<unknown>, toast: string) => {
    setBusy(true);
    setPasswordError(null);
    try {
      await work();
      nav.toast(toast);
      reload();
    } catch (e) {
      setPasswordError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  const savePassword = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await mailPasswordSave(password);
      setPassword("");
    }, t("mail_settings.password_saved_toast"));
  };

  const view = state.kind === "ready" ? state.value : null;
  const securityOptions: ReadonlyArray<{ value: Security; label: string }> = [
    { value: "starttls", label: t("mail_settings.security.starttls") },
    { value: "tls", label: t("mail_settings.security.tls") },
    { value: "none", label: t("mail_settings.security.none") },
  ];
  const errors = error?.fields;
  return (
    <section className="card stack" aria-labelledby="mail-settings-title" data-testid="mail-settings">
      <h2 className="card-title" id="mail-settings-title">
        {t("mail_settings.title")}
      </h2>
      <p className="muted">{t("mail_settings.intro")}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={error} shown={FIELDS} />
        <div className="form-grid">
          <TextField
            label={t("mail_settings.server")}
            placeholder="smtp.exemple.fr"
            value={server}
            onChange={setServer}
            field="smtp_server"
            errors={errors}
            testid="mail-server"
          />
          <TextField
            label={t("mail_settings.port")}
            hint={t("mail_settings.port.hint")}
            value={port}
            onChange={setPort}
            inputMode="numeric"
            field="smtp_port"
            errors={errors}
            testid="mail-port"
          />
          <SelectField
            label={t("mail_settings.security")}
            value={security}
            onChange={setSecurity}
            options={securityOptions}
            field="smtp_security"
            errors={errors}
            testid="mail-security"
          />
          <TextField
            label={t("mail_settings.username")}
            value={username}
            onChange={setUsername}
            field="smtp_username"
            errors={errors}
            testid="mail-username"
          />
          <TextField
            label={t("mail_settings.sender")}
            type="email"
            value={sender}
            onChange={setSender}
            field="smtp_sender"
            errors={errors}
            testid="mail-sender"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving} data-testid="mail-save">
            {saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>

      {view?.configured && (
        <form className="form" onSubmit={savePassword} noValidate data-testid="mail-password-form">
          {/* Said once: the banner steps aside while the password field says the same. */}
          {view.keyring_problem && passwordError?.message !== view.keyring_problem && (
            <div className="banner banner-warning" role="note" data-testid="mail-keyring-problem">
              <p>{view.keyring_problem}</p>
            </div>
          )}
          {!view.keyring_problem && (
            <p className="muted" data-testid="mail-password-state">
              {view.password_kept ? t("mail_settings.password_kept") : t("mail_settings.password_missing")}
            </p>
          )}
          <div className="form-grid">
            <TextField
              label={t("mail_settings.password")}
              hint={t("mail_settings.password.hint")}
              type="password"
              value={password}
              onChange={setPassword}
              field="smtp_password"
              errors={passwordError?.fields}
              testid="mail-password"
            />
          </div>
          {passwordError && !passwordError.fields["smtp_password"] && (
            <p className="field-error" role="alert" data-testid="mail-error">
              {passwordError.message}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy} data-testid="mail-password-save">
              {t("mail_settings.password_save")}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || !view.password_kept}
              onClick={() => void run(() => mailTest(), t("mail_settings.test_ok"))}
              data-testid="mail-test"
            >
              {t("mail_settings.test")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
