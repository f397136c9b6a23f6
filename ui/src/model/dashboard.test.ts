import { describe, expect, it } from "vitest";
import { agingSeries, cents, chartValue, dayLabel, formatRatio, behindTitle, hasData, monthLabel, totalCents } from "./dashboard";

describe("dashboard chart data", () => {
  it("reads decimal strings exactly, in cents", () => {
    expect(cents("5119.85")).toBe(511985);
    expect(cents("835.5")).toBe(83550);
    expect(cents("-12.05")).toBe(-1205);
    expect(cents("7")).toBe(700);
    expect(cents("abc")).toBe(0);
    expect(chartValue("0.1")).toBe(0.1);
    expect(chartValue(null)).toBeNull();
  });

  it("orders the aged balance columns and fills a missing one with 0", () => {
    const s = agingSeries(
      [
        { code: "over_90", amount: "10.00" },
        { code: "not_due", amount: "4284.29" },
        { code: "1_30", amount: "825.56" },
      ],
      (c) => `[${c}]`,
    );
    expect(s.labels).toEqual(["[not_due]", "[1_30]", "[31_60]", "[61_90]", "[over_90]"]);
    expect(s.values).toEqual([4284.29, 825.56, 0, 0, 10]);
  });

  it("adds amounts without floating-point drift", () => {
    expect(totalCents(["0.10", "0.20", "4284.29", "835.56"])).toBe(512015);
    expect(totalCents([])).toBe(0);
  });

  it("labels months and weeks", () => {
    expect(monthLabel("2013-06-30")).toBe("06/2013");
    expect(dayLabel("2013-07-01")).toBe("01/07");
    expect(monthLabel("bad")).toBe("bad");
  });
});

describe("chart helpers", () => {
  it("knows when a chart has nothing to draw", () => {
    expect(hasData([0, 0, null])).toBe(false);
    expect(hasData([])).toBe(false);
    expect(hasData([0, 12.5])).toBe(true);
  });

  it("titles each list behind a figure", () => {
    expect(behindTitle("overdue")).toBe("dashboard.behind.title.overdue");
  });
});

describe("formatRatio", () => {
  it("keeps the decimals Rust chose, with the locale's separator", () => {
    expect(formatRatio("16.3", "fr")).toBe("16,3");
    expect(formatRatio("23.2", "en")).toBe("23.2");
    expect(formatRatio("45", "fr")).toBe("45");
    expect(formatRatio("n/a", "fr")).toBe("n/a");
  });
});
