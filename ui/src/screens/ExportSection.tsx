// Settings: « Exporter les données ». The five lists, each with its « Exporter » button; the
// date of the aged balance and the agenda (today by default) and the format of the file.
import { useState } from "react";
import { useI18n, type MessageKey } from "../i18n";
import type { ExportKindForm } from "../platform";
import { useNav } from "../app/nav";
import { SelectField, TextField } from "../components/Field";
import { EXPORT_LABELS } from "../components/ExportButton";
import { useExport } from "../components/useExport";
import { todayForInput } from "../format";

const KINDS: ReadonlyArray<{ kind: ExportKindForm; help: MessageKey; dated: boolean }> = [
  { kind: "customers", help: "export.help.customers", dated: false },
  { kind: "invoices", help: "export.help.invoices", dated: false },
  { kind: "payments", help: "export.help.payments", dated: false },
  { kind: "aging", help: "export.help.aging", dated: true },
  { kind: "agenda", help: "export.help.agenda", dated: true },
];

export function ExportSection() {
  const { t, locale } = useI18n();
  const nav = useNav();
  const [asOf, setAsOf] = useState(() => todayForInput(nav.info?.today));
  const [format, setFormat] = useState<"fr" | "en">(locale);
  const { busy, error, run } = useExport();

  return (
    <section className="card stack" aria-labelledby="export-title" data-testid="export-section">
      <h2 className="card-title" id="export-title">
        {t("export.title")}
      </h2>
      <p className="muted">{t("export.intro")}</p>
      <div className="export-options">
        <TextField
          label={t("export.as_of")}
          hint={t("export.as_of_hint")}
          value={asOf}
          onChange={setAsOf}
          field="as_of"
          errors={error?.fields}
          testid="export-as-of"
          inputMode="numeric"
          maxLength={10}
        />
        <SelectField
          label={t("export.format")}
          value={format}
          onChange={setFormat}
          options={[
            { value: "fr", label: t("export.format.fr") },
            { value: "en", label: t("export.format.en") },
          ]}
          testid="export-format"
        />
      </div>
      <ul className="export-list">
        {KINDS.map(({ kind, help, dated }) => (
          <li key={kind} className="export-row" data-testid={`export-row-${kind}`}>
            <div className="export-row-text">
              <strong>{t(EXPORT_LABELS[kind])}</strong>
              <span className="muted">{t(help)}</span>
            </div>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void run(kind, { format, ...(dated ? { asOf } : {}) })}
              data-testid={`export-${kind}`}
            >
              {busy === kind ? t("export.busy") : t("export.button")}
            </button>
          </li>
        ))}
      </ul>
      {error && Object.keys(error.fields).length === 0 && (
        <p className="error" role="alert" data-testid="export-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
