import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  companyGet,
  policiesList,
  customerCreate,
  customerGet,
  customerUpdate,
  toAppError,
  type AppError,
  type CustomerForm,
  type PolicyView,
} from "../platform";
import { amountForInput } from "../format";
import { useNav } from "../app/nav";
import { AddressFields } from "../components/AddressFields";
import { FormError, SelectField, TextAreaField, TextField } from "../components/Field";
import { LoadError, Spinner } from "../components/Bits";
import { useSubmit } from "../components/hooks";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { TermsControl, useTermsInput } from "../components/TermsControl";
import { parseTerms, termsInWords } from "../model/terms";
import { SEGMENTS, segmentLabel } from "../model/policies";

const EMPTY: CustomerForm = {
  kind: "business",
  name: "",
  siren: "",
  siret: "",
  vat_number: "",
  contact_name: "",
  email: "",
  phone: "",
  address: { line1: "", line2: "", postal_code: "", city: "", country: "" },
  terms: "",
  credit_limit: "",
  notes: "",
  segment: "",
  policy_id: null,
  contractual_rate: "",
  insurer: "",
  covered_amount: "",
  declaration_days: "",
};

/** Every ErrorView field this form shows next to an input. */
const SHOWN = [
  "customer_kind",
  "customer_name",
  "siren",
  "siret",
  "vat_number",
  "email",
  "phone",
  "address",
  "terms",
  "credit_limit",
  "notes",
  "segment",
  "policy",
  "contractual_rate",
  "insurer",
  "covered_amount",
  "declaration_days",
];

export function CustomerFormScreen({ id }: { id: number | null }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [form, setForm] = useState<CustomerForm>(EMPTY);
  const terms = useTermsInput({ kind: "default", days: "" });
  const [defaultTerms, setDefaultTerms] = useState<string | null>(null);
  const [policies, setPolicies] = useState<PolicyView[]>([]);
  const [loading, setLoading] = useState(id !== null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const { saving, error, send } = useSubmit();

  useEffect(() => {
    companyGet().then(
      (c) => setDefaultTerms(c.default_terms),
      () => setDefaultTerms(null),
    );
    policiesList().then(
      (b) => setPolicies(b.policies),
      () => setPolicies([]),
    );
    if (id === null) return;
    customerGet(id).then(
      (d) => {
        const c = d.customer;
        setForm({
          kind: c.kind,
          name: c.name,
          siren: c.siren,
          siret: c.siret,
          vat_number: c.vat_number,
          contact_name: c.contact_name,
          email: c.email,
          phone: c.phone,
          address: { ...c.address },
          terms: c.terms,
          credit_limit: c.credit_limit ? amountForInput(c.credit_limit, locale) : "",
          notes: c.notes,
          segment: d.collections.segment ?? "",
          policy_id: d.collections.policy_id,
          contractual_rate:
            d.collections.contractual_rate === null
              ? ""
              : locale === "fr"
                ? d.collections.contractual_rate.replace(".", ",")
                : d.collections.contractual_rate,
          insurer: d.cover.insurer ?? "",
          covered_amount: d.cover.covered ? amountForInput(d.cover.covered, locale) : "",
          declaration_days: d.cover.deadline_days === null ? "" : String(d.cover.deadline_days),
        });
        terms.setValue(parseTerms(c.terms));
        setLoading(false);
      },
      (e: unknown) => {
        setLoadError(toAppError(e));
        setLoading(false);
      },
    );
    // Loaded once when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const set = <K extends keyof CustomerForm>(key: K, value: CustomerForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setAddress = (key: keyof CustomerForm["address"], value: string) =>
    setForm((f) => ({ ...f, address: { ...f.address, [key]: value } }));

  const business = form.kind !== "consumer";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const termsCode = terms.code();
    if (termsCode === null) return;
    const payload: CustomerForm = {
      ...form,
      terms: termsCode,
      ...(business
        ? {}
        : {
            siren: "",
            siret: "",
            vat_number: "",
            contractual_rate: "",
            insurer: "",
            covered_amount: "",
            declaration_days: "",
          }),
    };
    void send(async () => {
      const saved = id === null ? await customerCreate(payload) : await customerUpdate(id, payload);
      nav.toast(t(id === null ? "customer.created" : "customer.updated", { name: payload.name.trim() }));
      if (id === null) nav.replace({ name: "customer", id: saved.id });
      else nav.back({ name: "customer", id: saved.id });
    });
  };

  const fields = error?.fields;
  const title = id === null ? t("customer.new.title") : t("customer.edit.title");

  return (
    <div className="stack" data-testid="customer-form-screen">
      <ScreenHeader
        title={title}
        focusTitle={false}
        back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "clients" })} />}
      />
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : loading ? (
        <Spinner />
      ) : (
        <form className="card form" onSubmit={submit} noValidate data-testid="customer-form">
          <FormError error={error} shown={SHOWN} />
          <div className="form-grid">
            <SelectField
              label={t("customer.field.kind")}
              value={form.kind}
              onChange={(v) => set("kind", v)}
              options={[
                { value: "business", label: t("customer.kind.business") },
                { value: "consumer", label: t("customer.kind.consumer") },
              ]}
              testid="customer-kind"
              field="customer_kind"
              errors={fields}
            />
            <TextField
              label={t("customer.field.name")}
              value={form.name}
              onChange={(v) => set("name", v)}
              testid="customer-name"
              field="customer_name"
              errors={fields}
              autoFocus
              className="span-2"
            />
            <TextField
              label={t("customer.field.contact")}
              value={form.contact_name}
              onChange={(v) => set("contact_name", v)}
              testid="customer-contact"
              hint={business ? t("customer.field.contact_hint") : undefined}
            />
            <TextField
              label={t("customer.field.email")}
              value={form.email}
              onChange={(v) => set("email", v)}
              testid="customer-email"
              field="email"
              errors={fields}
              type="email"
              inputMode="email"
            />
            <TextField
              label={t("customer.field.phone")}
              value={form.phone}
              onChange={(v) => set("phone", v)}
              testid="customer-phone"
              field="phone"
              errors={fields}
              type="tel"
              inputMode="tel"
            />
          </div>

          <fieldset className="form-section">
            <legend className="form-section-title">{t("address.title")}</legend>
            <AddressFields value={form.address} onChange={setAddress} testidPrefix="customer" errors={fields} />
          </fieldset>

          {business && (
            <fieldset className="form-section">
              <legend className="form-section-title">{t("customer.section.legal")}</legend>
              <div className="form-grid">
                <TextField
                  label={t("customer.field.siren")}
                  value={form.siren}
                  onChange={(v) => set("siren", v)}
                  testid="customer-siren"
                  field="siren"
                  errors={fields}
                  inputMode="numeric"
                  hint={t("customer.field.siren_hint")}
                />
                <TextField
                  label={t("customer.field.siret")}
                  value={form.siret}
                  onChange={(v) => set("siret", v)}
                  testid="customer-siret"
                  field="siret"
                  errors={fields}
                  inputMode="numeric"
                  hint={t("customer.field.siret_hint")}
                />
                <TextField
                  label={t("customer.field.vat")}
                  value={form.vat_number}
                  onChange={(v) => set("vat_number", v)}
                  testid="customer-vat"
                  field="vat_number"
                  errors={fields}
                  placeholder="FR12345678901"
                />
              </div>
            </fieldset>
          )}

          <fieldset className="form-section">
            <legend className="form-section-title">{t("customer.section.credit")}</legend>
            <div className="form-grid">
              <TermsControl
                label={t("customer.field.terms")}
                value={terms.value}
                onChange={terms.onChange}
                allowDefault
                field="terms"
                errors={fields}
                localError={terms.localError}
                testid="customer-terms"
                hint={
                  terms.value.kind === "default" && defaultTerms !== null
                    ? t("customer.field.terms_default_hint", { terms: termsInWords(defaultTerms, t) })
                    : business
                      ? t("terms.legal_hint")
                      : undefined
                }
              />
              <TextField
                label={t("customer.field.credit_limit")}
                value={form.credit_limit}
                onChange={(v) => set("credit_limit", v)}
                testid="customer-credit-limit"
                field="credit_limit"
                errors={fields}
                amount
                hint={t("customer.field.credit_limit_hint")}
              />
            </div>
            <TextAreaField
              label={t("customer.field.notes")}
              value={form.notes}
              onChange={(v) => set("notes", v)}
              testid="customer-notes"
              field="notes"
              errors={fields}
            />
          </fieldset>

          {business && (
            <fieldset className="form-section" data-testid="customer-insurance">
              <legend className="form-section-title">{t("customer.section.insurance")}</legend>
              <p className="muted">{t("customer.insurance.hint")}</p>
              <div className="form-grid">
                <TextField
                  label={t("customer.field.insurer")}
                  value={form.insurer}
                  onChange={(v) => set("insurer", v)}
                  testid="customer-insurer"
                  field="insurer"
                  errors={fields}
                  placeholder={t("customer.field.insurer_placeholder")}
                />
                <TextField
                  label={t("customer.field.covered_amount")}
                  value={form.covered_amount}
                  onChange={(v) => set("covered_amount", v)}
                  testid="customer-covered-amount"
                  field="covered_amount"
                  errors={fields}
                  amount
                  hint={t("customer.field.covered_amount_hint")}
                />
                <TextField
                  label={t("customer.field.declaration_days")}
                  value={form.declaration_days}
                  onChange={(v) => set("declaration_days", v)}
                  testid="customer-declaration-days"
                  field="declaration_days"
                  errors={fields}
                  inputMode="numeric"
                  hint={t("customer.field.declaration_days_hint")}
                />
              </div>
            </fieldset>
          )}

          <fieldset className="form-section">
            <legend className="form-section-title">{t("customer.section.collections")}</legend>
            <p className="muted">{t("customer.field.segment_hint")}</p>
            <div className="form-grid">
              <SelectField
                label={t("customer.field.segment")}
                value={form.segment}
                onChange={(v) => set("segment", v)}
                options={[
                  { value: "", label: t("segment.none") },
                  ...SEGMENTS.map((s) => ({ value: s, label: t(segmentLabel(s)) })),
                ]}
                testid="customer-segment"
                field="segment"
                errors={fields}
              />
              <SelectField
                label={t("customer.field.policy")}
                value={form.policy_id === null ? "" : String(form.policy_id)}
                onChange={(v) => set("policy_id", v === "" ? null : Number(v))}
                options={[
                  { value: "", label: t("customer.field.policy_follow") },
                  ...policies.map((p) => ({ value: String(p.id), label: p.name })),
                ]}
                testid="customer-policy"
                field="policy"
                errors={fields}
              />
              {business && (
                <TextField
                  label={t("customer.field.rate")}
                  value={form.contractual_rate}
                  onChange={(v) => set("contractual_rate", v)}
                  testid="customer-contractual-rate"
                  field="contractual_rate"
                  errors={fields}
                  inputMode="decimal"
                  hint={t("customer.field.rate_hint")}
                />
              )}
            </div>
          </fieldset>

          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving} data-testid="customer-save">
              {saving ? t("common.saving") : t("common.save")}
            </button>
            <button type="button" className="button" onClick={() => nav.back({ name: "clients" })}>
              {t("common.cancel")}
            </button>
            {saving && <Spinner label={t("common.saving")} />}
          </div>
        </form>
      )}
    </div>
  );
}
