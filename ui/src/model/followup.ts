// What the invoice page offers about disputes and the steps after the
// formal notice, and how a customer's promise reads: pure functions of the
// views the back end sends (the back end decides what is allowed).
import type { MessageKey } from "../i18n";
import type { InvoiceCollectionView, PromiseView } from "../platform";
import { isZero } from "../format";

export type DisputeAction = "open" | "reopen" | "resolve" | "credit";

/**
 * The dispute buttons that make sense: none open -> report one (or reopen the
 * last one, with its reason); one open -> close it, or settle it with a credit
 * note. Nothing on an invoice that is cancelled or has nothing left to pay.
 */
export function disputeActions(c: InvoiceCollectionView, cancelled: boolean): DisputeAction[] {
  if (c.open_dispute) return isZero(c.remaining) ? ["resolve"] : ["resolve", "credit"];
  if (cancelled || isZero(c.remaining)) return [];
  return c.disputes.length > 0 ? ["reopen"] : ["open"];
}

/** The reason a reopened dispute starts with: the last dispute's. */
export function reopenReason(c: InvoiceCollectionView): string {
  return c.disputes.length > 0 ? (c.disputes[c.disputes.length - 1]?.reason ?? "") : "";
}

/** The "Suite du recouvrement" card shows once the formal notice was sent, or a later stage was recorded. */
export function showsFollowUp(c: InvoiceCollectionView): boolean {
  return c.formal_notice_sent_on !== null || c.stage !== "reminders";
}

/** The button of a next step. */
export function stepLabel(step: string): MessageKey {
  switch (step) {
    case "injunction_prepared":
      return "followup.to.injunction_prepared";
    case "handed_to_agency":
      return "followup.to.handed_to_agency";
    default:
      return "followup.to.written_off";
  }
}

/** A promise's status in words, with the date it carries if any. */
export function promiseStatus(p: PromiseView): { key: MessageKey; date: string | null } {
  switch (p.status) {
    case "running":
      return { key: "promises.status.running", date: p.by };
    case "kept":
      return { key: "promises.status.kept", date: null };
    case "broken":
      return { key: "promises.status.broken", date: null };
    default:
      return { key: "promises.status.cancelled", date: null };
  }
}

/** Only a promise still running can be cancelled; the others are history. */
export const canCancelPromise = (p: PromiseView) => p.status === "running";
