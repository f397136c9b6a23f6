import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from "react";
import { useI18n, pickLocale } from "../i18n";
import { appInfo, type AppError, type AppInfoView } from "../platform";
import { isDialogOpen } from "../components/Dialog";
import { Spinner } from "../components/Bits";
import { TodayScreen } from "../screens/TodayScreen";
import { DashboardBehindScreen } from "../screens/DashboardBehindScreen";
import { ClientsScreen } from "../screens/ClientsScreen";
import { CustomerFormScreen } from "../screens/CustomerFormScreen";
import { CustomerScreen } from "../screens/CustomerScreen";
import { InvoicesScreen } from "../screens/InvoicesScreen";
import { InvoiceScreen } from "../screens/InvoiceScreen";
import { InvoiceFormScreen } from "../screens/InvoiceFormScreen";
import { PaymentScreen } from "../screens/PaymentScreen";
import { CreditNoteScreen } from "../screens/CreditNoteScreen";
import { SettingsScreen } from "../screens/SettingsScreen";
import { PlanScreen } from "../screens/PlanScreen";
import { PlanWizardScreen } from "../screens/PlanWizardScreen";
import { NavContext, type Nav, type ToastAction } from "./nav";
import { isTyping, routeForLetter, sectionOf, sectionRoute, type Route } from "./routes";
import { SCREENS, screenForChord, shortcutLabel } from "./screens";

// The dashboard brings the charting library: loaded when first opened, so
// that the screens of the daily path start without it.
const DashboardScreen = lazy(() => import("../screens/DashboardScreen").then((m) => ({ default: m.DashboardScreen })));

type InfoState = { kind: "loading" } | { kind: "ready"; info: AppInfoView } | { kind: "failed"; error: AppError };

interface Visit {
  route: Route;
  /** Distinguishes two visits of the same route, so going back reloads the screen. */
  serial: number;
}

function body(route: Route): ReactElement {
  switch (route.name) {
    case "today":
      return <TodayScreen />;
    case "clients":
      return <ClientsScreen />;
    case "customer":
      return <CustomerScreen id={route.id} />;
    case "customer-new":
      return <CustomerFormScreen id={null} />;
    case "customer-edit":
      return <CustomerFormScreen id={route.id} />;
    case "invoices":
      return <InvoicesScreen customer={route.customer ?? null} status={route.status ?? "unpaid"} />;
    case "invoice":
      return <InvoiceScreen id={route.id} />;
    case "invoice-new":
      return <InvoiceFormScreen id={null} customerId={route.customerId} />;
    case "invoice-edit":
      return <InvoiceFormScreen id={route.id} customerId={null} />;
    case "payment":
      return <PaymentScreen customerId={route.customerId} />;
    case "credit-note":
      return <CreditNoteScreen customerId={route.customerId} invoiceId={route.invoiceId} />;
    case "plan":
      return <PlanScreen id={route.id} />;
    case "plan-new":
      return <PlanWizardScreen customerId={route.customerId} invoiceId={route.invoiceId} replaces={route.replaces} />;
    case "dashboard":
      return (
        <Suspense fallback={<Spinner />}>
          <DashboardScreen asOf={route.asOf ?? null} />
        </Suspense>
      );
    case "dashboard-behind":
      return <DashboardBehindScreen asOf={route.asOf} live={route.live ?? false} figure={route.figure} drill={route.drill} />;
    case "settings":
      return <SettingsScreen then={route.then} section={route.section} />;
  }
}

const TOAST_MS = 6000;

export function App() {
  const { t, setLocale } = useI18n();
  const serial = useRef(0);
  const [stack, setStack] = useState<Visit[]>([{ route: { name: "today" }, serial: 0 }]);
  const [info, setInfo] = useState<InfoState>({ kind: "loading" });
  const [toast, setToast] = useState<{ message: string; action?: ToastAction | undefined; serial: number } | null>(null);
  const [navigated, setNavigated] = useState(false);

  const visit = stack[stack.length - 1] ?? { route: { name: "today" } as Route, serial: 0 };
  const section = sectionOf(visit.route);

  const refreshInfo = useCallback(async () => {
    try {
      const value = await appInfo();
      setInfo({ kind: "ready", info: value });
      setLocale(pickLocale(value.language));
      return value;
    } catch (error) {
      setInfo({ kind: "failed", error: error as AppError });
      return null;
    }
  }, [setLocale]);

  useEffect(() => {
    void refreshInfo();
  }, [refreshInfo]);

  const go = useCallback((route: Route) => {
    setNavigated(true);
    setStack((s) => [...s.slice(-30), { route, serial: ++serial.current }]);
  }, []);
  const replace = useCallback((route: Route) => {
    setNavigated(true);
    setStack((s) => [...s.slice(0, -1), { route, serial: ++serial.current }]);
  }, []);
  const back = useCallback((fallback?: Route) => {
    setNavigated(true);
    setStack((s) => {
      if (s.length > 1) {
        const previous = s[s.length - 2];
        if (previous) return [...s.slice(0, -2), { route: previous.route, serial: ++serial.current }];
      }
      return [{ route: fallback ?? { name: "today" }, serial: ++serial.current }];
    });
  }, []);
  const openSection = useCallback((route: Route) => {
    setNavigated(true);
    setStack([{ route, serial: ++serial.current }]);
  }, []);
  const showToast = useCallback((message: string, action?: ToastAction) => {
    setToast({ message, action, serial: ++serial.current });
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(() => setToast(null), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast]);

  // Going to Today asks again whether the database is empty (welcome panel).
  useEffect(() => {
    if (visit.route.name === "today" && navigated) void refreshInfo();
  }, [visit.serial, visit.route.name, navigated, refreshInfo]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = screenForChord(event);
      if (target) {
        event.preventDefault();
        openSection(sectionRoute(target));
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || event.repeat) return;
      if (isTyping(event.target as HTMLElement | null) || isDialogOpen()) return;
      const route = routeForLetter(event.key);
      if (route) {
        event.preventDefault();
        go(route);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [go, openSection]);

  const nav = useMemo<Nav>(
    () => ({
      route: visit.route,
      go,
      replace,
      back,
      toast: showToast,
      info: info.kind === "ready" ? info.info : null,
      navigated,
      refreshInfo,
    }),
    [visit.route, go, replace, back, showToast, info, navigated, refreshInfo],
  );

  return (
    <NavContext.Provider value={nav}>
      <div className="shell">
        <header className="header" data-testid="app-header">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
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
                  aria-current={s.id === section ? "page" : undefined}
                  aria-keyshortcuts={shortcutLabel(index)}
                  onClick={() => openSection(sectionRoute(s.id))}
                >
                  <span className="nav-label">{t(s.label)}</span>
                  <kbd className="nav-key">{shortcutLabel(index)}</kbd>
                </button>
              </li>
            ))}
          </ul>
          <div className="nav-help" data-testid="shortcuts-help">
            <span className="nav-help-title">{t("shortcuts.title")}</span>
            <span>{t("shortcuts.hint")}</span>
            <span>{t("shortcuts.new_customer")}</span>
            <span>{t("shortcuts.new_invoice")}</span>
            <span>{t("shortcuts.payment")}</span>
            <span>{t("shortcuts.letters")}</span>
          </div>
        </nav>

        <main className="main" data-testid="main">
          <div className="screen" key={visit.serial} data-route={visit.route.name}>
            {body(visit.route)}
          </div>
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

        {toast && (
          <div className="toast" role="status" data-testid="toast" key={toast.serial}>
            <span data-testid="toast-message">{toast.message}</span>
            {toast.action && (
              <button type="button" className="link toast-action" onClick={toast.action.run} data-testid="toast-action">
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast-close" onClick={() => setToast(null)} aria-label={t("common.close")}>
              <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                <path d="M1 1l10 10M11 1L1 11" stroke="currentColor" strokeWidth="1.8" />
              </svg>
            </button>
          </div>
        )}
      </div>
    </NavContext.Provider>
  );
}
