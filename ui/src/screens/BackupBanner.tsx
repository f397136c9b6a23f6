// Today: a calm reminder when the last good backup is older than the chosen
// number of days, or when none was ever made, with « Sauvegarder maintenant ».
import { useState } from "react";
import { useI18n } from "../i18n";
import { backupNow, backupStatus, toAppError } from "../platform";
import { useNav } from "../app/nav";
import { useLoad } from "../components/hooks";
import { formatDate } from "../format";
import { percent } from "../model/backup";

export function BackupBanner() {
  const { t } = useI18n();
  const nav = useNav();
  const { state, reload } = useLoad(() => backupStatus(), []);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (state.kind !== "ready" || !state.value.remind) return null;
  const s = state.value;

  const run = async () => {
    // No folder yet, or encrypted backups (the passphrase is typed in Settings, « Sauvegarde »).
    if (s.folder === null || s.encrypt) {
      nav.go({ name: "settings", then: null });
      return;
    }
    setError(null);
    setProgress(0);
    try {
      const done = await backupNow((p) => setProgress(percent(p.done, p.total)));
      nav.toast(t("backup.done_toast", { file: done.file_name }));
      reload();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setProgress(null);
    }
  };

  const text = s.last_good
    ? t("today.backup.old", {
        days: String(s.days_since ?? 0),
        folder: s.last_good.folder_name,
        date: formatDate(s.last_good.made_on),
      })
    : t("today.backup.none");
  return (
    <div className="banner banner-warning" role="note" data-testid="backup-reminder">
      <span>{text}</span>
      {error && (
        <span className="field-error" role="alert" data-testid="backup-reminder-error">
          {error}
        </span>
      )}
      {progress !== null && <progress max={100} value={progress} aria-label={t("backup.running")} />}
      <button
        type="button"
        className="button"
        disabled={progress !== null}
        onClick={() => void run()}
        data-testid="backup-reminder-now"
      >
        {progress !== null
          ? t("backup.running")
          : s.folder === null
            ? t("today.backup.choose")
            : t("today.backup.now")}
      </button>
    </div>
  );
}
