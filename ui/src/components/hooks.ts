import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import { toAppError, type AppError } from "../platform";

export type Loaded<T> =
  | { kind: "loading"; previous: T | null }
  | { kind: "ready"; value: T }
  | { kind: "failed"; error: AppError };

/**
 * Runs `load` when `deps` change and keeps only the latest answer (an older
 * request finishing late is ignored). While reloading, the previous value stays
 * available so lists do not flash empty between pages.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ kind: "loading", previous: null });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const lastValue = useRef<T | null>(null);

  useEffect(() => {
    const request = ++latest.current;
    setState({ kind: "loading", previous: lastValue.current });
    load().then(
      (value) => {
        if (request !== latest.current) return;
        lastValue.current = value;
        setState({ kind: "ready", value });
      },
      (raw: unknown) => {
        if (request !== latest.current) return;
        setState({ kind: "failed", error: toAppError(raw) });
      },
    );
    // `load` is a fresh closure each render; `deps` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { state, reload };
}

/**
 * A form's sending: `send(work)` marks the form `saving` and runs `work` (the
 * call to the back end and what follows it); a second send while one is under
 * way is ignored. When `work` fails, `error` keeps what the back end said (its
 * field messages show under the inputs) and the form can be sent again. When it
 * succeeds the form stays `saving`, as it is about to close; a form that stays
 * open calls `doneSaving()`.
 */
export function useSubmit() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const send = async (work: () => Promise<void>) => {
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(toAppError(err));
      setSaving(false);
    }
  };
  const clearError = useCallback(() => setError(null), []);
  const doneSaving = useCallback(() => setSaving(false), []);
  return { saving, error, send, clearError, doneSaving };
}

/** The value once it has stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The value to render: the current one, or the previous while the next loads. */
export function current<T>(state: Loaded<T>): T | null {
  if (state.kind === "ready") return state.value;
  if (state.kind === "loading") return state.previous;
  return null;
}

/**
 * A page number that goes back to the first page whenever `filters` change
 * (a new search or order), without a wasted request for the old page.
 */
export function usePage(filters: unknown): [number, (page: number) => void] {
  const key = JSON.stringify(filters);
  const [paging, setPaging] = useState({ key, page: 0 });
  const page = paging.key === key ? paging.page : 0;
  const setPage = useCallback((next: number) => setPaging({ key, page: next }), [key]);
  return [page, setPage];
}
