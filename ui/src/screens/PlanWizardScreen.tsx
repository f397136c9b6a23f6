// The plan wizard: pick the customer's open invoices, include or waive the
// penalties, cut the total by a number of installments or an amount per
// installment, choose the first date and the frequency; the schedule is
// computed by Rust and shown live as the user types.
import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  customerGet,
  planCreate,
  planPreview,
  planRenegotiate,
  toAppError,
  type AppError,
  type CustomerDetailView,
  type PlanForm,
  type PlanPreviewView,
} from "../platform";
import { formatDate, formatMoney, todayForInput } from "../format";
import { useNav } from "../app/nav";
import { FieldErrorLine, FormError, SelectField, TextField } from "../components/Field";
import { LoadError, Money, Spinner } from "../components/Bits";
import { useSubmit } from "../components/hooks";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { FREQUENCIES, frequencyLabel, installmentNumberLabel, type PlanFrequency } from "../model/plans";

const SHOWN = [
  "plan_invoices",
  "plan_installments",
  "plan_installment_amount",
  "plan_first_date",
  "plan_frequency",
  "plan_day_of_month",
  "plan_down_payment",
];

type SplitMode = "count" | "amount";

export function PlanWizardScreen({
  customerId,
  invoiceId,
  replaces,
}: {
  customerId: number;
  invoiceId?: number | undefined;
  replaces?: number | undefined;
}) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [detail, setDetail] = useState<CustomerDetailView | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [ticked, setTicked] = useState<number[]>([]);
  const [penalties, setPenalties] = useState(false);
  const [mode, setMode] = useState<SplitMode>("count");
  const [count, setCount] = useState("3");
  const [each, setEach] = useState("");
  const [first, setFirst] = useState(() => todayForInput(nav.info?.today));
  const [frequency, setFrequency] = useState<PlanFrequency>("month");
  const [day, setDay] = useState("5");
  const [down, setDown] = useState("");
  const [remainder, setRemainder] = useState<"first" | "last">("first");
  const [businessDays, setBusinessDays] = useState(true);
  const [preview, setPreview] = useState<PlanPreviewView | null>(null);
  const [previewError, setPreviewError] = useState<AppError | null>(null);
  const { saving, error, send } = useSubmit();

  useEffect(() => {
    customerGet(customerId).then(
      (d) => {
        setDetail(d);
        const chosen = d.open_invoices.filter((inv) => invoiceId === undefined || inv.id === invoiceId);
        setTicked(chosen.map((inv) => inv.id));
      },
      (e: unknown) => setLoadError(toAppError(e)),
    );
  }, [customerId, invoiceId]);

  const form: PlanForm = {
    customer_id: customerId,
    invoice_ids: ticked,
    include_penalties: penalties,
    installments: mode === "count" && /^\d+$/.test(count.trim()) ? Number(count.trim()) : null,
    installment_amount: mode === "amount" ? each : "",
    first_date: first,
    frequency,
    day_of_month: frequency === "day_of_month" && /^\d+$/.test(day.trim()) ? Number(day.trim()) : null,
    down_payment: down,
    remainder,
    business_days: businessDays,
  };
  const key = JSON.stringify(form);

  // The live preview: asked again a moment after the user stops typing.
  useEffect(() => {
    if (!detail) return;
    let stale = false;
    const timer = window.setTimeout(() => {
      planPreview(JSON.parse(key) as PlanForm).then(
        (p) => {
          if (stale) return;
          setPreview(p);
          setPreviewError(null);
        },
        (e: unknown) => {
          if (stale) return;
          setPreview(null);
          setPreviewError(toAppError(e));
        },
      );
    }, 250);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [key, detail]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      const id = replaces === undefined ? await planCreate(form) : await planRenegotiate(replaces, form);
      nav.toast(t(replaces === undefined ? "plan.created_toast" : "plan.renegotiated_toast"));
      nav.replace({ name: "plan", id });
    });
  };

  const shownError = error ?? previewError;
  const errors = shownError?.fields;
  const back = () => nav.back({ name: "customer", id: customerId });
  return (
    <div className="stack" data-testid="plan-wizard">
      <ScreenHeader
        title={t(replaces === undefined ? "plan.wizard.title" : "plan.wizard.renegotiate_title")}
        subtitle={detail?.customer.name}
        focusTitle={false}
        back={<BackLink label={t("common.back")} onClick={back} />}
      />
      {loadError ? (
        <LoadError message={loadError.message} />
      ) : !detail ? (
        <Spinner />
      ) : (
        <div className="plan-wizard">
          <form className="card form" onSubmit={submit} noValidate data-testid="plan-form">
            <p className="muted">{t("plan.wizard.intro")}</p>
            <FormError error={shownError} shown={SHOWN} />
            <fieldset className="field">
              <legend className="field-label">{t("plan.wizard.invoices")}</legend>
              {detail.open_invoices.length === 0 ? (
                <p className="muted">{t("plan.wizard.no_invoices")}</p>
              ) : (
                <div className="check-list">
                  {detail.open_invoices.map((inv) => (
                    <label key={inv.id} className="check">
                      <input
                        type="checkbox"
                        checked={ticked.includes(inv.id)}
                        onChange={(e) =>
                          setTicked((list) =>
                            e.target.checked ? [...list, inv.id] : list.filter((id) => id !== inv.id),
                          )
                        }
                        data-testid="plan-invoice"
                        data-number={inv.number}
                      />
                      <span>
                        {t("plan.wizard.invoice_option", {
                          number: inv.number,
                          remaining: formatMoney(inv.remaining, locale),
                          due: formatDate(inv.due_date),
                        })}
                      </span>
                    </label>
                  ))}
                </div>
              )}
              <FieldErrorLine field="plan_invoices" errors={errors} />
            </fieldset>
            <label className="check">
              <input
                type="checkbox"
                checked={penalties}
                onChange={(e) => setPenalties(e.target.checked)}
                data-testid="plan-penalties"
              />
              <span>{t("plan.wizard.include_penalties")}</span>
            </label>
            <div className="form-grid">
              <SelectField
                label={t("plan.wizard.split")}
                value={mode}
                onChange={setMode}
                options={[
                  { value: "count", label: t("plan.wizard.split.count") },
                  { value: "amount", label: t("plan.wizard.split.amount") },
                ]}
                testid="plan-split"
              />
              {mode === "count" ? (
                <TextField
                  label={t("plan.wizard.count")}
                  value={count}
                  onChange={setCount}
                  inputMode="numeric"
                  testid="plan-count"
                  field="plan_installments"
                  errors={errors}
                />
              ) : (
                <TextField
                  label={t("plan.wizard.each")}
                  value={each}
                  onChange={setEach}
                  amount
                  testid="plan-each"
                  field="plan_installment_amount"
                  errors={errors}
                />
              )}
              <TextField
                label={t("plan.wizard.first")}
                value={first}
                onChange={setFirst}
                placeholder={t("date.placeholder")}
                testid="plan-first"
                field="plan_first_date"
                errors={errors}
              />
              <SelectField
                label={t("plan.wizard.frequency")}
                value={frequency}
                onChange={setFrequency}
                options={FREQUENCIES.map((f) => ({ value: f, label: t(frequencyLabel(f)) }))}
                testid="plan-frequency"
                field="plan_frequency"
                errors={errors}
              />
              {frequency === "day_of_month" && (
                <TextField
                  label={t("plan.wizard.day")}
                  value={day}
                  onChange={setDay}
                  inputMode="numeric"
                  testid="plan-day"
                  field="plan_day_of_month"
                  errors={errors}
                />
              )}
              <TextField
                label={t("plan.wizard.down_payment")}
                value={down}
                onChange={setDown}
                amount
                hint={t("plan.wizard.down_payment.hint")}
                testid="plan-down"
                field="plan_down_payment"
                errors={errors}
              />
              <SelectField
                label={t("plan.wizard.remainder")}
                value={remainder}
                onChange={setRemainder}
                options={[
                  { value: "first", label: t("plan.wizard.remainder.first") },
                  { value: "last", label: t("plan.wizard.remainder.last") },
                ]}
                testid="plan-remainder"
              />
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={businessDays}
                onChange={(e) => setBusinessDays(e.target.checked)}
                data-testid="plan-business-days"
              />
              <span>{t("plan.wizard.business_days")}</span>
            </label>
            <div className="form-actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={saving || preview === null}
                data-testid="plan-save"
              >
                {saving ? t("common.saving") : t(replaces === undefined ? "plan.wizard.save" : "plan.wizard.replace")}
              </button>
              <button type="button" className="button" onClick={back}>
                {t("common.cancel")}
              </button>
            </div>
          </form>
          <PreviewCard preview={preview} />
        </div>
      )}
    </div>
  );
}

function PreviewCard({ preview }: { preview: PlanPreviewView | null }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="plan-preview-title" data-testid="plan-preview">
      <h2 className="card-title" id="plan-preview-title">
        {t("plan.preview.title")}
      </h2>
      {preview === null ? (
        <p className="muted" data-testid="plan-preview-empty">
          {t("plan.preview.empty")}
        </p>
      ) : (
        <>
          <dl className="plan-summary">
            <dt>{t("plan.preview.invoices")}</dt>
            <dd>
              <Money value={preview.invoices_owed} />
            </dd>
            <dt>{t("plan.preview.penalties")}</dt>
            <dd>{preview.penalties_waived ? t("plan.penalties.waived") : <Money value={preview.penalties} />}</dd>
            <dt>{t("plan.preview.total")}</dt>
            <dd className="strong">
              <Money value={preview.total} testid="plan-preview-total" />
            </dd>
          </dl>
          <div className="table-wrap">
            <table className="table table-compact" data-testid="plan-preview-table">
              <thead>
                <tr>
                  <th scope="col">{t("plan.col.installment")}</th>
                  <th scope="col">{t("plan.col.date")}</th>
                  <th scope="col" className="num">
                    {t("plan.col.amount")}
                  </th>
                  <th scope="col" className="num">
                    {t("plan.col.running_total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.installments.map((i) => {
                  const label = installmentNumberLabel(i.number);
                  return (
                    <tr key={i.number} data-testid="plan-preview-row">
                      <td>{t(label.key, { n: label.n })}</td>
                      <td>{formatDate(i.due_date)}</td>
                      <td className="num">
                        <Money value={i.amount} />
                      </td>
                      <td className="num">
                        <Money value={i.running_total} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
