// Reminder policies (barèmes) in the editor: the choices offered, their
// wording keys, the "J-5 / J+7" notation and the rows as edited.
import type { MessageKey } from "../i18n";
import type { FieldMessages, PolicyForm, PolicyView } from "../platform";

export const CHANNELS = ["email", "letter", "phone_call", "escalation"] as const;
export type ChannelCode = (typeof CHANNELS)[number];

export const TONES = [
  "courteous_notice",
  "friendly_reminder",
  "firm_reminder",
  "phone_call",
  "formal_notice",
  "ready_for_court_or_agency",
] as const;
export type Tone = (typeof TONES)[number];

export const SEGMENTS = ["punctual", "late", "variable", "at_risk"] as const;
export type SegmentCode = (typeof SEGMENTS)[number];

export function policyChannelLabel(channel: string): MessageKey {
  switch (channel) {
    case "email":
      return "policy.channel.email";
    case "letter":
      return "policy.channel.letter";
    case "phone_call":
      return "policy.channel.phone_call";
    default:
      return "policy.channel.escalation";
  }
}

/** A tone in words; a tone the UI does not know reads as "a reminder". */
export function toneLabel(tone: string): MessageKey {
  switch (tone) {
    case "courteous_notice":
      return "policy.tone.courteous_notice";
    case "friendly_reminder":
      return "policy.tone.friendly_reminder";
    case "firm_reminder":
      return "policy.tone.firm_reminder";
    case "phone_call":
      return "policy.tone.phone_call";
    case "formal_notice":
      return "policy.tone.formal_notice";
    case "ready_for_court_or_agency":
      return "policy.tone.ready_for_court_or_agency";
    default:
      return "policy.tone.other";
  }
}

export function segmentLabel(segment: string): MessageKey {
  switch (segment) {
    case "punctual":
      return "segment.punctual";
    case "late":
      return "segment.late";
    case "variable":
      return "segment.variable";
    case "at_risk":
      return "segment.at_risk";
    default:
      return "segment.none";
  }
}

/** "J-5", "J", "J+7": days from the due date as French invoices say it. */
export function offsetLabel(days: number): string {
  if (days === 0) return "J";
  return days > 0 ? `J+${days}` : `J\u2212${-days}`;
}

/** A level as edited: text inputs, and a local id so React keeps each row's inputs. */
export interface LevelRow {
  rowId: number;
  /** Empty for a new level: the core gives it a key. */
  key: string;
  offset: string;
  channel: string;
  template: string;
  fee: string;
  formalNotice: boolean;
}

let nextRowId = 1;
const rowId = () => nextRowId++;

/** The editor's rows of a stored policy (fees shown as typed in the locale). */
export function rowsOf(policy: PolicyView, feeForInput: (fee: string) => string): LevelRow[] {
  return policy.levels.map((l) => ({
    rowId: rowId(),
    key: l.key,
    offset: String(l.offset_days),
    channel: l.channel,
    template: l.template,
    fee: l.fee === null ? "" : feeForInput(l.fee),
    formalNotice: l.formal_notice,
  }));
}

/** A new level a week after the last one (or at J+7), by e-mail, in a friendly tone. */
export function newRow(rows: readonly LevelRow[]): LevelRow {
  const offsets = rows.map((r) => Number.parseInt(r.offset, 10)).filter((n) => Number.isFinite(n));
  const last = offsets.length > 0 ? Math.max(...offsets) : 0;
  return {
    rowId: rowId(),
    key: "",
    offset: String(Math.min(last + 7, 730)),
    channel: "email",
    template: "friendly_reminder",
    fee: "",
    formalNotice: false,
  };
}

/**
 * The rows in schedule order (by offset; rows whose offset does not read as a
 * number stay after the others, in their order). Stable: equal offsets keep
 * their order, so the core reports the second one.
 */
export function sortRows(rows: readonly LevelRow[]): LevelRow[] {
  const value = (r: LevelRow) => {
    const n = Number(r.offset.trim().replace(/^\+/, "").replace("\u2212", "-"));
    return r.offset.trim() !== "" && Number.isInteger(n) ? n : Number.POSITIVE_INFINITY;
  };
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => value(a.r) - value(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

export function formOf(name: string, rows: readonly LevelRow[]): PolicyForm {
  return {
    name,
    levels: rows.map((r) => ({
      key: r.key,
      offset_days: r.offset.trim().replace("\u2212", "-"),
      channel: r.channel,
      template: r.template,
      fee: r.fee,
      formal_notice: r.formalNotice,
    })),
  };
}

/** The back end's messages for row `index` of the levels, keyed by field ("level_offset"). */
export function rowErrors(fields: FieldMessages | undefined, index: number): FieldMessages {
  const out: Record<string, string> = {};
  if (!fields) return out;
  const prefix = `levels.${index}.`;
  for (const [field, message] of Object.entries(fields)) {
    if (field.startsWith(prefix)) out[field.slice(prefix.length)] = message;
  }
  return out;
}
