// The invoice page's collection parts: its dispute (flag, buttons, history)
// and the steps after the formal notice (court, agency, write-off).
import { useState } from "react";
import { useI18n } from "../i18n";
import {
  disputeOpen,
  disputeResolve,
  escalate,
  injunctionDossierPrint,
  toAppError,
  type InvoiceCollectionView,
  type InvoiceView,
} from "../platform";
import { amountForInput, formatDate, formatMoney } from "../format";
import { useNav } from "../app/nav";
import { ConfirmDialog } from "../components/Dialog";
import { useDocument } from "../components/useDocument";
import { stageLabel } from "../model/labels";
import { disputeActions, reopenReason, showsFollowUp, stepLabel, type DisputeAction } from "../model/followup";

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Shown under the invoice's header while a dispute is open. */
export function DisputeFlag({ c }: { c: InvoiceCollectionView }) {
  const { t } = useI18n();
  const d = c.open_dispute;
  if (!d) return null;
  return (
    <div className="banner banner-warning dispute-flag" role="note" data-testid="dispute-flag">
      <p className="strong">{t("dispute.flag.title", { date: formatDate(d.opened_on) })}</p>
      <p data-testid="dispute-flag-reason">{t("dispute.flag.reason", { reason: d.reason })}</p>
      <p className="muted">{t("dispute.flag.paused")}</p>
    </div>
  );
}

/** The dispute buttons that make sense now, for the header. */
export function DisputeButtons({
  inv,
  c,
  onAsk,
}: {
  inv: InvoiceView;
  c: InvoiceCollectionView;
  onAsk: (a: DisputeAction) => void;
}) {
  const { t } = useI18n();
  const nav = useNav();
  const label: Record<DisputeAction, string> = {
    open: t("dispute.open"),
    reopen: t("dispute.reopen"),
    resolve: t("dispute.resolve_ellipsis"),
    credit: t("dispute.credit"),
  };
  return (
    <>
      {disputeActions(c, inv.status === "cancelled").map((a) => (
        <button
          key={a}
          type="button"
          className="button"
          data-testid={`invoice-dispute-${a}`}
          onClick={() =>
            a === "credit" ? nav.go({ name: "credit-note", customerId: inv.customer_id, invoiceId: inv.id }) : onAsk(a)
          }
        >
          {label[a]}
        </button>
      ))}
    </>
  );
}

/** Opens, reopens or closes the invoice's dispute after a confirmation. */
export function DisputeDialog({
  inv,
  c,
  action,
  onClose,
  onDone,
}: {
  inv: InvoiceView;
  c: InvoiceCollectionView;
  action: "open" | "reopen" | "resolve";
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const nav = useNav();
  const [text, setText] = useState(action === "reopen" ? reopenReason(c) : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opening = action !== "resolve";

  const send = async () => {
    const typed = text.trim();
    if (opening && typed === "") {
      setError(t("dispute.reason_required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (opening) await disputeOpen(inv.id, typed);
      else await disputeResolve(inv.id, typed);
      const toast = action === "open" ? "dispute.open.toast" : action === "reopen" ? "dispute.reopen.toast" : "dispute.resolve.toast";
      nav.toast(t(toast, { number: inv.number }));
      onDone();
    } catch (e) {
      setError(toAppError(e).message);
      setBusy(false);
    }
  };

  const title = action === "open" ? "dispute.open.title" : action === "reopen" ? "dispute.reopen.title" : "dispute.resolve.title";
  const body = action === "open" ? "dispute.open.body" : action === "reopen" ? "dispute.reopen.body" : "dispute.resolve.body";
  return (
    <ConfirmDialog
      title={t(title, { number: inv.number })}
      body={t(body)}
      confirmLabel={t(opening ? "dispute.open.confirm" : "dispute.resolve")}
      busy={busy}
      error={error}
      onConfirm={() => void send()}
      onCancel={onClose}
    >
      <label className="field">
        <span className="field-label">{t(opening ? "dispute.open.reason" : "dispute.resolve.note_optional")}</span>
        <input
          className="input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="dispute-text"
          autoComplete="off"
        />
      </label>
    </ConfirmDialog>
  );
}

/** Every dispute of the invoice, oldest first, with how it was closed. */
export function DisputeHistory({ c }: { c: InvoiceCollectionView }) {
  const { t } = useI18n();
  if (c.disputes.length === 0) return null;
  return (
    <section className="card" data-testid="dispute-history" aria-labelledby="disputes-title">
      <h2 className="card-title" id="disputes-title">
        {t("dispute.history.title")}
      </h2>
      <ul className="plain-list">
        {c.disputes.map((d) => (
          <li key={d.opened_on + d.reason} data-testid="dispute-history-entry" data-open={d.closed_on === null}>
            {d.closed_on === null
              ? t("dispute.history.open", { opened: formatDate(d.opened_on), reason: d.reason })
              : d.closed_on === d.opened_on
                ? t("dispute.history.same_day", { date: formatDate(d.opened_on), reason: d.reason })
                : t("dispute.history.closed", {
                  opened: formatDate(d.opened_on),
                  closed: formatDate(d.closed_on),
                  reason: d.reason,
                })}
            {d.note && <span className="muted"> — {t("dispute.history.note", { note: d.note })}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Suite du recouvrement": the stage after the formal notice and the steps allowed now. */
export function FollowUpCard({ inv, c, onDone }: { inv: InvoiceView; c: InvoiceCollectionView; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [step, setStep] = useState<string | null>(null);
  const dossier = useDocument();
  if (!showsFollowUp(c)) return null;
  // The dossier follows the mise en demeure, while the invoice is not with an agency nor written off.
  const dossierAllowed = c.stage === "reminders" || c.stage === "injunction_prepared";
  const since = c.stage_since ? formatDate(c.stage_since) : "";
  return (
    <section className="card" data-testid="invoice-followup" data-stage={c.stage} aria-labelledby="followup-title">
      <h2 className="card-title" id="followup-title">
        {t("followup.title")}
      </h2>
      <dl className="facts">
        <dt>{t("followup.stage")}</dt>
        <dd data-testid="followup-stage">
          {c.stage === "reminders"
            ? t("followup.stage.reminders", { date: formatDate(c.formal_notice_sent_on ?? "") })
            : c.stage === "written_off"
              ? t("writeoff.done", {
                  date: since,
                  amount: formatMoney(c.written_off_amount ?? "0", locale),
                  reason: c.written_off_reason ?? "",
                })
              : t("followup.stage.since", { stage: capitalized(t(stageLabel(c.stage))), date: since })}
        </dd>
      </dl>
      {c.stage === "written_off" && (
        <p className="muted followup-note" data-testid="writeoff-kept">
          {t("writeoff.kept")}
        </p>
      )}
      {c.next_steps.length > 0 && (
        <div className="button-row" role="group" aria-label={t("followup.next")}>
          {c.next_steps.map((s) => (
            <button
              key={s}
              type="button"
              className={s === "written_off" ? "button button-danger-quiet" : "button"}
              onClick={() => setStep(s)}
              data-testid={`followup-${s}`}
            >
              {t(stepLabel(s))}
            </button>
          ))}
        </div>
      )}
      {dossierAllowed && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => void dossier.make(() => injunctionDossierPrint(inv.customer_id))}
            disabled={dossier.busy}
            title={t("followup.dossier.hint")}
            data-testid="followup-dossier"
          >
            {dossier.busy ? t("document.preparing") : t("followup.dossier.button")}
          </button>
        </div>
      )}
      {dossier.error && (
        <div className="banner banner-error" role="alert" data-testid="followup-dossier-error">
          <p>{dossier.error}</p>
        </div>
      )}
      {step && (
        <StepDialog
          inv={inv}
          c={c}
          step={step}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null);
            onDone();
          }}
        />
      )}
    </section>
  );
}

function StepDialog({
  inv,
  c,
  step,
  onClose,
  onDone,
}: {
  inv: InvoiceView;
  c: InvoiceCollectionView;
  step: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const writeOff = step === "written_off";
  const [amount, setAmount] = useState(() => amountForInput(c.remaining, locale));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (writeOff && reason.trim() === "") {
      setError(t("writeoff.reason_required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await escalate({ invoice_id: inv.id, to: step, amount: writeOff ? amount.trim() : "", reason: reason.trim() });
      nav.toast(
        writeOff
          ? t("writeoff.toast", { number: inv.number })
          : t("followup.toast", { number: inv.number, stage: t(stageLabel(step)) }),
      );
      onDone();
    } catch (e) {
      const err = toAppError(e);
      const fields = Object.values(err.fields);
      setError(fields.length > 0 ? fields.join(" ") : err.message);
      setBusy(false);
    }
  };

  if (!writeOff) {
    return (
      <ConfirmDialog
        title={t("followup.confirm.title", { step: t(stepLabel(step)), number: inv.number })}
        body={t("followup.confirm.body")}
        confirmLabel={t("followup.confirm")}
        busy={busy}
        error={error}
        onConfirm={() => void send()}
        onCancel={onClose}
      />
    );
  }
  return (
    <ConfirmDialog
      title={t("writeoff.title", { number: inv.number })}
      body={t("writeoff.body")}
      confirmLabel={t("writeoff.confirm")}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void send()}
      onCancel={onClose}
    >
      <label className="field">
        <span className="field-label">{t("writeoff.amount")}</span>
        <input
          className="input input-amount"
          value={amount}
          inputMode="decimal"
          onChange={(e) => setAmount(e.target.value)}
          data-testid="writeoff-amount"
          autoComplete="off"
        />
      </label>
      <label className="field">
        <span className="field-label">{t("writeoff.reason")}</span>
        <input
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="writeoff-reason"
          autoComplete="off"
        />
      </label>
    </ConfirmDialog>
  );
}
