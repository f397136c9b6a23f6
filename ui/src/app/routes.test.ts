import { describe, expect, it } from "vitest";
import { isTyping, routeForLetter, sectionOf, sectionRoute } from "./routes";
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
