import { useState } from "react";
import { useI18n } from "../i18n";
import { invoiceCancel, invoiceGet, toAppError, type InvoiceView } from "../platform";
import { formatDate, isZero } from "../format";
import { useNav } from "../app/nav";
import { current, useLoad } from "../components/hooks";
import { LoadError, Money, Spinner, StatusBadge } from "../components/Bits";
import { ConfirmDialog } from "../components/Dialog";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";

export function InvoiceScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => invoiceGet(id), [id]);
  if (state.kind === "failed") {
    return (
      <div className="stack">
        <ScreenHeader
          title={t("nav.invoices")}
          back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "invoices" })} />}
        />
        <LoadError message={state.error.message} onRetry={state.error.code === "not_found" ? undefined : reload} />
      </div>
    );
  }
  const invoice = current(state);
  if (!invoice) return <Spinner />;
  return <InvoiceDetail invoice={invoice} onChanged={reload} />;
}

function InvoiceDetail({ invoice: inv, onChanged }: { invoice: InvoiceView; onChanged: () => void }) {
  const { t } = useI18n();
  const nav = useNav();
  const [confirm, setConfirm] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelled = inv.status === "cancelled";

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await invoiceCancel(inv.id, reason.trim());
      setConfirm(false);
      nav.toast(t("invoice.cancelled_toast", { number: inv.number }));
      onChanged();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="invoice-detail" data-number={inv.number}>
      <ScreenHeader
        title={t("invoice.title", { number: inv.number })}
        back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "invoices" })} />}
        subtitle={
          <span className="meta-line">
            <button type="button" className="link" onClick={() => nav.go({ name: "customer", id: inv.customer_id })}>
              {inv.customer_name}
            </button>
            <StatusBadge status={inv.status} daysLate={inv.days_late} />
          </span>
        }
        actions={
          !cancelled && (
            <>
              {!isZero(inv.remaining) && (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => nav.go({ name: "payment", customerId: inv.customer_id })}
                  data-testid="invoice-record-payment"
                >
                  {t("action.record_payment")}
                </button>
              )}
              <button
                type="button"
                className="button"
                onClick={() => nav.go({ name: "invoice-edit", id: inv.id })}
                data-testid="invoice-edit"
              >
                {t("common.edit")}
              </button>
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => setConfirm(true)}
                data-testid="invoice-cancel"
              >
                {t("invoice.cancel")}
              </button>
            </>
          )
        }
      />
      <section className="stats">
        <div className="stat">
          <span className="stat-label">{t("invoice.issue_date")}</span>
          <span className="stat-value">{formatDate(inv.issue_date)}</span>
        </div>
        <div className={`stat${inv.status === "overdue" ? " stat-danger" : ""}`}>
          <span className="stat-label">{t("invoice.due_date")}</span>
          <span className="stat-value" data-testid="invoice-detail-due">
            {formatDate(inv.due_date)}
          </span>
          <span className="stat-note">
            {inv.due_date_set_by_hand ? t("invoice.due_by_hand") : t("invoice.due_from_terms")}
          </span>
        </div>
        <div className="stat">
          <span className="stat-label">{t("invoice.remaining")}</span>
          <Money value={inv.remaining} className="stat-value" testid="invoice-detail-remaining" />
        </div>
      </section>
      <section className="card">
        <dl className="facts facts-amounts">
          <dt>{t("invoice.excl")}</dt>
          <dd className="num">
            <Money value={inv.amount_excl_tax} />
          </dd>
          <dt>{t("invoice.tax")}</dt>
          <dd className="num">
            <Money value={inv.tax_amount} />
          </dd>
          <dt>{t("invoice.total")}</dt>
          <dd className="num strong">
            <Money value={inv.total} testid="invoice-detail-total" />
          </dd>
          <dt>{t("invoice.settled")}</dt>
          <dd className="num">
            <Money value={inv.settled} />
          </dd>
          <dt>{t("invoice.remaining")}</dt>
          <dd className="num strong">
            <Money value={inv.remaining} />
          </dd>
        </dl>
        {cancelled && (
          <p className="muted" data-testid="invoice-cancel-reason">
            {inv.cancel_reason ? t("invoice.cancelled_because", { reason: inv.cancel_reason }) : t("invoice.cancelled_note")}
          </p>
        )}
      </section>
      {confirm && (
        <ConfirmDialog
          title={t("invoice.cancel_confirm.title", { number: inv.number })}
          body={t("invoice.cancel_confirm.body")}
          confirmLabel={t("invoice.cancel")}
          danger
          busy={busy}
          error={error}
          onConfirm={() => void cancel()}
          onCancel={() => {
            setConfirm(false);
            setError(null);
          }}
        >
          <label className="field">
            <span className="field-label">{t("invoice.cancel_reason")}</span>
            <input
              className="input"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="cancel-reason"
              autoComplete="off"
            />
          </label>
        </ConfirmDialog>
      )}
    </div>
  );
}
