import { describe, expect, it } from "vitest";
import { translate, type Locale } from "../i18n";
import { ACTIVITY_KINDS, timelineSentence, type TimelineEntry } from "./timeline";

const nnbsp = "\u202f";
const nbsp = "\u00a0";
const say = (entry: TimelineEntry, locale: Locale) =>
  timelineSentence(entry, locale, (key, params) => translate(locale, key, params));

/** Details as the back end logs them (crates/relance-app). */
const EXAMPLES: Record<(typeof ACTIVITY_KINDS)[number], TimelineEntry> = {
  customer_created: { kind: "customer_created", details: [["name", "Boulangerie Martin"]] },
  customer_updated: { kind: "customer_updated", details: [["name", "Boulangerie Martin"]] },
  customer_archived: { kind: "customer_archived", details: [["name", "Boulangerie Martin"]] },
  customer_restored: { kind: "customer_restored", details: [["name", "Boulangerie Martin"]] },
  invoice_created: {
    kind: "invoice_created",
    details: [["number", "FA-2026-001"], ["total", "1200.00"], ["due_date", "2026-02-09"]],
  },
  invoice_updated: {
    kind: "invoice_updated",
    details: [["number", "FA-2026-001"], ["total", "1250.00"], ["due_date", "2026-02-28"]],
  },
  invoice_cancelled: { kind: "invoice_cancelled", details: [["number", "FA-2026-001"], ["reason", ""]] },
  payment_recorded: {
    kind: "payment_recorded",
    details: [
      ["amount", "500.00"],
      ["date", "2026-03-01"],
      ["method", "transfer"],
      ["invoices", "FA-2026-001"],
      ["credit", "0.00"],
    ],
  },
  credit_note_recorded: {
    kind: "credit_note_recorded",
    details: [["number", "AV-2026-001"], ["amount", "100.00"], ["invoices", "FA-2026-001"]],
  },
  company_saved: { kind: "company_saved", details: [["name", "Atelier Dupont"]] },
  demo_loaded: {
    kind: "demo_loaded",
    details: [["customers", "40"], ["invoices", "600"], ["payments", "350"], ["seed", "7"]],
  },
  letter_sent: {
    kind: "letter_sent",
    details: [
      ["letter", "3"],
      ["kind", "reminder"],
      ["level", "firm"],
      ["numbers", "FA-2026-001, FA-2026-004"],
      ["amount", "1200.00"],
      ["date", "2026-05-15"],
      ["channel", "letter"],
    ],
  },
  credit_decision: {
    kind: "credit_decision",
    details: [
      ["number", "FA-2026-040"],
      ["decision", "deposit_requested"],
      ["after", "12300.00"],
      ["score", "62"],
      ["at_risk", "false"],
      ["limit", "10000.00"],
    ],
  },
  insurance_declared: {
    kind: "insurance_declared",
    details: [
      ["number", "F-2025-012"],
      ["insurer", "Allianz Trade"],
      ["amount", "1250.00"],
      ["declared_on", "2026-03-10"],
      ["deadline", "2026-03-16"],
      ["late", "0"],
    ],
  },
  email_sent: {
    kind: "email_sent",
    details: [
      ["letter", "4"],
      ["kind", "reminder"],
      ["level", "friendly"],
      ["numbers", "FA-2026-012"],
      ["amount", "1234.56"],
      ["date", "2026-05-15"],
      ["to", "compta@client.fr"],
    ],
  },
  reminder_done: {
    kind: "reminder_done",
    details: [["number", "FA-2026-001"], ["level", "reminder_1"], ["channel", "email"], ["date", "2026-04-07"]],
  },
  reminder_skipped: {
    kind: "reminder_skipped",
    details: [["number", "FA-2026-001"], ["level", "phone_call"], ["channel", "phone_call"], ["date", "2026-04-21"]],
  },
  reminder_postponed: {
    kind: "reminder_postponed",
    details: [["number", "FA-2026-001"], ["level", "formal_notice"], ["channel", "letter"], ["date", "2026-05-01"]],
  },
  promise_added: { kind: "promise_added", details: [["amount", "300.00"], ["by", "2026-04-25"]] },
  promise_kept: { kind: "promise_kept", details: [["promise", "3"]] },
  promise_broken: {
    kind: "promise_broken",
    details: [["amount", "300.00"], ["by", "2026-04-25"], ["paid", "0.00"]],
  },
  promise_cancelled: { kind: "promise_cancelled", details: [["amount", "300.00"], ["by", "2026-04-25"]] },
  dispute_opened: { kind: "dispute_opened", details: [["number", "FA-2026-001"], ["reason", "Livraison incomplète"]] },
  dispute_resolved: { kind: "dispute_resolved", details: [["number", "FA-2026-001"]] },
  escalated: { kind: "escalated", details: [["number", "FA-2026-001"], ["stage", "handed_to_agency"]] },
  rate_added: { kind: "rate_added", details: [["kind", "ecb"], ["half_year_start", "2026-07-01"], ["rate", "2.40"]] },
  plan_created: {
    kind: "plan_created",
    details: [["plan", "1"], ["total", "1200.01"], ["installments", "3"], ["first", "2026-04-30"], ["invoices", "F-1, F-2"]],
  },
  plan_renegotiated: {
    kind: "plan_renegotiated",
    details: [["plan", "2"], ["total", "900.00"], ["installments", "6"], ["first", "2026-05-30"], ["invoices", "F-1"], ["replaced", "1"]],
  },
  plan_defaulted: { kind: "plan_defaulted", details: [["plan", "1"], ["on", "2026-06-15"], ["level", "formal_notice"]] },
  plan_settings_saved: { kind: "plan_settings_saved", details: [["grace", "15"], ["notice", "3"], ["reminder", "3"]] },
  installment_action_done: {
    kind: "installment_action_done",
    details: [["plan", "3"], ["number", "2"], ["action", "notice"], ["due", "2026-12-24"], ["amount", "333.33"], ["date", "2026-12-21"], ["channel", "email"]],
  },
  installment_action_skipped: {
    kind: "installment_action_skipped",
    details: [["plan", "3"], ["number", "0"], ["action", "reminder"], ["due", "2026-12-01"], ["amount", "100.00"], ["date", "2026-12-05"], ["reason", "Appel reçu"]],
  },
  installment_action_postponed: {
    kind: "installment_action_postponed",
    details: [["plan", "3"], ["number", "2"], ["action", "reminder"], ["due", "2026-12-24"], ["amount", "333.33"], ["date", "2026-12-28"], ["until", "2027-01-04"]],
  },
};

describe("timelineSentence", () => {
  it("says which installment a plan's notice or reminder was about, and how", () => {
    expect(say(EXAMPLES.installment_action_done, "fr")).toBe(
      `Avis d’échéance envoyé (e-mail) le 21/12/2026 : échéance n° 2 du 24/12/2026, 333,33${nbsp}€`,
    );
    expect(say(EXAMPLES.installment_action_skipped, "fr")).toBe(
      "Relance d’échéance passée le 05/12/2026 : acompte du 01/12/2026. Raison : Appel reçu",
    );
    expect(say(EXAMPLES.installment_action_postponed, "en")).toContain("postponed until");
  });

  it.each(ACTIVITY_KINDS.flatMap((kind) => (["fr", "en"] as const).map((locale) => [kind, locale] as const)))(
    "%s in %s is a sentence, not a code",
    (kind, locale) => {
      const text = say(EXAMPLES[kind], locale);
      expect(text.length).toBeGreaterThan(5);
      expect(text).not.toContain(kind);
      expect(text).not.toMatch(/[{}[\]"]/);
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // no snake_case code leaks
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/); // dates are formatted
      if (locale === "fr") expect(text).not.toContain("transfer"); // methods are words
      expect(text).not.toBe(say(EXAMPLES[kind], locale === "fr" ? "en" : "fr"));
    },
  );

  it("words a sent letter by its kind and level", () => {
    expect(say(EXAMPLES.letter_sent, "fr")).toBe(
      `Lettre de relance ferme envoyée (courrier) le 15/05/2026 : FA-2026-001, FA-2026-004, 1${nnbsp}200,00${nbsp}€`,
    );
    const notice = { ...EXAMPLES.letter_sent, details: [["kind", "notice"], ["level", ""], ["date", "2026-05-15"]] as const };
    expect(say(notice, "fr")).toContain("Mise en demeure envoyée (courrier) le 15/05/2026");
    expect(say(notice, "en")).toContain("Formal notice sent (post) on");
  });

  it("words the examples in French", () => {
    expect(say(EXAMPLES.invoice_created, "fr")).toBe(
      `Facture FA-2026-001 créée${nbsp}: 1${nnbsp}200,00${nbsp}€, échéance 09/02/2026`,
    );
    expect(say(EXAMPLES.payment_recorded, "fr")).toBe(
      `Paiement de 500,00${nbsp}€ reçu (virement), imputé sur FA-2026-001`,
    );
    expect(say(EXAMPLES.customer_created, "fr")).toBe(`Client «${nbsp}Boulangerie Martin${nbsp}» créé`);
    expect(say(EXAMPLES.invoice_cancelled, "fr")).toBe("Facture FA-2026-001 annulée");
    expect(say(EXAMPLES.credit_note_recorded, "fr")).toBe(
      `Avoir AV-2026-001 de 100,00${nbsp}€ enregistré, imputé sur FA-2026-001`,
    );
  });

  it("words the plans in French", () => {
    expect(say(EXAMPLES.plan_created, "fr")).toBe(
      `Échéancier accordé${nbsp}: 1${nnbsp}200,01${nbsp}€ en 3 échéances à partir du 30/04/2026 (F-1, F-2)`,
    );
    expect(say(EXAMPLES.plan_defaulted, "fr")).toBe(
      `Échéancier non respecté le 15/06/2026${nbsp}; les relances reprennent à la mise en demeure`,
    );
  });

  it("words the examples in English", () => {
    expect(say(EXAMPLES.invoice_created, "en")).toBe("Invoice FA-2026-001 created: €1,200.00, due 09/02/2026");
    expect(say(EXAMPLES.payment_recorded, "en")).toBe(
      "Payment of €500.00 received (bank transfer), applied to FA-2026-001",
    );
    expect(say(EXAMPLES.demo_loaded, "en")).toBe("Example business loaded: 40 clients, 600 invoices");
    expect(say({ kind: "demo_loaded", details: [] }, "en")).toBe("Example business data loaded");
  });

  it("mentions a cancellation reason and money left as credit", () => {
    const cancelled: TimelineEntry = { kind: "invoice_cancelled", details: [["number", "FA-9"], ["reason", "Doublon"]] };
    expect(say(cancelled, "fr")).toBe("Facture FA-9 annulée (Doublon)");
    const over: TimelineEntry = {
      kind: "payment_recorded",
      details: [["amount", "800.00"], ["method", "cheque"], ["invoices", "FA-1, FA-2"], ["credit", "50.00"]],
    };
    expect(say(over, "fr")).toBe(
      `Paiement de 800,00${nbsp}€ reçu (chèque), imputé sur FA-1, FA-2${nbsp}; 50,00${nbsp}€ restent en crédit`,
    );
    const unallocated: TimelineEntry = {
      kind: "payment_recorded",
      details: [["amount", "80.00"], ["method", "cash"], ["invoices", ""], ["credit", "80.00"]],
    };
    expect(say(unallocated, "en")).toBe("Payment of €80.00 received (cash), kept as credit");
  });

  it("names the credit note that closed a dispute, and a cancelled promise", () => {
    const credited: TimelineEntry = {
      kind: "dispute_resolved",
      details: [["number", "FA-7"], ["note", "Réglé par l’avoir AV-3"], ["credit_note", "AV-3"]],
    };
    expect(say(credited, "fr")).toBe(`Litige clos sur la facture FA-7${nbsp}: Réglé par l’avoir AV-3`);
    expect(say(EXAMPLES.dispute_resolved, "en")).toBe("Dispute closed on invoice FA-2026-001");
    expect(say(EXAMPLES.promise_cancelled, "fr")).toBe(
      `Promesse de payer 300,00${nbsp}€ au plus tard le 25/04/2026 annulée`,
    );
  });

  it("never shows an unknown kind's code", () => {
    expect(say({ kind: "dunning_sent", details: [["x", "y"]] }, "fr")).toBe("Modification enregistrée");
    const skipped: TimelineEntry = {
      kind: "reminder_skipped",
      details: [...EXAMPLES.reminder_skipped.details, ["reason", "Client appelé hier"]],
    };
    expect(say(skipped, "fr")).toBe(
      "Relance passée : appel de relance (téléphone) pour la facture FA-2026-001, le 21/04/2026. Raison : Client appelé hier",
    );
    const postponed: TimelineEntry = {
      kind: "reminder_postponed",
      details: [...EXAMPLES.reminder_postponed.details, ["until", "2026-05-12"]],
    };
    expect(say(postponed, "fr")).toBe("Relance reportée au 12/05/2026 : mise en demeure (courrier) pour la facture FA-2026-001, décidé le 01/05/2026");
    expect(say(postponed, "en")).toBe("Reminder postponed until 12/05/2026: formal notice (letter) for invoice FA-2026-001, decided on 01/05/2026");
  });

  it("words a declaration to the credit insurer, on time or after the deadline", () => {
    expect(say(EXAMPLES.insurance_declared, "fr")).toBe(
      `Facture F-2025-012 déclarée à Allianz Trade le 10/03/2026 (1${nnbsp}250,00${nbsp}€ impayés)`,
    );
    const late: TimelineEntry = {
      kind: "insurance_declared",
      details: [...EXAMPLES.insurance_declared.details.filter(([k]) => k !== "late"), ["late", "1"]],
    };
    expect(say(late, "fr")).toContain("après la fin du délai le 16/03/2026");
    expect(say(late, "en")).toContain("after the deadline of 16/03/2026");
  });

  it("words a credit decision with the limit crossed, or the score of a customer at risk", () => {
    expect(say(EXAMPLES.credit_decision, "fr")).toBe(
      "Facture FA-2026-040 enregistrée au-delà du plafond de crédit (12\u202f300,00\u00a0€ dus pour 10\u202f000,00\u00a0€) : acompte demandé",
    );
    const risky: TimelineEntry = {
      kind: "credit_decision",
      details: [
        ["number", "FA-2026-041"],
        ["decision", "cash_payment"],
        ["after", "800.00"],
        ["score", "31"],
        ["at_risk", "true"],
      ],
    };
    expect(say(risky, "fr")).toBe("Facture FA-2026-041 enregistrée pour un client à risque (note 31/100) : paiement comptant exigé");
    expect(say(risky, "en")).toBe("Invoice FA-2026-041 saved for a customer at risk (score 31/100): cash payment required");
  });

  it("words an e-mail sent with its recipient", () => {
    expect(say(EXAMPLES.email_sent, "fr")).toBe(
      "Relance envoyée par e-mail à compta@client.fr : FA-2026-012, 1\u202f234,56\u00a0€",
    );
  });
});
