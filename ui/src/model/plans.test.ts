import { describe, expect, it } from "vitest";
import { translate } from "../i18n/translate";
import { FREQUENCIES, frequencyLabel, installmentStatusLabel, planBadge, planStatusLabel } from "./plans";

describe("plans in words", () => {
  it("gives every status a sentence in both languages, never a code", () => {
    for (const status of ["running", "completed", "defaulted", "replaced"]) {
      const fr = translate("fr", planStatusLabel(status), { date: "15/06/2026" });
      expect(fr).not.toContain(status);
      expect(fr).not.toBe(translate("en", planStatusLabel(status), { date: "15/06/2026" }));
      expect(planBadge(status)).toMatch(/^badge-/);
    }
    expect(translate("fr", installmentStatusLabel("partly_paid"))).toBe("Partiellement payée");
    expect(translate("fr", installmentStatusLabel("upcoming"))).toBe("À venir");
    expect(translate("fr", installmentStatusLabel("late"))).toBe("En retard");
    expect(translate("fr", installmentStatusLabel("paid"))).toBe("Payée");
    expect(translate("fr", planStatusLabel("defaulted"), { date: "15/06/2026" })).toBe("Non respecté le 15/06/2026");
  });

  it("names every frequency", () => {
    const labels = FREQUENCIES.map((f) => translate("fr", frequencyLabel(f)));
    expect(new Set(labels).size).toBe(FREQUENCIES.length);
  });
});
