import { describe, expect, it } from "vitest";
import { formatRate, halfYearOf, halfYearOptions } from "./rates";

describe("halfYearOptions", () => {
  it("starts with the half-year today falls in", () => {
    expect(halfYearOptions("2026-11-24", 3)).toEqual([
      { year: 2026, half: 2, start: "2026-07-01" },
      { year: 2027, half: 1, start: "2027-01-01" },
      { year: 2027, half: 2, start: "2027-07-01" },
    ]);
  });

  it("counts 1 January to 30 June as the first half", () => {
    expect(halfYearOptions("2026-01-01", 2).map((h) => h.start)).toEqual(["2026-01-01", "2026-07-01"]);
    expect(halfYearOptions("2026-06-30", 1)[0]).toEqual({ year: 2026, half: 1, start: "2026-01-01" });
    expect(halfYearOptions("2026-07-01", 1)[0]?.start).toBe("2026-07-01");
  });

  it("falls back to the clock when today is unknown, and gives nothing for a count of 0", () => {
    expect(halfYearOptions(null, 4)).toHaveLength(4);
    expect(halfYearOptions("2026-03-10", 0)).toEqual([]);
  });
});

describe("halfYearOf", () => {
  it("reads only 1 January and 1 July", () => {
    expect(halfYearOf("2026-07-01")).toEqual({ year: 2026, half: 2, start: "2026-07-01" });
    expect(halfYearOf("2026-01-01")?.half).toBe(1);
    expect(halfYearOf("2026-03-01")).toBeNull();
    expect(halfYearOf("01/07/2026")).toBeNull();
  });
});

describe("formatRate", () => {
  it("writes the rate the French or English way", () => {
    expect(formatRate("2.40", "fr")).toBe("2,40\u00a0%");
    expect(formatRate("2.40", "en")).toBe("2.40%");
  });
});
