import { useEffect, useState, type FormEvent } from "react";
import { pickLocale, translate, useI18n } from "../i18n";
import {
  companyGet,
  companySave,
  rateAdd,
  ratesList,
  toAppError,
  type AppError,
  type CompanyForm,
  type RateEntryView,
} from "../platform";
import { useNav } from "../app/nav";
import type { Route } from "../app/routes";
import { AddressFields } from "../components/AddressFields";
import { FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Spinner } from "../components/Bits";
import { useLoad, useSubmit } from "../components/hooks";
import { ScreenHeader } from "../components/ScreenHeader";
import { TermsControl, useTermsInput } from "../components/TermsControl";
import { parseTerms } from "../model/terms";
import { formatRate, halfYearOf, halfYearOptions, RATE_KINDS, type HalfYear, type RateKind } from "../model/rates";
import { formatDate } from "../format";
import { PoliciesSection } from "./PoliciesSection";
import { PlanSettingsSection } from "./PlanSettingsSection";
import { RiskSettingsSection } from "./RiskSettingsSection";
import { LetterTemplatesSection } from "./LetterTemplatesSection";
import { MailSettingsSection } from "./MailSettingsSection";
import { LogoSection } from "./LogoSection";
import { SettingsIndex } from "./SettingsIndex";
import { BackupSection } from "./BackupSection";
import { ImportSection } from "./ImportSection";
import { ExportSection } from "./ExportSection";
import type { MessageKey } from "../i18n";

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
export function SettingsScreen({ then, section }: { then: Route | null; section?: string | undefined }) {
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
        focusTitle={then === null && !section}
      />
      {/* The first-time setup asks for the company only: no index to the other sections yet. */}
      {then === null && <SettingsIndex open={section} />}
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : !form ? (
        <Spinner />
      ) : (
        <form className="card form" id="settings-company" onSubmit={submit} noValidate data-testid="company-form">
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
      {form && <LogoSection />}
      <PoliciesSection />
      <RiskSettingsSection />
      <PlanSettingsSection />
      <LetterTemplatesSection />
      <MailSettingsSection />
      <RatesSection />
      <ImportSection />
      <BackupSection />
      <ExportSection />
    </div>
  );
}

const KIND_LABEL: Record<RateKind, MessageKey> = {
  ecb: "rates.kind.ecb",
  legal_other: "rates.kind.legal_other",
  legal_private: "rates.kind.legal_private",
};

const RATE_FIELDS = ["rate", "rate_half_year", "rate_source"];

/** How many half-years the form offers, starting with the current one. */
const HALF_YEARS_OFFERED = 4;

/** The late-payment rates the user adds when a new half-year starts. */
function RatesSection() {
  const { t, locale } = useI18n();
  const nav = useNav();
  const halves = halfYearOptions(nav.info?.today, HALF_YEARS_OFFERED);
  const [kind, setKind] = useState<RateKind>("ecb");
  const [start, setStart] = useState(halves[0]?.start ?? "");
  const [rate, setRate] = useState("");
  const [source, setSource] = useState("");
  const { state, reload } = useLoad(() => ratesList(), []);
  const { saving, error, send, doneSaving } = useSubmit();

  const halfLabel = (h: HalfYear) => t(h.half === 1 ? "rates.half.1" : "rates.half.2", { year: h.year });
  const kindLabel = (k: string) => (k in KIND_LABEL ? t(KIND_LABEL[k as RateKind]) : k);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    void send(async () => {
      await rateAdd({ kind, half_year_start: start, rate, source });
      nav.toast(t("rates.saved_toast"));
      doneSaving();
      setRate("");
      setSource("");
      reload();
    });
  };

  const errors = error?.fields;
  const entries: RateEntryView[] | null = state.kind === "ready" ? state.value : state.kind === "loading" ? state.previous : null;
  return (
    <section className="card stack" aria-labelledby="rates-title" data-testid="rates-section">
      <h2 className="card-title" id="rates-title">
        {t("rates.title")}
      </h2>
      <p className="muted">{t("rates.intro")}</p>

      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : entries === null ? (
        <Spinner />
      ) : entries.length === 0 ? (
        <p className="muted" data-testid="rates-empty">
          {t("rates.none")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="rates-list">
            <caption className="visually-hidden">{t("rates.added")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rates.col.half_year")}</th>
                <th scope="col">{t("rates.col.kind")}</th>
                <th scope="col" className="num">
                  {t("rates.col.rate")}
                </th>
                <th scope="col">{t("rates.col.source")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((r) => {
                const h = halfYearOf(r.half_year_start);
                return (
                  <tr key={`${r.kind}-${r.half_year_start}`} data-testid="rate-row">
                    <td>{h ? halfLabel(h) : formatDate(r.half_year_start)}</td>
                    <td>{kindLabel(r.kind)}</td>
                    <td className="num">{formatRate(r.rate, locale)}</td>
                    <td>{r.source}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <form className="form" onSubmit={submit} noValidate data-testid="rate-form">
        <FormError error={error} shown={RATE_FIELDS} />
        <fieldset className="form-section">
          <legend className="form-section-title">{t("rates.add_title")}</legend>
          <div className="form-grid">
            <SelectField
              label={t("rates.field.kind")}
              value={kind}
              onChange={setKind}
              options={RATE_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
              testid="rate-kind"
            />
            <SelectField
              label={t("rates.field.half_year")}
              value={start}
              onChange={setStart}
              options={halves.map((h) => ({
                value: h.start,
                label: t("rates.half_option", { half: halfLabel(h), date: formatDate(h.start) }),
              }))}
              testid="rate-half-year"
              field="rate_half_year"
              errors={errors}
            />
            <TextField
              label={t("rates.field.rate")}
              value={rate}
              onChange={setRate}
              testid="rate-value"
              field="rate"
              errors={errors}
              inputMode="decimal"
              placeholder={t("rates.field.rate_placeholder")}
            />
            <TextField
              label={t("rates.field.source")}
              value={source}
              onChange={setSource}
              testid="rate-source"
              field="rate_source"
              errors={errors}
              placeholder={t("rates.field.source_placeholder")}
              className="span-2"
            />
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" disabled={saving} data-testid="rate-save">
            {saving ? t("common.saving") : t("rates.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
