import { useCallback, useState } from "react";
import { useNav } from "../app/nav";
import { useI18n, type MessageKey } from "../i18n";
import { toAppError, type DocumentView } from "../platform";

/** The toasts of an e-mail draft (.eml), opened in the mail program rather than a PDF viewer. */
export const DRAFT_WORDS: DocumentWords = { opened: "email.draft.opened", saved: "email.draft.saved" };

/** The catalogue keys of a document's toasts: `{file}` when opened, `{path}` when only saved. */
export type DocumentWords = { opened: MessageKey; saved: MessageKey };

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

  /** `words`: the catalogue keys of the toasts, when the document is not a PDF (an e-mail draft). */
  const make = async (
    run: () => Promise<DocumentView>,
    words: DocumentWords = { opened: "document.opened", saved: "document.saved" },
  ): Promise<DocumentView | null> => {
    setBusy(true);
    setError(null);
    try {
      const doc = await run();
      nav.toast(doc.opened ? t(words.opened, { file: doc.file_name }) : t(words.saved, { path: doc.path }));
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
