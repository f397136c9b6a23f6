import { useState } from "react";
import { useNav } from "../app/nav";
import { useI18n } from "../i18n";
import { exportCsv, exportShowFolder, toAppError, type AppError, type ExportKindForm } from "../platform";

/**
 * « Exporter »: one list of the books as CSV. The save dialog opens from Rust; once written, a
 * toast says how many lines went into which file, with « Ouvrir le dossier ». Cancelling the
 * dialog writes nothing and says nothing. `format` defaults to the interface's language.
 */
export function useExport() {
  const { t, tn, locale } = useI18n();
  const nav = useNav();
  const [busy, setBusy] = useState<ExportKindForm | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const run = async (kind: ExportKindForm, options: { asOf?: string; format?: "fr" | "en" } = {}) => {
    setBusy(kind);
    setError(null);
    try {
      const done = await exportCsv({ kind, format: options.format ?? locale, as_of: options.asOf ?? null });
      if (done) {
        nav.toast(tn("export.done", done.rows, { file: done.file_name }), {
          label: t("export.show_folder"),
          run: () => void exportShowFolder().catch(() => {}),
        });
      }
      return done;
    } catch (e) {
      setError(toAppError(e));
      return null;
    } finally {
      setBusy(null);
    }
  };

  return { busy, error, run };
}
