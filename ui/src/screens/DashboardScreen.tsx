import { useCallback, useMemo, useState } from "react";
import { useI18n, type Locale } from "../i18n";
import { dashboard, type DashboardView, type DrillView } from "../platform";
import { formatDate, formatLongDate, formatMoney, isZero, parseInputDate } from "../format";
import { useNav } from "../app/nav";
import type { Route } from "../app/routes";
import { current, useLoad } from "../components/hooks";
import { EmptyState, LoadError, Spinner } from "../components/Bits";
import { ScreenHeader } from "../components/ScreenHeader";
import { TextField } from "../components/Field";
import { ChartCanvas } from "../components/Chart";
import { agingLabel, agingSeries, chartValue, dayLabel, formatRatio, invoicesDrill, monthLabel } from "../model/dashboard";

/** The Factures list showing the invoices behind a figure, or null when it cannot. */
function drillRoute(drill: DrillView, customerName?: string): Route | null {
  const d = invoicesDrill(drill);
  if (!d) return null;
  return {
    name: "invoices",
    status: d.status,
    customer: d.customerId === null ? null : { id: d.customerId, name: customerName ?? "" },
    dueFrom: d.dueFrom,
    dueTo: d.dueTo,
  };
}

const days = (value: string | null, locale: Locale, none: string, unit: (n: string) => string): string =>
  value === null ? none : unit(formatRatio(value, locale));

export function DashboardScreen() {
  const { t, locale } = useI18n();
  const [typed, setTyped] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const { state, reload } = useLoad(() => dashboard(asked), [asked]);
  const data = current(state);
  const badDate = typed.trim() !== "" && parseInputDate(typed) === null;
  const errors = state.kind === "failed" && state.error.field ? state.error.fields : undefined;

  const apply = () => setAsked(typed.trim() === "" ? null : typed.trim());

  return (
    <div className="stack" data-testid="dashboard-screen">
      <ScreenHeader
        title={t("nav.dashboard")}
        subtitle={data ? t("dashboard.subtitle", { date: formatLongDate(data.as_of, locale) }) : undefined}
      />
      <form
        className="dashboard-date"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <TextField
          label={t("dashboard.as_of")}
          value={typed}
          onChange={setTyped}
          field="as_of"
          errors={errors}
          placeholder={data ? formatDate(data.as_of) : t("dashboard.as_of_placeholder")}
          hint={badDate ? t("dashboard.as_of_hint") : undefined}
          testid="dashboard-as-of"
        />
        <button type="submit" className="button" data-testid="dashboard-apply">
          {t("dashboard.apply")}
        </button>
        {asked !== null && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setTyped("");
              setAsked(null);
            }}
          >
            {t("dashboard.today")}
          </button>
        )}
      </form>
      {state.kind === "failed" && !errors ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data ? (
        state.kind === "failed" ? null : <Spinner label={t("dashboard.loading")} />
      ) : data.invoices_read === 0 ? (
        <DashboardEmpty />
      ) : (
        <DashboardBody data={data} />
      )}
    </div>
  );
}

function DashboardEmpty() {
  const { t } = useI18n();
  const nav = useNav();
  return (
    <EmptyState testid="dashboard-empty" title={t("dashboard.empty.title")} body={t("dashboard.empty.body")}>
      <button type="button" className="button button-primary" onClick={() => nav.go({ name: "invoice-new", customerId: null })}>
        {t("today.empty.new_invoice")}
      </button>
      <button type="button" className="button" onClick={() => nav.go({ name: "settings", then: null, section: "import-title" })}>
        {t("dashboard.empty.import")}
      </button>
    </EmptyState>
  );
}

/** A figure card; it opens the invoices behind the figure when the list can show them. */
function Figure({
  label,
  value,
  note,
  noteTestid,
  testid,
  tone,
  to,
  raw,
}: {
  label: string;
  value: string;
  /** The exact decimal behind `value`, for checks (data-amount). */
  raw?: string | undefined;
  note?: string | undefined;
  noteTestid?: string | undefined;
  testid: string;
  tone?: "danger" | "neutral";
  to?: Route | null;
}) {
  const nav = useNav();
  const { t } = useI18n();
  const inner = (
    <>
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testid} data-amount={raw}>
        {value}
      </span>
      {note && (
        <span className="stat-note" data-testid={noteTestid}>
          {note}
        </span>
      )}
    </>
  );
  const className = `stat stat-${tone ?? "neutral"}`;
  return to ? (
    <button
      type="button"
      className={`${className} stat-link`}
      onClick={() => nav.go(to)}
      title={t("dashboard.see_invoices")}
      data-testid={`${testid}-link`}
    >
      {inner}
    </button>
  ) : (
    <div className={className}>{inner}</div>
  );
}

function DashboardBody({ data }: { data: DashboardView }) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const none = t("dashboard.none");
  const dayUnit = (n: string) => t("dashboard.days", { n });
  const pct = (v: string | null) => (v === null ? none : t("dashboard.percent", { n: formatRatio(v, locale) }));
  const d = (v: string | null) => days(v, locale, none, dayUnit);
  const euros = useCallback((v: number) => formatMoney(v.toFixed(2), locale), [locale]);
  const dayTick = useCallback((v: number) => t("dashboard.days", { n: formatRatio(String(Math.round(v * 10) / 10), locale) }), [t, locale]);

  const aging = useMemo(() => agingSeries(data.aging, (c) => t(agingLabel(c))), [data, t]);
  const trend = useMemo(
    () => ({ labels: data.dso_trend.map((p) => monthLabel(p.month_end)), values: data.dso_trend.map((p) => chartValue(p.simple)) }),
    [data],
  );
  const forecast = useMemo(
    () => ({ labels: data.forecast.map((w) => dayLabel(w.start)), values: data.forecast.map((w) => chartValue(w.total)) }),
    [data],
  );

  return (
    <>
      <section className="stats dashboard-figures" aria-label={t("dashboard.figures")}>
        <Figure
          label={t("dashboard.receivables")}
          value={formatMoney(data.receivables, locale)}
          raw={data.receivables}
          testid="dashboard-receivables"
          to={drillRoute(data.receivables_drill)}
        />
        <Figure
          label={t("dashboard.overdue")}
          value={formatMoney(data.overdue, locale)}
          raw={data.overdue}
          note={t("dashboard.overdue_share", { share: pct(data.overdue_share) })}
          noteTestid="dashboard-overdue-share"
          testid="dashboard-overdue"
          tone={isZero(data.overdue) ? "neutral" : "danger"}
          to={drillRoute(data.overdue_drill)}
        />
        <Figure
          label={t("dashboard.dso")}
          value={d(data.dso_simple)}
          note={t("dashboard.dso_countback", { days: d(data.dso_countback) })}
          testid="dashboard-dso"
        />
        <Figure
          label={t("dashboard.days_late")}
          value={d(data.paid.average_days_late)}
          note={tn("dashboard.paid_late", data.paid.paid_late, { share: pct(data.paid.share_late) })}
          testid="dashboard-days-late"
        />
        <Figure label={t("dashboard.cei")} value={pct(data.cei.index)} note={t("dashboard.cei_note")} testid="dashboard-cei" />
        <Figure
          label={t("dashboard.recovery")}
          value={pct(data.recovery.rate)}
          note={t("dashboard.recovery_note", { amount: formatMoney(data.recovery.collected, locale) })}
          testid="dashboard-recovery"
        />
        <Figure
          label={t("dashboard.written_off")}
          value={formatMoney(data.written_off.total, locale)}
          note={tn("dashboard.written_off_note", data.written_off.invoices)}
          testid="dashboard-written-off"
        />
      </section>
      <p className="dashboard-note">{t("dashboard.period", { days: String(data.period_days), from: formatDate(data.period_from) })}</p>

      <div className="dashboard-charts">
        <section className="card">
          <h2 className="card-title">{t("dashboard.aging.title")}</h2>
          <ChartCanvas
            kind="bar"
            labels={aging.labels}
            values={aging.values}
            colour="--accent"
            format={euros}
            label={t("dashboard.aging.title")}
            testid="dashboard-aging"
            onPick={(i) => {
              const bucket = data.aging[i];
              const to = bucket ? drillRoute(bucket.drill) : null;
              if (to) nav.go(to);
            }}
          >
            <table>
              <caption>{t("dashboard.aging.title")}</caption>
              <tbody>
                {data.aging.map((b) => (
                  <tr key={b.code} data-testid={`dashboard-aging-${b.code}`} data-amount={b.amount} data-invoices={b.invoices}>
                    <th scope="row">{t(agingLabel(b.code))}</th>
                    <td>{formatMoney(b.amount, locale)}</td>
                    <td>{tn("dashboard.invoices", b.invoices)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartCanvas>
          <ul className="dashboard-legend">
            {data.aging.map((b) => {
              const to = drillRoute(b.drill);
              return (
                <li key={b.code}>
                  <button type="button" className="link" disabled={!to} onClick={() => to && nav.go(to)}>
                    {t(agingLabel(b.code))} : {formatMoney(b.amount, locale)}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>

        <section className="card">
          <h2 className="card-title">{t("dashboard.trend.title")}</h2>
          <ChartCanvas
            kind="line"
            labels={trend.labels}
            values={trend.values}
            colour="--accent"
            format={dayTick}
            label={t("dashboard.trend.title")}
            testid="dashboard-trend"
          >
            <table>
              <caption>{t("dashboard.trend.title")}</caption>
              <tbody>
                {data.dso_trend.map((p) => (
                  <tr key={p.month_end}>
                    <th scope="row">{monthLabel(p.month_end)}</th>
                    <td>{d(p.simple)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartCanvas>
        </section>

        <section className="card">
          <h2 className="card-title">{t("dashboard.forecast.title")}</h2>
          <ChartCanvas
            kind="bar"
            labels={forecast.labels}
            values={forecast.values}
            colour="--warning"
            format={euros}
            label={t("dashboard.forecast.title")}
            testid="dashboard-forecast"
            onPick={(i) => {
              const week = data.forecast[i];
              const to = week ? drillRoute(week.drill) : null;
              if (to) nav.go(to);
            }}
          >
            <table>
              <caption>{t("dashboard.forecast.title")}</caption>
              <tbody>
                {data.forecast.map((w) => (
                  <tr key={w.start}>
                    <th scope="row">{t("dashboard.forecast.week", { from: formatDate(w.start), to: formatDate(w.end) })}</th>
                    <td>{formatMoney(w.total, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartCanvas>
          {!isZero(data.forecast_later) && (
            <p className="dashboard-note">{t("dashboard.forecast.later", { amount: formatMoney(data.forecast_later, locale) })}</p>
          )}
        </section>

        <section className="card">
          <h2 className="card-title">{t("dashboard.top.title")}</h2>
          {data.top_overdue.length === 0 ? (
            <p className="dashboard-note">{t("dashboard.top.none")}</p>
          ) : (
            <table className="table" data-testid="dashboard-top">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.top.customer")}</th>
                  <th scope="col" className="num">{t("dashboard.top.overdue")}</th>
                  <th scope="col" className="num">{t("dashboard.top.invoices")}</th>
                  <th scope="col" className="num">{t("dashboard.top.max_days")}</th>
                </tr>
              </thead>
              <tbody>
                {data.top_overdue.map((c) => (
                  <tr key={c.customer_id}>
                    <td>
                      <button type="button" className="link" onClick={() => nav.go({ name: "customer", id: c.customer_id })}>
                        {c.name}
                      </button>
                    </td>
                    <td className="num">
                      <button type="button" className="link" onClick={() => { const to = drillRoute(c.drill, c.name); if (to) nav.go(to); }}>
                        {formatMoney(c.overdue, locale)}
                      </button>
                    </td>
                    <td className="num">{c.invoices}</td>
                    <td className="num">{dayUnit(String(c.max_days_late))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
