import { useEffect, useId, useRef, type ReactNode } from "react";
import { useI18n } from "../i18n";

let openDialogs = 0;

/** True while a dialog is open: single-letter shortcuts then stay quiet. */
export const isDialogOpen = () => openDialogs > 0;

/**
 * A modal confirmation before something that cannot be undone. Esc or
 * "Retour" closes it; focus goes to its first input, or to the confirm button.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const panel = useRef<HTMLFormElement>(null);
  const previous = useRef<Element | null>(null);

  useEffect(() => {
    openDialogs++;
    previous.current = document.activeElement;
    const first = panel.current?.querySelector<HTMLElement>("input, textarea, [data-autofocus]");
    first?.focus();
    return () => {
      openDialogs--;
      if (previous.current instanceof HTMLElement) previous.current.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onCancel]);

  return (
    <div className="overlay" data-testid="confirm-dialog">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={panel}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <h2 className="dialog-title" id={titleId}>
          {title}
        </h2>
        <p className="dialog-body">{body}</p>
        {children}
        {error && (
          <p className="field-error" role="alert" data-testid="confirm-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} data-testid="confirm-cancel">
            {t("common.back")}
          </button>
          <button
            type="submit"
            className={`button ${danger ? "button-danger" : "button-primary"}`}
            disabled={busy}
            data-testid="confirm-ok"
            data-autofocus
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
