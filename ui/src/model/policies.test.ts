import { describe, expect, it } from "vitest";
import { formOf, newRow, offsetLabel, rowErrors, rowsOf, sortRows, toneLabel, type LevelRow } from "./policies";

const row = (offset: string, key = ""): LevelRow => ({
  rowId: Number(offset) || 0,
  key,
  offset,
  channel: "email",
  template: "friendly_reminder",
  fee: "",
  formalNotice: false,
});

describe("offsetLabel", () => {
  it("writes days from the due date as J-5, J, J+7", () => {
    expect([offsetLabel(-5), offsetLabel(0), offsetLabel(7)]).toEqual(["J\u22125", "J", "J+7"]);
  });
});

describe("sortRows", () => {
  it("orders by offset, keeps equal offsets in their order, unreadable ones last", () => {
    const rows = [row("15", "b"), row("x", "bad"), row("-5", "a"), row("15", "c"), row("+3", "d")];
    expect(sortRows(rows).map((r) => r.key)).toEqual(["a", "d", "b", "c", "bad"]);
  });
});

describe("newRow", () => {
  it("comes a week after the last level, or at J+7, with no key", () => {
    expect(newRow([]).offset).toBe("7");
    const next = newRow([row("30"), row("10")]);
    expect([next.offset, next.key, next.channel]).toEqual(["37", "", "email"]);
    expect(newRow([row("728")]).offset).toBe("730");
  });
});

describe("rows and form", () => {
  it("round-trips a stored policy into the form the core reads", () => {
    const rows = rowsOf(
      {
        id: 1,
        name: "Standard",
        standard: true,
        customers: 0,
        segments: [],
        is_default: true,
        levels: [
          { key: "pre_due", offset_days: -5, channel: "email", template: "courteous_notice", fee: null, formal_notice: false },
          { key: "formal_notice", offset_days: 30, channel: "letter", template: "formal_notice", fee: "15.00", formal_notice: true },
        ],
      },
      (fee) => fee.replace(".", ","),
    );
    expect(formOf("Standard", rows)).toEqual({
      name: "Standard",
      levels: [
        { key: "pre_due", offset_days: "-5", channel: "email", template: "courteous_notice", fee: "", formal_notice: false },
        { key: "formal_notice", offset_days: "30", channel: "letter", template: "formal_notice", fee: "15,00", formal_notice: true },
      ],
    });
  });
});

describe("rowErrors", () => {
  it("keeps the messages of one row, by field", () => {
    const fields = {
      policy_name: "Nom du barème : à remplir.",
      "levels.1.level_offset": "Niveau 2 – Délai en jours : doit être plus grand que celui du niveau précédent.",
      "levels.10.level_fee": "Niveau 11 – Frais : le montant ne peut pas être négatif.",
    };
    expect(rowErrors(fields, 1)).toEqual({ level_offset: fields["levels.1.level_offset"] });
    expect(rowErrors(fields, 0)).toEqual({});
    expect(rowErrors(undefined, 0)).toEqual({});
  });
});

describe("toneLabel", () => {
  it("never shows a raw code", () => {
    expect(toneLabel("friendly_reminder")).toBe("policy.tone.friendly_reminder");
    expect(toneLabel("custom_thing")).toBe("policy.tone.other");
  });
});
