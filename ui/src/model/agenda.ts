// The agenda's sentences: what to do for a customer, from its action's lead
// level and channel (one message per customer; the decision apart).
import type { MessageKey } from "../i18n";

/** The standard policy's levels and the channel each one uses (crates/relance-domain policy.rs). */
const STANDARD: Record<string, string> = {
  pre_due: "email",
  reminder_1: "email",
  reminder_2: "letter",
  phone_call: "phone_call",
  formal_notice: "letter",
  escalation: "escalation",
};

/**
 * "Send a firm reminder letter", "Call the customer"...: the lead level in
 * words when it is a standard level on its usual channel, otherwise what the
 * channel asks for (a level the user named has no sentence of its own).
 */
export function actionSentence(level: string, channel: string): MessageKey {
  if (STANDARD[level] === channel) {
    switch (level) {
      case "pre_due":
        return "agenda.do.pre_due";
      case "reminder_1":
        return "agenda.do.reminder_1";
      case "reminder_2":
        return "agenda.do.reminder_2";
      case "phone_call":
        return "agenda.do.phone_call";
      case "formal_notice":
        return "agenda.do.formal_notice";
      case "escalation":
        return "agenda.do.escalation";
    }
  }
  switch (channel) {
    case "letter":
      return "agenda.do.letter";
    case "email":
      return "agenda.do.email";
    case "phone_call":
      return "agenda.do.phone_call";
    case "escalation":
      return "agenda.do.escalation";
    default:
      return "agenda.do.other";
  }
}

/** An installment action of a plan, as the agenda card says it. */
export interface InstallmentActionLike {
  kind: string;
  number: number;
  due_date: string;
  days_late: number;
}

/**
 * « Prévenir de l'échéance n° 2 du 24/12/2026 » before the date, « Relancer
 * l'échéance n° 2 du 24/12/2026, en retard de 4 j » after it; the down
 * payment (number 0) is named as such.
 */
export function installmentSentence(
  a: InstallmentActionLike,
  date: string,
  amount: string,
): { key: MessageKey; params: Record<string, string | number> } {
  const down = a.number === 0;
  const params = { n: a.number, date, amount, days: a.days_late };
  if (a.kind === "notice") {
    return { key: down ? "agenda.installment.notice_down" : "agenda.installment.notice", params };
  }
  return { key: down ? "agenda.installment.reminder_down" : "agenda.installment.reminder", params };
}
