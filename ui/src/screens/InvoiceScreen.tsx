import { useState } from "react";
import { useI18n } from "../i18n";
import {
  invoiceCancel,
  invoiceCollection,
  invoiceGet,
  invoicePenalties,
  toAppError,
  type InvoiceView,
  type PenaltiesJson,
} from "../platform";
import { formatDate, isZero } from "../format";
import type { MessageKey } from "../i18n";
import { useNav } from "../app/nav";
import { current, useLoad } from "../components/hooks";
import { LoadError, Money, Spinner, StatusBadge } from "../components/Bits";
import { ConfirmDialog } from "../components/Dialog";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { DisputeButtons, DisputeDialog, DisputeFlag, DisputeHistory, FollowUpCard } from "./InvoiceFollowUp";

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
  const [dispute, setDispute] = useState<"open" | "reopen" | "resolve" | null>(null);
  const collection = useLoad(() => invoiceCollection(inv.id), [inv.id, inv.settled, inv.status]);
  const c = current(collection.state);
  const changed = () => {
    collection.reload();
    onChanged();
  };
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
      changed();
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
            <button
              type="button"
              className="link"
              onClick={() => nav.go({ name: "customer", id: inv.customer_id })}
              data-testid="invoice-customer-link"
            >
              {inv.customer_name}
            </button>
            <StatusBadge status={inv.status} daysLate={inv.days_late} />
            {c?.open_dispute && (
              <span className="badge badge-soon" data-testid="invoice-badge-disputed">
                {t("invoice.badge.disputed")}
              </span>
            )}
            {c?.stage === "written_off" && (
              <span className="badge badge-cancelled" data-testid="invoice-badge-written-off">
                {t("invoice.badge.written_off")}
              </span>
            )}
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
              {/* An invoice in a running plan is followed by that plan: link to it, offer no second one. */}
              {!isZero(inv.remaining) && c && c.running_plan === null && (
                <button
                  type="button"
                  className="button"
                  onClick={() => nav.go({ name: "plan-new", customerId: inv.customer_id, invoiceId: inv.id })}
                  data-testid="invoice-new-plan"
                >
                  {t("plan.button")}
                </button>
              )}
              {c && c.running_plan !== null && (
                <button
                  type="button"
                  className="button"
                  onClick={() => c.running_plan !== null && nav.go({ name: "plan", id: c.running_plan })}
                  data-testid="invoice-plan"
                >
                  {t("invoice.in_plan", { plan: c.running_plan })}
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
              {c && <DisputeButtons inv={inv} c={c} onAsk={(a) => a !== "credit" && setDispute(a)} />}
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
      {c && <DisputeFlag c={c} />}
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
      {c && <FollowUpCard inv={inv} c={c} onDone={changed} />}
      {c && <DisputeHistory c={c} />}
      {!cancelled && !isZero(inv.remaining) && inv.status === "overdue" && <Penalties id={inv.id} />}
      {collection.state.kind === "failed" && (
        <p className="muted" data-testid="invoice-collection-error">
          {collection.state.error.message}
        </p>
      )}
      {dispute && c && (
        <DisputeDialog
          inv={inv}
          c={c}
          action={dispute}
          onClose={() => setDispute(null)}
          onDone={() => {
            setDispute(null);
            changed();
          }}
        />
      )}
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

function basisLabel(basis: string): MessageKey {
  switch (basis) {
    case "contractual":
      return "basis.contractual";
    case "legal_rate":
      return "basis.legal_rate";
    default:
      return "basis.ecb_plus_10";
  }
}

/** Late-payment interest and the fixed indemnity, worked out by the back end; an unknown rate is said calmly. */
function Penalties({ id }: { id: number }) {
  const { t } = useI18n();
  const { state } = useLoad(() => invoicePenalties(id), [id]);
  const p = current(state);
  return (
    <section className="card" data-testid="invoice-penalties" aria-labelledby="penalties-title">
      <h2 className="card-title" id="penalties-title">
        {t("penalties.title")}
      </h2>
      {state.kind === "failed" ? (
        <p className="muted" data-testid="penalties-unavailable">
          {t("penalties.unavailable", { message: state.error.message })}
        </p>
      ) : !p ? (
        <Spinner />
      ) : (
        <PenaltyFigures p={p} />
      )}
    </section>
  );
}

function PenaltyFigures({ p }: { p: PenaltiesJson }) {
  const { t, locale } = useI18n();
  if (p.days_late <= 0) return <p className="muted">{t("penalties.not_late")}</p>;
  return (
    <>
      <p className="muted">{t("penalties.as_of", { date: formatDate(p.as_of) })}</p>
      {p.periods.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="penalties-periods">
            <thead>
              <tr>
                <th scope="col">{t("penalties.period")}</th>
                <th scope="col" className="num">
                  {t("penalties.days")}
                </th>
                <th scope="col">{t("penalties.rate")}</th>
                <th scope="col" className="num">
                  {t("penalties.principal")}
                </th>
                <th scope="col" className="num">
                  {t("penalties.interest")}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.periods.map((r) => (
                <tr key={r.from} data-testid="penalties-period">
                  <td>{t("penalties.period_dates", { from: formatDate(r.from), to: formatDate(r.to) })}</td>
                  <td className="num">{r.days}</td>
                  <td>
                    {t("penalties.rate_value", {
                      rate: locale === "fr" ? r.annual_rate.replace(".", ",") : r.annual_rate,
                    })}{" "}
                    <span className="muted">({t(basisLabel(r.basis))})</span>
                  </td>
                  <td className="num">
                    <Money value={r.principal} />
                  </td>
                  <td className="num">
                    <Money value={r.interest} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="facts facts-amounts penalties-note">
        <dt>{t("penalties.days_late")}</dt>
        <dd className="num" data-testid="penalties-days-late">
          {p.days_late}
        </dd>
        <dt>{t("penalties.outstanding")}</dt>
        <dd className="num">
          <Money value={p.outstanding} />
        </dd>
        <dt>{t("penalties.interest")}</dt>
        <dd className="num">
          <Money value={p.interest} testid="penalties-interest" />
        </dd>
        {p.debtor === "business" && (
          <>
            <dt>{t("penalties.indemnity")}</dt>
            <dd className="num">
              <Money value={p.indemnity} testid="penalties-indemnity" />
            </dd>
          </>
        )}
        <dt>{t("penalties.total")}</dt>
        <dd className="num strong">
          <Money value={p.total} testid="penalties-total" />
        </dd>
      </dl>
      {p.debtor === "consumer" && <p className="muted">{t("penalties.consumer")}</p>}
    </>
  );
}
