// The top of Today: what to do today, one card per customer. A card holds the
// customer's broken promises, its one message (letter, email or call, led by
// its furthest level, listing every late invoice at its own level) and, apart,
// the decision to go to court or to an agency when one is due, and the
// notices and reminders of its running installment plans (which replace the
// reminders of the plan's invoices while it is kept), and the unpaid invoices to declare
// to its credit insurer before the contract's deadline (« Marquer comme déclaré », confirmed).
import { useEffect, useState } from "react";
import { useI18n } from "../i18n";
import {
  actionDone,
  actionPostpone,
  actionSkip,
  agenda,
  emailDraft,
  emailSend,
  mailConfigured,
  installmentDone,
  insuranceDeclare,
  installmentPostpone,
  installmentSkip,
  letterPreview,
  promisesAcknowledge,
  toAppError,
  type AgendaActionJson,
  type AgendaCustomerJson,
  type BrokenPromiseJson,
  type DeclarationDueJson,
  type PlanActionJson,
} from "../platform";
import { formatDate, formatMoney } from "../format";
import { useNav } from "../app/nav";
import { current, useLoad } from "../components/hooks";
import { LoadError, Money, Spinner } from "../components/Bits";
import { ConfirmDialog } from "../components/Dialog";
import { levelLabel } from "../model/labels";
import { actionSentence, installmentSentence } from "../model/agenda";
import { channelLabel } from "../model/labels";
import { DayLetters } from "./DayLetters";
import { DRAFT_WORDS, useDocument } from "../components/useDocument";

/** What a Reporter… or Passer… dialog is about: a reminder action or a plan's installment action. */
type Ask =
  | { kind: "postpone" | "skip"; customer: AgendaCustomerJson; action: AgendaActionJson; installment?: undefined }
  | { kind: "postpone" | "skip"; customer: AgendaCustomerJson; installment: PlanActionJson; action?: undefined };
type Handlers = {
  busy: boolean;
  onDone: (c: AgendaCustomerJson, a: AgendaActionJson) => void;
  onInstallmentDone: (c: AgendaCustomerJson, i: PlanActionJson, channel: string) => void;
  onAsk: (ask: Ask) => void;
  onAcknowledge: (c: AgendaCustomerJson) => void;
  /** Direct sending is set up (SMTP settings saved): offer « Envoyer l’e-mail ». */
  mailReady: boolean;
  onSend: (c: AgendaCustomerJson, a: AgendaActionJson) => void;
  onDeclare: (c: AgendaCustomerJson, d: DeclarationDueJson) => void;
};

/** The channels an installment notice or reminder may go by. */
const INSTALLMENT_CHANNELS = ["email", "letter", "phone_call"] as const;

export function Agenda({ onChanged }: { onChanged?: () => void }) {
  const { t } = useI18n();
  const { state, reload } = useLoad(() => agenda(), []);
  const nav = useNav();
  const data = current(state);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [answer, setAnswer] = useState("");
  const [sending, setSending] = useState<AgendaCustomerJson | null>(null);
  const [declaring, setDeclaring] = useState<{ customer: AgendaCustomerJson; declaration: DeclarationDueJson } | null>(
    null,
  );
  // Not the keyring: a locked one would prompt on every visit of Today. A missing password is
  // said when sending.
  const mail = useLoad(() => mailConfigured(), []);
  const mailReady = current(mail.state) === true;
  const level = (a: AgendaActionJson) => t(levelLabel(a.level)).toLowerCase();

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
      a.decision
        ? t("agenda.decision.done_toast", { name: c.customer_name })
        : t("agenda.done_toast", { level: level(a), name: c.customer_name }),
    );

  const installmentDoneNow = (c: AgendaCustomerJson, i: PlanActionJson, channel: string) =>
    void run(
      () => installmentDone(i.plan_id, i.number, i.kind, channel),
      t("agenda.installment.done_toast", { n: i.number, name: c.customer_name }),
    );

  const confirmAsk = () => {
    if (!ask) return;
    const value = answer.trim();
    if (ask.installment) {
      const { customer: c, installment: i } = ask;
      if (value === "") {
        setError(t(ask.kind === "skip" ? "agenda.skip.reason_required" : "agenda.postpone.date_required"));
        return;
      }
      void (ask.kind === "skip"
        ? run(
            () => installmentSkip(i.plan_id, i.number, i.kind, value),
            t("agenda.installment.skipped_toast", { n: i.number, name: c.customer_name }),
          )
        : run(
            () => installmentPostpone(i.plan_id, i.number, i.kind, value),
            t("agenda.installment.postponed_toast", { n: i.number, name: c.customer_name }),
          ));
      return;
    }
    const { customer: c, action: a } = ask;
    if (ask.kind === "skip") {
      if (value === "") {
        setError(t("agenda.skip.reason_required"));
        return;
      }
      void run(
        () => actionSkip(c.customer_id, a.channel, value),
        t("agenda.skipped_toast", { level: level(a), name: c.customer_name }),
      );
    } else {
      if (value === "") {
        setError(t("agenda.postpone.date_required"));
        return;
      }
      void run(
        () => actionPostpone(c.customer_id, a.channel, value),
        t("agenda.postponed_toast", { level: level(a), name: c.customer_name }),
      );
    }
  };

  const handlers: Handlers = {
    busy,
    onDone: done,
    onInstallmentDone: installmentDoneNow,
    onAcknowledge: (c) =>
      void run(() => promisesAcknowledge(c.customer_id), t("agenda.promise_noted_toast", { name: c.customer_name })),
    mailReady,
    onSend: (c) => {
      setError(null);
      setSending(c);
    },
    onDeclare: (customer, declaration) => {
      setError(null);
      setDeclaring({ customer, declaration });
    },
    onAsk: (next) => {
      setError(null);
      setAnswer("");
      setAsk(next);
    },
  };

  return (
    <section className="card agenda" data-testid="agenda" aria-labelledby="agenda-title">
      <div className="card-head">
        <h2 className="card-title" id="agenda-title">
          {t("agenda.title")}
        </h2>
        <DayLetters
          reloadKey={data}
          onPrinted={() => {
            reload();
            onChanged?.();
          }}
        />
      </div>
      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data ? (
        <Spinner />
      ) : data.customers.length === 0 ? (
        <div className="agenda-empty">
          <p data-testid="agenda-empty">{t("agenda.empty")}</p>
          <p className="muted" data-testid="agenda-empty-next">
            {t("agenda.empty.next")}
          </p>
        </div>
      ) : (
        <div className="agenda-list">
          {error && !ask && !sending && !declaring && (
            <div className="banner banner-error" role="alert" data-testid="agenda-error">
              <p>{error}</p>
            </div>
          )}
          {data.customers.map((c) => (
            <CustomerCard key={c.customer_id} customer={c} handlers={handlers} />
          ))}
        </div>
      )}
      {sending && (
        <ConfirmDialog
          title={t("email.send.title", { name: sending.customer_name })}
          body={t("email.send.body")}
          confirmLabel={t("email.send.confirm")}
          busy={busy}
          error={error}
          onConfirm={() =>
            void (async () => {
              setBusy(true);
              setError(null);
              try {
                const sent = await emailSend(sending.customer_id);
                setSending(null);
                nav.toast(t("email.send.toast", { to: sent.to }));
                reload();
                onChanged?.();
              } catch (e) {
                setError(toAppError(e).message);
              } finally {
                setBusy(false);
              }
            })()
          }
          onCancel={() => {
            setSending(null);
            setError(null);
          }}
        />
      )}
      {declaring && (
        <ConfirmDialog
          title={t("agenda.declare.title", { number: declaring.declaration.number })}
          body={t("agenda.declare.body", {
            insurer: declaring.declaration.insurer,
            name: declaring.customer.customer_name,
          })}
          confirmLabel={t("agenda.declare.confirm")}
          busy={busy}
          error={error}
          onConfirm={() =>
            void (async () => {
              const d = declaring.declaration;
              setBusy(true);
              setError(null);
              try {
                await insuranceDeclare(d.invoice_id);
                setDeclaring(null);
                nav.toast(t("agenda.declare.toast", { number: d.number, insurer: d.insurer }));
                reload();
                onChanged?.();
              } catch (e) {
                setError(toAppError(e).message);
              } finally {
                setBusy(false);
              }
            })()
          }
          onCancel={() => {
            setDeclaring(null);
            setError(null);
          }}
        />
      )}
      {ask && (
        <ConfirmDialog
          title={
            ask.installment
              ? t(ask.kind === "skip" ? "agenda.installment.skip.title" : "agenda.installment.postpone.title", {
                  n: ask.installment.number,
                  name: ask.customer.customer_name,
                })
              : t(ask.kind === "skip" ? "agenda.skip.title" : "agenda.postpone.title", {
                  level: t(levelLabel(ask.action.level)),
                  name: ask.customer.customer_name,
                })
          }
          body={
            ask.installment
              ? t(ask.kind === "skip" ? "agenda.installment.skip.body" : "agenda.installment.postpone.body")
              : t(ask.kind === "skip" ? "agenda.skip.body" : "agenda.postpone.body")
          }
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
              // Not `required`: the browser would block the form with its own
              // bubble instead of our message naming what is missing.
              aria-required="true"
              aria-invalid={error !== null}
              data-testid={ask.kind === "skip" ? "agenda-skip-reason" : "agenda-postpone-until"}
              autoComplete="off"
            />
          </label>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** One customer: its broken promises first, then its message, then its decision. */
function CustomerCard({ customer: c, handlers }: { customer: AgendaCustomerJson; handlers: Handlers }) {
  const { t } = useI18n();
  const nav = useNav();
  const message = c.actions.find((a) => !a.decision);
  const decision = c.actions.find((a) => a.decision);
  const both = message !== undefined && decision !== undefined;
  return (
    <article
      className="agenda-card"
      data-testid="agenda-card"
      data-customer-id={c.customer_id}
      aria-label={c.customer_name}
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
        {/* Nothing to collect through this card when only a broken promise
            shows (its invoices paused): no "0,00 €" to recover. */}
        {c.actions.length > 0 && (
          <span className="agenda-customer-total">
            <span className="muted">{t("agenda.customer_total")}</span>{" "}
            <Money value={c.total} testid="agenda-customer-total" />
          </span>
        )}
      </header>
      {c.broken_promises.map((p) => (
        <BrokenPromise key={p.promise_id} promise={p} />
      ))}
      {/* Marking the message done records the promise as broken; with no
          message due (every invoice paused or at its last level) the user
          still needs a way to say "seen", or the card would stay forever. */}
      {c.broken_promises.length > 0 && !message && (
        <footer className="agenda-foot">
          <span className="muted">{t("agenda.promise_noted.hint")}</span>
          <button
            type="button"
            className="button"
            disabled={handlers.busy}
            onClick={() => handlers.onAcknowledge(c)}
            data-testid="agenda-promise-noted"
          >
            {t("agenda.promise_noted")}
          </button>
        </footer>
      )}
      {c.declarations.map((d) => (
        <DeclarationBlock key={d.invoice_id} customer={c} declaration={d} handlers={handlers} />
      ))}
      {c.installments.map((i) => (
        <InstallmentBlock key={`${i.plan_id}-${i.number}-${i.kind}`} customer={c} installment={i} handlers={handlers} />
      ))}
      {message && <ActionBlock customer={c} action={message} handlers={handlers} showTotal={both} />}
      {decision && <ActionBlock customer={c} action={decision} handlers={handlers} showTotal={both} />}
    </article>
  );
}

function ActionBlock({
  customer: c,
  action: a,
  handlers,
  showTotal,
}: {
  customer: AgendaCustomerJson;
  action: AgendaActionJson;
  handlers: Handlers;
  showTotal: boolean;
}) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const preview = useDocument();
  const { reset } = preview;
  // A reloaded agenda (a rate added, letters printed) may have solved what the preview said.
  useEffect(reset, [a, reset]);
  const byLetter = a.channel === "letter" && !a.decision;
  const { busy, onDone, onAsk, mailReady, onSend } = handlers;
  const draft = useDocument();
  const byEmail = a.channel === "email" && !a.decision;
  const n = a.invoices.length;
  return (
    <section
      className={a.decision ? "agenda-action agenda-decision" : "agenda-action"}
      data-testid="agenda-action"
      data-customer-id={c.customer_id}
      data-channel={a.channel}
      data-level={a.level}
    >
      {a.decision && <h3 className="agenda-decision-title">{t("agenda.decision.title")}</h3>}
      <p className="agenda-do" data-testid="agenda-do">
        {t(actionSentence(a.level, a.channel))}
      </p>
      {(a.decision || n > 1) && (
        <p className="muted agenda-note">
          {a.decision
            ? tn("agenda.decision.body", n)
            : a.invoices.some((line) => line.level !== a.level)
              ? tn("agenda.covers", n, { count: n })
              : t("agenda.covers_all", { count: n })}
        </p>
      )}
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
            <tr key={line.invoice_id} data-testid="agenda-line" data-number={line.number} data-level={line.level}>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => nav.go({ name: "invoice", id: line.invoice_id })}
                  aria-label={t("agenda.open_invoice", { number: line.number })}
                  data-testid="agenda-invoice"
                >
                  {line.number}
                </button>
              </td>
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
          {showTotal && (
            <>
              {t("agenda.total")} <Money value={a.total} testid="agenda-total" />
            </>
          )}
          {a.fee && <span className="muted"> {t("agenda.fee", { fee: formatMoney(a.fee, locale) })}</span>}
        </span>
        <span className="agenda-buttons">
          {byEmail && (
            <button
              type="button"
              className="button"
              disabled={busy || draft.busy}
              onClick={() => void draft.make(() => emailDraft(c.customer_id), DRAFT_WORDS)}
              title={t("email.draft.hint")}
              data-testid="agenda-email-draft"
            >
              {draft.busy ? t("document.preparing") : t("email.draft.button")}
            </button>
          )}
          {byEmail && mailReady && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => onSend(c, a)}
              data-testid="agenda-email-send"
            >
              {t("email.send.button")}
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => onDone(c, a)}
            data-testid="agenda-done"
          >
            {t(a.decision ? "agenda.decision.done" : "agenda.done")}
          </button>
          {byLetter && (
            <button
              type="button"
              className="button"
              disabled={busy || preview.busy}
              onClick={() => void preview.make(() => letterPreview(c.customer_id))}
              title={t("letters.preview.hint")}
              data-testid="agenda-letter-preview"
            >
              {preview.busy ? t("document.preparing") : t("letters.preview")}
            </button>
          )}
          <LaterButtons
            busy={busy}
            testid="agenda"
            onPostpone={() => onAsk({ kind: "postpone", customer: c, action: a })}
            onSkip={() => onAsk({ kind: "skip", customer: c, action: a })}
          />
        </span>
      </footer>
      {preview.error && (
        <div className="banner banner-error" role="alert" data-testid="agenda-letter-preview-error">
          <p>{preview.error}</p>
        </div>
      )}
      {draft.error && (
        <p className="field-error" role="alert" data-testid="agenda-email-error">
          {draft.error}
        </p>
      )}
    </section>
  );
}

/** A plan's installment notice (before its date) or reminder (after it): done by a channel, postponed or skipped. */
function InstallmentBlock({
  customer: c,
  installment: i,
  handlers,
}: {
  customer: AgendaCustomerJson;
  installment: PlanActionJson;
  handlers: Handlers;
}) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [channel, setChannel] = useState<string>("email");
  const { busy, onInstallmentDone, onAsk } = handlers;
  const sentence = installmentSentence(i, formatDate(i.due_date), formatMoney(i.left, locale));
  const channelId = `installment-channel-${i.plan_id}-${i.number}-${i.kind}`;
  return (
    <section
      className="agenda-action agenda-installment"
      data-testid="agenda-installment"
      data-customer-id={c.customer_id}
      data-plan-id={i.plan_id}
      data-number={i.number}
      data-kind={i.kind}
    >
      <p className="agenda-do" data-testid="agenda-installment-do">
        {t(sentence.key, sentence.params)}
      </p>
      <p className="muted agenda-note">
        {t("agenda.installment.plan", { plan: i.plan_id })}{" "}
        <button
          type="button"
          className="link"
          onClick={() => nav.go({ name: "plan", id: i.plan_id })}
          data-testid="agenda-installment-plan"
        >
          {t("agenda.installment.open_plan")}
        </button>
      </p>
      <footer className="agenda-foot">
        <label className="agenda-channel" htmlFor={channelId}>
          <span className="muted">{t("agenda.installment.channel")}</span>{" "}
          <select
            id={channelId}
            className="input"
            value={channel}
            onChange={(e) => setChannel(e.target.value)}
            data-testid="agenda-installment-channel"
          >
            {INSTALLMENT_CHANNELS.map((code) => (
              <option key={code} value={code}>
                {t(channelLabel(code))}
              </option>
            ))}
          </select>
        </label>
        <span className="agenda-buttons">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => onInstallmentDone(c, i, channel)}
            data-testid="agenda-installment-done"
          >
            {t("agenda.done")}
          </button>
          <LaterButtons
            busy={busy}
            testid="agenda-installment"
            onPostpone={() => onAsk({ kind: "postpone", customer: c, installment: i })}
            onSkip={() => onAsk({ kind: "skip", customer: c, installment: i })}
          />
        </span>
      </footer>
    </section>
  );
}

/** An unpaid invoice to declare to the customer's credit insurer before the contract's deadline,
 * or whose deadline passed (the cover may be lost: still shown, said plainly). */
function DeclarationBlock({
  customer: c,
  declaration: d,
  handlers,
}: {
  customer: AgendaCustomerJson;
  declaration: DeclarationDueJson;
  handlers: Handlers;
}) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const params = {
    insurer: d.insurer,
    deadline: formatDate(d.deadline),
    number: d.number,
    amount: formatMoney(d.amount_due, locale),
  };
  return (
    <section
      className={d.passed ? "agenda-action agenda-declaration agenda-declaration-passed" : "agenda-action agenda-declaration"}
      data-testid="agenda-declaration"
      data-customer-id={c.customer_id}
      data-number={d.number}
      data-passed={d.passed ? "true" : "false"}
    >
      <h3 className="agenda-decision-title">{t("agenda.declare.heading")}</h3>
      <p className="agenda-do" data-testid="agenda-declaration-do">
        {t(d.passed ? "agenda.declare.passed" : "agenda.declare.due", params)}
      </p>
      <p className="muted agenda-note" data-testid="agenda-declaration-note">
        {d.passed
          ? t("agenda.declare.passed_note")
          : d.days === 0
            ? t("agenda.declare.last_day")
            : tn("agenda.declare.days_left", d.days, { days: d.days })}{" "}
        <button
          type="button"
          className="link"
          onClick={() => nav.go({ name: "invoice", id: d.invoice_id })}
          aria-label={t("agenda.open_invoice", { number: d.number })}
        >
          {t("agenda.declare.open_invoice")}
        </button>
      </p>
      <footer className="agenda-foot">
        <span />
        <span className="agenda-buttons">
          <button
            type="button"
            className="button button-primary"
            disabled={handlers.busy}
            onClick={() => handlers.onDeclare(c, d)}
            data-testid="agenda-declare"
          >
            {t("agenda.declare.button")}
          </button>
        </span>
      </footer>
    </section>
  );
}

function BrokenPromise({ promise: p }: { promise: BrokenPromiseJson }) {
  const { t, locale } = useI18n();
  return (
    <div className="banner banner-warning agenda-promise" role="note" data-testid="agenda-broken-promise">
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

/** « Reporter… » and « Passer… »: the same two choices for a reminder and for an installment. */
function LaterButtons({
  busy,
  testid,
  onPostpone,
  onSkip,
}: {
  busy: boolean;
  testid: string;
  onPostpone: () => void;
  onSkip: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={onPostpone} data-testid={`${testid}-postpone`}>
        {t("agenda.postpone")}
      </button>
      <button type="button" className="button" disabled={busy} onClick={onSkip} data-testid={`${testid}-skip`}>
        {t("agenda.skip")}
      </button>
    </>
  );
}
