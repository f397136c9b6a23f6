import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  customerGet,
  invoiceCreate,
  invoiceCreditCheck,
  invoiceGet,
  invoiceUpdate,
  toAppError,
  type AppError,
  type CreditWarningView,
  type InvoiceForm,
} from "../platform";
import { amountForInput, formatDate, formatMoney, todayForInput } from "../format";
import { useNav } from "../app/nav";
import { FormError, TextField } from "../components/Field";
import { LoadError, Spinner } from "../components/Bits";
import { useSubmit } from "../components/hooks";
import { CustomerPicker, type PickedCustomer } from "../components/CustomerPicker";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { ConfirmDialog } from "../components/Dialog";
import { CREDIT_DECISIONS, creditDecisionLabel, type CreditDecisionCode } from "../model/risk";

type Fields = Omit<InvoiceForm, "customer_id" | "credit_decision">;

const SHOWN = ["customer", "invoice_number", "issue_date", "due_date", "amount_excl_tax", "tax_amount", "total"];

/**
 * New or edited invoice. Amounts go to the back end as typed: it completes
 * HT / TVA / TTC and checks they agree; the screen never adds them up.
 */
export function InvoiceFormScreen({ id, customerId }: { id: number | null; customerId: number | null }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [fields, setFields] = useState<Fields>(() => ({
    number: "",
    issue_date: todayForInput(nav.info?.today),
    due_date: "",
    amount_excl_tax: "",
    tax_amount: "",
    total: "",
  }));
  const [loading, setLoading] = useState(id !== null || customerId !== null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const { saving, error, send, clearError } = useSubmit();
  const locked = customerId !== null;

  useEffect(() => {
    if (id !== null) {
      invoiceGet(id).then(
        (inv) => {
          setCustomer({ id: inv.customer_id, name: inv.customer_name });
          setFields({
            number: inv.number,
            issue_date: formatDate(inv.issue_date),
            due_date: inv.due_date_set_by_hand ? formatDate(inv.due_date) : "",
            amount_excl_tax: amountForInput(inv.amount_excl_tax, locale),
            tax_amount: amountForInput(inv.tax_amount, locale),
            total: amountForInput(inv.total, locale),
          });
          setLoading(false);
        },
        (e: unknown) => {
          setLoadError(toAppError(e));
          setLoading(false);
        },
      );
    } else if (customerId !== null) {
      customerGet(customerId).then(
        (d) => {
          setCustomer({ id: d.customer.id, name: d.customer.name });
          setLoading(false);
        },
        (e: unknown) => {
          setLoadError(toAppError(e));
          setLoading(false);
        },
      );
    }
    // Loaded once when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, customerId]);

  const set = (key: keyof Fields, value: string) => setFields((f) => ({ ...f, [key]: value }));

  const save = (form: InvoiceForm) =>
    send(async () => {
      const saved = id === null ? await invoiceCreate(form) : await invoiceUpdate(id, form);
      nav.toast(
        t(id === null ? "invoice.created_toast" : "invoice.updated_toast", {
          number: saved.number,
          total: formatMoney(saved.total, locale),
          due: formatDate(saved.due_date),
        }),
      );
      if (id !== null || locked) nav.back({ name: "invoice", id: saved.id });
      else nav.replace({ name: "invoice", id: saved.id });
    });

  // Credit control: a new invoice that takes the customer above its limit, or for a customer
  // at risk, is saved only once the user has said what was decided (kept in its history).
  const [warning, setWarning] = useState<{ view: CreditWarningView; form: InvoiceForm } | null>(null);
  const [decision, setDecision] = useState<CreditDecisionCode>("deposit_requested");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    const form: InvoiceForm = { customer_id: customer?.id ?? null, ...fields };
    if (id !== null) {
      void save(form);
      return;
    }
    void invoiceCreditCheck(form)
      .catch(() => null)
      .then((view) => {
        if (view === null) {
          void save(form);
        } else {
          setDecision("deposit_requested");
          setWarning({ view, form });
        }
      });
  };

  const errors = error?.fields;
  return (
    <div className="stack" data-testid="invoice-form-screen">
      <ScreenHeader
        title={id === null ? t("invoice.new.title") : t("invoice.edit.title")}
        focusTitle={false}
        back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "invoices" })} />}
      />
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : loading ? (
        <Spinner />
      ) : (
        <form className="card form form-narrow" onSubmit={submit} noValidate data-testid="invoice-form">
          <FormError error={error} shown={SHOWN} />
          <CustomerPicker
            label={t("invoice.customer")}
            value={customer}
            onChange={(c) => {
              setCustomer(c);
              clearError();
            }}
            locked={locked}
            testid="invoice-customer"
            field="customer"
            errors={errors}
            autoFocus={!locked && id === null}
          />
          <div className="form-grid">
            <TextField
              label={t("invoice.number")}
              value={fields.number}
              onChange={(v) => set("number", v)}
              testid="invoice-number"
              field="invoice_number"
              errors={errors}
              placeholder={t("invoice.number_placeholder")}
              autoFocus={locked}
            />
            <TextField
              label={t("invoice.issue_date")}
              value={fields.issue_date}
              onChange={(v) => set("issue_date", v)}
              testid="invoice-issue-date"
              field="issue_date"
              errors={errors}
              placeholder={t("date.placeholder")}
            />
            <TextField
              label={t("invoice.due_date_optional")}
              value={fields.due_date}
              onChange={(v) => set("due_date", v)}
              testid="invoice-due-date"
              field="due_date"
              errors={errors}
              placeholder={t("invoice.due_placeholder")}
              hint={t("invoice.due_hint")}
            />
          </div>
          <fieldset className="form-section">
            <legend className="form-section-title">{t("invoice.amounts")}</legend>
            <p className="field-hint">{t("invoice.amounts_hint")}</p>
            <div className="form-grid form-grid-3">
              <TextField
                label={t("invoice.excl")}
                value={fields.amount_excl_tax}
                onChange={(v) => set("amount_excl_tax", v)}
                testid="invoice-excl"
                field="amount_excl_tax"
                errors={errors}
                amount
              />
              <TextField
                label={t("invoice.tax")}
                value={fields.tax_amount}
                onChange={(v) => set("tax_amount", v)}
                testid="invoice-tax"
                field="tax_amount"
                errors={errors}
                amount
              />
              <TextField
                label={t("invoice.total")}
                value={fields.total}
                onChange={(v) => set("total", v)}
                testid="invoice-total"
                field="total"
                errors={errors}
                amount
              />
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving} data-testid="invoice-save">
              {saving ? t("common.saving") : t("common.save")}
            </button>
            <button type="button" className="button" onClick={() => nav.back({ name: "invoices" })}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      {warning && (
        <ConfirmDialog
          title={t(warning.view.over_limit ? "credit.title.limit" : "credit.title.risk")}
          body={warning.view.message}
          confirmLabel={t("credit.save")}
          onCancel={() => setWarning(null)}
          onConfirm={() => {
            const form = { ...warning.form, credit_decision: decision };
            setWarning(null);
            void save(form);
          }}
        >
          {warning.view.uninsured && (
            <p className="banner banner-warning" data-testid="credit-uninsured">
              {warning.view.uninsured}
            </p>
          )}
          <div className="choices" role="radiogroup" aria-labelledby="credit-decide" data-testid="credit-decision">
            <p className="choices-title" id="credit-decide">
              {t("credit.decide")}
            </p>
            {CREDIT_DECISIONS.map((code) => (
              <label className="check" key={code}>
                <input
                  type="radio"
                  name="credit-decision"
                  value={code}
                  checked={decision === code}
                  onChange={() => setDecision(code)}
                  data-testid={`credit-decision-${code}`}
                />
                {t(creditDecisionLabel(code))}
              </label>
            ))}
          </div>
          <p className="muted credit-kept">{t("credit.kept")}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
