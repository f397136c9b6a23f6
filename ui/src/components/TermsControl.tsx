import { useId, useState } from "react";
import { useI18n } from "../i18n";
import type { FieldMessages } from "../platform";
import { buildTerms, needsDays, TERMS_KIND_LABEL, TERMS_KINDS, type TermsChoice, type TermsKind } from "../model/terms";

/**
 * What a form keeps for its TermsControl: the choice and the `localError` it
 * shows. A change clears the error; `code()` is called on submit and gives the
 * code to send, or null once the error says the days are not a whole number.
 */
export function useTermsInput(initial: TermsChoice) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const [localError, setLocalError] = useState<string | null>(null);
  const onChange = (next: TermsChoice) => {
    setValue(next);
    setLocalError(null);
  };
  const code = (): string | null => {
    const built = buildTerms(value);
    setLocalError(built.ok ? null : t("terms.days.invalid"));
    return built.ok ? built.code : null;
  };
  return { value, setValue, onChange, localError, code };
}

/**
 * Payment terms as a kind and a number of days. The parent turns the choice
 * into a code with `buildTerms`; `localError` is set when the days are not a
 * whole number (the form then does not send).
 */
export function TermsControl({
  label,
  value,
  onChange,
  allowDefault,
  field,
  errors,
  localError,
  testid,
  hint,
}: {
  label: string;
  value: TermsChoice;
  onChange: (value: TermsChoice) => void;
  /** Offer "the company's default terms" (customers only). */
  allowDefault: boolean;
  field: string;
  errors?: FieldMessages | undefined;
  localError?: string | null | undefined;
  /** Prefix of the test ids: "<testid>-kind" and "<testid>-days". */
  testid: string;
  hint?: string | undefined;
}) {
  const { t } = useI18n();
  const id = useId();
  const error = localError ?? errors?.[field];
  const kinds = TERMS_KINDS.filter((k) => allowDefault || k !== "default");
  const withDays = needsDays(value.kind);
  return (
    <fieldset className={`field terms${error ? " field-invalid" : ""}`}>
      <legend className="field-label">{label}</legend>
      <div className="terms-row">
        <select
          id={`${id}-kind`}
          className="input select"
          aria-label={t("terms.kind.label")}
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value as TermsKind;
            onChange({ kind, days: needsDays(kind) ? value.days || "30" : "" });
          }}
          data-testid={`${testid}-kind`}
          aria-invalid={error ? true : undefined}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(TERMS_KIND_LABEL[k])}
            </option>
          ))}
        </select>
        {withDays && (
          <label className="terms-days">
            <span className="visually-hidden">{t("terms.days.label")}</span>
            <input
              className="input input-days"
              inputMode="numeric"
              value={value.days}
              onChange={(e) => onChange({ kind: value.kind, days: e.target.value })}
              data-testid={`${testid}-days`}
              aria-invalid={error ? true : undefined}
              autoComplete="off"
            />
            <span aria-hidden="true">{t("terms.days.unit")}</span>
          </label>
        )}
      </div>
      {hint && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="field-error" role="alert" data-testid={`error-${field}`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
