// The only module that talks to the Tauri back end. Everything else in the UI
// calls the typed functions in ./commands.ts and never sees `@tauri-apps/api`.
import { invoke } from "@tauri-apps/api/core";

/**
 * The error every command rejects with. Rust serializes its boundary error as
 * `{ code, message, field? }`; anything else (a panic text, "command not found",
 * the IPC being unavailable) is mapped to code "internal" so screens only ever
 * branch on `code`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = field;
  }
}

/** Code used when the back end answered with something that is not `{code, message}`. */
export const INTERNAL = "internal";

export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  if (typeof raw === "object" && raw !== null) {
    const r = raw as Record<string, unknown>;
    if (typeof r.code === "string" && typeof r.message === "string") {
      return new AppError(r.code, r.message, typeof r.field === "string" ? r.field : undefined);
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
