// A customer's timeline: each activity kind becomes a sentence from the
// catalogue, filled with its details (amounts and dates formatted for the
// locale, payment methods in words). Never shows a raw code or JSON.
import type { MessageKey, Params } from "../i18n";
import type { Locale } from "../i18n/translate";
import { formatDate, formatMoney, isZero } from "../format";
import { channelLabel, levelLabel, methodLabel, stageLabel } from "./labels";

type Translate = (key: MessageKey, params?: Params) => string;

export interface TimelineEntry {
  kind: string;
  details: ReadonlyArray<readonly [string, string]>;
}

export const ACTIVITY_KINDS = [
  "customer_created",
  "customer_updated",
  "customer_archived",
  "customer_restored",
  "invoice_created",
  "invoice_updated",
  "invoice_cancelled",
  "payment_recorded",
  "credit_note_recorded",
  "company_saved",
  "demo_loaded",
  "reminder_done",
  "reminder_skipped",
  "reminder_postponed",
  "promise_added",
  "promise_kept",
  "promise_broken",
  "promise_cancelled",
  "dispute_opened",
  "dispute_resolved",
  "escalated",
  "rate_added",
  "plan_created",
  "plan_renegotiated",
  "plan_defaulted",
  "plan_settings_saved",
  "installment_action_done",
  "installment_action_skipped",
  "installment_action_postponed",
  "letter_sent",
  "email_sent",
  "credit_decision",
  "insurance_declared",
] as const;

export function timelineSentence(entry: TimelineEntry, locale: Locale, t: Translate): string {
  const d = new Map(entry.details.map(([k, v]) => [k, v]));
  const text = (key: string) => (d.get(key) ?? "").trim();
  const money = (key: string) => formatMoney(text(key) || "0", locale);
  const date = (key: string) => formatDate(text(key));
  const name = text("name");
  switch (entry.kind) {
    case "customer_created":
      return t("timeline.customer_created", { name });
    case "customer_updated":
      return t("timeline.customer_updated", { name });
    case "customer_archived":
      return t("timeline.customer_archived", { name });
    case "customer_restored":
      return t("timeline.customer_restored", { name });
    case "invoice_created":
      return t("timeline.invoice_created", { number: text("number"), total: money("total"), due: date("due_date") });
    case "invoice_updated":
      return t("timeline.invoice_updated", { number: text("number"), total: money("total"), due: date("due_date") });
    case "invoice_cancelled":
      return text("reason")
        ? t("timeline.invoice_cancelled.reason", { number: text("number"), reason: text("reason") })
        : t("timeline.invoice_cancelled", { number: text("number") });
    case "payment_recorded": {
      const params = {
        amount: money("amount"),
        method: t(methodLabel(text("method"))).toLowerCase(),
        invoices: text("invoices"),
        credit: money("credit"),
      };
      const credit = text("credit") !== "" && !isZero(text("credit"));
      if (params.invoices && credit) return t("timeline.payment_recorded.allocated_credit", params);
      if (params.invoices) return t("timeline.payment_recorded.allocated", params);
      return t("timeline.payment_recorded.credit", params);
    }
    case "credit_note_recorded":
      return text("invoices")
        ? t("timeline.credit_note_recorded.allocated", {
            number: text("number"),
            amount: money("amount"),
            invoices: text("invoices"),
          })
        : t("timeline.credit_note_recorded", { number: text("number"), amount: money("amount") });
    case "company_saved":
      return t("timeline.company_saved", { name });
    case "demo_loaded":
      return text("customers") && text("invoices")
        ? t("timeline.demo_loaded.counts", { customers: text("customers"), invoices: text("invoices") })
        : t("timeline.demo_loaded");
    case "reminder_done":
    case "reminder_skipped":
    case "reminder_postponed": {
      const params = {
        level: t(levelLabel(text("level"))).toLowerCase(),
        channel: t(channelLabel(text("channel"))).toLowerCase(),
        number: text("number"),
        date: date("date"),
      };
      // Older entries have neither the reason nor the date it comes back.
      if (entry.kind === "reminder_skipped" && text("reason")) {
        return t("timeline.reminder_skipped.reason", { ...params, reason: text("reason") });
      }
      if (entry.kind === "reminder_postponed" && text("until")) {
        return t("timeline.reminder_postponed.until", { ...params, until: date("until") });
      }
      return t(`timeline.${entry.kind}`, params);
    }
    case "promise_added":
      return t("timeline.promise_added", { amount: money("amount"), by: date("by") });
    case "promise_kept":
      return t("timeline.promise_kept");
    case "promise_broken":
      return t("timeline.promise_broken", { amount: money("amount"), by: date("by"), paid: money("paid") });
    case "promise_cancelled":
      return t("timeline.promise_cancelled", { amount: money("amount"), by: date("by") });
    case "dispute_opened":
      return t("timeline.dispute_opened", { number: text("number"), reason: text("reason") });
    case "dispute_resolved":
      return text("note")
        ? t("timeline.dispute_resolved.note", { number: text("number"), note: text("note") })
        : t("timeline.dispute_resolved", { number: text("number") });
    case "escalated":
      return text("stage") === "written_off"
        ? t("timeline.escalated.written_off", { number: text("number"), amount: money("amount"), reason: text("reason") })
        : t("timeline.escalated", { number: text("number"), stage: t(stageLabel(text("stage"))) });
    case "rate_added":
      return t("timeline.rate_added");
    case "plan_created":
    case "plan_renegotiated": {
      const params = {
        total: money("total"),
        count: text("installments"),
        first: date("first"),
        invoices: text("invoices"),
      };
      return t(`timeline.${entry.kind}`, params);
    }
    case "plan_defaulted":
      return t("timeline.plan_defaulted", { on: date("on"), level: t(levelLabel(text("level"))).toLowerCase() });
    case "plan_settings_saved":
      return t("timeline.plan_settings_saved", { grace: text("grace") });
    case "installment_action_done":
    case "installment_action_skipped":
    case "installment_action_postponed": {
      const which =
        text("number") === "0"
          ? t("timeline.installment.down")
          : t("timeline.installment.number", { n: text("number") });
      const params = {
        which,
        due: date("due"),
        amount: money("amount"),
        date: date("date"),
        channel: t(channelLabel(text("channel"))).toLowerCase(),
        reason: text("reason"),
        until: date("until"),
      };
      const what = text("action") === "reminder" ? "reminder" : "notice";
      const outcome = entry.kind.replace("installment_action_", "") as "done" | "skipped" | "postponed";
      return t(`timeline.installment_${what}_${outcome}`, params);
    }
    case "letter_sent": {
      const params = { numbers: text("numbers"), amount: money("amount"), date: date("date") };
      if (text("kind") === "notice") return t("timeline.letter_sent.notice", params);
      switch (text("level")) {
        case "pre_due":
          return t("timeline.letter_sent.pre_due", params);
        case "friendly":
          return t("timeline.letter_sent.friendly", params);
        default:
          return t("timeline.letter_sent.firm", params);
      }
    }
    case "email_sent": {
      const params = { to: text("to"), numbers: text("numbers"), amount: money("amount") };
      return t(text("kind") === "notice" ? "timeline.email_sent.notice" : "timeline.email_sent", params);
    }
    case "credit_decision": {
      const decision = t(creditDecisionWords(text("decision")));
      return text("limit")
        ? t("timeline.credit_decision.limit", {
            number: text("number"),
            after: money("after"),
            limit: money("limit"),
            decision,
          })
        : t("timeline.credit_decision.risk", { number: text("number"), score: text("score"), decision });
    }
    case "insurance_declared": {
      const params = {
        number: text("number"),
        insurer: text("insurer"),
        date: date("declared_on"),
        amount: money("amount"),
        deadline: date("deadline"),
      };
      return t(text("late") === "1" ? "timeline.insurance_declared.late" : "timeline.insurance_declared", params);
    }
    default:
      return t("timeline.other");
  }
}

function creditDecisionWords(code: string): MessageKey {
  switch (code) {
    case "deposit_requested":
      return "timeline.credit_decision.deposit_requested";
    case "cash_payment":
      return "timeline.credit_decision.cash_payment";
    default:
      return "timeline.credit_decision.accepted";
  }
}
