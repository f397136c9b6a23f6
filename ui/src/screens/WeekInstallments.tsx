// Today: "Échéances de la semaine": installments of running plans due this
// week (Monday to Sunday) or within the notice days, or already late, and
// those of a plan that just broke (until the user chooses where the
// reminders resume), each opening its plan. Shows nothing when none.
import { useI18n } from "../i18n";
import { plansDue } from "../platform";
import { formatDate } from "../format";
import { useNav } from "../app/nav";
import { Money } from "../components/Bits";
import { useLoad } from "../components/hooks";
import { RowLink } from "../components/RowLink";

export function WeekInstallments({ reloadKey }: { reloadKey: unknown }) {
  const { t } = useI18n();
  const nav = useNav();
  const { state } = useLoad(() => plansDue(), [reloadKey]);
  if (state.kind !== "ready" || state.value.length === 0) return null;
  return (
    <section className="card" data-testid="week-installments" aria-labelledby="week-installments-title">
      <h2 className="card-title" id="week-installments-title">
        {t("today.week_installments")}
      </h2>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t("today.week_installments.customer")}</th>
              <th scope="col">{t("plan.col.installment")}</th>
              <th scope="col">{t("plan.col.date")}</th>
              <th scope="col" className="num">
                {t("today.week_installments.left")}
              </th>
            </tr>
          </thead>
          <tbody>
            {state.value.map((d) => (
              <tr
                key={`${d.plan_id}-${d.number}`}
                className="row-link"
                data-testid="week-installment"
                onClick={() => nav.go({ name: "plan", id: d.plan_id })}
              >
                <td>
                  <RowLink to={{ name: "plan", id: d.plan_id }}>{d.customer_name}</RowLink>
                </td>
                <td>
                  {d.number === 0 ? t("plan.down_payment_row") : t("plan.installment_row", { n: d.number })}
                </td>
                <td>
                  {formatDate(d.due_date)}
                  {d.broken_on !== null ? (
                    <span className="badge badge-overdue badge-inline" data-testid="week-installment-broken">
                      {t("plan.status.defaulted", { date: formatDate(d.broken_on) })}
                    </span>
                  ) : (
                    d.late && <span className="badge badge-overdue badge-inline">{t("plan.installment.late")}</span>
                  )}
                </td>
                <td className="num">
                  <Money value={d.left} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
