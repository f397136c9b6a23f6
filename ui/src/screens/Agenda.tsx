// The top of Today: what to do today, per customer (reminder actions from the
// dunning plan) and the promises that were broken.
import { useState } from "react";
import { useI18n } from "../i18n";
import {
  actionDone,
  actionPostpone,
  actionSkip,
  agenda,
  toAppError,
  type AgendaActionJson,
  type AgendaCustomerJson,
  type BrokenPromiseJson,
} from "../platform";
import { formatDate, formatMoney } from "../format";
import { useNav } from "../app/nav";
import { current, useLoad } from "../components/hooks";
import { LoadError, Money, Spinner } from "../components/Bits";
import { ConfirmDialog } from "../components/Dialog";
import { channelLabel, levelLabel } from "../model/labels";

type Ask = { kind: "postpone" | "skip"; customer: AgendaCustomerJson; action: AgendaActionJson };

export function Agenda({ onChanged }: { onChanged?: () => void }) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => agenda(), []);
  const data = current(state);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [answer, setAnswer] = useState("");

  const run = async (work: () => Promise<unknown>, toast: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setAsk(null);
      setAnswer("");
      nav.toast(toast);
      reload();
      onChanged?.();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const done = (c: AgendaCustomerJson, a: AgendaActionJson) =>
    void run(
      () => actionDone(c.customer_id, a.channel),
      t("agenda.done_toast", { level: t(levelLabel(a.level)), name: c.customer_name }),
    );

  const confirmAsk = () => {
    if (!ask) return;
    const { customer: c, action: a } = ask;
    const value = answer.trim();
    if (ask.kind === "skip") {
      if (value === "") {
        setError(t("agenda.skip.reason_required"));
        return;
      }
      void run(
        () => actionSkip(c.customer_id, a.channel, value),
        t("agenda.skipped_toast", { level: t(levelLabel(a.level)), name: c.customer_name }),
      );
    } else {
      if (value === "") {
        setError(t("agenda.postpone.date_required"));
        return;
      }
      void run(
        () => actionPostpone(c.customer_id, a.channel, value),
        t("agenda.postponed_toast", { level: t(levelLabel(a.level)), name: c.customer_name }),
      );
    }
  };

  const promises = data ? data.customers.flatMap((c) => c.broken_promises.map((p) => ({ c, p }))) : [];
  const actions = data ? data.customers.flatMap((c) => c.actions.map((a) => ({ c, a }))) : [];

  return (
    <section className="card agenda" data-testid="agenda" aria-labelledby="agenda-title">
      <h2 className="card-title" id="agenda-title">
        {t("agenda.title")}
      </h2>
      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data ? (
        <Spinner />
      ) : promises.length === 0 && actions.length === 0 ? (
        <p className="muted" data-testid="agenda-empty">
          {t("agenda.empty")}
        </p>
      ) : (
        <div className="agenda-list">
          {error && !ask && (
            <div className="banner banner-error" role="alert" data-testid="agenda-error">
              <p>{error}</p>
            </div>
          )}
          {promises.map(({ c, p }) => (
            <BrokenPromise key={`p-${p.promise_id}`} customer={c} promise={p} />
          ))}
          {actions.map(({ c, a }) => (
            <article
              key={`${c.customer_id}-${a.channel}`}
              className="agenda-action"
              data-testid="agenda-action"
              data-customer-id={c.customer_id}
              data-channel={a.channel}
            >
              <header className="agenda-head">
                <button
                  type="button"
                  className="link group-name"
                  onClick={() => nav.go({ name: "customer", id: c.customer_id })}
                  data-testid="agenda-customer"
                >
                  {c.customer_name}
                </button>
                <span className="agenda-what">
                  <span className="badge badge-soon" data-testid="agenda-level">
                    {t(levelLabel(a.level))}
                  </span>
                  <span className="muted" data-testid="agenda-channel">
                    {t(channelLabel(a.channel))}
                  </span>
                </span>
              </header>
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t("agenda.invoice")}</th>
                    <th scope="col">{t("agenda.level")}</th>
                    <th scope="col">{t("agenda.late")}</th>
                    <th scope="col" className="num">
                      {t("agenda.amount_due")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.invoices.map((line) => (
                    <tr key={line.number} data-testid="agenda-line" data-number={line.number}>
                      <td>{line.number}</td>
                      <td>{t(levelLabel(line.level))}</td>
                      <td>
                        {line.days_late > 0
                          ? tn("today.late", line.days_late, { days: line.days_late })
                          : t("today.due_on", { date: formatDate(line.due_date) })}
                      </td>
                      <td className="num">
                        <Money value={line.amount_due} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <footer className="agenda-foot">
                <span className="agenda-total">
                  {t("agenda.total")} <Money value={a.total} testid="agenda-total" />
                  {a.fee && <span className="muted"> {t("agenda.fee", { fee: formatMoney(a.fee, locale) })}</span>}
                </span>
                <span className="agenda-buttons">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={busy}
                    onClick={() => done(c, a)}
                    data-testid="agenda-done"
                  >
                    {t("agenda.done")}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => {
                      setError(null);
                      setAnswer("");
                      setAsk({ kind: "postpone", customer: c, action: a });
                    }}
                    data-testid="agenda-postpone"
                  >
                    {t("agenda.postpone")}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => {
                      setError(null);
                      setAnswer("");
                      setAsk({ kind: "skip", customer: c, action: a });
                    }}
                    data-testid="agenda-skip"
                  >
                    {t("agenda.skip")}
                  </button>
                </span>
              </footer>
            </article>
          ))}
        </div>
      )}
      {ask && (
        <ConfirmDialog
          title={t(ask.kind === "skip" ? "agenda.skip.title" : "agenda.postpone.title", {
            level: t(levelLabel(ask.action.level)),
            name: ask.customer.customer_name,
          })}
          body={t(ask.kind === "skip" ? "agenda.skip.body" : "agenda.postpone.body")}
          confirmLabel={t(ask.kind === "skip" ? "agenda.skip.confirm" : "agenda.postpone.confirm")}
          busy={busy}
          error={error}
          onConfirm={confirmAsk}
          onCancel={() => {
            setAsk(null);
            setError(null);
          }}
        >
          <label className="field">
            <span className="field-label">
              {t(ask.kind === "skip" ? "agenda.skip.reason" : "agenda.postpone.until")}
            </span>
            <input
              className="input"
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              placeholder={ask.kind === "postpone" ? t("agenda.postpone.placeholder") : undefined}
              required
              data-testid={ask.kind === "skip" ? "agenda-skip-reason" : "agenda-postpone-until"}
              autoComplete="off"
            />
          </label>
        </ConfirmDialog>
      )}
    </section>
  );
}

function BrokenPromise({ customer: c, promise: p }: { customer: AgendaCustomerJson; promise: BrokenPromiseJson }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  return (
    <div
      className="banner banner-warning agenda-promise"
      role="note"
      data-testid="agenda-broken-promise"
      data-customer-id={c.customer_id}
    >
      <p>
        <button
          type="button"
          className="link group-name"
          onClick={() => nav.go({ name: "customer", id: c.customer_id })}
        >
          {c.customer_name}
        </button>
      </p>
      <p>
        {t("agenda.broken_promise", {
          amount: formatMoney(p.amount, locale),
          by: formatDate(p.by),
          paid: formatMoney(p.paid, locale),
        })}
        {p.invoices.length > 0 && ` ${t("agenda.broken_promise.invoices", { invoices: p.invoices.join(", ") })}`}
      </p>
    </div>
  );
}
