// Settings: the company's logo (optional), printed at the top right of every page of every document.
// The chosen file's bytes are read here and sent to Rust, which checks them (PNG or JPEG that reads,
// 1 MB at most, 16 to 4000 pixels a side) before keeping them: no file-system permission is needed.
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { useI18n } from "../i18n";
import { companyLogoGet, companyLogoRemove, companyLogoSet, toAppError, type LogoView } from "../platform";
import { ConfirmDialog } from "../components/Dialog";
import { useNav } from "../app/nav";
import { logoDataUrl } from "../model/logo";

export function LogoSection() {
  const { t } = useI18n();
  const nav = useNav();
  const [logo, setLogo] = useState<LogoView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    companyLogoGet()
      .then(setLogo)
      .catch((e: unknown) => setError(toAppError(e).message));
  }, []);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
      setLogo(await companyLogoSet(bytes));
      nav.toast(t("settings.logo.saved"));
    } catch (err) {
      const app = toAppError(err);
      setError(app.fields["logo"] ?? app.message);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await companyLogoRemove();
      setLogo(null);
      setConfirming(false);
      nav.toast(t("settings.logo.removed"));
    } catch (err) {
      setError(toAppError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="logo-title" data-testid="logo-section">
      <h2 className="card-title" id="logo-title">
        {t("settings.logo.title")}
      </h2>
      <p className="muted">{t("settings.logo.help")}</p>
      {logo ? (
        <div className="logo-preview-row">
          <img
            className="logo-preview"
            src={logoDataUrl(logo)}
            alt={t("settings.logo.alt")}
            data-testid="logo-preview"
          />
          <span className="muted" data-testid="logo-size">
            {t("settings.logo.size", { width: String(logo.width), height: String(logo.height) })}
          </span>
        </div>
      ) : (
        <p className="muted" data-testid="logo-none">
          {t("settings.logo.none")}
        </p>
      )}
      <div className="field">
        <label htmlFor="logo-file">{logo ? t("settings.logo.replace") : t("settings.logo.choose")}</label>
        <input
          id="logo-file"
          ref={input}
          type="file"
          accept="image/png,image/jpeg"
          onChange={(e) => void choose(e)}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "error-logo" : undefined}
          data-testid="logo-file"
        />
        {error && (
          <p className="field-error" role="alert" id="error-logo" data-testid="error-logo">
            {error}
          </p>
        )}
      </div>
      {logo && (
        <div className="button-row">
          <button
            type="button"
            className="button button-danger-quiet"
            onClick={() => setConfirming(true)}
            disabled={busy}
            data-testid="logo-remove"
          >
            {t("settings.logo.remove")}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t("settings.logo.remove_title")}
          body={t("settings.logo.remove_body")}
          confirmLabel={t("settings.logo.remove")}
          danger
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
