import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { formatMoney } from "../format";
import { statusLabel } from "../model/labels";

/** An amount, formatted for the locale, with tabular digits. */
export function Money({ value, testid, className }: { value: string; testid?: string | undefined; className?: string | undefined }) {
  const { locale } = useI18n();
  return (
    <span className={`amount${className ? ` ${className}` : ""}`} data-testid={testid}>
      {formatMoney(value, locale)}
    </span>
  );
}

export function Spinner({ label }: { label?: string | undefined }) {
  const { t } = useI18n();
  return (
    <span className="spinner-wrap" role="status" data-testid="spinner">
      <span className="spinner" aria-hidden="true" />
      <span className="spinner-label">{label ?? t("common.loading")}</span>
    </span>
  );
}

/** What a failed load says, with a way to try again. */
export function LoadError({ message, onRetry }: { message: string; onRetry?: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-error" role="alert" data-testid="load-error">
      <p>{t("common.load_failed", { message })}</p>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

export function StatusBadge({ status, daysLate }: { status: string; daysLate?: number | undefined }) {
  const { t, tn } = useI18n();
  const late = status === "overdue" && daysLate !== undefined && daysLate > 0;
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge">
      {late ? tn("status.overdue_days", daysLate, { days: daysLate }) : t(statusLabel(status))}
    </span>
  );
}

export function EmptyState({
  title,
  body,
  testid,
  children,
}: {
  title: string;
  body?: string | undefined;
  testid?: string | undefined;
  children?: ReactNode;
}) {
  return (
    <section className="empty" data-testid={testid}>
      <h2 className="empty-title">{title}</h2>
      {body && <p className="empty-body">{body}</p>}
      {children && <div className="empty-actions">{children}</div>}
    </section>
  );
}

/** A figure with its caption, for the cards at the top of a screen. */
export function Stat({
  label,
  value,
  testid,
  tone,
  note,
}: {
  label: string;
  value: string;
  testid?: string | undefined;
  tone?: "danger" | "warning" | "neutral" | undefined;
  note?: string | undefined;
}) {
  return (
    <div className={`stat stat-${tone ?? "neutral"}`}>
      <span className="stat-label">{label}</span>
      <Money value={value} testid={testid} className="stat-value" />
      {note && <span className="stat-note">{note}</span>}
    </div>
  );
}
