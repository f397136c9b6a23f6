import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";
import { pickLocale, translate, translateCount } from "./translate";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  it("en has exactly the keys of fr", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it("every message is non-empty and uses the same placeholders in both languages", () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(fr[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });
});

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate("fr", "app.version", { version: "1.2.3" })).toBe("Version 1.2.3");
  });

  it("leaves a missing placeholder visible rather than printing undefined", () => {
    expect(translate("en", "app.version", {})).toBe("Version {version}");
  });

  it("picks French unless the system says English", () => {
    expect(pickLocale("fr-FR")).toBe("fr");
    expect(pickLocale("en-GB")).toBe("en");
    expect(pickLocale("de-DE")).toBe("fr");
    expect(pickLocale(undefined)).toBe("fr");
  });
});

describe("plurals", () => {
  it("every singular form has its plural", () => {
    for (const key of Object.keys(fr)) {
      if (key.endsWith(".one")) expect(Object.keys(fr), key).toContain(key.slice(0, -4));
    }
  });

  it("French takes the singular for 0 and 1, English only for 1", () => {
    expect(translateCount("fr", "customer.open_count", 0, { count: 0 })).toBe("0 facture ouverte");
    expect(translateCount("fr", "customer.open_count", 1, { count: 1 })).toBe("1 facture ouverte");
    expect(translateCount("fr", "customer.open_count", 2, { count: 2 })).toBe("2 factures ouvertes");
    expect(translateCount("en", "customer.open_count", 0, { count: 0 })).toBe("0 open invoices");
    expect(translateCount("en", "customer.open_count", 1, { count: 1 })).toBe("1 open invoice");
  });
});
