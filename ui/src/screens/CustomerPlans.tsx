// The customer's installment plans (échéanciers), the most recent first,
// each with its status in words, what is left, and a link to its page.
import { useI18n } from "../i18n";
import { customerPlans } from "../platform";
import { formatDate } from "../format";
import { useNav } from "../app/nav";
import { Money } from "../components/Bits";
import { useLoad } from "../components/hooks";
import { RowLink } from "../components/RowLink";
import { planBadge, planStatusLabel } from "../model/plans";

export function PlansCard({ customerId, canCreate, reloadKey }: { customerId: number; canCreate: boolean; reloadKey: unknown }) {
  const { t } = useI18n();
  const nav = useNav();
  const { state } = useLoad(() => customerPlans(customerId), [customerId, reloadKey]);
  const plans = state.kind === "ready" ? state.value : state.kind === "loading" ? state.previous : null;
  return (
    <section className="card" data-testid="customer-plans" aria-labelledby="plans-title">
      <div className="card-head">
        <h2 className="card-title" id="plans-title">
          {t("plans.title")}
        </h2>
        {canCreate && (
          <button
            type="button"
            className="button button-small"
            onClick={() => nav.go({ name: "plan-new", customerId })}
            data-testid="customer-new-plan"
          >
            {t("plan.button")}
          </button>
        )}
      </div>
      {state.kind === "failed" ? (
        <p className="field-error">{state.error.message}</p>
      ) : plans === null ? null : plans.length === 0 ? (
        <p className="muted" data-testid="customer-no-plans">
          {t(canCreate ? "plans.empty" : "plans.empty_nothing_due")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t("plans.col.plan")}</th>
                <th scope="col">{t("plans.col.invoices")}</th>
                <th scope="col" className="num">
                  {t("plan.total")}
                </th>
                <th scope="col" className="num">
                  {t("plan.left")}
                </th>
                <th scope="col">{t("plan.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr
                  key={p.id}
                  className="row-link"
                  data-testid="customer-plan"
                  onClick={() => nav.go({ name: "plan", id: p.id })}
                >
                  <td>
                    <RowLink to={{ name: "plan", id: p.id }}>
                      {t("plans.line", { id: p.id, date: formatDate(p.agreed_on) })}
                    </RowLink>
                  </td>
                  <td>{p.invoices.join(", ")}</td>
                  <td className="num">
                    <Money value={p.total} />
                  </td>
                  <td className="num">
                    <Money value={p.left} />
                  </td>
                  <td>
                    <span className={`badge ${planBadge(p.status)}`}>
                      {t(planStatusLabel(p.status), { date: p.status_on ? formatDate(p.status_on) : "" })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
