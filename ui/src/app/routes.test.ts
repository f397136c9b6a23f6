import { describe, expect, it } from "vitest";
import { customerInvoicesRoute, isTyping, routeForLetter, sectionOf, sectionRoute } from "./routes";
import { SCREENS } from "./screens";

describe("routes", () => {
  it("each nav entry opens a route of its own section", () => {
    for (const s of SCREENS) expect(sectionOf(sectionRoute(s.id))).toBe(s.id);
  });

  it("sub-screens highlight their list", () => {
    expect(sectionOf({ name: "customer", id: 3 })).toBe("clients");
    expect(sectionOf({ name: "invoice-new", customerId: 3 })).toBe("invoices");
    expect(sectionOf({ name: "credit-note", customerId: 3 })).toBe("clients");
  });

  it("a customer's invoices open the invoice list filtered on them, every status", () => {
    const route = customerInvoicesRoute({ id: 7, name: "Biscuiterie Gaillard" });
    expect(route).toEqual({ name: "invoices", customer: { id: 7, name: "Biscuiterie Gaillard" }, status: "all" });
    expect(sectionOf(route)).toBe("invoices");
  });

  it("the Invoices entry (Alt+3) opens the list unfiltered", () => {
    const route = sectionRoute("invoices");
    expect(route).toEqual({ name: "invoices" });
    if (route.name !== "invoices") throw new Error("not the invoice list");
    expect(route.customer ?? null).toBeNull();
    expect(route.status).toBeUndefined();
  });

  it("N, F and P open the new client, new invoice and payment screens", () => {
    expect(routeForLetter("n")).toEqual({ name: "customer-new" });
    expect(routeForLetter("F")).toEqual({ name: "invoice-new", customerId: null });
    expect(routeForLetter("p")).toEqual({ name: "payment", customerId: null });
    expect(routeForLetter("x")).toBeNull();
  });

  it("letters typed into inputs are not shortcuts", () => {
    expect(isTyping({ tagName: "INPUT" })).toBe(true);
    expect(isTyping({ tagName: "textarea" })).toBe(true);
    expect(isTyping({ tagName: "SELECT" })).toBe(true);
    expect(isTyping({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTyping({ tagName: "BUTTON" })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
