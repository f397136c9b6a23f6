import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { buildTerms, parseTerms, termsInWords, type TermsChoice } from "./terms";

const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("fr", key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("en", key, params);

describe("buildTerms", () => {
  it.each<[TermsChoice, string]>([
    [{ kind: "default", days: "45" }, ""],
    [{ kind: "receipt", days: "30" }, "receipt"],
    [{ kind: "net", days: "30" }, "net:30"],
    [{ kind: "net", days: " 060 " }, "net:60"],
    [{ kind: "net_eom", days: "45" }, "net_eom:45"],
    [{ kind: "eom_plus", days: "10" }, "eom_plus:10"],
    [{ kind: "net", days: "0" }, "net:0"],
  ])("%j -> %s", (choice, code) => {
    expect(buildTerms(choice)).toEqual({ ok: true, code });
  });

  it.each(["", "abc", "30.5", "-5", "366", "1000"])("refuses %j days", (days) => {
    expect(buildTerms({ kind: "net", days })).toEqual({ ok: false });
  });
});

describe("parseTerms", () => {
  it.each<[string, TermsChoice]>([
    ["", { kind: "default", days: "" }],
    ["receipt", { kind: "receipt", days: "" }],
    ["net:30", { kind: "net", days: "30" }],
    ["net_eom:45", { kind: "net_eom", days: "45" }],
    ["eom_plus:10", { kind: "eom_plus", days: "10" }],
    ["30", { kind: "net", days: "30" }],
    ["net:0", { kind: "receipt", days: "" }],
    ["NET:07", { kind: "net", days: "7" }],
    ["weird:5", { kind: "default", days: "" }],
  ])("%j", (code, choice) => {
    expect(parseTerms(code)).toEqual(choice);
  });

  it("round-trips every code the back end sends", () => {
    for (const code of ["", "receipt", "net:30", "net:60", "net_eom:45", "eom_plus:10", "eom_plus:0"]) {
      expect(buildTerms(parseTerms(code))).toEqual({ ok: true, code });
    }
  });
});

describe("termsInWords", () => {
  it("says the terms in French and English, never the code", () => {
    expect(termsInWords("receipt", fr)).toBe("à réception");
    expect(termsInWords("net:30", fr)).toBe("30 jours");
    expect(termsInWords("net:1", fr)).toBe("1 jour");
    expect(termsInWords("net_eom:45", fr)).toBe("45 jours fin de mois");
    expect(termsInWords("eom_plus:10", fr)).toBe("fin de mois + 10 jours");
    expect(termsInWords("", fr)).toBe("conditions de l’entreprise");
    expect(termsInWords("net:30", en)).toBe("30 days");
    expect(termsInWords("net_eom:45", en)).toBe("45 days end of month");
    expect(termsInWords("eom_plus:10", en)).toBe("end of month + 10 days");
    expect(termsInWords("garbage", en)).toBe("business default terms");
  });
});
