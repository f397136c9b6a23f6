// A plan's page: its status in words, what is paid and left, each
// installment with its status; record a payment for the plan, renegotiate,
// and once it broke, choose the reminder level the collections resume at.
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import { planAgreementPrint, planDefault, planGet, planPaymentRecord, toAppError, type PlanView } from "../platform";
import { amountForInput, formatDate, todayForInput } from "../format";
import { useNav } from "../app/nav";
import { ConfirmDialog } from "../components/Dialog";
import { useDocument } from "../components/useDocument";
import { FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Money, Spinner, Stat } from "../components/Bits";
import { useLoad, useSubmit } from "../components/hooks";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { channelLabel, levelLabel, methodLabel, PAYMENT_METHODS, type PaymentMethod } from "../model/labels";
import {
  followUpSentence,
  frequencyLabel,
  installmentNumberLabel,
  installmentStatusLabel,
  planBadge,
  planStatusLabel,
} from "../model/plans";

export function PlanScreen({ id }: { id: number }) {
  const { t } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => planGet(id), [id]);
  const plan = state.kind === "ready" ? state.value : state.kind === "loading" ? state.previous : null;
  return (
    <div className="stack" data-testid="plan-screen">
      <ScreenHeader
        title={t("plan.title", { id })}
        subtitle={plan?.customer_name}
        back={
          <BackLink
            label={t("common.back")}
            onClick={() => nav.back(plan ? { name: "customer", id: plan.customer_id } : { name: "today" })}
          />
        }
      />
      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !plan ? (
        <Spinner />
      ) : (
        <PlanBody plan={plan} onChanged={reload} />
      )}
    </div>
  );
}

function PlanBody({ plan, onChanged }: { plan: PlanView; onChanged: () => void }) {
  const { t } = useI18n();
  const nav = useNav();
  const [paying, setPaying] = useState(false);
  const agreement = useDocument();
  const open = plan.status === "running" || plan.status === "defaulted";
  return (
    <>
      <section className="card stack" aria-labelledby="plan-status-title">
        <div className="card-head">
          <h2 className="card-title" id="plan-status-title">
            {t("plan.agreed_on", { date: formatDate(plan.agreed_on) })}
          </h2>
          <span className={`badge ${planBadge(plan.status)}`} data-testid="plan-status" data-status={plan.status}>
            {t(planStatusLabel(plan.status), { date: plan.status_on ? formatDate(plan.status_on) : "" })}
          </span>
        </div>
        <p className="muted">
          {t("plan.summary", {
            invoices: plan.invoices.join(", "),
            frequency: t(frequencyLabel(plan.frequency)).toLowerCase(),
          })}
          {" · "}
          {plan.penalties_waived ? t("plan.penalties.waived") : t("plan.penalties.included")}
        </p>
        {plan.breaks_on && (
          <p data-testid="plan-breaks-on">
            {t("plan.breaks_on", { date: formatDate(plan.breaks_on), grace: plan.grace_days })}
          </p>
        )}
        {plan.replaced_by !== null && (
          <p>
            <button type="button" className="link" onClick={() => nav.go({ name: "plan", id: plan.replaced_by ?? 0 })}>
              {t("plan.replaced_by", { id: plan.replaced_by })}
            </button>
          </p>
        )}
        {plan.resumed_level && (
          <p className="muted">{t("plan.resumed_at", { level: t(levelLabel(plan.resumed_level)).toLowerCase() })}</p>
        )}
        <div className="form-actions">
          {plan.status === "running" && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setPaying(true)}
              data-testid="plan-record-payment"
            >
              {t("action.record_payment")}
            </button>
          )}
          {open && (
            <button
              type="button"
              className="button"
              onClick={() => nav.go({ name: "plan-new", customerId: plan.customer_id, replaces: plan.id })}
              data-testid="plan-renegotiate"
            >
              {t("plan.renegotiate")}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => void agreement.make(() => planAgreementPrint(plan.id))}
            disabled={agreement.busy}
            title={t("plan.agreement.hint")}
            data-testid="plan-agreement-print"
          >
            {agreement.busy ? t("document.preparing") : t("plan.agreement.print")}
          </button>
        </div>
        {agreement.error && (
          <div className="banner banner-error" role="alert" data-testid="plan-agreement-error">
            <p>{agreement.error}</p>
          </div>
        )}
      </section>

      <section className="stats" aria-label={t("plan.amounts")}>
        <Stat label={t("plan.total")} value={plan.total} testid="plan-total" />
        <Stat label={t("plan.paid")} value={plan.paid} testid="plan-paid" />
        <Stat label={t("plan.left")} value={plan.left} testid="plan-left" tone={plan.status === "defaulted" ? "danger" : "neutral"} />
      </section>

      {plan.status === "defaulted" && !plan.default_recorded && <ResumeCard plan={plan} onChanged={onChanged} />}

      <section className="card" aria-labelledby="plan-installments-title">
        <h2 className="card-title" id="plan-installments-title">
          {t("plan.installments")}
        </h2>
        <div className="table-wrap">
          <table className="table" data-testid="plan-installments">
            <thead>
              <tr>
                <th scope="col">{t("plan.col.installment")}</th>
                <th scope="col">{t("plan.col.date")}</th>
                <th scope="col" className="num">
                  {t("plan.col.amount")}
                </th>
                <th scope="col" className="num">
                  {t("plan.col.paid")}
                </th>
                <th scope="col">{t("plan.col.status")}</th>
                <th scope="col">{t("plan.col.follow_up")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.installments.map((i) => {
                const label = installmentNumberLabel(i.number);
                return (
                  <tr key={i.number} data-testid="plan-installment" data-status={i.status}>
                    <td>{t(label.key, { n: label.n })}</td>
                    <td>{formatDate(i.due_date)}</td>
                    <td className="num">
                      <Money value={i.amount} />
                    </td>
                    <td className="num">
                      <Money value={i.paid} />
                    </td>
                    <td>
                      <span className={`badge ${planBadge(i.status)}`} data-testid="installment-status">
                        {t(installmentStatusLabel(i.status))}
                      </span>
                    </td>
                    <td className="muted" data-testid="installment-follow-up">
                      {i.follow_up.length === 0
                        ? "—"
                        : i.follow_up
                            .map((f) =>
                              t(followUpSentence(f), {
                                date: formatDate(f.date),
                                channel: f.channel ? t(channelLabel(f.channel)).toLowerCase() : "",
                              }),
                            )
                            .join(" · ")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {paying && (
        <PlanPaymentDialog
          plan={plan}
          onClose={() => setPaying(false)}
          onSaved={() => {
            setPaying(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}

/** A payment for the plan, applied to its invoices oldest first. */
function PlanPaymentDialog({ plan, onClose, onSaved }: { plan: PlanView; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const next = plan.installments.find((i) => i.status !== "paid");
  const [date, setDate] = useState(() => todayForInput(nav.info?.today));
  const [amount, setAmount] = useState(() => (next ? amountForInput(next.left, locale) : ""));
  const [method, setMethod] = useState<PaymentMethod>("transfer");
  const { saving, error, send, doneSaving } = useSubmit();
  const errors = error?.fields;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    void send(async () => {
      await planPaymentRecord(plan.id, { customer_id: plan.customer_id, date, amount, method, reference: "", allocation: null });
      nav.toast(t("plan.payment_toast"));
      doneSaving();
      onSaved();
    });
  };
  return (
    <ConfirmDialog
      title={t("plan.payment.title")}
      body={t("plan.payment.body")}
      confirmLabel={t("action.record_payment")}
      busy={saving}
      error={null}
      onConfirm={() => submit()}
      onCancel={onClose}
    >
      <FormError error={error} shown={["payment_date", "amount", "method"]} />
      <TextField
        label={t("plan.payment.date")}
        value={date}
        onChange={setDate}
        placeholder={t("date.placeholder")}
        testid="plan-payment-date"
        field="payment_date"
        errors={errors}
      />
      <TextField
        label={t("plan.payment.amount")}
        value={amount}
        onChange={setAmount}
        amount
        testid="plan-payment-amount"
        field="amount"
        errors={errors}
      />
      <SelectField
        label={t("plan.payment.method")}
        value={method}
        onChange={setMethod}
        options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(methodLabel(m)) }))}
        testid="plan-payment-method"
        field="method"
        errors={errors}
      />
    </ConfirmDialog>
  );
}

/** The plan broke: record it and choose where the reminders resume (default: the formal notice). */
function ResumeCard({ plan, onChanged }: { plan: PlanView; onChanged: () => void }) {
  const { t } = useI18n();
  const nav = useNav();
  const notice = plan.resume_levels.find((l) => l.formal_notice) ?? plan.resume_levels[plan.resume_levels.length - 1];
  const [level, setLevel] = useState(notice?.key ?? "");
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resume = async () => {
    setBusy(true);
    setError(null);
    try {
      await planDefault(plan.id, level || null);
      setConfirm(false);
      nav.toast(t("plan.resume.toast"));
      onChanged();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const levelName = (key: string) => t(levelLabel(key));
  return (
    <section className="card stack banner-warning" data-testid="plan-resume">
      <h2 className="card-title">{t("plan.resume.title", { date: plan.status_on ? formatDate(plan.status_on) : "" })}</h2>
      <p>{t("plan.resume.body")}</p>
      <SelectField
        label={t("plan.resume.level")}
        value={level}
        onChange={setLevel}
        options={plan.resume_levels.map((l) => ({ value: l.key, label: levelName(l.key) }))}
        testid="plan-resume-level"
      />
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => setConfirm(true)} data-testid="plan-resume-button">
          {t("plan.resume.button")}
        </button>
      </div>
      {confirm && (
        <ConfirmDialog
          title={t("plan.resume.confirm_title", { level: levelName(level).toLowerCase() })}
          body={t("plan.resume.confirm_body")}
          confirmLabel={t("plan.resume.button")}
          danger
          busy={busy}
          error={error}
          onConfirm={() => void resume()}
          onCancel={() => setConfirm(false)}
        />
      )}
    </section>
  );
}
