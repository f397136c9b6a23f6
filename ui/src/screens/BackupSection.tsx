// Settings: « Sauvegarde ». The folder (typed or pasted), how many backups to
// keep, when Today reminds; « Sauvegarder maintenant » with its progress; the
// backups found in the folder, each verified, and « Restaurer… » after a
// dialog that says what the backup holds and what will happen. « Chiffrer les
// sauvegardes » with the passphrase: remembered in the system keyring when
// asked (and possible), else typed in the same fields at each backup; the
// restore dialog asks it for an encrypted backup. The dialog is also the
// welcome screen's « Restaurer une sauvegarde ».
import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../i18n";
import {
  backupChooseFolder,
  backupInspect,
  backupKeyring,
  backupList,
  backupNow,
  backupRestore,
  backupSettingsSave,
  backupStatus,
  toAppError,
  type AppError,
  type BackupContentsView,
  type BackupKeyringView,
  type BackupListedView,
} from "../platform";
import { useNav } from "../app/nav";
import { FieldErrorLine, FormError, TextField } from "../components/Field";
import { ConfirmDialog } from "../components/Dialog";
import { LoadError, Spinner } from "../components/Bits";
import { useLoad, useSubmit } from "../components/hooks";
import { formatTimestamp } from "../format";
import { formatSize, percent } from "../model/backup";

const FIELDS = [
  "backup_folder",
  "backup_keep",
  "backup_remind_days",
  "backup_passphrase",
  "backup_passphrase_confirm",
  "backup_remember",
];

export function BackupSection() {
  const { t, locale } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => backupStatus(), []);
  const [folder, setFolder] = useState("");
  const [keep, setKeep] = useState("");
  const [remind, setRemind] = useState("");
  const [encrypt, setEncrypt] = useState(false);
  const [remember, setRemember] = useState(false);
  const [passphrase, setPassphrase] = useState("");
  const [passphraseConfirm, setPassphraseConfirm] = useState("");
  const [keyring, setKeyring] = useState<BackupKeyringView | null>(null);
  const { saving, error, send, doneSaving } = useSubmit();
  const [progress, setProgress] = useState<number | null>(null);
  const [runError, setRunError] = useState<AppError | null>(null);
  const [listKey, setListKey] = useState(0);

  useEffect(() => {
    if (state.kind !== "ready") return;
    setFolder(state.value.folder ?? "");
    setKeep(String(state.value.keep));
    setRemind(String(state.value.remind_after_days));
    setEncrypt(state.value.encrypt);
  }, [state]);

  // The keyring is asked here only (never on Today): whether it keeps the passphrase, or cannot.
  const [keyringKey, setKeyringKey] = useState(0);
  useEffect(() => {
    let live = true;
    backupKeyring()
      .then((k) => {
        if (!live) return;
        setKeyring(k);
        setRemember(k.remembered);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [keyringKey]);

  const form = () => ({
    folder,
    keep,
    remind_after_days: remind,
    encrypt,
    remember: encrypt && remember,
    passphrase,
    passphrase_confirm: passphraseConfirm,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await backupSettingsSave(form());
      if (encrypt && remember) {
        setPassphrase("");
        setPassphraseConfirm("");
      }
      setKeyringKey((k) => k + 1);
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
      await backupSettingsSave(form());
      const done = await backupNow((p) => setProgress(percent(p.done, p.total)), passphrase, passphraseConfirm);
      // Not remembered: typed again at the next backup.
      setPassphrase("");
      setPassphraseConfirm("");
      setKeyringKey((k) => k + 1);
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
        <div className="stack">
          <label className="check">
            <input
              type="checkbox"
              checked={encrypt}
              onChange={(e) => setEncrypt(e.target.checked)}
              data-testid="backup-encrypt"
            />
            {t("backup.encrypt")}
          </label>
          <p className="field-hint">{t("backup.encrypt.hint")}</p>
        </div>
        {encrypt && (
          <div className="stack" data-testid="backup-passphrase-box">
            <label className="check">
              <input
                type="checkbox"
                checked={remember && keyring?.unavailable == null}
                disabled={keyring?.unavailable != null}
                onChange={(e) => setRemember(e.target.checked)}
                data-testid="backup-remember"
              />
              {t("backup.remember")}
            </label>
            {keyring?.unavailable != null && (
              <p className="muted" data-testid="backup-keyring-unavailable">
                {keyring.unavailable}
              </p>
            )}
            <FieldErrorLine field="backup_remember" errors={errors} />
            <div className="form-grid">
              <TextField
                label={t("backup.passphrase")}
                hint={
                  remember && keyring?.remembered
                    ? t("backup.passphrase.hint.kept")
                    : remember
                      ? t("backup.passphrase.hint.first")
                      : t("backup.passphrase.hint.each")
                }
                type="password"
                value={passphrase}
                onChange={setPassphrase}
                field="backup_passphrase"
                errors={errors}
                testid="backup-passphrase"
              />
              <TextField
                label={t("backup.passphrase_confirm")}
                type="password"
                value={passphraseConfirm}
                onChange={setPassphraseConfirm}
                field="backup_passphrase_confirm"
                errors={errors}
                testid="backup-passphrase-confirm"
              />
            </div>
          </div>
        )}
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
                    {r.encrypted && (
                      <span className="badge badge-inline badge-lock" data-testid="backup-encrypted">
                        {t("backup.encrypted")}
                      </span>
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

/**
 * « Restaurer… »: what the backup holds, its passphrase when encrypted, then the restore. `firstStart`
 * (the welcome screen) words it for empty books and calls `onRestored` instead of going to Today.
 */
export function RestoreDialog({
  contents,
  onClose,
  firstStart = false,
  onRestored,
}: {
  contents: BackupContentsView;
  onClose: () => void;
  firstStart?: boolean;
  onRestored?: () => void;
}) {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [passphrase, setPassphrase] = useState("");

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const done = await backupRestore(contents.path, passphrase, (p) => setProgress(percent(p.done, p.total)));
      // Every screen reads the restored books from here on.
      await nav.refreshInfo();
      nav.toast(
        t("backup.restored_toast", {
          customers: String(done.contents.customers),
          invoices: String(done.contents.invoices),
        }),
      );
      if (onRestored) onRestored();
      else nav.replace({ name: "today" });
    } catch (e) {
      setError(toAppError(e));
      setBusy(false);
    }
  };

  const body = t(firstStart ? "backup.restore.body_first" : "backup.restore.body", {
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
      confirmLabel={
        busy ? t("backup.restoring") : firstStart ? t("backup.restore.confirm_first") : t("backup.restore.confirm")
      }
      danger={!firstStart}
      busy={busy}
      error={error && !error.fields.backup_passphrase ? error.message : null}
      onConfirm={() => void confirm()}
      onCancel={() => {
        if (!busy) onClose();
      }}
    >
      {contents.migrate && <p className="muted">{t("backup.restore.migrate")}</p>}
      {contents.encrypted && (
        <TextField
          label={t("backup.passphrase")}
          hint={t("backup.restore.passphrase_hint")}
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          field="backup_passphrase"
          errors={error?.fields}
          testid="restore-passphrase"
        />
      )}
      {busy && <progress max={100} value={progress} aria-label={t("backup.restoring")} />}
    </ConfirmDialog>
  );
}
