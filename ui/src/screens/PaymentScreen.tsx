import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  customerGet,
  invoicesList,
  paymentPreview,
  paymentRecord,
  toAppError,
  type AllocationPreviewView,
  type AppError,
  type InvoiceView,
  type PaymentForm,
} from "../platform";
import { formatDate, formatMoney, isZero, todayForInput } from "../format";
import { useNav } from "../app/nav";
import { FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Money, Spinner } from "../components/Bits";
import { CustomerPicker, type PickedCustomer } from "../components/CustomerPicker";
import { useDebounced, useSubmit } from "../components/hooks";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { methodLabel, PAYMENT_METHODS, type PaymentMethod } from "../model/labels";

const SHOWN = ["customer", "payment_date", "amount", "method", "reference", "allocation"];

/** Open invoices listed for a chosen allocation (oldest due first). */
const MANUAL_LIMIT = 200;

type Preview = { kind: "idle" } | { kind: "loading" } | { kind: "ready"; plan: AllocationPreviewView } | { kind: "failed"; error: AppError };

export function PaymentScreen({ customerId }: { customerId: number | null }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [date, setDate] = useState(() => todayForInput(nav.info?.today));
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<PaymentMethod>("transfer");
  const [reference, setReference] = useState("");
  const [manual, setManual] = useState(false);
  const [shares, setShares] = useState<Record<number, string>>({});
  const [open, setOpen] = useState<InvoiceView[] | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [loading, setLoading] = useState(customerId !== null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const { saving, error, send, clearError } = useSubmit();
  const [preview, setPreview] = useState<Preview>({ kind: "idle" });
  const locked = customerId !== null;

  useEffect(() => {
    if (customerId === null) return;
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
  }, [customerId]);

  // The customer's open invoices, for a chosen allocation.
  useEffect(() => {
    setOpen(null);
    setShares({});
    setOpenError(null);
    if (!customer || !manual) return;
    let live = true;
    invoicesList({
      status: "unpaid",
      customer_id: customer.id,
      due_from: "",
      due_to: "",
      search: "",
      sort: "due_date",
      descending: false,
      page: 0,
      page_size: MANUAL_LIMIT,
    }).then(
      (page) => live && setOpen(page.rows),
      (e: unknown) => live && setOpenError(toAppError(e).message),
    );
    return () => {
      live = false;
    };
  }, [customer, manual]);

  const allocation = manual
    ? Object.entries(shares)
        .filter(([, v]) => v.trim() !== "")
        .map(([invoice, v]) => ({ invoice_id: Number(invoice), amount: v.trim() }))
    : null;

  const form = (): PaymentForm => ({
    customer_id: customer?.id ?? null,
    date,
    amount,
    method,
    reference,
    allocation,
  });

  // Live preview of where the money goes, once the typing settles.
  const previewKey = useDebounced(JSON.stringify([customer?.id ?? null, amount.trim(), allocation]), 300);
  useEffect(() => {
    const [id, typed] = JSON.parse(previewKey) as [number | null, string];
    if (id === null || typed === "") {
      setPreview({ kind: "idle" });
      return;
    }
    let live = true;
    setPreview({ kind: "loading" });
    paymentPreview(form()).then(
      (plan) => live && setPreview({ kind: "ready", plan }),
      (e: unknown) => live && setPreview({ kind: "failed", error: toAppError(e) }),
    );
    return () => {
      live = false;
    };
    // The key holds everything the preview depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [previewKey]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      const done = await paymentRecord(form());
      const numbers = done.allocation.lines.map((l) => l.number).join(", ");
      nav.toast(
        numbers
          ? t("payment.saved_toast", { amount: formatMoney(amount.trim() ? normalise(amount) : "0", locale), invoices: numbers })
          : t("payment.saved_toast_credit", { amount: formatMoney(normalise(amount), locale) }),
      );
      nav.back(customer ? { name: "customer", id: customer.id } : { name: "today" });
    });
  };

  const errors = error?.fields;
  return (
    <div className="stack" data-testid="payment-screen">
      <ScreenHeader
        title={t("payment.title")}
        focusTitle={false}
        back={locked ? <BackLink label={t("common.back")} onClick={() => nav.back({ name: "today" })} /> : undefined}
      />
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : loading ? (
        <Spinner />
      ) : (
        <div className="columns columns-form">
          <form className="card form" onSubmit={submit} noValidate data-testid="payment-form">
            <FormError error={error} shown={SHOWN} />
            <CustomerPicker
              label={t("payment.customer")}
              value={customer}
              onChange={(c) => {
                setCustomer(c);
                clearError();
              }}
              locked={locked}
              testid="payment-customer"
              field="customer"
              errors={errors}
              autoFocus={!locked}
            />
            <div className="form-grid">
              <TextField
                label={t("payment.amount")}
                value={amount}
                onChange={setAmount}
                testid="payment-amount"
                field="amount"
                errors={errors}
                amount
                autoFocus={locked}
              />
              <TextField
                label={t("payment.date")}
                value={date}
                onChange={setDate}
                testid="payment-date"
                field="payment_date"
                errors={errors}
                placeholder={t("date.placeholder")}
              />
              <SelectField
                label={t("payment.method")}
                value={method}
                onChange={setMethod}
                options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(methodLabel(m)) }))}
                testid="payment-method"
                field="method"
                errors={errors}
              />
              <TextField
                label={t("payment.reference")}
                value={reference}
                onChange={setReference}
                testid="payment-reference"
                field="reference"
                errors={errors}
                placeholder={t("payment.reference_placeholder")}
              />
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={manual}
                onChange={(e) => setManual(e.target.checked)}
                disabled={!customer}
                data-testid="payment-manual"
              />
              {t("payment.manual")}
            </label>
            {manual && customer && (
              <ManualAllocation
                invoices={open}
                error={openError}
                shares={shares}
                onChange={(invoiceId, value) => setShares((s) => ({ ...s, [invoiceId]: value }))}
                fieldError={errors?.allocation}
              />
            )}
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={saving} data-testid="payment-save">
                {saving ? t("common.saving") : t("payment.save")}
              </button>
              <button type="button" className="button" onClick={() => nav.back({ name: "today" })}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
          <PreviewPanel preview={preview} manual={manual} />
        </div>
      )}
    </div>
  );
}

/** "1 200,50" -> "1200.50" for the confirmation message only (display, no arithmetic). */
function normalise(typed: string): string {
  const s = typed.replace(/[\s\u00a0\u202f€]/g, "");
  if (/^\d+(,\d{1,2})?$/.test(s)) return s.replace(",", ".");
  if (/^\d{1,3}(,\d{3})*(\.\d{1,2})?$/.test(s)) return s.replace(/,/g, "");
  return s;
}

function ManualAllocation({
  invoices,
  error,
  shares,
  onChange,
  fieldError,
}: {
  invoices: InvoiceView[] | null;
  error: string | null;
  shares: Record<number, string>;
  onChange: (invoiceId: number, value: string) => void;
  fieldError: string | undefined;
}) {
  const { t } = useI18n();
  if (error) return <LoadError message={error} />;
  if (!invoices) return <Spinner />;
  if (invoices.length === 0) return <p className="muted">{t("payment.manual_none")}</p>;
  return (
    <div className="manual" data-testid="payment-manual-table">
      <p className="field-hint">{t("payment.manual_hint")}</p>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t("invoice.number")}</th>
            <th scope="col">{t("invoice.due_date")}</th>
            <th scope="col" className="num">
              {t("invoice.remaining")}
            </th>
            <th scope="col" className="num">
              {t("payment.manual_amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((inv) => (
            <tr key={inv.id}>
              <td>{inv.number}</td>
              <td>{formatDate(inv.due_date)}</td>
              <td className="num">
                <Money value={inv.remaining} />
              </td>
              <td className="num">
                <input
                  className="input input-amount input-cell"
                  inputMode="decimal"
                  value={shares[inv.id] ?? ""}
                  onChange={(e) => onChange(inv.id, e.target.value)}
                  aria-label={t("payment.manual_amount_for", { number: inv.number })}
                  data-testid="payment-allocation"
                  data-number={inv.number}
                  autoComplete="off"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fieldError && (
        <p className="field-error" role="alert" data-testid="error-allocation">
          {fieldError}
        </p>
      )}
    </div>
  );
}

function PreviewPanel({ preview, manual }: { preview: Preview; manual: boolean }) {
  const { t } = useI18n();
  return (
    <aside className="card preview" aria-live="polite" data-testid="payment-preview">
      <h2 className="card-title">{t("payment.preview.title")}</h2>
      <p className="muted">{manual ? t("payment.preview.manual") : t("payment.preview.oldest_first")}</p>
      {preview.kind === "idle" && <p className="muted">{t("payment.preview.idle")}</p>}
      {preview.kind === "loading" && <Spinner />}
      {preview.kind === "failed" && (
        <p className="field-error" data-testid="payment-preview-error">
          {preview.error.message}
        </p>
      )}
      {preview.kind === "ready" && (
        <>
          {preview.plan.lines.length === 0 ? (
            <p className="muted">{t("payment.preview.nothing_open")}</p>
          ) : (
            <ul className="preview-lines">
              {preview.plan.lines.map((l) => (
                <li key={l.invoice_id} className="preview-line" data-testid="payment-preview-line" data-number={l.number}>
                  <span>{t("payment.preview.line", { number: l.number })}</span>
                  <Money value={l.amount} />
                </li>
              ))}
            </ul>
          )}
          {!isZero(preview.plan.unallocated) && (
            <p className="preview-credit" data-testid="payment-preview-credit">
              <span>{t("payment.preview.credit")}</span>
              <Money value={preview.plan.unallocated} />
            </p>
          )}
        </>
      )}
    </aside>
  );
}
