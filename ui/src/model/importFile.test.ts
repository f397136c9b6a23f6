import { describe, expect, it } from "vitest";
import type { ImportReportView } from "../platform";
import { asksDateOrder, formatCount, importAction, isDateOrder, isImportKind, listedErrors } from "./importFile";

const report = (over: Partial<ImportReportView> = {}): ImportReportView => ({
  rows: 3,
  customers_created: 0,
  invoices_created: 0,
  payments_created: 0,
  unchanged: 0,
  disputed_seen: 0,
  written: false,
  encoding: "utf-8",
  delimiter: ",",
  errors: [],
  preview: [],
  ...over,
});

const error = (code: string, line: number | null) => ({ line, column: "Date", code, message: `m ${code}` });

describe("importAction", () => {
  it("offers the new rows of the file's kind", () => {
    expect(importAction("invoices", report({ invoices_created: 2466, customers_created: 100 }))).toEqual({
      what: "invoices",
      count: 2466,
    });
    expect(importAction("customers", report({ customers_created: 4 }))).toEqual({ what: "customers", count: 4 });
    expect(importAction("payments", report({ payments_created: 7 }))).toEqual({ what: "payments", count: 7 });
  });

  it("offers payments when an invoices file only adds settled dates", () => {
    expect(importAction("invoices", report({ payments_created: 3, unchanged: 3 }))).toEqual({
      what: "payments",
      count: 3,
    });
  });

  it("refuses a file with errors, whatever it would add", () => {
    const r = report({ invoices_created: 10, errors: [error("bad_value", 3), error("bad_value", 5)] });
    expect(importAction("invoices", r)).toEqual({ what: "errors", count: 2 });
  });

  it("says when nothing is new", () => {
    expect(importAction("invoices", report({ unchanged: 3 }))).toEqual({ what: "nothing_new" });
  });
});

describe("dates", () => {
  it("asks the order only for an ambiguous column, and does not list it twice", () => {
    const r = report({ errors: [error("ambiguous_dates", null), error("bad_value", 4)] });
    expect(asksDateOrder(r)).toBe(true);
    expect(asksDateOrder(report())).toBe(false);
    expect(asksDateOrder(null)).toBe(false);
    expect(listedErrors(r).map((e) => e.code)).toEqual(["bad_value"]);
  });

  it("knows its codes", () => {
    expect(isImportKind("payments")).toBe(true);
    expect(isImportKind("plans")).toBe(false);
    expect(isDateOrder("month_first")).toBe(true);
    expect(isDateOrder("mm/dd")).toBe(false);
  });
});

describe("formatCount", () => {
  it("groups thousands the way each language writes them", () => {
    expect(formatCount(2466, "fr")).toBe("2\u00a0466");
    expect(formatCount(2466, "en")).toBe("2,466");
    expect(formatCount(100, "fr")).toBe("100");
    expect(formatCount(1234567, "en")).toBe("1,234,567");
  });
});
