import type { InvoiceFilter } from "../model/labels";
import type { DrillView } from "../platform";
import type { ScreenId } from "./screens";

/** A customer named in a route: the id to filter on, the name to show without asking again. */
export interface RouteCustomer {
  id: number;
  name: string;
}

/** A dashboard figure whose invoices are listed; `detail` names the column, week or customer. */
export interface BehindFigure {
  kind: "receivables" | "overdue" | "dso" | "days_late" | "cei" | "recovery" | "written_off" | "disputed" | "aging" | "forecast" | "customer";
  detail?: string | undefined;
}

/** Where the user is. Each list screen is a nav section; the others open from them. */
export type Route =
  | { name: "today" }
  | { name: "clients" }
  | { name: "customer"; id: number }
  | { name: "customer-new" }
  | { name: "customer-edit"; id: number }
  | { name: "invoices"; customer?: RouteCustomer | null; status?: InvoiceFilter }
  /** `asOf`: the date the user asked for (ISO), today when absent. */
  | { name: "dashboard"; asOf?: string | null | undefined }
  /** `live`: the dashboard was at today's date (the list then says « aujourd'hui »). */
  | { name: "dashboard-behind"; asOf: string; live?: boolean | undefined; figure: BehindFigure; drill: DrillView }
  | { name: "invoice"; id: number }
  | { name: "invoice-new"; customerId: number | null }
  | { name: "invoice-edit"; id: number }
  | { name: "payment"; customerId: number | null }
  | { name: "credit-note"; customerId: number; invoiceId?: number | undefined }
  | { name: "plan"; id: number }
  | { name: "plan-new"; customerId: number; invoiceId?: number | undefined; replaces?: number | undefined }
  | { name: "settings"; then: Route | null; section?: string | undefined };

/** The navigation entry a route belongs to (highlighted in the nav). */
export function sectionOf(route: Route): ScreenId {
  switch (route.name) {
    case "today":
      return "today";
    case "clients":
    case "customer":
    case "customer-new":
    case "customer-edit":
    case "credit-note":
    case "plan":
    case "plan-new":
      return "clients";
    case "invoices":
    case "invoice":
    case "invoice-new":
    case "invoice-edit":
      return "invoices";
    case "payment":
      return "payment";
    case "dashboard":
    case "dashboard-behind":
      return "dashboard";
    case "settings":
      return "settings";
  }
}

/** The route a nav entry opens. */
export function sectionRoute(id: ScreenId): Route {
  switch (id) {
    case "today":
      return { name: "today" };
    case "clients":
      return { name: "clients" };
    case "invoices":
      return { name: "invoices" };
    case "payment":
      return { name: "payment", customerId: null };
    case "dashboard":
      return { name: "dashboard" };
    case "settings":
      return { name: "settings", then: null };
  }
}

/** The invoice list filtered on one customer, every status ("Toutes ses factures"). */
export function customerInvoicesRoute(customer: RouteCustomer): Route {
  return { name: "invoices", customer: { id: customer.id, name: customer.name }, status: "all" };
}

/** Single-letter shortcuts, active when the user is not typing. */
export function routeForLetter(key: string): Route | null {
  switch (key.toLowerCase()) {
    case "n":
      return { name: "customer-new" };
    case "f":
      return { name: "invoice-new", customerId: null };
    case "p":
      return { name: "payment", customerId: null };
    default:
      return null;
  }
}

/** Whether a key press happens while typing (then letters are text, not shortcuts). */
export function isTyping(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? "").toUpperCase();
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable === true;
}
