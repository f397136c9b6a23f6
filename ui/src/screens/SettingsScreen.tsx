import { useEffect, useState, type FormEvent } from "react";
import { pickLocale, translate, useI18n } from "../i18n";
import { companyGet, companySave, toAppError, type AppError, type CompanyForm } from "../platform";
import { useNav } from "../app/nav";
import type { Route } from "../app/routes";
import { AddressFields } from "../components/AddressFields";
import { FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Spinner } from "../components/Bits";
import { useSubmit } from "../components/hooks";
import { ScreenHeader } from "../components/ScreenHeader";
import { TermsControl, useTermsInput } from "../components/TermsControl";
import { parseTerms } from "../model/terms";

const SHOWN = [
  "company_name",
  "legal_form",
  "siren",
  "siret",
  "vat_number",
  "address",
  "email",
  "phone",
  "iban",
  "bic",
  "currency",
  "default_terms",
  "language",
];

/** The company profile. `then`: where to go after the first save (the "empty file" start). */
export function SettingsScreen({ then }: { then: Route | null }) {
  const { t, setLocale } = useI18n();
  const nav = useNav();
  const [form, setForm] = useState<CompanyForm | null>(null);
  const terms = useTermsInput({ kind: "net", days: "30" });
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const { saving, error, send, doneSaving } = useSubmit();

  useEffect(() => {
    companyGet().then(
      (c) => {
        setForm({ ...c, address: { ...c.address } });
        const parsed = parseTerms(c.default_terms);
        terms.setValue(parsed.kind === "default" ? { kind: "net", days: "30" } : parsed);
      },
      (e: unknown) => setLoadError(toAppError(e)),
    );
  }, []);

  const set = <K extends keyof CompanyForm>(key: K, value: CompanyForm[K]) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));
  const setAddress = (key: keyof CompanyForm["address"], value: string) =>
    setForm((f) => (f ? { ...f, address: { ...f.address, [key]: value } } : f));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form || saving) return;
    const termsCode = terms.code();
    if (termsCode === null) return;
    void send(async () => {
      const saved = await companySave({ ...form, default_terms: termsCode });
      const locale = pickLocale(saved.language);
      setLocale(locale);
      await nav.refreshInfo();
      // The toast speaks the language just chosen.
      nav.toast(translate(locale, "settings.saved_toast"));
      doneSaving();
      setForm({ ...saved, address: { ...saved.address } });
      if (then) nav.replace(then);
    });
  };

  const errors = error?.fields;
  return (
    <div className="stack" data-testid="settings-screen">
      <ScreenHeader
        title={t("nav.settings")}
        subtitle={then ? t("settings.first_time") : t("settings.intro")}
        focusTitle={then === null}
      />
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : !form ? (
        <Spinner />
      ) : (
        <form className="card form" onSubmit={submit} noValidate data-testid="company-form">
          <FormError error={error} shown={SHOWN} />
          <fieldset className="form-section">
            <legend className="form-section-title">{t("settings.section.identity")}</legend>
            <div className="form-grid">
              <TextField
                label={t("settings.field.name")}
                value={form.name}
                onChange={(v) => set("name", v)}
                testid="company-name"
                field="company_name"
                errors={errors}
                autoFocus={then !== null}
                className="span-2"
              />
              <TextField
                label={t("settings.field.legal_form")}
                value={form.legal_form}
                onChange={(v) => set("legal_form", v)}
                testid="company-legal-form"
                field="legal_form"
                errors={errors}
                placeholder={t("settings.field.legal_form_placeholder")}
              />
              <TextField
                label={t("customer.field.siren")}
                value={form.siren}
                onChange={(v) => set("siren", v)}
                testid="company-siren"
                field="siren"
                errors={errors}
                inputMode="numeric"
              />
              <TextField
                label={t("customer.field.siret")}
                value={form.siret}
                onChange={(v) => set("siret", v)}
                testid="company-siret"
                field="siret"
                errors={errors}
                inputMode="numeric"
              />
              <TextField
                label={t("customer.field.vat")}
                value={form.vat_number}
                onChange={(v) => set("vat_number", v)}
                testid="company-vat"
                field="vat_number"
                errors={errors}
              />
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend className="form-section-title">{t("settings.section.contact")}</legend>
            <AddressFields value={form.address} onChange={setAddress} testidPrefix="company" errors={errors} />
            <div className="form-grid">
              <TextField
                label={t("customer.field.email")}
                value={form.email}
                onChange={(v) => set("email", v)}
                testid="company-email"
                field="email"
                errors={errors}
                type="email"
              />
              <TextField
                label={t("customer.field.phone")}
                value={form.phone}
                onChange={(v) => set("phone", v)}
                testid="company-phone"
                field="phone"
                errors={errors}
                type="tel"
              />
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend className="form-section-title">{t("settings.section.bank")}</legend>
            <div className="form-grid">
              <TextField
                label={t("settings.field.iban")}
                value={form.iban}
                onChange={(v) => set("iban", v)}
                testid="company-iban"
                field="iban"
                errors={errors}
                className="span-2"
              />
              <TextField
                label={t("settings.field.bic")}
                value={form.bic}
                onChange={(v) => set("bic", v)}
                testid="company-bic"
                field="bic"
                errors={errors}
              />
            </div>
          </fieldset>

          <fieldset className="form-section">
            <legend className="form-section-title">{t("settings.section.defaults")}</legend>
            <div className="form-grid">
              <TermsControl
                label={t("settings.field.default_terms")}
                value={terms.value}
                onChange={terms.onChange}
                allowDefault={false}
                field="default_terms"
                errors={errors}
                localError={terms.localError}
                testid="company-terms"
                hint={t("terms.legal_hint")}
              />
              <TextField
                label={t("settings.field.currency")}
                value={form.currency}
                onChange={(v) => set("currency", v)}
                testid="company-currency"
                field="currency"
                errors={errors}
                maxLength={3}
                hint={t("settings.field.currency_hint")}
              />
              <SelectField
                label={t("settings.field.language")}
                value={form.language === "en" ? "en" : "fr"}
                onChange={(v) => set("language", v)}
                options={[
                  { value: "fr", label: t("language.fr") },
                  { value: "en", label: t("language.en") },
                ]}
                testid="company-language"
                field="language"
                errors={errors}
              />
            </div>
          </fieldset>

          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving} data-testid="company-save">
              {saving ? t("common.saving") : t("common.save")}
            </button>
            {saving && <Spinner label={t("common.saving")} />}
          </div>
        </form>
      )}
    </div>
  );
}
