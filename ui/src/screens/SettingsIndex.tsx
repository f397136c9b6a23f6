import { useEffect } from "react";
import { useI18n } from "../i18n";

/** The Settings sections in screen order: the heading each jumps to and its title's key. */
export const SETTINGS_SECTIONS = [
  { target: "settings-company", label: "settings.index.company" },
  { target: "logo-title", label: "settings.logo.title" },
  { target: "policies-title", label: "policies.title" },
  { target: "risk-settings-title", label: "risk_settings.title" },
  { target: "plan-settings-title", label: "plan_settings.title" },
  { target: "letter-templates-title", label: "templates.title" },
  { target: "mail-settings-title", label: "mail_settings.title" },
  { target: "rates-title", label: "rates.title" },
  { target: "import-title", label: "import.title" },
  { target: "backup-title", label: "backup.title" },
  { target: "export-title", label: "export.title" },
] as const;

export type SettingsSection = (typeof SETTINGS_SECTIONS)[number]["target"];

/** Space kept above a section's heading once scrolled to (the page's own padding). */
const MARGIN_PX = 24;

/**
 * Brings a section into view by scrolling the main pane only (`scrollIntoView` would also scroll
 * the window's frame, whose overflow is hidden, and push the app bar out of sight); false while the
 * section is not drawn yet (sections load on their own).
 */
function reveal(target: string): boolean {
  const element = document.getElementById(target);
  const pane = element?.closest<HTMLElement>(".main");
  if (!element || !pane) return false;
  const offset = element.getBoundingClientRect().top - pane.getBoundingClientRect().top;
  pane.scrollTo({ top: pane.scrollTop + offset - MARGIN_PX });
  return true;
}

/**
 * A row of links to each Settings section: the screen is long, and a message elsewhere in the
 * app (« Ouvrir les réglages des taux ») may ask for one section with `open`.
 */
export function SettingsIndex({ open }: { open?: string | undefined }) {
  const { t } = useI18n();

  useEffect(() => {
    if (!open) return;
    // The sections load on their own and grow above the one asked for: keep it in place until the
    // page settles (about two seconds), unless the user starts moving around first.
    let tries = 0;
    const stop = () => window.clearInterval(timer);
    const timer = window.setInterval(() => {
      tries += 1;
      reveal(open);
      if (tries > 50) stop();
    }, 50);
    const events = ["wheel", "keydown", "pointerdown", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, stop, { once: true }));
    return () => {
      stop();
      events.forEach((e) => window.removeEventListener(e, stop));
    };
  }, [open]);

  return (
    <nav className="settings-index" aria-label={t("settings.index.label")} data-testid="settings-index">
      {SETTINGS_SECTIONS.map((s) => (
        <button
          key={s.target}
          type="button"
          className="link"
          onClick={() => reveal(s.target)}
          data-testid={`settings-index-${s.target}`}
        >
          {t(s.label)}
        </button>
      ))}
    </nav>
  );
}
