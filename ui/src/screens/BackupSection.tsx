// Settings: « Sauvegarde ». The folder (typed or pasted), how many backups to
// keep, when Today reminds; « Sauvegarder maintenant » with its progress; the
// backups found in the folder, each verified, and « Restaurer… » after a
// dialog that says what the backup holds and what will happen.
import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  backupChooseFolder,
  backupInspect,
  backupList,
  backupNow,
  backupRestore,
  backupSettingsSave,
  backupStatus,
  toAppError,
  type AppError,
  type BackupContentsView,
  type BackupListedView,
} from "../platform";
import { useNav } from "../app/nav";
import { FormError, TextField } from "../components/Field";
import { ConfirmDialog } from "../components/Dialog";
import { LoadError, Spinner } from "../components/Bits";
import { useLoad, useSubmit } from "../components/hooks";
import { formatTimestamp } from "../format";
import { formatSize, percent } from "../model/backup";

const FIELDS = ["backup_folder", "backup_keep", "backup_remind_days"];

export function BackupSection() {
  const { t, locale } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => backupStatus(), []);
  const [folder, setFolder] = useState("");
  const [keep, setKeep] = useState("");
  const [remind, setRemind] = useState("");
  const { saving, error, send, doneSaving } = useSubmit();
  const [progress, setProgress] = useState<number | null>(null);
  const [runError, setRunError] = useState<AppError | null>(null);
  const [listKey, setListKey] = useState(0);

  useEffect(() => {
    if (state.kind !== "ready") return;
    setFolder(state.value.folder ?? "");
    setKeep(String(state.value.keep));
    setRemind(String(state.value.remind_after_days));
  }, [state]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await backupSettingsSave({ folder, keep, remind_after_days: remind });
      nav.toast(t("backup.saved_toast"));
      doneSaving();
      reload();
      setListKey((k) => k + 1);
    });
  };

  const choose = async () => {
    try {
      const picked = await backupChooseFolder();
      if (picked !== null) setFolder(picked);
    } catch (e) {
      setRunError(toAppError(e));
    }
  };

  const runNow = async () => {
    if (progress !== null) return;
    setRunError(null);
    setProgress(0);
    try {
      // The folder as typed is saved first, so « Sauvegarder maintenant » backs up where the field says.
      await backupSettingsSave({ folder, keep, remind_after_days: remind });
      const done = await backupNow((p) => setProgress(percent(p.done, p.total)));
      nav.toast(t("backup.done_toast", { file: done.file_name }));
      reload();
      setListKey((k) => k + 1);
    } catch (e) {
      // The error is said once, under its field; the list stays as it was.
      setRunError(toAppError(e));
    } finally {
      setProgress(null);
    }
  };

  if (state.kind === "failed") return <LoadError message={state.error.message} onRetry={reload} />;
  const status = state.kind === "ready" ? state.value : null;
  const errors = error?.fields ?? runError?.fields;
  return (
    <section className="card stack" aria-labelledby="backup-title" data-testid="backup-settings">
      <h2 className="card-title" id="backup-title">
        {t("backup.title")}
      </h2>
      <p className="muted">{t("backup.intro")}</p>
      {status && (
        <p data-testid="backup-last">
          {status.last_good
            ? t("backup.last", {
                date: formatTimestamp(status.last_good.made_at, locale),
                folder: status.last_good.folder,
              })
            : t("backup.last.none")}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={error ?? runError} shown={FIELDS} />
        <div className="backup-folder-row">
          <TextField
            label={t("backup.folder")}
            hint={t("backup.folder.hint")}
            value={folder}
            onChange={setFolder}
            field="backup_folder"
            errors={errors}
            testid="backup-folder"
          />
          <button type="button" className="button" onClick={() => void choose()} data-testid="backup-choose">
            {t("backup.choose")}
          </button>
        </div>
        <div className="form-grid">
          <TextField
            label={t("backup.keep")}
            hint={t("backup.keep.hint")}
            value={keep}
            onChange={setKeep}
            inputMode="numeric"
            field="backup_keep"
            errors={errors}
            testid="backup-keep"
          />
          <TextField
            label={t("backup.remind")}
            value={remind}
            onChange={setRemind}
            inputMode="numeric"
            field="backup_remind_days"
            errors={errors}
            testid="backup-remind"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={saving || progress !== null} data-testid="backup-save">
            {saving ? t("common.saving") : t("common.save")}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={saving || progress !== null}
            onClick={() => void runNow()}
            data-testid="backup-now"
          >
            {progress !== null ? t("backup.running") : t("backup.now")}
          </button>
        </div>
        {progress !== null && (
          <div className="stack" data-testid="backup-progress">
            <progress max={100} value={progress} aria-label={t("backup.running")} />
            <span className="muted">{t("backup.progress", { percent: String(progress) })}</span>
          </div>
        )}
      </form>
      {status && <BackupList key={listKey} hasFolder={status.folder !== null} />}
    </section>
  );
}

function BackupList({ hasFolder }: { hasFolder: boolean }) {
  const { t, locale } = useI18n();
  const { state } = useLoad(() => backupList(), []);
  const [asked, setAsked] = useState<BackupContentsView | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);

  if (!hasFolder) return <p className="muted" data-testid="backup-list-empty">{t("backup.list.no_folder")}</p>;
  if (state.kind === "failed")
    return (
      <p className="field-error" role="alert" data-testid="backup-list-error">
        {state.error.message}
      </p>
    );
  if (state.kind !== "ready") return <Spinner />;
  const rows = state.value;

  const ask = async (row: BackupListedView) => {
    setListError(null);
    setChecking(row.path);
    try {
      setAsked(await backupInspect(row.path));
    } catch (e) {
      setListError(toAppError(e).message);
    } finally {
      setChecking(null);
    }
  };

  return (
    <div className="stack">
      <h3>{t("backup.list.title")}</h3>
      {listError && (
        <p className="field-error" role="alert" data-testid="backup-restore-error">
          {listError}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted" data-testid="backup-list-empty">
          {t("backup.list.empty")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="backup-list">
            <thead>
              <tr>
                <th>{t("backup.col.date")}</th>
                <th>{t("backup.col.contents")}</th>
                <th className="num">{t("backup.col.size")}</th>
                <th>{t("backup.col.state")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.file_name} data-testid="backup-row">
                  <td title={r.file_name}>{r.made_at ? formatTimestamp(r.made_at, locale) : r.file_name}</td>
                  <td>
                    {r.good
                      ? t("backup.contents", {
                          customers: String(r.customers ?? 0),
                          invoices: String(r.invoices ?? 0),
                          payments: String(r.payments ?? 0),
                        })
                      : "—"}
                  </td>
                  <td className="num">{formatSize(r.size_bytes, locale)}</td>
                  <td>
                    {r.good ? (
                      <span className="badge badge-paid">{t("backup.good")}</span>
                    ) : (
                      <span className="badge badge-overdue">{r.damage}</span>
                    )}
                  </td>
                  <td>
                    {r.good && (
                      <button
                        type="button"
                        className="button"
                        disabled={checking !== null}
                        onClick={() => void ask(r)}
                        data-testid="backup-restore"
                      >
                        {checking === r.path ? t("backup.checking") : t("backup.restore")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {asked && <RestoreDialog contents={asked} onClose={() => setAsked(null)} />}
    </div>
  );
}

function RestoreDialog({ contents, onClose }: { contents: BackupContentsView; onClose: () => void }) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await backupRestore(contents.path, (p) => setProgress(percent(p.done, p.total)));
      // Every screen reads the restored books from here on.
      await nav.refreshInfo();
      nav.toast(
        t("backup.restored_toast", {
          customers: String(done.contents.customers),
          invoices: String(done.contents.invoices),
        }),
      );
      nav.replace({ name: "today" });
    } catch (e) {
      setError(toAppError(e).message);
      setBusy(false);
    }
  };

  const body = t("backup.restore.body", {
    date: formatTimestamp(contents.made_at, locale),
    version: contents.app_version,
    customers: String(contents.customers),
    invoices: String(contents.invoices),
    payments: String(contents.payments),
  });
  return (
    <ConfirmDialog
      title={t("backup.restore.title")}
      body={body}
      confirmLabel={busy ? t("backup.restoring") : t("backup.restore.confirm")}
      danger
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => {
        if (!busy) onClose();
      }}
    >
      {contents.migrate && <p className="muted">{t("backup.restore.migrate")}</p>}
      {busy && <progress max={100} value={progress} aria-label={t("backup.restoring")} />}
    </ConfirmDialog>
  );
}
