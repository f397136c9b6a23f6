import { useState, type ReactNode } from "react";
import { useI18n } from "../i18n";
import {
  backupChooseFile,
  backupInspect,
  loadDemo,
  toAppError,
  today,
  type AppError,
  type BackupContentsView,
  type TodayGroupView,
  type TodayView,
} from "../platform";
import { formatDate, formatLongDate, formatMoney, isZero, share } from "../format";
import { useNav } from "../app/nav";
import { current, useLoad } from "../components/hooks";
import { EmptyState, LoadError, Money, Spinner, Stat } from "../components/Bits";
import { InvoiceCells, InvoiceHeadings } from "../components/InvoiceCells";
import { Pager, PAGE_SIZE } from "../components/Pager";
import { ScreenHeader } from "../components/ScreenHeader";
import { ExportButton } from "../components/ExportButton";
import { Agenda } from "./Agenda";
import { WeekInstallments } from "./WeekInstallments";
import { BackupBanner } from "./BackupBanner";
import { RestoreDialog } from "./BackupSection";
import { TextField } from "../components/Field";

export function TodayScreen() {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const [page, setPage] = useState(0);
  const { state, reload } = useLoad(() => today(page), [page]);
  const info = nav.info;
  const data = current(state);
  const firstStart = info !== null && info.database_is_empty && !info.company_named;

  const subtitle = data
    ? data.customers === 0
      ? formatLongDate(data.as_of, locale)
      : tn("today.subtitle", data.customers, { date: formatLongDate(data.as_of, locale) })
    : undefined;

  return (
    <div className="stack" data-testid="today-screen">
      <ScreenHeader
        title={t("nav.today")}
        subtitle={subtitle}
        actions={
          !firstStart && data ? (
            <ExportButton kinds={["agenda"]} label="export.agenda" testid="agenda-export" />
          ) : undefined
        }
      />
      {firstStart ? (
        <Welcome onLoaded={reload} />
      ) : state.kind === "failed" ? (
        <LoadError message={state.error.message} onRetry={reload} />
      ) : !data || info === null ? (
        <Spinner />
      ) : (
        <>
          <BackupBanner />
          <Agenda onChanged={reload} />
          <WeekInstallments reloadKey={data} />
          <TodayBody data={data} page={page} onPage={setPage} busy={state.kind === "loading"} />
        </>
      )}
    </div>
  );
}

function TodayBody({
  data,
  page,
  onPage,
  busy,
}: {
  data: TodayView;
  page: number;
  onPage: (page: number) => void;
  busy: boolean;
}) {
  const { t, locale } = useI18n();
  const nav = useNav();
  return (
    <>
      <section className="stats" aria-label={t("today.totals")}>
        <Stat
          label={t("today.total_outstanding")}
          value={data.total_outstanding}
          testid="today-total-outstanding"
          note={
            isZero(data.total_written_off)
              ? undefined
              : t("today.written_off_apart", { amount: formatMoney(data.total_written_off, locale) })
          }
        />
        <Stat
          label={t("today.total_overdue")}
          value={data.total_overdue}
          testid="today-total-overdue"
          tone={isZero(data.total_overdue) ? "neutral" : "danger"}
        />
        <Stat
          label={t("today.total_due_soon")}
          value={data.total_due_soon}
          testid="today-total-due-soon"
          tone={isZero(data.total_due_soon) ? "neutral" : "warning"}
          note={t("today.due_soon_until", { date: formatDate(data.due_soon_until) })}
        />
      </section>
      {!isZero(data.total_outstanding) && <ShareBar data={data} />}

      {data.groups.length === 0 ? (
        <EmptyState testid="today-empty" title={t("today.empty.title")} body={t("today.empty.body")}>
          <button
            type="button"
            className="button button-primary"
            onClick={() => nav.go({ name: "invoice-new", customerId: null })}
          >
            {t("today.empty.new_invoice")}
          </button>
          <button type="button" className="button" onClick={() => nav.go({ name: "invoices" })}>
            {t("today.empty.see_invoices")}
          </button>
        </EmptyState>
      ) : (
        <>
          <div className="groups">
            {data.groups.map((g) => (
              <GroupCard key={g.customer_id} group={g} />
            ))}
          </div>
          {data.customers > PAGE_SIZE && (
            <Pager page={page} total={data.customers} onPage={onPage} busy={busy} />
          )}
        </>
      )}
    </>
  );
}

/** Overdue / due within 7 days / later, as shares of what is outstanding. */
function ShareBar({ data }: { data: TodayView }) {
  const { t, locale } = useI18n();
  const width = 1000;
  const overdue = Math.round(share(data.total_overdue, data.total_outstanding) * width);
  const soon = Math.min(width - overdue, Math.round(share(data.total_due_soon, data.total_outstanding) * width));
  const later = Math.max(0, width - overdue - soon);
  const pct = (w: number) =>
    new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(
      w / width,
    );
  return (
    <figure className="sharebar" data-testid="today-sharebar">
      <svg
        className="sharebar-svg"
        viewBox={`0 0 ${width} 12`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t("today.bar.label", { overdue: pct(overdue), soon: pct(soon), later: pct(later) })}
      >
        <rect className="bar-overdue" x={0} y={0} width={overdue} height={12} />
        <rect className="bar-soon" x={overdue} y={0} width={soon} height={12} />
        <rect className="bar-later" x={overdue + soon} y={0} width={later} height={12} />
      </svg>
      <figcaption className="sharebar-legend">
        <Legend bar="bar-overdue">{t("today.bar.overdue", { share: pct(overdue) })}</Legend>
        <Legend bar="bar-soon">{t("today.bar.soon", { share: pct(soon) })}</Legend>
        <Legend bar="bar-later">{t("today.bar.later", { share: pct(later) })}</Legend>
      </figcaption>
    </figure>
  );
}

/** A swatch in the colour of one part of the bar (its class), then what it stands for. */
function Legend({ bar, children }: { bar: string; children: ReactNode }) {
  return (
    <span className="legend">
      <svg className="legend-swatch" viewBox="0 0 10 10" aria-hidden="true">
        <rect className={bar} width={10} height={10} rx={2} />
      </svg>
      {children}
    </span>
  );
}

/** One of a customer's sums beside their name, left out when it is zero. */
function GroupSum({
  tone,
  label,
  value,
  testid,
}: {
  tone: "overdue" | "soon";
  label: string;
  value: string;
  testid: string;
}) {
  if (isZero(value)) return null;
  return (
    <div className={`group-sum group-sum-${tone}`}>
      <dt>{label}</dt>
      <dd>
        <Money value={value} testid={testid} />
      </dd>
    </div>
  );
}

function GroupCard({ group }: { group: TodayGroupView }) {
  const { t, tn } = useI18n();
  const nav = useNav();
  return (
    <article className="card group" data-testid="today-group" data-customer-id={group.customer_id}>
      <header className="group-head">
        <div className="group-who">
          <button
            type="button"
            className="link group-name"
            onClick={() => nav.go({ name: "customer", id: group.customer_id })}
            data-testid="today-customer"
          >
            {group.customer_name}
          </button>
          <div className="group-contact muted">
            {group.phone && <span data-testid="today-phone">{group.phone}</span>}
            {group.email && <span data-testid="today-email">{group.email}</span>}
            {!group.phone && !group.email && <span>{t("today.no_contact")}</span>}
          </div>
        </div>
        <dl className="group-sums">
          <GroupSum
            tone="overdue"
            label={t("today.group.overdue")}
            value={group.overdue}
            testid="today-group-overdue"
          />
          <GroupSum tone="soon" label={t("today.group.due_soon")} value={group.due_soon} testid="today-group-due-soon" />
        </dl>
      </header>
      <table className="table table-compact">
        <thead>
          <InvoiceHeadings last={t("invoice.situation")} />
        </thead>
        <tbody>
          {group.invoices.map((inv) => (
            <tr key={inv.id} data-testid="today-invoice" data-number={inv.number}>
              <td>
                <button type="button" className="link" onClick={() => nav.go({ name: "invoice", id: inv.id })}>
                  {inv.number}
                </button>
              </td>
              <InvoiceCells
                invoice={inv}
                remainingTestid="today-invoice-remaining"
                last={
                  inv.overdue ? (
                    <span className="badge badge-overdue" data-testid="today-invoice-late">
                      {tn("today.late", inv.days_late, { days: inv.days_late })}
                    </span>
                  ) : (
                    <span className="badge badge-soon" data-testid="today-invoice-due">
                      {t("today.due_on", { date: formatDate(inv.due_date) })}
                    </span>
                  )
                }
              />
            </tr>
          ))}
        </tbody>
      </table>
      {group.invoice_count > group.invoices.length && (
        <p className="group-more" data-testid="today-group-more">
          <button type="button" className="link" onClick={() => nav.go({ name: "customer", id: group.customer_id })}>
            {tn("today.more_invoices", group.invoice_count - group.invoices.length)}
          </button>
        </p>
      )}
      <footer className="group-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => nav.go({ name: "payment", customerId: group.customer_id })}
          data-testid="today-record-payment"
        >
          {t("action.record_payment")}
        </button>
        <button type="button" className="button" onClick={() => nav.go({ name: "customer", id: group.customer_id })}>
          {t("today.open_customer")}
        </button>
      </footer>
    </article>
  );
}

function Welcome({ onLoaded }: { onLoaded: () => void }) {
  const { t } = useI18n();
  const nav = useNav();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  const demo = async () => {
    setBusy(true);
    setError(null);
    try {
      const summary = await loadDemo();
      await nav.refreshInfo();
      nav.toast(t("welcome.demo_loaded", { customers: summary.customers, invoices: summary.invoices }));
      onLoaded();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 className="welcome-title" id="welcome-title">
        {t("welcome.title")}
      </h2>
      <p className="welcome-body">{t("welcome.body")}</p>
      <div className="welcome-choices">
        <div className="welcome-choice">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void demo()}
            disabled={busy}
            data-testid="welcome-demo"
          >
            {t("welcome.demo")}
          </button>
          <p className="muted">{t("welcome.demo_help")}</p>
        </div>
        <div className="welcome-choice">
          <button
            type="button"
            className="button"
            onClick={() => nav.go({ name: "settings", then: { name: "clients" } })}
            disabled={busy}
            data-testid="welcome-empty"
          >
            {t("welcome.empty")}
          </button>
          <p className="muted">{t("welcome.empty_help")}</p>
        </div>
        <div className="welcome-choice">
          <button
            type="button"
            className="button"
            onClick={() => setRestoring(true)}
            disabled={busy}
            aria-expanded={restoring}
            data-testid="welcome-restore"
          >
            {t("welcome.restore")}
          </button>
          <p className="muted">{t("welcome.restore_help")}</p>
        </div>
      </div>
      <p className="muted welcome-import">
        {t("welcome.import_help")}{" "}
        <button
          type="button"
          className="link"
          onClick={() => nav.go({ name: "settings", then: null, section: "import-title" })}
          disabled={busy}
          data-testid="welcome-import"
        >
          {t("welcome.import")}
        </button>
      </p>
      {restoring && <WelcomeRestore onRestored={onLoaded} onCancel={() => setRestoring(false)} />}
      {busy && <Spinner label={t("welcome.demo_loading")} />}
      {error && (
        <p className="field-error" role="alert" data-testid="welcome-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** « Restaurer une sauvegarde » on the first start: the file (typed, pasted or « Choisir… »), what it holds, then the restore. */
function WelcomeRestore({ onRestored, onCancel }: { onRestored: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [path, setPath] = useState("");
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [contents, setContents] = useState<BackupContentsView | null>(null);

  const choose = async () => {
    try {
      const picked = await backupChooseFile();
      if (picked !== null) setPath(picked);
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const inspect = async () => {
    setChecking(true);
    setError(null);
    try {
      setContents(await backupInspect(path.trim()));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setChecking(false);
    }
  };

  // The dialog is a form of its own: it stays outside this one (no nested forms).
  return (
    <>
    <form
      className="form welcome-restore"
      data-testid="welcome-restore-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!checking) void inspect();
      }}
      noValidate
    >
      <div className="backup-folder-row">
        <TextField
          label={t("welcome.restore.file")}
          hint={t("welcome.restore.file_hint")}
          value={path}
          onChange={setPath}
          field="backup_file"
          errors={error ? { backup_file: error.message, ...error.fields } : undefined}
          testid="welcome-restore-path"
        />
        <button type="button" className="button" onClick={() => void choose()} data-testid="welcome-restore-choose">
          {t("backup.choose")}
        </button>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} disabled={checking}>
          {t("common.cancel")}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={checking || path.trim() === ""}
          data-testid="welcome-restore-inspect"
        >
          {checking ? t("backup.checking") : t("welcome.restore.inspect")}
        </button>
      </div>
    </form>
      {contents && (
        <RestoreDialog contents={contents} firstStart onRestored={onRestored} onClose={() => setContents(null)} />
      )}
    </>
  );
}
