// The texts of the letters in Settings: the letters and parts in words, the
// placeholders with what each means, and the insertion of a placeholder where
// the cursor is. The placeholders each part may use come from Rust.
import type { MessageKey } from "../i18n";
import type { LetterTemplateView } from "../platform";

export const TEMPLATE_KINDS = ["pre_due", "friendly", "firm", "notice"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_LANGS = ["fr", "en"] as const;
export type TemplateLang = (typeof TEMPLATE_LANGS)[number];

export function templateKindLabel(kind: string): MessageKey {
  switch (kind) {
    case "pre_due":
      return "templates.kind.pre_due";
    case "friendly":
      return "templates.kind.friendly";
    case "firm":
      return "templates.kind.firm";
    default:
      return "templates.kind.notice";
  }
}

export function templatePartLabel(part: string): MessageKey {
  switch (part) {
    case "title":
      return "templates.part.title";
    case "before":
      return "templates.part.before";
    case "before_one":
      return "templates.part.before_one";
    case "after":
      return "templates.part.after";
    default:
      return "templates.part.closing";
  }
}

/** Every placeholder the letters know, in the order the legend shows them. */
export const PLACEHOLDERS = [
  "customer_name",
  "company_name",
  "total_due",
  "invoice_count",
  "invoice_number",
  "date",
  "oldest_due_date",
  "deadline",
] as const;

export function placeholderMeaning(name: string): MessageKey {
  switch (name) {
    case "customer_name":
      return "templates.placeholder.customer_name";
    case "company_name":
      return "templates.placeholder.company_name";
    case "total_due":
      return "templates.placeholder.total_due";
    case "invoice_count":
      return "templates.placeholder.invoice_count";
    case "invoice_number":
      return "templates.placeholder.invoice_number";
    case "date":
      return "templates.placeholder.date";
    case "oldest_due_date":
      return "templates.placeholder.oldest_due_date";
    default:
      return "templates.placeholder.deadline";
  }
}

/** `{name}` as typed in a text. */
export const braced = (name: string) => `{${name}}`;

/** `text` with `inserted` put in place of the selection [start, end); the cursor goes after it. */
export function insertAt(
  text: string,
  start: number | null,
  end: number | null,
  inserted: string,
): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start ?? text.length, text.length));
  const to = Math.max(from, Math.min(end ?? from, text.length));
  return { text: text.slice(0, from) + inserted + text.slice(to), cursor: from + inserted.length };
}

/** The letter `kind` in `lang` among those listed. */
export const findTemplate = (all: readonly LetterTemplateView[], kind: string, lang: string) =>
  all.find((t) => t.kind === kind && t.lang === lang) ?? null;

/** The drafts of a letter's parts, by part code. */
export const draftsOf = (t: LetterTemplateView | null): Record<string, string> =>
  Object.fromEntries((t?.parts ?? []).map((p) => [p.part, p.text]));
