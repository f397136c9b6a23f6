fn main() {
    // Reads tauri.conf.json and capabilities/, checks ../ui/dist exists, and
    // generates the permission/ACL data that `tauri::generate_context!` embeds.
    tauri_build::build();
}
