import { useState } from "react";
import { useI18n } from "../i18n";
import {
  customerCollections,
  customerGet,
  customerSetArchived,
  customerStatement,
  sentLetterOpen,
  emailDraft,
  promiseAdd,
  toAppError,
  type CustomerDetailView,
  type PaymentView,
} from "../platform";
import { formatDate, formatMoney, formatTimestamp, isZero } from "../format";
import { useNav } from "../app/nav";
import { customerInvoicesRoute } from "../app/routes";
import { current, useLoad } from "../components/hooks";
import { EmptyState, LoadError, Money, Spinner, Stat, StatusBadge } from "../components/Bits";
import { ConfirmDialog } from "../components/Dialog";
import { DRAFT_WORDS, useDocument } from "../components/useDocument";
import { InvoiceCells, InvoiceHeadings } from "../components/InvoiceCells";
import { RowLink } from "../components/RowLink";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { kindLabel, methodLabel, termsWarningLabel } from "../model/labels";
import { termsInWords } from "../model/terms";
import { timelineSentence } from "../model/timeline";
import { segmentLabel } from "../model/policies";
import { formatRate } from "../model/rates";
import { PromisesCard } from "./CustomerPromises";
import { PlansCard } from "./CustomerPlans";
import { LettersCard } from "./CustomerLetters";
import { RiskCard } from "./CustomerRisk";
import { InsuranceCard } from "./CustomerInsurance";

export function CustomerScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => customerGet(id), [id]);

  if (state.kind === "failed") {
    return (
      <div className="stack">
        <ScreenHeader
          title={t("nav.clients")}
          back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "clients" })} />}
        />
        <LoadError message={state.error.message} onRetry={state.error.code === "not_found" ? undefined : reload} />
      </div>
    );
  }
  // While reloading after a change, keep showing the page rather than a blank spinner.
  const detail = current(state);
  if (!detail) return <Spinner />;
  return <CustomerDetail detail={detail} onChanged={reload} />;
}

function CustomerDetail({ detail, onChanged }: { detail: CustomerDetailView; onChanged: () => void }) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const c = detail.customer;
  const b = detail.balance;
  const [confirm, setConfirm] = useState(false);
  const [promising, setPromising] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const collections = useLoad(() => customerCollections(c.id), [c.id, detail]);
  const statement = useDocument();
  const sentLetter = useDocument();
  const draft = useDocument();
  const followUp = current(collections.state);

  const setArchived = async (archived: boolean) => {
    setBusy(true);
    setActionError(null);
    try {
      await customerSetArchived(c.id, archived);
      setConfirm(false);
      nav.toast(t(archived ? "customer.archived_toast" : "customer.restored_toast", { name: c.name }));
      onChanged();
    } catch (e) {
      setActionError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const termsWords = c.terms
    ? termsInWords(c.terms, t)
    : t("customer.terms_from_company", { terms: termsInWords(detail.effective_terms, t) });
  const col = detail.collections;
  const because =
    col.applied_because === "customer"
      ? t("customer.policy.because.customer")
      : col.applied_because === "segment" && col.segment !== null
        ? t("customer.policy.because.segment", { segment: t(segmentLabel(col.segment)) })
        : t("customer.policy.because.default");
  const policyWords = `${t("customer.policy.line", { name: col.applied_policy_name })} (${because})`;
  const address = [c.address.line1, c.address.line2, [c.address.postal_code, c.address.city].filter(Boolean).join(" "), c.address.country]
    .filter((l) => l.trim() !== "");

  return (
    <div className="stack" data-testid="customer-detail" data-id={c.id}>
      <ScreenHeader
        title={c.name}
        back={<BackLink label={t("common.back")} onClick={() => nav.back({ name: "clients" })} />}
        subtitle={
          <span className="meta-line">
            <span data-testid="customer-kind-label">{t(kindLabel(c.kind))}</span>
            {c.contact_name && <span>{t("customer.contact_is", { name: c.contact_name })}</span>}
            <span data-testid="customer-terms-words">{t("customer.terms_are", { terms: termsWords })}</span>
            <span data-testid="customer-policy">{policyWords}</span>
            {detail.collections.contractual_rate !== null && c.kind !== "consumer" && (
              <span data-testid="customer-contractual-rate">
                {t("customer.rate.contractual", { rate: formatRate(detail.collections.contractual_rate, locale) })}
              </span>
            )}
            {c.archived && <span className="badge badge-cancelled">{t("customers.archived")}</span>}
          </span>
        }
        actions={
          <>
            {!c.archived && (
              <>
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => nav.go({ name: "invoice-new", customerId: c.id })}
                  data-testid="customer-new-invoice"
                >
                  {t("invoices.new")}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => nav.go({ name: "payment", customerId: c.id })}
                  data-testid="customer-record-payment"
                >
                  {t("action.record_payment")}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => nav.go({ name: "credit-note", customerId: c.id })}
                  data-testid="customer-credit-note"
                >
                  {t("action.record_credit_note")}
                </button>
                {detail.open_invoices.length > 0 && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setPromising(true)}
                    data-testid="customer-promise"
                  >
                    {t("promise.button")}
                  </button>
                )}
              </>
            )}
            <button
              type="button"
              className="button"
              onClick={() => void statement.make(() => customerStatement(c.id))}
              disabled={statement.busy}
              title={t("customer.statement.hint")}
              data-testid="customer-statement"
            >
              {statement.busy ? t("document.preparing") : t("customer.statement.button")}
            </button>
            {detail.open_invoices.length > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => void draft.make(() => emailDraft(c.id), DRAFT_WORDS)}
                disabled={draft.busy}
                title={t("email.draft.hint")}
                data-testid="customer-email-draft"
              >
                {draft.busy ? t("document.preparing") : t("email.draft.button")}
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => nav.go({ name: "customer-edit", id: c.id })}
              data-testid="customer-edit"
            >
              {t("common.edit")}
            </button>
            {c.archived ? (
              <button
                type="button"
                className="button"
                onClick={() => void setArchived(false)}
                disabled={busy}
                data-testid="customer-restore"
              >
                {t("customer.restore")}
              </button>
            ) : (
              <button type="button" className="button" onClick={() => setConfirm(true)} data-testid="customer-archive">
                {t("customer.archive")}
              </button>
            )}
          </>
        }
      />

      {detail.terms_warning && (
        <div className="banner banner-warning" role="note" data-testid="terms-warning">
          <p>{t(termsWarningLabel(detail.terms_warning))}</p>
        </div>
      )}
      {statement.error && (
        <div className="banner banner-error" role="alert" data-testid="customer-statement-error">
          <p>{statement.error}</p>
        </div>
      )}
      {draft.error && (
        <div className="banner banner-error" role="alert" data-testid="customer-email-error">
          <p>{draft.error}</p>
        </div>
      )}
      {actionError && !confirm && (
        <div className="banner banner-error" role="alert">
          <p>{actionError}</p>
        </div>
      )}

      <section className="stats" aria-label={t("customer.balance")}>
        <Stat
          label={t("customer.outstanding")}
          value={b.outstanding}
          testid="customer-outstanding"
          note={
            followUp && !isZero(followUp.written_off)
              ? `${tn("customer.open_count", b.open_invoices)} · ${t("customer.written_off_part", {
                  amount: formatMoney(followUp.written_off, locale),
                })}`
              : tn("customer.open_count", b.open_invoices)
          }
        />
        <Stat
          label={t("customer.overdue")}
          value={b.overdue}
          testid="customer-overdue"
          tone={isZero(b.overdue) ? "neutral" : "danger"}
          note={
            b.overdue_invoices > 0
              ? tn("customer.overdue_count", b.overdue_invoices)
              : undefined
          }
        />
        <Stat
          label={t("customer.credit")}
          value={b.credit}
          testid="customer-credit"
          note={isZero(b.credit) ? undefined : t("customer.credit_note")}
        />
      </section>

      <RiskCard customerId={c.id} chosen={col.segment} reloadKey={detail} />

      <InsuranceCard cover={detail.cover} />

      <div className="columns">
        <section className="card">
          <h2 className="card-title">{t("customer.details")}</h2>
          <dl className="facts">
            {c.email && (
              <>
                <dt>{t("customer.field.email")}</dt>
                <dd>{c.email}</dd>
              </>
            )}
            {c.phone && (
              <>
                <dt>{t("customer.field.phone")}</dt>
                <dd>{c.phone}</dd>
              </>
            )}
            {address.length > 0 && (
              <>
                <dt>{t("address.title")}</dt>
                <dd>
                  {address.map((line) => (
                    <span className="line" key={line}>
                      {line}
                    </span>
                  ))}
                </dd>
              </>
            )}
            {c.siren && (
              <>
                <dt>{t("customer.field.siren")}</dt>
                <dd>{c.siren}</dd>
              </>
            )}
            {c.siret && (
              <>
                <dt>{t("customer.field.siret")}</dt>
                <dd>{c.siret}</dd>
              </>
            )}
            {c.vat_number && (
              <>
                <dt>{t("customer.field.vat")}</dt>
                <dd>{c.vat_number}</dd>
              </>
            )}
            {c.credit_limit && (
              <>
                <dt>{t("customer.field.credit_limit")}</dt>
                <dd>
                  <Money value={c.credit_limit} />
                </dd>
              </>
            )}
            {c.notes && (
              <>
                <dt>{t("customer.field.notes")}</dt>
                <dd className="notes">{c.notes}</dd>
              </>
            )}
            {!c.email && !c.phone && address.length === 0 && (
              <dd className="muted">{t("customer.no_details")}</dd>
            )}
          </dl>
        </section>

        <section className="card" aria-labelledby="timeline-title">
          <h2 className="card-title" id="timeline-title">
            {t("customer.timeline")}
          </h2>
          {detail.timeline.length === 0 ? (
            <p className="muted">{t("customer.timeline_empty")}</p>
          ) : (
            <ol className="timeline" data-testid="customer-timeline">
              {detail.timeline.map((entry, index) => (
                <li key={`${entry.at}-${index}`} className="timeline-entry" data-testid="timeline-entry" data-kind={entry.kind}>
                  <time className="timeline-at" dateTime={entry.at}>
                    {formatTimestamp(entry.at, locale)}
                  </time>
                  <span className="timeline-text">{timelineSentence(entry, locale, t)}</span>
                  {entry.letter_id !== null && (
                    <button
                      type="button"
                      className="link timeline-action"
                      disabled={sentLetter.busy}
                      onClick={() => {
                        const id = entry.letter_id;
                        if (id !== null) void sentLetter.make(() => sentLetterOpen(id));
                      }}
                      title={t("letters.view.hint")}
                      data-testid="timeline-letter-open"
                    >
                      {t("letters.view")}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          )}
          {sentLetter.error && (
            <div className="banner banner-error" role="alert" data-testid="timeline-letter-error">
              <p>{sentLetter.error}</p>
            </div>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="open-title">
        <div className="card-head">
          <h2 className="card-title" id="open-title">
            {t("customer.open_invoices")}
          </h2>
          <button
            type="button"
            className="link"
            onClick={() => nav.go(customerInvoicesRoute({ id: c.id, name: c.name }))}
            data-testid="customer-all-invoices"
          >
            {t("customer.all_invoices")}
          </button>
        </div>
        {detail.open_invoices.length === 0 ? (
          <EmptyState testid="customer-no-open" title={t("customer.no_open.title")} body={t("customer.no_open.body")} />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="customer-open-invoices">
              <thead>
                <InvoiceHeadings last={t("invoice.status")} />
              </thead>
              <tbody>
                {detail.open_invoices.map((inv) => (
                  <tr
                    key={inv.id}
                    className="row-link"
                    data-testid="customer-invoice"
                    data-number={inv.number}
                    onClick={() => nav.go({ name: "invoice", id: inv.id })}
                  >
                    <td>
                      <RowLink to={{ name: "invoice", id: inv.id }}>{inv.number}</RowLink>
                    </td>
                    <InvoiceCells invoice={inv} last={<StatusBadge status={inv.status} daysLate={inv.days_late} />} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {followUp && <PromisesCard view={followUp} onChanged={onChanged} />}

      <PlansCard customerId={c.id} canCreate={!c.archived && detail.open_invoices.length > 0} reloadKey={detail} />

      <LettersCard customerId={c.id} reloadKey={detail} />

      <section className="card" aria-labelledby="payments-title">
        <h2 className="card-title" id="payments-title">
          {t("customer.payments")}
        </h2>
        {detail.payments.length === 0 ? (
          <p className="muted" data-testid="customer-no-payments">
            {t("customer.no_payments")}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="customer-payments">
              <thead>
                <tr>
                  <th scope="col">{t("payment.date")}</th>
                  <th scope="col">{t("payment.kind")}</th>
                  <th scope="col">{t("payment.reference")}</th>
                  <th scope="col" className="num">
                    {t("payment.amount")}
                  </th>
                  <th scope="col">{t("payment.allocated_to")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.payments.map((p) => (
                  <tr key={p.id} data-testid="customer-payment">
                    <td>{formatDate(p.date)}</td>
                    <td>{p.kind === "credit_note" ? t("payment.kind.credit_note") : t(methodLabel(p.method))}</td>
                    <td>{p.reference || <span className="muted">{t("common.none")}</span>}</td>
                    <td className="num">
                      <Money value={p.amount} testid="customer-payment-amount" />
                    </td>
                    <td>{allocationText(p, locale, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {promising && (
        <PromiseDialog
          detail={detail}
          onClose={() => setPromising(false)}
          onSaved={() => {
            setPromising(false);
            nav.toast(t("promise.toast", { name: c.name }));
            onChanged();
          }}
        />
      )}

      {confirm && (
        <ConfirmDialog
          title={t("customer.archive_confirm.title", { name: c.name })}
          body={t("customer.archive_confirm.body")}
          confirmLabel={t("customer.archive")}
          busy={busy}
          error={actionError}
          onConfirm={() => void setArchived(true)}
          onCancel={() => {
            setConfirm(false);
            setActionError(null);
          }}
        />
      )}
    </div>
  );
}

function allocationText(p: PaymentView, locale: "fr" | "en", t: ReturnType<typeof useI18n>["t"]): string {
  const parts = p.allocations.map((a) => t("payment.allocation_part", { number: a.number, amount: formatMoney(a.amount, locale) }));
  if (!isZero(p.unallocated)) parts.push(t("payment.credit_part", { amount: formatMoney(p.unallocated, locale) }));
  return parts.length ? parts.join(", ") : t("common.none");
}

/** A payment promise: an amount, a date, and the invoices it covers (none ticked: all the open ones). */
function PromiseDialog({
  detail,
  onClose,
  onSaved,
}: {
  detail: CustomerDetailView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, locale } = useI18n();
  const [amount, setAmount] = useState("");
  const [by, setBy] = useState("");
  const [ticked, setTicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await promiseAdd({ customer_id: detail.customer.id, amount: amount.trim(), by: by.trim(), invoice_ids: ticked });
      onSaved();
    } catch (e) {
      const err = toAppError(e);
      const fields = Object.values(err.fields);
      setError(fields.length > 0 ? fields.join(" ") : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={t("promise.title", { name: detail.customer.name })}
      body={t("promise.body")}
      confirmLabel={t("promise.confirm")}
      busy={busy}
      error={error}
      onConfirm={() => void save()}
      onCancel={onClose}
    >
      <label className="field">
        <span className="field-label">{t("promise.amount")}</span>
        <input
          className="input input-amount"
          value={amount}
          inputMode="decimal"
          onChange={(e) => setAmount(e.target.value)}
          data-testid="promise-amount"
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span className="field-label">{t("promise.by")}</span>
        <input
          className="input"
          value={by}
          placeholder={t("promise.by_placeholder")}
          onChange={(e) => setBy(e.target.value)}
          data-testid="promise-by"
          autoComplete="off"
        />
      </label>
      <fieldset className="field">
        <legend className="field-label">{t("promise.invoices")}</legend>
        <div className="check-list">
          {detail.open_invoices.map((inv) => (
            <label key={inv.id} className="check">
              <input
                type="checkbox"
                checked={ticked.includes(inv.id)}
                onChange={(e) =>
                  setTicked((list) => (e.target.checked ? [...list, inv.id] : list.filter((id) => id !== inv.id)))
                }
                data-testid="promise-invoice"
                data-number={inv.number}
              />
              <span>
                {inv.number} · {formatMoney(inv.remaining, locale)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </ConfirmDialog>
  );
}
