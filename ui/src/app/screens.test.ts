import { describe, expect, it } from "vitest";
import { SCREENS, screenForChord, type KeyChord } from "./screens";

const alt = (code: string, extra: Partial<KeyChord> = {}): KeyChord => ({
  altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code, ...extra,
});

describe("screenForChord", () => {
  it("maps Alt+1..5 to the screens in navigation order", () => {
    expect(SCREENS.map((_, i) => screenForChord(alt(`Digit${i + 1}`)))).toEqual(SCREENS.map((s) => s.id));
  });

  it("opens the dashboard with Alt+6", () => {
    expect(screenForChord(alt("Digit6"))).toBe("dashboard");
  });

  it("accepts the numeric keypad", () => {
    expect(screenForChord(alt("Numpad3"))).toBe("invoices");
  });

  it("ignores digits without Alt, with other modifiers, or past the last screen", () => {
    expect(screenForChord(alt("Digit1", { altKey: false }))).toBeNull();
    expect(screenForChord(alt("Digit1", { ctrlKey: true }))).toBeNull();
    expect(screenForChord(alt("Digit1", { shiftKey: true }))).toBeNull();
    expect(screenForChord(alt("Digit9"))).toBeNull();
    expect(screenForChord(alt("KeyA"))).toBeNull();
  });
});
