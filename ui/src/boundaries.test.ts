import { describe, expect, it } from "vitest";

// Every source file's text, keyed by path relative to this folder ("./app/App.tsx").
const sources = import.meta.glob<string>("./**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true });

describe("front-end boundaries", () => {
  it("only ui/src/platform imports @tauri-apps/api", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.startsWith("./platform/") && path !== "./boundaries.test.ts")
      .filter(([, text]) => /from\s+["']@tauri-apps\/|import\(\s*["']@tauri-apps\//.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("no component sets inline styles (the CSP forbids them)", () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => path.endsWith(".tsx"))
      .filter(([, text]) => /\bstyle=\{/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });

  it("scanned the source tree", () => {
    expect(Object.keys(sources)).toContain("./platform/invoke.ts");
  });
});
