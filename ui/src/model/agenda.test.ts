import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { actionSentence, installmentSentence } from "./agenda";

const fr = (level: string, channel: string) => translate("fr", actionSentence(level, channel));
const en = (level: string, channel: string) => translate("en", actionSentence(level, channel));

describe("actionSentence", () => {
  it("says what the standard levels ask for, in French and English", () => {
    expect(fr("reminder_2", "letter")).toBe("Envoyer une lettre de relance ferme");
    expect(fr("phone_call", "phone_call")).toBe("Appeler le client");
    expect(fr("reminder_1", "email")).toBe("Envoyer un e-mail de première relance");
    expect(fr("formal_notice", "letter")).toBe("Envoyer la mise en demeure (lettre recommandée avec accusé de réception)");
    expect(en("reminder_2", "letter")).toBe("Send a firm reminder letter");
    expect(en("phone_call", "phone_call")).toBe("Call the customer");
  });

  it("falls back on the channel for a level the user named or moved", () => {
    expect(fr("relance_3", "letter")).toBe("Envoyer un courrier de relance");
    expect(fr("reminder_1", "letter")).toBe("Envoyer un courrier de relance");
    expect(fr("relance_3", "email")).toBe("Envoyer un e-mail de relance");
    expect(fr("x", "escalation")).toBe(translate("fr", "agenda.do.escalation"));
    expect(fr("x", "fax")).toBe("Relancer le client");
  });

  it("never shows a code", () => {
    for (const level of ["pre_due", "reminder_1", "reminder_2", "phone_call", "formal_notice", "escalation", "zz"]) {
      for (const channel of ["letter", "email", "phone_call", "escalation", "fax"]) {
        expect(fr(level, channel)).not.toMatch(/_|agenda\./);
        expect(en(level, channel)).not.toMatch(/_|agenda\./);
      }
    }
  });
});

describe("installmentSentence", () => {
  const say = (kind: string, number: number, days: number) => {
    const s = installmentSentence({ kind, number, due_date: "2026-12-24", days_late: days }, "24/12/2026", "333,33 €");
    return translate("fr", s.key, s.params);
  };
  it("says before the date which installment to announce, after it how late it is", () => {
    expect(say("notice", 2, -3)).toBe("Prévenir de l’échéance n° 2 du 24/12/2026 (333,33 €)");
    expect(say("reminder", 2, 4)).toBe("Relancer l’échéance n° 2 du 24/12/2026 (333,33 €), en retard de 4 j");
    expect(say("reminder", 0, 5)).toBe("Relancer l’acompte du 24/12/2026 (333,33 €), en retard de 5 j");
  });
});
