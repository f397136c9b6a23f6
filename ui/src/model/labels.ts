// Codes from the back end -> catalogue keys. A code the UI does not know is
// shown through a neutral word, never as the code itself.
import type { MessageKey } from "../i18n";

export const INVOICE_STATUSES = ["open", "partially_paid", "overdue", "paid", "cancelled"] as const;

/** The status filters of the invoice list (`InvoiceListQuery.status`), in the order shown. */
export const INVOICE_FILTERS = ["unpaid", "overdue", "open", "partially_paid", "paid", "cancelled", "all"] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

export function filterLabel(filter: InvoiceFilter): MessageKey {
  return `invoices.filter.${filter}`;
}

export function statusLabel(status: string): MessageKey {
  switch (status) {
    case "open":
      return "status.open";
    case "partially_paid":
      return "status.partially_paid";
    case "overdue":
      return "status.overdue";
    case "paid":
      return "status.paid";
    case "cancelled":
      return "status.cancelled";
    default:
      return "status.unknown";
  }
}

export const PAYMENT_METHODS = ["transfer", "cheque", "card", "cash", "direct_debit", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export function methodLabel(method: string): MessageKey {
  switch (method) {
    case "transfer":
      return "method.transfer";
    case "cheque":
      return "method.cheque";
    case "card":
      return "method.card";
    case "cash":
      return "method.cash";
    case "direct_debit":
      return "method.direct_debit";
    default:
      return "method.other";
  }
}

export function kindLabel(kind: string): MessageKey {
  return kind === "consumer" ? "customer.kind.consumer" : "customer.kind.business";
}

/** The legal-cap warning on terms (L441-10) as a sentence. */
export function termsWarningLabel(warning: string): MessageKey {
  return warning === "over_45_days_end_of_month" ? "terms.warning.over_45_eom" : "terms.warning.over_60";
}

/** A reminder level's key in words; unknown keys (user-made levels) read as "a reminder". */
export function levelLabel(level: string): MessageKey {
  switch (level) {
    case "pre_due":
      return "level.pre_due";
    case "reminder_1":
      return "level.reminder_1";
    case "reminder_2":
      return "level.reminder_2";
    case "phone_call":
      return "level.phone_call";
    case "formal_notice":
      return "level.formal_notice";
    case "escalation":
      return "level.escalation";
    default:
      return "level.other";
  }
}

/** The channel of a reminder action in words. */
export function channelLabel(channel: string): MessageKey {
  switch (channel) {
    case "letter":
      return "channel.letter";
    case "email":
      return "channel.email";
    case "phone_call":
      return "channel.phone_call";
    default:
      return "channel.escalation";
  }
}

/** An escalation stage in words. */
export function stageLabel(stage: string): MessageKey {
  switch (stage) {
    case "injunction_prepared":
      return "stage.injunction_prepared";
    case "handed_to_agency":
      return "stage.handed_to_agency";
    case "written_off":
      return "stage.written_off";
    default:
      return "stage.reminders";
  }
}

/** A printed letter in words: the mise en demeure, or a reminder at its level (`pre_due`, `friendly`, `firm`). */
export function letterKindLabel(kind: string, level: string | null): MessageKey {
  if (kind === "notice") return "letters.kind.notice";
  switch (level) {
    case "pre_due":
      return "letters.kind.pre_due";
    case "friendly":
      return "letters.kind.friendly";
    case "firm":
      return "letters.kind.firm";
    default:
      return "letters.kind.reminder";
  }
}
