import { createContext, useContext } from "react";
import type { AppInfoView } from "../platform";
import type { Route } from "./routes";

/** A button in a toast: its label and what it does. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Nav {
  route: Route;
  /** Opens a route; `back()` returns to the one before. */
  go: (route: Route) => void;
  /** Replaces the current route (after a save: the form becomes the record). */
  replace: (route: Route) => void;
  /** Returns to where the user came from, or to `fallback`. */
  back: (fallback?: Route) => void;
  /** Shows a short confirmation at the bottom of the window, with an optional action (« Ouvrir le dossier »). */
  toast: (message: string, action?: ToastAction) => void;
  info: AppInfoView | null;
  /** False until the user first moves: the first screen does not steal the focus. */
  navigated: boolean;
  /** Asks the back end again (after the demo is loaded, the company saved...). */
  refreshInfo: () => Promise<AppInfoView | null>;
}

export const NavContext = createContext<Nav | null>(null);

export function useNav(): Nav {
  const nav = useContext(NavContext);
  if (!nav) throw new Error("useNav outside <App>");
  return nav;
}
