// The letters sent to the customer (the copies kept when the day's letters were printed), the
// most recent first, each with « Voir » to open its copy exactly as it was printed. Shown only
// once a letter was sent.
import { useI18n } from "../i18n";
import { customerLetters, sentLetterOpen } from "../platform";
import { formatDate } from "../format";
import { Money } from "../components/Bits";
import { useLoad } from "../components/hooks";
import { useDocument } from "../components/useDocument";
import { letterKindLabel } from "../model/labels";

export function LettersCard({ customerId, reloadKey }: { customerId: number; reloadKey: unknown }) {
  const { t } = useI18n();
  const { state } = useLoad(() => customerLetters(customerId), [customerId, reloadKey]);
  const open = useDocument();
  const letters = state.kind === "ready" ? state.value : state.kind === "loading" ? state.previous : null;
  if (state.kind !== "failed" && (letters === null || letters.length === 0)) return null;
  return (
    <section className="card" data-testid="customer-letters" aria-labelledby="letters-title">
      <h2 className="card-title" id="letters-title">
        {t("letters.sent.title")}
      </h2>
      {state.kind === "failed" ? (
        <p className="field-error">{state.error.message}</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t("letters.sent.date")}</th>
              <th scope="col">{t("letters.sent.kind")}</th>
              <th scope="col">{t("letters.sent.invoices")}</th>
              <th scope="col" className="num">
                {t("letters.sent.total")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("letters.view")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(letters ?? []).map((l) => (
              <tr key={l.id} data-testid="customer-letter" data-letter-id={l.id}>
                <td>{formatDate(l.on)}</td>
                <td>{t(letterKindLabel(l.kind, l.level))}</td>
                <td className="muted">{l.invoice_numbers.join(", ")}</td>
                <td className="num">
                  <Money value={l.total} />
                </td>
                <td className="num">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={open.busy}
                    onClick={() => void open.make(() => sentLetterOpen(l.id))}
                    title={t("letters.view.hint")}
                    data-testid="customer-letter-open"
                  >
                    {t("letters.view")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open.error && (
        <div className="banner banner-error" role="alert" data-testid="customer-letter-error">
          <p>{open.error}</p>
        </div>
      )}
    </section>
  );
}
