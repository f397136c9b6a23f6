import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  creditNoteRecord,
  customerGet,
  toAppError,
  type AppError,
  type CustomerDetailView,
} from "../platform";
import { amountForInput, formatDate, formatMoney, todayForInput } from "../format";
import { useNav } from "../app/nav";
import { FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Spinner } from "../components/Bits";
import { useSubmit } from "../components/hooks";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";

const SHOWN = ["credit_note_number", "payment_date", "amount", "notes", "invoice"];

/**
 * A credit note (avoir) settles part or all of an invoice without money coming in.
 * Opened from a disputed invoice, it is prefilled for that invoice and what it still owes.
 */
export function CreditNoteScreen({ customerId, invoiceId }: { customerId: number; invoiceId?: number | undefined }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [detail, setDetail] = useState<CustomerDetailView | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [number, setNumber] = useState("");
  const [date, setDate] = useState(() => todayForInput(nav.info?.today));
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [invoice, setInvoice] = useState(invoiceId === undefined ? "" : String(invoiceId));
  const { saving, error, send } = useSubmit();

  useEffect(() => {
    customerGet(customerId).then((d) => {
      setDetail(d);
      const chosen = d.open_invoices.find((inv) => inv.id === invoiceId);
      if (chosen) setAmount((typed) => (typed === "" ? amountForInput(chosen.remaining, locale) : typed));
    }, (e: unknown) => setLoadError(toAppError(e)));
  }, [customerId, invoiceId, locale]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await creditNoteRecord({
        customer_id: customerId,
        invoice_id: invoice === "" ? null : Number(invoice),
        number,
        date,
        amount,
        reason,
      });
      nav.toast(t("credit_note.saved_toast", { number: number.trim() }));
      nav.back({ name: "customer", id: customerId });
    });
  };

  const errors = error?.fields;
  return (
    <div className="stack" data-testid="credit-note-screen">
      <ScreenHeader
        title={t("credit_note.title")}
        subtitle={detail?.customer.name}
        focusTitle={false}
        back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "customer", id: customerId })} />}
      />
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : !detail ? (
        <Spinner />
      ) : (
        <form className="card form form-narrow" onSubmit={submit} noValidate data-testid="credit-note-form">
          <p className="muted">{t("credit_note.intro")}</p>
          <FormError error={error} shown={SHOWN} />
          <div className="form-grid">
            <TextField
              label={t("credit_note.number")}
              value={number}
              onChange={setNumber}
              testid="credit-number"
              field="credit_note_number"
              errors={errors}
              placeholder={t("credit_note.number_placeholder")}
              autoFocus
            />
            <TextField
              label={t("credit_note.date")}
              value={date}
              onChange={setDate}
              testid="credit-date"
              field="payment_date"
              errors={errors}
              placeholder={t("date.placeholder")}
            />
            <TextField
              label={t("credit_note.amount")}
              value={amount}
              onChange={setAmount}
              testid="credit-amount"
              field="amount"
              errors={errors}
              amount
            />
            <SelectField
              label={t("credit_note.invoice")}
              value={invoice}
              onChange={setInvoice}
              options={[
                { value: "", label: t("credit_note.oldest_first") },
                ...detail.open_invoices.map((inv) => ({
                  value: String(inv.id),
                  label: t("credit_note.invoice_option", {
                    number: inv.number,
                    remaining: formatMoney(inv.remaining, locale),
                    due: formatDate(inv.due_date),
                  }),
                })),
              ]}
              testid="credit-invoice"
              field="invoice"
              errors={errors}
            />
          </div>
          <TextField
            label={t("credit_note.reason")}
            value={reason}
            onChange={setReason}
            testid="credit-reason"
            field="notes"
            errors={errors}
            placeholder={t("credit_note.reason_placeholder")}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving} data-testid="credit-save">
              {saving ? t("common.saving") : t("credit_note.save")}
            </button>
            <button type="button" className="button" onClick={() => nav.back({ name: "customer", id: customerId })}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
