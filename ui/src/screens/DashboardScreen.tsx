import { useCallback, useMemo, useState } from "react";
import { useI18n, type Locale } from "../i18n";
import { dashboard, type DashboardView, type DrillView } from "../platform";
import { formatAxisMoney, formatDate, formatLongDate, formatMoney, isZero, parseInputDate } from "../format";
import { useNav } from "../app/nav";
import type { BehindFigure, Route } from "../app/routes";
import { current, useLoad } from "../components/hooks";
import { EmptyState, LoadError, Spinner } from "../components/Bits";
import { ScreenHeader } from "../components/ScreenHeader";
import { TextField } from "../components/Field";
import { ChartCanvas } from "../components/Chart";
import { ExportButton } from "../components/ExportButton";
import { agingLabel, agingSeries, chartValue, dayLabel, formatRatio, monthLabel } from "../model/dashboard";

/** The list of the invoices behind a figure, at the dashboard's date. */
function behind(asOf: string, kind: BehindFigure["kind"], drill: DrillView, detail?: string, live = false): Route {
  return { name: "dashboard-behind", asOf, live, figure: { kind, detail }, drill };
}

const days = (value: string | null, locale: Locale, none: string, unit: (n: string) => string): string =>
  value === null ? none : unit(formatRatio(value, locale));

/**
 * « Tableau de bord »: the receivables at a glance at a date (today unless the user asks for
 * another). The date lives in the route, so coming back from a list restores it.
 */
export function DashboardScreen({ asOf }: { asOf: string | null }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [typed, setTyped] = useState(asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? formatDate(asOf) : (asOf ?? ""));
  const { state, reload } = useLoad(() => dashboard(asOf), [asOf]);
  const data = current(state);
  const badDate = typed.trim() !== "" && parseInputDate(typed) === null;
  const errors = state.kind === "failed" && state.error.field ? state.error.fields : undefined;

  const show = (date: string | null) => nav.replace({ name: "dashboard", asOf: date });
  const apply = () => show(typed.trim() === "" ? null : typed.trim());

  return (
    <div className="stack" data-testid="dashboard-screen">
      <ScreenHeader
        title={t("nav.dashboard")}
        subtitle={data ? t("dashboard.subtitle", { date: formatLongDate(data.as_of, locale) }) : undefined}
        actions={
          data && data.invoices_read > 0 ? (
            <ExportButton kinds={["kpis"]} label="dashboard.export" testid="dashboard-export" asOf={data.as_of} />
          ) : undefined
        }
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
        {asOf !== null && (
          <button type="button" className="button" onClick={() => show(null)} data-testid="dashboard-today">
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
        <DashboardBody data={data} onDate={show} live={asOf === null} />
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

function DashboardBody({ data, onDate, live }: { data: DashboardView; onDate: (date: string) => void; live: boolean }) {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const at = data.as_of;
  /** The invoices behind a figure of this dashboard, at its date (today's when `live`). */
  const list = (kind: BehindFigure["kind"], drill: DrillView, detail?: string): Route => behind(at, kind, drill, detail, live);
  const quiet = data.last_activity !== null && data.last_activity <= data.period_from;
  const none = t("dashboard.none");
  const dayUnit = (n: string) => t("dashboard.days", { n });
  const pct = (v: string | null) => (v === null ? none : t("dashboard.percent", { n: formatRatio(v, locale) }));
  const d = (v: string | null) => days(v, locale, none, dayUnit);
  const euros = useCallback((v: number) => formatMoney(v.toFixed(2), locale), [locale]);
  const euroTick = useCallback((v: number) => formatAxisMoney(v, locale), [locale]);
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
      {quiet && data.last_activity && (
        <div className="banner banner-warning dashboard-hint" data-testid="dashboard-quiet">
          <span>{t("dashboard.quiet", { days: String(data.period_days), last: formatDate(data.last_activity) })}</span>
          <button type="button" className="button" onClick={() => data.last_activity && onDate(data.last_activity)} data-testid="dashboard-quiet-go">
            {t("dashboard.quiet_go", { date: formatDate(data.last_activity) })}
          </button>
        </div>
      )}
      <section className="stats dashboard-figures" aria-label={t("dashboard.figures")}>
        <Figure
          label={t("dashboard.receivables")}
          value={formatMoney(data.receivables, locale)}
          raw={data.receivables}
          testid="dashboard-receivables"
          to={list("receivables", data.receivables_drill)}
        />
        <Figure
          label={t("dashboard.overdue")}
          value={formatMoney(data.overdue, locale)}
          raw={data.overdue}
          note={
            data.overdue_share === null
              ? t("dashboard.nothing_open")
              : data.overdue_weighted_days_late === null
                ? t("dashboard.overdue_share", { share: pct(data.overdue_share) })
                : t("dashboard.overdue_share_late", { share: pct(data.overdue_share), days: d(data.overdue_weighted_days_late) })
          }
          noteTestid="dashboard-overdue-share"
          testid="dashboard-overdue"
          tone={isZero(data.overdue) ? "neutral" : "danger"}
          to={list("overdue", data.overdue_drill)}
        />
        <Figure
          label={t("dashboard.dso")}
          value={d(data.dso_simple)}
          note={data.dso_simple === null ? t("dashboard.no_sales") : t("dashboard.dso_countback", { days: d(data.dso_countback) })}
          testid="dashboard-dso"
          to={list("dso", data.receivables_drill)}
        />
        <Figure
          label={t("dashboard.days_late")}
          value={d(data.paid.weighted_days_late)}
          note={
            data.paid.invoices === 0
              ? t("dashboard.none_paid")
              : tn("dashboard.paid_late", data.paid.paid_late, { share: pct(data.paid.share_late) })
          }
          testid="dashboard-days-late"
          to={list("days_late", data.paid.drill)}
        />
        <Figure
          label={t("dashboard.cei")}
          value={pct(data.cei.index)}
          note={data.cei.index === null ? t("dashboard.cei_none") : t("dashboard.cei_note")}
          testid="dashboard-cei"
          to={list("cei", data.overdue_drill)}
        />
        <Figure
          label={t("dashboard.recovery")}
          value={pct(data.recovery.rate)}
          note={
            data.recovery.rate === null
              ? t("dashboard.recovery_none")
              : t("dashboard.recovery_note", { amount: formatMoney(data.recovery.collected, locale) })
          }
          testid="dashboard-recovery"
          to={list("recovery", data.recovery.drill)}
        />
        <Figure
          label={t("dashboard.written_off")}
          value={formatMoney(data.written_off.total, locale)}
          note={tn("dashboard.written_off_note", data.written_off.invoices)}
          testid="dashboard-written-off"
          to={data.written_off.invoices > 0 ? list("written_off", data.written_off.drill) : null}
        />
        <Figure
          label={t("dashboard.disputed")}
          value={pct(data.disputed.share)}
          note={
            data.disputed.issued === 0
              ? t("dashboard.disputed_none")
              : tn("dashboard.disputed_note", data.disputed.disputed, {
                  issued: String(data.disputed.issued),
                  open: formatMoney(data.disputed.open_amount, locale),
                })
          }
          testid="dashboard-disputed"
          to={data.disputed.disputed > 0 ? list("disputed", data.disputed.drill) : null}
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
            tick={euroTick}
            label={t("dashboard.aging.title")}
            testid="dashboard-aging"
            empty={t("dashboard.aging.empty")}
            onPick={(i) => {
              const bucket = data.aging[i];
              if (bucket) nav.go(list("aging", bucket.drill, t(agingLabel(bucket.code))));
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
            {data.aging.map((b) => (
              <li key={b.code}>
                <button
                  type="button"
                  className="link"
                  disabled={b.invoices === 0}
                  onClick={() => nav.go(list("aging", b.drill, t(agingLabel(b.code))))}
                  data-testid={`dashboard-legend-${b.code}`}
                >
                  {t(agingLabel(b.code))} : {formatMoney(b.amount, locale)}
                </button>
              </li>
            ))}
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
            empty={t("dashboard.trend.empty")}
            onPick={(i) => {
              const point = data.dso_trend[i];
              // A month end's DSO stands on the receivables of that day: listed at that date.
              if (point) nav.go(behind(point.month_end, "dso", data.receivables_drill));
            }}
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
            tick={euroTick}
            label={t("dashboard.forecast.title")}
            testid="dashboard-forecast"
            empty={t("dashboard.forecast.empty")}
            onPick={(i) => {
              const week = data.forecast[i];
              if (week) nav.go(list("forecast", week.drill, t("dashboard.forecast.week", { from: formatDate(week.start), to: formatDate(week.end) })));
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
                      <button type="button" className="link" onClick={() => nav.go(list("customer", c.drill, c.name))}>
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
