// The customer's credit insurance (assurance-crédit): the insurer, the covered amount, the delay
// to declare an unpaid invoice, how much of what the customer owes is above the cover (not
// insured), and the invoices already declared. Shown only for an insured customer or one with
// declarations; the cover is edited on the customer's form.
import { useI18n } from "../i18n";
import type { CoverView } from "../platform";
import { formatDate, isZero } from "../format";
import { useNav } from "../app/nav";
import { Money } from "../components/Bits";

export function InsuranceCard({ cover }: { cover: CoverView }) {
  const { t, tn } = useI18n();
  const nav = useNav();
  if (cover.insurer === null && cover.declared.length === 0) return null;
  return (
    <section className="card" data-testid="customer-insurance-card" aria-labelledby="insurance-title">
      <h2 className="card-title" id="insurance-title">
        {t("customer.section.insurance")}
      </h2>
      {cover.insurer === null ? (
        <p className="muted" data-testid="insurance-none">
          {t("insurance.none")}
        </p>
      ) : (
        <dl className="facts">
          <dt>{t("customer.field.insurer")}</dt>
          <dd data-testid="insurance-insurer">{cover.insurer}</dd>
          <dt>{t("customer.field.covered_amount")}</dt>
          <dd>
            {cover.covered === null ? (
              <span className="muted">{t("insurance.covered_unknown")}</span>
            ) : (
              <Money value={cover.covered} testid="insurance-covered" />
            )}
          </dd>
          {cover.deadline_days !== null && (
            <>
              <dt>{t("insurance.days")}</dt>
              <dd data-testid="insurance-days">
                {tn("insurance.days_after_due", cover.deadline_days, { days: cover.deadline_days })}
              </dd>
            </>
          )}
          {cover.uncovered !== null && (
            <>
              <dt>{t("insurance.uncovered")}</dt>
              <dd data-testid="insurance-uncovered">
                {isZero(cover.uncovered) ? (
                  <span className="muted">{t("insurance.all_covered")}</span>
                ) : (
                  <span className="text-warning">
                    <Money value={cover.uncovered} />
                  </span>
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      <h3 className="card-subtitle">{t("insurance.declared.title")}</h3>
      {cover.declared.length === 0 ? (
        <p className="muted" data-testid="insurance-declared-none">
          {t("insurance.declared.none")}
        </p>
      ) : (
        <table className="table table-compact" data-testid="insurance-declared">
          <thead>
            <tr>
              <th scope="col">{t("agenda.invoice")}</th>
              <th scope="col">{t("insurance.declared.on")}</th>
              <th scope="col">{t("customer.field.insurer")}</th>
              <th scope="col" className="num">
                {t("agenda.amount_due")}
              </th>
            </tr>
          </thead>
          <tbody>
            {cover.declared.map((d) => (
              <tr key={d.invoice_id} data-testid="insurance-declared-row" data-number={d.number}>
                <td>
                  <button type="button" className="link" onClick={() => nav.go({ name: "invoice", id: d.invoice_id })}>
                    {d.number}
                  </button>
                </td>
                <td>{formatDate(d.declared_on)}</td>
                <td>{d.insurer}</td>
                <td className="num">
                  <Money value={d.amount_due} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
