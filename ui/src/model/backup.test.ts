import { describe, expect, it } from "vitest";
import { formatSize, percent } from "./backup";

describe("backup words", () => {
  it("sizes in Ko/Mo and KB/MB", () => {
    expect(formatSize(536576, "fr")).toBe("524\u00a0Ko");
    expect(formatSize(536576, "en")).toBe("524\u00a0KB");
    expect(formatSize(69533696, "fr")).toBe("66,3\u00a0Mo");
    expect(formatSize(69533696, "en")).toBe("66.3\u00a0MB");
    expect(formatSize(0, "fr")).toBe("0\u00a0Ko");
  });

  it("progress as a whole percentage", () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(512, 1024)).toBe(50);
    expect(percent(1024, 1024)).toBe(100);
    expect(percent(2000, 1024)).toBe(100);
  });
});
