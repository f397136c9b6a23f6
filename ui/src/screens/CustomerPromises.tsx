// The customer's promises to pay: what each became, how many were broken,
// and "Annuler la promesse" (with a confirmation) on a running one.
import { useState } from "react";
import { useI18n } from "../i18n";
import { promiseCancel, toAppError, type CustomerCollectionsView, type PromiseView } from "../platform";
import { formatDate, formatMoney } from "../format";
import { useNav } from "../app/nav";
import { ConfirmDialog } from "../components/Dialog";
import { canCancelPromise, promiseStatus } from "../model/followup";

const BADGE: Record<string, string> = {
  running: "badge-soon",
  kept: "badge-paid",
  broken: "badge-overdue",
  cancelled: "badge-cancelled",
};

export function PromisesCard({ view, onChanged }: { view: CustomerCollectionsView; onChanged: () => void }) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const [cancelling, setCancelling] = useState<PromiseView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const cancel = async (p: PromiseView) => {
    setBusy(true);
    setError(null);
    try {
      await promiseCancel(p.id);
      setCancelling(null);
      nav.toast(t("promises.cancel.toast"));
      onChanged();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" data-testid="customer-promises" aria-labelledby="promises-title">
      <div className="card-head">
        <h2 className="card-title" id="promises-title">
          {t("promises.title")}
        </h2>
        {view.broken_promises > 0 && (
          <span className="badge badge-overdue" data-testid="customer-broken-promises">
            {tn("promises.broken_count", view.broken_promises)}
          </span>
        )}
      </div>
      {view.promises.length === 0 ? (
        <p className="muted" data-testid="customer-no-promises">
          {t("promises.empty")}
        </p>
      ) : (
        <ul className="plain-list promise-list">
          {view.promises.map((p) => {
            const status = promiseStatus(p);
            return (
              <li key={p.id} className="promise" data-testid="customer-promise-entry" data-status={p.status}>
                <div className="promise-text">
                  <span className="strong">
                    {t("promises.line", { amount: formatMoney(p.amount, locale), by: formatDate(p.by) })}
                  </span>
                  <span className={`badge ${BADGE[p.status] ?? "badge-cancelled"}`} data-testid="promise-status">
                    {t(status.key, { date: status.date ? formatDate(status.date) : "" })}
                  </span>
                  <span className="muted">
                    {t("promises.invoices", { invoices: p.invoices.join(", ") })}
                    {" · "}
                    {t("promises.paid", { paid: formatMoney(p.paid, locale) })}
                  </span>
                </div>
                {canCancelPromise(p) && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => {
                      setError(null);
                      setCancelling(p);
                    }}
                    data-testid="promise-cancel"
                  >
                    {t("promises.cancel")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {cancelling && (
        <ConfirmDialog
          title={t("promises.cancel.title", {
            amount: formatMoney(cancelling.amount, locale),
            by: formatDate(cancelling.by),
          })}
          body={t("promises.cancel.body")}
          confirmLabel={t("promises.cancel")}
          danger
          busy={busy}
          error={error}
          onConfirm={() => void cancel(cancelling)}
          onCancel={() => setCancelling(null)}
        />
      )}
    </section>
  );
}
