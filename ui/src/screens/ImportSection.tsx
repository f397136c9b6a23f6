// Settings: « Importer des données ». A CSV file (path typed or picked with
// « Choisir… »), what it holds and its column preset; « Voir l’aperçu » reads
// it in Rust without writing (the first rows as they will be read, the counts,
// every row in error); « Importer » asks confirmation, shows its progress and
// ends with what was added. A file with errors cannot be imported.
import { useState, type ReactNode } from "react";
import { useI18n, type MessageKey } from "../i18n";
import {
  importChooseFile,
  importPreview,
  importRemembered,
  importRun,
  toAppError,
  type AppError,
  type ImportForm,
  type ImportReportView,
} from "../platform";
import { useNav } from "../app/nav";
import { FormError, SelectField, TextField } from "../components/Field";
import { ConfirmDialog } from "../components/Dialog";
import { Money, Spinner } from "../components/Bits";
import { formatDate } from "../format";
import { percent } from "../model/backup";
import {
  asksDateOrder,
  formatCount,
  importAction,
  isDateOrder,
  isImportKind,
  isImportPreset,
  listedErrors,
  type DateOrderCode,
  type ImportKind,
  type ImportPreset,
} from "../model/importFile";

const FIELDS = ["import_path", "import_kind", "import_preset", "import_dates"];

const KIND_LABELS: Record<ImportKind, MessageKey> = {
  invoices: "import.kind.invoices",
  customers: "import.kind.customers",
  payments: "import.kind.payments",
};

const HEADERS_HINT: Record<ImportKind, MessageKey> = {
  invoices: "import.headers.invoices",
  customers: "import.headers.customers",
  payments: "import.headers.payments",
};

export function ImportSection() {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const [path, setPath] = useState("");
  const [kind, setKind] = useState<ImportKind>("invoices");
  const [preset, setPreset] = useState<ImportPreset>("generic");
  const [dates, setDates] = useState<DateOrderCode>("");
  const [remembered, setRemembered] = useState(false);
  const [recalledFor, setRecalledFor] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<{ kind: ImportKind; report: ImportReportView } | null>(null);

  const form = (over: Partial<ImportForm> = {}): ImportForm => ({
    path,
    kind,
    preset,
    dates: dates === "" ? null : dates,
    ...over,
  });

  /** Any change of the file or the choices makes the preview stale. */
  const changed = () => {
    setReport(null);
    setError(null);
    setDone(null);
  };

  /** The choices made last time for a file with the same columns, if any: preselected, once per path. */
  const recall = async (p: string): Promise<Partial<ImportForm>> => {
    setRecalledFor(p);
    setRemembered(false);
    if (p.trim() === "") return {};
    try {
      const r = await importRemembered(p);
      if (r && isImportKind(r.kind) && isImportPreset(r.preset)) {
        const order: DateOrderCode = r.dates && isDateOrder(r.dates) ? r.dates : "";
        setKind(r.kind);
        setPreset(r.preset);
        setDates(order);
        setRemembered(true);
        return { kind: r.kind, preset: r.preset, dates: order === "" ? null : order };
      }
    } catch {
      // Nothing remembered: the choices stay as they are.
    }
    return {};
  };

  const choose = async () => {
    try {
      const picked = await importChooseFile();
      if (picked !== null) {
        setPath(picked);
        changed();
        await recall(picked);
      }
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const preview = async (over: Partial<ImportForm> = {}) => {
    if (reading) return;
    setReading(true);
    setError(null);
    setDone(null);
    try {
      const recalled = recalledFor === path ? {} : await recall(path);
      setReport(await importPreview(form({ ...recalled, ...over })));
    } catch (e) {
      setReport(null);
      setError(toAppError(e));
    } finally {
      setReading(false);
    }
  };

  const run = async () => {
    setConfirming(false);
    setProgress(0);
    setError(null);
    try {
      const result = await importRun(form(), (p) => setProgress(percent(p.done, p.total)));
      setDone({ kind, report: result });
      setReport(null);
      await nav.refreshInfo();
      nav.toast(t("import.done_toast"));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setProgress(null);
    }
  };

  const action = report ? importAction(kind, report) : null;
  const busy = reading || progress !== null;
  const askDates = asksDateOrder(report) || dates !== "";
  const errors = error?.fields;

  return (
    <section className="card stack" aria-labelledby="import-title" data-testid="import-section">
      <h2 className="card-title" id="import-title">
        {t("import.title")}
      </h2>
      <p className="muted">{t("import.intro")}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void preview();
        }}
      >
        <FormError error={error} shown={FIELDS} />
        <div className="backup-folder-row">
          <TextField
            label={t("import.file")}
            hint={t("import.file.hint")}
            value={path}
            onChange={(v) => {
              setPath(v);
              setRemembered(false);
              changed();
            }}
            field="import_path"
            errors={errors}
            testid="import-path"
          />
          <button type="button" className="button" onClick={() => void choose()} disabled={busy} data-testid="import-choose">
            {t("import.choose")}
          </button>
        </div>
        <div className="form-grid">
          <SelectField<ImportKind>
            label={t("import.kind")}
            value={kind}
            onChange={(v) => {
              setKind(v);
              changed();
            }}
            options={(["invoices", "customers", "payments"] as const).map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
            field="import_kind"
            errors={errors}
            testid="import-kind"
          />
          <SelectField<ImportPreset>
            label={t("import.preset")}
            value={preset}
            onChange={(v) => {
              setPreset(v);
              changed();
            }}
            options={[
              { value: "generic", label: t("import.preset.generic") },
              { value: "ibm", label: t("import.preset.ibm") },
            ]}
            field="import_preset"
            errors={errors}
            testid="import-preset"
          />
        </div>
        <p className="muted" data-testid="import-headers">
          {preset === "ibm" ? t("import.headers.ibm") : t(HEADERS_HINT[kind])}
        </p>
        {askDates && (
          <div className="form-grid">
            <SelectField<DateOrderCode>
              label={t("import.dates")}
              value={dates}
              onChange={(v) => {
                setDates(v);
                if (report) void preview({ dates: v === "" ? null : v });
              }}
              options={[
                { value: "", label: t("import.dates.ask") },
                { value: "day_first", label: t("import.dates.day_first") },
                { value: "month_first", label: t("import.dates.month_first") },
              ]}
              field="import_dates"
              errors={errors}
              testid="import-dates"
            />
          </div>
        )}
        {remembered && (
          <p className="muted" data-testid="import-remembered">
            {t("import.remembered")}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            disabled={busy}
            data-testid="import-preview"
          >
            {reading ? t("import.reading") : t("import.preview")}
          </button>
        </div>
      </form>
      {reading && <Spinner label={t("import.reading")} />}
      {report && !reading && (
        <Preview kind={kind} report={report} askDates={asksDateOrder(report)}>
          {action && (
            <div className="stack">
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy || action.what === "errors" || action.what === "nothing_new"}
                  onClick={() => setConfirming(true)}
                  data-testid="import-run"
                >
                  {action.what === "invoices"
                    ? tn("import.run.invoices", action.count, { count: formatCount(action.count, locale) })
                    : action.what === "customers"
                      ? tn("import.run.customers", action.count, { count: formatCount(action.count, locale) })
                      : action.what === "payments"
                        ? tn("import.run.payments", action.count, { count: formatCount(action.count, locale) })
                        : t("import.run")}
                </button>
              </div>
              {action.what === "errors" && (
                <p className="muted" data-testid="import-run-reason">
                  {tn("import.blocked.errors", action.count, { count: formatCount(action.count, locale) })}
                </p>
              )}
              {action.what === "nothing_new" && (
                <p className="muted" data-testid="import-run-reason">
                  {t("import.blocked.nothing_new")}
                </p>
              )}
            </div>
          )}
        </Preview>
      )}
      {progress !== null && (
        <div className="stack" data-testid="import-progress">
          <progress max={100} value={progress} aria-label={t("import.running")} />
          <span className="muted">{t("import.progress", { percent: String(progress) })}</span>
        </div>
      )}
      {done && <Result kind={done.kind} report={done.report} />}
      {confirming && report && action && action.what !== "errors" && action.what !== "nothing_new" && (
        <ConfirmDialog
          title={t("import.confirm.title")}
          body={t("import.confirm.body", {
            customers: formatCount(report.customers_created, locale),
            invoices: formatCount(report.invoices_created, locale),
            payments: formatCount(report.payments_created, locale),
          })}
          confirmLabel={t("import.confirm.ok")}
          onConfirm={() => void run()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}

/** The counts, the first rows as they will be read and every row in error. */
function Preview({
  kind,
  report,
  askDates,
  children,
}: {
  kind: ImportKind;
  report: ImportReportView;
  askDates: boolean;
  children: ReactNode;
}) {
  const { t, tn, locale } = useI18n();
  const errors = listedErrors(report);
  return (
    <div className="stack" data-testid="import-preview-panel">
      <h3>{t("import.preview.title")}</h3>
      {/* With errors nothing would be written: only the rows read are counted. */}
      <Counts kind={kind} report={report} testid="import-counts" rowsOnly={report.errors.length > 0} />
      {report.disputed_seen > 0 && (
        <p className="muted" data-testid="import-disputed">
          {tn("import.disputed", report.disputed_seen, { count: formatCount(report.disputed_seen, locale) })}
        </p>
      )}
      {askDates && (
        <div className="banner banner-warning" role="status" data-testid="import-ask-dates">
          <p>{t("import.dates.asked")}</p>
        </div>
      )}
      {errors.length > 0 && (
        <div className="banner banner-error" role="alert" data-testid="import-errors">
          <p>
            <strong>{tn("import.errors.title", errors.length, { count: formatCount(errors.length, locale) })}</strong>
          </p>
          <ul className="import-errors">
            {errors.map((e, i) => (
              <li key={`${i}-${e.line ?? 0}`} data-testid="import-error" data-line={e.line ?? ""}>
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {children}
      {report.preview.length > 0 && <Rows kind={kind} report={report} />}
    </div>
  );
}

function Counts({
  kind,
  report,
  testid,
  rowsOnly,
}: {
  kind: ImportKind;
  report: ImportReportView;
  testid: string;
  rowsOnly?: boolean;
}) {
  const { t, locale } = useI18n();
  const all: Array<[string, MessageKey, number]> = [
    ["rows", "import.count.rows", report.rows],
    ...(kind === "invoices" ? [["invoices", "import.count.invoices", report.invoices_created] as [string, MessageKey, number]] : []),
    ...(kind !== "payments" ? [["customers", "import.count.customers", report.customers_created] as [string, MessageKey, number]] : []),
    ...(kind !== "customers" ? [["payments", "import.count.payments", report.payments_created] as [string, MessageKey, number]] : []),
    ["unchanged", "import.count.unchanged", report.unchanged],
  ];
  const items = rowsOnly ? all.slice(0, 1) : all;
  return (
    <dl className="import-counts" data-testid={testid}>
      {items.map(([id, label, n]) => (
        <div key={id} className="import-count">
          <dt>{t(label)}</dt>
          <dd data-testid={`${testid}-${id}`}>{formatCount(n, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Rows({ kind, report }: { kind: ImportKind; report: ImportReportView }) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <p className="muted">{t("import.preview.rows", { count: String(report.preview.length) })}</p>
      <div className="table-wrap">
        <table className="table" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("import.col.line")}
              </th>
              <th scope="col">{t("import.col.customer")}</th>
              {kind === "customers" ? (
                <>
                  <th scope="col">{t("import.col.code")}</th>
                  <th scope="col">{t("import.col.email")}</th>
                </>
              ) : (
                <>
                  <th scope="col">{t("import.col.number")}</th>
                  <th scope="col">{kind === "payments" ? t("import.col.paid_on") : t("import.col.issued")}</th>
                  {kind === "invoices" && <th scope="col">{t("import.col.due")}</th>}
                  <th scope="col" className="num">
                    {t("import.col.amount")}
                  </th>
                  <th scope="col">{kind === "payments" ? t("import.col.reference") : t("import.col.settled")}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {report.preview.map((r) => (
              <tr key={r.line} data-testid="import-row">
                <td className="num">{r.line}</td>
                <td>{r.customer || "—"}</td>
                {kind === "customers" ? (
                  <>
                    <td>{r.number ?? "—"}</td>
                    <td>{r.detail ?? "—"}</td>
                  </>
                ) : (
                  <>
                    <td>{r.number ?? "—"}</td>
                    <td>{r.date ? formatDate(r.date) : "—"}</td>
                    {kind === "invoices" && <td>{r.due ? formatDate(r.due) : "—"}</td>}
                    <td className="num">{r.amount ? <Money value={r.amount} /> : "—"}</td>
                    <td>{kind === "payments" ? (r.detail ?? "—") : r.detail ? formatDate(r.detail) : "—"}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** What the import added, with the way to see it. */
function Result({ kind, report }: { kind: ImportKind; report: ImportReportView }) {
  const { t } = useI18n();
  const nav = useNav();
  return (
    <div className="banner banner-success stack" role="status" data-testid="import-result">
      <p>
        <strong>{t("import.result.title")}</strong>
      </p>
      <Counts kind={kind} report={report} testid="import-result-counts" />
      <div className="form-actions">
        {kind !== "customers" && (
          <button type="button" className="button" onClick={() => nav.go({ name: "invoices" })} data-testid="import-see-invoices">
            {t("import.result.invoices")}
          </button>
        )}
        <button type="button" className="button" onClick={() => nav.go({ name: "clients" })} data-testid="import-see-customers">
          {t("import.result.customers")}
        </button>
      </div>
    </div>
  );
}
