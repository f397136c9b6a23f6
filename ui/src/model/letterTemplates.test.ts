import { describe, expect, it } from "vitest";
import { fr } from "../i18n/fr";
import { braced, insertAt, PLACEHOLDERS, placeholderMeaning, templateKindLabel, templatePartLabel } from "./letterTemplates";

describe("insertAt", () => {
  it("puts a placeholder at the cursor and moves the cursor after it", () => {
    expect(insertAt("Bonjour ,", 8, 8, braced("customer_name"))).toEqual({
      text: "Bonjour {customer_name},",
      cursor: 23,
    });
  });

  it("replaces the selection", () => {
    expect(insertAt("Il reste X euros", 9, 16, "{total_due}")).toEqual({ text: "Il reste {total_due}", cursor: 20 });
  });

  it("appends when there is no cursor, and clamps what is out of range", () => {
    expect(insertAt("Merci", null, null, " {date}")).toEqual({ text: "Merci {date}", cursor: 12 });
    expect(insertAt("ab", 10, 20, "x")).toEqual({ text: "abx", cursor: 3 });
  });
});

describe("labels", () => {
  it("every letter, part and placeholder has words", () => {
    for (const k of ["pre_due", "friendly", "firm", "notice"]) expect(fr[templateKindLabel(k)]).toBeTruthy();
    for (const p of ["title", "before", "before_one", "after", "closing"]) expect(fr[templatePartLabel(p)]).toBeTruthy();
    const meanings = new Set(PLACEHOLDERS.map((p) => fr[placeholderMeaning(p)]));
    expect(meanings.size).toBe(PLACEHOLDERS.length);
  });
});
