import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The built UI is embedded into the Rust binary (tauri.conf.json → build.frontendDist),
// so there is no dev server in the normal loop: `npm run build` then `cargo build`.
export default defineConfig({
  plugins: [react()],
  // Relative asset URLs keep the bundle independent of the scheme Tauri serves it from.
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ on Debian 12 / Ubuntu 22.04+ handles ES2021 natively.
    target: "es2021",
    // Inline data: URIs for small assets would be fine under our CSP (img-src data:),
    // but fonts/scripts must stay files: script-src 'self' forbids inline code.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  // Tests read src-tauri/src/commands/mod.rs to check the typed commands
  // against the Rust list; nothing else is served from outside ui/.
  server: { fs: { allow: [".", "../src-tauri/src/commands"] } },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
