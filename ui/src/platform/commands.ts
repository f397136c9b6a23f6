// One typed function per Rust command listed in src-tauri/src/commands/mod.rs.
// Keep the names and shapes in step with the Rust side (later: generated bindings).
import { call } from "./invoke";

export interface AppInfo {
  version: string;
}

export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}
