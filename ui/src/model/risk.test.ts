import { describe, expect, it } from "vitest";
import { scoreTone } from "./risk";

describe("scoreTone", () => {
  it("splits the score at 40 (at risk) and 70 (pays well)", () => {
    expect([0, 39, 40, 69, 70, 100].map(scoreTone)).toEqual(["bad", "bad", "watch", "watch", "good", "good"]);
  });
});
