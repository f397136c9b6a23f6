import { useCallback, useState } from "react";
import { useNav } from "../app/nav";
import { useI18n } from "../i18n";
import { toAppError, type DocumentView } from "../platform";

/**
 * Makes a document (statement, agreement, letter...) with one command, then says where it is:
 * opened in the PDF viewer, or saved at a path the user can open (no viewer, or tests).
 * `busy` disables the button while it runs; `error` is the sentence to show.
 */
export function useDocument() {
  const { t } = useI18n();
  const nav = useNav();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const make = async (run: () => Promise<DocumentView>): Promise<DocumentView | null> => {
    setBusy(true);
    setError(null);
    try {
      const doc = await run();
      nav.toast(doc.opened ? t("document.opened", { file: doc.file_name }) : t("document.saved", { path: doc.path }));
      return doc;
    } catch (e) {
      setError(toAppError(e).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  /** Forgets the last error (the page it was about changed). */
  const reset = useCallback(() => setError(null), []);

  return { busy, error, make, reset };
}
