// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = relance_desktop::run() {
        eprintln!("relance: {error}");
        std::process::exit(1);
    }
}
