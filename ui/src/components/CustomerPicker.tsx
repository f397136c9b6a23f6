import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n";
import { customersList, type CustomerRowView, type FieldMessages } from "../platform";
import { Money } from "./Bits";
import { useDebounced } from "./hooks";

export interface PickedCustomer {
  id: number;
  name: string;
}

const SUGGESTIONS = 8;

/**
 * Finds a customer by typing part of the name (searched by the back end).
 * Arrow keys move through the suggestions, Enter picks, Esc closes.
 * `locked`: the customer was chosen before (opened from their page).
 * `clearLabel`: the picker is a filter (a list's toolbar): nobody chosen means
 * everybody, the input shows `clearLabel` as its placeholder, and the button
 * next to a chosen customer ("<testid>-clear") says it and goes back to everybody.
 */
export function CustomerPicker({
  label,
  value,
  onChange,
  locked,
  testid,
  field,
  errors,
  autoFocus,
  clearLabel,
}: {
  label: string;
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  locked?: boolean;
  /** The input's test id; suggestions are "<testid>-option". */
  testid: string;
  field: string;
  errors?: FieldMessages | undefined;
  autoFocus?: boolean;
  clearLabel?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [rows, setRows] = useState<CustomerRowView[]>([]);
  const [searching, setSearching] = useState(false);
  const search = useDebounced(text, 200);
  const input = useRef<HTMLInputElement>(null);
  // Focus given back after clearing a filter: do not open the suggestions over the list.
  const quietFocus = useRef(false);
  const filter = clearLabel !== undefined;
  // With nobody chosen, the back end can only say "unknown customer": say what to do instead.
  const error = errors?.[field] === undefined ? undefined : value ? errors[field] : t("picker.required");

  useEffect(() => {
    if (!open) return;
    let live = true;
    setSearching(true);
    customersList({
      search,
      include_archived: false,
      sort: "name",
      descending: false,
      page: 0,
      page_size: SUGGESTIONS,
    }).then(
      (page) => {
        if (!live) return;
        setRows(page.rows);
        setActive(0);
        setSearching(false);
      },
      () => {
        if (!live) return;
        setRows([]);
        setSearching(false);
      },
    );
    return () => {
      live = false;
    };
  }, [search, open]);

  const pick = (row: CustomerRowView) => {
    onChange({ id: row.id, name: row.name });
    setOpen(false);
    setText("");
  };

  // In a toolbar the picker is laid out and labelled like the other filters.
  const fieldClass = filter ? "toolbar-field toolbar-picker" : "field";
  const labelClass = filter ? "toolbar-label" : "field-label";

  if (value) {
    return (
      <div className={`${fieldClass}${error ? " field-invalid" : ""}`}>
        <span className={labelClass}>{label}</span>
        <div className="picked" data-testid={`${testid}-picked`} data-id={value.id}>
          <span className="picked-name" title={value.name}>
            {value.name}
          </span>
          {!locked && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                onChange(null);
                quietFocus.current = filter;
                window.setTimeout(() => input.current?.focus(), 0);
              }}
              data-testid={filter ? `${testid}-clear` : `${testid}-change`}
            >
              {clearLabel ?? t("picker.change")}
            </button>
          )}
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid={`error-${field}`}>
            {error}
          </p>
        )}
      </div>
    );
  }

  const listId = `${id}-list`;
  return (
    <div className={`${fieldClass} picker${error ? " field-invalid" : ""}`}>
      <label className={labelClass} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        ref={input}
        className="input"
        value={text}
        placeholder={clearLabel ?? t("picker.placeholder")}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={error ? true : undefined}
        data-testid={testid}
        onFocus={() => {
          if (quietFocus.current) quietFocus.current = false;
          else setOpen(true);
        }}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, Math.max(rows.length - 1, 0)));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            // Enter picks a suggestion instead of submitting the form.
            e.preventDefault();
            const row = rows[active];
            if (open && row) pick(row);
          } else if (e.key === "Escape" && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {open && (
        <ul className="picker-list" id={listId} role="listbox" aria-label={label}>
          {rows.map((row, index) => (
            <li
              key={row.id}
              role="option"
              aria-selected={index === active}
              className={`picker-option${index === active ? " picker-option-active" : ""}`}
              data-testid={`${testid}-option`}
              data-id={row.id}
              onMouseDown={(e) => {
                // Keep the input's focus until the click is handled.
                e.preventDefault();
                pick(row);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="picker-name">{row.name}</span>
              <span className="picker-meta">
                {row.city && <span>{row.city}</span>}
                <Money value={row.outstanding} />
              </span>
            </li>
          ))}
          {rows.length === 0 && !searching && <li className="picker-empty">{t("picker.none")}</li>}
          {rows.length === 0 && searching && <li className="picker-empty">{t("common.loading")}</li>}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid={`error-${field}`}>
          {error}
        </p>
      )}
    </div>
  );
}
