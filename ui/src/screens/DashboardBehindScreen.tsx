import { useI18n } from "../i18n";
import { dashboardBehind, type DrillView } from "../platform";
import { formatDate, formatLongDate, formatMoney } from "../format";
import { useNav } from "../app/nav";
import type { BehindFigure } from "../app/routes";
import { current, useLoad } from "../components/hooks";
import { EmptyState, LoadError, Spinner } from "../components/Bits";
import { BackLink, ScreenHeader } from "../components/ScreenHeader";
import { RowLink } from "../components/RowLink";
import { behindTitle } from "../model/dashboard";

/**
 * The invoices behind a dashboard figure, as they stood at the dashboard's date: the figure's own
 * filter, computed by the same rule in Rust, so the list adds up to the figure.
 */
export function DashboardBehindScreen({
  asOf,
  live,
  figure,
  drill,
}: {
  asOf: string;
  /** The dashboard was at today's date. */
  live: boolean;
  figure: BehindFigure;
  drill: DrillView;
}) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => dashboardBehind(asOf, drill), [asOf, drill]);
  const data = current(state);
  const title = t(behindTitle(figure.kind), { detail: figure.detail ?? "" });
  const paidList = drill.paid_from !== null || drill.paid_to !== null;

  return (
    <div className="stack" data-testid="behind-screen">
      <ScreenHeader
        title={title}
        subtitle={
          live
            ? t("dashboard.behind.subtitle_today", { date: formatLongDate(asOf, locale) })
            : t("dashboard.behind.subtitle", { date: formatLongDate(asOf, locale) })
        }
        back={<BackLink label={t("dashboard.behind.back")} onClick={() => nav.back({ name: "dashboard", asOf: live ? null : asOf })} />}
      />
      {state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data ? (
        <Spinner label={t("dashboard.loading")} />
      ) : data.count === 0 ? (
        <EmptyState testid="behind-empty" title={t("dashboard.behind.empty.title")} body={t("dashboard.behind.empty.body")} />
      ) : (
        <>
          <p className="behind-summary" data-testid="behind-summary" data-count={data.count} data-open={data.open} data-total={data.total}>
            {paidList
              ? tn("dashboard.behind.summary_paid", data.count, { total: formatMoney(data.total, locale) })
              : tn("dashboard.behind.summary", data.count, {
                  open: formatMoney(data.open, locale),
                  total: formatMoney(data.total, locale),
                })}
          </p>
          <table className="table" data-testid="behind-table">
            <thead>
              <tr>
                <th scope="col">{t("invoice.number")}</th>
                <th scope="col">{t("invoice.customer")}</th>
                <th scope="col">{t("invoice.issue_date")}</th>
                <th scope="col">{t("invoice.due_date")}</th>
                <th scope="col" className="num">
                  {t("invoice.total")}
                </th>
                <th scope="col" className="num">
                  {paidList ? t("dashboard.behind.paid_on") : t("dashboard.behind.open")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.behind.days_late")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((l) => (
                <tr
                  key={l.invoice_id}
                  className="row-link"
                  data-testid="behind-row"
                  data-open={l.open}
                  onClick={() => nav.go({ name: "invoice", id: l.invoice_id })}
                >
                  <td>
                    <RowLink to={{ name: "invoice", id: l.invoice_id }}>{l.number}</RowLink>
                  </td>
                  <td>{l.customer_name}</td>
                  <td>{formatDate(l.issue_date)}</td>
                  <td>{formatDate(l.due_date)}</td>
                  <td className="num">{formatMoney(l.total, locale)}</td>
                  <td className="num">{paidList && l.paid_on ? formatDate(l.paid_on) : formatMoney(l.open, locale)}</td>
                  <td className="num">{l.days_late > 0 ? t("dashboard.days", { n: String(l.days_late) }) : t("dashboard.behind.on_time")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.lines.length < data.count && (
            <p className="dashboard-note" data-testid="behind-more">
              {t("dashboard.behind.more", { shown: String(data.lines.length), count: String(data.count) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
