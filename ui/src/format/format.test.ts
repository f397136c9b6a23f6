import { describe, expect, it } from "vitest";
import {
  amountForInput,
  formatAxisMoney,
  formatDate,
  formatLongDate,
  formatMoney,
  formatNumber,
  isZero,
  parseInputDate,
  share,
  todayForInput,
} from ".";

// Intl uses a narrow no-break space (U+202F) to group thousands in French
// and a no-break space (U+00A0) before the euro sign.
const nnbsp = "\u202f";
const nbsp = "\u00a0";

describe("formatAxisMoney", () => {
  it("draws chart ticks in whole euros", () => {
    expect(formatAxisMoney(45000, "fr")).toBe(`45${nnbsp}000${nbsp}€`);
    expect(formatAxisMoney(1234.56, "en")).toBe("€1,235");
  });
});

describe("formatMoney", () => {
  it("formats French amounts with grouped thousands and the euro after", () => {
    expect(formatMoney("1234.50", "fr")).toBe(`1${nnbsp}234,50${nbsp}€`);
    expect(formatMoney("1200", "fr")).toBe(`1${nnbsp}200,00${nbsp}€`);
    expect(formatMoney("0.00", "fr")).toBe(`0,00${nbsp}€`);
    expect(formatMoney("700.5", "fr")).toBe(`700,50${nbsp}€`);
  });

  it("formats English amounts with the euro first", () => {
    expect(formatMoney("1234.50", "en")).toBe("€1,234.50");
    expect(formatMoney("1234567.89", "en")).toBe("€1,234,567.89");
  });

  it("keeps every digit of large amounts (no float rounding)", () => {
    expect(formatMoney("90071992547409.99", "en")).toBe("€90,071,992,547,409.99");
    expect(formatNumber("123456789012345.67", "fr")).toBe(
      `123${nnbsp}456${nnbsp}789${nnbsp}012${nnbsp}345,67`,
    );
  });

  it("shows negative amounts, but never a negative zero", () => {
    expect(formatMoney("-12.30", "fr")).toBe(`-12,30${nbsp}€`);
    expect(formatMoney("-12.30", "en")).toBe("-€12.30");
    expect(formatMoney("-0.00", "fr")).toBe(`0,00${nbsp}€`);
  });

  it("returns a value that is not a decimal as it came", () => {
    expect(formatMoney("abc", "fr")).toBe("abc");
  });

  it("formats numbers without a currency", () => {
    expect(formatNumber("1234.5", "fr")).toBe(`1${nnbsp}234,50`);
    expect(formatNumber("1234.5", "en")).toBe("1,234.50");
  });
});

describe("amount helpers", () => {
  it("writes an amount back the way the user types it", () => {
    expect(amountForInput("1234.50", "fr")).toBe("1234,50");
    expect(amountForInput("1234.50", "en")).toBe("1234.50");
  });

  it("recognises zero without arithmetic", () => {
    expect(isZero("0.00")).toBe(true);
    expect(isZero("-0.00")).toBe(true);
    expect(isZero("0.01")).toBe(false);
    expect(isZero("10")).toBe(false);
    expect(isZero("x")).toBe(false);
  });

  it("gives bar shares between 0 and 1", () => {
    expect(share("250.00", "1000.00")).toBe(0.25);
    expect(share("5", "0")).toBe(0);
    expect(share("-5", "10")).toBe(0);
    expect(share("20", "10")).toBe(1);
  });
});

describe("dates", () => {
  it("shows ISO dates as dd/mm/yyyy", () => {
    expect(formatDate("2026-02-09")).toBe("09/02/2026");
    expect(formatDate("2026-12-31")).toBe("31/12/2026");
    expect(formatDate("")).toBe("");
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("parses dd/mm/yyyy, d/m/yyyy and yyyy-mm-dd", () => {
    expect(parseInputDate("09/02/2026")).toBe("2026-02-09");
    expect(parseInputDate(" 9/2/2026 ")).toBe("2026-02-09");
    expect(parseInputDate("09.02.2026")).toBe("2026-02-09");
    expect(parseInputDate("09-02-2026")).toBe("2026-02-09");
    expect(parseInputDate("2026-02-09")).toBe("2026-02-09");
    expect(parseInputDate("29/02/2024")).toBe("2024-02-29");
  });

  it("refuses impossible or partial dates", () => {
    for (const bad of ["29/02/2025", "31/04/2026", "00/01/2026", "12/13/2026", "2026-02-30", "9/2/26", "demain", ""]) {
      expect(parseInputDate(bad), bad).toBeNull();
    }
  });

  it("round-trips between display and ISO", () => {
    for (const iso of ["2024-02-29", "2026-01-01", "1999-12-31"]) {
      expect(parseInputDate(formatDate(iso))).toBe(iso);
    }
  });

  it("writes long dates in words without a time-zone shift", () => {
    expect(formatLongDate("2026-02-09", "fr")).toBe("lundi 9 février 2026");
    expect(formatLongDate("2026-02-09", "en")).toBe("Monday, 9 February 2026");
  });

  it("prefills today from the back end's date", () => {
    expect(todayForInput("2026-03-31")).toBe("31/03/2026");
    expect(todayForInput(null)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });
});
