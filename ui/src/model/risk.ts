import type { MessageKey } from "../i18n";

// The colour of a payment score: the same three bands as the customer page's gauge.
export type ScoreTone = "good" | "watch" | "bad";

/** 70 and above pays well; under 40 is the score that makes a customer « à risque ». */
export function scoreTone(score: number): ScoreTone {
  if (score >= 70) return "good";
  if (score >= 40) return "watch";
  return "bad";
}

/** What the user may decide when credit control warns, most prudent first. */
export const CREDIT_DECISIONS = ["deposit_requested", "cash_payment", "accepted"] as const;
export type CreditDecisionCode = (typeof CREDIT_DECISIONS)[number];

export function creditDecisionLabel(code: string): MessageKey {
  switch (code) {
    case "deposit_requested":
      return "credit.decision.deposit_requested";
    case "cash_payment":
      return "credit.decision.cash_payment";
    default:
      return "credit.decision.accepted";
  }
}
