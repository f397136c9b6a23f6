import { useEffect, useRef, useState } from "react";
import { useI18n, type MessageKey } from "../i18n";
import type { ExportKindForm } from "../platform";
import { useExport } from "./useExport";

/** The name of each list in a menu of exports. */
export const EXPORT_LABELS: Record<ExportKindForm, MessageKey> = {
  customers: "export.kind.customers",
  invoices: "export.kind.invoices",
  payments: "export.kind.payments",
  aging: "export.kind.aging",
  agenda: "export.kind.agenda",
  kpis: "export.kind.kpis",
};

/**
 * « Exporter » in a screen's header: one list exported at once, or a short menu when the screen
 * has several (Factures: the invoices or the payments). Today's date, the interface's format; the
 * choice of both lives in Settings, « Exporter les données ».
 */
export function ExportButton({
  kinds,
  label,
  testid,
  asOf,
}: {
  kinds: readonly ExportKindForm[];
  label?: MessageKey;
  testid: string;
  /** The date of the figures exported (ISO), today when absent. */
  asOf?: string | undefined;
}) {
  const { t } = useI18n();
  const { busy, error, run } = useExport();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("pointerdown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("pointerdown", close);
      window.removeEventListener("keydown", close);
    };
  }, [open]);

  const single = kinds.length === 1 ? kinds[0] : undefined;
  return (
    <div className="export-button" ref={box}>
      <button
        type="button"
        className="button"
        disabled={busy !== null}
        aria-haspopup={single ? undefined : "menu"}
        aria-expanded={single ? undefined : open}
        onClick={() => (single ? void run(single, asOf ? { asOf } : {}) : setOpen(!open))}
        data-testid={testid}
      >
        {busy !== null ? t("export.busy") : t(label ?? "export.button")}
      </button>
      {open && !single && (
        <div className="menu" role="menu" data-testid={`${testid}-menu`}>
          {kinds.map((kind) => (
            <button
              key={kind}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                void run(kind, asOf ? { asOf } : {});
              }}
              data-testid={`${testid}-${kind}`}
            >
              {t(EXPORT_LABELS[kind])}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="error export-error" role="alert" data-testid={`${testid}-error`}>
          {error.message}
        </p>
      )}
    </div>
  );
}
