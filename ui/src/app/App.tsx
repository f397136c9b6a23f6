import { useEffect, useRef, useState, type ReactElement } from "react";
import { useI18n } from "../i18n";
import { appInfo, type AppError, type AppInfo } from "../platform";
import { ClientsScreen } from "../screens/ClientsScreen";
import { InvoicesScreen } from "../screens/InvoicesScreen";
import { PaymentScreen } from "../screens/PaymentScreen";
import { SettingsScreen } from "../screens/SettingsScreen";
import { TodayScreen } from "../screens/TodayScreen";
import { SCREENS, screenForChord, shortcutLabel, type ScreenId } from "./screens";

const SCREEN_BODIES: Record<ScreenId, () => ReactElement> = {
  today: TodayScreen,
  clients: ClientsScreen,
  invoices: InvoicesScreen,
  payment: PaymentScreen,
  settings: SettingsScreen,
};

type InfoState = { kind: "loading" } | { kind: "ready"; info: AppInfo } | { kind: "failed"; error: AppError };

export function App() {
  const { t } = useI18n();
  const [screen, setScreen] = useState<ScreenId>("today");
  const [info, setInfo] = useState<InfoState>({ kind: "loading" });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    let live = true;
    appInfo().then(
      (value) => live && setInfo({ kind: "ready", info: value }),
      (error: AppError) => live && setInfo({ kind: "failed", error }),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = screenForChord(event);
      if (target) {
        event.preventDefault();
        setScreen(target);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // Move focus to the new screen's title so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [screen]);

  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0];
  const Body = SCREEN_BODIES[screen];

  return (
    <div className="shell">
      <header className="header" data-testid="app-header">
        <span className="brand-mark" aria-hidden="true">R</span>
        <span className="brand-name">{t("app.name")}</span>
        <span className="brand-tagline">{t("app.tagline")}</span>
      </header>

      <nav className="nav" aria-label={t("nav.label")} data-testid="nav">
        <ul>
          {SCREENS.map((s, index) => (
            <li key={s.id}>
              <button
                type="button"
                className="nav-item"
                data-testid={`nav-${s.id}`}
                aria-current={s.id === screen ? "page" : undefined}
                aria-keyshortcuts={shortcutLabel(index)}
                onClick={() => setScreen(s.id)}
              >
                <span className="nav-label">{t(s.label)}</span>
                <kbd className="nav-key">{shortcutLabel(index)}</kbd>
              </button>
            </li>
          ))}
        </ul>
        <p className="nav-help" data-testid="shortcuts-help">
          <span className="nav-help-title">{t("shortcuts.title")}</span>
          {t("shortcuts.hint")}
        </p>
      </nav>

      <main className="main" data-testid="main">
        <h1 className="screen-title" data-testid="screen-title" tabIndex={-1} ref={headingRef}>
          {t(current.label)}
        </h1>
        <Body />
        <footer className="main-footer">
          {info.kind === "loading" && <span className="muted">{t("app.loading")}</span>}
          {info.kind === "ready" && (
            <span data-testid="app-version">{t("app.version", { version: info.info.version })}</span>
          )}
          {info.kind === "failed" && (
            <span className="error" role="alert" data-testid="app-error">
              {t("app.error", { message: info.error.message })}
            </span>
          )}
        </footer>
      </main>
    </div>
  );
}
