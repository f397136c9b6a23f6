import { useEffect, useRef, type ReactNode } from "react";
import { useNav } from "../app/nav";

/**
 * The screen's title (data-testid="screen-title") and its main actions. After
 * a navigation the title takes the focus, so keyboard and screen-reader users
 * land on the new screen; forms pass `focusTitle={false}` to focus their first field.
 */
export function ScreenHeader({
  title,
  subtitle,
  actions,
  focusTitle = true,
  back,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  focusTitle?: boolean;
  back?: ReactNode;
}) {
  const nav = useNav();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle && nav.navigated) ref.current?.focus();
    // Only when the screen opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <header className="screen-header">
      {back}
      <div className="screen-header-row">
        <div className="screen-heading">
          <h1 className="screen-title" data-testid="screen-title" tabIndex={-1} ref={ref}>
            {title}
          </h1>
          {subtitle && <div className="screen-subtitle">{subtitle}</div>}
        </div>
        {actions && <div className="screen-actions">{actions}</div>}
      </div>
    </header>
  );
}

/** "← Retour" link above a sub-screen's title. */
export function BackLink({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="link back-link" onClick={onClick} data-testid="back">
      <span aria-hidden="true">← </span>
      {label}
    </button>
  );
}
