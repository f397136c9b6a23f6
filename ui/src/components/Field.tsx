import { useId, type ReactNode } from "react";
import type { FieldMessages } from "../platform";

/** The attributes that tie an input to its label, hint and error; spread them onto the input. */
interface Control {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

interface ShellProps {
  label: string;
  /** The ErrorView field key whose message shows under the input (data-testid="error-<field>"). */
  field?: string | undefined;
  errors?: FieldMessages | undefined;
  hint?: string | undefined;
  className?: string | undefined;
  children: (control: Control) => ReactNode;
}

/** A label, an input (given as a render function), a hint and the field's error. */
function FieldShell({ label, field, errors, hint, className, children }: ShellProps) {
  const id = useId();
  const error = field ? errors?.[field] : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error !== undefined || undefined })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid={`error-${field}`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What every field takes; the shell's part (label, field, errors, className) is passed on to FieldShell as is. */
interface FieldProps<V> extends Omit<ShellProps, "children"> {
  value: V;
  onChange: (value: V) => void;
  testid?: string | undefined;
}

interface TextFieldProps extends FieldProps<string> {
  placeholder?: string | undefined;
  autoFocus?: boolean | undefined;
  inputMode?: "text" | "decimal" | "numeric" | "email" | "tel" | undefined;
  type?: "text" | "email" | "tel" | "password" | undefined;
  amount?: boolean | undefined;
  maxLength?: number | undefined;
  disabled?: boolean | undefined;
}

export function TextField(p: TextFieldProps) {
  return (
    <FieldShell {...p}>
      {(control) => (
        <input
          {...control}
          className={`input${p.amount ? " input-amount" : ""}`}
          type={p.type ?? "text"}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid={p.testid}
          placeholder={p.placeholder}
          autoFocus={p.autoFocus}
          inputMode={p.inputMode ?? (p.amount ? "decimal" : undefined)}
          maxLength={p.maxLength}
          disabled={p.disabled}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField(p: Omit<FieldProps<string>, "hint">) {
  return (
    <FieldShell {...p}>
      {(control) => (
        <textarea
          {...control}
          className="input textarea"
          value={p.value}
          rows={3}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid={p.testid}
        />
      )}
    </FieldShell>
  );
}

interface SelectFieldProps<V extends string> extends Omit<FieldProps<V>, "hint"> {
  options: ReadonlyArray<{ value: V; label: string }>;
  disabled?: boolean | undefined;
}

export function SelectField<V extends string>(p: SelectFieldProps<V>) {
  return (
    <FieldShell {...p}>
      {(control) => (
        <select
          {...control}
          className="input select"
          value={p.value}
          onChange={(e) => p.onChange(e.target.value as V)}
          data-testid={p.testid}
          disabled={p.disabled}
        >
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/**
 * Messages for fields the form does not show (e.g. "invoice" when the invoice
 * was cancelled meanwhile), or the error itself when it concerns no field.
 */
export function FormError({
  error,
  shown,
}: {
  error: { message: string; fields: FieldMessages; code: string } | null;
  shown: readonly string[];
}) {
  if (!error) return null;
  const others = Object.entries(error.fields)
    .filter(([field]) => !shown.includes(field))
    .map(([, message]) => message);
  const lines = Object.keys(error.fields).length === 0 ? [error.message] : others;
  if (lines.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="form-error">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/** A field's error shown under a group of inputs (e.g. the address lines). */
export function FieldErrorLine({ field, errors }: { field: string; errors?: FieldMessages | undefined }) {
  const error = errors?.[field];
  if (!error) return null;
  return (
    <p className="field-error" role="alert" data-testid={`error-${field}`}>
      {error}
    </p>
  );
}
