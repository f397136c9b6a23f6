import { describe, expect, it } from "vitest";
import { translate } from "../i18n/translate";
import { letterKindLabel } from "./labels";

describe("letterKindLabel", () => {
  it("names a printed letter in words, never by its code", () => {
    const fr = (kind: string, level: string | null) => translate("fr", letterKindLabel(kind, level));
    expect(fr("notice", null)).toBe("Mise en demeure");
    expect(fr("reminder", "pre_due")).toBe("Rappel d’échéance");
    expect(fr("reminder", "friendly")).toBe("Relance amicale");
    expect(fr("reminder", "firm")).toBe("Relance ferme");
    expect(fr("reminder", "reminder_9")).toBe("Lettre de relance");
    expect(translate("en", letterKindLabel("notice", "firm"))).toBe("Formal notice");
  });
});
