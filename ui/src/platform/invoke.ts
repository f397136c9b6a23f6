// The only module that talks to the Tauri back end. Everything else in the UI
// calls the typed functions in ./commands.ts and never sees `@tauri-apps/api`.
import { Channel, invoke } from "@tauri-apps/api/core";

/** Problems per field: the ErrorView field key -> the sentence to show under its input. */
export type FieldMessages = Readonly<Record<string, string>>;

/**
 * The error every command rejects with. Rust serializes its boundary error as
 * `ErrorView { code, message, field, fields: [{field, message}] }`, already
 * worded in the user's language; anything else (a panic text, "command not
 * found", the IPC being unavailable) is mapped to code "internal" so screens
 * only ever branch on `code`.
 */
export class AppError extends Error {
  readonly code: string;
  /** The first field in error, if any. */
  readonly field: string | undefined;
  /** Every field in error with its message(s); several problems on one field are joined. */
  readonly fields: FieldMessages;

  constructor(code: string, message: string, field?: string, fields: FieldMessages = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = field;
    this.fields = fields;
  }
}

/** Code used when the back end answered with something that is not `{code, message}`. */
export const INTERNAL = "internal";

function fieldMessages(raw: unknown, field: string | undefined, message: string): FieldMessages {
  const out: Record<string, string> = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (typeof item !== "object" || item === null) continue;
      const { field: f, message: m } = item as Record<string, unknown>;
      if (typeof f !== "string" || typeof m !== "string") continue;
      const seen = out[f];
      if (seen === undefined) out[f] = m;
      else if (!seen.includes(m)) out[f] = `${seen} ${m}`;
    }
  }
  // An error that names one field but lists none still belongs under that field.
  if (field !== undefined && out[field] === undefined) out[field] = message;
  return out;
}

export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  if (typeof raw === "object" && raw !== null) {
    const r = raw as Record<string, unknown>;
    if (typeof r.code === "string" && typeof r.message === "string") {
      const field = typeof r.field === "string" ? r.field : undefined;
      return new AppError(r.code, r.message, field, fieldMessages(r.fields, field, r.message));
    }
    if (raw instanceof Error) return new AppError(INTERNAL, raw.message);
  }
  if (typeof raw === "string") return new AppError(INTERNAL, raw);
  return new AppError(INTERNAL, String(raw));
}

export type InvokeFn = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;

let backend: InvokeFn = invoke;

/** Tests swap the back end; production code never calls this. */
export function setBackendForTests(fn: InvokeFn): void {
  backend = fn;
}

/** Calls a Rust command; rejects only with `AppError`. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await backend(cmd, args)) as T;
  } catch (raw) {
    throw toAppError(raw);
  }
}

/**
 * A channel the back end sends progress on (a long copy). Passed as a command
 * argument; needs no capability. Outside the app (tests) there is no IPC: the
 * messages are then simply not received.
 */
export function progressChannel<T>(onMessage: (message: T) => void): unknown {
  try {
    return new Channel<T>(onMessage);
  } catch {
    return null;
  }
}
