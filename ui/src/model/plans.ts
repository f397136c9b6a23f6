// Installment plans in words: the plan's and each installment's status as a
// catalogue key and a badge, the frequencies offered by the wizard.
import type { MessageKey } from "../i18n";

export const FREQUENCIES = ["month", "two_weeks", "week", "day_of_month"] as const;
export type PlanFrequency = (typeof FREQUENCIES)[number];

export function frequencyLabel(code: string): MessageKey {
  switch (code) {
    case "week":
      return "plan.frequency.week";
    case "two_weeks":
      return "plan.frequency.two_weeks";
    case "day_of_month":
      return "plan.frequency.day_of_month";
    default:
      return "plan.frequency.month";
  }
}

/** The plan's status in words (with {date} for a default or a replacement). */
export function planStatusLabel(status: string): MessageKey {
  switch (status) {
    case "completed":
      return "plan.status.completed";
    case "defaulted":
      return "plan.status.defaulted";
    case "replaced":
      return "plan.status.replaced";
    default:
      return "plan.status.running";
  }
}

export function installmentStatusLabel(status: string): MessageKey {
  switch (status) {
    case "paid":
      return "plan.installment.paid";
    case "partly_paid":
      return "plan.installment.partly_paid";
    case "late":
      return "plan.installment.late";
    default:
      return "plan.installment.upcoming";
  }
}

const BADGES: Record<string, string> = {
  running: "badge-soon",
  completed: "badge-paid",
  defaulted: "badge-overdue",
  replaced: "badge-cancelled",
  paid: "badge-paid",
  partly_paid: "badge-partially_paid",
  upcoming: "badge-open",
  late: "badge-overdue",
};

export function planBadge(status: string): string {
  return BADGES[status] ?? "badge-open";
}

/** The installment's label: the down payment is installment 0. */
export function installmentNumberLabel(n: number): { key: MessageKey; n: number } {
  return n === 0 ? { key: "plan.down_payment_row", n } : { key: "plan.installment_row", n };
}

/** What was done about an installment's notice or reminder, as the plan's page says it. */
export function followUpSentence(f: { kind: string; outcome: string }): MessageKey {
  const kind = f.kind === "reminder" ? "reminder" : "notice";
  const outcome = f.outcome === "done" ? "done" : f.outcome === "skipped" ? "skipped" : "postponed";
  return `plan.follow_up.${kind}.${outcome}`;
}
