// « Imprimer les lettres du jour (N) » at the top of Today's agenda: a confirmation saying what
// will happen, a progress bar while the one command runs, then what was printed (for whom, which
// pages, where the PDF is) and each letter that could not be made with its reason in words.
import { useEffect, useState } from "react";
import { useI18n } from "../i18n";
import { lettersDue, lettersPrintDay, toAppError, type DayLettersView, type LetterDueView } from "../platform";
import { useNav } from "../app/nav";
import { isTyping } from "../app/routes";
import { ConfirmDialog, isDialogOpen } from "../components/Dialog";
import { Money } from "../components/Bits";
import { letterKindLabel } from "../model/labels";

/** `reloadKey` changes when the agenda reloads; `onPrinted` reloads it after a batch. */
export function DayLetters({ reloadKey, onPrinted }: { reloadKey: unknown; onPrinted: () => void }) {
  const { t, tn } = useI18n();
  const [due, setDue] = useState<LetterDueView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DayLettersView | null>(null);
  const n = due.length;

  useEffect(() => {
    let live = true;
    lettersDue().then(
      (letters) => {
        if (!live) return;
        setDue(letters);
        setLoadError(null);
      },
      (e) => live && setLoadError(toAppError(e).message),
    );
    return () => {
      live = false;
    };
  }, [reloadKey]);

  // L on Today opens the confirmation (never while typing or in another dialog).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "l" || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (event.defaultPrevented || isTyping(event.target as HTMLElement | null) || isDialogOpen()) return;
      if (n === 0 || busy) return;
      event.preventDefault();
      setError(null);
      setAsking(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [n, busy]);

  const print = async () => {
    setBusy(true);
    setError(null);
    try {
      const batch = await lettersPrintDay();
      setResult(batch);
      setAsking(false);
      onPrinted();
    } catch (e) {
      setError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {n > 0 && (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setError(null);
            setAsking(true);
          }}
          disabled={busy}
          title={t("letters.print.hint")}
          aria-keyshortcuts="L"
          data-testid="letters-print"
          data-count={n}
        >
          {tn("letters.print", n)}
        </button>
      )}
      {loadError && (
        <div className="banner banner-error day-letters-wide" role="alert" data-testid="letters-due-error">
          <p>{loadError}</p>
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title={t("letters.confirm.title")}
          body={tn("letters.confirm.body", n)}
          confirmLabel={t("letters.confirm.ok")}
          busy={busy}
          error={error}
          onConfirm={() => void print()}
          onCancel={() => {
            if (!busy) setAsking(false);
          }}
        >
          <p className="muted" data-testid="letters-confirm-names">
            {t("letters.confirm.for", { names: due.map((d) => d.customer_name).join(", ") })}
          </p>
          {busy && (
            <div className="progress" data-testid="letters-progress">
              <div
                className="progress-track"
                role="progressbar"
                aria-label={tn("letters.progress", n)}
                aria-busy="true"
              >
                <div className="progress-bar" />
              </div>
              <span className="muted">{tn("letters.progress", n)}</span>
            </div>
          )}
        </ConfirmDialog>
      )}
      {result && <DayLettersResult result={result} onClose={() => setResult(null)} />}
    </>
  );
}

function DayLettersResult({ result, onClose }: { result: DayLettersView; onClose: () => void }) {
  const { t, tn } = useI18n();
  const nav = useNav();
  const printed = result.printed.length;
  return (
    <section className="day-letters-result day-letters-wide" data-testid="letters-result" aria-live="polite">
      <header className="card-head">
        <h3 className="day-letters-title" data-testid="letters-result-title">
          {printed === 0
            ? t("letters.result.none")
            : `${tn("letters.result.title", printed)} · ${tn("letters.result.total_pages", result.pages)}`}
        </h3>
        <button type="button" className="button" onClick={onClose} data-testid="letters-result-close">
          {t("letters.result.close")}
        </button>
      </header>
      {result.document && (
        <p data-testid="letters-result-file">
          {result.document.opened
            ? t("letters.result.opened", { file: result.document.file_name })
            : t("letters.result.saved", { path: result.document.path })}
        </p>
      )}
      {printed > 0 && (
        <>
          <p className="muted">{t("letters.result.recorded")}</p>
          <table className="table table-compact">
            <tbody>
              {result.printed.map((p) => (
                <tr key={p.copy_id} data-testid="letters-printed" data-customer-id={p.customer_id}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => nav.go({ name: "customer", id: p.customer_id })}
                      data-testid="letters-printed-customer"
                    >
                      {p.customer_name}
                    </button>
                  </td>
                  <td>{t(letterKindLabel(p.kind, p.level))}</td>
                  <td className="muted">{p.invoice_numbers.join(", ")}</td>
                  <td className="num">
                    <Money value={p.total} />
                  </td>
                  <td className="muted">
                    {p.pages > 1
                      ? t("letters.result.pages", { from: p.first_page, to: p.first_page + p.pages - 1 })
                      : t("letters.result.page", { from: p.first_page })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {result.not_printed.length > 0 && (
        <div className="banner banner-warning" role="note" data-testid="letters-not-printed">
          <p className="day-letters-subtitle">{tn("letters.result.not_printed", result.not_printed.length)}</p>
          {result.not_printed.map((m) => (
            <div key={m.customer_id} className="day-letters-missing" data-testid="letters-not-printed-row">
              <p>
                <button
                  type="button"
                  className="link"
                  onClick={() => nav.go({ name: "customer", id: m.customer_id })}
                  data-testid="letters-not-printed-customer"
                >
                  {m.customer_name}
                </button>
                {" · "}
                {t(letterKindLabel(m.kind, null))}
              </p>
              <p data-testid="letters-not-printed-reason">{m.reason}</p>
              <p className="muted">
                {t("letters.result.stays")}
                {m.fix === "rates" && (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="link"
                      onClick={() => nav.go({ name: "settings", then: null, section: "rates-title" })}
                      data-testid="letters-open-rates"
                    >
                      {t("letters.result.open_rates")}
                    </button>
                  </>
                )}
              </p>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
