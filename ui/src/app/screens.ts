import type { MessageKey } from "../i18n";

/** The screens of the left navigation, in order; Alt+<position> opens each. */
export const SCREENS = [
  { id: "today", label: "nav.today" },
  { id: "clients", label: "nav.clients" },
  { id: "invoices", label: "nav.invoices" },
  { id: "payment", label: "nav.payment" },
  { id: "settings", label: "nav.settings" },
  { id: "dashboard", label: "nav.dashboard" },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type ScreenId = (typeof SCREENS)[number]["id"];

export interface KeyChord {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** Physical key, e.g. "Digit1". Used instead of `key` because on AZERTY
   *  the unshifted top row types "&é\"'(" and Alt+digit varies by layout. */
  code: string;
}

/** Alt+1..Alt+6 (top row or keypad) → screen; anything else → null. */
export function screenForChord(chord: KeyChord): ScreenId | null {
  if (!chord.altKey || chord.ctrlKey || chord.metaKey || chord.shiftKey) return null;
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(chord.code);
  if (!match) return null;
  return SCREENS[Number(match[1]) - 1]?.id ?? null;
}

export const shortcutLabel = (index: number): string => `Alt+${index + 1}`;
